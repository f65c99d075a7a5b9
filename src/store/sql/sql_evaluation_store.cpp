// store/sql/sql_evaluation_store.cpp — the checklist_answers and frozen_evaluations
// tables (migration 004).
#include "store/sql/sql_evaluation_store.hpp"

#include <set>

#include "store/sql/sql_stores.hpp"

namespace jixiao::store::sql {
namespace {

constexpr const char* k_frozen_columns =
    "SELECT id, unit_code, fiscal_year, framework_id, framework_text, inputs_json, scorecard_json, "
    "total_centi, grade, "
    "claimed_centi, frozen_by, frozen_at FROM frozen_evaluations";

model::FrozenEvaluation read_frozen(const Statement& s) {
  model::FrozenEvaluation f;
  f.id = s.column_int(0);
  f.unit_code = s.column_text(1);
  f.fiscal_year = static_cast<int>(s.column_int(2));
  f.framework_id = s.column_text(3);
  f.framework_text = s.column_text(4);
  f.inputs_json = s.column_text(5);
  f.scorecard_json = s.column_text(6);
  f.total = s.column_int(7);
  f.grade = s.column_text(8);
  if (!s.column_is_null(9)) f.claimed = s.column_int(9);
  f.frozen_by = s.column_text(10);
  f.frozen_at = s.column_text(11);
  return f;
}

}  // namespace

Result<std::vector<model::ChecklistAnswer>> SqlEvaluationStore::checklist_answers(
    int fiscal_year, const std::string& unit_code) {
  std::string sql =
      "SELECT unit_code, fiscal_year, answer_key, value, not_applicable, evidence, answered_by, "
      "answered_at "
      "FROM checklist_answers WHERE fiscal_year = ?1";
  if (!unit_code.empty()) sql += " AND unit_code = ?2";
  sql += " ORDER BY unit_code, answer_key";
  auto s = m_db.prepare(sql);
  if (!s) return fail(std::move(s.error()));
  s->bind(1, fiscal_year);
  if (!unit_code.empty()) s->bind(2, unit_code);
  std::vector<model::ChecklistAnswer> out;
  JIXIAO_TRY(s->each([&] {
    model::ChecklistAnswer a;
    a.unit_code = s->column_text(0);
    a.fiscal_year = static_cast<int>(s->column_int(1));
    a.key = s->column_text(2);
    if (!s->column_is_null(3)) a.value = s->column_double(3);
    a.not_applicable = s->column_int(4) != 0;
    a.evidence = s->column_text(5);
    a.answered_by = s->column_text(6);
    a.answered_at = s->column_text(7);
    out.push_back(std::move(a));
  }));
  return out;
}

Result<void> SqlEvaluationStore::save_checklist_answers(
    const std::vector<model::ChecklistAnswer>& answers) {
  std::set<std::string> units;
  {
    auto s = m_db.prepare("SELECT code FROM units");
    if (!s) return fail(std::move(s.error()));
    JIXIAO_TRY(s->each([&] { units.insert(s->column_text(0)); }));
  }
  for (const auto& a : answers) {
    if (!units.contains(a.unit_code))
      return fail(Error::not_found("未知的单位代码: " + a.unit_code));
  }
  Transaction tx(m_db);
  JIXIAO_TRY(tx.begin());
  auto s = m_db.prepare(
      "INSERT INTO checklist_answers (unit_code, fiscal_year, answer_key, value, not_applicable, "
      "evidence, answered_by, "
      "answered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (unit_code, fiscal_year, "
      "answer_key) DO UPDATE "
      "SET value = excluded.value, not_applicable = excluded.not_applicable, evidence = "
      "excluded.evidence, "
      "answered_by = excluded.answered_by, answered_at = excluded.answered_at");
  if (!s) return fail(std::move(s.error()));
  const std::string now = utc_now();
  for (const auto& a : answers) {
    s->reset();
    s->bind(1, a.unit_code).bind(2, a.fiscal_year).bind(3, a.key);
    if (a.value) {
      s->bind(4, *a.value);
    } else {
      s->bind_null(4);
    }
    s->bind(5, a.not_applicable ? 1 : 0).bind(6, a.evidence).bind(7, a.answered_by).bind(8, now);
    JIXIAO_TRY(s->run());
  }
  return tx.commit();
}

Result<model::FrozenEvaluation> SqlEvaluationStore::freeze(const model::FrozenEvaluation& e) {
  auto s = m_db.prepare(
      "INSERT INTO frozen_evaluations (unit_code, fiscal_year, framework_id, framework_text, "
      "inputs_json, "
      "scorecard_json, total_centi, grade, claimed_centi, frozen_by, frozen_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  if (!s) return fail(std::move(s.error()));
  model::FrozenEvaluation out = e;
  out.frozen_at = utc_now();
  s->bind(1, e.unit_code).bind(2, e.fiscal_year).bind(3, e.framework_id).bind(4, e.framework_text);
  s->bind(5, e.inputs_json).bind(6, e.scorecard_json).bind(7, e.total).bind(8, e.grade);
  if (e.claimed) {
    s->bind(9, *e.claimed);
  } else {
    s->bind_null(9);
  }
  s->bind(10, e.frozen_by).bind(11, out.frozen_at);
  JIXIAO_TRY(s->run());
  out.id = m_db.last_insert_rowid();
  return out;
}

Result<std::optional<model::FrozenEvaluation>> SqlEvaluationStore::frozen(std::int64_t id) {
  auto s = m_db.prepare(std::string(k_frozen_columns) + " WHERE id = ?1");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, id);
  auto row = s->step();
  if (!row) return fail(std::move(row.error()));
  if (!*row) return std::optional<model::FrozenEvaluation>();
  return std::optional<model::FrozenEvaluation>(read_frozen(*s));
}

Result<std::vector<model::FrozenEvaluation>> SqlEvaluationStore::frozen_evaluations(
    int fiscal_year, const std::string& unit_code) {
  std::string sql = std::string(k_frozen_columns) +
                    " WHERE (?1 = 0 OR fiscal_year = ?1) AND (?2 = '' OR unit_code = ?2)"
                    " ORDER BY id";
  auto s = m_db.prepare(sql);
  if (!s) return fail(std::move(s.error()));
  s->bind(1, fiscal_year).bind(2, unit_code);
  std::vector<model::FrozenEvaluation> out;
  JIXIAO_TRY(s->each([&] { out.push_back(read_frozen(*s)); }));
  return out;
}

}  // namespace jixiao::store::sql
