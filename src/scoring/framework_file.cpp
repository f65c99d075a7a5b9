// scoring/framework_file.cpp — reading and validating framework files (*.fw).
//
// The format (docs/formats.md §框架文件) is INI-like so that finance staff can read and
// edit it: [framework], [checklist ID] and one [NUMBER NAME] section per item, each with
// `key = value` lines. Every problem is reported as `file:line: message`, all at once.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/file.hpp"
#include "core/text.hpp"
#include "scoring/formula.hpp"
#include "scoring/scoring.hpp"

namespace jixiao::scoring {
namespace {

using model::Framework;
using model::FrameworkItem;
using model::Rule;
using model::RuleKind;

struct Entry {
  std::string key;
  std::string value;
  int line = 0;
};

struct Section {
  std::string kind;  // "framework", "checklist", "item"
  std::string arg;   // checklist id, item number
  std::string name;  // item name from the header
  int line = 0;
  std::vector<Entry> entries;
};

class Problems {
 public:
  explicit Problems(std::string file) : m_file(std::move(file)) {}
  void add(int line, std::string message) {
    Location loc;
    loc.file = m_file;
    loc.row = line;
    m_errors.push_back(Error::invalid_input(std::move(message), loc));
  }
  bool empty() const { return m_errors.empty(); }
  Error to_error() const {
    // The first problem is the message; all of them are the causes, in line order.
    std::vector<Error> sorted = m_errors;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Error& a, const Error& b) {
      return a.location().row < b.location().row;
    });
    if (sorted.size() == 1) return sorted.front();
    Location loc;
    loc.file = m_file;
    Error all =
        Error::invalid_input("框架文件有 " + std::to_string(sorted.size()) + " 处错误", loc);
    for (auto& e : sorted) all.add_cause(e);
    return all;
  }

 private:
  std::string m_file;
  std::vector<Error> m_errors;
};

std::optional<double> parse_number(std::string_view text) {
  std::string s = text::to_halfwidth(text::trim(text));
  if (!s.empty() && s.back() == '%') s.pop_back();
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

bool valid_number(std::string_view n) {
  if (n.empty()) return false;
  bool prev_dot = true;
  for (char c : n) {
    if (c == '.') {
      if (prev_dot) return false;
      prev_dot = true;
    } else if (c >= '0' && c <= '9') {
      prev_dot = false;
    } else {
      return false;
    }
  }
  return !prev_dot;
}

std::string parent_number(const std::string& number) {
  auto dot = number.rfind('.');
  return dot == std::string::npos ? std::string() : number.substr(0, dot);
}

std::string default_alias(const std::string& name) {
  std::string a = name;
  for (char& c : a) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
      c = '_';
  }
  return a;
}

// "[90,100]", "(0,10]", ">=90", ">30", "<60", "<=0", "=0", each followed by ": POINTS".
std::optional<model::Band> parse_band(std::string_view text) {
  std::string s = text::to_halfwidth(text);
  auto colon = s.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  std::string range(text::trim(std::string_view(s).substr(0, colon)));
  auto pts = model::parse_points(text::trim(std::string_view(s).substr(colon + 1)));
  if (!pts || range.empty()) return std::nullopt;
  model::Band b;
  b.points = *pts;
  b.text = range;
  std::string r;
  for (char c : range) {
    if (c != ' ') r += c;
  }
  auto num = [](std::string_view t) { return parse_number(t); };
  if ((r.front() == '[' || r.front() == '(') && (r.back() == ']' || r.back() == ')')) {
    auto comma = r.find(',');
    if (comma == std::string::npos) return std::nullopt;
    std::string lo = r.substr(1, comma - 1), hi = r.substr(comma + 1, r.size() - comma - 2);
    if (!lo.empty()) {
      b.low = num(lo);
      if (!b.low) return std::nullopt;
    }
    if (!hi.empty()) {
      b.high = num(hi);
      if (!b.high) return std::nullopt;
    }
    b.low_inclusive = r.front() == '[';
    b.high_inclusive = r.back() == ']';
    if (b.low && b.high && *b.low > *b.high) return std::nullopt;
    return b;
  }
  auto take = [&](std::string_view prefix) {
    return r.starts_with(prefix) ? num(r.substr(prefix.size())) : std::nullopt;
  };
  if (auto v = take(">=")) {
    b.low = v;
  } else if (auto v2 = take("<=")) {
    b.high = v2;
  } else if (auto v3 = take(">")) {
    b.low = v3;
    b.low_inclusive = false;
  } else if (auto v4 = take("<")) {
    b.high = v4;
    b.high_inclusive = false;
  } else if (auto v5 = take("=")) {
    b.low = v5;
    b.high = v5;
  } else {
    return std::nullopt;
  }
  return b;
}

