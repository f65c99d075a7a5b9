// core/text.hpp — UTF-8 text helpers for Chinese data: full-width to half-width, trimming
// (including the ideographic space), display width for aligned tables.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jixiao::text {

// Full-width ASCII forms (U+FF01–U+FF5E: "３４０３．４０", "（", "，") and the ideographic
// space U+3000 become their ASCII equivalents; everything else is kept.
std::string to_halfwidth(std::string_view s);

// Without leading and trailing ASCII whitespace, U+3000 and U+00A0.
std::string_view trim(std::string_view s);

// Whether byte `c` starts a UTF-8 character (is not a continuation byte 10xxxxxx).
constexpr bool starts_character(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }
// The characters (code points) of UTF-8 text: what a password's length, a search snippet and a
// report line count.
std::size_t characters(std::string_view s);

// Columns the text takes in a terminal: 2 for CJK and full-width forms, 1 otherwise.
int display_width(std::string_view s);

// `s` padded with spaces to `width` display columns (left-aligned, or right with Align::right).
enum class Align { left, right };
std::string pad(std::string_view s, int width, Align align = Align::left);

std::vector<std::string> split(std::string_view s, char separator);

// `s` as one CSV field (RFC 4180): quoted, with quotes doubled, when it holds a comma, a quote
// or a line break; as it is otherwise.
std::string csv_field(std::string_view s);

// True when `s` is valid UTF-8 (RFC 3629: no overlong forms, surrogates or code points past
// U+10FFFF).
bool valid_utf8(std::string_view s);
// `size` bytes as lowercase hex ("0a1b…"), e.g. a SHA-256 digest.
std::string to_hex(const unsigned char* bytes, std::size_t size);

// Decodes one code point starting at `i` and advances `i`; U+FFFD (advancing one byte) on a
// bad byte, an overlong form, a surrogate or a code point past U+10FFFF.
char32_t next_code_point(std::string_view s, std::size_t& i);
void append_utf8(std::string& out, char32_t cp);
// `s` with every byte that is not part of valid UTF-8 read as U+FFFD: text that can be shown and
// reported, never rejected again.
std::string lossy_utf8(std::string_view s);
// UTF-8 text as code points and back (invalid bytes read as U+FFFD), for code that works on
// characters: edit distances, the checker's reading of lines.
std::u32string to_u32(std::string_view utf8);
std::string from_u32(std::u32string_view code_points);

}  // namespace jixiao::text
