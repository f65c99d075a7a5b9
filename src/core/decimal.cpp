// core/decimal.cpp — exact decimals as written.
#include "core/decimal.hpp"

#include <algorithm>
#include <limits>

namespace jixiao {

std::string Decimal::to_string() const {
  std::string digits = std::to_string(units < 0 ? -units : units);
  if (scale > 0) {
    if (digits.size() <= static_cast<std::size_t>(scale)) {
      digits.insert(0, static_cast<std::size_t>(scale) + 1 - digits.size(), '0');
    }
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

std::optional<Decimal> add(const Decimal& a, const Decimal& b) {
  const int scale = std::max(a.scale, b.scale);
  // Only one side is scaled up; once it is past twice long long's range, the other (within it)
  // cannot bring the sum back, so scaling stops there and __int128 never overflows.
  constexpr __int128 k_past = static_cast<__int128>(std::numeric_limits<long long>::max()) * 2;
  auto at_scale = [scale, k_past](const Decimal& d) -> std::optional<__int128> {
    __int128 v = d.units;
    for (int s = d.scale; s < scale; ++s) {
      v *= 10;
      if (v > k_past || v < -k_past) return std::nullopt;
    }
    return v;
  };
  const auto x = at_scale(a), y = at_scale(b);
  if (!x || !y) return std::nullopt;
  const __int128 sum = *x + *y;
  if (sum > std::numeric_limits<long long>::max() || sum < std::numeric_limits<long long>::min())
    return std::nullopt;
  return Decimal{static_cast<long long>(sum), scale};  // in range: checked above
}

int compare(const Decimal& a, const Decimal& b) {
  __int128 x = a.units;
  __int128 y = b.units;
  for (int s = a.scale; s < b.scale; ++s) x *= 10;
  for (int s = b.scale; s < a.scale; ++s) y *= 10;
  return x < y ? -1 : (x > y ? 1 : 0);
}

}  // namespace jixiao
