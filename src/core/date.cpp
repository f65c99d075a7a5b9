// core/date.cpp — civil-date arithmetic on std::chrono.
#include "core/date.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>

#include "core/text.hpp"

namespace jixiao {
namespace {

std::chrono::year_month_day ymd_of(std::int32_t days) {
  return std::chrono::year_month_day(std::chrono::sys_days(std::chrono::days(days)));
}

}  // namespace

bool Date::is_valid_ymd(int year, int month, int day) {
  if (year < 1800 || year > 2999) return false;
  std::chrono::year_month_day ymd(std::chrono::year(year),
                                  std::chrono::month(static_cast<unsigned>(month)),
                                  std::chrono::day(static_cast<unsigned>(day)));
  return month >= 1 && month <= 12 && day >= 1 && ymd.ok();
}

Date Date::from_ymd(int year, int month, int day) {
  JIXIAO_ASSERT(is_valid_ymd(year, month, day), "invalid date");
  std::chrono::year_month_day ymd(std::chrono::year(year),
                                  std::chrono::month(static_cast<unsigned>(month)),
                                  std::chrono::day(static_cast<unsigned>(day)));
  return Date(static_cast<std::int32_t>(std::chrono::sys_days(ymd).time_since_epoch().count()));
}

int Date::year() const { return static_cast<int>(ymd_of(m_days).year()); }
int Date::month() const { return static_cast<int>(static_cast<unsigned>(ymd_of(m_days).month())); }
int Date::day() const { return static_cast<int>(static_cast<unsigned>(ymd_of(m_days).day())); }
int Date::day_of_year() const { return m_days - from_ymd(year(), 1, 1).m_days + 1; }

std::string Date::to_string() const {
  auto ymd = ymd_of(m_days);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

bool is_leap_year(int year) { return std::chrono::year(year).is_leap(); }

int days_in_month(int year, int month) {
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : k_days[month - 1];
}

int days_in_year(int year) { return is_leap_year(year) ? 366 : 365; }

std::array<std::uint8_t, 367> month_index_by_day(int year) {
  std::array<std::uint8_t, 367> out{};
  int day = 1;
  for (int m = 1; m <= 12; ++m) {
    for (int d = 1; d <= days_in_month(year, m); ++d)
      out[static_cast<std::size_t>(day++)] = static_cast<std::uint8_t>(m - 1);
  }
  return out;
}

Date end_of_month(int year, int month) {
  return Date::from_ymd(year, month, days_in_month(year, month));
}

Result<Date> parse_date(std::string_view input) {
  std::string s(text::trim(text::to_halfwidth(input)));
  auto bad = [&]() {
    return fail(Error::invalid_input("不是日期: \"" + std::string(input) + "\""));
  };
  // Split into up to three numeric fields on any of - / . 年 月 日.
  int fields[3] = {0, 0, 0};
  int count = 0;
  int digits = 0;
  bool in_number = false;
  std::size_t i = 0;
  std::string compact;
  while (i < s.size()) {
    std::size_t start = i;
    char32_t cp = text::next_code_point(s, i);
    if (cp >= '0' && cp <= '9') {
      if (!in_number) {
        if (count == 3) return bad();
        in_number = true;
        digits = 0;
        ++count;
      }
      fields[count - 1] = fields[count - 1] * 10 + static_cast<int>(cp - '0');
      if (++digits > 8) return bad();
      compact += static_cast<char>(cp);
    } else if (cp == '-' || cp == '/' || cp == '.' || cp == U'年' || cp == U'月' || cp == U'日') {
      if (!in_number) return bad();
      in_number = false;
      if (cp == U'日' && i != s.size()) return bad();
    } else {
      (void)start;
      return bad();
    }
  }
  if (count == 1 && compact.size() == 8) {
    fields[0] = std::stoi(compact.substr(0, 4));
    fields[1] = std::stoi(compact.substr(4, 2));
    fields[2] = std::stoi(compact.substr(6, 2));
    count = 3;
  }
  if (count != 3 || !Date::is_valid_ymd(fields[0], fields[1], fields[2])) return bad();
  return Date::from_ymd(fields[0], fields[1], fields[2]);
}

std::optional<int> parse_fiscal_year(std::string_view text) {
  int year = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() ||
      !is_fiscal_year(year))
    return std::nullopt;
  return year;
}

}  // namespace jixiao
