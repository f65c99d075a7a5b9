// checker/render.cpp — the checked documents as JSON (the contract in docs/checker.md), text
// and CSV.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "checker/checker.hpp"
#include "core/money.hpp"
#include "core/text.hpp"

namespace jixiao::checker {

namespace {

using Json = nlohmann::ordered_json;

Json pos_json(const SourcePos& pos) {
  Json j;
  j["line"] = pos.line;
  j["page"] = pos.page > 0 ? Json(pos.page) : Json(nullptr);
  return j;
}

template <class T, class F>
Json or_null(const std::optional<T>& v, F&& f) {
  return v ? Json(f(*v)) : Json(nullptr);
}

Json amount_wan(const std::optional<AmountFigure>& f) {
  return or_null(f, [](const AmountFigure& a) { return format_wan_exact(a.value); });
}
Json amount_yuan(const std::optional<AmountFigure>& f) {
  return or_null(f, [](const AmountFigure& a) { return format_yuan_exact(a.value); });
}

template <class T>
void add_source(Json& sources, const char* field, const std::optional<Figure<T>>& f) {
  if (!f) return;
  Json s;
  s["text"] = f->text;
  s["location"] = pos_json(f->pos);
  sources[field] = std::move(s);
}

Json document_json(const CheckedDocument& doc) {
  const Extracted& ex = doc.extracted;
  Json j;
  j["file"] = doc.file;
  j["format"] = std::string(to_string(doc.format));
  j["text_complete"] = doc.text_complete;
  Json e;
  e["unit_name"] = or_null(ex.unit_name, [](const auto& f) { return f.value; });
  e["fiscal_year"] = or_null(ex.fiscal_year, [](const auto& f) { return std::to_string(f.value); });
  e["doc_kind"] = or_null(ex.doc_kind, [](DocKind k) { return std::string(to_string(k)); });
  const AmountFigure* budget = ex.budget();
  e["budget_wan"] = budget ? Json(format_wan_exact(budget->value)) : Json(nullptr);
  e["budget_yuan"] = budget ? Json(format_yuan_exact(budget->value)) : Json(nullptr);
  e["budget_initial_wan"] = amount_wan(ex.budget_initial);
  e["budget_annual_wan"] = amount_wan(ex.budget_annual);
  e["budget_adjusted_wan"] = amount_wan(ex.budget_adjusted);
  e["executed_wan"] = amount_wan(ex.executed);
  e["executed_yuan"] = amount_yuan(ex.executed);
  e["execution_rate_pct"] =
      or_null(ex.execution_rate_pct, [](const auto& f) { return f.value.to_string(); });
  e["computed_execution_rate_pct"] =
      budget && ex.executed && budget->value > 0
          ? Json(Rate::of(Money::from_fen(ex.executed->value), Money::from_fen(budget->value))
                     .percent(2))
          : Json(nullptr);
  e["unspent_wan"] = amount_wan(ex.unspent);
  e["self_score"] = or_null(ex.self_score, [](const auto& f) { return f.value.to_string(); });
  e["grade"] = or_null(ex.grade, [](const auto& f) { return f.value; });
  e["execution_points"] =
      or_null(ex.execution_points, [](const Decimal& d) { return d.to_string(); });
  e["execution_score"] =
      or_null(ex.execution_score, [](const Decimal& d) { return d.to_string(); });
  e["table_total_points"] =
      or_null(ex.table_total_points, [](const auto& f) { return f.value.to_string(); });
  e["table_total_score"] =
      or_null(ex.table_total_score, [](const auto& f) { return f.value.to_string(); });
  e["heading_execution_points"] =
      or_null(ex.heading_execution_points, [](const auto& f) { return f.value.to_string(); });
  e["heading_indicator_points"] =
      or_null(ex.heading_indicator_points, [](const auto& f) { return f.value.to_string(); });
  Json rows = Json::array();
  for (const auto& r : ex.rows) {
    Json row;
    row["indicator"] = r.indicator;
    row["direction"] = std::string(model::to_string(r.direction));
    row["target"] = r.target;
    row["unit"] = r.unit;
    row["actual"] = r.actual.empty() ? Json(nullptr) : Json(r.actual);
    row["points"] = or_null(r.points, [](const Decimal& d) { return d.to_string(); });
    row["score"] = or_null(r.score, [](const Decimal& d) { return d.to_string(); });
    row["location"] = pos_json(r.pos);
    rows.push_back(std::move(row));
  }
  e["score_rows"] = std::move(rows);
  Json counts = Json::array();
  for (const auto& c : ex.counts) {
    Json count;
    count["label"] = c.label;
    count["value"] = std::to_string(c.value);
    count["unit"] = c.unit;
    count["location"] = pos_json(c.pos);
    counts.push_back(std::move(count));
  }
  e["counts"] = std::move(counts);
  Json sources = Json::object();
  add_source(sources, "unit_name", ex.unit_name);
  add_source(sources, "fiscal_year", ex.fiscal_year);
  add_source(sources, "budget_initial", ex.budget_initial);
  add_source(sources, "budget_annual", ex.budget_annual);
  add_source(sources, "budget_adjusted", ex.budget_adjusted);
  add_source(sources, "executed", ex.executed);
  add_source(sources, "execution_rate_pct", ex.execution_rate_pct);
  add_source(sources, "unspent", ex.unspent);
  add_source(sources, "self_score", ex.self_score);
  add_source(sources, "grade", ex.grade);
  e["sources"] = std::move(sources);
  j["extracted"] = std::move(e);
  Json findings = Json::array();
  for (const auto& f : doc.findings) {
    Json fj;
    fj["severity"] = std::string(to_string(f.severity));
    fj["kind"] = f.kind;
    fj["message"] = f.message;
    fj["location"] = pos_json(f.pos);
    Json numbers = Json::object();
    for (const auto& [k, v] : f.numbers) numbers[k] = v;
    fj["numbers"] = std::move(numbers);
    findings.push_back(std::move(fj));
  }
  j["findings"] = std::move(findings);
  return j;
}

std::string where(const SourcePos& pos) {
  std::string s = "第 " + std::to_string(pos.line) + " 行";
  if (pos.page > 0) s = "第 " + std::to_string(pos.page) + " 页" + s;
  return s;
}

}  // namespace

std::string to_json(const std::vector<CheckedDocument>& documents, bool as_array) {
  if (documents.size() == 1 && !as_array) return document_json(documents.front()).dump(2) + "\n";
  Json all = Json::array();
  for (const auto& d : documents) all.push_back(document_json(d));
  return all.dump(2) + "\n";
}

std::string to_text(const std::vector<CheckedDocument>& documents) {
  std::ostringstream out;
  for (const auto& doc : documents) {
    const Extracted& ex = doc.extracted;
    out << doc.file << "\n";
    auto line = [&](std::string_view label, const std::string& value) {
      out << "  " << label << "：" << (value.empty() ? "（未载明）" : value) << "\n";
    };
    line("单位", ex.unit_name ? ex.unit_name->value : "");
    line("年度", ex.fiscal_year ? std::to_string(ex.fiscal_year->value) : "");
    line("类型", ex.doc_kind
                     ? (*ex.doc_kind == DocKind::department_overall ? "部门整体支出" : "项目支出")
                     : "");
    const AmountFigure* budget = ex.budget();
    line("预算数",
         budget ? format_wan_exact(budget->value) + " 万元（" + where(budget->pos) + "）" : "");
    line("执行数", ex.executed ? format_wan_exact(ex.executed->value) + " 万元（" +
                                     where(ex.executed->pos) + "）"
                               : "");
    line("执行率", ex.execution_rate_pct ? ex.execution_rate_pct->value.to_string() + "%（" +
                                               where(ex.execution_rate_pct->pos) + "）"
                                         : "");
    line("自评得分", ex.self_score ? ex.self_score->value.to_string() + " 分（" +
                                         where(ex.self_score->pos) + "）"
                                   : "");
    line("等级", ex.grade ? ex.grade->value : "");
    if (!ex.rows.empty()) line("自评表指标", std::to_string(ex.rows.size()) + " 项");
    if (doc.findings.empty()) {
      out << "  未发现问题\n";
    } else {
      for (const auto& f : doc.findings) {
        out << "  [" << (f.severity == Severity::error ? "错误" : "提示") << "] " << where(f.pos)
            << " " << f.message << "（" << f.kind << "）\n";
      }
    }
    out << "\n";
  }
  return out.str();
}

SummaryRow summarise(const CheckedDocument& doc) {
  const Extracted& ex = doc.extracted;
  SummaryRow row;
  row.file = doc.file;
  if (ex.unit_name) row.unit_name = ex.unit_name->value;
  if (ex.fiscal_year) row.fiscal_year = ex.fiscal_year->value;
  row.figures_read = (ex.budget() != nullptr) + ex.executed.has_value() +
                     ex.execution_rate_pct.has_value() + ex.self_score.has_value() +
                     ex.grade.has_value();
  for (const auto& f : doc.findings) {
    (f.severity == Severity::error ? row.errors : row.warnings)++;
    if (std::find(row.kinds.begin(), row.kinds.end(), f.kind) == row.kinds.end())
      row.kinds.push_back(f.kind);
  }
  return row;
}

namespace {
std::string joined_kinds(const SummaryRow& row) {
  std::string out;
  for (const auto& k : row.kinds) out += (out.empty() ? "" : ";") + k;
  return out;
}
}  // namespace

std::string to_summary(const std::vector<CheckedDocument>& documents) {
  std::ostringstream out;
  out << "文件\t单位\t年度\t读出数字\t错误\t提示\t问题类型\n";
  int errors_total = 0, flagged = 0;
  for (const auto& doc : documents) {
    const SummaryRow row = summarise(doc);
    errors_total += row.errors;
    flagged += row.errors > 0;
    const std::string kinds = joined_kinds(row);
    out << row.file << '\t' << row.unit_name.value_or("—") << '\t'
        << (row.fiscal_year ? std::to_string(*row.fiscal_year) : "—") << '\t' << row.figures_read
        << "/5\t" << row.errors << '\t' << row.warnings << '\t' << (kinds.empty() ? "—" : kinds)
        << '\n';
  }
  out << "共 " << documents.size() << " 份，" << flagged << " 份有错误（" << errors_total
      << " 处）\n";
  return out.str();
}

std::string to_csv(const std::vector<CheckedDocument>& documents) {
  std::ostringstream out;
  out << "file,unit_name,fiscal_year,doc_kind,budget_wan,executed_wan,execution_rate_pct,self_"
         "score,grade,errors,warnings,kinds\n";
  for (const auto& doc : documents) {
    const Extracted& ex = doc.extracted;
    const AmountFigure* budget = ex.budget();
    const SummaryRow row = summarise(doc);
    out << text::csv_field(doc.file) << ',' << text::csv_field(row.unit_name.value_or("")) << ','
        << (row.fiscal_year ? std::to_string(*row.fiscal_year) : "") << ','
        << (ex.doc_kind ? std::string(to_string(*ex.doc_kind)) : "") << ','
        << (budget ? format_wan_exact(budget->value) : "") << ','
        << (ex.executed ? format_wan_exact(ex.executed->value) : "") << ','
        << (ex.execution_rate_pct ? ex.execution_rate_pct->value.to_string() : "") << ','
        << (ex.self_score ? ex.self_score->value.to_string() : "") << ','
        << (ex.grade ? ex.grade->value : "") << ',' << row.errors << ',' << row.warnings << ','
        << text::csv_field(joined_kinds(row)) << '\n';
  }
  return out.str();
}

}  // namespace jixiao::checker
