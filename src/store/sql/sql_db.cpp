// store/sql/sql_db.cpp — the transaction helper and clock shared by both backends.
#include "store/sql/sql_db.hpp"

#include "core/clock.hpp"

namespace jixiao::store::sql {

// When something was recorded: the process clock (so a run under $JIXIAO_NOW records its fixed
// instant), the wall clock if that is misconfigured (the CLI and the server refuse to start then).
std::string utc_now() {
  auto clock = process_clock();
  return clock ? (*clock)->utc_iso() : wall_clock().utc_iso();
}

Transaction::~Transaction() {
  if (!m_open) return;
  (void)m_db.exec(m_nested ? "ROLLBACK TO SAVEPOINT jx_nested; RELEASE SAVEPOINT jx_nested"
                           : "ROLLBACK");
}

Result<void> Transaction::begin() {
  m_nested = m_db.in_transaction();
  JIXIAO_TRY(
      m_db.exec(m_nested ? std::string_view("SAVEPOINT jx_nested") : m_db.begin_statement()));
  m_open = true;
  return {};
}

Result<void> Transaction::commit() {
  JIXIAO_TRY(m_db.exec(m_nested ? "RELEASE SAVEPOINT jx_nested" : "COMMIT"));
  m_open = false;
  return {};
}

DurableCommit::~DurableCommit() {
  if (m_changed) (void)m_db.exec("PRAGMA synchronous=NORMAL");
}

Result<void> DurableCommit::begin() {
  if (m_db.dialect() != Dialect::sqlite || m_db.in_transaction()) return {};
  JIXIAO_TRY(m_db.exec("PRAGMA synchronous=FULL"));
  m_changed = true;
  return {};
}

}  // namespace jixiao::store::sql
