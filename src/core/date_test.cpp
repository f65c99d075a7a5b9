#include "core/date.hpp"

#include <gtest/gtest.h>

namespace jixiao {
namespace {

TEST(ParseDate, AcceptsTheCommonForms) {
  for (const char* text : {"2022-09-30", "2022/9/30", "2022.09.30", "20220930", "2022年9月30日",
                           "２０２２－０９－３０"}) {
    auto d = parse_date(text);
    ASSERT_TRUE(d.has_value()) << text;
    EXPECT_EQ(d->to_string(), "2022-09-30") << text;
  }
}

TEST(ParseDate, RejectsImpossibleDates) {
  for (const char* text :
       {"2022-02-29", "2022-13-01", "2022-00-10", "abc", "", "2022-1", "2022-01-01x"}) {
    auto d = parse_date(text);
    ASSERT_FALSE(d.has_value()) << text;
    EXPECT_EQ(d.error().message(), std::string("不是日期: \"") + text + "\"");
  }
  EXPECT_TRUE(parse_date("2024-02-29").has_value());
}

// One fiscal-year rule for every entrance: plain digits in [1900, 2999], nothing wrapped.
TEST(FiscalYear, PlainDigitsInTheOneRange) {
  EXPECT_EQ(parse_fiscal_year("2022"), 2022);
  EXPECT_EQ(parse_fiscal_year("1900"), 1900);
  EXPECT_EQ(parse_fiscal_year("2999"), 2999);
  for (const char* text : {"", "1899", "3000", "4294969318", "-2022", "+2022", " 2022", "2022 ",
                           "2022年", "二〇二二", "2022.0"}) {
    EXPECT_EQ(parse_fiscal_year(text), std::nullopt) << text;
  }
  EXPECT_TRUE(is_fiscal_year(k_first_fiscal_year));
  EXPECT_FALSE(is_fiscal_year(std::int64_t{4294969318}));
}

TEST(Date, MonthIndexByDay) {
  const auto leap = month_index_by_day(2024);
  EXPECT_EQ(leap[1], 0);                                          // Jan 1
  EXPECT_EQ(leap[Date::from_ymd(2024, 2, 29).day_of_year()], 1);  // Feb 29
  EXPECT_EQ(leap[Date::from_ymd(2024, 3, 1).day_of_year()], 2);
  EXPECT_EQ(leap[366], 11);  // Dec 31
  const auto plain = month_index_by_day(2022);
  EXPECT_EQ(plain[Date::from_ymd(2022, 3, 1).day_of_year()], 2);
  EXPECT_EQ(plain[365], 11);
}

TEST(Date, CalendarArithmetic) {
  Date d = Date::from_ymd(2022, 12, 31);
  EXPECT_EQ(d.day_of_year(), 365);
  EXPECT_EQ(Date::from_ymd(2024, 12, 31).day_of_year(), 366);
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2022, 2), 28);
  EXPECT_EQ(end_of_month(2022, 9).to_string(), "2022-09-30");
  EXPECT_EQ(d.add_days(1).to_string(), "2023-01-01");
  EXPECT_EQ(d.year(), 2022);
  EXPECT_EQ(d.month(), 12);
  EXPECT_EQ(d.day(), 31);
}

}  // namespace
}  // namespace jixiao
