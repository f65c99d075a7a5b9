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
                        Case{ErrorCode::unsupported, 415}, Case{ErrorCode::io, 500}, Case{ErrorCode::storage, 500},
                        Case{ErrorCode::internal, 500}}) {
    EXPECT_EQ(http_status(c.code), c.status) << to_string(c.code);
  }
}

TEST(ErrorMapping, BodyHasCodeMessageLocationAndCauses) {
  Error e = Error::invalid_input("2 处错误，未导入任何数据");
  e.add_cause(Error::invalid_input("不是金额: \"12,3x\"", {.file = "p.csv", .row = 17, .column = "金额"}));
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
