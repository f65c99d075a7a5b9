// store/sql/sql_indicator_store.cpp — the indicator library and goals in SQL (both backends).
#include "store/sql/sql_indicator_store.hpp"

#include "store/sql/sql_stores.hpp"
#include "store/workflow_store.hpp"

namespace jixiao::store::sql {
namespace {

using model::Measure;

void bind_optional(Statement& s, int index, const std::optional<Measure>& m) {
  if (m) {
    s.bind(index, m->scaled());
  } else {
    s.bind_null(index);
  }
}

std::optional<Measure> column_measure(const Statement& s, int index) {
  if (s.column_is_null(index)) return std::nullopt;
  return Measure::from_scaled(s.column_int(index));
}

Date date_of(const std::string& iso) {
  auto d = parse_date(iso);
  JIXIAO_ASSERT(d.has_value(), "stored date is not ISO");
  return *d;
}

}  // namespace

Result<std::vector<model::IndicatorVersion>> SqlIndicatorStore::indicator_versions() {
  auto s = m_db.prepare(
      "SELECT code, version, change, effective_from, author, reason, recorded_at, name, subclass, "
      "definition, "
      "measure_unit, direction, quantitative, formula, data_source, sectors, unit_kinds, is_core, "
      "target_basis, "
      "typical_target FROM indicator_versions ORDER BY code, version");
  if (!s) return fail(std::move(s.error()));
  std::vector<model::IndicatorVersion> out;
  JIXIAO_TRY(s->each([&] {
    model::IndicatorVersion v;
    v.indicator.code = s->column_text(0);
    v.version = static_cast<int>(s->column_int(1));
    v.change = model::parse_change_kind(s->column_text(2)).value_or(model::ChangeKind::edit);
    v.effective_from = date_of(s->column_text(3));
    v.author = s->column_text(4);
    v.reason = s->column_text(5);
    v.recorded_at = s->column_text(6);
    model::Indicator& i = v.indicator;
    i.name = s->column_text(7);
    i.subclass = model::parse_indicator_subclass(s->column_text(8))
                     .value_or(model::IndicatorSubclass::quantity);
    i.definition = s->column_text(9);
    i.measure_unit = s->column_text(10);
    i.direction = model::parse_direction(s->column_text(11)).value_or(model::Direction::ge);
    i.quantitative = s->column_int(12) != 0;
    i.formula = s->column_text(13);
    i.data_source = s->column_text(14);
    i.sectors = s->column_text(15);
    i.unit_kinds = s->column_text(16);
    i.is_core = s->column_int(17) != 0;
    i.target_basis =
        model::parse_target_basis(s->column_text(18)).value_or(model::TargetBasis::plan);
    i.typical_target = s->column_text(19);
    out.push_back(std::move(v));
  }));
  return out;
}

Result<void> SqlIndicatorStore::append_indicator_versions(
    const std::vector<model::IndicatorVersion>& versions) {
  Transaction tx(m_db);
  JIXIAO_TRY(tx.begin());
  auto s = m_db.prepare(
      "INSERT INTO indicator_versions (code, version, change, effective_from, author, reason, "
      "recorded_at, name, "
      "subclass, definition, measure_unit, direction, quantitative, formula, data_source, sectors, "
      "unit_kinds, "
      "is_core, target_basis, typical_target) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
      "?11, ?12, ?13, ?14, "
      "?15, ?16, ?17, ?18, ?19, ?20)");
  if (!s) return fail(std::move(s.error()));
  const std::string now = utc_now();
  for (const model::IndicatorVersion& v : versions) {
    const model::Indicator& i = v.indicator;
    s->reset();
    s->bind(1, i.code)
        .bind(2, v.version)
        .bind(3, model::to_string(v.change))
        .bind(4, v.effective_from.to_string());
    s->bind(5, v.author)
        .bind(6, v.reason)
        .bind(7, v.recorded_at.empty() ? now : v.recorded_at)
        .bind(8, i.name);
    s->bind(9, model::to_string(i.subclass)).bind(10, i.definition).bind(11, i.measure_unit);
    s->bind(12, model::to_string(i.direction)).bind(13, i.quantitative ? 1 : 0).bind(14, i.formula);
    s->bind(15, i.data_source)
        .bind(16, i.sectors)
        .bind(17, i.unit_kinds)
        .bind(18, i.is_core ? 1 : 0);
    s->bind(19, model::to_string(i.target_basis)).bind(20, i.typical_target);
    auto r = s->run();
    if (!r) {
      if (r.error().code() == ErrorCode::conflict) {
        return fail(Error::conflict("指标版本已存在: " + i.code + " 第 " +
                                    std::to_string(v.version) + " 版"));
      }
      return fail(std::move(r.error()));
    }
  }
  JIXIAO_TRY(tx.commit());
  return {};
}

Result<std::vector<model::GoalSet>> SqlIndicatorStore::goal_sets(const std::string& unit_code,
                                                                 int fiscal_year) {
  // One statement, so one snapshot: with two (sets, then their indicators) a save committed
  // between them (it replaces the sets under new ids) gave indicators of sets not read.
  auto s = m_db.prepare(
      "SELECT g.id, g.line_code, g.line_name, g.overall_target, g.overall_result, "
      "gi.indicator_code, gi.indicator_version, gi.name, gi.subclass, gi.direction, "
      "gi.quantitative, gi.measure_unit, gi.target_scaled, gi.adjusted_scaled, gi.target_text, "
      "gi.points_scaled, "
      "gi.has_actual, gi.actual_scaled, gi.actual_grade, gi.actual_text, gi.actual_provider, "
      "gi.actual_source, "
      "gi.actual_recorded_at, gi.actual_recorded_by, gi.deviation_category, gi.deviation_reason "
      "FROM goal_sets g LEFT JOIN goal_indicators gi ON gi.goal_set_id = g.id "
      "WHERE g.unit_code = ?1 AND g.fiscal_year = ?2 ORDER BY g.line_code, g.id, gi.position");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, unit_code).bind(2, fiscal_year);
  std::vector<model::GoalSet> out;
  std::int64_t current_set = 0;
  constexpr int k = 4;  // the indicator's columns follow the set's five
  JIXIAO_TRY(s->each([&] {
    if (out.empty() || s->column_int(0) != current_set) {
      current_set = s->column_int(0);
      model::GoalSet g;
      g.unit_code = unit_code;
      g.fiscal_year = fiscal_year;
      g.line_code = s->column_text(1);
      g.line_name = s->column_text(2);
      g.overall_target = s->column_text(3);
      g.overall_result = s->column_text(4);
      out.push_back(std::move(g));
    }
    if (s->column_is_null(k + 1)) return;  // a set without indicators
    model::GoalIndicator gi;
    gi.indicator_code = s->column_text(k + 1);
    gi.indicator_version = static_cast<int>(s->column_int(k + 2));
    gi.name = s->column_text(k + 3);
    gi.subclass = model::parse_indicator_subclass(s->column_text(k + 4))
                      .value_or(model::IndicatorSubclass::quantity);
    gi.direction = model::parse_direction(s->column_text(k + 5)).value_or(model::Direction::ge);
    gi.quantitative = s->column_int(k + 6) != 0;
    gi.measure_unit = s->column_text(k + 7);
    gi.target = column_measure(*s, k + 8);
    gi.adjusted_target = column_measure(*s, k + 9);
    gi.target_text = s->column_text(k + 10);
    gi.points = Measure::from_scaled(s->column_int(k + 11));
    if (s->column_int(k + 12) != 0) {
      model::Actual a;
      a.value = column_measure(*s, k + 13);
      if (!s->column_is_null(k + 14))
        a.grade = model::parse_qualitative_grade(s->column_text(k + 14));
      a.text = s->column_text(k + 15);
      a.provider = model::parse_actual_provider(s->column_text(k + 16))
                       .value_or(model::ActualProvider::entered);
      a.source = s->column_text(k + 17);
      a.recorded_at = s->column_text(k + 18);
      a.recorded_by = s->column_text(k + 19);
      gi.actual = std::move(a);
    }
    if (!s->column_is_null(k + 20))
      gi.deviation_category = model::parse_deviation_category(s->column_text(k + 20));
    gi.deviation_reason = s->column_text(k + 21);
    out.back().indicators.push_back(std::move(gi));
  }));
  return out;
}

