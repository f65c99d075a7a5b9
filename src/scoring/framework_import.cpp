// scoring/framework_import.cpp — a bureau's published framework table (一级/二级/三级/分值/
// 指标解释/评分标准, XLSX or CSV) → framework-file text, recognising the common scoring
// phrases and mapping indicator names to the system's inputs.
#include <regex>

#include "core/text.hpp"
#include "ingest/ingest.hpp"
#include "scoring/scoring.hpp"

namespace jixiao::scoring {
namespace {

struct Row {
  std::string l1, l2, l3;
  std::string points, explanation, standard;
  std::int64_t line = 0;
};

// "投入（20）", "投入(20分)" → ("投入", "20"); otherwise (text, "").
std::pair<std::string, std::string> split_points(const std::string& text) {
  static const std::regex re(R"(^(.*?)\s*[(（]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]\s*$)");
  std::smatch m;
  std::string t = text::to_halfwidth(text);
  if (std::regex_match(t, m, re)) return {m[1].str(), m[2].str()};
  return {text, ""};
}

std::string one_line(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return std::string(text::trim(s));
}

// The system input an indicator name stands for, or "" when none.
std::string input_for(const std::string& name) {
  auto has = [&](const char* w) { return name.find(w) != std::string::npos; };
  if (has("预算执行率") || has("预算完成率")) return "ledger.execution_rate";
  if (has("预算调整率")) return "ledger.adjustment_rate";
  if (has("结转结余率")) return "ledger.carryover_rate";
  if (has("三公") && has("控制率")) return "ledger.three_public_control_rate";
  if (has("三公") && has("变动率")) return "ledger.three_public_change_rate";
  if (has("公用经费控制率")) return "ledger.public_expense_control_rate";
  if (has("支出进度") || has("支付进度")) return "ledger.progress_q3";
  return "";
}

struct Recognised {
  std::string rule_lines;   // "rule = …\n…"
  bool numeric = false;     // needs a numeric input
  bool violations = false;  // needs a violations checklist
};

std::optional<Recognised> recognise(const std::string& standard_in) {
  const std::string s = text::to_halfwidth(standard_in);
  static const std::regex above_point(
      R"(每(?:超过|超出|高于|高出|超|高|增加|上升)\s*1\s*(?:个)?(?:百分点|%).*?扣\s*(\d+(?:\.\d+)?)\s*分)");
  static const std::regex below_point(
      R"(每(?:低于|低|少于|少|下降|减少)\s*1\s*(?:个)?(?:百分点|%).*?扣\s*(\d+(?:\.\d+)?)\s*分)");
  static const std::regex below_step(
      R"(每(?:低于|低|少于|少|下降)\s*(\d+(?:\.\d+)?)\s*(?:个)?(?:百分点|%).*?扣\s*(\d+(?:\.\d+)?)\s*分)");
  static const std::regex above_step(
      R"(每(?:超过|超出|高于|超|高)\s*(\d+(?:\.\d+)?)\s*(?:个)?(?:百分点|%).*?扣\s*(\d+(?:\.\d+)?)\s*分)");
  static const std::regex upper(R"((?:≤|<=|不超过|不高于|小于等于)\s*(-?\d+(?:\.\d+)?))");
  static const std::regex lower(R"((?:≥|>=|不低于|达到|大于等于)\s*(-?\d+(?:\.\d+)?))");
  static const std::regex violation(
      R"(每(?:发现|出现|有)?\s*(?:一|1)\s*(?:项|处|次|个|起).*?扣\s*(\d+(?:\.\d+)?)\s*分)");
  static const std::regex proportional(R"(按.*?比例|得分\s*=|×\s*(?:本项)?分值|乘以)");
  std::smatch m;
  Recognised r;
  if (std::regex_search(s, m, above_point)) {
    std::smatch b;
    std::string bound = std::regex_search(s, b, upper) ? b[1].str() : "100";
    r.rule_lines = "rule = per_point_deduction\ndirection = above\nbound = " + bound +
                   "\nper = " + m[1].str() + "\n";
    r.numeric = true;
    return r;
  }
  if (std::regex_search(s, m, below_point)) {
    std::smatch b;
    std::string bound = std::regex_search(s, b, lower) ? b[1].str() : "100";
    r.rule_lines = "rule = per_point_deduction\ndirection = below\nbound = " + bound +
                   "\nper = " + m[1].str() + "\n";
    r.numeric = true;
    return r;
  }
  if (std::regex_search(s, m, below_step)) {
    std::smatch b;
    std::string target = std::regex_search(s, b, lower) ? b[1].str() : "100";
    r.rule_lines = "rule = step_deduction\ntarget = " + target + "\nstep = " + m[1].str() +
                   "\ndeduct = " + m[2].str() + "\n";
    r.numeric = true;
    return r;
  }
  if (std::regex_search(s, m, above_step)) {
    std::smatch b;
    std::string target = std::regex_search(s, b, upper) ? b[1].str() : "100";
    r.rule_lines = "rule = step_deduction\ndirection = above\ntarget = " + target +
                   "\nstep = " + m[1].str() + "\ndeduct = " + m[2].str() + "\n";
    r.numeric = true;
    return r;
  }
  if (std::regex_search(s, m, violation)) {
    r.rule_lines = "rule = checklist\nper = " + m[1].str() + "\n";
    r.violations = true;
    return r;
  }
  if (std::regex_search(s, m, proportional)) {
    r.rule_lines = "rule = proportional\ntarget = 100\n";
    r.numeric = true;
    return r;
  }
  return std::nullopt;
}

// The first header containing one of `names` (and none of `not_containing`). Not
// ingest::map_columns: a bureau's framework table names its columns freely ("一级指标（分值）",
// "二级指标名称"), so a part of the name is what identifies a column here.
int find_column(const std::vector<std::string>& header, std::initializer_list<const char*> names,
                std::initializer_list<const char*> not_containing = {}) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string h(text::trim(header[i]));
    bool excluded = false;
    for (const char* n : not_containing) excluded = excluded || h.find(n) != std::string::npos;
    if (excluded) continue;
    for (const char* n : names) {
      if (h.find(n) != std::string::npos) return static_cast<int>(i);
    }
  }
  return -1;
}

}  // namespace

