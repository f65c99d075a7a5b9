// checker/checks.cpp — the consistency checks: each failed test becomes a Finding.
#include <algorithm>

#include "checker/extract.hpp"
#include "checker/text_flow.hpp"
#include "core/money.hpp"

namespace jixiao::checker {

namespace {

std::string wan_text(long long fen) { return format_wan_exact(fen) + "万元"; }

bool written_in_yuan(const AmountFigure& f) {
  return f.text.ends_with("元") && !f.text.ends_with("万元") && !f.text.ends_with("亿元") &&
         !f.text.ends_with("千元");
}
bool written_in_wan(const AmountFigure& f) { return f.text.ends_with("万元"); }

Finding make(Severity severity, std::string kind, std::string message, SourcePos pos,
             std::vector<std::pair<std::string, std::string>> numbers) {
  return Finding{severity, std::move(kind), std::move(message), pos, std::move(numbers)};
}

void check_rate(const Extracted& ex, std::vector<Finding>& out) {
  const AmountFigure* budget = ex.budget();
  if (!budget || !ex.executed || !ex.execution_rate_pct || budget->value <= 0) return;
  const auto& stated = *ex.execution_rate_pct;
  long long e = ex.executed->value;
  if (rate_agrees(e, budget->value, stated.value)) return;
  // Measured against another stated budget (年初 instead of 调整后)?
  for (const auto* other : {&ex.budget_adjusted, &ex.budget_annual, &ex.budget_initial}) {
    if (*other && rate_agrees(e, (*other)->value, stated.value)) return;
  }
  std::string computed = Rate::of(Money::from_fen(e), Money::from_fen(budget->value))
                             .percent(std::max(stated.value.scale, 2));
  // A 万元 amount written as 元 (or the reverse) explains it? Not one whose 万元 reading is out of
  // range.
  const auto executed_as_wan = exact_product(e, 10000);
  const auto budget_as_wan = exact_product(budget->value, 10000);
  if (written_in_yuan(*ex.executed) && written_in_wan(*budget) && executed_as_wan &&
      rate_agrees(*executed_as_wan, budget->value, stated.value)) {
    out.push_back(make(Severity::error, "unit_slip",
                       "执行数写为 " + ex.executed->text + "，按执行率 " + stated.text + " 应为 " +
                           format_wan_exact(*executed_as_wan) + "万元（万元误写为元）",
                       ex.executed->pos,
                       {{"executed_yuan", format_yuan_exact(e)},
                        {"execution_rate_pct", stated.value.to_string()}}));
    return;
  }
  if (written_in_yuan(*budget) && written_in_wan(*ex.executed) && budget_as_wan &&
      rate_agrees(e, *budget_as_wan, stated.value)) {
    out.push_back(make(Severity::error, "unit_slip",
                       "预算数写为 " + budget->text + "，按执行率 " + stated.text + " 应为 " +
                           format_wan_exact(*budget_as_wan) + "万元（万元误写为元）",
                       budget->pos,
                       {{"budget_yuan", format_yuan_exact(budget->value)},
                        {"execution_rate_pct", stated.value.to_string()}}));
    return;
  }
  out.push_back(make(Severity::error, "rate_mismatch",
                     "执行率写为 " + stated.text + "，但执行数 " + wan_text(e) + " ÷ 预算数 " +
                         wan_text(budget->value) + " = " + computed + "%",
                     stated.pos,
                     {{"budget_wan", format_wan_exact(budget->value)},
                      {"executed_wan", format_wan_exact(e)},
                      {"stated_rate_pct", stated.value.to_string()},
                      {"computed_rate_pct", computed}}));
}

void check_unspent(const Extracted& ex, std::vector<Finding>& out) {
  const AmountFigure* budget = ex.budget();
  if (!budget || !ex.executed || !ex.unspent) return;
  const auto difference = exact_difference(budget->value, ex.executed->value);
  if (!difference || *difference == ex.unspent->value) return;
  const long long diff = *difference;
  out.push_back(make(Severity::error, "unspent_mismatch",
                     "结余写为 " + ex.unspent->text + "，但预算数 " + wan_text(budget->value) +
                         " − 执行数 " + wan_text(ex.executed->value) + " = " + wan_text(diff),
                     ex.unspent->pos,
                     {{"unspent_wan", format_wan_exact(ex.unspent->value)},
                      {"computed_unspent_wan", format_wan_exact(diff)}}));
}

bool is_sentence_end(char32_t c) {
  return c == U'。' || c == U'\n' || c == U';' || c == U'!' || c == U'?';
}

// "总预算为2455.5万元,其中A 87.5万元,B 2350万元。": the parts add up to the total.
void check_parts(const Reader& r, std::vector<Finding>& out) {
  const auto& s = r.flow().text;
  const auto& tokens = r.tokens();
  for (std::u32string_view marker : {U"其中", U"分别是", U"分别为", U"包括"}) {
    std::size_t at = 0;
    while ((at = s.find(marker, at)) != std::u32string::npos) {
      std::size_t m = at;
      at += marker.size();
      // The total: a money amount right before the marker.
      const NumToken* total = nullptr;
      for (const auto& t : tokens) {
        if (t.after > m) break;
        if (m - t.after <= 2 &&
            (t.unit == NumUnit::wan || t.unit == NumUnit::yuan || t.unit == NumUnit::yi))
          total = &t;
      }
      if (!total) continue;
      // "总额X万元。其中，A…；B…。": a breakdown that is a sentence of its own runs to its 。, its
      // parts separated by ；. After "X万元，其中" the breakdown ends at the first ；.
      const bool own_sentence =
          std::u32string_view(s).substr(total->after, m - total->after).find(U'。') !=
          std::u32string_view::npos;
      std::size_t end = at;
      while (end < s.size() &&
             !(own_sentence ? s[end] == U'。' || s[end] == U'\n' : is_sentence_end(s[end])))
        ++end;
      if (end == s.size()) continue;  // the sentence is cut off
      std::vector<const NumToken*> parts;
      bool nested = false;
      for (const auto& t : tokens) {
        if (t.begin < at) continue;
        if (t.begin >= end) break;
        // Amounts in brackets break a part down further: "A 20万元（含B 5万元）".
        int depth = 0;
        for (std::size_t k = at; k < t.begin; ++k) {
          if (s[k] == U'(' || s[k] == U'（') ++depth;
          if ((s[k] == U')' || s[k] == U'）') && depth > 0) --depth;
        }
        if (depth > 0) continue;
        if (t.unit == NumUnit::wan || t.unit == NumUnit::yuan || t.unit == NumUnit::yi)
          parts.push_back(&t);
        else if (t.unit == NumUnit::percent)
          nested = true;  // shares, not parts
      }
      if (std::u32string_view(s).substr(at, end - at).find(U"其中") != std::u32string_view::npos)
        nested = true;
      if (nested || parts.size() < 2) continue;
      auto total_fen = token_fen(*total);
      if (!total_fen) continue;
      long long sum = 0;
      // With 元 parts read as 万元; nullopt once that reading leaves long long.
      std::optional<long long> sum_fixed = 0;
      bool any_yuan = false;
      bool ok = true;
      std::string listed;
      for (const auto* p : parts) {
        auto fen = token_fen(*p);
        if (!fen) {
          ok = false;
          break;
        }
        bool yuan = p->unit == NumUnit::yuan && total->unit == NumUnit::wan;
        any_yuan = any_yuan || yuan;
        auto next = exact_sum(sum, *fen);
        if (!next) {  // parts that cannot be added up in range are no sum to test
          ok = false;
          break;
        }
        sum = *next;
        auto fixed = yuan ? exact_product(*fen, 10000) : fen;
        sum_fixed = sum_fixed && fixed ? exact_sum(*sum_fixed, *fixed) : std::nullopt;
        if (!listed.empty()) listed += " + ";
        listed += r.slice(p->begin, p->after);
      }
      if (!ok || sum == *total_fen) continue;
      const auto difference = exact_difference(*total_fen, sum);
      if (!difference) continue;
      if (any_yuan && sum_fixed == *total_fen) {
        out.push_back(make(Severity::error, "unit_slip",
                           "分项 " + listed + " 中有以元书写的万元金额：按万元计才与合计 " +
                               r.slice(total->begin, total->after) + " 相符",
                           r.pos(total->begin),
                           {{"total_wan", format_wan_exact(*total_fen)},
                            {"parts_sum_wan", format_wan_exact(sum)}}));
        continue;
      }
      out.push_back(make(Severity::error, "parts_sum_mismatch",
                         "合计写为 " + r.slice(total->begin, total->after) + "，但分项 " + listed +
                             " = " + wan_text(sum) + "（相差 " + format_wan_exact(*difference) +
                             "万元）",
                         r.pos(total->begin),
                         {{"total_wan", format_wan_exact(*total_fen)},
                          {"parts_sum_wan", format_wan_exact(sum)},
                          {"difference_wan", format_wan_exact(*difference)}}));
    }
  }
}

// "项目预算资金总额为1302.76万元" in one section and "项目资金预算总额为1471.75万元" in another:
// one total stated twice with two values. Two amounts are the same figure when the words before
// them in their clause (back to the previous punctuation, year digits included) are the same
// characters, possibly in another order — and name a total (总额, 总计, 合计, 总预算, 总投资) with
// at least six Chinese characters, so that a bare "合计" of two tables is not taken for one figure.
void check_stated_twice(const Reader& r, std::vector<Finding>& out) {
  const auto& s = r.flow().text;
  struct Stated {
    std::u32string key;  // the label's characters, sorted
    const NumToken* token;
  };
  std::vector<Stated> seen;
  for (const auto& t : r.tokens()) {
    if (t.unit != NumUnit::wan && t.unit != NumUnit::yuan && t.unit != NumUnit::yi) continue;
    std::size_t b = t.begin;
    while (b > 0 && t.begin - b < 40 &&
           (is_han(s[b - 1]) || is_digit(s[b - 1]) || s[b - 1] == U':'))
      --b;
    std::u32string label(s.substr(b, t.begin - b));
    // A heading joined to its paragraph ("二、执行情况2023年度…") is not part of the label: a
    // year starts it.
    for (std::size_t k = 0; k + 4 < label.size(); ++k) {
      if (is_digit(label[k]) && is_digit(label[k + 1]) && is_digit(label[k + 2]) &&
          is_digit(label[k + 3]) && label[k + 4] == U'年' && (k == 0 || !is_digit(label[k - 1]))) {
        label.erase(0, k);
        b += k;
        break;
      }
    }
    std::erase(label, U':');
    // Filler between the words and the number: "为", "是", "共", "计", "约", "达".
    while (!label.empty() &&
           std::u32string_view(U"为是共计约达").find(label.back()) != std::u32string_view::npos)
      label.pop_back();
    if (std::count_if(label.begin(), label.end(), is_han) < 6) continue;
    bool total = false;
    for (std::u32string_view w : {U"总额", U"总计", U"合计", U"总预算", U"总投资"}) {
      total = total || label.find(w) != std::u32string::npos;
    }
    if (!total) continue;
    std::sort(label.begin(), label.end());
    for (const auto& earlier : seen) {
      if (earlier.key != label) continue;
      auto a = token_fen(*earlier.token);
      auto c = token_fen(t);
      auto difference = a && c ? exact_difference(*c, *a) : std::nullopt;
      if (!difference || *difference == 0) continue;
      out.push_back(
          make(Severity::error, "figure_stated_twice",
               "同一数字前后不一：" + r.slice(b, t.after) + "，但前文写为 " +
                   r.slice(earlier.token->begin, earlier.token->after) + "（相差 " +
                   format_wan_exact(*difference) + "万元）",
               r.pos(t.begin),
               {{"first_wan", format_wan_exact(*a)}, {"second_wan", format_wan_exact(*c)}}));
      return;  // one finding is enough to send the reader to both places
    }
    seen.push_back({std::move(label), &t});
  }
}

// The provinces' 部门整体支出 form states the year's funds twice, "按收入性质分: X" (by source) and
// "按支出性质分: Y" (by nature: 基本支出 + 项目支出); both are the same year's total, so X = Y. The
// cells carry the table's unit (万元 or 元), the same for both, so the numbers are compared as
// written.
void check_income_vs_spending(const Reader& r, std::vector<Finding>& out) {
  auto plain_or_money = [](const NumToken& t) {
    return t.unit == NumUnit::none || t.unit == NumUnit::wan || t.unit == NumUnit::yuan;
  };
  auto income = r.find_after({U"按收入性质分"}, {}, +plain_or_money, 0, std::u32string::npos, 2);
  auto spending = r.find_after({U"按支出性质分"}, {}, +plain_or_money, 0, std::u32string::npos, 2);
  if (!income || !spending) return;
  const NumToken& a = r.tokens()[income->token];
  const NumToken& b = r.tokens()[spending->token];
  if (a.unit != b.unit || compare(a.value, b.value) == 0) return;
  const int scale = std::max(a.value.scale, b.value.scale);
  auto units_at_scale = [scale](Decimal d) -> std::optional<long long> {
    std::optional<long long> units = d.units;
    for (int k = d.scale; k < scale && units; ++k) units = exact_product(*units, 10);
    return units;
  };
  const auto ua = units_at_scale(a.value), ub = units_at_scale(b.value);
  const auto diff = ua && ub ? exact_difference(*ua, *ub) : std::nullopt;
  if (!diff) return;  // figures past long long: no total of a report
  const std::string diff_text = Decimal{*diff, scale}.to_string();
  out.push_back(make(Severity::error, "income_spending_mismatch",
                     "按收入性质分合计 " + r.slice(a.begin, a.after) + " 与按支出性质分合计 " +
                         r.slice(b.begin, b.after) + " 不等（相差 " + diff_text +
                         "）：资金来源与支出去向应为同一总额",
                     r.pos(b.begin),
                     {{"income_total", a.value.to_string()},
                      {"spending_total", b.value.to_string()},
                      {"difference", diff_text}}));
}

void check_grade(const Extracted& ex, std::vector<Finding>& out) {
  if (!ex.self_score || !ex.grade) return;
  const std::string& g = ex.grade->value;
  if (g != "优" && g != "良" && g != "中" && g != "差") return;
  std::string_view expected = grade_for_score(ex.self_score->value);
  if (g == expected) return;
  out.push_back(make(Severity::error, "score_grade_mismatch",
                     "自评得分 " + ex.self_score->value.to_string() + " 分应为“" +
                         std::string(expected) +
                         "”（优≥90，良80–90，中60–80，差<60），但等级写为“" + g + "”",
                     ex.grade->pos,
                     {{"self_score", ex.self_score->value.to_string()},
                      {"grade", g},
                      {"expected_grade", std::string(expected)}}));
}

std::optional<Decimal> leading_number(const std::string& text) {
  auto u = text::to_u32(text);
  auto tokens = scan_numbers(u);
  if (tokens.empty() || tokens.front().begin != 0) return std::nullopt;
  return tokens.front().value;
}

// Whether a row met its target: nullopt when it cannot be told.
std::optional<bool> row_met(const ScoreRow& row) {
  if (row.direction == Direction::qualitative) {
    if (row.target.empty() || row.actual.empty()) return std::nullopt;
    return row.target == row.actual;
  }
  auto target = leading_number(row.target);
  auto actual = leading_number(row.actual);
  if (!target || !actual) return std::nullopt;
  int c = compare(*actual, *target);
  switch (row.direction) {
    case Direction::ge:
      return c >= 0;
    case Direction::le:
      return c <= 0;
    case Direction::eq:
      return c == 0;
    default:
      return std::nullopt;
  }
}

// The symbol written before a target ("≥95%"); a qualitative target ("有效") stands alone.
std::string_view direction_text(Direction d) {
  return d == Direction::qualitative ? "" : model::symbol(d);
}

// The weights: "预算执行情况(10分)" + "绩效指标(90分)" = 合计 100, the rows add up to 90, the
// funds block is worth 10.
void check_points(const Extracted& ex, std::vector<Finding>& out) {
  const auto& he = ex.heading_execution_points;
  const auto& hi = ex.heading_indicator_points;
  const auto& total = ex.table_total_points;
  // The 一级指标 headings (产出 + 效益 + 满意度 …) and the funds block's points against the total.
  // Points whose sum leaves long long (add's nullopt) are no weights: no check rests on them.
  if (total && ex.class_heading_points.size() >= 2) {
    std::optional<Decimal> sum = Decimal{0, 0};
    std::string listed;
    for (const auto& h : ex.class_heading_points) {
      if (!(sum = add(*sum, h.value))) return;
      listed += (listed.empty() ? "" : " + ") + h.text;
    }
    std::optional<Decimal> funds = ex.execution_points ? ex.execution_points
                                   : he                ? std::optional<Decimal>(he->value)
                                                       : std::nullopt;
    if (funds) {
      if (!(sum = add(*sum, *funds))) return;
      listed += " + 预算执行 " + funds->to_string() + "分";
    }
    // Fewer points than the total may be a heading the reader missed (columns interleaved by
    // conversion scatter them): short is an error only when the three standard classes were read.
    const int c = compare(*sum, total->value);
    if (funds && (c > 0 || (c < 0 && ex.class_heading_points.size() >= 3))) {
      out.push_back(
          make(Severity::error, "points_sum_mismatch",
               "总分写为 " + total->value.to_string() + " 分，但 " + listed + " = " +
                   sum->to_string() + " 分",
               total->pos,
               {{"stated_total", total->value.to_string()}, {"headings_sum", sum->to_string()}}));
      return;
    }
  }
  const auto headings = he && hi ? add(he->value, hi->value) : std::nullopt;
  if (headings && total && compare(*headings, total->value) != 0) {
    out.push_back(make(
        Severity::error, "points_sum_mismatch",
        "分值合计写为 " + total->value.to_string() + "，但 " + he->text + " + " + hi->text + " = " +
            headings->to_string() + " 分",
        total->pos,
        {{"stated_total", total->value.to_string()}, {"headings_sum", headings->to_string()}}));
    return;
  }
  if (he && ex.execution_points && compare(he->value, *ex.execution_points) != 0) {
    out.push_back(
        make(Severity::error, "points_sum_mismatch",
             "预算执行情况标为 " + he->value.to_string() + " 分，但其分值（权重）栏为 " +
                 ex.execution_points->to_string(),
             he->pos,
             {{"heading", he->value.to_string()}, {"points", ex.execution_points->to_string()}}));
  }
  std::optional<Decimal> sum_of_rows = Decimal{0, 0};
  for (const auto& row : ex.rows) {
    if (row.points && !(sum_of_rows = add(*sum_of_rows, *row.points))) return;
  }
  const Decimal& rows = *sum_of_rows;
  // More points than stated cannot come from a row the reader missed.
  if (hi && !ex.rows.empty() && compare(rows, hi->value) > 0) {
    out.push_back(make(
        Severity::error, "points_sum_mismatch",
        "绩效指标标为 " + hi->value.to_string() + " 分，但各指标分值之和为 " + rows.to_string(),
        hi->pos, {{"heading", hi->value.to_string()}, {"rows_sum", rows.to_string()}}));
  } else if (!hi && total && !ex.rows.empty()) {
    const auto all = ex.execution_points ? add(rows, *ex.execution_points) : rows;
    if (all && compare(*all, total->value) > 0) {
      out.push_back(make(
          Severity::error, "points_sum_mismatch",
          "分值合计写为 " + total->value.to_string() + "，但各项分值之和为 " + all->to_string(),
          total->pos,
          {{"stated_total", total->value.to_string()}, {"rows_sum", all->to_string()}}));
    }
  }
}

void check_rows(const Extracted& ex, std::vector<Finding>& out) {
  for (const auto& row : ex.rows) {
    if (!row.points || !row.score) continue;
    std::string target = std::string(direction_text(row.direction)) + row.target +
                         (row.unit == "%" ? "%" : row.unit);
    std::vector<std::pair<std::string, std::string>> numbers = {{"target", row.target},
                                                                {"actual", row.actual},
                                                                {"points", row.points->to_string()},
                                                                {"score", row.score->to_string()}};
    if (compare(*row.score, *row.points) > 0) {
      out.push_back(make(Severity::error, "row_score_exceeds_points",
                         "指标“" + row.indicator + "”得分 " + row.score->to_string() +
                             " 超过其分值 " + row.points->to_string(),
                         row.pos, numbers));
      continue;
    }
    auto met = row_met(row);
    if (!met) continue;
    if (*met && compare(*row.score, *row.points) < 0) {
      out.push_back(make(Severity::error, "row_score_contradiction",
                         "指标“" + row.indicator + "”目标 " + target + "、实际 " + row.actual +
                             "，已完成却只得 " + row.score->to_string() + " 分（分值 " +
                             row.points->to_string() + "，完成即得满分）",
                         row.pos, numbers));
    } else if (!*met && compare(*row.score, *row.points) == 0 &&
               row.direction != Direction::qualitative) {
      out.push_back(make(Severity::warning, "row_full_score_unmet",
                         "指标“" + row.indicator + "”目标 " + target + "、实际 " + row.actual +
                             "，未完成却得满分 " + row.score->to_string() + " 分",
                         row.pos, numbers));
    }
  }
  // The funds block: scored against the execution rate (points × rate; full points at 100 %).
  if (ex.execution_points && ex.execution_score && ex.execution_rate_pct) {
    const Decimal& p = *ex.execution_points;
    const Decimal& sc = *ex.execution_score;
    const auto& rate = ex.execution_rate_pct->value;
    std::vector<std::pair<std::string, std::string>> numbers = {
        {"points", p.to_string()},
        {"score", sc.to_string()},
        {"execution_rate_pct", rate.to_string()}};
    if (compare(sc, p) > 0) {
      out.push_back(make(Severity::error, "row_score_exceeds_points",
                         "预算执行得分 " + sc.to_string() + " 超过其分值 " + p.to_string(),
                         ex.execution_rate_pct->pos, numbers));
    } else if (compare(rate, Decimal{100, 0}) >= 0 && compare(sc, p) < 0) {
      out.push_back(make(Severity::error, "row_score_contradiction",
                         "预算执行率 " + rate.to_string() + "%，已全部执行却只得 " +
                             sc.to_string() + " 分（分值 " + p.to_string() + "）",
                         ex.execution_rate_pct->pos, numbers));
    } else if (compare(rate, Decimal{100, 0}) < 0 && compare(sc, p) == 0) {
      out.push_back(
          make(Severity::warning, "row_full_score_unmet",
               "预算执行率 " + rate.to_string() + "%，未全部执行却得满分 " + sc.to_string() + " 分",
               ex.execution_rate_pct->pos, numbers));
    }
  }
  check_points(ex, out);
  // The total against the rows (and the funds block), when every row was read.
  if (!ex.table_total_score || !ex.table_total_points) return;
  std::optional<Decimal> points_sum = Decimal{0, 0};
  std::optional<Decimal> score_sum = Decimal{0, 0};
  auto add_row = [&](const std::optional<Decimal>& points, const std::optional<Decimal>& score) {
    if (!points || !score) return false;
    points_sum = add(*points_sum, *points);
    score_sum = points_sum ? add(*score_sum, *score) : std::nullopt;
    return score_sum.has_value();
  };
  if (ex.execution_points && !add_row(ex.execution_points, ex.execution_score)) return;
  for (const auto& row : ex.rows) {
    if (!add_row(row.points, row.score)) return;
  }
  if (compare(*points_sum, ex.table_total_points->value) != 0) return;  // not every row was read
  if (compare(*score_sum, ex.table_total_score->value) == 0) return;
  out.push_back(make(Severity::error, "total_score_mismatch",
                     "总分写为 " + ex.table_total_score->value.to_string() + "，但各项得分之和为 " +
                         score_sum->to_string(),
                     ex.table_total_score->pos,
                     {{"stated_total", ex.table_total_score->value.to_string()},
                      {"rows_sum", score_sum->to_string()}}));
}

void check_self_score_vs_table(const Extracted& ex, std::vector<Finding>& out) {
  if (!ex.self_score || !ex.table_total_score || &*ex.self_score == &*ex.table_total_score) return;
  if (ex.self_score->pos.line == ex.table_total_score->pos.line) return;
  if (compare(ex.self_score->value, ex.table_total_score->value) == 0) return;
  out.push_back(make(Severity::error, "score_table_mismatch",
                     "正文自评得分 " + ex.self_score->value.to_string() + " 分与自评表总分 " +
                         ex.table_total_score->value.to_string() + " 不符",
                     ex.self_score->pos,
                     {{"self_score", ex.self_score->value.to_string()},
                      {"table_total", ex.table_total_score->value.to_string()}}));
}

// The execution rate as stated, or as computed when not stated; nullopt when neither.
std::optional<std::pair<Decimal, SourcePos>> effective_rate(const Extracted& ex) {
  if (ex.execution_rate_pct)
    return std::pair{ex.execution_rate_pct->value, ex.execution_rate_pct->pos};
  const AmountFigure* budget = ex.budget();
  if (!budget || !ex.executed || budget->value <= 0) return std::nullopt;
  auto rate = percent_at(ex.executed->value, budget->value, 2);
  if (!rate) return std::nullopt;
  return std::pair{Decimal{rate->first, 2}, ex.executed->pos};
}

// The first of `words` in `s`: its position and length.
std::optional<std::pair<std::size_t, std::size_t>> find_first(
    std::u32string_view s, std::initializer_list<std::u32string_view> words) {
  std::optional<std::pair<std::size_t, std::size_t>> best;
  for (auto w : words) {
    std::size_t at = s.find(w);
    if (at != std::u32string_view::npos && (!best || at < best->first))
      best = std::pair{at, w.size()};
  }
  return best;
}

void check_claims(const Reader& r, const Extracted& ex, std::vector<Finding>& out) {
  const auto& s = r.flow().text;
  auto rate = effective_rate(ex);
  if (rate && compare(rate->first, Decimal{100, 0}) < 0) {
    if (auto at = find_first(s, {U"全部拨付", U"全额拨付", U"已全部支出", U"全部支付完毕",
                                 U"全部使用完毕", U"全部执行完毕"})) {
      out.push_back(make(Severity::error, "claim_contradicted",
                         "文中称资金“" + r.slice(at->first, at->first + at->second) +
                             "”，但执行率为 " + rate->first.to_string() + "%（第 " +
                             std::to_string(rate->second.line) + " 行）",
                         r.pos(at->first), {{"execution_rate_pct", rate->first.to_string()}}));
    }
  }
  if (rate && compare(rate->first, Decimal{90, 0}) < 0) {
    if (auto at = find_first(s, {U"暂无问题", U"不存在问题", U"无存在问题", U"未发现问题",
                                 U"没有问题", U"无明显问题"})) {
      bool low = compare(rate->first, Decimal{60, 0}) < 0;
      out.push_back(make(low ? Severity::error : Severity::warning, "claim_contradicted",
                         "文中称“" + r.slice(at->first, at->first + at->second) +
                             "”，但执行率只有 " + rate->first.to_string() + "%",
                         r.pos(at->first), {{"execution_rate_pct", rate->first.to_string()}}));
    }
  }
  // "全部完成" beside an indicator that was not met.
  if (auto at = find_first(
          s, {U"全部完成", U"均已完成", U"全面完成", U"全部达到", U"均已达到", U"全部实现"})) {
    for (const auto& row : ex.rows) {
      if (row.direction == Direction::qualitative) continue;
      auto met = row_met(row);
      if (met && !*met) {
        out.push_back(make(Severity::error, "claim_contradicted",
                           "文中称“" + r.slice(at->first, at->first + at->second) + "”，但指标“" +
                               row.indicator + "”目标 " +
                               std::string(direction_text(row.direction)) + row.target + row.unit +
                               "、实际 " + row.actual,
                           r.pos(at->first), {{"target", row.target}, {"actual", row.actual}}));
        break;
      }
    }
  }
}

// "2022年度…自评" and "本单位2021年…绩效自评为": the years of the evaluation agree.
void check_years(const Reader& r, const Extracted& ex, std::vector<Finding>& out) {
  if (!ex.fiscal_year) return;
  const auto& s = r.flow().text;
  // "截至2023年12月31日" in a report on 2024: the figures are as of the previous year's end.
  for (const auto& t : r.tokens()) {
    if (t.unit_text != U"年" || t.value.scale != 0 || t.end - t.begin != 4) continue;
    if (t.value.units != ex.fiscal_year->value - 1) continue;
    bool as_of = t.begin >= 2 &&
                 (s.substr(t.begin - 2, 2) == U"截至" || s.substr(t.begin - 2, 2) == U"截止");
    if (!as_of || s.compare(t.after, 6, U"12月31日") != 0) continue;
    // Only the unit's own state (staff, establishment) as of that date: a comparison with the
    // previous year is not a slip.
    std::u32string_view next = std::u32string_view(s).substr(t.after, 48);
    bool own = false;
    for (std::u32string_view w : {U"本单位", U"我单位", U"编制", U"在职", U"实有"})
      own = own || next.find(w) != std::u32string_view::npos;
    if (!own || next.find(U"上年") != std::u32string_view::npos) continue;
    out.push_back(make(
        Severity::error, "year_mismatch",
        "报告年度为 " + std::to_string(ex.fiscal_year->value) + " 年，但数据写为截至 " +
            t.value.to_string() + " 年12月31日（上一年末）",
        r.pos(t.begin),
        {{"year", t.value.to_string()}, {"fiscal_year", std::to_string(ex.fiscal_year->value)}}));
    return;
  }
  for (const auto& t : r.tokens()) {
    if (t.unit_text != U"年" || t.value.scale != 0 || t.end - t.begin != 4) continue;
    if (t.value.units < 2000 || t.value.units > 2099 || t.value.units == ex.fiscal_year->value)
      continue;
    // A year inside a cited title (《关于开展2022年…自评工作的通知》) is the notice's, not the
    // report's.
    {
      std::size_t b = t.begin;
      bool cited = false;
      while (b > 0 && t.begin - b < 80) {
        --b;
        if (s[b] == U'》' || is_sentence_end(s[b])) break;
        if (s[b] == U'《') {
          cited = true;
          break;
        }
      }
      if (cited) continue;
    }
    std::size_t e = t.after;
    bool self_eval = false;
    while (e < s.size() && e - t.after < 40 && !is_sentence_end(s[e]) && s[e] != U',') {
      if (s.substr(e, 2) == U"自评") {
        self_eval = true;
        break;
      }
      if (is_digit(s[e])) break;
      ++e;
    }
    std::u32string_view phrase = std::u32string_view(s).substr(t.after, e - t.after);
    if (!self_eval || phrase.find(U"结果") != std::u32string_view::npos ||
        phrase.find(U"上年") != std::u32string_view::npos)
      continue;
    out.push_back(make(
        Severity::error, "year_mismatch",
        "自评年度写为 " + t.value.to_string() + " 年，与报告年度 " +
            std::to_string(ex.fiscal_year->value) + " 年（第 " +
            std::to_string(ex.fiscal_year->pos.line) + " 行）不一致",
        r.pos(t.begin),
        {{"year", t.value.to_string()}, {"fiscal_year", std::to_string(ex.fiscal_year->value)}}));
    break;
  }
}

// A budget or executed amount of a few 元 beside 万元 figures: probably 万元 written as 元.
void check_small_amounts(const Extracted& ex, const std::vector<Finding>& so_far,
                         std::vector<Finding>& out) {
  bool reported = std::any_of(so_far.begin(), so_far.end(),
                              [](const Finding& f) { return f.kind == "unit_slip"; });
  if (reported) return;
  for (const auto* f : {&ex.budget_initial, &ex.budget_annual, &ex.budget_adjusted, &ex.executed}) {
    if (!*f || !written_in_yuan(**f)) continue;
    if ((*f)->value >= 100000 * 100LL) continue;  // 10 万元 and more is a plausible 元 amount
    bool wan_elsewhere = false;
    for (const auto* g :
         {&ex.budget_initial, &ex.budget_annual, &ex.budget_adjusted, &ex.executed}) {
      wan_elsewhere = wan_elsewhere || (*g && written_in_wan(**g));
    }
    if (!wan_elsewhere && (*f)->value >= 1000 * 100LL) continue;
    out.push_back(make(Severity::warning, "unit_slip",
                       "金额 " + (*f)->text + " 过小，疑为 " +
                           format_wan_exact((*f)->value * 10000) + "万元误写为元",
                       (*f)->pos, {{"amount_yuan", format_yuan_exact((*f)->value)}}));
    return;
  }
}

}  // namespace

void run_checks(const Reader& r, const Extracted& ex, std::vector<Finding>& out) {
  check_rate(ex, out);
  check_unspent(ex, out);
  check_parts(r, out);
  check_stated_twice(r, out);
  check_income_vs_spending(r, out);
  check_grade(ex, out);
  check_rows(ex, out);
  check_self_score_vs_table(ex, out);
  check_claims(r, ex, out);
  check_years(r, ex, out);
  check_small_amounts(ex, out, out);
}

namespace {

// An essay-collection page ("项目绩效自评报告精品15篇") holds several reports, headed
// "<title>1", "<title>2" …: only the first is read.
SourceText first_report(const SourceText& source) {
  std::u32string first_title;
  for (std::size_t n = 0; n < source.lines.size(); ++n) {
    std::u32string line = normalize_line(text::to_u32(source.lines[n].first));
    if (line.size() < 5 || line.size() > 40 || line.find(U"报告") == std::u32string::npos) continue;
    if (first_title.empty()) {
      if (line.back() == U'1' && !is_digit(line[line.size() - 2]) &&
          line[line.size() - 2] != U'.') {
        first_title = line.substr(0, line.size() - 1);
      }
    } else if (line == first_title + U"2") {
      SourceText out;
      out.format = source.format;
      out.lines.assign(source.lines.begin(), source.lines.begin() + static_cast<std::ptrdiff_t>(n));
      return out;
    }
  }
  return source;
}

}  // namespace

CheckedDocument check_source(const SourceText& full_source, std::string file) {
  CheckedDocument doc;
  doc.file = std::move(file);
  doc.format = full_source.format;
  const SourceText source = first_report(full_source);
  Reader reader(source);
  doc.text_complete = !reader.flow().truncated;
  doc.extracted = extract(reader, doc.findings);
  run_checks(reader, doc.extracted, doc.findings);
  std::stable_sort(doc.findings.begin(), doc.findings.end(),
                   [](const Finding& a, const Finding& b) {
                     if (a.severity != b.severity) return a.severity == Severity::error;
                     return a.pos.line < b.pos.line;
                   });
  return doc;
}

}  // namespace jixiao::checker
