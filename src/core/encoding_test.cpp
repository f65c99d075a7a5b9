// core/encoding_test.cpp — UTF-8 (with or without BOM) and GB18030 bytes to UTF-8; the refusals.
#include "core/encoding.hpp"

#include <gtest/gtest.h>

namespace jixiao::text {
namespace {

TEST(Encoding, Utf8PassesAndBomIsDropped) {
  std::string enc;
  EXPECT_EQ(*to_utf8("预算,100\n", "a.csv", &enc), "预算,100\n");
  EXPECT_EQ(enc, "UTF-8");
  EXPECT_EQ(*to_utf8("\xEF\xBB\xBF"
                     "预算",
                     "a.csv", &enc),
            "预算");
  EXPECT_EQ(enc, "UTF-8");
}

TEST(Encoding, Gb18030IsConverted) {
  std::string enc;
  // "预算执行率" in GB18030 (two-byte forms), then U+20000 (a four-byte form) and "é".
  auto r = to_utf8(
      "\xd4\xa4\xcb\xe3\xd6\xb4\xd0\xd0\xc2\xca,1\n"
      "\x95\x32\x82\x36"
      "\xa8\xa6",
      "b.csv", &enc);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(*r,
            "预算执行率,1\n"
            "\xF0\xA0\x80\x80"
            "é");
  EXPECT_EQ(enc, "GB18030");
}

TEST(Encoding, NeitherIsRefusedNamingTheFile) {
  // 0xFF is no lead byte in GB18030; a cut-off two-byte form at the end is not whole either.
  for (std::string bytes : {std::string("\xff\xfe\x41"), std::string("\xd4\xa4\xcb")}) {
    auto r = to_utf8(bytes, "c.csv");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), ErrorCode::invalid_input);
    EXPECT_NE(r.error().message().find("既不是 UTF-8 也不是 GB18030"), std::string::npos);
    EXPECT_EQ(r.error().location().file, "c.csv");
  }
}

TEST(Encoding, Utf8WithAFewBadBytesIsNotReadAsGb18030) {
  std::string s = "单位名称预算执行情况说明";  // 12 good multi-byte sequences
  s += "\xff";
  EXPECT_TRUE(mostly_utf8(s));
  EXPECT_FALSE(mostly_utf8("预算"));  // no bad byte
  auto r = to_utf8(s, "d.csv");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("有字节不是有效的 UTF-8"), std::string::npos);
}

}  // namespace
}  // namespace jixiao::text