// "优 80-100, 良 60-80, 差 0-60".
std::optional<std::vector<model::QualitativeBand>> parse_qualitative(std::string_view text) {
  std::vector<model::QualitativeBand> out;
  for (auto& part : text::split(text::to_halfwidth(text), ',')) {
    std::string p(text::trim(part));
    auto sp = p.rfind(' ');
    if (sp == std::string::npos) return std::nullopt;
    std::string name(text::trim(std::string_view(p).substr(0, sp)));
    std::string range = p.substr(sp + 1);
    auto dash = range.find('-');
    if (dash == std::string::npos || name.empty()) return std::nullopt;
    auto lo = parse_number(range.substr(0, dash));
    auto hi = parse_number(range.substr(dash + 1));
    if (!lo || !hi || *lo > *hi || *lo < 0 || *hi > 100) return std::nullopt;
    out.push_back({name, *lo, *hi});
  }
  if (out.empty()) return std::nullopt;
  return out;
}

// The 3 bands of 财预〔2020〕10号 for qualitative indicators (100–80 %, 80–60 %, 60–0 %).
std::vector<model::QualitativeBand> default_qualitative_bands() {
  return {{"好", 80, 100}, {"中", 60, 80}, {"差", 0, 60}};
}

std::vector<Section> split_sections(std::string_view text, Problems& problems) {
  std::vector<Section> sections;
  int line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto nl = text.find('\n', pos);
    std::string_view raw =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    std::string_view line = text::trim(raw);
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '[') {
      if (line.back() != ']') {
        problems.add(line_no, "节标题缺少 ]");
        continue;
      }
      std::string inner(text::trim(line.substr(1, line.size() - 2)));
      Section s;
      s.line = line_no;
      auto sp = inner.find(' ');
      std::string head = sp == std::string::npos ? inner : inner.substr(0, sp);
      std::string rest =
          sp == std::string::npos ? std::string() : std::string(text::trim(inner.substr(sp + 1)));
      if (head == "framework" && rest.empty()) {
        s.kind = "framework";
      } else if (head == "checklist") {
        s.kind = "checklist";
        s.arg = rest;
        if (rest.empty()) problems.add(line_no, "[checklist] 缺少清单标识");
      } else if (valid_number(head)) {
        s.kind = "item";
        s.arg = head;
        s.name = rest;
      } else {
        problems.add(line_no, "未知的节: [" + inner + "]");
        s.kind = "unknown";
      }
      sections.push_back(std::move(s));
      continue;
    }
    auto eq = line.find('=');
    if (eq == std::string_view::npos) {
      problems.add(line_no, "应为 键 = 值: " + std::string(line));
      continue;
    }
    if (sections.empty()) {
      problems.add(line_no, "键值出现在任何节之前");
      continue;
    }
    Entry e{std::string(text::trim(line.substr(0, eq))),
            std::string(text::trim(line.substr(eq + 1))), line_no};
    sections.back().entries.push_back(std::move(e));
  }
  return sections;
}

// The keys an item section may have.
const std::set<std::string>& item_keys() {
  static const std::set<std::string> keys{
      "name",      "points",      "explanation", "standard", "input",          "rule",  "target",
      "bound",     "per",         "step",        "deduct",   "direction",      "count", "band",
      "checklist", "item_points", "qualitative", "formula",  "not_applicable", "group"};
  return keys;
}

