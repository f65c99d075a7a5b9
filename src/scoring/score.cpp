// scoring/score.cpp — the rule kinds, the scorecard tree, grades, and the claimed-score review.
//
// Each leaf is computed in double from its inputs, rounded half-up to two decimals once
// (as published tables show points), and summed exactly in hundredths, so that grade
// boundaries (90/80/60, inclusive) are compared exactly.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "scoring/formula.hpp"
#include "scoring/scoring.hpp"

namespace jixiao::scoring {
namespace {

using model::Framework;
using model::FrameworkItem;
using model::InputStatus;
using model::InputValue;
using model::RuleKind;

// Concatenates with one allocation (the scorer builds several strings per leaf per unit).
template <class... Parts>
std::string cat(const Parts&... parts) {
  std::string out;
  out.reserve((std::string_view(parts).size() + ...));
  (out.append(std::string_view(parts)), ...);
  return out;
}

// Two decimals at most (half away from zero), trailing zeros dropped: 8.45, 2, 0.5.
// Hand-written rather than snprintf: it runs several times per leaf per unit.
std::string num(double v) {
  double scaled = std::round(v * 100.0);
  if (!std::isfinite(scaled) || std::abs(scaled) > 9e15) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
  }
  auto c = static_cast<long long>(scaled);
  bool negative = c < 0;
  unsigned long long a = static_cast<unsigned long long>(negative ? -c : c);
  char buf[32];
  char* end = buf + sizeof buf;
  char* p = end;
  unsigned frac = static_cast<unsigned>(a % 100);
  unsigned long long whole = a / 100;
  if (frac != 0) {
    if (frac % 10 != 0) *--p = static_cast<char>('0' + frac % 10);
    *--p = static_cast<char>('0' + frac / 10);
    *--p = '.';
  }
  do {
    *--p = static_cast<char>('0' + whole % 10);
    whole /= 10;
  } while (whole != 0);
  if (negative) *--p = '-';
  return std::string(p, end);
}

std::string pts(Points p) { return model::format_points(p); }

// Half-up to hundredths. The small nudge keeps 9.155 (stored as 9.15499…) rounding up, as a
// person rounding the printed figure would.
Points to_points(double v) {
  double scaled = v * static_cast<double>(model::k_points_scale);
  return static_cast<Points>(scaled >= 0 ? std::floor(scaled + 0.5 + 1e-7)
                                         : -std::floor(-scaled + 0.5 + 1e-7));
}

double as_double(Points p) {
  return static_cast<double>(p) / static_cast<double>(model::k_points_scale);
}

std::string shown(const InputValue& v) { return v.display.empty() ? num(v.value) : v.display; }

struct LeafOutcome {
  LineStatus status = LineStatus::scored;
  double points = 0;
  std::string arithmetic;
  std::string why;  // for missing / invalid / not applicable
};

std::string band_text(const model::Band& b) { return b.text + " 得 " + pts(b.points); }

std::string rule_text(const FrameworkItem& item, const Framework& fw) {
  const auto& r = *item.rule;
  const std::string max = pts(item.points);
  switch (r.kind) {
    case RuleKind::proportional:
      return "按比例计分: 得分 = 分值 × 实际值 ÷ 目标值 " + num(r.target) + "，最高 " + max + " 分";
    case RuleKind::reverse_proportional:
      return "反向比例计分: 得分 = 分值 × 目标值 " + num(r.target) + " ÷ 实际值，最高 " + max +
             " 分";
    case RuleKind::per_point_deduction:
      return r.direction == model::BoundSide::above
                 ? "不高于 " + num(r.bound) + "% 得满分，每高 1 个百分点扣 " + num(r.per) +
                       " 分，扣完为止"
                 : "不低于 " + num(r.bound) + "% 得满分，每低 1 个百分点扣 " + num(r.per) +
                       " 分，扣完为止";
    case RuleKind::step_deduction:
      return std::string(r.direction == model::BoundSide::below ? "达到 " : "不超过 ") +
             num(r.target) + "% 得满分，每" +
             (r.direction == model::BoundSide::below ? "低 " : "超 ") + num(r.step) +
             " 个百分点扣 " + num(r.deduct) + " 分" +
             (r.step_count == model::StepCount::started ? "（不足一档按一档计）" : "（按整档计）") +
             "，扣完为止";
    case RuleKind::tiered_bands: {
      std::string t = "分档计分: ";
      for (std::size_t i = 0; i < r.bands.size(); ++i) t += (i ? "；" : "") + band_text(r.bands[i]);
      return t;
    }
    case RuleKind::checklist: {
      const auto* c = fw.find_checklist(r.checklist);
      if (c && c->mode == model::ChecklistMode::violations) {
        return "清单“" + c->name + "”: 每发现 1 项违规扣 " + num(r.per) + " 分，扣完为止";
      }
      std::size_t n = c ? c->items.size() : 0;
      Points each = r.item_points ? *r.item_points : (n ? item.points / static_cast<Points>(n) : 0);
      return "清单“" + (c ? c->name : r.checklist) + "”: 共 " + std::to_string(n) +
             " 项，每项符合得 " + pts(each) + " 分";
    }
    case RuleKind::qualitative_band: {
      std::string t = "定性评判（须写明理由），分档: ";
      for (std::size_t i = 0; i < r.qualitative_bands.size(); ++i) {
        const auto& b = r.qualitative_bands[i];
        t += (i ? "；" : "") + b.name + " " + num(b.low_percent) + "–" + num(b.high_percent) + "%";
      }
      return t + "，得分 = 分值 × 评定比例";
    }
    case RuleKind::formula:
      return "公式: " + r.formula + "（结果限于 0 至 " + max + " 分）";
    case RuleKind::goal_indicators:
      return "按绩效目标逐项计分: 各指标得分 = 其分值在本项中的份额 × 完成程度";
  }
  return "";
}

double clamp_points(double v, double max) { return std::clamp(v, 0.0, max); }

}  // namespace

