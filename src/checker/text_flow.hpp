// checker/text_flow.hpp — the normalised text the checker reads (module-internal).
//
// PDF extraction breaks lines inside sentences and numbers, inserts page numbers ("— 5 —"),
// leaves full-width digits and punctuation and spaces inside numbers; tables arrive as runs
// of cells separated by "|". The flow is the text with all of that undone, as code points,
// each with the line and page it came from; the cells are the "|"-separated runs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checker/checker.hpp"
#include "core/text.hpp"

namespace jixiao::checker {

// One source line, normalised: full-width forms to ASCII, ≧/≦/═ to ≥/≤/=, spaces removed
// except where they separate two numbers (or two Latin words); spaces used as thousands
// separators ("3 403.40") or around a decimal point are removed.
std::u32string normalize_line(std::u32string_view line);

// True for lines that are only a page number: "— 5 —", "- 5 -", "第 5 页", "第5页 共12页".
bool is_page_number_line(std::u32string_view normalized);

struct Flow {
  std::u32string text;  // sentences joined across line breaks; '\n' after 。！？; and table rows
  std::vector<SourcePos> pos;  // one per code point of text
  bool truncated = false;      // the text does not end with a finished sentence
};

struct Cell {
  std::u32string text;  // trimmed; empty for an empty cell
  SourcePos pos;
};

Flow build_flow(const SourceText& source);
// The cells of every line that contains '|' (a line without '|' inside a table is one cell).
std::vector<Cell> build_cells(const SourceText& source);

// A number in the flow with the unit written right after it: "3403.40万元", "91.6%", "8次".
enum class NumUnit { none, yuan, wan, qian, yi, percent, points, other };
struct NumToken {
  std::size_t begin = 0;  // first digit
  std::size_t end = 0;    // after the last digit
  std::size_t after = 0;  // after the unit (== end when none)
  Decimal value;
  NumUnit unit = NumUnit::none;
  std::u32string unit_text;  // "万元", "%", "人次"
};

// Every number in `text`, in order ("2022年" included, with unit "年").
std::vector<NumToken> scan_numbers(std::u32string_view text);
// The number at the start of a whole cell ("100%", "387664.62", "10"); nullopt for text.
std::optional<NumToken> cell_number(std::u32string_view cell);
// The amount in 分 of a money token (元, 千元, 万元, 亿元; a token without unit is read in
// `default_unit`), through core's parse_money; nullopt when the token is not money or has more
// decimals than its unit allows.
std::optional<long long> token_fen(const NumToken& token, NumUnit default_unit = NumUnit::none);
// Sums, differences and products of figures (amounts in 分, a Decimal's units), exact; nullopt
// when the result leaves long long. The figures come from untrusted text ("1000000000亿元" is OCR
// damage or a hostile file): out of range, they are no figure, never a wrapped-around one.
std::optional<long long> exact_sum(long long a, long long b);
std::optional<long long> exact_difference(long long a, long long b);
std::optional<long long> exact_product(long long a, long long b);

inline bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
inline bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

}  // namespace jixiao::checker
