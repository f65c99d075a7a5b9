// core/money_test.cpp — money parsing, formatting and rates, table-driven.
#include "core/money.hpp"

#include <gtest/gtest.h>

namespace jixiao {
namespace {

TEST(ParseMoney, AcceptsTheFormsOfRealExports) {
  struct Case {
    const char* text;
    MoneyUnit unit;
    std::int64_t fen;
  } cases[] = {
      {"3403.40", MoneyUnit::yuan, 340340},
      {"3,403.40", MoneyUnit::yuan, 340340},
      {"34,034,000.00元", MoneyUnit::yuan, 3403400000},
      {"3403.40万元", MoneyUnit::yuan, 3403400000},
      {"3115.88万元", MoneyUnit::yuan, 3115880000},
      {"3403.40 万元", MoneyUnit::yuan, 3403400000},
      {"３４０３．４０", MoneyUnit::yuan, 340340},
      {"３，４０３．４０元", MoneyUnit::yuan, 340340},
      {"-1,200.00", MoneyUnit::yuan, -120000},
      {"(1,200.00)", MoneyUnit::yuan, -120000},
      {"（1,200.00）", MoneyUnit::yuan, -120000},
      {"0", MoneyUnit::yuan, 0},
      {"12", MoneyUnit::yuan, 1200},
      {"12.5", MoneyUnit::yuan, 1250},
      {".5", MoneyUnit::yuan, 50},
      {"  7.01 ", MoneyUnit::yuan, 701},
      {"¥1,000", MoneyUnit::yuan, 100000},
      {"3403.40", MoneyUnit::wan, 3403400000},
      {"0.000001", MoneyUnit::wan, 1},
      {"287.52万元", MoneyUnit::yuan, 287520000},
      {"100元", MoneyUnit::wan, 10000},
  };
  for (const Case& c : cases) {
    auto m = parse_money(c.text, c.unit);
    ASSERT_TRUE(m.has_value()) << c.text << ": " << m.error().to_string();
    EXPECT_EQ(m->fen(), c.fen) << c.text;
  }
}

TEST(ParseMoney, RejectsEverythingElseWithItsReason) {
  struct Case {
    const char* text;
    const char* message;
  } cases[] = {
      {"12,3x", "不是金额: \"12,3x\""},
      {"1.2.3", "不是金额（多个小数点）: \"1.2.3\""},
      {"1.234", "金额超过两位小数（元）: \"1.234\""},
      {"1.2345678万元", "金额超过六位小数（万元）: \"1.2345678万元\""},
      {"1,23.00", "千分位分隔不正确: \"1,23.00\""},
      {"1234,567", "千分位分隔不正确: \"1234,567\""},
      {"", "金额为空"},
      {"   ", "金额为空"},
      {"abc", "不是金额: \"abc\""},
      {"-", "不是金额: \"-\""},
      {"(-5)", "不是金额: \"(-5)\""},
      {"1 000", "不是金额: \"1 000\""},
      {"99999999999999999999", "金额超出范围: \"99999999999999999999\""},
  };
  for (const Case& c : cases) {
    auto m = parse_money(c.text);
    ASSERT_FALSE(m.has_value()) << c.text;
    EXPECT_EQ(m.error().code(), ErrorCode::invalid_input);
    EXPECT_EQ(m.error().message(), c.message) << c.text;
  }
}

TEST(FormatMoney, YuanAndWanWithTwoDecimals) {
  EXPECT_EQ(format_yuan(Money::from_fen(3403400000)), "34034000.00");
  EXPECT_EQ(format_yuan(Money::from_fen(3403400000), Grouping::thousands), "34,034,000.00");
  EXPECT_EQ(format_yuan(Money::from_fen(-120000), Grouping::thousands), "-1,200.00");
  EXPECT_EQ(format_yuan(Money::from_fen(5)), "0.05");
  EXPECT_EQ(format_yuan(Money::from_fen(100000), Grouping::thousands), "1,000.00");
  EXPECT_EQ(format_wan(Money::from_fen(3403400000)), "3403.40");
  EXPECT_EQ(format_wan(Money::from_fen(3115880000)), "3115.88");
  EXPECT_EQ(format_wan(Money::from_fen(287520000)), "287.52");
  // 万元 rounds half-up at 0.01 万元 (100 元).
  EXPECT_EQ(format_wan(Money::from_fen(4999)), "0.00");
  EXPECT_EQ(format_wan(Money::from_fen(5000)), "0.01");
  EXPECT_EQ(format_wan(Money::from_fen(-5000)), "-0.01");
  EXPECT_EQ(format_wan(Money()), "0.00");
}

TEST(Rate, RoundsHalfUpOnlyWhenShown) {
  Rate seed = Rate::of(Money::from_fen(3115880000), Money::from_fen(3403400000));
  EXPECT_EQ(seed.percent_text(1), "91.6%");
  EXPECT_EQ(seed.percent_text(2), "91.55%");
  EXPECT_EQ(seed.percent(0), "92");
  EXPECT_EQ(Rate(1, 8).percent(1), "12.5");     // exactly 12.5
  EXPECT_EQ(Rate(1, 800).percent(1), "0.1");    // 0.125%
  EXPECT_EQ(Rate(1, 1600).percent(2), "0.06");  // 0.0625 → 0.06
  EXPECT_EQ(Rate(1, 400).percent(1), "0.3");    // 0.25 → 0.3 half-up
  EXPECT_EQ(Rate(-1, 400).percent(1), "-0.3");
  EXPECT_EQ(Rate(5, 0).percent_text(1), "—");
  EXPECT_EQ(Rate(3, 3).percent_text(1), "100.0%");
  // Past int64 once scaled (3.3 × 10^20 at one decimal): shown exactly, not wrapped (it was
  // "91.2").
  EXPECT_EQ(Rate(332041393326771930, 1).percent(1), "33204139332677193000.0");
  EXPECT_EQ(Rate(-332041393326771930, 1).percent(2), "-33204139332677193000.00");
  EXPECT_EQ(Rate(0, 7).percent(2), "0.00");
  EXPECT_EQ(Rate(-1, 3).percent(0), "-33");
  EXPECT_EQ(Rate(1, 3).compare(Rate(2, 6)), std::strong_ordering::equal);
  EXPECT_EQ(Rate(1, 3).compare(Rate(1, 2)), std::strong_ordering::less);
}

TEST(Money, Arithmetic) {
  Money a = Money::from_yuan(100);
  Money b = Money::from_fen(1);
  EXPECT_EQ((a + b).fen(), 10001);
  EXPECT_EQ((a - b).fen(), 9999);
  EXPECT_TRUE(b < a);
  EXPECT_TRUE((-a).is_negative());
}

}  // namespace
}  // namespace jixiao
