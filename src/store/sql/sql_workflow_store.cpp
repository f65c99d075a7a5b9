// store/sql/sql_workflow_store.cpp — the evaluations table and its review transitions.
#include "store/sql/sql_stores.hpp"

namespace jixiao::store::sql {
namespace {

constexpr std::string_view k_columns =
    "SELECT id, unit_code, fiscal_year, status, inputs_json, snapshot_json, self_score_centi, "
    "review_score_centi, "
    "review_comment, submitted_by, submitted_at, reviewed_by, reviewed_at, updated_by, updated_at, "
    "version "
    "FROM evaluations";

EvaluationRecord read_record(const Statement& s) {
  EvaluationRecord r;
  r.id = s.column_int(0);
  r.unit_code = s.column_text(1);
  r.fiscal_year = static_cast<int>(s.column_int(2));
  auto status = parse_evaluation_status(s.column_text(3));
  JIXIAO_ASSERT(status.has_value(), "the CHECK constraint keeps statuses valid");
  r.status = *status;
  r.inputs_json = s.column_text(4);
  r.snapshot_json = s.column_text(5);
  r.self_score_centi = s.column_int(6);
  if (!s.column_is_null(7)) r.review_score_centi = s.column_int(7);
  r.review_comment = s.column_text(8);
  r.submitted_by = s.column_text(9);
  r.submitted_at = s.column_text(10);
  r.reviewed_by = s.column_text(11);
  r.reviewed_at = s.column_text(12);
  r.updated_by = s.column_text(13);
  r.updated_at = s.column_text(14);
  r.version = s.column_int(15);
  return r;
}

std::string target_text(const std::string& unit_code, int fiscal_year) {
  return unit_code + " " + std::to_string(fiscal_year) + " 年度自评";
}

Error wrong_state(const EvaluationRecord& r, std::string_view wanted) {
  return Error::conflict(target_text(r.unit_code, r.fiscal_year) + "当前状态为“" +
                             std::string(chinese_name(r.status)) + "”，" + std::string(wanted),
                         {.field = "status"});
}

}  // namespace

Result<std::vector<EvaluationRecord>> SqlWorkflowStore::evaluations(int fiscal_year,
                                                                    const std::string& unit_code) {
  std::string sql = std::string(k_columns) +
                    " WHERE (?1 = 0 OR fiscal_year = ?1) AND (?2 = '' OR unit_code = ?2)" +
                    " ORDER BY unit_code, fiscal_year";
  auto s = m_db.prepare(sql);
  if (!s) return fail(std::move(s.error()));
  s->bind(1, fiscal_year).bind(2, unit_code);
  std::vector<EvaluationRecord> out;
  JIXIAO_TRY(s->each([&] { out.push_back(read_record(*s)); }));
  return out;
}

Result<std::optional<EvaluationRecord>> SqlWorkflowStore::find_evaluation(
    const std::string& unit_code, int fiscal_year) {
  auto s = m_db.prepare(std::string(k_columns) + " WHERE unit_code = ?1 AND fiscal_year = ?2");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, unit_code).bind(2, fiscal_year);
  auto row = s->step();
  if (!row) return fail(std::move(row.error()));
  if (!*row) return std::optional<EvaluationRecord>();
  return std::optional<EvaluationRecord>(read_record(*s));
}

namespace {

// The record, row-locked until the transaction ends on PostgreSQL (SELECT … FOR UPDATE), so
// that a concurrent submit or review of the same evaluation waits and then sees this one's
// outcome. SQLite needs no lock: its write transaction (BEGIN IMMEDIATE) is exclusive.
Result<std::optional<EvaluationRecord>> find_locked(Database& db, SqlWorkflowStore& store,
                                                    const std::string& unit_code, int fiscal_year) {
  if (db.dialect() == Dialect::postgres) {
    auto lock = db.prepare(
        "SELECT id FROM evaluations WHERE unit_code = ?1 AND fiscal_year = ?2 FOR UPDATE");
    if (!lock) return fail(std::move(lock.error()));
    lock->bind(1, unit_code).bind(2, fiscal_year);
    JIXIAO_TRY(lock->run());
  }
  return store.find_evaluation(unit_code, fiscal_year);
}

// What a draft save and a submission write: the evaluation (?1 unit, ?2 year), its JSON (?3: the
// inputs or the snapshot), the self score (?4), who (?5) and when (?6). Runs `sql` with these and
// the optional ?7 (the expected version).
struct EvaluationWrite {
  const std::string& unit_code;
  int fiscal_year;
  const std::string& json;
  std::int64_t self_score_centi;
  const std::string& user;
  std::string now = utc_now();
};

Result<void> write_evaluation(Database& db, std::string_view sql, const EvaluationWrite& w,
                              std::optional<std::int64_t> version = std::nullopt) {
  auto s = db.prepare(sql);
  if (!s) return fail(std::move(s.error()));
  s->bind(1, w.unit_code)
      .bind(2, w.fiscal_year)
      .bind(3, w.json)
      .bind(4, w.self_score_centi)
      .bind(5, w.user)
      .bind(6, w.now);
  if (version) s->bind(7, *version);
  return s->run();
}

}  // namespace

