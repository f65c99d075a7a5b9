// core/clock.hpp — the one place jixiao reads the time of day.
//
// "Today" decides which month a monitoring run is in, which date a report is as of and which
// version of the indicator library is current, so it must be the user's day: a finance officer
// in Beijing at 07:30 is on the 4th, even though UTC is still on the 3rd. Every presenter (the
// CLI's Context, the server's App) holds a Clock and asks it; tests and reproducible runs pass a
// FixedClock. Nothing outside this module calls system_clock::now() (acceptance 15 checks it).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/result.hpp"

namespace jixiao {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point now() const = 0;
  // The clock's zone as minutes east of UTC (Asia/Shanghai: 480).
  virtual int utc_offset_minutes() const = 0;

  // The calendar day of now() in the clock's zone.
  Date today() const;
  // Seconds since 1970-01-01T00:00:00Z.
  std::int64_t unix_seconds() const;
  // now() as "2026-12-04T07:30:00Z": how stores record when something happened.
  std::string utc_iso() const;
};

// The wall clock in a fixed zone.
class SystemClock final : public Clock {
 public:
  explicit SystemClock(int utc_offset_minutes = 480) : m_offset(utc_offset_minutes) {}
  std::chrono::system_clock::time_point now() const override;
  int utc_offset_minutes() const override { return m_offset; }

 private:
  int m_offset;
};

// Always the same instant: tests, and runs that must give the same output tomorrow.
class FixedClock final : public Clock {
 public:
  FixedClock(std::chrono::system_clock::time_point at, int utc_offset_minutes = 480)
      : m_at(at), m_offset(utc_offset_minutes) {}
  std::chrono::system_clock::time_point now() const override { return m_at; }
  int utc_offset_minutes() const override { return m_offset; }
  void set(std::chrono::system_clock::time_point at) { m_at = at; }

 private:
  std::chrono::system_clock::time_point m_at;
  int m_offset;
};

// A zone's offset: "Asia/Shanghai" (and the other zones of China, which keep UTC+8 all year
// since 1991), "UTC", or "+08:00" / "-05:30". Error::invalid_input naming the value otherwise.
Result<int> parse_utc_offset(std::string_view zone);

// An instant: "2022-09-30T10:00:00+08:00", "…Z", or a date "2022-09-30" (its local midnight in
// a zone `utc_offset_minutes` east of UTC).
Result<std::chrono::system_clock::time_point> parse_instant(std::string_view text,
                                                            int utc_offset_minutes);

// The wall clock (Asia/Shanghai), for instants that must be real whatever a run pretends:
// session expiry, "recorded at" stamps.
const Clock& wall_clock();

// The process's clock: $JIXIAO_NOW (an instant, see parse_instant) when set, so that a whole run
// is reproducible, else the wall clock; in the zone of $JIXIAO_TZ (default Asia/Shanghai).
// Error::invalid_input naming the variable when either is malformed.
Result<const Clock*> process_clock();

}  // namespace jixiao