void parse_item(const Section& s, Framework& fw, Problems& problems) {
  FrameworkItem item;
  item.number = s.arg;
  item.name = s.name;
  item.line = s.line;
  const std::string where = "[" + s.arg + "] ";
  std::map<std::string, const Entry*> single;
  std::vector<const Entry*> inputs, bands;
  for (const auto& e : s.entries) {
    if (!item_keys().contains(e.key)) {
      problems.add(e.line, where + "未知的键: " + e.key);
      continue;
    }
    if (e.key == "input") {
      inputs.push_back(&e);
    } else if (e.key == "band") {
      bands.push_back(&e);
    } else if (e.key == "explanation" || e.key == "standard") {
      std::string& dst = e.key == "explanation" ? item.explanation : item.standard;
      dst += (dst.empty() ? "" : "\n") + e.value;
    } else {
      if (single.contains(e.key)) problems.add(e.line, where + "重复的键: " + e.key);
      single[e.key] = &e;
    }
  }
  if (auto it = single.find("name"); it != single.end()) item.name = it->second->value;
  if (item.name.empty()) problems.add(s.line, where + "缺少指标名称");
  if (auto it = single.find("points"); it == single.end()) {
    problems.add(s.line, where + "缺少 points");
  } else if (auto p = model::parse_points(it->second->value); !p || *p <= 0) {
    problems.add(it->second->line, where + "points 应为正数（至多两位小数）: " + it->second->value);
  } else {
    item.points = *p;
  }
  for (const Entry* e : inputs) {
    model::InputRef ref;
    auto colon = e->value.find(':');
    if (colon != std::string::npos) {
      ref.alias = std::string(text::trim(std::string_view(e->value).substr(0, colon)));
      ref.name = std::string(text::trim(std::string_view(e->value).substr(colon + 1)));
    } else {
      ref.name = e->value;
      ref.alias = default_alias(e->value);
    }
    item.inputs.push_back(ref);
  }

  auto rule_it = single.find("rule");
  if (rule_it != single.end()) {
    Rule rule;
    int rule_line = rule_it->second->line;
    auto kind = model::parse_rule_kind(rule_it->second->value);
    if (!kind) {
      problems.add(
          rule_line,
          where + "未知的规则: " + rule_it->second->value +
              "（可用: proportional, reverse_proportional, per_point_deduction, step_deduction, "
              "tiered_bands, checklist, qualitative_band, formula）");
    } else {
      rule.kind = *kind;
      auto number = [&](const std::string& key, double& dst, bool required) {
        auto it = single.find(key);
        if (it == single.end()) {
          if (required)
            problems.add(rule_line,
                         where + std::string(model::to_string(rule.kind)) + " 需要 " + key);
          return;
        }
        auto v = parse_number(it->second->value);
        if (!v) {
          problems.add(it->second->line, where + key + " 不是数值: " + it->second->value);
        } else {
          dst = *v;
        }
      };
      auto needs_inputs = [&](std::size_t n) {
        if (item.inputs.size() != n) {
          problems.add(rule_line, where + std::string(model::to_string(rule.kind)) + " 需要 " +
                                      std::to_string(n) + " 个输入，实有 " +
                                      std::to_string(item.inputs.size()) + " 个");
        }
      };
      if (auto it = single.find("direction"); it != single.end()) {
        if (it->second->value == "above") {
          rule.direction = model::BoundSide::above;
        } else if (it->second->value == "below") {
          rule.direction = model::BoundSide::below;
        } else {
          problems.add(it->second->line,
                       where + "direction 应为 above 或 below: " + it->second->value);
        }
      } else {
        rule.direction = rule.kind == RuleKind::per_point_deduction ? model::BoundSide::above
                                                                    : model::BoundSide::below;
      }
      if (auto it = single.find("not_applicable"); it != single.end()) {
        if (it->second->value == "rescale") {
          rule.rescale_when_not_applicable = true;
        } else {
          problems.add(it->second->line,
                       where + "not_applicable 只能为 rescale: " + it->second->value);
        }
      }
      switch (rule.kind) {
        case RuleKind::proportional:
        case RuleKind::reverse_proportional:
          needs_inputs(1);
          number("target", rule.target, false);
          if (rule.target <= 0) problems.add(rule_line, where + "target 应大于 0");
          break;
        case RuleKind::per_point_deduction:
          needs_inputs(1);
          number("bound", rule.bound, true);
          number("per", rule.per, true);
          if (rule.per <= 0 && single.contains("per"))
            problems.add(single["per"]->line, where + "per 应大于 0");
          break;
        case RuleKind::step_deduction:
          needs_inputs(1);
          number("target", rule.target, true);
          number("step", rule.step, true);
          number("deduct", rule.deduct, true);
          if (rule.step <= 0 && single.contains("step"))
            problems.add(single["step"]->line, where + "step 应大于 0");
          if (auto it = single.find("count"); it != single.end()) {
            if (it->second->value == "whole") {
              rule.step_count = model::StepCount::whole;
            } else if (it->second->value == "started") {
              rule.step_count = model::StepCount::started;
            } else {
              problems.add(it->second->line,
                           where + "count 应为 whole 或 started: " + it->second->value);
            }
          }
          break;
        case RuleKind::tiered_bands:
          needs_inputs(1);
          if (bands.empty()) problems.add(rule_line, where + "tiered_bands 需要至少一个 band");
          for (const Entry* e : bands) {
            auto b = parse_band(e->value);
            if (!b) {
              problems.add(e->line,
                           where + "band 应为 区间: 分值，如 [90,100]: 5 或 >30: 0: " + e->value);
            } else if (item.points > 0 && b->points > item.points) {
              problems.add(e->line, where + "band 分值 " + model::format_points(b->points) +
                                        " 超过指标分值 " + model::format_points(item.points));
            } else {
              rule.bands.push_back(*b);
            }
          }
          break;
        case RuleKind::checklist:
        case RuleKind::qualitative_band: {
          auto it = single.find("checklist");
          if (it == single.end()) {
            problems.add(rule_line,
                         where + std::string(model::to_string(rule.kind)) + " 需要 checklist");
          } else {
            rule.checklist = it->second->value;
            if (!item.inputs.empty())
              problems.add(rule_line, where + "清单类规则的输入由 checklist 给出，不写 input");
            item.inputs.push_back(
                {"checklist." + rule.checklist, default_alias("checklist." + rule.checklist)});
          }
          number("per", rule.per, false);
          if (auto ip = single.find("item_points"); ip != single.end()) {
            auto p = model::parse_points(ip->second->value);
            if (!p || *p <= 0) {
              problems.add(ip->second->line, where + "item_points 应为正数: " + ip->second->value);
            } else {
              rule.item_points = *p;
            }
          }
          if (rule.kind == RuleKind::qualitative_band) {
            rule.qualitative_bands = default_qualitative_bands();
            if (auto q = single.find("qualitative"); q != single.end()) {
              auto parsed = parse_qualitative(q->second->value);
              if (!parsed) {
                problems.add(
                    q->second->line,
                    where + "qualitative 应为 名称 下限-上限, …，如 优 80-100, 良 60-80, 差 0-60");
              } else {
                rule.qualitative_bands = *parsed;
              }
            }
          }
          break;
        }
        case RuleKind::goal_indicators: {
          auto it = single.find("group");
          if (it == single.end()) {
            problems.add(
                rule_line,
                where +
                    "goal_indicators 需要 group（goals.output、goals.effect、goals.satisfaction 或 "
                    "goals.all）");
          } else if (it->second->value != "goals.output" && it->second->value != "goals.effect" &&
                     it->second->value != "goals.satisfaction" &&
                     it->second->value != "goals.all") {
            problems.add(
                it->second->line,
                where + "group 应为 goals.output、goals.effect、goals.satisfaction 或 goals.all: " +
                    it->second->value);
          } else {
            rule.group = it->second->value;
          }
          if (!item.inputs.empty())
            problems.add(rule_line, where + "goal_indicators 的输入由 group 给出，不写 input");
          break;
        }
        case RuleKind::formula: {
          auto it = single.find("formula");
          if (it == single.end()) {
            problems.add(rule_line, where + "formula 规则需要 formula");
            break;
          }
          rule.formula = it->second->value;
          number("target", rule.target, false);
          std::vector<std::string> vars{"points", "target"};
          for (const auto& in : item.inputs) vars.push_back(in.alias);
          auto compiled = Formula::compile(rule.formula, vars);
          if (!compiled) problems.add(it->second->line, where + compiled.error().message());
          break;
        }
      }
    }
    item.rule = std::move(rule);
  }
  fw.items.push_back(std::move(item));
}

}  // namespace