Result<EvaluationRecord> SqlWorkflowStore::save_draft(
    const std::string& unit_code, int fiscal_year, const std::string& inputs_json,
    std::int64_t self_score_centi, const std::string& user,
    std::optional<std::int64_t> expected_version) {
  Transaction tx(m_db);
  JIXIAO_TRY(tx.begin());
  auto current = find_locked(m_db, *this, unit_code, fiscal_year);
  if (!current) return fail(std::move(current.error()));
  const EvaluationWrite write{unit_code, fiscal_year, inputs_json, self_score_centi, user};
  auto stale = [&](std::int64_t stored) {
    return Error::conflict(target_text(unit_code, fiscal_year) + std::string(k_version_conflict) +
                           "（当前版本 " + std::to_string(stored) + "，你的修改基于版本 " +
                           std::to_string(*expected_version) + "）；请重新打开后再保存");
  };
  if (expected_version && !current->has_value() && *expected_version != 0) return fail(stale(0));
  if (!current->has_value()) {
    JIXIAO_TRY(write_evaluation(
        m_db,
        "INSERT INTO evaluations (unit_code, fiscal_year, status, inputs_json, self_score_centi, "
        "updated_by, updated_at) VALUES (?1, ?2, 'draft', ?3, ?4, ?5, ?6)",
        write));
  } else {
    const auto& r = **current;
    if (r.status != EvaluationStatus::draft && r.status != EvaluationStatus::returned) {
      return fail(wrong_state(r, "提交后不能修改；如需修改，请财政局退回"));
    }
    // The version test is in the UPDATE: under concurrent saves (PostgreSQL, several servers)
    // the second waits for the first's row lock, then finds the version moved and changes nothing.
    JIXIAO_TRY(write_evaluation(
        m_db,
        "UPDATE evaluations SET inputs_json = ?3, self_score_centi = ?4, updated_by = ?5, "
        "updated_at = ?6, version = version + 1 WHERE unit_code = ?1 AND fiscal_year = ?2 AND "
        "(?7 < 0 OR version = ?7) AND status IN ('draft', 'returned')",
        write, expected_version.value_or(-1)));
    if (m_db.changes() == 0) {
      auto now_stored = find_evaluation(unit_code, fiscal_year);
      if (!now_stored) return fail(std::move(now_stored.error()));
      if (now_stored->has_value() && (*now_stored)->status != EvaluationStatus::draft &&
          (*now_stored)->status != EvaluationStatus::returned) {
        return fail(wrong_state(**now_stored, "提交后不能修改；如需修改，请财政局退回"));
      }
      return fail(stale(now_stored->has_value() ? (*now_stored)->version : 0));
    }
  }
  auto saved = find_evaluation(unit_code, fiscal_year);
  if (!saved) return fail(std::move(saved.error()));
  JIXIAO_TRY(tx.commit());
  return **saved;
}

Result<EvaluationRecord> SqlWorkflowStore::submit(const std::string& unit_code, int fiscal_year,
                                                  const std::string& snapshot_json,
                                                  std::int64_t self_score_centi,
                                                  const std::string& user) {
  Transaction tx(m_db);
  JIXIAO_TRY(tx.begin());
  auto current = find_locked(m_db, *this, unit_code, fiscal_year);
  if (!current) return fail(std::move(current.error()));
  if (!current->has_value()) {
    return fail(Error::not_found(target_text(unit_code, fiscal_year) + "还没有草稿，不能提交"));
  }
  if ((*current)->status != EvaluationStatus::draft &&
      (*current)->status != EvaluationStatus::returned) {
    return fail(wrong_state(**current, "不能再次提交"));
  }
  JIXIAO_TRY(write_evaluation(
      m_db,
      "UPDATE evaluations SET status = 'submitted', snapshot_json = ?3, self_score_centi = ?4, "
      "submitted_by = ?5, submitted_at = ?6, updated_by = ?5, updated_at = ?6, "
      "version = version + 1 WHERE unit_code = ?1 AND fiscal_year = ?2",
      {unit_code, fiscal_year, snapshot_json, self_score_centi, user}));
  auto saved = find_evaluation(unit_code, fiscal_year);
  if (!saved) return fail(std::move(saved.error()));
  JIXIAO_TRY(tx.commit());
  return **saved;
}

Result<EvaluationRecord> SqlWorkflowStore::review(const std::string& unit_code, int fiscal_year,
                                                  Decision decision,
                                                  std::optional<std::int64_t> review_score_centi,
                                                  const std::string& comment,
                                                  const std::string& user) {
  Transaction tx(m_db);
  JIXIAO_TRY(tx.begin());
  auto current = find_locked(m_db, *this, unit_code, fiscal_year);
  if (!current) return fail(std::move(current.error()));
  if (!current->has_value()) {
    return fail(Error::not_found(target_text(unit_code, fiscal_year) + "不存在"));
  }
  if ((*current)->status != EvaluationStatus::submitted) {
    return fail(wrong_state(**current, "只有已提交的自评可以复核或退回"));
  }
  std::string now = utc_now();
  auto s = m_db.prepare(
      "UPDATE evaluations SET status = ?3, review_score_centi = ?4, review_comment = ?5, "
      "reviewed_by = ?6, "
      "reviewed_at = ?7, updated_by = ?6, updated_at = ?7, version = version + 1 "
      "WHERE unit_code = ?1 AND fiscal_year = ?2");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, unit_code)
      .bind(2, fiscal_year)
      .bind(3, decision == Decision::accept ? "reviewed" : "returned")
      .bind(5, comment)
      .bind(6, user)
      .bind(7, now);
  if (review_score_centi) {
    s->bind(4, *review_score_centi);
  } else {
    s->bind_null(4);
  }
  JIXIAO_TRY(s->run());
  auto saved = find_evaluation(unit_code, fiscal_year);
  if (!saved) return fail(std::move(saved.error()));
  JIXIAO_TRY(tx.commit());
  return **saved;
}

}  // namespace jixiao::store::sql
