// server/error_mapping_test.cpp — Error → HTTP status and JSON body.
#include "server/error_mapping.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace jixiao::server {
namespace {

TEST(ErrorMapping, StatusPerCode) {
  struct Case {
    ErrorCode code;
    int status;
  };
  for (const Case& c : {Case{ErrorCode::invalid_input, 400}, Case{ErrorCode::permission, 403},
                        Case{ErrorCode::not_found, 404}, Case{ErrorCode::conflict, 409},
                        Case{ErrorCode::unsupported, 415}, Case{ErrorCode::io, 500},
                        Case{ErrorCode::storage, 500}, Case{ErrorCode::internal, 500}}) {
    EXPECT_EQ(http_status(c.code), c.status) << to_string(c.code);
  }
}

TEST(ErrorMapping, BodyHasCodeMessageLocationAndCauses) {
  Error e = Error::invalid_input("2 处错误，未导入任何数据");
  e.add_cause(
      Error::invalid_input("不是金额: \"12,3x\"", {.file = "p.csv", .row = 17, .column = "金额"}));
  auto j = nlohmann::json::parse(error_body(e));
  EXPECT_EQ(j["code"], "invalid_input");
  EXPECT_EQ(j["message"], "2 处错误，未导入任何数据");
  EXPECT_TRUE(j["location"].is_null());
  ASSERT_EQ(j["causes"].size(), 1u);
  EXPECT_EQ(j["causes"][0]["location"]["row"], 17);
  EXPECT_EQ(j["causes"][0]["location"]["column"], "金额");
  EXPECT_EQ(j["causes"][0]["location"]["file"], "p.csv");
  auto plain = nlohmann::json::parse(error_body("rate_limited", "稍后再试"));
  EXPECT_EQ(plain["code"], "rate_limited");
  EXPECT_FALSE(plain.contains("causes"));
}

}  // namespace
}  // namespace jixiao::server

namespace jixiao::server {
namespace {

// Issue 17: messages showed /tmp/jixiao-upload-… paths; more than 1,000 causes made a 608 MB body.
TEST(ErrorMapping, NoServerPathsAndAtMostAThousandCauses) {
  EXPECT_EQ(
      without_server_paths("不是可读的 DOCX 文件: /tmp/jixiao-upload-0a1b2c3d4e5f6a7b/报告.docx"),
      "不是可读的 DOCX 文件: 报告.docx");
  EXPECT_EQ(without_server_paths("/var/tmp/jixiao-upload-ff/a.csv 与 /tmp/jixiao-upload-ee/b.csv"),
            "a.csv 与 b.csv");
  EXPECT_EQ(without_server_paths("没有路径"), "没有路径");
  Error e = Error::invalid_input("导入失败", Location{"/tmp/jixiao-upload-99/p.csv"});
  for (int i = 0; i < 3000; ++i)
    e.add_cause(
        Error::invalid_input("不是金额", Location{"/tmp/jixiao-upload-99/p.csv", "", i + 2}));
  auto body = nlohmann::json::parse(error_body(e));
  EXPECT_EQ(body["location"]["file"], "p.csv");
  EXPECT_EQ(body["causes"].size(), 1000u);
  EXPECT_EQ(body["causes_total"], 3000);
  EXPECT_EQ(body["causes"][0]["location"]["file"], "p.csv");
}

// A message that holds bytes that are not UTF-8 is still answered (U+FFFD), never a 500.
TEST(ErrorMapping, InvalidUtf8InAMessageIsReplacedNotThrown) {
  auto body = nlohmann::json::parse(
      error_body(Error::invalid_input(std::string("没有这个单位: \xC0\xAF"))));
  EXPECT_EQ(body["message"], "没有这个单位: \xEF\xBF\xBD\xEF\xBF\xBD");
}

}  // namespace
}  // namespace jixiao::server
