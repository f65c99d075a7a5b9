// checker/extract.cpp — the figures of a report: narrative phrases and the score-table cells.
#include "checker/extract.hpp"

#include <algorithm>
#include <tuple>

namespace jixiao::checker {

// ---- Decimal ------------------------------------------------------------------------------

std::string Decimal::to_string() const {
  std::string digits = std::to_string(units < 0 ? -units : units);
  if (scale > 0) {
    if (digits.size() <= static_cast<std::size_t>(scale)) digits.insert(0, static_cast<std::size_t>(scale) + 1 - digits.size(), '0');
    digits.insert(digits.size() - static_cast<std::size_t>(scale), ".");
  }
  return units < 0 ? "-" + digits : digits;
}

std::optional<Decimal> Decimal::parse(std::string_view text) {
  Decimal d;
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  if (text.empty()) return std::nullopt;
  bool dot = false;
  int digits = 0;
  for (char c : text) {
    if (c == ',') {
      if (dot) return std::nullopt;
      continue;
    }
    if (c == '.') {
      if (dot) return std::nullopt;
      dot = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (++digits > 18) return std::nullopt;
    d.units = d.units * 10 + (c - '0');
    if (dot) ++d.scale;
  }
  if (digits == 0) return std::nullopt;
  if (negative) d.units = -d.units;
  return d;
}

int compare(const Decimal& a, const Decimal& b) {
  __int128 x = a.units;
  __int128 y = b.units;
  for (int s = a.scale; s < b.scale; ++s) x *= 10;
  for (int s = b.scale; s < a.scale; ++s) y *= 10;
  return x < y ? -1 : (x > y ? 1 : 0);
}

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
std::string_view to_string(Severity severity) { return severity == Severity::error ? "error" : "warning"; }
std::string_view to_string(SourceFormat format) {
  switch (format) {
    case SourceFormat::pdf: return "pdf";
    case SourceFormat::docx: return "docx";
    default: return "text";
  }
}

const AmountFigure* Extracted::budget() const {
  if (budget_adjusted) return &*budget_adjusted;
  if (budget_annual) return &*budget_annual;
  if (budget_initial) return &*budget_initial;
  return nullptr;
}

// ---- narrative phrases --------------------------------------------------------------------

namespace {

bool is_filler(char32_t c) {
  static constexpr std::u32string_view k_filler = U"为是:共计合约达到了总额数 ,、()（）人民币";
  return k_filler.find(c) != std::u32string_view::npos;
}

bool is_money(NumUnit u) { return u == NumUnit::wan || u == NumUnit::yuan || u == NumUnit::yi || u == NumUnit::qian; }

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

Reader::Reader(const SourceText& source) : m_flow(build_flow(source)), m_cells(build_cells(source)) {
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
  auto is_break = [](char32_t c) { return c == U'。' || c == U'\n' || c == U';' || c == U'!' || c == U'?'; };
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
  return to_utf8(std::u32string_view(m_flow.text).substr(begin, end - begin));
}

namespace {

bool accept_money(const NumToken& t) { return is_money(t.unit); }
bool accept_percent(const NumToken& t) { return t.unit == NumUnit::percent; }
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
    {U"优秀", "优"}, {U"良好", "良"}, {U"中等", "中"}, {U"较差", "差"}, {U"不合格", "不合格"},
    {U"合格", "合格"}, {U"优", "优"}, {U"良", "良"}, {U"中", "中"}, {U"差", "差"},
};

// The grade word at `i`, if one stands there on its own ("优" but not "优化").
std::optional<std::pair<std::string_view, std::size_t>> grade_at(std::u32string_view s, std::size_t i) {
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
  for (std::u32string_view kw : {U"单位名称:", U"实施单位:", U"部门名称:", U"填报单位:", U"部门:", U"单位:"}) {
    std::size_t at = s.find(kw);
    while (at != std::u32string::npos && (preceded_by(s, at, U"主管") || preceded_by(s, at, U"实施"))) at = s.find(kw, at + 1);
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
        ex.unit_name = Figure<std::string>{to_utf8(next), to_utf8(next), cells[i + 1].pos};
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
      for (std::u32string_view end_kw : {U"部门整体支出", U"整体支出", U"项目支出", U"财政", U"项目", U"绩效自评", U"预算", U"衔接", U"专项", U"资金", U"乡村振兴"}) {
        bool office = end_kw == U"财政" && e + 2 < s.size() &&
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
  static constexpr std::u32string_view k_suffixes[] = {U"委员会办公室", U"局", U"委员会", U"办公室", U"中学",
                                                       U"小学", U"学校", U"医院", U"中心", U"人民政府"};
  static constexpr std::u32string_view k_places = U"省市县区州盟旗";
  std::size_t best_end = std::u32string::npos;
  for (auto suffix : k_suffixes) {
    std::size_t at = s.find(suffix);
    if (at != std::u32string::npos && (best_end == std::u32string::npos || at + suffix.size() < best_end)) {
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
    if (t.unit_text != U"年" || t.value.scale != 0 || t.value.units < 2000 || t.value.units > 2099) continue;
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
    if (text.find(U"部门整体") != std::u32string_view::npos || text.find(U"整体支出") != std::u32string_view::npos) {
      return DocKind::department_overall;
    }
    if (text.find(U"项目") != std::u32string_view::npos || text.find(U"专项资金") != std::u32string_view::npos) {
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
      {U"全年执行数", U"预算执行数", U"执行数", U"执行金额", U"实际支出", U"实际支付", U"已支出", U"累计支出",
       U"完成拨付", U"已拨付", U"实际使用", U"实际执行", U"决算数", U"支出数"},
      {}, accept_money);
  std::size_t from = 0;
  std::size_t to = 0;
  std::size_t rate_from = 0;
  if (executed_hit) {
    std::tie(from, to) = r.sentence_at(executed_hit->keyword_at);
    rate_from = executed_hit->keyword_at;
  }
  // Window first (when there is one), then the whole text.
  auto find = [&](std::initializer_list<std::u32string_view> kws, std::initializer_list<std::u32string_view> not_after,
                  bool (*accept)(const NumToken&), std::size_t wfrom, std::size_t wto) {
    std::optional<Reader::Hit> hit;
    if (wto > wfrom) hit = r.find_after(kws, not_after, accept, wfrom, wto);
    if (!hit) hit = r.find_after(kws, not_after, accept);
    return hit;
  };
  if (!ex.executed) ex.executed = amount_figure(r, executed_hit);
  if (!ex.budget_adjusted) {
    ex.budget_adjusted = amount_figure(
        r, find({U"调整后预算数", U"调整后预算", U"调整后的预算", U"调整预算数"}, {U"采购", U"三公经费"}, accept_money, from, to));
  }
  if (!ex.budget_initial) {
    ex.budget_initial = amount_figure(r, find({U"年初预算数", U"年初预算"}, {U"采购", U"三公经费"}, accept_money, from, to));
  }
  if (!ex.budget_annual) {
    ex.budget_annual = amount_figure(
        r, find({U"全年预算数", U"全年预算", U"预算总额", U"总预算", U"年度预算数", U"年度预算", U"预算数", U"计划投资",
                 U"总投资", U"资金总额", U"项目资金共", U"资金共计", U"预算安排", U"安排资金", U"下达资金"},
                {U"年初", U"调整后", U"执行", U"采购", U"三公经费"}, accept_money, from, to));
  }
  if (!ex.execution_rate_pct) {
    ex.execution_rate_pct = decimal_figure(
        r, find({U"预算执行率", U"资金执行率", U"执行率", U"完成预算的", U"预算完成率", U"支出进度", U"资金支付率",
                 U"支付率"},
                {U"采购", U"三公经费"}, accept_percent, rate_from, to));
  }
  if (!ex.unspent) {
    ex.unspent = amount_figure(r, find({U"结转结余", U"结余资金", U"结余", U"未支出", U"剩余资金"}, {}, accept_money, from, to));
  }
  ex.heading_execution_points = decimal_figure(r, r.find_after({U"预算执行情况(", U"预算执行率("}, {}, accept_points, 0, std::u32string::npos, 0));
  ex.heading_indicator_points = decimal_figure(r, r.find_after({U"绩效指标("}, {}, accept_points, 0, std::u32string::npos, 0));
  if (!ex.self_score) {
    ex.self_score = decimal_figure(
        r, r.find_after({U"自评得分", U"自评总分", U"自评分", U"综合得分", U"总得分", U"评价得分", U"自评为",
                         U"自评结果为", U"最终得分", U"得分为", U"评分为", U"自评分数", U"综合评分", U"评价总分"},
                        {}, accept_points));
  }
  if (!ex.grade) {
    const auto& s = r.flow().text;
    for (std::u32string_view kw : {U"等级为", U"等级:", U"等级是", U"评价等级", U"自评等级", U"评定为",
                                   U"评价结果为", U"自评结果为", U"结论为", U"等次为", U"定级为", U"自评为"}) {
      std::size_t at = 0;
      while ((at = s.find(kw, at)) != std::u32string::npos) {
        std::size_t i = at + kw.size();
        std::size_t gap = 0;
        while (i < s.size() && gap < 4 && (s[i] == U':' || s[i] == U'为' || s[i] == U'“' || s[i] == U'"' || s[i] == U' ' || s[i] == U'是')) {
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
    if (t.unit_text == U"年" || t.unit_text == U"月" || t.unit_text == U"日" || t.unit_text == U"号") continue;
    if (t.begin > 0 && s[t.begin - 1] == U'第') continue;
    std::size_t b = t.begin;
    while (b > 0 && t.begin - b < 12 && is_han(s[b - 1])) --b;
    if (b == t.begin) continue;
    ex.counts.push_back({r.slice(b, t.begin), t.value.units, to_utf8(t.unit_text), r.pos(t.begin)});
    if (ex.counts.size() >= 500) break;
  }
}

// ---- tables -------------------------------------------------------------------------------

enum class Col { initial, annual, adjusted, executed, rate, points, score, other };

bool contains(std::u32string_view s, std::u32string_view what) { return s.find(what) != std::u32string_view::npos; }

Col classify_header(std::u32string_view c) {
  if (contains(c, U"万元") || contains(c, U"(元)") || c.size() > 12) return Col::other;
  if (contains(c, U"年初预算")) return Col::initial;
  if (contains(c, U"调整后预算") || contains(c, U"调整预算")) return Col::adjusted;
  if (contains(c, U"全年预算") || c == U"预算数") return Col::annual;
  if (contains(c, U"执行数") || contains(c, U"实际支出") || contains(c, U"执行金额")) return Col::executed;
  if (contains(c, U"执行率")) return Col::rate;
  if (c == U"分值" || c == U"权重") return Col::points;
  if (c == U"得分") return Col::score;
  return Col::other;
}

bool is_money_col(Col c) { return c == Col::initial || c == Col::annual || c == Col::adjusted || c == Col::executed; }

bool is_blank_value(std::u32string_view c) { return c.empty() || c == U"—" || c == U"/" || c == U"-" || c == U"——"; }

std::optional<Direction> direction_of(std::u32string_view c) {
  if (c == U"≥" || c == U">") return Direction::ge;
  if (c == U"≤" || c == U"<") return Direction::le;
  if (c == U"=") return Direction::eq;
  return std::nullopt;
}

std::string_view column_name(Col c) {
  switch (c) {
    case Col::initial: return "年初预算数";
    case Col::annual: return "全年预算数";
    case Col::adjusted: return "调整后预算数";
    case Col::executed: return "执行数";
    default: return "";
  }
}

// The rows after the total ("其中:财政资金 | … | 财政专户管理资金 | … | 单位资金 | …"): per amount
// column, the sources add up to the total.
template <class Value>
void check_funding_sources(const std::vector<Cell>& cells, std::size_t i, const std::vector<Col>& cols,
                           const std::vector<Value>& total, NumUnit unit, std::vector<Finding>& findings) {
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
      if (!fen) return;
      sums[c] += *fen;
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
    f.message = std::string(column_name(cols[c])) + "总额 " + format_wan_exact(*total_fen) + "万元，但各资金来源之和为 " +
                format_wan_exact(sums[c]) + "万元";
    f.pos = total[c].cell->pos;
    f.numbers = {{"total_wan", format_wan_exact(*total_fen)}, {"parts_sum_wan", format_wan_exact(sums[c])}};
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
    if (contains(c, U"万元")) { unit = NumUnit::wan; break; }
    if (contains(c, U"(元)") || contains(c, U"单位:元") || c.ends_with(U"元)")) { unit = NumUnit::yuan; break; }
  }
  std::vector<Col> cols;
  std::size_t i = h;
  int others = 0;
  for (; i < cells.size(); ++i) {
    if (cell_number(cells[i].text)) break;
    Col c = classify_header(cells[i].text);
    if (c == Col::other) {
      if (++others > 3) return;
      continue;
    }
    cols.push_back(c);
  }
  if (i == cells.size() || cols.empty()) return;
  // A table of several lines ends with its total ("合计 | 3471.00 | 3403.40 | …"): read that row.
  for (std::size_t k = i; k < cells.size() && k < i + 400; ++k) {
    if (direction_of(cells[k].text)) break;  // the indicator rows have begun
    const auto& c = cells[k].text;
    if ((c == U"合计" || c == U"总计" || c == U"总额" || c == U"合 计") && k + 1 < cells.size() && cell_number(cells[k + 1].text)) {
      i = k + 1;
      break;
    }
  }
  struct Value {
    std::optional<NumToken> num;
    const Cell* cell;
  };
  std::vector<Value> values;
  for (; i < cells.size() && values.size() < cols.size(); ++i) {
    auto num = cell_number(cells[i].text);
    if (!num && !is_blank_value(cells[i].text)) break;
    values.push_back({num, &cells[i]});
  }
  auto set_amount = [&](Col c, const Value& v) {
    if (!v.num) return;
    auto fen = token_fen(*v.num, unit);
    if (!fen) return;
    AmountFigure f{*fen, to_utf8(v.cell->text) + (v.num->unit == NumUnit::none ? (unit == NumUnit::wan ? "万元" : "元") : ""), v.cell->pos};
    switch (c) {
      case Col::initial: ex.budget_initial = f; break;
      case Col::annual: ex.budget_annual = f; break;
      case Col::adjusted: ex.budget_adjusted = f; break;
      case Col::executed: ex.executed = f; break;
      default: break;
    }
  };
  auto set_other = [&](Col c, const Value& v) {
    if (!v.num) return;
    switch (c) {
      case Col::rate:
        if (v.num->unit == NumUnit::percent) ex.execution_rate_pct = Figure<Decimal>{v.num->value, to_utf8(v.cell->text), v.cell->pos};
        break;
      case Col::points: ex.execution_points = v.num->value; break;
      case Col::score: ex.execution_score = v.num->value; break;
      default: break;
    }
  };
  if (values.size() == cols.size()) {
    for (std::size_t k = 0; k < cols.size(); ++k) {
      if (is_money_col(cols[k])) set_amount(cols[k], values[k]);
      else set_other(cols[k], values[k]);
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
    if (is_money_col(c)) money_cols.push_back(c);
    else if (c == Col::rate) after_rate = true;
    else if (c == Col::points || c == Col::score) (after_rate ? small_after : small_before).push_back(c);
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
    bool small = v.num->value.scale == 0 && v.num->value.units <= 100 && !(small_before.empty() && small_after.empty());
    if (rate_val) small_a.push_back(&v);
    else if (small) small_b.push_back(&v);
    else money_vals.push_back(&v);
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
    if (std::find(money_cols.begin(), money_cols.end(), Col::executed) != money_cols.end() && money_vals.size() >= 2) {
      set_amount(Col::executed, *money_vals.back());
    }
    Finding f;
    f.severity = Severity::warning;
    f.kind = "missing_cell";
    f.message = "资金表有 " + std::to_string(money_cols.size()) + " 个金额栏（年初预算数、全年预算数、执行数等），只填了 " +
                std::to_string(money_vals.size()) + " 个金额，无法确定哪一栏为空";
    f.pos = money_vals.front()->cell->pos;
    f.numbers = {{"columns", std::to_string(money_cols.size())}, {"amounts", std::to_string(money_vals.size())}};
    findings.push_back(std::move(f));
  }
  if (rate_val) set_other(Col::rate, *rate_val);
  for (std::size_t k = 0; k < std::min(small_before.size(), small_b.size()); ++k) set_other(small_before[k], *small_b[k]);
  for (std::size_t k = 0; k < std::min(small_after.size(), small_a.size()); ++k) set_other(small_after[k], *small_a[k]);
}


bool is_text_cell(std::u32string_view c, std::size_t max_len) {
  return !c.empty() && c.size() <= max_len && !is_digit(c.front()) && !direction_of(c) && !is_blank_value(c);
}

std::optional<Decimal> cell_decimal(std::u32string_view c) {
  auto n = cell_number(c);
  if (!n) return std::nullopt;
  return n->value;
}

void extract_score_rows(const Reader& r, Extracted& ex) {
  const auto& cells = r.cells();
  bool has_unit_col = false;
  for (const auto& c : cells) has_unit_col = has_unit_col || c.text == U"度量单位" || c.text == U"计量单位";
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
    row.indicator = to_utf8(cells[n].text);
    row.pos = cells[i].pos;
    row.target = to_utf8(joined_target ? *joined_target : cells[i + 1].text);
    std::size_t j = joined_target ? i + 1 : i + 2;
    if (j < cells.size() && (is_text_cell(cells[j].text, 6) || (has_unit_col && cells[j].text.empty() && j + 3 < cells.size() && cell_number(cells[j + 1].text)))) {
      row.unit = to_utf8(cells[j].text);
      ++j;
    }
    if (j + 1 >= cells.size()) continue;
    row.actual = to_utf8(cells[j].text);
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
  // Qualitative rows between the first direction row and the total: name | target | actual | points | score.
  for (std::size_t i = first_row; i + 4 < std::min(total_at, cells.size()); ++i) {
    bool inside = std::any_of(taken.begin(), taken.end(), [&](auto range) { return i + 4 >= range.first && i < range.second; });
    if (inside) continue;
    if (!is_text_cell(cells[i].text, 40) || cells[i].text.size() < 2) continue;
    if (!is_text_cell(cells[i + 1].text, 6) || !is_text_cell(cells[i + 2].text, 6)) continue;
    auto points = cell_decimal(cells[i + 3].text);
    auto score = cell_decimal(cells[i + 4].text);
    if (!points || !score || compare(*points, Decimal{100, 0}) > 0) continue;
    ScoreRow row;
    row.indicator = to_utf8(cells[i].text);
    row.direction = Direction::qualitative;
    row.target = to_utf8(cells[i + 1].text);
    row.actual = to_utf8(cells[i + 2].text);
    row.points = points;
    row.score = score;
    row.pos = cells[i].pos;
    taken.emplace_back(i, i + 5);
    ex.rows.push_back(std::move(row));
    i += 4;
  }
  std::sort(ex.rows.begin(), ex.rows.end(), [](const ScoreRow& a, const ScoreRow& b) { return a.pos.line < b.pos.line; });
  if (total_at == cells.size()) return;
  std::size_t k = total_at + 1;
  if (k < cells.size()) {
    if (auto p = cell_decimal(cells[k].text)) {
      ex.table_total_points = Figure<Decimal>{*p, to_utf8(cells[k].text), cells[k].pos};
      ++k;
    }
  }
  if (k < cells.size()) {
    if (auto s = cell_decimal(cells[k].text)) {
      ex.table_total_score = Figure<Decimal>{*s, to_utf8(cells[k].text), cells[k].pos};
      ++k;
    }
  }
  if (ex.table_total_score && k < cells.size() && !ex.grade) {
    if (auto g = grade_at(cells[k].text, 0); g && g->second == cells[k].text.size()) {
      ex.grade = Figure<std::string>{std::string(g->first), to_utf8(cells[k].text), cells[k].pos};
    }
  }
}

}  // namespace

Extracted extract(const Reader& r, std::vector<Finding>& findings) {
  Extracted ex;
  extract_unit_name(r, ex);
  extract_year_and_kind(r, ex);
  extract_funds_table(r, ex, findings);
  extract_score_rows(r, ex);
  extract_narrative(r, ex);
  if (!ex.self_score && ex.table_total_score) ex.self_score = ex.table_total_score;
  extract_counts(r, ex);
  return ex;
}

}  // namespace jixiao::checker
