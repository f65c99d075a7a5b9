// core/money.hpp — exact money in integer 分 (0.01 元), its parsing, formatting and rates.
//
// Money never goes through a double. Rates (executed / budget) are kept as exact
// fractions and rounded half-up only when shown: 3115.88 / 3403.40 → "91.6%" at one decimal.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace jixiao {

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money from_fen(std::int64_t fen) { return Money(fen); }
  static constexpr Money from_yuan(std::int64_t yuan) { return Money(yuan * 100); }

  constexpr std::int64_t fen() const { return m_fen; }
  constexpr bool is_zero() const { return m_fen == 0; }
  constexpr bool is_negative() const { return m_fen < 0; }

  constexpr Money operator+(Money other) const { return Money(m_fen + other.m_fen); }
  constexpr Money operator-(Money other) const { return Money(m_fen - other.m_fen); }
  constexpr Money operator-() const { return Money(-m_fen); }
  constexpr Money& operator+=(Money other) {
    m_fen += other.m_fen;
    return *this;
  }
  constexpr Money& operator-=(Money other) {
    m_fen -= other.m_fen;
    return *this;
  }
  constexpr auto operator<=>(const Money&) const = default;

 private:
  constexpr explicit Money(std::int64_t fen) : m_fen(fen) {}
  std::int64_t m_fen = 0;
};

// The unit an amount is written in. 万元 is a display unit: 1 万元 = 10,000 元.
enum class MoneyUnit { yuan, wan };

// Parses the forms found in real exports and reports: "3403.40", "3,403.40",
// "34,034,000.00元", "3403.40万元", full-width "３４０３．４０", "-1,200.00", "(1,200.00)",
// an optional ¥/￥ sign and spaces around the number and its unit. An explicit 元 or 万元
// suffix wins over `default_unit`.
// Returns Error::invalid_input with the text quoted and the reason: not an amount, several
// decimal points, more than two decimals in 元 (six in 万元), misplaced thousands separators,
// empty, or out of range.
Result<Money> parse_money(std::string_view text, MoneyUnit default_unit = MoneyUnit::yuan);

enum class Grouping { none, thousands };

// "34034000.00" (or "34,034,000.00" with thousands grouping); negative as "-1200.00".
std::string format_yuan(Money amount, Grouping grouping = Grouping::none);
// The amount in 万元 with two decimals, half-up: 34,034,000.00 元 → "3403.40".
std::string format_wan(Money amount);

// An exact ratio of two integers, e.g. executed / budget. Shown only through to_percent().
class Rate {
 public:
  constexpr Rate() = default;
  constexpr Rate(std::int64_t numerator, std::int64_t denominator)
      : m_num(numerator), m_den(denominator) {}
  static constexpr Rate of(Money part, Money whole) { return Rate(part.fen(), whole.fen()); }

  constexpr std::int64_t numerator() const { return m_num; }
  constexpr std::int64_t denominator() const { return m_den; }
  // A rate over a zero denominator is undefined (a line with no budget): shown as "—".
  constexpr bool defined() const { return m_den != 0; }
  double to_double() const {
    return defined() ? static_cast<double>(m_num) / static_cast<double>(m_den) : 0.0;
  }

  // The rate as a percentage with `decimals` digits, rounded half-up (away from zero):
  // 311588/340340 → "91.6" (1), "91.55" (2). "—" when undefined.
  std::string percent(int decimals = 1) const;
  // percent() followed by "%": "91.6%".
  std::string percent_text(int decimals = 1) const;
  // Compares exactly, without rounding. Requires: both defined.
  std::strong_ordering compare(const Rate& other) const;

 private:
  std::int64_t m_num = 0;
  std::int64_t m_den = 0;
};

// Rounds `value / divisor` half away from zero. Requires: divisor > 0, the quotient fits int64.
std::int64_t divide_half_up(__int128 value, __int128 divisor);

}  // namespace jixiao
