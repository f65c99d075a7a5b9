// scoring/inputs.cpp — the inputs a framework may read, and gathering them from the ledger,
// checklist answers and goals. Inputs are never typed twice: each says where it came from.
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "congress/congress.hpp"
#include "core/money.hpp"
#include "ledger/ledger.hpp"
#include "scoring/scoring.hpp"
#include "store/store.hpp"

namespace jixiao::scoring {
namespace {

// "91.55%": the exact ratio rounded half-up to two decimals, as shown in published tables.
std::string percent_display(std::int64_t num, std::int64_t den) {
  return Rate(num, den).percent_text(2);
}

// The percentage as a double computed in one division, so that an exact quotient such as
// 90 stays exactly 90 at band edges (0.9 × 100 would not).
double percent_value(std::int64_t num, std::int64_t den) {
  return static_cast<double>(num) * 100.0 / static_cast<double>(den);
}

std::string wan(std::int64_t fen) { return format_wan(Money::from_fen(fen)) + " 万元"; }

model::InputValue present(std::string name, double value, std::string display, std::string source) {
  model::InputValue v;
  v.name = std::move(name);
  v.status = model::InputStatus::present;
  v.value = value;
  v.display = std::move(display);
  v.source = std::move(source);
  return v;
}

model::InputValue absent(std::string name, model::InputStatus status, std::string source) {
  model::InputValue v;
  v.name = std::move(name);
  v.status = status;
  v.source = std::move(source);
  return v;
}

// A rate input: `num` / `den` × 100, missing when `den` is 0.
model::InputValue rate_input(const std::string& name, std::int64_t num, std::int64_t den,
                             const std::string& label, const std::string& how) {
  if (den == 0)
    return absent(name, model::InputStatus::missing, label + "无法计算: " + how + "的分母为 0");
  return present(name, percent_value(num, den), percent_display(num, den), how);
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

const std::vector<InputSpec>& known_inputs() {
  static const std::vector<InputSpec> specs{
      {"ledger.execution_rate", "预算执行率（预算完成率）= 执行数 / 全年预算数（调整后）× 100%",
       "%"},
      {"ledger.adjustment_rate", "预算调整率 = （追加 + 调减的绝对值）/ 年初预算 × 100%", "%"},
      {"ledger.addition_rate", "预算控制率 = 年中追加 / 年初预算 × 100%", "%"},
      {"ledger.carryover_rate", "结转结余率 = （全年预算数 − 执行数）/ 全年预算数 × 100%", "%"},
      {"ledger.progress_h1", "上半年支出进度 = 6月30日前支出 / 全年预算数 × 100%", "%"},
      {"ledger.progress_q3", "前三季度支出进度 = 9月30日前支出 / 全年预算数 × 100%", "%"},
      {"ledger.three_public_control_rate",
       "“三公”经费控制率 = 三公实际支出 / 三公预算数 × 100%（三公 = 经济分类 "
       "30212、30217、30231、31013）",
       "%"},
      {"ledger.three_public_change_rate",
       "“三公”经费变动率 = （本年三公预算 − 上年三公预算）/ 上年三公预算 × 100%", "%"},
      {"ledger.public_expense_control_rate",
       "公用经费控制率 = 基本支出中 302 类实际支出 / 302 类预算数 × 100%", "%"},
      {"ledger.carryover_vs_last_year", "本年结余 / 上年结余 × 100%（资金结余与上年结转相比）",
       "%"},
      {"goals.output", "产出指标完成率：部门整体绩效目标中产出指标按分值加权的完成程度", "%"},
      {"goals.effect", "效益指标完成率：效益指标按分值加权的完成程度", "%"},
      {"goals.satisfaction", "满意度指标完成率：满意度指标按分值加权的完成程度", "%"},
      {"goals.all", "全部绩效指标完成率：按分值加权的完成程度", "%"},
      {"goal.*", "某一绩效指标的完成程度（goal.<指标编码>），来自绩效目标的实际完成值", "%"},
      {"congress.*",
       "人大工作记录（congress 模块）: congress.suggestions_total、congress.key_supervised、"
       "congress.answered_on_time_rate、congress.ab_share、congress.ab_share_change、congress."
       "satisfied_rate、"
       "congress.reports_total、congress.<记录类别>（如 congress.standing_meeting）",
       ""},
  };
  return specs;
}

bool is_known_input(const model::Framework& framework, std::string_view name) {
  for (const auto& s : known_inputs()) {
    if (s.name.ends_with(".*")) {
      std::string_view prefix = std::string_view(s.name).substr(0, s.name.size() - 1);
      if (name.starts_with(prefix) && name.size() > prefix.size()) return true;
    } else if (s.name == name) {
      return true;
    }
  }
  if (name.starts_with("checklist.")) return framework.find_checklist(name.substr(10)) != nullptr;
  return false;
}

bool is_three_public_code(std::string_view code) {
  return code == "30212" || code == "30217" || code == "30231" || code == "31013";
}

namespace {

// The figures of every unit, counting only the lines `only` accepts (all when null).
std::vector<LedgerFigures> accumulate(const ledger::Ledger& ledger, const std::vector<bool>* only) {
  const auto& units = ledger.units();
  const auto& lines = ledger.lines();
  const auto& line_unit = ledger.line_unit();
  std::vector<LedgerFigures> out(units.size());
  for (std::size_t u = 0; u < units.size(); ++u) {
    out[u].unit_code = units[u].code;
    out[u].unit_name = units[u].name;
    out[u].fiscal_year = ledger.fiscal_year();
  }
  // Per line: is it a 三公 line, a 公用经费 line (basic, 302xx)?
  std::vector<std::uint8_t> line_flags(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (only && !(*only)[i]) continue;
    const auto& l = lines[i];
    auto& f = out[line_unit[i]];
    f.initial += l.initial_budget.fen();
    std::uint8_t flags = 0;
    if (is_three_public_code(l.economic_code)) {
      flags |= 1;
      f.three_public_budget += l.initial_budget.fen();
    }
    if (l.kind == model::ExpenditureKind::basic && l.economic_code.starts_with("302")) {
      flags |= 2;
      f.public_budget += l.initial_budget.fen();
    }
    line_flags[i] = flags;
  }
  const auto& adj = ledger.adjustments();
  for (std::size_t i = 0; i < adj.line.size(); ++i) {
    auto line = adj.line[i];
    if (only && !(*only)[line]) continue;
    auto& f = out[line_unit[line]];
    if (adj.fen[i] >= 0) {
      f.additions += adj.fen[i];
    } else {
      f.reductions -= adj.fen[i];
    }
    if (line_flags[line] & 1) f.three_public_budget += adj.fen[i];
    if (line_flags[line] & 2) f.public_budget += adj.fen[i];
  }
  const int y = ledger.fiscal_year();
  const int h1 = ledger.day_of(Date::from_ymd(y, 6, 30));
  const int q3 = ledger.day_of(Date::from_ymd(y, 9, 30));
  const auto& codes = ledger.economic_codes();
  std::vector<std::uint8_t> code_flags(codes.size());
  for (std::size_t c = 0; c < codes.size(); ++c) {
    code_flags[c] = static_cast<std::uint8_t>((is_three_public_code(codes[c]) ? 1 : 0) |
                                              (codes[c].starts_with("302") ? 2 : 0));
  }
  const auto& pay = ledger.payments();
  for (std::size_t i = 0; i < pay.line.size(); ++i) {
    auto line = pay.line[i];
    if (only && !(*only)[line]) continue;
    auto& f = out[line_unit[line]];
    std::int64_t fen = pay.fen[i];
    f.executed += fen;
    if (pay.day[i] <= h1) f.executed_h1 += fen;
    if (pay.day[i] <= q3) f.executed_q3 += fen;
    std::uint8_t cf = pay.economic[i] < code_flags.size() ? code_flags[pay.economic[i]] : 0;
    if (cf & 1) f.three_public_executed += fen;
    if ((cf & 2) && lines[line].kind == model::ExpenditureKind::basic) f.public_executed += fen;
  }
  return out;
}

}  // namespace

std::vector<LedgerFigures> ledger_figures(const ledger::Ledger& ledger,
                                          const ledger::Ledger* last_year) {
  auto out = accumulate(ledger, nullptr);
  if (last_year) {
    auto previous = ledger_figures(*last_year, nullptr);
    std::unordered_map<std::string, const LedgerFigures*> by_code;
    for (const auto& p : previous) by_code[p.unit_code] = &p;
    for (auto& f : out) {
      if (auto it = by_code.find(f.unit_code); it != by_code.end()) {
        f.three_public_budget_last_year = it->second->three_public_budget;
        f.unspent_last_year = it->second->adjusted() - it->second->executed;
      }
    }
  }
  return out;
}

std::optional<LedgerFigures> line_figures(const ledger::Ledger& ledger,
                                          const std::string& unit_code,
                                          const std::string& line_code,
                                          const ledger::Ledger* last_year) {
  auto id = ledger.find_line(unit_code, line_code);
  if (!id) return std::nullopt;
  std::vector<bool> only(ledger.lines().size(), false);
  only[*id] = true;
  auto all = accumulate(ledger, &only);
  LedgerFigures f = std::move(all[ledger.line_unit()[*id]]);
  f.unit_code = unit_code + "/" + line_code;
  f.unit_name += " " + ledger.lines()[*id].name;
  if (last_year) {
    if (auto last_id = last_year->find_line(unit_code, line_code)) {
      std::vector<bool> last_only(last_year->lines().size(), false);
      last_only[*last_id] = true;
      auto previous = accumulate(*last_year, &last_only);
      const auto& p = previous[last_year->line_unit()[*last_id]];
      f.three_public_budget_last_year = p.three_public_budget;
      f.unspent_last_year = p.adjusted() - p.executed;
    }
  }
  return f;
}

void add_ledger_inputs(InputSet& inputs, const LedgerFigures& f) {
  const std::string where =
      "账簿（" + f.unit_code + "，" + std::to_string(f.fiscal_year) + " 年）: ";
  const std::int64_t adjusted = f.adjusted();
  auto put = [&](model::InputValue v) { inputs[v.name] = std::move(v); };
  put(rate_input("ledger.execution_rate", f.executed, adjusted, "预算执行率",
                 where + "执行数 " + wan(f.executed) + " ÷ 全年预算数 " + wan(adjusted)));
  put(rate_input("ledger.adjustment_rate", f.additions + f.reductions, f.initial, "预算调整率",
                 where + "（追加 " + wan(f.additions) + " + 调减 " + wan(f.reductions) +
                     "）÷ 年初预算 " + wan(f.initial)));
  put(rate_input("ledger.addition_rate", f.additions, f.initial, "预算控制率",
                 where + "追加 " + wan(f.additions) + " ÷ 年初预算 " + wan(f.initial)));
  put(rate_input("ledger.carryover_rate", adjusted - f.executed, adjusted, "结转结余率",
                 where + "结余 " + wan(adjusted - f.executed) + " ÷ 全年预算数 " + wan(adjusted)));
  put(rate_input("ledger.progress_h1", f.executed_h1, adjusted, "上半年支出进度",
                 where + "6月30日前支出 " + wan(f.executed_h1) + " ÷ 全年预算数 " + wan(adjusted)));
  put(rate_input("ledger.progress_q3", f.executed_q3, adjusted, "前三季度支出进度",
                 where + "9月30日前支出 " + wan(f.executed_q3) + " ÷ 全年预算数 " + wan(adjusted)));

  const std::string tp = "“三公”经费（30212、30217、30231、31013）";
  if (f.three_public_budget == 0 && f.three_public_executed == 0) {
    put(absent("ledger.three_public_control_rate", model::InputStatus::not_applicable,
               where + "无" + tp + "预算，也无支出"));
  } else if (f.three_public_budget == 0) {
    // Spending without a budget is the worst case of the control rate: count it as far above 100 %.
    put(present("ledger.three_public_control_rate", 10000, "无预算",
                where + tp + "无预算，却支出 " + wan(f.three_public_executed)));
  } else {
    put(rate_input("ledger.three_public_control_rate", f.three_public_executed,
                   f.three_public_budget, "三公经费控制率",
                   where + tp + "支出 " + wan(f.three_public_executed) + " ÷ 三公预算 " +
                       wan(f.three_public_budget)));
  }
  if (!f.three_public_budget_last_year) {
    put(absent("ledger.three_public_change_rate", model::InputStatus::missing,
               where + "账簿中没有上年（" + std::to_string(f.fiscal_year - 1) + " 年）的三公预算"));
  } else if (*f.three_public_budget_last_year == 0) {
    if (f.three_public_budget == 0) {
      put(present("ledger.three_public_change_rate", 0, "0.00%",
                  where + "本年与上年三公预算均为 0"));
    } else {
      put(present("ledger.three_public_change_rate", 10000, "上年为 0",
                  where + "上年三公预算为 0，本年 " + wan(f.three_public_budget)));
    }
  } else {
    std::int64_t last = *f.three_public_budget_last_year;
    put(rate_input("ledger.three_public_change_rate", f.three_public_budget - last, last,
                   "三公经费变动率",
                   where + "（本年三公预算 " + wan(f.three_public_budget) + " − 上年 " + wan(last) +
                       "）÷ 上年 " + wan(last)));
  }
  if (!f.unspent_last_year) {
    put(absent("ledger.carryover_vs_last_year", model::InputStatus::missing,
               where + "账簿中没有上年（" + std::to_string(f.fiscal_year - 1) + " 年）的结余"));
  } else if (*f.unspent_last_year == 0) {
    put(present("ledger.carryover_vs_last_year", adjusted - f.executed == 0 ? 0 : 10000,
                adjusted - f.executed == 0 ? "0.00%" : "上年无结余",
                where + "本年结余 " + wan(adjusted - f.executed) + "，上年结余为 0"));
  } else {
    put(rate_input("ledger.carryover_vs_last_year", adjusted - f.executed, *f.unspent_last_year,
                   "结余与上年之比",
                   where + "本年结余 " + wan(adjusted - f.executed) + " ÷ 上年结余 " +
                       wan(*f.unspent_last_year)));
  }
  if (f.public_budget == 0 && f.public_executed == 0) {
    put(absent("ledger.public_expense_control_rate", model::InputStatus::not_applicable,
               where + "基本支出中无 302 类（商品和服务支出）预算"));
  } else {
    put(rate_input("ledger.public_expense_control_rate", f.public_executed, f.public_budget,
                   "公用经费控制率",
                   where + "基本支出 302 类支出 " + wan(f.public_executed) + " ÷ 302 类预算 " +
                       wan(f.public_budget)));
  }
}

void add_checklist_inputs(InputSet& inputs, const model::Framework& framework,
                          const std::vector<model::ChecklistAnswer>& answers) {
  std::unordered_map<std::string, const model::ChecklistAnswer*> by_key;
  for (const auto& a : answers) by_key[a.key] = &a;
  for (const auto& c : framework.checklists) {
    const std::string name = "checklist." + c.id;
    if (c.mode == model::ChecklistMode::items) {
      int met = 0, na = 0;
      std::vector<std::string> unanswered;
      std::string evidence;
      for (std::size_t i = 0; i < c.items.size(); ++i) {
        std::string key = c.id + "." + std::to_string(i + 1);
        auto it = by_key.find(key);
        if (it == by_key.end() || (!it->second->value && !it->second->not_applicable)) {
          unanswered.push_back(std::to_string(i + 1));
          continue;
        }
        const auto& a = *it->second;
        std::string verdict;
        if (a.not_applicable) {
          ++na;
          verdict = "不适用";
        } else if (*a.value >= 1) {
          ++met;
          verdict = "符合";
        } else {
          verdict = "不符合";
        }
        evidence += (evidence.empty() ? "" : "；") + std::to_string(i + 1) + "." + c.items[i] +
                    "：" + verdict + (a.evidence.empty() ? "" : "（" + a.evidence + "）");
      }
      const std::string from = "自评清单“" + c.name + "”";
      if (!unanswered.empty()) {
        std::string list;
        for (const auto& u : unanswered) list += (list.empty() ? "" : "、") + u;
        inputs[name] = absent(name, model::InputStatus::missing, from + "第 " + list + " 项未作答");
        continue;
      }
      const int n = static_cast<int>(c.items.size());
      if (na == n) {
        inputs[name] = absent(name, model::InputStatus::not_applicable, from + "各项均不适用");
        continue;
      }
      // An item that does not apply counts as met: the unit cannot be marked down for it.
      auto v = present(name, met + na,
                       std::to_string(met + na) + "/" + std::to_string(n) + " 项符合" +
                           (na > 0 ? "（含不适用 " + std::to_string(na) + " 项）" : ""),
                       from);
      v.evidence = evidence;
      inputs[name] = std::move(v);
      continue;
    }
    auto it = by_key.find(c.id);
    const std::string from = "自评清单“" + c.name + "”";
    if (it == by_key.end()) {
      inputs[name] = absent(name, model::InputStatus::missing, from + "未作答");
      continue;
    }
    const auto& a = *it->second;
    if (a.not_applicable) {
      auto v = absent(name, model::InputStatus::not_applicable, from + "答“不适用”");
      v.evidence = a.evidence;
      inputs[name] = std::move(v);
      continue;
    }
    if (!a.value) {
      inputs[name] = absent(name, model::InputStatus::missing, from + "未作答");
      continue;
    }
    if (c.mode == model::ChecklistMode::judgement && a.evidence.empty()) {
      inputs[name] = absent(name, model::InputStatus::missing,
                            from + "的评判缺少理由（定性评判必须写明理由）");
      continue;
    }
    std::string display =
        c.mode == model::ChecklistMode::violations  ? number_text(*a.value) + " 项违规"
        : c.mode == model::ChecklistMode::judgement ? "评为 " + number_text(*a.value) + "%"
                                                    : number_text(*a.value);
    auto v = present(name, *a.value, display, from);
    v.evidence = a.evidence;
    inputs[name] = std::move(v);
  }
}

void add_goal_inputs(InputSet& inputs, const std::vector<indicators::GoalCompletion>& completions,
                     const std::string& line_code) {
  struct Acc {
    double weighted = 0;
    double weights = 0;
    double plain = 0;  // unweighted sum, for goals whose indicators carry no points
    int present = 0;
    int count = 0;
    std::vector<std::string> missing;
  };
  std::map<std::string, Acc> groups;
  for (const auto& gc : completions) {
    if (gc.line_code != line_code) continue;
    const auto& g = gc.goal;
    std::string group;
    switch (model::class_of(g.subclass)) {
      case model::IndicatorClass::output:
        group = "goals.output";
        break;
      case model::IndicatorClass::effect:
        group = "goals.effect";
        break;
      case model::IndicatorClass::satisfaction:
        group = "goals.satisfaction";
        break;
    }
    const std::string name = "goal." + g.indicator_code;
    double weight =
        static_cast<double>(g.points.scaled()) / static_cast<double>(model::Measure::k_scale);
    model::InputValue v;
    std::string from;
    from.reserve(64 + g.name.size() + gc.completion.explanation.size());
    from.append("绩效目标（")
        .append(line_code.empty() ? std::string_view("部门整体") : std::string_view(line_code));
    from.append("）").append(g.name).append(": ");
    if (!gc.completion.ratio.defined()) {
      v = absent(name, model::InputStatus::missing,
                 from.append(indicators::chinese_name(gc.completion.status)));
    } else {
      const Rate& r = gc.completion.ratio;
      v = present(name, percent_value(r.numerator(), r.denominator()), r.percent_text(2),
                  std::move(from.append(gc.completion.explanation)));
    }
    v.group = group;
    v.weight = weight;
    v.label = g.name;
    for (const std::string& key : {group, std::string("goals.all")}) {
      auto& acc = groups[key];
      ++acc.count;
      if (v.status != model::InputStatus::present) {
        acc.missing.push_back(g.name);
      } else {
        acc.weighted += weight * v.value;
        acc.weights += weight;
        acc.plain += v.value;
        ++acc.present;
      }
    }
    inputs[name] = std::move(v);
  }
  for (const std::string key :
       {"goals.output", "goals.effect", "goals.satisfaction", "goals.all"}) {
    auto it = groups.find(key);
    if (it == groups.end()) {
      inputs[key] = absent(key, model::InputStatus::missing, "绩效目标中没有此类指标");
      continue;
    }
    const auto& acc = it->second;
    if (!acc.missing.empty()) {
      std::string list;
      for (const auto& m : acc.missing) list += (list.empty() ? "" : "、") + m;
      inputs[key] =
          absent(key, model::InputStatus::missing, "绩效目标中以下指标尚无实际完成值: " + list);
      continue;
    }
    double value = acc.weights > 0 ? acc.weighted / acc.weights : acc.plain / acc.present;
    inputs[key] = present(key, value, number_text(value) + "%",
                          "绩效目标 " + std::to_string(acc.count) + " 项指标按分值加权的完成程度");
  }
}

void set_input(InputSet& inputs, const std::string& name, double value, std::string source) {
  auto& v = inputs[name];
  v.name = name;
  v.status = model::InputStatus::present;
  v.value = value;
  v.display.clear();
  v.source = std::move(source);
}

void add_congress_inputs(InputSet& inputs, const congress::Figures& f) {
  const std::string where = "人大工作记录（" + std::to_string(f.year) + " 年）: ";
  auto put = [&](model::InputValue v) { inputs[v.name] = std::move(v); };
  auto count = [&](const std::string& name, int n, const std::string& what) {
    put(present(name, n, std::to_string(n), where + what + " " + std::to_string(n)));
  };
  const auto& s = f.suggestions;
  count("congress.suggestions_total", s.total, "交办代表建议件数");
  count("congress.key_supervised", s.key_supervised, "重点督办件数");
  put(rate_input("congress.answered_on_time_rate", s.answered_on_time, s.total, "按期答复率",
                 where + "按期答复 " + std::to_string(s.answered_on_time) + " 件 ÷ 交办 " +
                     std::to_string(s.total) + " 件"));
  put(rate_input("congress.ab_share", s.ab, s.total, "A+B 类占比",
                 where + "A类和B类 " + std::to_string(s.ab) + " 件 ÷ 交办 " +
                     std::to_string(s.total) + " 件"));
  put(rate_input("congress.satisfied_rate", s.satisfied, s.with_feedback, "满意和基本满意率",
                 where + "满意和基本满意 " + std::to_string(s.satisfied) + " 件 ÷ 有反馈 " +
                     std::to_string(s.with_feedback) + " 件"));
  if (Rate change = f.ab_share_change(); change.defined()) {
    put(present("congress.ab_share_change", percent_value(change.numerator(), change.denominator()),
                change.percent(1), where + "A+B 类占比较上年变化（百分点）"));
  } else {
    put(absent("congress.ab_share_change", model::InputStatus::missing,
               where + "上年或本年没有交办的代表建议"));
  }
  for (const auto& [kind, n] : f.records) {
    count("congress." + std::string(model::to_string(kind)), n,
          std::string(model::chinese_name(kind)));
  }
  count("congress.reports_total", f.reports_total(), "听取审议各类报告");
}

Result<InputSet> unit_inputs(store::Store& store, const model::Framework& framework,
                             const LedgerFigures& figures, int fiscal_year,
                             const std::string& line_code,
                             const std::vector<model::ChecklistAnswer>* answers, bool has_goals) {
  InputSet inputs;
  add_ledger_inputs(inputs, figures);
  // A line's figures are labelled "UNIT/LINE" (line_figures); the store keeps the answers and the
  // goals (the line's among them) under the unit's own code.
  std::string unit_code = figures.unit_code;
  if (!line_code.empty() && unit_code.ends_with("/" + line_code))
    unit_code.resize(unit_code.size() - line_code.size() - 1);
  if (answers) {
    add_checklist_inputs(inputs, framework, *answers);
  } else {
    auto read = store.evaluations().checklist_answers(fiscal_year, unit_code);
    if (!read) return fail(std::move(read.error()));
    add_checklist_inputs(inputs, framework, *read);
  }
  // The people's-congress figures only for a framework that reads them: a bureau scoring
  // thousands of units should not query the congress register for each.
  bool reads_congress = std::any_of(
      framework.items.begin(), framework.items.end(), [](const model::FrameworkItem& i) {
        return std::any_of(i.inputs.begin(), i.inputs.end(), [](const model::InputRef& r) {
          return r.name.starts_with("congress.");
        });
      });
  if (reads_congress) {
    auto f = congress::figures(store, fiscal_year);
    if (!f) return fail(std::move(f.error()));
    add_congress_inputs(inputs, *f);
  }
  if (has_goals) {
    auto goals = indicators::completions(store, unit_code, fiscal_year);
    if (!goals) return fail(std::move(goals.error()));
    add_goal_inputs(inputs, *goals, line_code);
  } else {
    add_goal_inputs(inputs, {}, line_code);
  }
  return inputs;
}

}  // namespace jixiao::scoring
