// scoring/answers.cpp — reading management-checklist answers (CSV or XLSX).

#include "core/number.hpp"
#include "core/text.hpp"
#include "ingest/ingest.hpp"
#include "scoring/scoring.hpp"

namespace jixiao::scoring {
namespace {

struct Column {
  const char* field;
  std::vector<std::string> names;
  bool required;
};

const std::vector<Column>& answer_columns() {
  static const std::vector<Column> cols{
      {"unit_code", {"单位代码", "单位编码", "unit_code"}, true},
      {"fiscal_year", {"年度", "预算年度", "fiscal_year"}, true},
      {"checklist", {"清单", "清单标识", "checklist"}, true},
      {"item", {"项", "项目序号", "序号", "item"}, false},
      {"answer", {"答案", "结果", "answer"}, true},
      {"evidence", {"佐证材料", "佐证", "评判理由", "理由", "evidence"}, false},
      {"answered_by", {"填报人", "answered_by"}, false},
  };
  return cols;
}

}  // namespace

Result<std::vector<model::ChecklistAnswer>> read_checklist_answers(const std::string& path) {
  auto table = ingest::read_table(path);
  if (!table) return fail(std::move(table.error()));
  std::vector<int> index(answer_columns().size(), -1);
  for (std::size_t c = 0; c < answer_columns().size(); ++c) {
    for (std::size_t h = 0; h < table->header.size(); ++h) {
      std::string head(text::trim(table->header[h]));
      for (const auto& n : answer_columns()[c].names) {
        if (head == n) index[c] = static_cast<int>(h);
      }
    }
    if (index[c] < 0 && answer_columns()[c].required) {
      return fail(Error::invalid_input("缺少列: " + answer_columns()[c].names.front(),
                                       Location{table->file, table->sheet, 1, {}, {}}));
    }
  }
  auto cell = [&](std::size_t row, std::size_t col) -> std::string {
    int i = index[col];
    if (i < 0 || static_cast<std::size_t>(i) >= table->rows[row].size()) return {};
    return std::string(text::trim(table->rows[row][static_cast<std::size_t>(i)]));
  };
  auto header_of = [&](std::size_t col) {
    return table->header[static_cast<std::size_t>(index[col])];
  };
  std::vector<model::ChecklistAnswer> out;
  std::vector<Error> errors;
  for (std::size_t r = 0; r < table->rows.size(); ++r) {
    model::ChecklistAnswer a;
    a.unit_code = cell(r, 0);
    if (a.unit_code.empty())
      errors.push_back(Error::invalid_input("缺少单位代码", table->at(r, header_of(0))));
    auto year = parse_typed_number(cell(r, 1));
    if (!year || *year < 1900 || *year > 2200 || *year != static_cast<int>(*year)) {
      errors.push_back(
          Error::invalid_input("不是年度: \"" + cell(r, 1) + "\"", table->at(r, header_of(1))));
    } else {
      a.fiscal_year = static_cast<int>(*year);
    }
    std::string checklist = cell(r, 2);
    if (checklist.empty())
      errors.push_back(Error::invalid_input("缺少清单标识", table->at(r, header_of(2))));
    std::string item = cell(r, 3);
    if (!item.empty()) {
      auto n = parse_typed_number(item);
      if (!n || *n < 1 || *n != static_cast<int>(*n)) {
        errors.push_back(Error::invalid_input("项应为从 1 起的序号: \"" + item + "\"",
                                              table->at(r, header_of(3))));
      } else {
        item = std::to_string(static_cast<int>(*n));
      }
    }
    a.key = item.empty() ? checklist : checklist + "." + item;
    std::string answer = cell(r, 4);
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
      errors.push_back(
          Error::invalid_input("答案应为 符合、不符合、不适用 或非负数值: \"" + answer + "\"",
                               table->at(r, header_of(4))));
    }
    if (index[5] >= 0) a.evidence = cell(r, 5);
    if (index[6] >= 0) a.answered_by = cell(r, 6);
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
