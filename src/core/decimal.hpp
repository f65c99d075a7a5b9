// core/decimal.hpp — an exact decimal number as written ("91.6", "3,403.40"), for figures read
// from text (scores, rates, points) where the number of digits shown matters. No double anywhere.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace jixiao {

// "91.6" = {916, 1}.
struct Decimal {
  long long units = 0;
  int scale = 0;  // digits after the point

  // "91.6", "3403.40", "-2.5": exactly `scale` digits after the point.
  std::string to_string() const;
  // Parses "91.6", "3,403.40", "100", "-2.5"; nullopt when `text` is not such a number (or has
  // more than 18 digits).
  static std::optional<Decimal> parse(std::string_view text);
  // Exact three-way comparison (-1, 0, 1), whatever the scales.
  friend int compare(const Decimal& a, const Decimal& b);
  friend bool operator==(const Decimal& a, const Decimal& b) { return compare(a, b) == 0; }
  // a + b at the larger of their scales, exactly; nullopt when that leaves long long (figures
  // read from a report can be anything: "999999999999999999分" twice is no sum to wrap around).
  friend std::optional<Decimal> add(const Decimal& a, const Decimal& b);
};

}  // namespace jixiao
