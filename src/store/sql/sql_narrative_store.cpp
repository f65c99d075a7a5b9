// store/sql/sql_narrative_store.cpp — the narratives table (migration 005) and the score
// overrides (migration 010).

#include "store/sql/sql_narrative_store.hpp"

#include "store/sql/sql_stores.hpp"

namespace jixiao::store::sql {
namespace {

Result<std::vector<Narrative>> read_all(Statement& s) {
  std::vector<Narrative> out;
  JIXIAO_TRY(s.each([&] {
    out.push_back({s.column_text(0), static_cast<int>(s.column_int(1)), s.column_text(2),
                   s.column_text(3), s.column_text(4), s.column_text(5)});
  }));
  return out;
}

constexpr const char* k_select =
    "SELECT unit_code, fiscal_year, key, text, updated_at, updated_by FROM narratives WHERE "
    "fiscal_year = ?1";

}  // namespace

Result<std::vector<Narrative>> SqlNarrativeStore::narratives(const std::string& unit_code,
                                                             int fiscal_year) {
  auto s = m_db.prepare(std::string(k_select) + " AND unit_code = ?2 ORDER BY key");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, fiscal_year).bind(2, unit_code);
  return read_all(*s);
}

Result<std::vector<Narrative>> SqlNarrativeStore::narratives_of_year(int fiscal_year) {
  auto s = m_db.prepare(std::string(k_select) + " ORDER BY unit_code, key");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, fiscal_year);
  return read_all(*s);
}

Result<void> SqlNarrativeStore::set_narrative(const Narrative& n) {
  auto s = m_db.prepare(
      "INSERT INTO narratives (unit_code, fiscal_year, key, text, updated_at, updated_by) VALUES "
      "(?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT (unit_code, fiscal_year, key) DO UPDATE SET text = excluded.text, updated_at = "
      "excluded.updated_at, "
      "updated_by = excluded.updated_by");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, n.unit_code)
      .bind(2, n.fiscal_year)
      .bind(3, n.key)
      .bind(4, n.text)
      .bind(5, utc_now())
      .bind(6, n.updated_by);
  return s->run();
}

Result<bool> SqlNarrativeStore::remove_narrative(const std::string& unit_code, int fiscal_year,
                                                 const std::string& key) {
  auto s =
      m_db.prepare("DELETE FROM narratives WHERE unit_code = ?1 AND fiscal_year = ?2 AND key = ?3");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, unit_code).bind(2, fiscal_year).bind(3, key);
  JIXIAO_TRY(s->run());
  return m_db.changes() > 0;
}

Result<std::vector<ScoreOverride>> SqlNarrativeStore::score_overrides(const std::string& unit_code,
                                                                      int fiscal_year) {
  auto s = m_db.prepare(
      "SELECT unit_code, fiscal_year, item, score, reason, updated_at, updated_by FROM "
      "score_overrides "
      "WHERE unit_code = ?1 AND fiscal_year = ?2 ORDER BY item");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, unit_code).bind(2, fiscal_year);
  std::vector<ScoreOverride> out;
  JIXIAO_TRY(s->each([&] {
    out.push_back({s->column_text(0), static_cast<int>(s->column_int(1)), s->column_text(2),
                   s->column_text(3), s->column_text(4), s->column_text(5), s->column_text(6)});
  }));
  return out;
}

Result<void> SqlNarrativeStore::set_score_override(const ScoreOverride& o) {
  auto s = m_db.prepare(
      "INSERT INTO score_overrides (unit_code, fiscal_year, item, score, reason, updated_at, "
      "updated_by) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (unit_code, fiscal_year, item) DO UPDATE "
      "SET "
      "score = excluded.score, reason = excluded.reason, updated_at = excluded.updated_at, "
      "updated_by = excluded.updated_by");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, o.unit_code)
      .bind(2, o.fiscal_year)
      .bind(3, o.item)
      .bind(4, o.score)
      .bind(5, o.reason)
      .bind(6, utc_now())
      .bind(7, o.updated_by);
  return s->run();
}

Result<bool> SqlNarrativeStore::remove_score_override(const std::string& unit_code, int fiscal_year,
                                                      const std::string& item) {
  auto s = m_db.prepare(
      "DELETE FROM score_overrides WHERE unit_code = ?1 AND fiscal_year = ?2 AND item = ?3");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, unit_code).bind(2, fiscal_year).bind(3, item);
  JIXIAO_TRY(s->run());
  return m_db.changes() > 0;
}

}  // namespace jixiao::store::sql
