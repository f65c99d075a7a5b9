// checker/text_flow.cpp — normalising extracted report text into a flow and cells.
#include "checker/text_flow.hpp"

#include "core/money.hpp"
#include "core/text.hpp"

namespace jixiao::checker {

namespace {

bool is_ascii_letter(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }
bool is_space(char32_t c) { return c == U' '; }
bool is_dash(char32_t c) { return c == U'-' || c == U'—' || c == U'–' || c == U'一' || c == U'─'; }

char32_t map_char(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;  // full-width ASCII
  switch (c) {
    case 0x3000: case U'\t': case 0x00A0: case U'\r': case 0x2002: case 0x2003: case 0x2009:
      return U' ';
    case 0x2267: return U'≥';  // ≧
    case 0x2266: return U'≤';  // ≦
    case 0x2550: return U'=';  // ═
    case 0x2212: return U'-';  // minus sign
    case 0xFE6A: return U'%';  // small percent
    default: return c;
  }
}

// Length of the run of digits starting at i.
std::size_t digits_from(std::u32string_view s, std::size_t i) {
  std::size_t n = 0;
  while (i + n < s.size() && is_digit(s[i + n])) ++n;
  return n;
}
// Length of the run of digits ending just before i.
std::size_t digits_before(std::u32string_view s, std::size_t i) {
  std::size_t n = 0;
  while (n < i && is_digit(s[i - 1 - n])) ++n;
  return n;
}

bool ends_sentence(char32_t c) {
  return c == U'。' || c == U'!' || c == U'?' || c == U';' || c == U'！' || c == U'？';
}

}  // namespace

std::u32string to_u32(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  std::size_t i = 0;
  while (i < utf8.size()) out.push_back(text::next_code_point(utf8, i));
  return out;
}

std::string to_utf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (char32_t c : s) text::append_utf8(out, c);
  return out;
}

std::u32string normalize_line(std::u32string_view line) {
  std::u32string mapped;
  mapped.reserve(line.size());
  for (char32_t c : line) {
    c = map_char(c);
    if (c == U'=' && !mapped.empty() && (mapped.back() == U'>' || mapped.back() == U'<')) {
      mapped.back() = mapped.back() == U'>' ? U'≥' : U'≤';
      continue;
    }
    if (c == U'\n' || c == U'\f' || c == 0xFEFF) continue;
    mapped.push_back(c);
  }
  std::u32string out;
  out.reserve(mapped.size());
  std::size_t i = 0;
  while (i < mapped.size()) {
    char32_t c = mapped[i];
    if (!is_space(c)) {
      out.push_back(c);
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < mapped.size() && is_space(mapped[j])) ++j;
    if (out.empty() || j == mapped.size()) {  // leading or trailing
      i = j;
      continue;
    }
    char32_t a = out.back();
    char32_t b = mapped[j];
    bool keep = false;
    if (is_ascii_letter(a) && is_ascii_letter(b)) {
      keep = true;
    } else if (is_digit(a) && is_digit(b)) {
      // "3 403.40": a thousands group joins; "10 10" (two cells) stays apart.
      std::size_t after = digits_from(mapped, j);
      std::size_t before = digits_before(out, out.size());
      bool grouped = after == 3 && before >= 1 && before <= 3 &&
                     (j + after == mapped.size() || !is_digit(mapped[j + after])) &&
                     (out.size() == before || out[out.size() - before - 1] != U'.');
      keep = !grouped;
    } else if (a == U'.' && is_digit(b) && out.size() >= 2 && is_digit(out[out.size() - 2])) {
      keep = false;  // "91. 6"
    }
    if (keep) out.push_back(U' ');
    i = j;
  }
  return out;
}

