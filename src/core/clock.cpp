// core/clock.cpp — wall and fixed clocks, zones as fixed offsets.
#include "core/clock.hpp"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>

namespace jixiao {
namespace {

using std::chrono::system_clock;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// "+08:00" / "-0530" / "+8" → minutes; nullopt when not of that form.
std::optional<int> parse_signed_offset(std::string_view s) {
  if (s.size() < 2 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  const int sign = s[0] == '-' ? -1 : 1;
  std::string_view rest = s.substr(1);
  std::string_view hh = rest, mm;
  if (auto colon = rest.find(':'); colon != std::string_view::npos) {
    hh = rest.substr(0, colon);
    mm = rest.substr(colon + 1);
  } else if (rest.size() == 4) {
    hh = rest.substr(0, 2);
    mm = rest.substr(2);
  }
  if (!all_digits(hh) || hh.size() > 2 || (!mm.empty() && (!all_digits(mm) || mm.size() != 2)))
    return std::nullopt;
  const int h = to_int(hh), m = mm.empty() ? 0 : to_int(mm);
  if (h > 14 || m > 59) return std::nullopt;
  return sign * (h * 60 + m);
}

}  // namespace

Date Clock::today() const {
  const std::int64_t local = unix_seconds() + std::int64_t{utc_offset_minutes()} * 60;
  return Date::from_days(static_cast<std::int32_t>(floor_div(local, 86400)));
}

std::int64_t Clock::unix_seconds() const {
  return std::chrono::duration_cast<std::chrono::seconds>(now().time_since_epoch()).count();
}

std::string Clock::utc_iso() const {
  const std::int64_t s = unix_seconds();
  const Date d = Date::from_days(static_cast<std::int32_t>(floor_div(s, 86400)));
  const std::int64_t in_day = s - floor_div(s, 86400) * 86400;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.year(), d.month(), d.day(),
                static_cast<int>(in_day / 3600), static_cast<int>(in_day / 60 % 60),
                static_cast<int>(in_day % 60));
  return buf;
}

system_clock::time_point SystemClock::now() const { return system_clock::now(); }

const Clock& wall_clock() {
  static const SystemClock wall;
  return wall;
}

Result<int> parse_utc_offset(std::string_view zone) {
  if (zone == "UTC" || zone == "Etc/UTC" || zone == "Z") return 0;
  // Every zone of the People's Republic keeps UTC+8 all year (no daylight saving since 1991).
  for (std::string_view z : {"Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "Asia/Urumqi",
                             "Asia/Hong_Kong", "Asia/Macau", "PRC", "CST-8"}) {
    if (zone == z) return 480;
  }
  if (auto m = parse_signed_offset(zone)) return *m;
  return fail(Error::invalid_input("时区无法识别: \"" + std::string(zone) +
                                   "\"（可用 Asia/Shanghai、UTC 或 +08:00 这样的偏移）"));
}

Result<system_clock::time_point> parse_instant(std::string_view text, int utc_offset_minutes) {
  auto bad = [&] {
    return Error::invalid_input(
        "不是时刻: \"" + std::string(text) +
        "\"（应为 2022-09-30、2022-09-30T10:00:00+08:00 或 2022-09-30T02:00:00Z）");
  };
  if (text.size() < 10) return fail(bad());
  auto date = parse_date(text.substr(0, 10));
  if (!date) return fail(bad());
  std::int64_t seconds = std::int64_t{date->days()} * 86400;
  int offset = utc_offset_minutes;
  std::string_view rest = text.substr(10);
  if (!rest.empty()) {
    if (rest[0] != 'T' && rest[0] != ' ') return fail(bad());
    rest.remove_prefix(1);
    if (rest.size() < 8 || rest[2] != ':' || rest[5] != ':' || !all_digits(rest.substr(0, 2)) ||
        !all_digits(rest.substr(3, 2)) || !all_digits(rest.substr(6, 2))) {
      return fail(bad());
    }
    const int h = to_int(rest.substr(0, 2)), m = to_int(rest.substr(3, 2)),
              s = to_int(rest.substr(6, 2));
    if (h > 23 || m > 59 || s > 60) return fail(bad());
    seconds += h * 3600 + m * 60 + s;
    std::string_view zone = rest.substr(8);
    if (zone == "Z") {
      offset = 0;
    } else if (!zone.empty()) {
      auto z = parse_signed_offset(zone);
      if (!z) return fail(bad());
      offset = *z;
    }
  }
  seconds -= std::int64_t{offset} * 60;
  return system_clock::time_point(std::chrono::seconds(seconds));
}

Result<const Clock*> process_clock() {
  static std::once_flag once;
  static std::unique_ptr<Clock> clock;
  static std::optional<Error> error;
  std::call_once(once, [] {
    int offset = 480;
    if (const char* tz = std::getenv("JIXIAO_TZ"); tz && *tz) {
      auto o = parse_utc_offset(tz);
      if (!o) {
        error = o.error().add_context("环境变量 JIXIAO_TZ");
        return;
      }
      offset = *o;
    }
    if (const char* at = std::getenv("JIXIAO_NOW"); at && *at) {
      auto t = parse_instant(at, offset);
      if (!t) {
        error = t.error().add_context("环境变量 JIXIAO_NOW");
        return;
      }
      clock = std::make_unique<FixedClock>(*t, offset);
      return;
    }
    clock = std::make_unique<SystemClock>(offset);
  });
  if (error) return fail(*error);
  return static_cast<const Clock*>(clock.get());
}

}  // namespace jixiao