std::string describe_rule(const model::FrameworkItem& item, const model::Framework& framework) {
  JIXIAO_ASSERT(item.rule.has_value(), "describe_rule is for leaves");
  return rule_text(item, framework);
}

std::string_view chinese_name(LineStatus status) {
  switch (status) {
    case LineStatus::scored:
      return "已评分";
    case LineStatus::missing:
      return "缺少输入";
    case LineStatus::not_applicable:
      return "不适用";
    case LineStatus::invalid:
      return "无法评分";
  }
  return "";
}

const ScoreLine* Scorecard::find(std::string_view number) const {
  for (const auto& l : lines) {
    if (l.number == number) return &l;
  }
  return nullptr;
}

struct Scorer::Impl {
  std::vector<std::string> rule_texts;  // by item index; leaves only
  // Compiled formulas by item index (empty for other rules).
  std::vector<std::optional<Formula>> formulas;
  std::vector<std::vector<std::string>> formula_vars;
};

Scorer::Scorer(const model::Framework& framework)
    : m_framework(&framework), m_impl(std::make_unique<Impl>()) {}
Scorer::Scorer(Scorer&&) noexcept = default;
Scorer& Scorer::operator=(Scorer&&) noexcept = default;
Scorer::~Scorer() = default;

Result<Scorer> Scorer::make(const model::Framework& framework) {
  Scorer s(framework);
  s.m_impl->formulas.resize(framework.items.size());
  s.m_impl->formula_vars.resize(framework.items.size());
  s.m_impl->rule_texts.resize(framework.items.size());
  for (std::size_t i = 0; i < framework.items.size(); ++i) {
    const auto& item = framework.items[i];
    if (item.rule) s.m_impl->rule_texts[i] = rule_text(item, framework);
    if (!item.rule || item.rule->kind != RuleKind::formula) continue;
    std::vector<std::string> vars{"points", "target"};
    for (const auto& in : item.inputs) vars.push_back(in.alias);
    auto f = Formula::compile(item.rule->formula, vars);
    if (!f) {
      Error e = std::move(f.error());
      Location loc;
      loc.file = framework.file;
      loc.row = item.line;
      return fail(e.at(loc));
    }
    s.m_impl->formulas[i] = std::move(*f);
    s.m_impl->formula_vars[i] = std::move(vars);
  }
  return s;
}

