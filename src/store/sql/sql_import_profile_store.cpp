// store/sql/sql_import_profile_store.cpp — the import_profiles table (migration 011).

#include "store/sql/sql_import_profile_store.hpp"

namespace jixiao::store::sql {
namespace {

Result<std::vector<ImportProfile>> read_all(Statement& s) {
  std::vector<ImportProfile> out;
  JIXIAO_TRY(s.each([&] {
    out.push_back({s.column_text(0), s.column_text(1), s.column_text(2), s.column_text(3),
                   s.column_text(4), s.column_text(5)});
  }));
  return out;
}

constexpr const char* k_select =
    "SELECT unit_code, name, kind, definition, updated_at, updated_by FROM import_profiles";

}  // namespace

Result<std::optional<ImportProfile>> SqlImportProfileStore::import_profile(
    const std::string& unit_code, const std::string& name) {
  auto s = m_db.prepare(std::string(k_select) + " WHERE unit_code = ?1 AND name = ?2");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, unit_code).bind(2, name);
  auto all = read_all(*s);
  if (!all) return fail(std::move(all.error()));
  if (all->empty()) return std::optional<ImportProfile>();
  return std::optional<ImportProfile>(std::move(all->front()));
}

Result<std::vector<ImportProfile>> SqlImportProfileStore::import_profiles(const std::string& name) {
  auto s = m_db.prepare(std::string(k_select) + (name.empty() ? "" : " WHERE name = ?1") +
                        " ORDER BY unit_code, name");
  if (!s) return fail(std::move(s.error()));
  if (!name.empty()) s->bind(1, name);
  return read_all(*s);
}

Result<void> SqlImportProfileStore::set_import_profile(const ImportProfile& p) {
  auto s = m_db.prepare(
      "INSERT INTO import_profiles (unit_code, name, kind, definition, updated_at, updated_by) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT (unit_code, name) DO UPDATE SET kind = excluded.kind, definition = "
      "excluded.definition, "
      "updated_at = excluded.updated_at, updated_by = excluded.updated_by");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, p.unit_code)
      .bind(2, p.name)
      .bind(3, p.kind)
      .bind(4, p.definition)
      .bind(5, utc_now())
      .bind(6, p.updated_by);
  return s->run();
}

Result<bool> SqlImportProfileStore::remove_import_profile(const std::string& unit_code,
                                                          const std::string& name) {
  auto s = m_db.prepare("DELETE FROM import_profiles WHERE unit_code = ?1 AND name = ?2");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, unit_code).bind(2, name);
  JIXIAO_TRY(s->run());
  return m_db.changes() > 0;
}

}  // namespace jixiao::store::sql
