#include "core/number.hpp"

#include <gtest/gtest.h>

namespace jixiao {
namespace {

TEST(ParseFinite, AcceptsPlainDecimals) {
  const struct {
    const char* text;
    double value;
  } k_cases[] = {{"95", 95},   {"-3.5", -3.5},   {"+2", 2},
                 {"1e2", 100}, {"0.001", 0.001}, {"100", 100}};
  for (const auto& c : k_cases) {
    auto v = parse_finite(c.text);
    ASSERT_TRUE(v) << c.text;
    EXPECT_DOUBLE_EQ(*v, c.value) << c.text;
  }
}

// Issue 17: "nan" went through from_chars into llround() and crashed the server.
TEST(ParseFinite, RefusesNanInfinityHexAndTrailingText) {
  for (const char* text : {"nan", "NaN", "-nan", "inf", "-inf", "infinity", "0x1p3", "", " 5", "5 ",
                           "5x", "1e999", "-1e999", "+", "-", ".", "e5", "1,000"}) {
    EXPECT_FALSE(parse_finite(text)) << text;
  }
}

TEST(ParseNumberIn, RefusesOutOfRangeNamingTheField) {
  EXPECT_EQ(*parse_number_in("100", 0, 100, "claimed"), 100);
  auto over = parse_number_in("100.001", 0, 100, "claimed");
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().message(), "参数 claimed 应为 0 到 100 之间的数: \"100.001\"");
  EXPECT_EQ(over.error().location().field, "claimed");
  auto nan = parse_number_in("nan", 0, 200, "execution");
  ASSERT_FALSE(nan);
  EXPECT_EQ(nan.error().message(), "参数 execution 应为 0 到 200 之间的数: \"nan\"");
}

TEST(ParseTypedNumber, TrimsWidensAndDropsOnePercentSign) {
  EXPECT_EQ(parse_typed_number(" 91.6% "), 91.6);
  EXPECT_EQ(parse_typed_number("９８"), 98.0);
  EXPECT_EQ(parse_typed_number("7"), 7.0);
  for (const char* bad : {"", "nan", "NaN%", "inf", "1e999", "98分", "%", "91.6%%"}) {
    EXPECT_FALSE(parse_typed_number(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace jixiao
