// ledger/summary.cpp — the ledger summary: budget, adjustments, executed per unit and group.
#include <map>

#include "ledger/ledger.hpp"

namespace jixiao::ledger {

Result<GroupBy> parse_group_by(const std::string& text) {
  if (text == "line") return GroupBy::line;
  if (text == "month") return GroupBy::month;
  if (text == "fund") return GroupBy::fund;
  if (text == "econ" || text == "economic") return GroupBy::economic;
  return fail(Error::invalid_input("--by: 应为 line、month、fund 或 econ: \"" + text + "\""));
}

Result<Summary> summarize(const Ledger& ledger, const SummaryOptions& options) {
  const int year = ledger.fiscal_year();
  Summary s;
  s.fiscal_year = year;
  s.group_by = options.group_by;
  s.as_of = options.as_of.value_or(Date::from_ymd(year, 12, 31));
  const int last_day = ledger.day_of(s.as_of);

  auto filter = ledger.unit_filter(options.unit_code);
  if (!filter) return fail(std::move(filter.error()));
  const std::optional<UnitId> only = *filter;

  // Per-line totals in one pass over each column.
  const auto& lines = ledger.lines();
  std::vector<Totals> per_line(lines.size());
  for (LineId i = 0; i < lines.size(); ++i) per_line[i].initial = lines[i].initial_budget;
  const auto& adj = ledger.adjustments();
  for (std::size_t k = 0; k < adj.line.size() && adj.day[k] <= last_day; ++k) {
    per_line[adj.line[k]].adjustments += Money::from_fen(adj.fen[k]);
  }
  const auto& pay = ledger.payments();
  std::vector<std::array<Money, 12>> line_months(lines.size());
  const auto month_of = month_index_by_day(year);
  for (std::size_t k = 0; k < pay.line.size() && pay.day[k] <= last_day; ++k) {
    Money m = Money::from_fen(pay.fen[k]);
    per_line[pay.line[k]].executed += m;
    if (pay.day[k] > 0)
      line_months[pay.line[k]][static_cast<std::size_t>(month_of[pay.day[k]])] += m;
  }

  for (UnitId u = 0; u < ledger.units().size(); ++u) {
    if (only && *only != u) continue;
    // Without a unit filter, a unit with no budget line in the year is left out: the handling
    // units of the people's-congress register keep no budget here. Named, a unit is always there.
    if (!only && ledger.unit_lines()[u].empty()) continue;
    UnitSummary us;
    us.unit = ledger.units()[u];
    std::map<std::string, SummaryRow> groups;
    for (LineId i : ledger.unit_lines()[u]) {
      us.totals += per_line[i];
      for (std::size_t m = 0; m < 12; ++m) us.executed_by_month[m] += line_months[i][m];
      switch (options.group_by) {
        case GroupBy::line:
          us.rows.push_back({lines[i].code, lines[i].name, per_line[i], lines[i]});
          break;
        case GroupBy::fund: {
          auto& row = groups[lines[i].fund_source];
          row.key = row.label = lines[i].fund_source;
          row.totals += per_line[i];
          break;
        }
        case GroupBy::economic: {
          auto& row = groups[lines[i].economic_code];
          row.key = row.label = lines[i].economic_code;
          row.totals += per_line[i];
          break;
        }
        case GroupBy::month:
          break;
      }
    }
    if (options.group_by == GroupBy::month) {
      for (int m = 1; m <= 12; ++m) {
        char key[8];
        std::snprintf(key, sizeof key, "%04d-%02d", year, m);
        SummaryRow row{key, std::to_string(m) + "月", {}, std::nullopt};
        row.totals.executed = us.executed_by_month[static_cast<std::size_t>(m - 1)];
        us.rows.push_back(std::move(row));
      }
      // Adjustments by the month they were made.
      for (std::size_t k = 0; k < adj.line.size() && adj.day[k] <= last_day; ++k) {
        if (ledger.line_unit()[adj.line[k]] != u || adj.day[k] == 0) continue;
        us.rows[static_cast<std::size_t>(month_of[adj.day[k]])].totals.adjustments +=
            Money::from_fen(adj.fen[k]);
      }
    } else if (options.group_by != GroupBy::line) {
      for (auto& [key, row] : groups) us.rows.push_back(std::move(row));
    }
    s.totals += us.totals;
    s.units.push_back(std::move(us));
  }
  return s;
}

}  // namespace jixiao::ledger