Scorecard Scorer::score(InputSet inputs_in, const std::string& unit_code,
                        const std::string& unit_name, int fiscal_year, Explain explain_mode) {
  const bool explain = explain_mode == Explain::full;
  const Framework& fw = *m_framework;
  Scorecard card;
  card.inputs = std::move(inputs_in);
  InputSet& inputs = card.inputs;
  // An input the framework reads but nobody provided is recorded as missing, so that every
  // name a line lists can be looked up on the card.
  for (const auto& item : fw.items) {
    for (const auto& ref : item.inputs) {
      if (inputs.find(ref.name) != inputs.end()) continue;
      InputValue v;
      v.name = ref.name;
      v.status = InputStatus::missing;
      v.source = "系统中没有这项输入";
      inputs.emplace(ref.name, std::move(v));
    }
  }
  card.framework_id = fw.id;
  card.framework_name = fw.name;
  card.unit_code = unit_code;
  card.unit_name = unit_name;
  card.fiscal_year = fiscal_year;
  card.max_total = fw.total;

  const std::size_t n = fw.items.size();
  std::vector<ScoreLine> lines(n);
  // Goal-indicator sub-lines, inserted after their leaf.
  std::vector<std::vector<ScoreLine>> sub_lines(n);
  std::vector<Points> na_points(n, 0);  // not-applicable points inside each item (for rescaling)
  std::vector<std::string> missing;

  for (std::size_t i = 0; i < n; ++i) {
    const auto& item = fw.items[i];
    auto& line = lines[i];
    line.item = static_cast<int>(i);
    line.number = item.number;
    line.name = item.name;
    line.depth = item.depth();
    line.leaf = item.is_leaf();
    line.max = item.points;
    if (!item.is_leaf()) continue;

    const auto& r = *item.rule;
    const double max = as_double(item.points);
    LeafOutcome out;
    const std::string& rule_words = m_impl->rule_texts[i];

    // Gather the inputs; the first that is not present decides the leaf's status.
    std::vector<const InputValue*> values;
    const InputValue* blocking = nullptr;
    for (const auto& ref : item.inputs) {
      const InputValue& v = inputs.find(ref.name)->second;
      line.inputs.push_back(ref.name);
      if (v.status != InputStatus::present && !blocking) blocking = &v;
      values.push_back(&v);
    }

    if (r.kind == RuleKind::goal_indicators) {
      // One sub-line per goal indicator of the group.
      std::vector<const InputValue*> members;
      for (const auto& [name, v] : inputs) {
        if (!name.starts_with("goal.") || v.group.empty()) continue;
        if (r.group == "goals.all" || v.group == r.group) members.push_back(&v);
      }
      if (members.empty()) {
        out.status = LineStatus::missing;
        out.why = "绩效目标中没有" + r.group + "类指标";
        missing.push_back(r.group);
      } else {
        double weights = 0;
        for (const auto* m : members) weights += m->weight;
        double total = 0;
        bool any_missing = false;
        for (const auto* m : members) {
          ScoreLine sub;
          sub.item = static_cast<int>(i);
          sub.number = cat(item.number, ".", std::string_view(m->name).substr(5));
          sub.name = m->label.empty() ? m->name : m->label;
          sub.depth = line.depth + 1;
          sub.leaf = true;
          double share =
              weights > 0 ? max * m->weight / weights : max / static_cast<double>(members.size());
          sub.max = to_points(share);
          sub.inputs.push_back(m->name);
          const std::string share_text = explain ? num(share) : std::string();
          if (explain) sub.rule = cat("分值 ", share_text, " × 完成程度");
          if (m->status != InputStatus::present) {
            sub.status = LineStatus::missing;
            sub.undetermined = sub.max;
            if (explain)
              sub.explanation = cat(sub.name, "（", share_text, " 分）: 缺少实际完成值（",
                                    m->source, "），本项未评定");
            any_missing = true;
            missing.push_back(m->name);
          } else {
            double p = share * std::clamp(m->value, 0.0, 100.0) / 100.0;
            total += p;
            sub.points = to_points(p);
            if (explain) {
              const std::string got = num(p);
              const std::string& done = m->display.empty() ? num(m->value) : m->display;
              sub.arithmetic = cat(share_text, " × ", done, " = ", got);
              sub.explanation =
                  cat(sub.name, "（", share_text, " 分）: 完成程度 ", done, "，", m->source,
                      "；得 ", got, " 分",
                      p + 1e-9 < share ? cat("，扣 ", num(share - p), " 分") : std::string(), "。");
            }
          }
          sub_lines[i].push_back(std::move(sub));
        }
        if (any_missing) {
          out.status = LineStatus::missing;
          out.why = "部分绩效指标缺少实际完成值";
        } else {
          out.points = total;
          if (explain) out.arithmetic = "各指标得分合计 " + num(total);
        }
      }
    } else if (blocking && blocking->status == InputStatus::not_applicable) {
      out.status = r.rescale_when_not_applicable ? LineStatus::not_applicable : LineStatus::invalid;
      out.why = r.rescale_when_not_applicable
                    ? "不适用（" + blocking->source + "），本项分值按上级指标比例折算"
                    : "输入 " + blocking->name + " 为“不适用”（" + blocking->source +
                          "），但本项的规则不允许不适用";
    } else if (blocking) {
      out.status = LineStatus::missing;
      out.why = "缺少输入 " + blocking->name + "（" + blocking->source + "）";
      missing.push_back(blocking->name);
    } else {
      const double x = values.empty() ? 0 : values[0]->value;
      const std::string xs = values.empty() ? "" : shown(*values[0]);
      switch (r.kind) {
        case RuleKind::proportional: {
          double p = clamp_points(max * x / r.target, max);
          out.points = p;
          if (explain)
            out.arithmetic = num(max) + " × " + num(x) + " ÷ " + num(r.target) + " = " +
                             num(max * x / r.target) +
                             (max * x / r.target > max ? "，取上限 " + num(max) : "");
          break;
        }
        case RuleKind::reverse_proportional: {
          if (x <= 0) {
            out.points = max;
            if (explain) out.arithmetic = "实际值 " + num(x) + " 不大于 0，得满分 " + num(max);
          } else {
            double raw = max * r.target / x;
            out.points = clamp_points(raw, max);
            if (explain)
              out.arithmetic = num(max) + " × " + num(r.target) + " ÷ " + num(x) + " = " +
                               num(raw) + (raw > max ? "，取上限 " + num(max) : "");
          }
          break;
        }
        case RuleKind::per_point_deduction: {
          double beyond = r.direction == model::BoundSide::above ? x - r.bound : r.bound - x;
          if (beyond <= 0) {
            out.points = max;
            if (explain)
              out.arithmetic = xs +
                               (r.direction == model::BoundSide::above ? " 不高于 " : " 不低于 ") +
                               num(r.bound) + "%，得满分 " + num(max);
          } else {
            double deduction = beyond * r.per;
            out.points = clamp_points(max - deduction, max);
            if (explain)
              out.arithmetic = "比 " + num(r.bound) + "% " +
                               (r.direction == model::BoundSide::above ? "高 " : "低 ") +
                               num(beyond) + " 个百分点，" + num(beyond) + " × " + num(r.per) +
                               " = 扣 " + num(deduction) + "；" + num(max) + " − " +
                               num(deduction) +
                               (max - deduction < 0 ? " < 0，得 0" : " = " + num(max - deduction));
          }
          break;
        }
        case RuleKind::step_deduction: {
          double gap = r.direction == model::BoundSide::below ? r.target - x : x - r.target;
          if (gap <= 1e-9) {
            out.points = max;
            if (explain)
              out.arithmetic = xs +
                               (r.direction == model::BoundSide::below ? " 达到 " : " 不超过 ") +
                               num(r.target) + "%，得满分 " + num(max);
          } else {
            double steps_exact = gap / r.step;
            // A gap of exactly one step is one step, whichever way steps are counted.
            double steps = r.step_count == model::StepCount::whole ? std::floor(steps_exact + 1e-9)
                                                                   : std::ceil(steps_exact - 1e-9);
            double deduction = steps * r.deduct;
            out.points = clamp_points(max - deduction, max);
            if (r.direction == model::BoundSide::below) {
              if (explain)
                out.arithmetic =
                    "差 " + num(r.target) + " − " + num(x) + " = " + num(gap) + " 个百分点，" +
                    num(gap) + " ÷ " + num(r.step) + " = " + num(steps_exact) + "，计 " +
                    num(steps) + " 档 × " + num(r.deduct) + " = 扣 " + num(deduction) + "；" +
                    num(max) + " − " + num(deduction) +
                    (max - deduction < 0 ? " < 0，得 0" : " = " + num(max - deduction));
            } else {
              if (explain)
                out.arithmetic =
                    "超 " + num(x) + " − " + num(r.target) + " = " + num(gap) + " 个百分点，" +
                    num(gap) + " ÷ " + num(r.step) + " = " + num(steps_exact) + "，计 " +
                    num(steps) + " 档 × " + num(r.deduct) + " = 扣 " + num(deduction) + "；" +
                    num(max) + " − " + num(deduction) +
                    (max - deduction < 0 ? " < 0，得 0" : " = " + num(max - deduction));
            }
          }
          break;
        }
        case RuleKind::tiered_bands: {
          const model::Band* hit = nullptr;
          for (const auto& b : r.bands) {
            if (b.contains(x)) {
              hit = &b;
              break;
            }
          }
          if (!hit) {
            out.status = LineStatus::invalid;
            out.why = "输入 " + xs + " 不在任何档次内";
          } else {
            out.points = as_double(hit->points);
            if (explain) out.arithmetic = xs + " 落在 " + hit->text + " 档，得 " + pts(hit->points);
          }
          break;
        }
        case RuleKind::checklist: {
          const auto* c = fw.find_checklist(r.checklist);
          JIXIAO_ASSERT(c, "validated by parse_framework");
          if (c->mode == model::ChecklistMode::violations) {
            double deduction = x * r.per;
            out.points = clamp_points(max - deduction, max);
            if (explain)
              out.arithmetic = num(x) + " 项违规 × " + num(r.per) + " = 扣 " + num(deduction) +
                               "；" + num(max) + " − " + num(deduction) +
                               (max - deduction < 0 ? " < 0，得 0" : " = " + num(max - deduction));
          } else {
            const double items = static_cast<double>(c->items.size());
            double each = r.item_points ? as_double(*r.item_points) : max / items;
            out.points = clamp_points(x * each, max);
            if (explain)
              out.arithmetic = num(x) + "/" + num(items) + " 项符合 × " + num(each) + " = " +
                               num(x * each) + (x * each > max ? "，取上限 " + num(max) : "");
          }
          break;
        }
        case RuleKind::qualitative_band: {
          const model::QualitativeBand* band = nullptr;
          for (const auto& b : r.qualitative_bands) {
            if (x >= b.low_percent && x <= b.high_percent) {
              band = &b;
              break;
            }
          }
          if (!band) {
            out.status = LineStatus::invalid;
            out.why = "评定比例 " + num(x) + "% 不在任何档次内";
          } else {
            out.points = clamp_points(max * x / 100.0, max);
            if (explain)
              out.arithmetic = "评为 " + num(x) + "%（“" + band->name + "”档），" + num(max) +
                               " × " + num(x) + "% = " + num(max * x / 100.0);
          }
          break;
        }
        case RuleKind::formula: {
          std::vector<double> vals{max, r.target};
          std::string bindings = "points = " + num(max) + "，target = " + num(r.target);
          for (std::size_t k = 0; k < item.inputs.size(); ++k) {
            vals.push_back(values[k]->value);
            bindings += "，" + item.inputs[k].alias + " = " + num(values[k]->value);
          }
          auto& f = m_impl->formulas[i];
          JIXIAO_ASSERT(f.has_value(), "formulas compiled in Scorer::make");
          auto v = f->evaluate(vals);
          if (!v) {
            out.status = LineStatus::invalid;
            out.why = v.error().message();
          } else {
            out.points = clamp_points(*v, max);
            if (explain)
              out.arithmetic = bindings + " → " + num(*v) +
                               (*v > max ? "，取上限 " + num(max)
                                : *v < 0 ? "，取 0"
                                         : "");
          }
          break;
        }
        case RuleKind::goal_indicators:
          break;  // handled above
      }
    }

    line.status = out.status;
    std::string& ex = line.explanation;
    const std::string max_text = explain ? pts(item.points) : std::string();
    if (explain) {
      line.rule = rule_words;
      line.arithmetic = std::move(out.arithmetic);
      ex.reserve(256);
      ex.append(item.name).append("（").append(max_text).append(" 分）: ");
    }
    switch (out.status) {
      case LineStatus::scored: {
        line.points = to_points(out.points);
        Points lost = item.points - line.points;
        if (!explain) break;
        for (const InputValue* vp : values) {
          const InputValue& v = *vp;
          if (v.status != InputStatus::present) continue;
          ex.append(v.display.empty() ? num(v.value) : v.display)
              .append("（")
              .append(v.source)
              .append("）");
          if (!v.evidence.empty()) ex.append("，依据: ").append(v.evidence);
          ex.append("；");
        }
        ex.append(rule_words)
            .append("；")
            .append(line.arithmetic)
            .append("；得 ")
            .append(pts(line.points))
            .append(" 分");
        if (lost > 0) ex.append("，扣 ").append(pts(lost)).append(" 分");
        ex.append("。");
        break;
      }
      case LineStatus::not_applicable:
        na_points[i] = item.points;
        if (explain) ex.append(out.why).append("。");
        break;
      case LineStatus::missing:
      case LineStatus::invalid:
        line.undetermined = item.points;
        if (explain)
          ex.append(out.why).append("，本项 ").append(max_text).append(
              " 分未评定（不计 0 分，也不计满分）。");
        if (out.status == LineStatus::invalid) missing.push_back(item.number + " " + item.name);
        break;
    }
  }

  // Parents, from the deepest: children follow their parents in file order.
  for (std::size_t k = n; k-- > 0;) {
    const auto& item = fw.items[k];
    if (item.is_leaf()) continue;
    auto& line = lines[k];
    Points sum = 0, undetermined = 0, na = 0;
    for (int c : item.children) {
      const auto& cl = lines[static_cast<std::size_t>(c)];
      sum += cl.points;
      undetermined += cl.undetermined;
      na += na_points[static_cast<std::size_t>(c)];
    }
    if (na == item.points) {
      line.status = LineStatus::not_applicable;
      na_points[k] = item.points;
      if (explain)
        line.explanation =
            item.name + "（" + pts(item.points) + " 分）: 下级指标均不适用，按上级指标比例折算。";
      continue;
    }
    line.status = undetermined > 0 ? LineStatus::missing : LineStatus::scored;
    if (na > 0) {
      // 不适用的指标不计分，本级其余指标按比例折算到本级满分 (M7).
      const Points applicable = item.points - na;
      line.points =
          static_cast<Points>(divide_half_up(static_cast<__int128>(sum) * item.points, applicable));
      line.undetermined = static_cast<Points>(
          divide_half_up(static_cast<__int128>(undetermined) * item.points, applicable));
      if (explain)
        line.arithmetic = "下级得分 " + pts(sum) + "，不适用 " + pts(na) + " 分；折算 " + pts(sum) +
                          " × " + pts(item.points) + " ÷ " + pts(applicable) + " = " +
                          pts(line.points);
    } else {
      line.points = sum;
      line.undetermined = undetermined;
      if (explain) line.arithmetic = "下级得分合计 " + pts(sum);
    }
    if (explain)
      line.explanation =
          item.name + "（" + pts(item.points) + " 分）: " + line.arithmetic + "，得 " +
          pts(line.points) + " 分" +
          (line.undetermined > 0 ? "，另有 " + pts(line.undetermined) + " 分未评定" : "") + "。";
  }

  Points total = 0, undetermined = 0, na_top = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (fw.items[i].parent >= 0) continue;
    total += lines[i].points;
    undetermined += lines[i].undetermined;
    na_top += na_points[i];
  }
  if (na_top > 0 && na_top < fw.total) {
    const Points applicable = fw.total - na_top;
    total =
        static_cast<Points>(divide_half_up(static_cast<__int128>(total) * fw.total, applicable));
    undetermined = static_cast<Points>(
        divide_half_up(static_cast<__int128>(undetermined) * fw.total, applicable));
  }
  card.total = total;
  card.undetermined = undetermined;
  card.grade = fw.grade_of(total);
  card.grade_best = fw.grade_of(total + undetermined);
  std::size_t count = n;
  for (const auto& subs : sub_lines) count += subs.size();
  card.lines.reserve(count);
  for (std::size_t i = 0; i < n; ++i) {
    card.lines.push_back(std::move(lines[i]));
    for (auto& s : sub_lines[i]) card.lines.push_back(std::move(s));
  }
  std::sort(missing.begin(), missing.end());
  missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
  card.missing_inputs = std::move(missing);
  return card;
}

