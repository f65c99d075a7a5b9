#include "core/text.hpp"

#include <gtest/gtest.h>

namespace jixiao::text {
namespace {

TEST(Text, HalfwidthTurnsFullWidthDigitsAndPunctuation) {
  EXPECT_EQ(to_halfwidth("３４０３．４０"), "3403.40");
  EXPECT_EQ(to_halfwidth("（一）"), "(一)");
  EXPECT_EQ(to_halfwidth("９１．６％"), "91.6%");
  EXPECT_EQ(to_halfwidth("a\xE3\x80\x80"
                         "b"),
            "a b");
}

TEST(Text, TrimRemovesIdeographicSpaceAndBom) {
  EXPECT_EQ(trim("\xEF\xBB\xBF 单位 \xE3\x80\x80"), "单位");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("  "), "");
}

TEST(Text, DisplayWidthCountsCjkAsTwo) {
  EXPECT_EQ(display_width("abc"), 3);
  EXPECT_EQ(display_width("预算"), 4);
  EXPECT_EQ(pad("预算", 6), "预算  ");
  EXPECT_EQ(pad("1", 3, Align::right), "  1");
}

TEST(Text, ValidUtf8) {
  EXPECT_TRUE(valid_utf8("人大会议"));
  EXPECT_FALSE(valid_utf8("\xC8\xCB\xB4\xF3"));  // 人大 in GBK
  // RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF.
  EXPECT_FALSE(valid_utf8("bad\xC0\xAFname"));           // '/' overlong
  EXPECT_FALSE(valid_utf8("\xE0\x80\xAF"));              // '/' overlong in three bytes
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));              // U+D800
  EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80"));          // U+110000
  EXPECT_TRUE(valid_utf8("\xF0\x9F\x98\x80 \xC2\xA0"));  // U+1F600, U+00A0
}

// Issue 17: "\xC0\xAF" passed, was stored, and every later answer showing it failed.
TEST(Text, ValidUtf8RefusesOverlongSurrogatesAndBeyondUnicode) {
  for (std::string_view ok :
       {"", "a", "\xEF\xBF\xBD", "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF", "\xED\x9F\xBF", "é"}) {
    EXPECT_TRUE(valid_utf8(ok)) << ok;
  }
  for (std::string_view bad :
       {"\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xF0\x80\x80\xAF", "\xED\xA0\x80",
        "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF", "\x80", "\xE4\xBD", "a\xE4"}) {
    EXPECT_FALSE(valid_utf8(bad)) << testing::PrintToString(std::string(bad));
  }
}

TEST(Text, Split) {
  auto parts = split("a,b,,c", ',');
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[2], "");
  EXPECT_EQ(parts[3], "c");
}

}  // namespace
}  // namespace jixiao::text

namespace jixiao::text {
namespace {

TEST(Text, CsvFieldQuotesOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("区人大会议"), "区人大会议");
  EXPECT_EQ(csv_field("退回, 多付"), "\"退回, 多付\"");
  EXPECT_EQ(csv_field("说\"明\""), "\"说\"\"明\"\"\"");
  EXPECT_EQ(csv_field("两\n行"), "\"两\n行\"");
  EXPECT_EQ(csv_field("a\rb"), "\"a\rb\"");
  EXPECT_EQ(csv_field(""), "");
}

TEST(Text, ToHex) {
  const unsigned char bytes[] = {0x00, 0x0a, 0xff, 0x7f};
  EXPECT_EQ(to_hex(bytes, 4), "000aff7f");
  EXPECT_EQ(to_hex(bytes, 0), "");
}

}  // namespace
}  // namespace jixiao::text