Result<Framework> parse_framework(std::string_view text, const std::string& file) {
  Problems problems(file);
  Framework fw;
  fw.file = file;
  fw.text = std::string(text);
  if (!text::valid_utf8(text)) {
    problems.add(1, "文件不是 UTF-8 编码");
    return fail(problems.to_error());
  }
  auto sections = split_sections(text, problems);
  bool saw_framework = false;
  int framework_line = 1;
  std::optional<Points> declared_total;
  int total_line = 0;
  for (const auto& s : sections) {
    if (s.kind == "framework") {
      if (saw_framework) problems.add(s.line, "重复的 [framework] 节");
      saw_framework = true;
      framework_line = s.line;
      for (const auto& e : s.entries) {
        if (e.key == "id") {
          fw.id = e.value;
        } else if (e.key == "name") {
          fw.name = e.value;
        } else if (e.key == "object") {
          fw.object = e.value;
          if (e.value != "dept_overall_expenditure" && e.value != "project_expenditure" &&
              e.value != "special_fund") {
            problems.add(
                e.line,
                "object 应为 dept_overall_expenditure、project_expenditure 或 special_fund: " +
                    e.value);
          }
        } else if (e.key == "region") {
          fw.region = e.value;
        } else if (e.key == "year") {
          fw.year = e.value;
        } else if (e.key == "source") {
          fw.source += (fw.source.empty() ? "" : "\n") + e.value;
        } else if (e.key == "document") {
          fw.document = e.value;
        } else if (e.key == "reconstructed") {
          fw.reconstructed += (fw.reconstructed.empty() ? "" : "\n") + e.value;
        } else if (e.key == "total") {
          declared_total = model::parse_points(e.value);
          total_line = e.line;
          if (!declared_total) problems.add(e.line, "total 不是分值: " + e.value);
        } else if (e.key == "grades") {
          for (auto& part : text::split(text::to_halfwidth(e.value), ',')) {
            std::string p(text::trim(part));
            auto sp = p.rfind(' ');
            auto min =
                sp == std::string::npos ? std::nullopt : model::parse_points(p.substr(sp + 1));
            if (!min) {
              problems.add(e.line, "grades 应为 名称 下限, …，如 优 90, 良 80, 中 60, 差 0: " + p);
              continue;
            }
            fw.grades.push_back({std::string(text::trim(std::string_view(p).substr(0, sp))), *min});
          }
          for (std::size_t i = 1; i < fw.grades.size(); ++i) {
            if (fw.grades[i].min >= fw.grades[i - 1].min) {
              problems.add(e.line, "grades 应从高到低排列");
              break;
            }
          }
        } else {
          problems.add(e.line, "[framework] 未知的键: " + e.key);
        }
      }
    } else if (s.kind == "checklist") {
      model::Checklist c;
      c.id = s.arg;
      c.line = s.line;
      for (char ch : c.id) {
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) {
          problems.add(s.line, "清单标识只能含小写字母、数字和下划线: " + c.id);
          break;
        }
      }
      for (const auto& e : s.entries) {
        if (e.key == "name") {
          c.name = e.value;
        } else if (e.key == "mode") {
          if (e.value == "items") {
            c.mode = model::ChecklistMode::items;
          } else if (e.value == "violations") {
            c.mode = model::ChecklistMode::violations;
          } else if (e.value == "judgement") {
            c.mode = model::ChecklistMode::judgement;
          } else if (e.value == "value") {
            c.mode = model::ChecklistMode::value;
          } else {
            problems.add(e.line, "mode 应为 items、violations、judgement 或 value: " + e.value);
          }
        } else if (e.key == "item") {
          c.items.push_back(e.value);
        } else {
          problems.add(e.line, "[checklist " + c.id + "] 未知的键: " + e.key);
        }
      }
      if (c.name.empty()) problems.add(s.line, "[checklist " + c.id + "] 缺少 name");
      if (c.mode == model::ChecklistMode::items && c.items.empty()) {
        problems.add(s.line, "[checklist " + c.id + "] 逐项清单至少需要一个 item");
      }
      if (fw.find_checklist(c.id)) problems.add(s.line, "重复的清单: " + c.id);
      fw.checklists.push_back(std::move(c));
    } else if (s.kind == "item") {
      if (fw.find_item(s.arg)) {
        problems.add(s.line, "重复的指标编号: [" + s.arg + "]");
        continue;
      }
      parse_item(s, fw, problems);
    }
  }
  if (!saw_framework) problems.add(1, "缺少 [framework] 节");
  if (saw_framework && fw.id.empty()) problems.add(framework_line, "[framework] 缺少 id");
  if (saw_framework && fw.name.empty()) problems.add(framework_line, "[framework] 缺少 name");
  if (saw_framework && fw.source.empty())
    problems.add(framework_line, "[framework] 缺少 source（出处）");
  if (saw_framework && fw.grades.empty()) problems.add(framework_line, "[framework] 缺少 grades");

  // The tree: parents before children, numbers consecutive under each parent.
  for (std::size_t i = 0; i < fw.items.size(); ++i) {
    auto& item = fw.items[i];
    std::string parent = parent_number(item.number);
    if (parent.empty()) continue;
    int found = -1;
    for (std::size_t j = 0; j < i; ++j) {
      if (fw.items[j].number == parent) found = static_cast<int>(j);
    }
    if (found < 0) {
      problems.add(item.line,
                   "[" + item.number + "] 的上级指标 [" + parent + "] 不存在（或写在它之后）");
      continue;
    }
    item.parent = found;
    fw.items[static_cast<std::size_t>(found)].children.push_back(static_cast<int>(i));
  }
  for (const auto& item : fw.items) {
    const std::string where = "[" + item.number + "] ";
    if (!item.is_leaf()) {
      if (item.rule) problems.add(item.line, where + "有下级指标，不能有 rule");
      Points sum = 0;
      for (int c : item.children) sum += fw.items[static_cast<std::size_t>(c)].points;
      if (sum != item.points && item.points > 0) {
        problems.add(item.line, where + item.name + " 的下级分值合计 " + model::format_points(sum) +
                                    "，与其分值 " + model::format_points(item.points) + " 不符");
      }
      continue;
    }
    if (!item.rule) {
      problems.add(item.line, where + item.name + " 是末级指标，缺少 rule");
      continue;
    }
    const auto& rule = *item.rule;
    const bool checklist_rule =
        rule.kind == RuleKind::checklist || rule.kind == RuleKind::qualitative_band;
    for (const auto& in : item.inputs) {
      // A checklist rule's input is its checklist, reported below when undeclared.
      if (checklist_rule && in.name == "checklist." + rule.checklist) continue;
      if (!is_known_input(fw, in.name)) {
        problems.add(item.line, where + "未知的输入: " + in.name);
      }
    }
    if (checklist_rule && !rule.checklist.empty()) {
      const auto* c = fw.find_checklist(rule.checklist);
      if (!c) {
        problems.add(item.line, where + "未声明的清单: " + rule.checklist);
      } else if (rule.kind == RuleKind::qualitative_band &&
                 c->mode != model::ChecklistMode::judgement) {
        problems.add(item.line,
                     where + "qualitative_band 需要 mode = judgement 的清单: " + rule.checklist);
      } else if (rule.kind == RuleKind::checklist && c->mode == model::ChecklistMode::judgement) {
        problems.add(item.line,
                     where +
                         "checklist 规则不能用 mode = judgement 的清单（请用 qualitative_band）: " +
                         rule.checklist);
      } else if (rule.kind == RuleKind::checklist && c->mode == model::ChecklistMode::value) {
        problems.add(item.line, where + "mode = value 的清单是一个数值，请以 input = checklist." +
                                    rule.checklist + " 配合数值规则使用");
      } else if (rule.kind == RuleKind::checklist && c->mode == model::ChecklistMode::violations &&
                 rule.per <= 0) {
        problems.add(item.line, where + "违规扣分清单需要 per（每项违规扣分）");
      }
    }
  }
  Points top = 0;
  for (const auto& item : fw.items) {
    if (item.parent < 0) top += item.points;
  }
  fw.total = top;
  if (fw.items.empty() && saw_framework) problems.add(framework_line, "框架没有任何指标");
  if (declared_total && *declared_total != top && !fw.items.empty()) {
    problems.add(total_line, "一级指标分值合计 " + model::format_points(top) + "，与 total " +
                                 model::format_points(*declared_total) + " 不符");
  }
  if (!problems.empty()) return fail(problems.to_error());
  return fw;
}