bool is_page_number_line(std::u32string_view s) {
  if (s.empty()) return false;
  // 第 5 页 / 第5页 共12页
  if (s.front() == U'第') {
    std::size_t i = 1;
    std::size_t n = digits_from(s, i);
    if (n == 0 || i + n >= s.size() || s[i + n] != U'页') return false;
    i += n + 1;
    if (i == s.size()) return true;
    if (s[i] != U'共') return false;
    n = digits_from(s, i + 1);
    return n > 0 && i + 1 + n + 1 == s.size() && s[i + 1 + n] == U'页';
  }
  // — 5 — / - 5 -
  std::size_t i = 0;
  while (i < s.size() && (is_dash(s[i]) || s[i] == U' ')) ++i;
  if (i == 0) return false;
  std::size_t n = digits_from(s, i);
  if (n == 0 || n > 4) return false;
  std::size_t k = i + n;
  std::size_t dashes = 0;
  while (k < s.size() && (is_dash(s[k]) || s[k] == U' ')) {
    if (is_dash(s[k])) ++dashes;
    ++k;
  }
  return k == s.size() && dashes > 0;
}

Flow build_flow(const SourceText& source) {
  Flow flow;
  flow.text.reserve(source.lines.size() * 40);
  flow.pos.reserve(source.lines.size() * 40);
  bool previous_is_row = false;
  for (std::size_t n = 0; n < source.lines.size(); ++n) {
    std::u32string line = normalize_line(to_u32(source.lines[n].first));
    if (line.empty() || is_page_number_line(line)) continue;
    SourcePos pos{static_cast<int>(n + 1), source.lines[n].second};
    bool is_row = line.find(U'|') != std::u32string::npos;
    if (!flow.text.empty()) {
      char32_t last = flow.text.back();
      if (is_row || previous_is_row || ends_sentence(last)) {
        if (last != U'\n') {
          flow.text.push_back(U'\n');
          flow.pos.push_back(flow.pos.back());
        }
      } else if (is_ascii_letter(last) && is_ascii_letter(line.front())) {
        flow.text.push_back(U' ');
        flow.pos.push_back(flow.pos.back());
      }
    }
    for (char32_t c : line) {
      flow.text.push_back(c);
      flow.pos.push_back(pos);
    }
    previous_is_row = is_row;
  }
  std::size_t end = flow.text.size();
  while (end > 0 && (flow.text[end - 1] == U'\n' || flow.text[end - 1] == U' ')) --end;
  if (end == 0) {
    flow.truncated = false;
  } else {
    char32_t last = flow.text[end - 1];
    flow.truncated = !(ends_sentence(last) || last == U'|' || last == U')' || last == U'”' ||
                       last == U'"' || last == U':' || last == U'」' || last == U'》');
  }
  return flow;
}

std::vector<Cell> build_cells(const SourceText& source) {
  std::vector<Cell> cells;
  for (std::size_t n = 0; n < source.lines.size(); ++n) {
    std::u32string line = normalize_line(to_u32(source.lines[n].first));
    if (line.empty() || is_page_number_line(line)) continue;
    SourcePos pos{static_cast<int>(n + 1), source.lines[n].second};
    if (line == U"|") {
      cells.push_back({U"", pos});
      continue;
    }
    std::size_t start = 0;
    if (line.front() == U'|') start = 1;
    std::size_t stop = line.size();
    if (stop > start && line.back() == U'|') --stop;
    std::u32string_view body = std::u32string_view(line).substr(start, stop - start);
    std::size_t from = 0;
    while (true) {
      std::size_t bar = body.find(U'|', from);
      std::u32string_view cell = body.substr(from, bar == std::u32string_view::npos ? std::u32string_view::npos : bar - from);
      while (!cell.empty() && cell.front() == U' ') cell.remove_prefix(1);
      while (!cell.empty() && cell.back() == U' ') cell.remove_suffix(1);
      cells.push_back({std::u32string(cell), pos});
      if (bar == std::u32string_view::npos) break;
      from = bar + 1;
    }
  }
  return cells;
}

}  // namespace jixiao::checker