Result<std::vector<IndicatorStore::GoalKey>> SqlIndicatorStore::goal_keys() {
  auto s = m_db.prepare(
      "SELECT DISTINCT unit_code, fiscal_year FROM goal_sets ORDER BY unit_code, fiscal_year");
  if (!s) return fail(std::move(s.error()));
  std::vector<GoalKey> out;
  JIXIAO_TRY(s->each([&] {
    out.push_back({s->column_text(0), static_cast<int>(s->column_int(1))});
  }));
  return out;
}

Result<std::int64_t> SqlIndicatorStore::goal_version(const std::string& unit_code,
                                                     int fiscal_year) {
  auto s =
      m_db.prepare("SELECT version FROM goal_versions WHERE unit_code = ?1 AND fiscal_year = ?2");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, unit_code).bind(2, fiscal_year);
  auto row = s->step();
  if (!row) return fail(std::move(row.error()));
  return *row ? s->column_int(0) : std::int64_t{0};
}

namespace {

// Moves the goals' version of (unit, year) on by one, first thing in the replacing transaction,
// and returns the new version. With `expected`, the test is in the statement itself: on
// PostgreSQL a concurrent writer waits for this one's row lock (or, for the first write, its
// unique-key entry), then re-checks and changes nothing; SQLite's write transaction is exclusive.
Result<std::int64_t> bump_goal_version(Database& db, SqlIndicatorStore& store,
                                       const std::string& unit_code, int fiscal_year,
                                       std::optional<std::int64_t> expected) {
  const char* sql =
      !expected
          ? "INSERT INTO goal_versions (unit_code, fiscal_year, version) VALUES (?1, ?2, 1) "
            "ON CONFLICT (unit_code, fiscal_year) DO UPDATE SET version = goal_versions.version + 1"
      : *expected == 0
          ? "INSERT INTO goal_versions (unit_code, fiscal_year, version) VALUES (?1, ?2, 1) "
            "ON CONFLICT (unit_code, fiscal_year) DO NOTHING"
          : "UPDATE goal_versions SET version = version + 1 "
            "WHERE unit_code = ?1 AND fiscal_year = ?2 AND version = ?3";
  auto s = db.prepare(sql);
  if (!s) return fail(std::move(s.error()));
  s->bind(1, unit_code).bind(2, fiscal_year);
  if (expected && *expected != 0) s->bind(3, *expected);
  JIXIAO_TRY(s->run());
  if (expected && db.changes() == 0) {
    auto stored = store.goal_version(unit_code, fiscal_year);
    if (!stored) return fail(std::move(stored.error()));
    return fail(Error::conflict(unit_code + " " + std::to_string(fiscal_year) + " 年度绩效目标" +
                                std::string(k_version_conflict) + "（当前版本 " +
                                std::to_string(*stored) + "，你的修改基于版本 " +
                                std::to_string(*expected) + "）；请重新打开后再保存"));
  }
  return store.goal_version(unit_code, fiscal_year);
}

}  // namespace

