// core/date.hpp — calendar dates of the fiscal year (the calendar year in China).
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace jixiao {

// A civil date, stored as days since 1970-01-01 so that comparisons and differences are cheap.
class Date {
 public:
  constexpr Date() = default;
  // Requires: a valid date (see is_valid_ymd).
  static Date from_ymd(int year, int month, int day);
  static constexpr Date from_days(std::int32_t days) { return Date(days); }
  static bool is_valid_ymd(int year, int month, int day);

  constexpr std::int32_t days() const { return m_days; }
  int year() const;
  int month() const;
  int day() const;
  // 1 for January 1st.
  int day_of_year() const;
  Date add_days(std::int32_t n) const { return Date(m_days + n); }
  // "2022-09-30".
  std::string to_string() const;

  constexpr auto operator<=>(const Date&) const = default;

 private:
  constexpr explicit Date(std::int32_t days) : m_days(days) {}
  std::int32_t m_days = 0;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);
int days_in_year(int year);
Date end_of_month(int year, int month);
// The month (0 = January) of each day of `year`'s year, indexed by day of year (1-based; index 0,
// "before the year", is January): the aggregations' lookup from a day column to a month.
std::array<std::uint8_t, 367> month_index_by_day(int year);

// Days since 1970-01-01 (Date::days()) of a proleptic Gregorian date, computed inline for the hot
// loops; Date::from_ymd gives the same (H. Hinnant's days_from_civil).
inline std::int32_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// "2022-03-15" → days and year, without a call: the hot loops' shortcut for parse_date's most
// common form. False when the text is not in exactly that form (then parse_date decides).
inline bool read_iso_date(std::string_view s, std::int32_t& days, int& year) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[static_cast<std::size_t>(i)] < '0' || s[static_cast<std::size_t>(i)] > '9') return false;
  }
  const int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  const int m = (s[5] - '0') * 10 + (s[6] - '0');
  const int d = (s[8] - '0') * 10 + (s[9] - '0');
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return false;
  days = days_from_civil(y, m, d);
  year = y;
  return true;
}

// Days since 1970-01-01 → "YYYY-MM-DD" (H. Hinnant's civil_from_days), as Date::to_string writes
// it.
inline void append_iso_date(std::string& out, std::int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  JIXIAO_ASSERT(y >= 0 && y <= 9999, "payment date outside years 0–9999");
  const char buf[10] = {static_cast<char>('0' + y / 1000),
                        static_cast<char>('0' + y / 100 % 10),
                        static_cast<char>('0' + y / 10 % 10),
                        static_cast<char>('0' + y % 10),
                        '-',
                        static_cast<char>('0' + m / 10),
                        static_cast<char>('0' + m % 10),
                        '-',
                        static_cast<char>('0' + d / 10),
                        static_cast<char>('0' + d % 10)};
  out.append(buf, sizeof buf);
}

// Parses "2022-09-30", "2022/9/30", "2022.9.30", "20220930" and "2022年9月30日".
// Returns Error::invalid_input `不是日期: "…"` otherwise, or for a date that does not exist.
Result<Date> parse_date(std::string_view text);

// The fiscal years jixiao takes, wherever a year comes in — a file's 年度 cell, a payment date's
// year on the fast path, --year, ?year=, a route's :year, a form's year: one range, so that a
// year one entrance takes, the others take too.
inline constexpr int k_first_fiscal_year = 1900, k_last_fiscal_year = 2999;
constexpr bool is_fiscal_year(std::int64_t year) {
  return year >= k_first_fiscal_year && year <= k_last_fiscal_year;
}
// "2022" → 2022 (plain decimal digits, nothing around them); nullopt for anything else or a
// year outside the range.
std::optional<int> parse_fiscal_year(std::string_view text);

}  // namespace jixiao
