// core/number.cpp — strict finite decimals (number.hpp).
#include "core/number.hpp"

#include <charconv>
#include <cmath>

#include "core/text.hpp"

namespace jixiao {
namespace {

// "100" and "2.5", not "100.0000": limits in messages read like the numbers people type.
std::string short_text(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string();
}

}  // namespace

std::optional<double> parse_typed_number(std::string_view text) {
  std::string s = text::to_halfwidth(text::trim(text));
  if (!s.empty() && s.back() == '%') s.pop_back();
  return parse_finite(s);
}

std::optional<double> parse_finite(std::string_view text) {
  if (text.empty() || text.size() > 64) return std::nullopt;
  bool digit = false;
  for (char c : text) {
    // Only what a decimal needs: this leaves out "nan", "inf", "0x…" and spaces.
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
      return std::nullopt;
    }
  }
  if (!digit) return std::nullopt;
  std::string_view s =
      text.front() == '+' ? text.substr(1) : text;  // from_chars refuses a leading '+'
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

Result<double> parse_number_in(std::string_view text, double min, double max,
                               const std::string& field) {
  auto v = parse_finite(text);
  if (!v || *v < min || *v > max) {
    return fail(Error::invalid_input("参数 " + field + " 应为 " + short_text(min) + " 到 " +
                                         short_text(max) + " 之间的数: \"" +
                                         std::string(text.substr(0, 64)) + "\"",
                                     {.field = field}));
  }
  return *v;
}

}  // namespace jixiao