Result<Framework> load_framework_file(const std::string& path) {
  auto text = read_file(path);
  if (!text) return fail(std::move(text.error().add_context("框架文件")));
  return parse_framework(*text, path);
}

Result<std::vector<Framework>> load_frameworks_dir(const std::string& dir) {
  std::error_code ec;
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".fw")
      paths.push_back(entry.path().string());
  }
  if (ec) return fail(Error::io("无法读取框架目录: " + dir + ": " + ec.message()));
  std::sort(paths.begin(), paths.end());
  std::vector<Framework> out;
  for (const auto& p : paths) {
    auto fw = load_framework_file(p);
    if (!fw) return fail(std::move(fw.error()));
    for (const auto& other : out) {
      if (other.id == fw->id) {
        return fail(
            Error::conflict("框架标识重复: " + fw->id + "（" + other.file + " 与 " + p + "）"));
      }
    }
    out.push_back(std::move(*fw));
  }
  std::sort(out.begin(), out.end(),
            [](const Framework& a, const Framework& b) { return a.id < b.id; });
  return out;
}

std::vector<std::string> framework_dirs(const std::string& dir, const std::string& shipped) {
  if (!dir.empty()) return {dir};
  if (const char* env = std::getenv("JIXIAO_FRAMEWORKS_DIR"); env != nullptr && *env != '\0')
    return {env};
  std::vector<std::string> dirs;
  std::error_code ec;
  if (std::filesystem::is_directory("frameworks", ec)) dirs.push_back("frameworks");
  if (dirs.empty() || std::filesystem::weakly_canonical(dirs.front(), ec) !=
                          std::filesystem::weakly_canonical(shipped, ec)) {
    dirs.push_back(shipped);
  }
  return dirs;
}

Result<std::vector<Framework>> load_frameworks(const std::vector<std::string>& dirs) {
  std::vector<Framework> all;
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) continue;
    auto some = load_frameworks_dir(dir);
    if (!some) return fail(std::move(some.error()));
    for (auto& fw : *some) {
      const bool seen =
          std::any_of(all.begin(), all.end(), [&](const Framework& f) { return f.id == fw.id; });
      if (!seen) all.push_back(std::move(fw));
    }
  }
  std::sort(all.begin(), all.end(),
            [](const Framework& a, const Framework& b) { return a.id < b.id; });
  return all;
}

Result<Framework> find_framework(const std::vector<std::string>& dirs, const std::string& id) {
  auto all = load_frameworks(dirs);
  if (!all) return fail(std::move(all.error()));
  std::string known;
  for (auto& fw : *all) {
    if (fw.id == id) return std::move(fw);
    known += (known.empty() ? "" : "、") + fw.id;
  }
  return fail(Error::not_found("未知的评价框架: " + id + "（可用: " + known + "）"));
}

}  // namespace jixiao::scoring
