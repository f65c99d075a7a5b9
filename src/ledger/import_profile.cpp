// ledger/import_profile.cpp — import profiles made from a plan, kept as JSON, checked against a
// new file's plan (import_profile.hpp).
#include "ledger/import_profile.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/text.hpp"

namespace jixiao::ledger {
namespace {

// The plan's columns as the file wrote them: without the 年度 column shape_table adds when the
// year comes from --year, the title or the file name (plan.year set).
std::vector<const ingest::ImportPlan::Column*> file_columns(const ingest::ImportPlan& plan) {
  std::vector<const ingest::ImportPlan::Column*> out;
  for (const auto& c : plan.columns) out.push_back(&c);
  if (plan.year && !out.empty() && out.back()->field == "fiscal_year") out.pop_back();
  return out;
}

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

}  // namespace

ImportProfile profile_from_plan(const ingest::ImportPlan& plan, model::ImportKind kind,
                                std::string name) {
  ImportProfile p;
  p.name = std::move(name);
  p.kind = kind;
  p.header_row = plan.header_row;
  p.header_rows = plan.header_rows;
  for (const auto* c : file_columns(plan)) {
    std::string header(text::trim(c->header));
    if (header.empty()) continue;
    p.headers.push_back(header);
    p.mapping[header] = c->field;
  }
  p.amount_unit = plan.amount_unit.empty() ? "元" : plan.amount_unit;
  p.year_source = plan.year_source;
  p.year = plan.year_source == "--year" ? plan.year : 0;
  for (const auto& t : plan.totals) {
    if (std::find(p.control_rows.begin(), p.control_rows.end(), t.label) == p.control_rows.end())
      p.control_rows.push_back(t.label);
  }
  return p;
}

std::string profile_to_json(const ImportProfile& p) {
  nlohmann::ordered_json j;
  j["version"] = 1;
  j["kind"] = std::string(model::to_string(p.kind));
  j["header_row"] = p.header_row;
  j["header_rows"] = p.header_rows;
  auto& columns = j["columns"] = nlohmann::ordered_json::array();
  for (const auto& h : p.headers) {
    auto it = p.mapping.find(h);
    columns.push_back(
        {{"header", h}, {"field", it == p.mapping.end() ? std::string() : it->second}});
  }
  j["amount_unit"] = p.amount_unit;
  j["year_source"] = p.year_source;
  j["year"] = p.year;
  j["control_rows"] = p.control_rows;
  return j.dump();
}

Result<ImportProfile> profile_from_json(std::string_view json, model::ImportKind kind,
                                        std::string name) {
  auto bad = [&](const std::string& why) {
    return fail(Error::invalid_input("导入配置 " + in_quotes(name) + " 无法读取: " + why +
                                     "；请用 --save-profile 重新保存"));
  };
  auto j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return bad("不是 JSON 对象");
  ImportProfile p;
  p.name = std::move(name);
  try {
    if (j.value("version", 0) != 1) return bad("版本不是 1");
    auto k = model::parse_import_kind(j.at("kind").get<std::string>());
    if (!k) return bad("未知的导入类型");
    p.kind = *k;
    if (p.kind != kind) {
      return fail(Error::invalid_input("导入配置 " + in_quotes(p.name) + " 用于 " +
                                       std::string(model::to_string(p.kind)) + " 文件，不是 " +
                                       std::string(model::to_string(kind))));
    }
    p.header_row = j.at("header_row").get<std::int64_t>();
    p.header_rows = j.at("header_rows").get<int>();
    for (const auto& c : j.at("columns")) {
      const auto header = c.at("header").get<std::string>();
      p.headers.push_back(header);
      p.mapping[header] = c.at("field").get<std::string>();
    }
    p.amount_unit = j.at("amount_unit").get<std::string>();
    p.year_source = j.at("year_source").get<std::string>();
    p.year = j.at("year").get<int>();
    p.control_rows = j.at("control_rows").get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception& e) {
    return bad(e.what());
  }
  if (p.header_row < 1 || p.header_rows < 1 || p.header_rows > 2 ||
      p.header_row - p.header_rows + 1 < 1)
    return bad("表头行无效");
  return p;
}

ingest::LayoutOptions layout_of(const ImportProfile& p, int option_year) {
  ingest::LayoutOptions layout;
  layout.mapping = p.mapping;
  // shape_table is given the upper of two header rows and joins the second itself.
  layout.header_row = p.header_row - (p.header_rows - 1);
  layout.year = option_year ? option_year : p.year;
  return layout;
}

Result<void> check_fits(const ImportProfile& p, const ingest::ImportPlan& plan, int option_year,
                        std::int64_t header_found) {
  Error report = Error::invalid_input("文件与导入配置 " + in_quotes(p.name) +
                                          " 不符（请检查文件，或用 --save-profile 保存新的配置）",
                                      {plan.file, plan.sheet, 0, {}, {}});
  // The header elsewhere: the rows above it changed; the rest would only repeat that.
  if (header_found > 0 && header_found != p.header_row &&
      header_found != p.header_row - (p.header_rows - 1)) {
    report.add_cause(Error::invalid_input("表头: 配置为第 " + std::to_string(p.header_row) +
                                              " 行，本文件在第 " + std::to_string(header_found) +
                                              " 行（表头上方的行变了）",
                                          {plan.file, plan.sheet, header_found, {}, {}}));
    return fail(std::move(report));
  }
  const Location at_header{plan.file, plan.sheet, plan.header_row, {}, {}};
  if (plan.header_rows != p.header_rows) {
    report.add_cause(Error::invalid_input("配置的表头为 " + std::to_string(p.header_rows) +
                                              " 行，文件第 " + std::to_string(plan.header_row) +
                                              " 行起的表头为 " + std::to_string(plan.header_rows) +
                                              " 行",
                                          at_header));
  }
  std::vector<std::string> found;
  for (const auto* c : file_columns(plan)) {
    std::string header(text::trim(c->header));
    if (!header.empty()) found.push_back(std::move(header));
  }
  std::vector<std::string> missing, added;
  for (const auto& h : p.headers) {
    if (std::find(found.begin(), found.end(), h) == found.end()) missing.push_back(h);
  }
  for (const auto& h : found) {
    if (std::find(p.headers.begin(), p.headers.end(), h) == p.headers.end()) added.push_back(h);
  }
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : "、") + in_quotes(x);
    return s;
  };
  if (!missing.empty()) {
    report.add_cause(Error::invalid_input(
        "第 " + std::to_string(plan.header_row) + " 行表头缺少配置中的列 " + join(missing) +
            (p.header_row == plan.header_row
                 ? std::string()
                 : "（配置的表头在第 " + std::to_string(p.header_row) + " 行）"),
        at_header));
  }
  if (!added.empty()) {
    report.add_cause(Error::invalid_input(
        "第 " + std::to_string(plan.header_row) + " 行表头有配置中没有的列 " + join(added),
        at_header));
  }
  if (plan.amount_unit != p.amount_unit) {
    report.add_cause(Error::invalid_input(
        "金额单位: 配置为 " + p.amount_unit + "，文件为 " + plan.amount_unit +
            (plan.amount_unit_source.empty() ? "（默认）" : "（" + plan.amount_unit_source + "）"),
        {plan.file, plan.sheet, 0, {}, {}}));
  }
  if (!option_year && p.year_source != "--year" && plan.year_source != p.year_source) {
    report.add_cause(Error::invalid_input(
        "年度来源: 配置为" + p.year_source + "，文件为" +
            (plan.year_source.empty() ? std::string("（无）") : plan.year_source),
        {plan.file, plan.sheet, 0, {}, {}}));
  }
  for (const auto& label : p.control_rows) {
    const bool has = std::any_of(plan.totals.begin(), plan.totals.end(),
                                 [&](const auto& t) { return t.label == label; });
    if (!has) {
      report.add_cause(
          Error::invalid_input("配置保存时文件有" + label + "行，本文件没有（文件可能不完整）",
                               {plan.file, plan.sheet, 0, {}, {}}));
    }
  }
  if (!report.causes().empty()) return fail(std::move(report));
  return {};
}

}  // namespace jixiao::ledger
