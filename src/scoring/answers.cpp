// scoring/answers.cpp — reading management-checklist answers (CSV or XLSX).

#include "core/number.hpp"
#include "core/text.hpp"
#include "ingest/ingest.hpp"
#include "scoring/scoring.hpp"

namespace jixiao::scoring {
namespace {

const std::vector<ingest::ColumnSpec>& answer_columns() {
  static const std::vector<ingest::ColumnSpec> cols{
      {"unit_code", {"单位代码", "单位编码", "unit_code"}, "code", true},
      {"fiscal_year", {"年度", "预算年度", "fiscal_year"}, "year", true},
      {"checklist", {"清单", "清单标识", "checklist"}, "text", true},
      {"item", {"项", "项目序号", "序号", "item"}, "text", false},
      {"answer", {"答案", "结果", "answer"}, "text", true},
      {"evidence", {"佐证材料", "佐证", "评判理由", "理由", "evidence"}, "text", false},
      {"answered_by", {"填报人", "answered_by"}, "text", false},
  };
  return cols;
}

}  // namespace

Result<std::vector<model::ChecklistAnswer>> read_checklist_answers(const std::string& path) {
  auto table = ingest::read_table(path);
  if (!table) return fail(std::move(table.error()));
  auto fields = ingest::TableFields::map(*table, answer_columns());
  if (!fields) return fail(std::move(fields.error()));
  auto cell = [&](std::size_t row, std::string_view field) {
    return fields->cell(*table, row, field);
  };
  auto at = [&](std::size_t row, std::string_view field) { return fields->at(*table, row, field); };
  std::vector<model::ChecklistAnswer> out;
  std::vector<Error> errors;
  for (std::size_t r = 0; r < table->rows.size(); ++r) {
    model::ChecklistAnswer a;
    a.unit_code = cell(r, "unit_code");
    if (a.unit_code.empty())
      errors.push_back(Error::invalid_input("缺少单位代码", at(r, "unit_code")));
    auto year = parse_typed_number(cell(r, "fiscal_year"));
    if (!year || *year < k_first_fiscal_year || *year > k_last_fiscal_year ||
        *year != static_cast<int>(*year)) {
      errors.push_back(Error::invalid_input("不是年度: \"" + cell(r, "fiscal_year") + "\"",
                                            at(r, "fiscal_year")));
    } else {
      a.fiscal_year = static_cast<int>(*year);
    }
    std::string checklist = cell(r, "checklist");
    if (checklist.empty())
      errors.push_back(Error::invalid_input("缺少清单标识", at(r, "checklist")));
    std::string item = cell(r, "item");
    if (!item.empty()) {
      auto n = parse_typed_number(item);
      if (!n || *n < 1 || *n != static_cast<int>(*n)) {
        errors.push_back(
            Error::invalid_input("项应为从 1 起的序号: \"" + item + "\"", at(r, "item")));
      } else {
        item = std::to_string(static_cast<int>(*n));
      }
    }
    a.key = item.empty() ? checklist : checklist + "." + item;
    std::string answer = cell(r, "answer");
    if (answer == "符合" || answer == "是" || answer == "有" || answer == "✓" || answer == "yes") {
      a.value = 1;
    } else if (answer == "不符合" || answer == "否" || answer == "无" || answer == "✗" ||
               answer == "no") {
      a.value = 0;
    } else if (answer == "不适用" || answer == "n/a" || answer == "NA") {
      a.not_applicable = true;
    } else if (auto v = parse_typed_number(answer); v && *v >= 0) {
      a.value = *v;
    } else {
      errors.push_back(Error::invalid_input(
          "答案应为 符合、不符合、不适用 或非负数值: \"" + answer + "\"", at(r, "answer")));
    }
    a.evidence = cell(r, "evidence");
    a.answered_by = cell(r, "answered_by");
    out.push_back(std::move(a));
  }
  if (!errors.empty()) {
    if (errors.size() == 1) return fail(errors.front());
    Error all = Error::invalid_input("清单答案有 " + std::to_string(errors.size()) + " 处错误",
                                     Location{table->file, table->sheet, 0, {}, {}});
    for (auto& e : errors) all.add_cause(std::move(e));
    return fail(std::move(all));
  }
  return out;
}

}  // namespace jixiao::scoring
