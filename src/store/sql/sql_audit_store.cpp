// store/sql/sql_audit_store.cpp — the append-only audit_log table.
#include "store/sql/sql_stores.hpp"

namespace jixiao::store::sql {
namespace {

// Above every string that starts with a prefix: the prefix followed by U+10FFFF, the last code
// point (both engines compare these columns byte by byte, and UTF-8's byte order is code-point
// order).
std::string past_prefix(const std::string& prefix) { return prefix + "\xF4\x8F\xBF\xBF"; }

}  // namespace

// A prefix filter is a range (prefix ≤ x < past_prefix) so that the indexes audit_log_by_action
// and audit_log_by_target (migration 012) answer it; the substr test keeps it exact.
std::string SqlAuditStore::where_clause(const AuditQuery& query) {
  std::string sql = " WHERE 1 = 1";
  if (!query.user.empty()) sql += " AND user_name = ?1";
  if (!query.action.empty())
    sql += " AND action >= ?2 AND action < ?4 AND substr(action, 1, length(?2)) = ?2";
  if (!query.target.empty())
    sql += " AND target >= ?3 AND target < ?5 AND substr(target, 1, length(?3)) = ?3";
  return sql;
}

void SqlAuditStore::bind_query(Statement& s, const AuditQuery& query) {
  if (!query.user.empty()) s.bind(1, query.user);
  if (!query.action.empty()) s.bind(2, query.action).bind(4, past_prefix(query.action));
  if (!query.target.empty()) s.bind(3, query.target).bind(5, past_prefix(query.target));
}

Result<AuditEntry> SqlAuditStore::append(const AuditEntry& entry) {
  auto s = m_db.prepare(
      "INSERT INTO audit_log (at, user_name, source, action, target, before_json, after_json) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!s) return fail(std::move(s.error()));
  AuditEntry out = entry;
  if (out.at.empty()) out.at = utc_now();
  if (out.source.empty()) out.source = "api";
  if (out.before_json.empty()) out.before_json = "null";
  if (out.after_json.empty()) out.after_json = "null";
  s->bind(1, out.at)
      .bind(2, out.user)
      .bind(3, out.source)
      .bind(4, out.action)
      .bind(5, out.target)
      .bind(6, out.before_json)
      .bind(7, out.after_json);
  JIXIAO_TRY(s->run());
  out.id = m_db.last_insert_rowid();
  return out;
}

Result<std::vector<AuditEntry>> SqlAuditStore::entries(const AuditQuery& query) {
  std::string sql =
      "SELECT id, at, user_name, source, action, target, before_json, after_json FROM audit_log" +
      where_clause(query) + " ORDER BY id DESC";
  if (query.limit > 0)
    sql += " LIMIT " + std::to_string(query.limit) + " OFFSET " + std::to_string(query.offset);
  auto s = m_db.prepare(sql);
  if (!s) return fail(std::move(s.error()));
  bind_query(*s, query);
  std::vector<AuditEntry> out;
  JIXIAO_TRY(s->each([&] {
    out.push_back({s->column_int(0), s->column_text(1), s->column_text(2), s->column_text(3),
                   s->column_text(4), s->column_text(5), s->column_text(6), s->column_text(7)});
  }));
  return out;
}

Result<std::int64_t> SqlAuditStore::count(const AuditQuery& query) {
  auto s = m_db.prepare("SELECT count(*) FROM audit_log" + where_clause(query));
  if (!s) return fail(std::move(s.error()));
  bind_query(*s, query);
  auto row = s->step();
  if (!row) return fail(std::move(row.error()));
  return s->column_int(0);
}

}  // namespace jixiao::store::sql