Scorecard score(const model::Framework& framework, InputSet inputs, const std::string& unit_code,
                const std::string& unit_name, int fiscal_year) {
  auto scorer = Scorer::make(framework);
  JIXIAO_ASSERT(scorer.has_value(), "framework validated by parse_framework");
  return scorer->score(std::move(inputs), unit_code, unit_name, fiscal_year);
}

ClaimReview review_claim(const Scorecard& card, Points claimed, const model::Framework& framework) {
  ClaimReview r;
  r.claimed = claimed;
  r.computed = card.total;
  r.difference = claimed - card.total;
  r.claimed_grade = framework.grade_of(claimed);
  r.computed_grade = card.grade;
  for (const auto& l : card.lines) {
    if (!l.leaf) continue;
    // A goal_indicators leaf is explained by its sub-lines; skip the leaf itself when it has them.
    bool has_sub = false;
    for (const auto& s : card.lines) {
      if (s.item == l.item && &s != &l && s.number.size() > l.number.size()) has_sub = true;
    }
    if (has_sub) continue;
    if (l.status == LineStatus::scored && l.points < l.max) r.lines.push_back(&l);
    if (l.status == LineStatus::missing || l.status == LineStatus::invalid) r.lines.push_back(&l);
  }
  std::stable_sort(r.lines.begin(), r.lines.end(), [](const ScoreLine* a, const ScoreLine* b) {
    Points la = a->status == LineStatus::scored ? a->max - a->points : a->undetermined;
    Points lb = b->status == LineStatus::scored ? b->max - b->points : b->undetermined;
    return la > lb;
  });

  std::string note;
  const std::string who =
      card.unit_name.empty() ? card.unit_code : card.unit_name + "（" + card.unit_code + "）";
  note += "复核意见: " + who +
          (card.fiscal_year ? std::to_string(card.fiscal_year) + " 年度" : "") + "按“" +
          card.framework_name + "”自评 " + pts(claimed) + " 分（" + r.claimed_grade +
          "）；依据系统数据复算为 " + pts(card.total) + " 分（" + card.grade + "）";
  if (!card.complete()) note += "，另有 " + pts(card.undetermined) + " 分因缺少输入未评定";
  if (r.difference > 0) {
    note += "，自评高出 " + pts(r.difference) + " 分。";
  } else if (r.difference < 0) {
    note += "，自评低于复算 " + pts(-r.difference) + " 分。";
  } else {
    note += "，与自评一致。";
  }
  if (r.claimed_grade != card.grade)
    note += "等级由“" + r.claimed_grade + "”变为“" + card.grade + "”。";
  int k = 0;
  for (const auto* l : r.lines) {
    ++k;
    note += "\n" + std::to_string(k) + ". " + l->number + " " + l->explanation;
  }
  if (r.lines.empty()) note += "\n各末级指标均得满分。";
  r.note = std::move(note);
  return r;
}

