#include "core/clock.hpp"

#include <gtest/gtest.h>

namespace jixiao {
namespace {

std::chrono::system_clock::time_point at(std::string_view text) {
  auto t = parse_instant(text, 480);
  EXPECT_TRUE(t.has_value()) << text;
  return t.value_or(std::chrono::system_clock::time_point{});
}

TEST(Clock, TodayIsTheDayInBeijingNotInGreenwich) {
  // 2026-12-03T23:30Z is 07:30 on the 4th in Beijing: a user there is on the 4th.
  FixedClock beijing(at("2026-12-03T23:30:00Z"));
  EXPECT_EQ(beijing.today().to_string(), "2026-12-04");
  FixedClock utc(at("2026-12-03T23:30:00Z"), 0);
  EXPECT_EQ(utc.today().to_string(), "2026-12-03");
  // Just before local midnight stays on the day.
  FixedClock late(at("2026-12-04T23:59:59+08:00"));
  EXPECT_EQ(late.today().to_string(), "2026-12-04");
}

TEST(Clock, UtcIsoAndUnixSeconds) {
  FixedClock c(at("2022-09-30T10:00:00+08:00"));
  EXPECT_EQ(c.utc_iso(), "2022-09-30T02:00:00Z");
  EXPECT_EQ(c.unix_seconds(), 1664503200);
  FixedClock before_1970(at("1969-12-31T23:00:00Z"), 0);
  EXPECT_EQ(before_1970.utc_iso(), "1969-12-31T23:00:00Z");
  EXPECT_EQ(before_1970.today().to_string(), "1969-12-31");
}

TEST(Clock, ADateAloneIsLocalMidnight) {
  EXPECT_EQ(FixedClock(at("2022-09-30")).utc_iso(), "2022-09-29T16:00:00Z");
  EXPECT_EQ(FixedClock(at("2022-09-30")).today().to_string(), "2022-09-30");
}

TEST(Clock, ZonesAndTheirErrors) {
  EXPECT_EQ(parse_utc_offset("Asia/Shanghai").value(), 480);
  EXPECT_EQ(parse_utc_offset("UTC").value(), 0);
  EXPECT_EQ(parse_utc_offset("+05:30").value(), 330);
  EXPECT_EQ(parse_utc_offset("-0800").value(), -480);
  struct Bad {
    std::string_view zone;
    std::string message;
  };
  for (const Bad& b :
       {Bad{"Mars/Olympus",
            "时区无法识别: \"Mars/Olympus\"（可用 Asia/Shanghai、UTC 或 +08:00 这样的偏移）"},
        Bad{"+25:00",
            "时区无法识别: \"+25:00\"（可用 Asia/Shanghai、UTC 或 +08:00 这样的偏移）"}}) {
    auto r = parse_utc_offset(b.zone);
    ASSERT_FALSE(r.has_value()) << b.zone;
    EXPECT_EQ(r.error().message(), b.message);
  }
  for (std::string_view text :
       {"2022-09-3", "2022-09-30T25:00:00Z", "2022-09-30T10:00", "2022-09-30T10:00:00+99"}) {
    auto r = parse_instant(text, 480);
    ASSERT_FALSE(r.has_value()) << text;
    EXPECT_EQ(r.error().message(),
              "不是时刻: \"" + std::string(text) +
                  "\"（应为 2022-09-30、2022-09-30T10:00:00+08:00 或 2022-09-30T02:00:00Z）");
  }
}

TEST(Clock, TheWallClockMoves) {
  SystemClock wall;
  EXPECT_GT(wall.unix_seconds(), 1764547200);  // after 2025-12-01
  EXPECT_EQ(wall.utc_offset_minutes(), 480);
}

}  // namespace
}  // namespace jixiao
