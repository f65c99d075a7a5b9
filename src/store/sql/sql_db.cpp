// store/sql/sql_db.cpp — the transaction helper and clock shared by both backends.
#include "store/sql/sql_db.hpp"

#include <chrono>
#include <ctime>

namespace jixiao::store::sql {

std::string utc_now() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Transaction::~Transaction() {
  if (!m_open) return;
  (void)m_db.exec(m_nested ? "ROLLBACK TO SAVEPOINT jx_nested; RELEASE SAVEPOINT jx_nested" : "ROLLBACK");
}

Result<void> Transaction::begin() {
  m_nested = m_db.in_transaction();
  JIXIAO_TRY(m_db.exec(m_nested ? std::string_view("SAVEPOINT jx_nested") : m_db.begin_statement()));
  m_open = true;
  return {};
}

Result<void> Transaction::commit() {
  JIXIAO_TRY(m_db.exec(m_nested ? "RELEASE SAVEPOINT jx_nested" : "COMMIT"));
  m_open = false;
  return {};
}

}  // namespace jixiao::store::sql