Result<ImportedFramework> import_framework_table(const std::string& path, const std::string& id,
                                                 const std::string& name) {
  auto table = ingest::read_table(path);
  if (!table) return fail(std::move(table.error()));
  const auto& h = table->header;
  int c1 = find_column(h, {"一级"}), c2 = find_column(h, {"二级"}), c3 = find_column(h, {"三级"});
  int cp = find_column(h, {"分值", "权重", "标准分"});
  int cs = find_column(h, {"评分标准", "评分方法", "评分细则"});
  int ce = find_column(h, {"指标解释", "指标说明", "指标内涵"}, {"评分"});
  Location where{table->file, table->sheet, 1, {}, {}};
  if (c1 < 0) return fail(Error::invalid_input("缺少列: 一级指标", where));
  if (c3 < 0 && c2 < 0) return fail(Error::invalid_input("缺少列: 三级指标（或二级指标）", where));
  if (cp < 0) return fail(Error::invalid_input("缺少列: 分值", where));
  auto cell = [&](std::size_t r, int c) -> std::string {
    if (c < 0 || static_cast<std::size_t>(c) >= table->rows[r].size()) return {};
    return one_line(table->rows[r][static_cast<std::size_t>(c)]);
  };

  // Merged cells come through empty: an empty 一级/二级 is the one above.
  std::vector<Row> rows;
  std::string l1, l2;
  for (std::size_t r = 0; r < table->rows.size(); ++r) {
    Row row;
    std::string a = cell(r, c1), b = cell(r, c2);
    if (!a.empty()) {
      l1 = a;
      l2.clear();
    }
    if (!b.empty()) l2 = b;
    row.l1 = l1;
    row.l2 = l2;
    row.l3 = c3 >= 0 ? cell(r, c3) : std::string();
    if (row.l3.empty()) continue;  // a subtotal or heading row
    row.points = text::to_halfwidth(cell(r, cp));
    row.explanation = cell(r, ce);
    row.standard = cell(r, cs);
    row.line = table->row_numbers[r];
    if (row.l1.empty()) {
      return fail(Error::invalid_input("三级指标“" + row.l3 + "”之上没有一级指标",
                                       table->at(r, h[static_cast<std::size_t>(c1)])));
    }
    if (!model::parse_points(row.points)) {
      return fail(Error::invalid_input("分值不是数值: \"" + row.points + "\"",
                                       table->at(r, h[static_cast<std::size_t>(cp)])));
    }
    rows.push_back(std::move(row));
  }
  if (rows.empty()) return fail(Error::invalid_input("表中没有三级指标", where));

  // The tree, in table order.
  struct Node {
    std::string name, declared;
    model::Points sum = 0;
    std::vector<std::size_t> children;  // L2 indexes (for L1) or row indexes (for L2)
  };
  std::vector<Node> l1s, l2s;
  std::vector<std::size_t> l2_parent;
  std::vector<std::size_t> row_parent_l1(rows.size()), row_parent_l2(rows.size(), SIZE_MAX);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto [n1, p1] = split_points(rows[i].l1);
    if (l1s.empty() || l1s.back().name != n1) l1s.push_back({n1, p1, 0, {}});
    std::size_t i1 = l1s.size() - 1;
    row_parent_l1[i] = i1;
    model::Points p = *model::parse_points(rows[i].points);
    l1s[i1].sum += p;
    if (!rows[i].l2.empty()) {
      auto [n2, p2] = split_points(rows[i].l2);
      if (l2s.empty() || l2s.back().name != n2 || l2_parent.back() != i1) {
        l2s.push_back({n2, p2, 0, {}});
        l2_parent.push_back(i1);
        l1s[i1].children.push_back(l2s.size() - 1);
      }
      l2s.back().sum += p;
      l2s.back().children.push_back(i);
      row_parent_l2[i] = l2s.size() - 1;
    }
  }

  ImportedFramework out;
  std::string checklists;
  std::string items;
  model::Points total = 0;
  auto points_of = [](const Node& n) {
    return n.declared.empty() ? model::format_points(n.sum) : n.declared;
  };
  auto leaf = [&](std::size_t i, const std::string& number) {
    const Row& row = rows[i];
    ++out.leaves;
    std::string text = "\n[" + number + " " + row.l3 + "]\npoints = " + row.points + "\n";
    if (!row.explanation.empty()) text += "explanation = " + row.explanation + "\n";
    if (!row.standard.empty()) text += "standard = " + row.standard + "\n";
    std::string checklist_id = "item_" + number;
    for (char& ch : checklist_id) ch = ch == '.' ? '_' : ch;
    auto rec = recognise(row.standard);
    if (rec && rec->numeric) {
      std::string input = input_for(row.l3);
      if (input.empty()) {
        // No system figure by this name: the unit reports it, with its evidence.
        checklists += "\n[checklist " + checklist_id + "]\nname = " + row.l3 +
                      "（单位填报数值）\nmode = value\n";
        input = "checklist." + checklist_id;
      }
      text += "input = " + input + "\n" + rec->rule_lines;
      ++out.recognised;
    } else if (rec && rec->violations) {
      checklists += "\n[checklist " + checklist_id + "]\nname = " + row.l3 +
                    "（违规项数）\nmode = violations\n";
      text += rec->rule_lines + "checklist = " + checklist_id + "\n";
      ++out.recognised;
    } else {
      checklists += "\n[checklist " + checklist_id + "]\nname = " + row.l3 + "\nmode = judgement\n";
      text +=
          "# 评分标准未能自动识别，按定性评判导入，请核对\nrule = qualitative_band\nchecklist = " +
          checklist_id + "\n";
      out.notes.push_back(number + " " + row.l3 + ": 评分标准未识别（" +
                          (row.standard.empty() ? "空" : row.standard) + "），按定性评判导入");
    }
    items += text;
  };
  for (std::size_t a = 0; a < l1s.size(); ++a) {
    const std::string n1 = std::to_string(a + 1);
    items += "\n[" + n1 + " " + l1s[a].name + "]\npoints = " + points_of(l1s[a]) + "\n";
    total += *model::parse_points(points_of(l1s[a]));
    for (std::size_t b = 0; b < l1s[a].children.size(); ++b) {
      const Node& n = l2s[l1s[a].children[b]];
      const std::string n2 = n1 + "." + std::to_string(b + 1);
      items += "\n[" + n2 + " " + n.name + "]\npoints = " + points_of(n) + "\n";
      for (std::size_t c = 0; c < n.children.size(); ++c)
        leaf(n.children[c], n2 + "." + std::to_string(c + 1));
    }
    // Leaves with no 二级 sit directly under the 一级.
    int k = static_cast<int>(l1s[a].children.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (row_parent_l1[i] == a && row_parent_l2[i] == SIZE_MAX)
        leaf(i, n1 + "." + std::to_string(++k));
    }
  }

  std::string head =
      "# 由 jixiao frameworks import 从 " + path +
      " 生成；请核对标注“请核对”的指标。\n\n[framework]\nid = " + id + "\nname = " + name +
      "\nobject = dept_overall_expenditure\nsource = 导入自财政部门公布的指标表: " + path +
      "\nreconstructed = 评分规则由评分标准文字自动识别（" + std::to_string(out.recognised) + "/" +
      std::to_string(out.leaves) +
      "），输入按指标名称对应，须人工核对\n"
      "grades = 优 90, 良 80, 中 60, 差 0\ntotal = " +
      model::format_points(total) + "\n";
  out.text = head + checklists + items;
  return out;
}

}  // namespace jixiao::scoring