InputSet with_execution(const InputSet& inputs, const LedgerFigures& figures, double rate) {
  InputSet out = inputs;
  LedgerFigures f = figures;
  const std::int64_t adjusted = f.adjusted();
  f.executed =
      static_cast<std::int64_t>(std::llround(static_cast<double>(adjusted) * rate / 100.0));
  InputSet ledger_inputs;
  add_ledger_inputs(ledger_inputs, f);
  for (const char* name : {"ledger.execution_rate", "ledger.carryover_rate"}) {
    auto v = ledger_inputs[name];
    v.source = "假设（what-if）: " + v.source;
    out[name] = v;
  }
  return out;
}

std::optional<ExecutionNeeded> execution_needed(Scorer& scorer, const InputSet& inputs,
                                                const LedgerFigures& figures,
                                                const std::string& grade) {
  const auto& fw = scorer.framework();
  std::optional<Points> min;
  for (const auto& g : fw.grades) {
    if (g.name == grade) min = g.min;
  }
  if (!min || figures.adjusted() <= 0) return std::nullopt;
  auto total_at = [&](std::int64_t basis_points) {  // rate in hundredths of a percent
    return scorer
        .score(with_execution(inputs, figures, static_cast<double>(basis_points) / 100.0), {}, {},
               0, Explain::totals)
        .total;
  };
  if (total_at(10000) < *min) return std::nullopt;
  // The score never falls as execution rises (every execution rule rewards it), so bisect
  // on the rate in steps of 0.01 percentage point.
  std::int64_t lo = 0, hi = 10000;
  if (total_at(0) >= *min) hi = 0;
  while (lo + 1 < hi) {
    std::int64_t mid = (lo + hi) / 2;
    if (total_at(mid) >= *min) {
      hi = mid;
    } else {
      lo = mid;
    }
  }
  ExecutionNeeded need;
  need.rate = static_cast<double>(hi) / 100.0;
  // Rounded up to the 分, so that paying this amount does reach the rate.
  need.amount_fen =
      static_cast<std::int64_t>((static_cast<__int128>(figures.adjusted()) * hi + 9999) / 10000);
  need.still_to_pay_fen = std::max<std::int64_t>(0, need.amount_fen - figures.executed);
  need.total = total_at(hi);
  return need;
}

}  // namespace jixiao::scoring
