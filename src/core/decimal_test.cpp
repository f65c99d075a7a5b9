// core/decimal_test.cpp — parsing, formatting and comparing exact decimals.
#include "core/decimal.hpp"

#include <gtest/gtest.h>

namespace jixiao {
namespace {

TEST(Decimal, ParseFormatCompare) {
  EXPECT_EQ(Decimal::parse("91.6")->to_string(), "91.6");
  EXPECT_EQ(Decimal::parse("3,403.40")->to_string(), "3403.40");
  EXPECT_EQ(Decimal::parse("0.05")->to_string(), "0.05");
  EXPECT_EQ(Decimal::parse("-2.5")->to_string(), "-2.5");
  EXPECT_EQ((Decimal{5, 3}.to_string()), "0.005");
  EXPECT_FALSE(Decimal::parse("9a"));
  EXPECT_FALSE(Decimal::parse("1.2.3"));
  EXPECT_FALSE(Decimal::parse(""));
  EXPECT_FALSE(Decimal::parse("-"));
  EXPECT_FALSE(Decimal::parse("."));
  EXPECT_FALSE(Decimal::parse("1.000,5"));              // a comma after the point
  EXPECT_FALSE(Decimal::parse("1234567890123456789"));  // 19 digits: past long long's exact range
  EXPECT_EQ(compare(*Decimal::parse("100"), *Decimal::parse("100.00")), 0);
  EXPECT_EQ(compare(*Decimal::parse("99.99"), *Decimal::parse("100")), -1);
  EXPECT_EQ(compare(*Decimal::parse("-0.5"), *Decimal::parse("-1")), 1);
  EXPECT_TRUE(*Decimal::parse("91.60") == *Decimal::parse("91.6"));
}

}  // namespace
}  // namespace jixiao
