// store/sql/sql_schedule_store.cpp — the schedule_points and spending_plans tables
// (migration 002). A curve is its points (one row each, checkpoint 'MM-DD'); a plan is its
// months (one row each for every month with an amount, and December always, so that a plan of
// zeros is kept too).
#include "store/sql/sql_schedule_store.hpp"

#include <cstdio>
#include <map>
#include <tuple>

namespace jixiao::store::sql {
namespace {

Result<model::ScopeKind> parse_scope(const std::string& text) {
  if (text == "region") return model::ScopeKind::region;
  if (text == "unit") return model::ScopeKind::unit;
  if (text == "line") return model::ScopeKind::line;
  return fail(Error::storage("schedule_points 中有未知的范围: \"" + text + "\""));
}

std::string checkpoint_text(const model::Checkpoint& p) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d-%02d", p.month, p.day);
  return buf;
}

}  // namespace

Result<std::vector<model::ScheduleCurve>> SqlScheduleStore::curves() {
  auto s = m_db.prepare(
      "SELECT scope, unit_code, line_code, checkpoint, basis_points FROM schedule_points "
      "ORDER BY scope, unit_code, line_code, checkpoint");
  if (!s) return fail(std::move(s.error()));
  std::map<std::tuple<model::ScopeKind, std::string, std::string>, model::ScheduleCurve> by_scope;
  JIXIAO_TRY(s->each([&]() -> Result<void> {
    auto scope = parse_scope(s->column_text(0));
    if (!scope) return fail(std::move(scope.error()));
    std::string checkpoint = s->column_text(3);
    int month = 0, day = 0;
    if (std::sscanf(checkpoint.c_str(), "%d-%d", &month, &day) != 2) {
      return fail(Error::storage("schedule_points 中的检查点不是 MM-DD: \"" + checkpoint + "\""));
    }
    auto& c = by_scope[{*scope, s->column_text(1), s->column_text(2)}];
    c.scope = *scope;
    c.unit_code = s->column_text(1);
    c.line_code = s->column_text(2);
    c.points.push_back({month, day, s->column_int(4)});
    return {};
  }));
  std::vector<model::ScheduleCurve> out;
  out.reserve(by_scope.size());
  for (auto& [key, c] : by_scope) out.push_back(std::move(c));
  return out;
}

Result<void> SqlScheduleStore::replace_curves(const std::vector<model::ScheduleCurve>& curves) {
  Transaction tx(m_db);
  JIXIAO_TRY(tx.begin());
  auto del = m_db.prepare(
      "DELETE FROM schedule_points WHERE scope = ?1 AND unit_code = ?2 AND line_code = ?3");
  if (!del) return fail(std::move(del.error()));
  auto ins = m_db.prepare(
      "INSERT INTO schedule_points (scope, unit_code, line_code, checkpoint, basis_points) VALUES "
      "(?1, ?2, ?3, ?4, ?5)");
  if (!ins) return fail(std::move(ins.error()));
  for (const auto& c : curves) {
    const std::string scope(model::to_string(c.scope));
    del->reset();
    del->bind(1, scope).bind(2, c.unit_code).bind(3, c.line_code);
    JIXIAO_TRY(del->run());
    for (const auto& p : c.points) {
      ins->reset();
      ins->bind(1, scope)
          .bind(2, c.unit_code)
          .bind(3, c.line_code)
          .bind(4, checkpoint_text(p))
          .bind(5, p.basis_points);
      JIXIAO_TRY(ins->run());
    }
  }
  return tx.commit();
}

Result<bool> SqlScheduleStore::remove_curve(model::ScopeKind scope, const std::string& unit_code,
                                            const std::string& line_code) {
  auto s = m_db.prepare(
      "DELETE FROM schedule_points WHERE scope = ?1 AND unit_code = ?2 AND line_code = ?3");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, model::to_string(scope)).bind(2, unit_code).bind(3, line_code);
  JIXIAO_TRY(s->run());
  return m_db.changes() > 0;
}

Result<std::vector<model::SpendingPlan>> SqlScheduleStore::spending_plans(int fiscal_year) {
  auto s = m_db.prepare(
      "SELECT unit_code, line_code, month, amount_fen FROM spending_plans WHERE fiscal_year = ?1 "
      "ORDER BY unit_code, line_code, month");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, fiscal_year);
  std::vector<model::SpendingPlan> out;
  JIXIAO_TRY(s->each([&]() -> Result<void> {
    std::string unit = s->column_text(0), line = s->column_text(1);
    if (out.empty() || out.back().unit_code != unit || out.back().line_code != line) {
      out.push_back(
          {.unit_code = unit, .line_code = line, .fiscal_year = fiscal_year, .months = {}});
    }
    const auto month = s->column_int(2);
    if (month < 1 || month > 12) return fail(Error::storage("spending_plans 中的月份不在 1–12"));
    out.back().months[static_cast<std::size_t>(month - 1)] = Money::from_fen(s->column_int(3));
    return {};
  }));
  return out;
}

Result<void> SqlScheduleStore::replace_spending_plans(
    const std::vector<model::SpendingPlan>& plans) {
  Transaction tx(m_db);
  JIXIAO_TRY(tx.begin());
  auto del = m_db.prepare(
      "DELETE FROM spending_plans WHERE unit_code = ?1 AND fiscal_year = ?2 AND line_code = ?3");
  if (!del) return fail(std::move(del.error()));
  auto ins = m_db.prepare(
      "INSERT INTO spending_plans (unit_code, fiscal_year, line_code, month, amount_fen) VALUES "
      "(?1, ?2, ?3, ?4, ?5)");
  if (!ins) return fail(std::move(ins.error()));
  for (const auto& p : plans) {
    del->reset();
    del->bind(1, p.unit_code).bind(2, p.fiscal_year).bind(3, p.line_code);
    JIXIAO_TRY(del->run());
    for (int m = 1; m <= 12; ++m) {
      const Money amount = p.months[static_cast<std::size_t>(m - 1)];
      if (amount.fen() == 0 && m != 12) continue;
      ins->reset();
      ins->bind(1, p.unit_code)
          .bind(2, p.fiscal_year)
          .bind(3, p.line_code)
          .bind(4, m)
          .bind(5, amount.fen());
      JIXIAO_TRY(ins->run());
    }
  }
  return tx.commit();
}

Result<std::int64_t> SqlScheduleStore::remove_spending_plans(int fiscal_year,
                                                             const std::string& unit_code,
                                                             const std::string& line_code) {
  const std::string where =
      "fiscal_year = ?1 AND (?2 = '' OR unit_code = ?2) AND (?3 = '' OR line_code = ?3)";
  auto count = m_db.prepare(
      "SELECT COUNT(*) FROM (SELECT DISTINCT unit_code, line_code FROM spending_plans WHERE " +
      where + ") AS plans");
  if (!count) return fail(std::move(count.error()));
  count->bind(1, fiscal_year).bind(2, unit_code).bind(3, line_code);
  auto row = count->step();
  if (!row) return fail(std::move(row.error()));
  const std::int64_t plans = count->column_int(0);
  auto s = m_db.prepare("DELETE FROM spending_plans WHERE " + where);
  if (!s) return fail(std::move(s.error()));
  s->bind(1, fiscal_year).bind(2, unit_code).bind(3, line_code);
  JIXIAO_TRY(s->run());
  return plans;
}

}  // namespace jixiao::store::sql