Result<std::int64_t> SqlIndicatorStore::replace_goal_sets(
    const std::string& unit_code, int fiscal_year, const std::vector<model::GoalSet>& sets,
    std::optional<std::int64_t> expected_version) {
  Transaction tx(m_db);
  JIXIAO_TRY(tx.begin());
  auto version = bump_goal_version(m_db, *this, unit_code, fiscal_year, expected_version);
  if (!version) return fail(std::move(version.error()));
  auto del = m_db.prepare("DELETE FROM goal_sets WHERE unit_code = ?1 AND fiscal_year = ?2");
  if (!del) return fail(std::move(del.error()));
  del->bind(1, unit_code).bind(2, fiscal_year);
  JIXIAO_TRY(del->run());
  auto ins_set = m_db.prepare(
      "INSERT INTO goal_sets (unit_code, fiscal_year, line_code, line_name, overall_target, "
      "overall_result) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!ins_set) return fail(std::move(ins_set.error()));
  auto exists = m_db.prepare("SELECT 1 FROM indicator_versions WHERE code = ?1 AND version = ?2");
  if (!exists) return fail(std::move(exists.error()));
  auto ins = m_db.prepare(
      "INSERT INTO goal_indicators (goal_set_id, position, indicator_code, indicator_version, "
      "name, subclass, "
      "direction, quantitative, measure_unit, target_scaled, adjusted_scaled, target_text, "
      "points_scaled, "
      "has_actual, actual_scaled, actual_grade, actual_text, actual_provider, actual_source, "
      "actual_recorded_at, "
      "actual_recorded_by, deviation_category, deviation_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
      "?7, ?8, ?9, ?10, "
      "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)");
  if (!ins) return fail(std::move(ins.error()));
  for (const model::GoalSet& g : sets) {
    JIXIAO_ASSERT(g.unit_code == unit_code && g.fiscal_year == fiscal_year,
                  "goal set of another unit or year");
    ins_set->reset();
    ins_set->bind(1, unit_code).bind(2, fiscal_year).bind(3, g.line_code).bind(4, g.line_name);
    ins_set->bind(5, g.overall_target).bind(6, g.overall_result);
    auto r = ins_set->run();
    if (!r) {
      if (r.error().code() == ErrorCode::conflict) {
        return fail(Error::conflict("同一项目的绩效目标出现两次: " +
                                    (g.line_code.empty() ? "部门整体" : g.line_code)));
      }
      return fail(std::move(r.error()));
    }
    std::int64_t set_id = m_db.last_insert_rowid();
    int position = 0;
    for (const model::GoalIndicator& gi : g.indicators) {
      exists->reset();
      exists->bind(1, gi.indicator_code).bind(2, gi.indicator_version);
      auto found = exists->step();
      if (!found) return fail(std::move(found.error()));
      if (!*found) {
        return fail(Error::invalid_input("指标库中没有 " + gi.indicator_code + " 第 " +
                                         std::to_string(gi.indicator_version) + " 版"));
      }
      ins->reset();
      ins->bind(1, set_id)
          .bind(2, position++)
          .bind(3, gi.indicator_code)
          .bind(4, gi.indicator_version);
      ins->bind(5, gi.name)
          .bind(6, model::to_string(gi.subclass))
          .bind(7, model::to_string(gi.direction));
      ins->bind(8, gi.quantitative ? 1 : 0).bind(9, gi.measure_unit);
      bind_optional(*ins, 10, gi.target);
      bind_optional(*ins, 11, gi.adjusted_target);
      ins->bind(12, gi.target_text).bind(13, gi.points.scaled()).bind(14, gi.actual ? 1 : 0);
      if (gi.actual) {
        const model::Actual& a = *gi.actual;
        bind_optional(*ins, 15, a.value);
        if (a.grade) {
          ins->bind(16, model::to_string(*a.grade));
        } else {
          ins->bind_null(16);
        }
        ins->bind(17, a.text).bind(18, model::to_string(a.provider)).bind(19, a.source);
        ins->bind(20, a.recorded_at.empty() ? utc_now() : a.recorded_at).bind(21, a.recorded_by);
      } else {
        ins->bind_null(15)
            .bind_null(16)
            .bind(17, "")
            .bind(18, "entered")
            .bind(19, "")
            .bind(20, "")
            .bind(21, "");
      }
      if (gi.deviation_category) {
        ins->bind(22, model::to_string(*gi.deviation_category));
      } else {
        ins->bind_null(22);
      }
      ins->bind(23, gi.deviation_reason);
      auto w = ins->run();
      if (!w) {
        if (w.error().code() == ErrorCode::conflict) {
          return fail(
              Error::conflict("同一绩效目标中指标重复: " + gi.indicator_code +
                              (g.line_code.empty() ? "（部门整体）" : "（" + g.line_code + "）")));
        }
        return fail(std::move(w.error()));
      }
    }
  }
  JIXIAO_TRY(tx.commit());
  return *version;
}

}  // namespace jixiao::store::sql
