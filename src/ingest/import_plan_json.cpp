// ingest/import_plan_json.cpp — ingest::ImportPlan as JSON and as text (import_plan_json.hpp).
#include "ingest/import_plan_json.hpp"

#include <nlohmann/json.hpp>

namespace jixiao::ingest {

std::string plan_to_json(const ingest::ImportPlan& plan, int indent) {
  nlohmann::ordered_json j;
  j["file"] = plan.file;
  j["sheet"] = plan.sheet;
  j["encoding"] = plan.encoding;
  j["header_row"] = plan.header_row;
  j["header_rows"] = plan.header_rows;
  j["amount_unit"] = plan.amount_unit;
  j["amount_unit_source"] = plan.amount_unit_source;
  auto& columns = j["columns"] = nlohmann::ordered_json::array();
  for (const auto& c : plan.columns) {
    columns.push_back(
        {{"header", c.header}, {"field", c.field}, {"unit", c.unit}, {"suggestion", c.suggestion}});
  }
  j["data_rows"] = plan.data_rows;
  auto& skipped = j["skipped"] = nlohmann::ordered_json::array();
  for (const auto& s : plan.skipped)
    skipped.push_back({{"row", s.row}, {"reason", s.reason}, {"text", s.text}});
  auto& totals = j["control_totals"] = nlohmann::ordered_json::array();
  for (const auto& t : plan.totals) {
    totals.push_back({{"row", t.row},
                      {"label", t.label},
                      {"column", t.column},
                      {"first_row", t.first_row},
                      {"last_row", t.last_row},
                      {"rows", t.rows},
                      {"stated", format_yuan(t.stated)},
                      {"computed", format_yuan(t.computed)},
                      {"agrees", t.agrees}});
  }
  if (plan.year) {
    j["year"] = plan.year;
  } else {
    j["year"] = nullptr;
  }
  j["year_source"] = plan.year_source;
  // A cell cut inside a character (a skipped row's text) must not make the plan unprintable.
  return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string plan_to_text(const ingest::ImportPlan& plan) {
  std::string out;
  auto line = [&](const std::string& s) { out += "  " + s + "\n"; };
  line("表头: 第 " + std::to_string(plan.header_row) + " 行" +
       (plan.header_rows == 2 ? "（两行表头，与上一行合并）" : std::string()) + "，编码 " +
       plan.encoding + (plan.sheet.empty() ? std::string() : "，工作表 " + plan.sheet));
  line("金额单位: " + plan.amount_unit +
       (plan.amount_unit_source.empty() ? "（默认）" : "（" + plan.amount_unit_source + "）"));
  line("年度: " + (plan.year ? std::to_string(plan.year) + "（来自" + plan.year_source + "）"
                             : "各行自己的（来自" + plan.year_source + "）"));
  line("列:");
  for (const auto& c : plan.columns) {
    std::string s = "    " + c.header + " → " + (c.field.empty() ? "（忽略）" : c.field);
    if (!c.unit.empty()) s += "，" + c.unit;
    if (!c.suggestion.empty()) s += "；\"" + c.header + "\" — 是否指 \"" + c.suggestion + "\"?";
    line(s);
  }
  line("数据行: " + std::to_string(plan.data_rows));
  if (!plan.skipped.empty()) {
    line("跳过 " + std::to_string(plan.skipped.size()) + " 行:");
    for (const auto& s : plan.skipped)
      line("    第 " + std::to_string(s.row) + " 行 " + s.reason +
           (s.text.empty() ? "" : ": " + s.text));
  }
  for (const auto& t : plan.totals) {
    line("核对 第 " + std::to_string(t.row) + " 行 " + t.label + " " + t.column + ": " +
         format_yuan(t.stated, Grouping::thousands) + " 元，第 " + std::to_string(t.first_row) +
         "–" + std::to_string(t.last_row) + " 行之和 " +
         format_yuan(t.computed, Grouping::thousands) + " 元 " + (t.agrees ? "一致" : "不一致"));
  }
  return out;
}

}  // namespace jixiao::ingest
