// core/decimal_test.cpp — parsing, formatting and comparing exact decimals.
#include "core/decimal.hpp"

#include <gtest/gtest.h>

#include <limits>

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

TEST(Decimal, AddsExactlyOrNotAtAll) {
  EXPECT_EQ(add(*Decimal::parse("70"), *Decimal::parse("20.5"))->to_string(), "90.5");
  EXPECT_EQ(add(*Decimal::parse("-2.5"), *Decimal::parse("0.25"))->to_string(), "-2.25");
  const Decimal big = *Decimal::parse("999999999999999999");
  EXPECT_EQ(add(big, big)->to_string(), "1999999999999999998");
  constexpr long long k_max = std::numeric_limits<long long>::max();
  EXPECT_EQ(add(Decimal{k_max, 2}, Decimal{1, 2}), std::nullopt);
  EXPECT_EQ(add(Decimal{-k_max - 1, 0}, Decimal{-1, 0}), std::nullopt);
  EXPECT_EQ(add(Decimal{k_max, 0}, Decimal{-1, 0})->units, k_max - 1);
  EXPECT_EQ(add(big, *Decimal::parse("0.5")), std::nullopt);  // 9.99…e18 at one decimal
  EXPECT_EQ(add(Decimal{0, 0}, Decimal{1, 30})->to_string(), "0." + std::string(29, '0') + "1");
  EXPECT_EQ(add(Decimal{1, 0}, Decimal{1, 30}), std::nullopt);  // 10^30 + 1 at 30 decimals
  EXPECT_EQ(add(Decimal{-5, 0}, Decimal{5, 0})->to_string(), "0");
}

}  // namespace
}  // namespace jixiao
