// core/date.hpp — calendar dates of the fiscal year (the calendar year in China).
#pragma once

#include <array>
#include <compare>
#include <cstdint>
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

// Parses "2022-09-30", "2022/9/30", "2022.9.30", "20220930" and "2022年9月30日".
// Returns Error::invalid_input `不是日期: "…"` otherwise, or for a date that does not exist.
Result<Date> parse_date(std::string_view text);

}  // namespace jixiao
