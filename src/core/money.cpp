// core/money.cpp — parsing and formatting of amounts and rates.
#include "core/money.hpp"

#include <limits>

#include "core/text.hpp"

namespace jixiao {
namespace {

constexpr std::int64_t k_fen_per_yuan = 100;
constexpr std::int64_t k_fen_per_wan = 1'000'000;

Error bad_amount(std::string_view reason, std::string_view original) {
  std::string message(reason);
  message += ": \"";
  message += original;
  message += '"';
  return Error::invalid_input(std::move(message));
}

bool strip_suffix(std::string& s, std::string_view suffix) {
  if (s.size() >= suffix.size() &&
      s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0) {
    s.erase(s.size() - suffix.size());
    return true;
  }
  return false;
}

bool strip_prefix(std::string& s, std::string_view prefix) {
  if (s.starts_with(prefix)) {
    s.erase(0, prefix.size());
    return true;
  }
  return false;
}

// Checks "1,234,567" style grouping: first group 1-3 digits, the rest exactly 3.
bool grouping_valid(std::string_view integer_part) {
  std::size_t group = 0;
  bool first = true;
  std::size_t pos = 0;
  while (pos <= integer_part.size()) {
    std::size_t comma = integer_part.find(',', pos);
    std::size_t end = comma == std::string_view::npos ? integer_part.size() : comma;
    group = end - pos;
    if (first ? (group < 1 || group > 3) : group != 3) return false;
    first = false;
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  return true;
}

}  // namespace

Result<Money> parse_money(std::string_view text, MoneyUnit default_unit) {
  std::string s = text::to_halfwidth(text);
  s = std::string(text::trim(s));
  if (s.empty()) return fail(Error::invalid_input("金额为空"));

  bool negative = false;
  if (s.front() == '(' && s.back() == ')') {
    negative = true;
    s = std::string(text::trim(std::string_view(s).substr(1, s.size() - 2)));
  }
  MoneyUnit unit = default_unit;
  if (strip_suffix(s, "万元")) {
    unit = MoneyUnit::wan;
  } else if (strip_suffix(s, "元")) {
    unit = MoneyUnit::yuan;
  }
  s = std::string(text::trim(s));
  if (strip_prefix(s, "¥") || strip_prefix(s, "￥")) s = std::string(text::trim(s));
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    if (negative) return fail(bad_amount("不是金额", text));
    negative = s.front() == '-';
    s.erase(0, 1);
  }
  if (strip_prefix(s, "¥") || strip_prefix(s, "￥")) s = std::string(text::trim(s));
  if (s.empty()) return fail(bad_amount("不是金额", text));

  std::size_t dot = std::string::npos;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.') {
      if (dot != std::string::npos) return fail(bad_amount("不是金额（多个小数点）", text));
      dot = i;
    } else if (c == ',') {
      if (dot != std::string::npos) return fail(bad_amount("不是金额", text));
    } else if (c < '0' || c > '9') {
      return fail(bad_amount("不是金额", text));
    }
  }
  std::string_view integer_part = std::string_view(s).substr(0, dot);
  std::string_view fraction =
      dot == std::string::npos ? std::string_view() : std::string_view(s).substr(dot + 1);
  if (integer_part.empty() && fraction.empty()) return fail(bad_amount("不是金额", text));
  if (integer_part.find(',') != std::string_view::npos && !grouping_valid(integer_part)) {
    return fail(bad_amount("千分位分隔不正确", text));
  }
  const std::size_t max_decimals = unit == MoneyUnit::yuan ? 2 : 6;
  if (fraction.size() > max_decimals) {
    return fail(bad_amount(
        unit == MoneyUnit::yuan ? "金额超过两位小数（元）" : "金额超过六位小数（万元）", text));
  }

  // Accumulate in 分 (or in 0.000001 万元 = 分) with overflow checks.
  const std::int64_t unit_fen = unit == MoneyUnit::yuan ? k_fen_per_yuan : k_fen_per_wan;
  __int128 whole = 0;
  for (char c : integer_part) {
    if (c == ',') continue;
    whole = whole * 10 + (c - '0');
    if (whole > std::numeric_limits<std::int64_t>::max())
      return fail(bad_amount("金额超出范围", text));
  }
  __int128 fen = whole * unit_fen;
  std::int64_t place = unit_fen;
  for (char c : fraction) {
    place /= 10;
    fen += static_cast<__int128>(c - '0') * place;
  }
  if (fen > std::numeric_limits<std::int64_t>::max() / 2)
    return fail(bad_amount("金额超出范围", text));
  auto value = static_cast<std::int64_t>(fen);
  return Money::from_fen(negative ? -value : value);
}

