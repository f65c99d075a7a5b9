// store/sql/sql_user_store.cpp — the users table.

#include "store/sql/sql_stores.hpp"

namespace jixiao::store::sql {
namespace {

constexpr std::string_view k_columns =
    "SELECT id, name, display_name, role, unit_codes, password_hash, must_change_password, "
    "disabled, created_at "
    "FROM users";

std::string join_codes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

std::vector<std::string> split_codes(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

User read_user(const Statement& s) {
  User u;
  u.id = s.column_int(0);
  u.name = s.column_text(1);
  u.display_name = s.column_text(2);
  auto role = parse_role(s.column_text(3));
  JIXIAO_ASSERT(role.has_value(), "the CHECK constraint keeps roles valid");
  u.role = *role;
  u.unit_codes = split_codes(s.column_text(4));
  u.password_hash = s.column_text(5);
  u.must_change_password = s.column_int(6) != 0;
  u.disabled = s.column_int(7) != 0;
  u.created_at = s.column_text(8);
  return u;
}

}  // namespace

Result<std::vector<User>> SqlUserStore::users() {
  auto s = m_db.prepare(std::string(k_columns) + " ORDER BY name");
  if (!s) return fail(std::move(s.error()));
  std::vector<User> out;
  JIXIAO_TRY(s->each([&] { out.push_back(read_user(*s)); }));
  return out;
}

Result<std::optional<User>> SqlUserStore::find_user(const std::string& name) {
  auto s = m_db.prepare(std::string(k_columns) + " WHERE name = ?1");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, name);
  auto row = s->step();
  if (!row) return fail(std::move(row.error()));
  if (!*row) return std::optional<User>();
  return std::optional<User>(read_user(*s));
}

Result<User> SqlUserStore::add_user(const User& user) {
  auto existing = find_user(user.name);
  if (!existing) return fail(std::move(existing.error()));
  if (existing->has_value())
    return fail(Error::conflict("用户已存在: " + user.name, {.field = "name"}));
  auto s = m_db.prepare(
      "INSERT INTO users (name, display_name, role, unit_codes, password_hash, "
      "must_change_password, disabled, "
      "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!s) return fail(std::move(s.error()));
  User out = user;
  out.created_at = utc_now();
  s->bind(1, out.name)
      .bind(2, out.display_name)
      .bind(3, to_string(out.role))
      .bind(4, join_codes(out.unit_codes))
      .bind(5, out.password_hash)
      .bind(6, out.must_change_password ? 1 : 0)
      .bind(7, out.disabled ? 1 : 0)
      .bind(8, out.created_at);
  JIXIAO_TRY(s->run());
  out.id = m_db.last_insert_rowid();
  return out;
}

Result<void> SqlUserStore::update_one(Statement& stmt, const std::string& name) {
  JIXIAO_TRY(stmt.run());
  if (m_db.changes() == 0)
    return fail(Error::not_found("没有这个用户: " + name, {.field = "name"}));
  return {};
}

Result<void> SqlUserStore::set_password_hash(const std::string& name, const std::string& hash,
                                             bool must_change_password) {
  auto s = m_db.prepare(
      "UPDATE users SET password_hash = ?2, must_change_password = ?3 WHERE name = ?1");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, name).bind(2, hash).bind(3, must_change_password ? 1 : 0);
  return update_one(*s, name);
}

Result<void> SqlUserStore::set_role(const std::string& name, Role role,
                                    const std::vector<std::string>& unit_codes) {
  auto s = m_db.prepare("UPDATE users SET role = ?2, unit_codes = ?3 WHERE name = ?1");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, name).bind(2, to_string(role)).bind(3, join_codes(unit_codes));
  return update_one(*s, name);
}

Result<void> SqlUserStore::set_disabled(const std::string& name, bool disabled) {
  auto s = m_db.prepare("UPDATE users SET disabled = ?2 WHERE name = ?1");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, name).bind(2, disabled ? 1 : 0);
  return update_one(*s, name);
}

Result<void> SqlUserStore::save_session(const SessionRecord& session) {
  auto s = m_db.prepare(
      "INSERT INTO sessions (token_hash, user_name, csrf, expires_at) VALUES (?1, ?2, ?3, ?4)");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, session.token_hash)
      .bind(2, session.user_name)
      .bind(3, session.csrf)
      .bind(4, session.expires_at);
  auto r = s->run();
  if (!r && r.error().code() == ErrorCode::conflict)
    return fail(Error::not_found("用户不存在: " + session.user_name));
  return r;
}

Result<std::optional<SessionRecord>> SqlUserStore::find_session(const std::string& token_hash,
                                                                std::int64_t now) {
  auto s = m_db.prepare(
      "SELECT token_hash, user_name, csrf, expires_at FROM sessions WHERE token_hash = ?1 AND "
      "expires_at > ?2");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, token_hash).bind(2, now);
  auto row = s->step();
  if (!row) return fail(std::move(row.error()));
  if (!*row) return std::optional<SessionRecord>();
  return std::optional<SessionRecord>(
      SessionRecord{s->column_text(0), s->column_text(1), s->column_text(2), s->column_int(3)});
}

Result<void> SqlUserStore::remove_session(const std::string& token_hash) {
  auto s = m_db.prepare("DELETE FROM sessions WHERE token_hash = ?1");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, token_hash);
  return s->run();
}

Result<void> SqlUserStore::remove_expired_sessions(std::int64_t now) {
  auto s = m_db.prepare("DELETE FROM sessions WHERE expires_at <= ?1");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, now);
  return s->run();
}

Result<void> SqlUserStore::remove_sessions(const std::string& user_name, std::int64_t now) {
  auto s = m_db.prepare("DELETE FROM sessions WHERE user_name = ?1 OR expires_at <= ?2");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, user_name).bind(2, now);
  return s->run();
}

}  // namespace jixiao::store::sql
