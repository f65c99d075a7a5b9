// checker/text_flow_test.cpp — normalising what PDF extraction does to Chinese text.
#include "checker/text_flow.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace jixiao::checker {
namespace {

std::string norm(std::string_view s) { return text::from_u32(normalize_line(text::to_u32(s))); }

TEST(CheckerNormalize, LineTable) {
  struct Case {
    std::string_view in;
    std::string_view want;
  };
  const Case cases[] = {
      {"我单位全年预算数 3403.40万元，执行数 3115.88万元，完",
       "我单位全年预算数3403.40万元,执行数3115.88万元,完"},
      {"完成预算的 ９１．６％。", "完成预算的91.6%。"},
      {"合计 3 403.40 万元", "合计3403.40万元"},
      {"执行率 91. 6 %", "执行率91.6%"},
      {"| 10 | 7 |", "|10|7|"},
      {"分值 10 10", "分值10 10"},
      {"≧ 100", "≥100"},
      {"═ 100", "=100"},
      {">= 95", "≥95"},
      {"Hello world 2022 年", "Hello world2022年"},
      {"　　全角空格　开头", "全角空格开头"},
  };
  for (const auto& c : cases) EXPECT_EQ(norm(c.in), c.want) << c.in;
}

TEST(CheckerNormalize, PageNumberLines) {
  for (std::string_view s : {"— 5 —", "- 12 -", "第 5 页", "第5页 共12页", "—5—"}) {
    EXPECT_TRUE(is_page_number_line(normalize_line(text::to_u32(s)))) << s;
  }
  for (std::string_view s : {"5", "一、基本情况", "第5章", "2022", "— 基本情况 —"}) {
    EXPECT_FALSE(is_page_number_line(normalize_line(text::to_u32(s)))) << s;
  }
}

TEST(CheckerNormalize, FlowJoinsBrokenLinesAndDropsPageNumbers) {
  SourceText src = source_from_text("执行数 3115.\n\n88万元，完\n— 5 —\n成预算的 91.6%。\n下一句");
  Flow flow = build_flow(src);
  EXPECT_EQ(text::from_u32(flow.text), "执行数3115.88万元,完成预算的91.6%。\n下一句");
  EXPECT_TRUE(flow.truncated);
  // "成" comes from line 5 (after the page number line).
  std::size_t at = flow.text.find(U'成');
  EXPECT_EQ(flow.pos[at].line, 5);
}

TEST(CheckerNormalize, CellsSplitOnBars) {
  SourceText src = source_from_text("总额 |\n238.93 |\n|\n| 10 | 7 |\n说明文字");
  auto cells = build_cells(src);
  std::vector<std::string> texts;
  for (const auto& c : cells) texts.push_back(text::from_u32(c.text));
  EXPECT_EQ(texts, (std::vector<std::string>{"总额", "238.93", "", "10", "7", "说明文字"}));
}

TEST(CheckerNumbers, TokensWithUnits) {
  auto text = text::to_u32("预算3,403.40万元,执行率91.6%,自评98分,分别为8次");
  auto tokens = scan_numbers(text);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].value.to_string(), "3403.40");
  EXPECT_EQ(tokens[0].unit, NumUnit::wan);
  EXPECT_EQ(token_fen(tokens[0]), 34034000LL * 100);
  EXPECT_EQ(tokens[1].unit, NumUnit::percent);
  EXPECT_EQ(tokens[2].unit, NumUnit::points);
  EXPECT_EQ(tokens[3].unit_text, U"次");
}

// 1000000000亿元 is 10^19 元 ×100 分: past long long, so no amount — it used to wrap around to a
// negative budget of -8446744073709.551616万元.
TEST(CheckerNumbers, AmountsPastRangeAreNoAmounts) {
  auto fen_of = [](std::u32string_view text) {
    auto tokens = scan_numbers(text);
    return tokens.size() == 1 ? token_fen(tokens[0]) : std::nullopt;
  };
  EXPECT_EQ(fen_of(U"1000000000亿元"), std::nullopt);
  EXPECT_EQ(fen_of(U"100000000亿元"), 100000000LL * 100000000 * 100);
  EXPECT_EQ(exact_sum(std::numeric_limits<long long>::max(), 1), std::nullopt);
  EXPECT_EQ(exact_difference(std::numeric_limits<long long>::min(), 1), std::nullopt);
  EXPECT_EQ(exact_product(-922337203685477581LL, 10), std::nullopt);
  EXPECT_EQ(exact_product(-922337203685477580LL, 10), -9223372036854775800LL);
}

}  // namespace
}  // namespace jixiao::checker