namespace {

// `value / divisor` rounded half away from zero, at full width. Requires: divisor > 0, and
// |value| · 2 + divisor fits (it does for an int64 times a scale up to 10^8, as everywhere here).
__int128 quotient_half_up(__int128 value, __int128 divisor) {
  JIXIAO_ASSERT(divisor > 0, "divisor must be positive");
  bool negative = value < 0;
  __int128 magnitude = negative ? -value : value;
  __int128 q = (magnitude * 2 + divisor) / (divisor * 2);
  return negative ? -q : q;
}

}  // namespace

std::int64_t divide_half_up(__int128 value, __int128 divisor) {
  return static_cast<std::int64_t>(quotient_half_up(value, divisor));  // fits: the contract's
}

namespace {

std::string format_hundredths(std::int64_t hundredths, Grouping grouping) {
  bool negative = hundredths < 0;
  std::uint64_t magnitude = negative ? static_cast<std::uint64_t>(-(hundredths + 1)) + 1
                                     : static_cast<std::uint64_t>(hundredths);
  std::string digits = std::to_string(magnitude / 100);
  std::string whole;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    // A separator before every group of three counted from the right.
    if (grouping == Grouping::thousands && i > 0 && (digits.size() - i) % 3 == 0) whole += ',';
    whole += digits[i];
  }
  std::uint64_t cents = magnitude % 100;
  std::string out = negative ? "-" : "";
  out += whole;
  out += '.';
  out += static_cast<char>('0' + cents / 10);
  out += static_cast<char>('0' + cents % 10);
  return out;
}

}  // namespace

std::string format_yuan(Money amount, Grouping grouping) {
  return format_hundredths(amount.fen(), grouping);
}

std::string format_wan(Money amount) {
  return format_hundredths(divide_half_up(amount.fen(), k_fen_per_wan / 100), Grouping::none);
}

std::string Rate::percent(int decimals) const {
  if (!defined()) return "—";
  JIXIAO_ASSERT(decimals >= 0 && decimals <= 6, "percent decimals out of range");
  __int128 scale = 100;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  __int128 num = static_cast<__int128>(m_num) * scale;
  __int128 den = m_den;
  if (den < 0) {
    num = -num;
    den = -den;
  }
  // At full width: 0.01元 of budget beside 1亿元 paid is a rate past int64 at six decimals.
  const __int128 scaled = quotient_half_up(num, den);
  const bool negative = scaled < 0;
  __int128 magnitude = negative ? -scaled : scaled;
  const auto point = static_cast<std::size_t>(decimals);  // 0..6, asserted above
  std::string digits;
  while (magnitude > 0 || digits.size() <= point) {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  }
  std::string out = negative ? "-" : "";
  out += digits.substr(0, digits.size() - point);
  if (point > 0) out += "." + digits.substr(digits.size() - point);
  return out;
}

std::string Rate::percent_text(int decimals) const {
  std::string p = percent(decimals);
  return defined() ? p + "%" : p;
}

std::strong_ordering Rate::compare(const Rate& other) const {
  JIXIAO_ASSERT(defined() && other.defined(), "comparing an undefined rate");
  __int128 a = static_cast<__int128>(m_num) * other.m_den;
  __int128 b = static_cast<__int128>(other.m_num) * m_den;
  if ((m_den < 0) != (other.m_den < 0)) std::swap(a, b);
  return a <=> b;
}

}  // namespace jixiao