namespace jixiao::checker {

namespace {

struct UnitWord {
  std::u32string_view text;
  NumUnit unit;
};

// Longest first where one is a prefix of another.
constexpr UnitWord k_unit_words[] = {
    {U"万元", NumUnit::wan}, {U"亿元", NumUnit::yi}, {U"千元", NumUnit::qian}, {U"元", NumUnit::yuan},
    {U"%", NumUnit::percent}, {U"人次", NumUnit::other}, {U"家次", NumUnit::other},
    {U"场次", NumUnit::other}, {U"公里", NumUnit::other}, {U"个", NumUnit::other},
    {U"次", NumUnit::other}, {U"项", NumUnit::other}, {U"件", NumUnit::other}, {U"场", NumUnit::other},
    {U"份", NumUnit::other}, {U"篇", NumUnit::other}, {U"名", NumUnit::other}, {U"人", NumUnit::other},
    {U"部", NumUnit::other}, {U"条", NumUnit::other}, {U"户", NumUnit::other}, {U"家", NumUnit::other},
    {U"年", NumUnit::other}, {U"月", NumUnit::other}, {U"日", NumUnit::other}, {U"号", NumUnit::other},
};

}  // namespace

std::vector<NumToken> scan_numbers(std::u32string_view s) {
  std::vector<NumToken> out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!is_digit(s[i]) || (i > 0 && (is_digit(s[i - 1]) || s[i - 1] == U'.' || s[i - 1] == U','))) {
      ++i;
      continue;
    }
    NumToken t;
    t.begin = i;
    std::string number;
    std::size_t j = i;
    while (j < s.size()) {
      if (is_digit(s[j])) {
        number.push_back(static_cast<char>(s[j]));
        ++j;
      } else if (s[j] == U',' && j > i && j + 3 < s.size() && is_digit(s[j + 1]) && is_digit(s[j + 2]) && is_digit(s[j + 3]) &&
                 (j + 4 == s.size() || !is_digit(s[j + 4]))) {
        ++j;
      } else {
        break;
      }
    }
    if (j + 1 < s.size() && s[j] == U'.' && is_digit(s[j + 1])) {
      number.push_back('.');
      ++j;
      while (j < s.size() && is_digit(s[j])) number.push_back(static_cast<char>(s[j++]));
    }
    t.end = j;
    t.after = j;
    auto value = Decimal::parse(number);
    if (!value) {
      i = j;
      continue;
    }
    t.value = *value;
    std::size_t k = j;
    if (k < s.size() && s[k] == U' ') ++k;
    for (const auto& w : k_unit_words) {
      if (s.substr(k, w.text.size()) == w.text) {
        t.unit = w.unit;
        t.unit_text = std::u32string(w.text);
        t.after = k + w.text.size();
        break;
      }
    }
    if (t.unit == NumUnit::none && k < s.size() && s[k] == U'分' &&
        !(k + 1 < s.size() && (s[k + 1] == U'别' || s[k + 1] == U'钟' || s[k + 1] == U'之'))) {
      t.unit = NumUnit::points;
      t.unit_text = U"分";
      t.after = k + 1;
    }
    out.push_back(std::move(t));
    i = j;
  }
  return out;
}

std::optional<NumToken> cell_number(std::u32string_view cell) {
  while (!cell.empty() && cell.front() == U' ') cell.remove_prefix(1);
  while (!cell.empty() && cell.back() == U' ') cell.remove_suffix(1);
  if (cell.empty() || !is_digit(cell.front())) return std::nullopt;
  auto tokens = scan_numbers(cell);
  if (tokens.size() != 1 || tokens[0].begin != 0) return std::nullopt;
  if (tokens[0].after != cell.size()) return std::nullopt;
  return tokens[0];
}

std::optional<long long> token_fen(const NumToken& token, NumUnit default_unit) {
  NumUnit unit = token.unit == NumUnit::none ? default_unit : token.unit;
  std::string number = token.value.to_string();
  switch (unit) {
    case NumUnit::yuan:
    case NumUnit::wan: {
      auto money = parse_money(number, unit == NumUnit::wan ? MoneyUnit::wan : MoneyUnit::yuan);
      if (!money) return std::nullopt;
      return money->fen();
    }
    case NumUnit::qian:
    case NumUnit::yi: {
      // 千元 = 0.1 万元, 亿元 = 10000 万元: scale the 万元 reading exactly.
      auto money = parse_money(number, MoneyUnit::wan);
      if (!money) return std::nullopt;
      if (unit == NumUnit::yi) return money->fen() * 10000;
      if (money->fen() % 10 != 0) return std::nullopt;
      return money->fen() / 10;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace jixiao::checker
