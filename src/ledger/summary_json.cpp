// ledger/summary_json.cpp — JSON and CSV forms of the summary.
#include "ledger/summary_json.hpp"

#include <nlohmann/json.hpp>

#include "core/text.hpp"

namespace jixiao::ledger {
namespace {

std::string_view group_name(GroupBy g) {
  switch (g) {
    case GroupBy::line:
      return "line";
    case GroupBy::month:
      return "month";
    case GroupBy::fund:
      return "fund";
    case GroupBy::economic:
      return "econ";
  }
  return "line";
}

void put_totals(nlohmann::ordered_json& j, const Totals& t) {
  j["initial_budget"] = format_yuan(t.initial);
  j["adjustments"] = format_yuan(t.adjustments);
  j["budget"] = format_yuan(t.adjusted());
  j["executed"] = format_yuan(t.executed);
  j["execution_rate"] = t.execution_rate().defined()
                            ? nlohmann::ordered_json(t.execution_rate().percent(2))
                            : nullptr;
  j["execution_rate_display"] = t.execution_rate().percent_text(1);
  j["unspent"] = format_yuan(t.unspent());
}

}  // namespace

std::string summary_to_json(const Summary& summary, int indent) {
  nlohmann::ordered_json j;
  j["year"] = summary.fiscal_year;
  j["as_of"] = summary.as_of.to_string();
  j["by"] = group_name(summary.group_by);
  j["amount_unit"] = "元";
  nlohmann::ordered_json totals;
  put_totals(totals, summary.totals);
  j["totals"] = totals;
  j["units"] = nlohmann::ordered_json::array();
  for (const auto& u : summary.units) {
    nlohmann::ordered_json ju;
    ju["code"] = u.unit.code;
    ju["name"] = u.unit.name;
    ju["parent_code"] = u.unit.parent_code;
    put_totals(ju, u.totals);
    ju["executed_by_month"] = nlohmann::ordered_json::array();
    for (Money m : u.executed_by_month) ju["executed_by_month"].push_back(format_yuan(m));
    auto rows = nlohmann::ordered_json::array();
    for (const auto& r : u.rows) {
      nlohmann::ordered_json jr;
      jr["code"] = r.key;
      jr["name"] = r.label;
      if (r.line) {
        jr["kind"] = model::to_string(r.line->kind);
        jr["function_code"] = r.line->function_code;
        jr["economic_code"] = r.line->economic_code;
        jr["fund_source"] = r.line->fund_source;
      }
      put_totals(jr, r.totals);
      rows.push_back(std::move(jr));
    }
    ju[summary.group_by == GroupBy::line ? "lines" : "groups"] = std::move(rows);
    j["units"].push_back(std::move(ju));
  }
  return j.dump(indent);
}

std::string summary_to_csv(const Summary& summary) {
  std::string out =
      "unit_code,unit_name,key,label,initial_budget,adjustments,budget,executed,execution_rate,"
      "unspent\n";
  auto row = [&](const std::string& code, const std::string& name, const std::string& key,
                 const std::string& label, const Totals& t) {
    out += text::csv_field(code) + ',' + text::csv_field(name) + ',' + text::csv_field(key) + ',' +
           text::csv_field(label) + ',' + format_yuan(t.initial) + ',' +
           format_yuan(t.adjustments) + ',' + format_yuan(t.adjusted()) + ',' +
           format_yuan(t.executed) + ',' +
           (t.execution_rate().defined() ? t.execution_rate().percent(2) : "") + ',' +
           format_yuan(t.unspent()) + '\n';
  };
  for (const auto& u : summary.units) {
    row(u.unit.code, u.unit.name, "", "合计", u.totals);
    for (const auto& r : u.rows) row(u.unit.code, u.unit.name, r.key, r.label, r.totals);
  }
  return out;
}

}  // namespace jixiao::ledger
