// checker/extract.cpp — the figures of a report: narrative phrases and the score-table cells.
#include "checker/extract.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <tuple>

#include "core/money.hpp"

namespace jixiao::checker {

std::string_view grade_for_score(const Decimal& score) {
  if (compare(score, Decimal{90, 0}) >= 0) return "优";
  if (compare(score, Decimal{80, 0}) >= 0) return "良";
  if (compare(score, Decimal{60, 0}) >= 0) return "中";
  return "差";
}

std::string format_wan_exact(long long fen) {
  // 1 万元 = 1,000,000 分: six decimals, trailing zeros dropped down to two.
  Decimal d{fen, 6};
  std::string s = d.to_string();
  std::size_t dot = s.find('.');
  std::size_t keep = dot + 3;
  std::size_t end = s.size();
  while (end > keep && s[end - 1] == '0') --end;
  return s.substr(0, end);
}

std::string format_yuan_exact(long long fen) { return Decimal{fen, 2}.to_string(); }

std::string_view to_string(DocKind kind) {
  return kind == DocKind::department_overall ? "department_overall" : "project";
}
std::string_view to_string(Severity severity) {
  return severity == Severity::error ? "error" : "warning";
}
std::string_view to_string(SourceFormat format) {
  switch (format) {
    case SourceFormat::pdf:
      return "pdf";
    case SourceFormat::docx:
      return "docx";
    default:
      return "text";
  }
}

const AmountFigure* Extracted::budget() const {
  if (budget_adjusted) return &*budget_adjusted;
  if (budget_annual) return &*budget_annual;
  if (budget_initial) return &*budget_initial;
  return nullptr;
}

// ---- narrative phrases --------------------------------------------------------------------

std::optional<std::pair<long long, long long>> percent_at(long long executed, long long budget,
                                                          int decimals) {
  JIXIAO_ASSERT(budget > 0 && decimals >= 0 && decimals <= 6, "percent_at: bad budget or decimals");
  __int128 scale = 100;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  const __int128 num = static_cast<__int128>(executed) * scale;  // |num| < 2^63 · 10^8: fits
  const __int128 truncated = num / budget;
  // Stated rates are at most 300 % (10^9 units at six decimals); far past that, no rate agrees,
  // and within it the half-up quotient (one more at most) fits in long long too.
  constexpr __int128 k_limit = 1'000'000'000'000'000;
  if (truncated > k_limit || truncated < -k_limit) return std::nullopt;
  return std::pair{divide_half_up(num, budget), static_cast<long long>(truncated)};
}

bool rate_agrees(long long executed, long long budget, const Decimal& stated, int max_decimals) {
  if (budget <= 0 || stated.scale < 0 || stated.scale > max_decimals) return false;
  auto rate = percent_at(executed, budget, stated.scale);
  return rate && (stated.units == rate->first || stated.units == rate->second);
}

namespace {

bool is_filler(char32_t c) {
  static constexpr std::u32string_view k_filler = U"为是:共计合约达到了总额数 ,、()（）人民币";
  return k_filler.find(c) != std::u32string_view::npos;
}

bool is_money(NumUnit u) {
  return u == NumUnit::wan || u == NumUnit::yuan || u == NumUnit::yi || u == NumUnit::qian;
}

bool preceded_by(std::u32string_view text, std::size_t at, std::u32string_view what) {
  return !what.empty() && at >= what.size() && text.substr(at - what.size(), what.size()) == what;
}

}  // namespace

std::optional<std::size_t> Reader::token_at(std::size_t pos) const {
  auto it = std::lower_bound(m_tokens.begin(), m_tokens.end(), pos,
                             [](const NumToken& t, std::size_t p) { return t.begin < p; });
  if (it == m_tokens.end() || it->begin != pos) return std::nullopt;
  return static_cast<std::size_t>(it - m_tokens.begin());
}

namespace {

// Cells of lines laid out in columns: split at '|' or at runs of two or more spaces
// (ASCII or the ideographic space), before normalize_line removes the spaces.
std::vector<Cell> build_items(const SourceText& source) {
  std::vector<Cell> items;
  for (std::size_t n = 0; n < source.lines.size(); ++n) {
    std::u32string line = text::to_u32(source.lines[n].first);
    SourcePos pos{static_cast<int>(n + 1), source.lines[n].second};
    bool bars = line.find(U'|') != std::u32string::npos;
    std::size_t i = 0;
    std::u32string piece;
    auto push = [&] {
      std::u32string norm = normalize_line(piece);
      piece.clear();
      std::size_t b = 0, e = norm.size();
      while (b < e && norm[b] == U' ') ++b;
      while (e > b && norm[e - 1] == U' ') --e;
      if (e > b) items.push_back({norm.substr(b, e - b), pos});
    };
    auto is_sp = [](char32_t x) { return x == U' ' || x == U'\u3000' || x == U'\t'; };
    auto numeric = [](char32_t x) { return is_digit(x) || x == U'%' || x == U'.'; };
    while (i < line.size()) {
      char32_t c = line[i];
      bool space = is_sp(c);
      // One space between a figure and a word ("3 无扣分。", "合计 100"): text extraction joins
      // the cells of a row with a single space, and a figure never runs on into a word.
      if (!bars && space && i > 0 && i + 1 < line.size() && !is_sp(line[i + 1]) &&
          (numeric(line[i - 1]) != numeric(line[i + 1]) ||
           (numeric(line[i - 1]) && numeric(line[i + 1])))) {
        push();
        ++i;
        continue;
      }
      if (bars ? c == U'|'
               : (space && i + 1 < line.size() &&
                  (line[i + 1] == U' ' || line[i + 1] == U'\u3000' || line[i + 1] == U'\t'))) {
        push();
        while (i < line.size() && (line[i] == U' ' || line[i] == U'\u3000' || line[i] == U'\t' ||
                                   (bars && line[i] == U'|')))
          ++i;
        continue;
      }
      piece += c;
      ++i;
    }
    push();
    if (!items.empty() && is_page_number_line(items.back().text) &&
        items.back().pos.line == pos.line)
      items.pop_back();
  }
  return items;
}

}  // namespace

Reader::Reader(const SourceText& source)
    : m_flow(build_flow(source)), m_cells(build_cells(source)), m_items(build_items(source)) {
  m_tokens = scan_numbers(m_flow.text);
}

std::optional<std::size_t> Reader::number_after(std::size_t from, std::size_t max_gap) const {
  std::size_t i = from;
  const auto& s = m_flow.text;
  while (i < s.size() && i - from <= max_gap) {
    if (is_digit(s[i])) return token_at(i);
    if (!is_filler(s[i])) return std::nullopt;
    ++i;
  }
  return std::nullopt;
}

std::optional<Reader::Hit> Reader::find_after(std::initializer_list<std::u32string_view> keywords,
                                              std::initializer_list<std::u32string_view> not_after,
                                              bool (*accept)(const NumToken&), std::size_t from,
                                              std::size_t to, std::size_t max_gap) const {
  std::optional<Hit> best;
  const auto& s = m_flow.text;
  for (auto kw : keywords) {
    std::size_t at = from;
    while ((at = s.find(kw, at)) != std::u32string::npos) {
      if (at >= to || (best && at >= best->keyword_at)) break;
      bool excluded = false;
      for (auto na : not_after) excluded = excluded || preceded_by(s, at, na);
      std::size_t after = at + kw.size();
      if (!excluded) {
        if (auto t = number_after(after, max_gap); t && accept(m_tokens[*t])) {
          best = Hit{at, *t};
          break;
        }
      }
      at = after;
    }
  }
  return best;
}

std::pair<std::size_t, std::size_t> Reader::sentence_at(std::size_t at) const {
  const auto& s = m_flow.text;
  auto is_break = [](char32_t c) {
    return c == U'。' || c == U'\n' || c == U';' || c == U'!' || c == U'?';
  };
  std::size_t b = std::min(at, s.size());
  while (b > 0 && !is_break(s[b - 1])) --b;
  std::size_t e = std::min(at, s.size());
  while (e < s.size() && !is_break(s[e])) ++e;
  return {b, e};
}

SourcePos Reader::pos(std::size_t flow_index) const {
  if (m_flow.pos.empty()) return {};
  return m_flow.pos[std::min(flow_index, m_flow.pos.size() - 1)];
}

std::string Reader::slice(std::size_t begin, std::size_t end) const {
  return text::from_u32(std::u32string_view(m_flow.text).substr(begin, end - begin));
}

namespace {

bool accept_money(const NumToken& t) { return is_money(t.unit); }
// An execution rate: a percentage no reader would take for anything else (≤ 300 %: "5100%" is
// OCR damage, not a rate).
bool accept_rate(const NumToken& t) {
  return t.unit == NumUnit::percent && compare(t.value, Decimal{300, 0}) <= 0;
}
bool accept_points(const NumToken& t) {
  return t.unit == NumUnit::points && compare(t.value, Decimal{100, 0}) <= 0;
}

std::optional<AmountFigure> amount_figure(const Reader& r, std::optional<Reader::Hit> hit) {
  if (!hit) return std::nullopt;
  const NumToken& t = r.tokens()[hit->token];
  auto fen = token_fen(t);
  if (!fen) return std::nullopt;
  return AmountFigure{*fen, r.slice(t.begin, t.after), r.pos(t.begin)};
}

std::optional<Figure<Decimal>> decimal_figure(const Reader& r, std::optional<Reader::Hit> hit) {
  if (!hit) return std::nullopt;
  const NumToken& t = r.tokens()[hit->token];
  return Figure<Decimal>{t.value, r.slice(t.begin, t.after), r.pos(t.begin)};
}

struct GradeWord {
  std::u32string_view text;
  std::string_view grade;
};
constexpr GradeWord k_grade_words[] = {
    {U"优秀", "优"},   {U"良好", "良"}, {U"中等", "中"}, {U"较差", "差"}, {U"不合格", "不合格"},
    {U"合格", "合格"}, {U"优", "优"},   {U"良", "良"},   {U"中", "中"},   {U"差", "差"},
};

// The grade word at `i`, if one stands there on its own ("优" but not "优化").
std::optional<std::pair<std::string_view, std::size_t>> grade_at(std::u32string_view s,
                                                                 std::size_t i) {
  for (const auto& w : k_grade_words) {
    if (s.substr(i, w.text.size()) != w.text) continue;
    std::size_t end = i + w.text.size();
    if (w.text.size() == 1 && end < s.size() && is_han(s[end]) &&
        std::u32string_view(U"等级档次").find(s[end]) == std::u32string_view::npos) {
      continue;
    }
    return std::pair{w.grade, end};
  }
  return std::nullopt;
}

void extract_unit_name(const Reader& r, Extracted& ex) {
  const auto& s = r.flow().text;
  auto take_name = [&](std::size_t begin, std::size_t end) -> std::optional<Figure<std::string>> {
    while (begin < end && (s[begin] == U' ' || s[begin] == U':')) ++begin;
    while (end > begin && s[end - 1] == U' ') --end;
    if (end - begin < 3 || end - begin > 40) return std::nullopt;
    return Figure<std::string>{r.slice(begin, end), r.slice(begin, end), r.pos(begin)};
  };
  // "部门:临沧市永德县明朗中学", "单位名称:…" inline.
  for (std::u32string_view kw :
       {U"单位名称:", U"实施单位:", U"部门名称:", U"填报单位:", U"部门:", U"单位:"}) {
    std::size_t at = s.find(kw);
    while (at != std::u32string::npos &&
           (preceded_by(s, at, U"主管") || preceded_by(s, at, U"实施")))
      at = s.find(kw, at + 1);
    if (at == std::u32string::npos || at > 400) continue;
    std::size_t b = at + kw.size();
    std::size_t e = b;
    while (e < s.size() && (is_han(s[e]) || s[e] == U'(' || s[e] == U')')) ++e;
    if (auto f = take_name(b, e)) {
      ex.unit_name = f;
      return;
    }
  }
  // A cell "实施单位" / "单位名称" followed by the name.
  const auto& cells = r.cells();
  for (std::size_t i = 0; i + 1 < cells.size() && i < 80; ++i) {
    std::u32string_view c = cells[i].text;
    if (c.starts_with(U"实施单位") || c == U"单位名称" || c == U"预算单位" || c == U"部门名称") {
      const auto& next = cells[i + 1].text;
      if (next.size() >= 3 && next.size() <= 40 && is_han(next.front())) {
        ex.unit_name =
            Figure<std::string>{text::from_u32(next), text::from_u32(next), cells[i + 1].pos};
        return;
      }
    }
  }
  // The title: "2022年度<unit>部门整体支出绩效自评报告", "现将2022年<unit>财政…".
  for (std::size_t at = 0; at < s.size() && at < 600; ++at) {
    if (s[at] != U'年' || at < 4 || !is_digit(s[at - 1])) continue;
    std::size_t b = at + 1;
    if (b < s.size() && s[b] == U'度') ++b;
    std::size_t e = b;
    std::size_t stop = std::u32string::npos;
    while (e < s.size() && e - b <= 40 && (is_han(s[e]) || s[e] == U'(' || s[e] == U')')) {
      for (std::u32string_view end_kw :
           {U"部门整体支出", U"整体支出", U"项目支出", U"财政", U"项目", U"绩效自评", U"预算",
            U"衔接", U"专项", U"资金", U"乡村振兴"}) {
        bool office =
            end_kw == U"财政" && e + 2 < s.size() &&
            std::u32string_view(U"局厅所部委").find(s[e + 2]) != std::u32string_view::npos;
        if (s.substr(e, end_kw.size()) == end_kw && !office) stop = e;
      }
      if (stop != std::u32string::npos) break;
      ++e;
    }
    if (stop != std::u32string::npos) {
      if (auto f = take_name(b, stop)) {
        ex.unit_name = f;
        return;
      }
    }
  }
  // The first organisation named in the text: "<place>市<name>局".
  static constexpr std::u32string_view k_suffixes[] = {
      U"委员会办公室", U"局",   U"委员会", U"办公室", U"中学",
      U"小学",         U"学校", U"医院",   U"中心",   U"人民政府"};
  static constexpr std::u32string_view k_places = U"省市县区州盟旗";
  std::size_t best_end = std::u32string::npos;
  for (auto suffix : k_suffixes) {
    std::size_t at = s.find(suffix);
    if (at != std::u32string::npos &&
        (best_end == std::u32string::npos || at + suffix.size() < best_end)) {
      best_end = at + suffix.size();
    }
  }
  if (best_end != std::u32string::npos) {
    std::size_t b = best_end;
    while (b > 0 && best_end - b < 24 && is_han(s[b - 1])) --b;
    for (std::size_t k = b; k < best_end; ++k) {
      if (k_places.find(s[k]) != std::u32string_view::npos) {
        std::size_t start = k >= b + 2 ? k - 2 : b;
        if (auto f = take_name(start, best_end)) ex.unit_name = f;
        return;
      }
    }
  }
}

void extract_year_and_kind(const Reader& r, Extracted& ex) {
  const auto& s = r.flow().text;
  std::optional<Figure<int>> first_any;
  for (const auto& t : r.tokens()) {
    if (t.unit_text != U"年" || t.value.scale != 0 || t.value.units < 2000 || t.value.units > 2099)
      continue;
    if (t.end - t.begin != 4) continue;
    Figure<int> f{static_cast<int>(t.value.units), r.slice(t.begin, t.after), r.pos(t.begin)};
    bool du = t.after < s.size() && s[t.after] == U'度';
    if (du && t.begin < 300) {
      ex.fiscal_year = f;
      break;
    }
    if (!first_any) first_any = f;
  }
  if (!ex.fiscal_year && first_any) ex.fiscal_year = first_any;

  std::u32string_view head = std::u32string_view(s).substr(0, std::min<std::size_t>(s.size(), 300));
  auto kind_in = [](std::u32string_view text) -> std::optional<DocKind> {
    if (text.find(U"部门整体") != std::u32string_view::npos ||
        text.find(U"整体支出") != std::u32string_view::npos) {
      return DocKind::department_overall;
    }
    if (text.find(U"项目") != std::u32string_view::npos ||
        text.find(U"专项资金") != std::u32string_view::npos) {
      return DocKind::project;
    }
    return std::nullopt;
  };
  ex.doc_kind = kind_in(head);
  if (!ex.doc_kind) ex.doc_kind = kind_in(s);
}

void extract_narrative(const Reader& r, Extracted& ex) {
  // The executed amount anchors the sentence that states the budget and the rate
  // ("全年预算数 X万元，执行数 Y万元，完成预算的 R%"): look there first, then anywhere.
  std::optional<Reader::Hit> executed_hit = r.find_after(
      {U"全年执行数", U"预算执行数", U"执行数", U"执行金额", U"实际支出", U"实际支付", U"已支出",
       U"累计支出", U"完成拨付", U"已拨付", U"实际使用", U"实际执行", U"决算数", U"支出数"},
      {}, accept_money);
  std::size_t from = 0;
  std::size_t to = 0;
  std::size_t rate_from = 0;
  // The rate's keywords; shared by the window below and the rate itself.
  static constexpr std::initializer_list<std::u32string_view> k_rate_words = {
      U"预算执行率", U"资金执行率", U"执行率",     U"完成预算的",
      U"预算完成率", U"支出进度",   U"资金支付率", U"支付率"};
  if (executed_hit) {
    std::tie(from, to) = r.sentence_at(executed_hit->keyword_at);
    rate_from = executed_hit->keyword_at;
  } else if (auto rate_hit = r.find_after(k_rate_words, {U"采购", U"三公经费"}, accept_rate)) {
    // No amount spent is stated: the rate is measured against the budget of its own sentence
    // ("预算总额为X万元，预算执行率R%"), which wins over a total stated elsewhere.
    std::tie(from, to) = r.sentence_at(rate_hit->keyword_at);
    rate_from = from;
  }
  // Window first (when there is one), then the whole text.
  auto find = [&](std::initializer_list<std::u32string_view> kws,
                  std::initializer_list<std::u32string_view> not_after,
                  bool (*accept)(const NumToken&), std::size_t wfrom, std::size_t wto) {
    std::optional<Reader::Hit> hit;
    if (wto > wfrom) hit = r.find_after(kws, not_after, accept, wfrom, wto);
    if (!hit) hit = r.find_after(kws, not_after, accept);
    return hit;
  };
  if (!ex.executed) ex.executed = amount_figure(r, executed_hit);
  // Weaker phrases for the amount spent, only when none of the above is stated: "共支出",
  // "支出合计" (a 决算-style statement).
  if (!ex.executed) {
    executed_hit = r.find_after({U"共支出", U"支出合计", U"支出资金", U"使用资金", U"年支出"},
                                {U"基本", U"项目", U"三公"}, accept_money);
    if (executed_hit) {
      ex.executed = amount_figure(r, executed_hit);
      std::tie(from, to) = r.sentence_at(executed_hit->keyword_at);
      rate_from = executed_hit->keyword_at;
    }
  }
  if (!ex.budget_adjusted) {
    ex.budget_adjusted = amount_figure(
        r, find({U"调整后预算数", U"调整后预算", U"调整后的预算", U"调整预算数", U"调整预算"},
                {U"采购", U"三公经费"}, accept_money, from, to));
  }
  if (!ex.budget_initial) {
    ex.budget_initial = amount_figure(
        r, find({U"年初预算数", U"年初预算"}, {U"采购", U"三公经费"}, accept_money, from, to));
  }
  if (!ex.budget_annual) {
    ex.budget_annual = amount_figure(
        r, find({U"全年预算数", U"全年预算", U"预算总额", U"总预算", U"年度预算数", U"年度预算",
                 U"预算数", U"计划投资", U"总投资", U"资金总额", U"项目资金共", U"资金共计",
                 U"预算安排", U"安排资金", U"下达资金", U"到位资金", U"年预算收入"},
                {U"年初", U"调整后", U"执行", U"采购", U"三公经费"}, accept_money, from, to));
  }
  if (!ex.execution_rate_pct) {
    ex.execution_rate_pct =
        decimal_figure(r, find(k_rate_words, {U"采购", U"三公经费"}, accept_rate, rate_from, to));
  }
  if (!ex.unspent) {
    ex.unspent = amount_figure(
        r, find({U"结转结余", U"结余结转", U"结余资金", U"结余", U"未支出", U"剩余资金"}, {},
                accept_money, from, to));
  }
  ex.heading_execution_points =
      decimal_figure(r, r.find_after({U"预算执行情况(", U"预算执行率("}, {}, accept_points, 0,
                                     std::u32string::npos, 0));
  ex.heading_indicator_points = decimal_figure(
      r, r.find_after({U"绩效指标("}, {}, accept_points, 0, std::u32string::npos, 0));
  // Each 一级指标 heading once ("产出指标(70分)"; the same class in a footnote without brackets is
  // not a heading).
  for (std::u32string_view kw : {U"产出指标(", U"效益指标(", U"满意度指标(", U"成本指标("}) {
    if (auto f =
            decimal_figure(r, r.find_after({kw}, {}, accept_points, 0, std::u32string::npos, 0))) {
      ex.class_heading_points.push_back(*f);
    }
  }
  if (!ex.self_score) {
    ex.self_score = decimal_figure(
        r, r.find_after({U"自评得分", U"自评总分", U"自评分", U"综合得分", U"总得分", U"评价得分",
                         U"自评为", U"自评结果为", U"最终得分", U"得分为", U"评分为", U"自评分数",
                         U"综合评分", U"评价总分"},
                        {}, accept_points));
  }
  if (!ex.grade) {
    const auto& s = r.flow().text;
    for (std::u32string_view kw :
         {U"等级为", U"等级:", U"等级是", U"评价等级", U"自评等级", U"评定为", U"评价结果为",
          U"自评结果为", U"结论为", U"等次为", U"定级为", U"自评为"}) {
      std::size_t at = 0;
      while ((at = s.find(kw, at)) != std::u32string::npos) {
        std::size_t i = at + kw.size();
        std::size_t gap = 0;
        while (i < s.size() && gap < 4 &&
               (s[i] == U':' || s[i] == U'为' || s[i] == U'“' || s[i] == U'"' || s[i] == U' ' ||
                s[i] == U'是')) {
          ++i;
          ++gap;
        }
        if (auto g = grade_at(s, i)) {
          ex.grade = Figure<std::string>{std::string(g->first), r.slice(i, g->second), r.pos(i)};
          break;
        }
        at = i;
      }
      if (ex.grade) break;
    }
  }
}

void extract_counts(const Reader& r, Extracted& ex) {
  const auto& s = r.flow().text;
  for (const auto& t : r.tokens()) {
    if (t.unit != NumUnit::other || t.value.scale != 0) continue;
    if (t.unit_text == U"年" || t.unit_text == U"月" || t.unit_text == U"日" ||
        t.unit_text == U"号")
      continue;
    if (t.begin > 0 && s[t.begin - 1] == U'第') continue;
    std::size_t b = t.begin;
    while (b > 0 && t.begin - b < 12 && is_han(s[b - 1])) --b;
    if (b == t.begin) continue;
    ex.counts.push_back(
        {r.slice(b, t.begin), t.value.units, text::from_u32(t.unit_text), r.pos(t.begin)});
    if (ex.counts.size() >= 500) break;
  }
}

// ---- tables -------------------------------------------------------------------------------

enum class Col { initial, annual, adjusted, executed, rate, points, score, other };

bool contains(std::u32string_view s, std::u32string_view what) {
  return s.find(what) != std::u32string_view::npos;
}

// "预算数(A)", "执行率(B/A)", "全年预算数（A）": the letters naming the columns in the form's
// formulas are not part of the header word.
std::u32string_view without_formula(std::u32string_view c) {
  if (c.empty() || c.back() != U')') return c;
  std::size_t open = c.rfind(U'(');
  if (open == std::u32string_view::npos || open == 0) return c;
  for (std::size_t i = open + 1; i + 1 < c.size(); ++i) {
    char32_t x = c[i];
    if (!((x >= U'A' && x <= U'Z') || x == U'/' || x == U'*' || x == U'×' || x == U'÷' ||
          x == U' '))
      return c;
  }
  return c.substr(0, open);
}

Col classify_header(std::u32string_view c) {
  if (!c.empty() && c.front() == U'(') return Col::other;  // a note: "(20分*执行率)", "(万元)"
  c = without_formula(c);
  if (contains(c, U"万元") || contains(c, U"(元)") || c.size() > 12) return Col::other;
  if (contains(c, U"年初预算")) return Col::initial;
  if (contains(c, U"调整后预算") || contains(c, U"调整预算")) return Col::adjusted;
  if (contains(c, U"全年预算") || c == U"预算数") return Col::annual;
  if (contains(c, U"执行数") || contains(c, U"实际支出") || contains(c, U"执行金额"))
    return Col::executed;
  if (contains(c, U"执行率")) return Col::rate;
  if (c == U"分值" || c == U"权重") return Col::points;
  if (c == U"得分") return Col::score;
  return Col::other;
}

bool is_money_col(Col c) {
  return c == Col::initial || c == Col::annual || c == Col::adjusted || c == Col::executed;
}

bool is_blank_value(std::u32string_view c) {
  return c.empty() || c == U"—" || c == U"/" || c == U"-" || c == U"——";
}

std::optional<Direction> direction_of(std::u32string_view c) {
  if (c == U"≥" || c == U">") return Direction::ge;
  if (c == U"≤" || c == U"<") return Direction::le;
  if (c == U"=") return Direction::eq;
  return std::nullopt;
}

std::string_view column_name(Col c) {
  switch (c) {
    case Col::initial:
      return "年初预算数";
    case Col::annual:
      return "全年预算数";
    case Col::adjusted:
      return "调整后预算数";
    case Col::executed:
      return "执行数";
    default:
      return "";
  }
}

// The rows after the total ("其中:财政资金 | … | 财政专户管理资金 | … | 单位资金 | …"): per amount
// column, the sources add up to the total.
template <class Value>
void check_funding_sources(const std::vector<Cell>& cells, std::size_t i,
                           const std::vector<Col>& cols, const std::vector<Value>& total,
                           NumUnit unit, std::vector<Finding>& findings) {
  std::size_t k = i;
  while (k < cells.size() && k < i + 3 && !cells[k].text.starts_with(U"其中")) ++k;
  if (k >= cells.size() || !cells[k].text.starts_with(U"其中")) return;
  std::vector<long long> sums(cols.size(), 0);
  std::vector<bool> seen(cols.size(), false);
  bool ok = true;
  int rows = 0;
  while (k + cols.size() < cells.size() && ok) {
    const auto& label = cells[k].text;
    if (label.empty() || label.size() > 16 || is_digit(label.front())) break;
    std::vector<std::optional<NumToken>> row;
    for (std::size_t c = 0; c < cols.size(); ++c) {
      const auto& v = cells[k + 1 + c].text;
      auto num = cell_number(v);
      if (!num && !is_blank_value(v)) {
        ok = false;
        break;
      }
      row.push_back(num);
    }
    if (!ok) break;
    for (std::size_t c = 0; c < cols.size(); ++c) {
      if (!is_money_col(cols[c]) || !row[c]) continue;
      auto fen = token_fen(*row[c], unit);
      auto sum = fen ? exact_sum(sums[c], *fen) : std::nullopt;
      if (!sum) return;
      sums[c] = *sum;
      seen[c] = true;
    }
    ++rows;
    k += cols.size() + 1;
  }
  if (rows < 2) return;
  for (std::size_t c = 0; c < cols.size(); ++c) {
    if (!is_money_col(cols[c]) || !seen[c] || !total[c].num) continue;
    auto total_fen = token_fen(*total[c].num, unit);
    if (!total_fen || *total_fen == sums[c]) continue;
    Finding f;
    f.severity = Severity::error;
    f.kind = "parts_sum_mismatch";
    f.message = std::string(column_name(cols[c])) + "总额 " + format_wan_exact(*total_fen) +
                "万元，但各资金来源之和为 " + format_wan_exact(sums[c]) + "万元";
    f.pos = total[c].cell->pos;
    f.numbers = {{"total_wan", format_wan_exact(*total_fen)},
                 {"parts_sum_wan", format_wan_exact(sums[c])}};
    findings.push_back(std::move(f));
  }
}

void extract_funds_table(const Reader& r, Extracted& ex, std::vector<Finding>& findings) {
  const auto& cells = r.cells();
  std::size_t h = 0;
  for (; h < cells.size(); ++h) {
    Col c = classify_header(cells[h].text);
    if (c == Col::initial || c == Col::annual || c == Col::adjusted) break;
  }
  if (h == cells.size()) return;
  // Unit: "(万元)" or "(元)" in the cells around the header.
  NumUnit unit = NumUnit::wan;
  for (std::size_t k = h >= 8 ? h - 8 : 0; k < std::min(cells.size(), h + 10); ++k) {
    const auto& c = cells[k].text;
    if (contains(c, U"万元")) {
      unit = NumUnit::wan;
      break;
    }
    if (contains(c, U"(元)") || contains(c, U"单位:元") || c.ends_with(U"元)")) {
      unit = NumUnit::yuan;
      break;
    }
  }
  std::vector<Col> cols;
  std::size_t i = h;
  int others = 0;
  // Empty cells between the header words ("预算数(A) | | 执行数(B)", one cell per line with "|"
  // lines between): the figures come the same way, and an empty cell there is not a column.
  bool header_gaps = false;
  for (; i < cells.size(); ++i) {
    if (cell_number(cells[i].text)) break;
    if (cells[i].text.empty()) {  // the empty cells of a '|'-flattened row ("| | | |")
      header_gaps = true;
      continue;
    }
    // Two header words in one cell ("年初预算数 全年预算数", text extraction joined them): two
    // columns.
    if (contains(cells[i].text, U"年初预算") && contains(cells[i].text, U"全年预算")) {
      cols.push_back(Col::initial);
      cols.push_back(Col::annual);
      continue;
    }
    Col c = classify_header(cells[i].text);
    if (c == Col::other) {
      if (++others > 3) return;
      continue;
    }
    cols.push_back(c);
  }
  if (i == cells.size() || cols.empty()) return;
  // The first row's label: a total ("年度资金总额", "年度财政资金总额:", "合计") or a line of a
  // table of several lines ("在职人员工资福利 | 基本支出"), whose figures are not the unit's.
  auto is_total_label = [](std::u32string_view c) {
    return contains(c, U"资金总额") || contains(c, U"合计") || contains(c, U"总计") ||
           c == U"总额" || c == U"合 计" || contains(c, U"资金合计");
  };
  bool line_rows = false;
  {
    std::size_t k = i;
    while (k > h && (cells[k - 1].text.empty() || classify_header(cells[k - 1].text) == Col::other))
      --k;
    for (std::size_t j = k; j < i; ++j) {
      const auto& label = cells[j].text;
      if (label.empty() || without_formula(label).empty()) continue;
      if (is_total_label(label)) {
        line_rows = false;
        break;
      }
      // Units and notes beside a header ("(万元)", "(20分*执行率)") are not line labels.
      if (label.front() == U'(' || contains(label, U"万元") || contains(label, U"单位")) continue;
      line_rows = true;
    }
  }
  // A table of several lines ends with its total ("合计 | 3471.00 | 3403.40 | …"): read that row.
  // Text extraction may put the label after its figures ("3471.00 3403.40 3115.88 91.6% 合计").
  bool total_found = false;
  for (std::size_t k = i; k < cells.size() && k < i + 400; ++k) {
    if (direction_of(cells[k].text)) break;  // the indicator rows have begun
    const auto& c = cells[k].text;
    if (c == U"合计" || c == U"总计" || c == U"总额" || c == U"合 计") {
      // A total spanning the label columns leaves empty cells before its figures.
      std::size_t v = k + 1;
      while (v < cells.size() && v < k + 4 && cells[v].text.empty()) ++v;
      if (v < cells.size() && cell_number(cells[v].text)) {
        i = v;
        total_found = true;
        break;
      }
      // The figures just before the label, as many as the columns.
      std::size_t b = k;
      std::size_t n = 0;
      while (b > i && n < cols.size() && cell_number(cells[b - 1].text)) {
        --b;
        ++n;
      }
      if (n == cols.size()) {
        i = b;
        total_found = true;
        break;
      }
    }
  }
  if (line_rows && !total_found) return;  // no total row: the narrative says the unit's figures
  struct Value {
    std::optional<NumToken> num;
    const Cell* cell;
  };
  std::vector<Value> values;
  for (; i < cells.size() && values.size() < cols.size(); ++i) {
    if (header_gaps && cells[i].text.empty()) continue;
    auto num = cell_number(cells[i].text);
    if (!num && !is_blank_value(cells[i].text)) break;
    values.push_back({num, &cells[i]});
  }
  auto set_amount = [&](Col c, const Value& v) {
    if (!v.num) return;
    auto fen = token_fen(*v.num, unit);
    if (!fen) return;
    AmountFigure f{*fen,
                   text::from_u32(v.cell->text) +
                       (v.num->unit == NumUnit::none ? (unit == NumUnit::wan ? "万元" : "元") : ""),
                   v.cell->pos};
    switch (c) {
      case Col::initial:
        ex.budget_initial = f;
        break;
      case Col::annual:
        ex.budget_annual = f;
        break;
      case Col::adjusted:
        ex.budget_adjusted = f;
        break;
      case Col::executed:
        ex.executed = f;
        break;
      default:
        break;
    }
  };
  // A rate cell without "%" ("20" in the 执行率 column) is read as a percentage only when the
  // arithmetic of the same row agrees: executed ÷ budget × 100 rounds to it.
  auto rate_fits = [&](const Decimal& stated) {
    const AmountFigure* b = ex.budget_adjusted  ? &*ex.budget_adjusted
                            : ex.budget_annual  ? &*ex.budget_annual
                            : ex.budget_initial ? &*ex.budget_initial
                                                : nullptr;
    return b && ex.executed && rate_agrees(ex.executed->value, b->value, stated, 4);
  };
  auto set_other = [&](Col c, const Value& v) {
    if (!v.num) return;
    switch (c) {
      case Col::rate:
        if (v.num->unit == NumUnit::percent ||
            (v.num->unit == NumUnit::none && rate_fits(v.num->value))) {
          ex.execution_rate_pct =
              Figure<Decimal>{v.num->value, text::from_u32(v.cell->text), v.cell->pos};
        }
        break;
      case Col::points:
        ex.execution_points = v.num->value;
        break;
      case Col::score:
        ex.execution_score = v.num->value;
        break;
      default:
        break;
    }
  };
  if (values.size() == cols.size()) {
    for (std::size_t k = 0; k < cols.size(); ++k) {
      if (is_money_col(cols[k]))
        set_amount(cols[k], values[k]);
      else
        set_other(cols[k], values[k]);
    }
    check_funding_sources(cells, i, cols, values, unit, findings);
    return;
  }
  // Fewer values than columns: place them by kind. Money before the rate, small whole numbers
  // (points, score) by their side of the rate.
  std::vector<Col> money_cols;
  std::vector<Col> small_before, small_after;
  bool after_rate = false;
  for (Col c : cols) {
    if (is_money_col(c))
      money_cols.push_back(c);
    else if (c == Col::rate)
      after_rate = true;
    else if (c == Col::points || c == Col::score)
      (after_rate ? small_after : small_before).push_back(c);
  }
  std::vector<const Value*> money_vals, small_b, small_a;
  const Value* rate_val = nullptr;
  for (const auto& v : values) {
    if (!v.num) continue;
    if (v.num->unit == NumUnit::percent) {
      if (!rate_val) rate_val = &v;
      continue;
    }
    // Before the rate: whole numbers up to 100 are points; after it everything is points or score.
    bool small = v.num->value.scale == 0 && v.num->value.units <= 100 &&
                 !(small_before.empty() && small_after.empty());
    if (rate_val)
      small_a.push_back(&v);
    else if (small)
      small_b.push_back(&v);
    else
      money_vals.push_back(&v);
  }
  if (money_vals.size() == money_cols.size()) {
    for (std::size_t k = 0; k < money_cols.size(); ++k) set_amount(money_cols[k], *money_vals[k]);
  } else if (!money_vals.empty() && money_vals.size() < money_cols.size()) {
    // The budget column nearest the executed one (全年 before 年初) gets the first amount, the
    // executed column the last.
    for (auto it = money_cols.rbegin(); it != money_cols.rend(); ++it) {
      if (*it != Col::executed) {
        set_amount(*it, *money_vals.front());
        break;
      }
    }
    if (std::find(money_cols.begin(), money_cols.end(), Col::executed) != money_cols.end() &&
        money_vals.size() >= 2) {
      set_amount(Col::executed, *money_vals.back());
    }
    Finding f;
    f.severity = Severity::warning;
    f.kind = "missing_cell";
    f.message = "资金表有 " + std::to_string(money_cols.size()) +
                " 个金额栏（年初预算数、全年预算数、执行数等），只填了 " +
                std::to_string(money_vals.size()) + " 个金额，无法确定哪一栏为空";
    f.pos = money_vals.front()->cell->pos;
    f.numbers = {{"columns", std::to_string(money_cols.size())},
                 {"amounts", std::to_string(money_vals.size())}};
    findings.push_back(std::move(f));
  }
  if (rate_val) set_other(Col::rate, *rate_val);
  for (std::size_t k = 0; k < std::min(small_before.size(), small_b.size()); ++k)
    set_other(small_before[k], *small_b[k]);
  for (std::size_t k = 0; k < std::min(small_after.size(), small_a.size()); ++k)
    set_other(small_after[k], *small_a[k]);
}

// ---- the funds block flattened into one run (no cell separators) ---------------------------
//
// "全年预算数(A)全年执行数(B)执行率(B/A)年度资金总额194.9194.9100%" or "… 分值 执行率 得分 65.66
// 65.07 10 99% 9": the header words give the columns in order; the figures after them are split
// (when run together) and placed so that the arithmetic holds — 执行数 ÷ 预算数 rounds to the
// stated 执行率, 得分 = 分值 × 执行率 (at most the points) — and the reading is kept only when
// exactly one placement fits.

struct FundsNumber {
  Decimal value;
  bool percent = false;
  std::size_t begin = 0;  // flow index of its first character
  std::string text;
};

// Every way to split the digit run `s` (digits and at most one '.' per number, a trailing '%'
// belongs to the last number) into numbers, at most `max_parts` of them.
void split_run(std::u32string_view s, std::size_t base, std::size_t max_parts,
               std::vector<FundsNumber>& cur, std::vector<std::vector<FundsNumber>>& out) {
  if (s.empty()) {
    out.push_back(cur);
    return;
  }
  if (cur.size() >= max_parts || out.size() > 4000) return;
  bool dot = false;
  for (std::size_t len = 1; len <= s.size() && len <= 12; ++len) {
    char32_t c = s[len - 1];
    if (c == U'.') {
      if (dot || len == 1) break;
      dot = true;
      continue;  // a number never ends with its point
    }
    if (c == U'%') break;
    if (!is_digit(c)) break;
    // No leading zeros except "0" and "0.x".
    if (len > 1 && s[0] == U'0' && s[1] != U'.') break;
    std::u32string_view digits = s.substr(0, len);
    std::size_t decimals = dot ? len - 1 - digits.find(U'.') : 0;
    if (decimals > 2 && !(len < s.size() && s[len] == U'%'))
      continue;  // money and points: at most 2 decimals
    auto d = Decimal::parse(text::from_u32(digits));
    if (!d) continue;
    bool percent = len < s.size() && s[len] == U'%';
    cur.push_back({*d, percent, base, text::from_u32(s.substr(0, len + (percent ? 1 : 0)))});
    split_run(s.substr(len + (percent ? 1 : 0)), base + len + (percent ? 1 : 0), max_parts, cur,
              out);
    cur.pop_back();
  }
}

// x × 10^k as an integer at `scale` decimals.
__int128 scaled(const Decimal& d, int scale) {
  __int128 v = d.units;
  for (int k = d.scale; k < scale; ++k) v *= 10;
  return v;
}

bool percent_fits(const Decimal& executed, const Decimal& budget, const Decimal& rate) {
  if (budget.units <= 0) return false;
  int scale = std::max(executed.scale, budget.scale);
  __int128 e = scaled(executed, scale), b = scaled(budget, scale);
  __int128 unit = 100;
  for (int k = 0; k < rate.scale; ++k) unit *= 10;
  __int128 floor = e * unit / b;
  __int128 half_up = (e * unit * 2 + b) / (2 * b);
  return rate.units == floor || rate.units == half_up;
}

bool score_fits(const Decimal& points, const Decimal& rate, const Decimal& score) {
  // score = points × min(rate, 100 %) at the score's decimals, floor or half-up.
  __int128 unit = 1;
  for (int k = 0; k < score.scale; ++k) unit *= 10;
  __int128 r = scaled(rate, 6);
  __int128 cap = scaled(Decimal{100, 0}, 6);
  if (r > cap) r = cap;
  __int128 p = scaled(points, 2);
  __int128 num = p * r * unit;  // points×100 × rate×10^6 × unit
  __int128 den = static_cast<__int128>(100) * 100 * 1000000;
  __int128 floor = num / den;
  __int128 half_up = (num * 2 + den) / (2 * den);
  return score.units == floor || score.units == half_up;
}

// The rate a 执行率 figure states, in percent: "99%" as it is; a ratio without '%' ("1", "0.9524":
// forms whose header reads 执行率(B/A) and whose score is 分值*执行率) times 100. nullopt for a
// figure that is neither.
std::optional<Decimal> rate_pct_of(const FundsNumber& n) {
  if (n.percent) return n.value;
  if (n.value.units < 0 || n.value.scale > 4 || compare(n.value, Decimal{2, 0}) > 0)
    return std::nullopt;
  Decimal d = n.value;
  if (d.scale >= 2) {
    d.scale -= 2;
  } else {
    for (int k = d.scale; k < 2; ++k) d.units *= 10;
    d.scale = 0;
  }
  return d;
}

void extract_funds_run(const Reader& r, Extracted& ex) {
  if (ex.executed && ex.budget()) return;
  const auto& s = r.flow().text;
  struct HeaderWord {
    std::u32string_view word;
    Col col;
  };
  static constexpr HeaderWord k_words[] = {{U"年初预算数", Col::initial},
                                           {U"全年预算数", Col::annual},
                                           {U"调整后预算数", Col::adjusted},
                                           {U"全年执行数", Col::executed},
                                           {U"执行数", Col::executed},
                                           {U"预算数", Col::annual},
                                           {U"分值", Col::points},
                                           {U"执行率", Col::rate},
                                           {U"得分", Col::score}};
  std::size_t from = 0;
  while (true) {
    // The first header word of a funds block.
    std::size_t start = std::u32string::npos;
    for (std::u32string_view w : {U"年初预算数", U"全年预算数", U"预算数(A)", U"预算数"}) {
      std::size_t at = s.find(w, from);
      if (at < start) start = at;
    }
    if (start == std::u32string::npos) return;
    // Header words in order until the first digit (labels and formula letters between them
    // skipped).
    std::vector<Col> cols;
    std::size_t i = start;
    std::size_t last_word_end = start;
    while (i < s.size() && i - last_word_end <= 24) {
      // "(20分*执行率)", "(B/A)": a bracketed note inside the header is skipped, digits and all.
      if (s[i] == U'(') {
        std::size_t close = s.find(U')', i);
        if (close != std::u32string::npos && close - i <= 12) {
          i = close + 1;
          continue;
        }
      }
      if (is_digit(s[i])) break;
      bool matched = false;
      for (const auto& w : k_words) {
        if (s.compare(i, w.word.size(), w.word) == 0) {
          if (cols.empty() || cols.back() != w.col) cols.push_back(w.col);
          i += w.word.size();
          last_word_end = i;
          matched = true;
          break;
        }
      }
      if (!matched) ++i;
    }
    from = start + 1;
    // Between the header and the figures only a total's label may stand ("年度资金总额:"): other
    // words mean a row of a table of several lines, whose figures are not the block's.
    {
      std::u32string_view gap = std::u32string_view(s).substr(last_word_end, i - last_word_end);
      bool words = false;
      int depth = 0;
      for (char32_t x : gap) {
        depth += x == U'(' ? 1 : x == U')' ? -1 : 0;
        words = words || (depth == 0 && is_han(x) && x != U'分');
      }
      bool total = gap.find(U"资金总额") != std::u32string_view::npos ||
                   gap.find(U"合计") != std::u32string_view::npos ||
                   gap.find(U"总计") != std::u32string_view::npos;
      if (words && !total) continue;
    }
    bool has_money =
        std::count_if(cols.begin(), cols.end(), [](Col c) { return is_money_col(c); }) >= 2;
    bool has_rate = std::find(cols.begin(), cols.end(), Col::rate) != cols.end();
    if (!has_money || !has_rate || i >= s.size() || !is_digit(s[i])) continue;
    // The figures: digit runs separated by spaces, up to the next character that is not a figure.
    std::vector<std::pair<std::u32string, std::size_t>> runs;
    std::size_t k = i;
    while (k < s.size() && runs.size() < 8) {
      if (s[k] == U' ') {
        ++k;
        continue;
      }
      if (!is_digit(s[k])) break;
      std::size_t b = k;
      while (k < s.size() && (is_digit(s[k]) || s[k] == U'.' || s[k] == U'%')) ++k;
      runs.emplace_back(s.substr(b, k - b), b);
    }
    // Every split of the first `use` runs, combined, then placed onto the columns in order; the
    // longest prefix of runs that gives a reading wins (the next row's figures may follow).
    for (std::size_t use = runs.size(); use >= 1; --use) {
      std::vector<std::vector<FundsNumber>> splits{{}};
      for (std::size_t u = 0; u < use; ++u) {
        const auto& [run, base] = runs[u];
        std::vector<std::vector<FundsNumber>> parts;
        std::vector<FundsNumber> cur;
        split_run(run, base, cols.size(), cur, parts);
        std::vector<std::vector<FundsNumber>> next;
        for (const auto& a : splits) {
          for (const auto& b : parts) {
            if (a.size() + b.size() > cols.size()) continue;
            auto c = a;
            c.insert(c.end(), b.begin(), b.end());
            next.push_back(std::move(c));
            if (next.size() > 20000) break;
          }
        }
        splits = std::move(next);
        if (splits.empty()) break;
      }
      struct Reading {
        std::map<Col, FundsNumber> at;
        int filled = 0;
      };
      std::vector<Reading> fits;
      for (const auto& numbers : splits) {
        if (numbers.size() < 3) continue;
        // Place the numbers onto a subsequence of the columns (columns may be empty).
        std::vector<std::size_t> pick;
        std::function<void(std::size_t, std::size_t)> place = [&](std::size_t n, std::size_t c) {
          if (n == numbers.size()) {
            Reading rd;
            for (std::size_t j = 0; j < pick.size(); ++j) rd.at[cols[pick[j]]] = numbers[j];
            auto get = [&](Col col) -> const FundsNumber* {
              auto it = rd.at.find(col);
              return it == rd.at.end() ? nullptr : &it->second;
            };
            const FundsNumber* budget = get(Col::adjusted) ? get(Col::adjusted)
                                        : get(Col::annual) ? get(Col::annual)
                                                           : get(Col::initial);
            const FundsNumber* executed = get(Col::executed);
            const FundsNumber* rate = get(Col::rate);
            const FundsNumber* points = get(Col::points);
            const FundsNumber* score = get(Col::score);
            if (!budget || !executed || !rate) return;
            for (auto& [col, num] : rd.at) {
              if (num.percent && col != Col::rate) return;
              if (col == Col::points &&
                  (num.value.scale > 0 || num.value.units < 1 || num.value.units > 100))
                return;
            }
            auto pct = rate_pct_of(*rate);
            if (!pct || !percent_fits(executed->value, budget->value, *pct)) return;
            if (score && points &&
                (compare(score->value, points->value) > 0 ||
                 !score_fits(points->value, *pct, score->value)))
              return;
            if (score && !points && compare(score->value, Decimal{100, 0}) > 0) return;
            rd.filled = static_cast<int>(rd.at.size());
            fits.push_back(std::move(rd));
            return;
          }
          for (std::size_t cc = c; cc < cols.size(); ++cc) {
            if (cols.size() - cc < numbers.size() - n) break;
            pick.push_back(cc);
            place(n + 1, cc + 1);
            pick.pop_back();
          }
        };
        place(0, 0);
      }
      if (fits.empty()) continue;  // fewer runs
      // The most figures placed; among equals, the readings must agree on budget, executed, rate.
      int best = 0;
      for (const auto& f : fits) best = std::max(best, f.filled);
      // Readings agree when they give the same budget (the one the rate is measured against),
      // executed and rate; among those, the one that names the budget 全年 (or 调整后) is kept.
      auto budget_of = [](const Reading& rd) -> std::optional<Decimal> {
        for (Col c : {Col::adjusted, Col::annual, Col::initial}) {
          if (auto it = rd.at.find(c); it != rd.at.end()) return it->second.value;
        }
        return std::nullopt;
      };
      auto value_of = [](const Reading& rd, Col c) -> std::optional<Decimal> {
        auto it = rd.at.find(c);
        return it == rd.at.end() ? std::nullopt : std::optional<Decimal>(it->second.value);
      };
      auto same = [](const std::optional<Decimal>& a, const std::optional<Decimal>& b) {
        return a.has_value() == b.has_value() && (!a || compare(*a, *b) == 0);
      };
      const Reading* chosen = nullptr;
      bool ambiguous = false;
      for (const auto& f : fits) {
        if (f.filled != best) continue;
        if (!chosen) {
          chosen = &f;
          continue;
        }
        if (!same(budget_of(*chosen), budget_of(f)) ||
            !same(value_of(*chosen, Col::executed), value_of(f, Col::executed)) ||
            !same(value_of(*chosen, Col::rate), value_of(f, Col::rate))) {
          ambiguous = true;
        } else if (!chosen->at.contains(Col::annual) && f.at.contains(Col::annual)) {
          chosen = &f;
        }
      }
      if (!chosen || ambiguous) break;
      auto amount = [&](const FundsNumber& n) {
        auto fen = parse_money(n.value.to_string(), MoneyUnit::wan);
        return fen ? std::optional<AmountFigure>(
                         AmountFigure{fen->fen(), n.text + "万元", r.pos(n.begin)})
                   : std::nullopt;
      };
      for (const auto& [col, num] : chosen->at) {
        switch (col) {
          case Col::initial:
            ex.budget_initial = amount(num);
            break;
          case Col::annual:
            ex.budget_annual = amount(num);
            break;
          case Col::adjusted:
            ex.budget_adjusted = amount(num);
            break;
          case Col::executed:
            ex.executed = amount(num);
            break;
          case Col::rate:
            ex.execution_rate_pct = Figure<Decimal>{*rate_pct_of(num), num.text, r.pos(num.begin)};
            break;
          case Col::points:
            ex.execution_points = num.value;
            break;
          case Col::score:
            ex.execution_score = num.value;
            break;
          default:
            break;
        }
      }
      return;
    }  // use
  }
}

bool is_text_cell(std::u32string_view c, std::size_t max_len) {
  return !c.empty() && c.size() <= max_len && !is_digit(c.front()) && !direction_of(c) &&
         !is_blank_value(c);
}

std::optional<Decimal> cell_decimal(std::u32string_view c) {
  auto n = cell_number(c);
  if (!n) return std::nullopt;
  return n->value;
}

void extract_score_rows(const Reader& r, Extracted& ex) {
  const auto& cells = r.cells();
  bool has_unit_col = false;
  for (const auto& c : cells)
    has_unit_col = has_unit_col || c.text == U"度量单位" || c.text == U"计量单位";
  std::size_t first_row = cells.size();
  std::size_t last_row_end = 0;
  std::vector<std::pair<std::size_t, std::size_t>> taken;  // cell ranges used by rows
  for (std::size_t i = 1; i + 3 < cells.size(); ++i) {
    auto dir = direction_of(cells[i].text);
    // The direction may share the target's cell: "≥95".
    std::optional<std::u32string> joined_target;
    if (!dir && cells[i].text.size() > 1 && direction_of(cells[i].text.substr(0, 1)) &&
        cell_number(std::u32string_view(cells[i].text).substr(1))) {
      dir = direction_of(cells[i].text.substr(0, 1));
      joined_target = cells[i].text.substr(1);
    }
    if (!dir) continue;
    ScoreRow row;
    row.direction = *dir;
    std::size_t n = i - 1;
    while (n > 0 && cells[n].text.empty()) --n;
    row.indicator = text::from_u32(cells[n].text);
    row.pos = cells[i].pos;
    row.target = text::from_u32(joined_target ? *joined_target : cells[i + 1].text);
    std::size_t j = joined_target ? i + 1 : i + 2;
    if (j < cells.size() && (is_text_cell(cells[j].text, 6) ||
                             (has_unit_col && cells[j].text.empty() && j + 3 < cells.size() &&
                              cell_number(cells[j + 1].text)))) {
      row.unit = text::from_u32(cells[j].text);
      ++j;
    }
    if (j + 1 >= cells.size()) continue;
    row.actual = text::from_u32(cells[j].text);
    row.points = cell_decimal(cells[j + 1].text);
    if (!row.points) continue;
    if (j + 2 < cells.size()) row.score = cell_decimal(cells[j + 2].text);
    first_row = std::min(first_row, i);
    last_row_end = j + 3;
    taken.emplace_back(n, j + 3);
    ex.rows.push_back(std::move(row));
  }
  if (ex.rows.empty()) return;
  // The total row ("总分 | 100 | 96 | 优").
  std::size_t total_at = cells.size();
  for (std::size_t i = last_row_end; i < cells.size(); ++i) {
    const auto& c = cells[i].text;
    if (c == U"总分" || c == U"合计" || c == U"总计" || c == U"合计得分") {
      total_at = i;
      break;
    }
  }
  // Qualitative rows between the first direction row and the total: name | target | actual | points
  // | score.
  for (std::size_t i = first_row; i + 4 < std::min(total_at, cells.size()); ++i) {
    bool inside = std::any_of(taken.begin(), taken.end(),
                              [&](auto range) { return i + 4 >= range.first && i < range.second; });
    if (inside) continue;
    if (!is_text_cell(cells[i].text, 40) || cells[i].text.size() < 2) continue;
    if (!is_text_cell(cells[i + 1].text, 6) || !is_text_cell(cells[i + 2].text, 6)) continue;
    auto points = cell_decimal(cells[i + 3].text);
    auto score = cell_decimal(cells[i + 4].text);
    if (!points || !score || compare(*points, Decimal{100, 0}) > 0) continue;
    ScoreRow row;
    row.indicator = text::from_u32(cells[i].text);
    row.direction = Direction::qualitative;
    row.target = text::from_u32(cells[i + 1].text);
    row.actual = text::from_u32(cells[i + 2].text);
    row.points = points;
    row.score = score;
    row.pos = cells[i].pos;
    taken.emplace_back(i, i + 5);
    ex.rows.push_back(std::move(row));
    i += 4;
  }
  std::sort(ex.rows.begin(), ex.rows.end(),
            [](const ScoreRow& a, const ScoreRow& b) { return a.pos.line < b.pos.line; });
  if (total_at == cells.size()) return;
  std::size_t k = total_at + 1;
  if (k < cells.size()) {
    if (auto p = cell_decimal(cells[k].text)) {
      ex.table_total_points = Figure<Decimal>{*p, text::from_u32(cells[k].text), cells[k].pos};
      ++k;
    }
  }
  if (k < cells.size()) {
    if (auto s = cell_decimal(cells[k].text)) {
      ex.table_total_score = Figure<Decimal>{*s, text::from_u32(cells[k].text), cells[k].pos};
      ++k;
    }
  }
  if (ex.table_total_score && k < cells.size() && !ex.grade) {
    if (auto g = grade_at(cells[k].text, 0); g && g->second == cells[k].text.size()) {
      ex.grade =
          Figure<std::string>{std::string(g->first), text::from_u32(cells[k].text), cells[k].pos};
    }
  }
}

// A bare number cell: "10", "8.5", "8分"; nullopt for amounts, rates and text.
std::optional<Decimal> bare_number(std::u32string_view c) {
  auto n = cell_number(c);
  if (!n) {
    if (c.ends_with(U"分") && c.size() > 1) n = cell_number(c.substr(0, c.size() - 1));
    if (!n) return std::nullopt;
  }
  if (n->unit != NumUnit::none && n->unit != NumUnit::points) return std::nullopt;
  return n->value;
}

// The score table without a direction column (部门整体支出绩效自评表: 一级 / 二级 / 三级指标, 分值,
// 自评得分, 扣分原因), in any flattening: after a header with 分值 and 得分 (and 指标), a row is
// a name followed by its points and its score; the table ends at 合计 / 总分 with the totals.
// The reading is kept only when the arithmetic agrees: every score ≤ its points and, when the
// total row gives them, the points adding up to the total points.
void extract_points_table(const Reader& r, Extracted& ex) {
  const auto& items = r.items();
  auto has = [](std::u32string_view s, std::u32string_view w) {
    return s.find(w) != std::u32string_view::npos;
  };
  for (std::size_t h = 0; h < items.size(); ++h) {
    const auto& t = items[h].text;
    if (!(t == U"分值" || t == U"权重" || t == U"标准分" || t == U"指标分值")) continue;
    // A score column after 分值 — or anywhere in the table: text extraction may move header cells
    // to the end of the page.
    bool score_col = false, indicator_col = false;
    for (std::size_t k = h + 1; k < std::min(items.size(), h + 400); ++k) {
      score_col = score_col || (has(items[k].text, U"得分") && items[k].text.size() <= 6);
    }
    for (std::size_t k = h >= 6 ? h - 6 : 0; k < h; ++k)
      indicator_col = indicator_col || has(items[k].text, U"指标");
    if (!score_col || !indicator_col) continue;

    std::vector<ScoreRow> rows;
    std::optional<Decimal> pending;
    std::u32string name;
    std::optional<Figure<Decimal>> total_points, total_score;
    std::optional<Figure<std::string>> grade;
    bool last_was_number = false;
    std::u32string previous;
    std::size_t k = h + 1;
    while (k < items.size() && (has(items[k].text, U"得分") || has(items[k].text, U"原因") ||
                                has(items[k].text, U"说明")))
      ++k;
    for (; k < items.size(); ++k) {
      const auto& c = items[k].text;
      if (c.starts_with(U"合计") || c.starts_with(U"总分") || c.starts_with(U"总计") ||
          c == U"合 计") {
        std::vector<const Cell*> nums;
        std::size_t after = 0;
        for (std::size_t j = k + 1; j < std::min(items.size(), k + 5); ++j)
          after += bare_number(items[j].text).has_value();
        if (after < 2) {  // a label moved away from its figures (text extraction): keep reading
          pending.reset();
          continue;
        }
        for (std::size_t j = k + 1; j < std::min(items.size(), k + 5) && nums.size() < 2; ++j) {
          if (bare_number(items[j].text))
            nums.push_back(&items[j]);
          else if (auto g = grade_at(items[j].text, items[j].text.starts_with(U"等级:") ? 3 : 0)) {
            grade = Figure<std::string>{std::string(g->first), text::from_u32(items[j].text),
                                        items[j].pos};
          }
        }
        if (nums.size() == 2) {
          total_points = Figure<Decimal>{*bare_number(nums[0]->text), text::from_u32(nums[0]->text),
                                         nums[0]->pos};
          total_score = Figure<Decimal>{*bare_number(nums[1]->text), text::from_u32(nums[1]->text),
                                        nums[1]->pos};
          for (std::size_t j = k + 1; j < std::min(items.size(), k + 6) && !grade; ++j) {
            const auto& g_text = items[j].text;
            std::size_t at = g_text.find(U"等级:");
            if (at != std::u32string::npos) {
              if (auto g = grade_at(g_text, at + 3))
                grade = Figure<std::string>{std::string(g->first), text::from_u32(g_text),
                                            items[j].pos};
            }
          }
        }
        break;
      }
      if (auto n = bare_number(c)) {
        last_was_number = true;
        if (!pending) {
          pending = n;
          continue;
        }
        ScoreRow row;
        row.indicator = text::from_u32(name);
        row.points = pending;
        row.score = n;
        row.pos = items[k].pos;
        rows.push_back(std::move(row));
        pending.reset();
        continue;
      }
      if (pending && c == U"未评定") {
        ScoreRow row;
        row.indicator = text::from_u32(name);
        row.points = pending;
        row.pos = items[k].pos;
        rows.push_back(std::move(row));
        pending.reset();
        continue;
      }
      pending.reset();
      // Header words repeated on a new page are not names.
      if (c == U"分值" || has(c, U"得分") || has(c, U"扣分原因") || c.ends_with(U"指标")) continue;
      // The name is the last text before the figures; a name wrapped over lines arrives in
      // pieces ("资金使用合规", "性"), so a piece of one or two characters joins the one before.
      // A reason ends with "。" and is never a name.
      if (c.ends_with(U"。") || last_was_number) {
        name.clear();
        previous.clear();
      }
      if (!c.ends_with(U"。")) {
        name = c.size() <= 2 && !previous.empty() ? previous + c : c;
        previous = c;
      }
      if (name.size() > 40) name = name.substr(name.size() - 40);
      last_was_number = false;
    }
    // A last pair whose points are the sum of all the others' is the total row without its label.
    if (!total_points && rows.size() >= 3) {
      std::optional<Decimal> sum = Decimal{0, 0};
      for (std::size_t j = 0; sum && j + 1 < rows.size(); ++j) sum = add(*sum, *rows[j].points);
      if (sum && compare(*sum, *rows.back().points) == 0 && rows.back().score) {
        total_points =
            Figure<Decimal>{*rows.back().points, rows.back().points->to_string(), rows.back().pos};
        total_score =
            Figure<Decimal>{*rows.back().score, rows.back().score->to_string(), rows.back().pos};
        rows.pop_back();
      }
    }
    if (rows.size() < 2) continue;
    std::optional<Decimal> sum = Decimal{0, 0};
    bool ok = true;
    for (const auto& row : rows) {
      if (row.score && compare(*row.score, *row.points) > 0) ok = false;
      if (!(sum = add(*sum, *row.points))) {  // past long long: no points table
        ok = false;
        break;
      }
    }
    if (ok && total_points && compare(*sum, total_points->value) != 0) ok = false;
    if (!ok) continue;
    ex.rows = std::move(rows);
    if (total_points) ex.table_total_points = total_points;
    if (total_score) ex.table_total_score = total_score;
    if (grade && !ex.grade) ex.grade = grade;
    return;
  }
}

// The form's total and grade as cells: "总分(100分) | 96", "总分 | 100 | 95 | 优", "自评总分: 95",
// "总分100100" run together (100 points, then the score), "自评等级 | 优". A lone figure after a
// plain "总分" may be its points rather than its score, so it is not taken.
void extract_total_cells(const Reader& r, Extracted& ex) {
  const auto& items = r.items();
  auto score_of = [](std::u32string_view c) -> std::optional<Decimal> {
    auto n = bare_number(c);
    if (!n || compare(*n, Decimal{100, 0}) > 0 || n->units < 0) return std::nullopt;
    return n;
  };
  for (std::size_t i = 0; i < items.size() && !ex.self_score; ++i) {
    std::u32string_view c = items[i].text;
    // "…项目主管单位自评总分:" ending an item whose figure follows: the label is its tail.
    for (std::u32string_view tail : {U"自评总分:", U"自评得分:"}) {
      if (c.size() > tail.size() && c.ends_with(tail)) c = c.substr(c.size() - tail.size());
    }
    bool label = c.starts_with(U"总分") || c.starts_with(U"自评总分") || c.starts_with(U"自评得分");
    if (!label || c.size() > 12) continue;
    std::size_t colon = c.find(U':');
    // "自评总分:95" in one cell.
    if (colon != std::u32string_view::npos) {
      if (auto n = score_of(c.substr(colon + 1))) {
        ex.self_score = Figure<Decimal>{*n, text::from_u32(c), items[i].pos};
        break;
      }
      if (colon + 1 < c.size()) continue;
    }
    bool points_in_label = c.find(U"分)") != std::u32string_view::npos;
    // "总分100100": the points and the score run together.
    if (c.size() > 2 && is_digit(c[2]) && c.starts_with(U"总分")) {
      std::u32string_view digits = c.substr(2);
      if (digits.starts_with(U"100") && digits.size() > 3) {
        if (auto n = score_of(digits.substr(3))) {
          ex.self_score = Figure<Decimal>{*n, text::from_u32(c), items[i].pos};
          if (!ex.table_total_points)
            ex.table_total_points =
                Figure<Decimal>{Decimal{100, 0}, text::from_u32(c), items[i].pos};
        }
      }
      continue;
    }
    std::vector<Decimal> nums;
    std::size_t last = i;
    for (std::size_t j = i + 1; j < items.size() && j <= i + 3 && nums.size() < 2; ++j) {
      auto n = score_of(items[j].text);
      if (!n) break;
      nums.push_back(*n);
      last = j;
    }
    std::optional<Decimal> score;
    bool value_follows = c.ends_with(U":") && !c.starts_with(U"总分");  // "自评总分: 95"
    if ((points_in_label || value_follows) && !nums.empty())
      score = nums[0];
    else if (nums.size() == 2 && compare(nums[0], Decimal{100, 0}) == 0)
      score = nums[1];
    if (!score) continue;
    if (nums.size() == 2 && !ex.table_total_points)
      ex.table_total_points =
          Figure<Decimal>{nums[0], text::from_u32(items[i + 1].text), items[i + 1].pos};
    ex.self_score = Figure<Decimal>{*score, text::from_u32(items[last].text), items[last].pos};
  }
  // "总分100100" inside running text (the form run together): 100 points, then the score.
  if (!ex.self_score) {
    const auto& s = r.flow().text;
    std::size_t at = 0;
    while ((at = s.find(U"总分100", at)) != std::u32string::npos) {
      std::size_t b = at + 5, e = b;
      while (e < s.size() && (is_digit(s[e]) || s[e] == U'.')) ++e;
      if (e > b && e - b <= 6) {
        if (auto n = score_of(std::u32string_view(s).substr(b, e - b))) {
          ex.self_score = Figure<Decimal>{*n, r.slice(at, e), r.pos(at)};
          if (!ex.table_total_points)
            ex.table_total_points = Figure<Decimal>{Decimal{100, 0}, r.slice(at, b), r.pos(at)};
          break;
        }
      }
      at = b;
    }
  }
  if (ex.grade) return;
  for (std::size_t i = 0; i + 1 < items.size(); ++i) {
    std::u32string_view c = items[i].text;
    if (c.size() > 6 || c.find(U"等级") == std::u32string_view::npos) continue;
    std::u32string_view next = items[i + 1].text;
    if (auto g = grade_at(next, 0); g && g->second == next.size()) {
      ex.grade = Figure<std::string>{std::string(g->first), text::from_u32(next), items[i + 1].pos};
      return;
    }
  }
}

}  // namespace

// The 项目支出绩效自评表's indicator table when PDF/XLSX-to-text conversion has interleaved its
// columns: the names (一级 / 二级 / 三级指标, 偏差原因) scattered between the figures, but the
// figures of each row still in order — 年度指标值, 实际完成值, 分值, 得分 — and the table ending
// with the 总分 pair (points, score): "… 100% 100% 15 15 … 95% 95% 30 27 95% 95% 10 9 100 94 …".
// After a header naming 指标值/完成值, 分值 and 得分, the figures are read as such rows (target and
// actual in the same unit, points a whole number up to 100, score at most its points) followed
// by a pair whose points are the rows' points plus the funds block's: only a reading where that
// arithmetic closes is kept. Names are not recoverable, so rows are named by their place.
void extract_interleaved_rows(const Reader& r, Extracted& ex) {
  if (!ex.rows.empty() || ex.table_total_score) return;
  const auto& s = r.flow().text;
  std::size_t header = s.find(U"完成值");
  if (header == std::u32string::npos) header = s.find(U"指标值");
  if (header == std::u32string::npos) return;
  if (s.find(U"分值", header > 40 ? header - 40 : 0) == std::u32string::npos ||
      s.find(U"得分", header > 40 ? header - 40 : 0) == std::u32string::npos)
    return;
  // The figures after the header; a number that labels what follows ("指标1:", "1、") is not one.
  std::vector<const NumToken*> figs;
  for (const auto& t : r.tokens()) {
    if (t.begin < header) continue;
    char32_t next = t.after < s.size() ? s[t.after] : U' ';
    if (next == U':' || next == U'、' || t.unit_text == U"年" || t.unit_text == U"月" ||
        t.unit_text == U"日")
      continue;
    figs.push_back(&t);
    if (figs.size() >= 400) break;
  }
  auto whole_points = [](const NumToken& t) {
    return (t.unit == NumUnit::none || t.unit == NumUnit::points) && t.value.scale == 0 &&
           t.value.units >= 1 && t.value.units <= 100;
  };
  // Target and actual in the same unit; a plain number stays plain when a header word starting
  // with 分 follows it ("8755分值": the 分 is 分值's).
  auto plain = [](const NumToken& t) {
    return t.unit == NumUnit::none || t.unit == NumUnit::points;
  };
  auto same_kind = [&](const NumToken& a, const NumToken& b) {
    return (plain(a) && plain(b)) || (a.unit == b.unit && a.unit_text == b.unit_text);
  };
  const Decimal funds_points =
      ex.execution_points && ex.execution_score ? *ex.execution_points : Decimal{0, 0};
  for (std::size_t start = 0; start + 14 <= figs.size() && start < 60; ++start) {
    std::vector<ScoreRow> rows;
    Decimal points_sum = funds_points;
    std::size_t i = start;
    while (i + 2 <= figs.size()) {
      // The 总分 pair closes the table when its points are the sum so far.
      if (rows.size() >= 3 && whole_points(*figs[i]) && plain(*figs[i + 1]) &&
          compare(figs[i]->value, points_sum) == 0 &&
          compare(figs[i + 1]->value, figs[i]->value) <= 0) {
        ex.rows = std::move(rows);
        ex.table_total_points = Figure<Decimal>{
            figs[i]->value, r.slice(figs[i]->begin, figs[i]->after), r.pos(figs[i]->begin)};
        ex.table_total_score =
            Figure<Decimal>{figs[i + 1]->value, r.slice(figs[i + 1]->begin, figs[i + 1]->after),
                            r.pos(figs[i + 1]->begin)};
        return;
      }
      if (i + 4 > figs.size()) break;
      const NumToken& t = *figs[i];
      const NumToken& a = *figs[i + 1];
      const NumToken& p = *figs[i + 2];
      const NumToken& sc = *figs[i + 3];
      if (!same_kind(t, a) || !whole_points(p) || !plain(sc) || compare(sc.value, p.value) > 0 ||
          sc.value.units < 0)
        break;
      ScoreRow row;
      row.indicator = "第" + std::to_string(rows.size() + 1) + "项指标";
      row.direction = Direction::qualitative;  // the direction column is lost: met only when actual
                                               // = target as written
      row.target = r.slice(t.begin, t.after);
      row.actual = r.slice(a.begin, a.after);
      row.points = p.value;
      row.score = sc.value;
      row.pos = r.pos(t.begin);
      rows.push_back(std::move(row));
      // At the running sum's scale (the funds block's may be "10.00").
      auto next = add(points_sum, p.value);
      if (!next) break;
      points_sum = *next;
      i += 4;
    }
  }
}

Extracted extract(const Reader& r, std::vector<Finding>& findings) {
  Extracted ex;
  extract_unit_name(r, ex);
  extract_year_and_kind(r, ex);
  extract_funds_table(r, ex, findings);
  extract_funds_run(r, ex);
  extract_score_rows(r, ex);
  if (ex.rows.empty()) extract_points_table(r, ex);
  extract_interleaved_rows(r, ex);
  extract_narrative(r, ex);
  if (!ex.self_score && ex.table_total_score) ex.self_score = ex.table_total_score;
  if (!ex.self_score || !ex.grade) extract_total_cells(r, ex);
  extract_counts(r, ex);
  return ex;
}

}  // namespace jixiao::checker
