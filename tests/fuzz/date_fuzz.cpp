// tests/fuzz/date_fuzz.cpp — core/date: parse_date on any text; a date it accepts prints as
// YYYY-MM-DD and parses back to the same day.
#include "core/date.hpp"
#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jixiao;
  fuzz::Input in(data, size);
  const std::string_view text = in.rest();
  auto date = parse_date(text);
  if (!date) {
    if (date.error().message().empty()) fuzz::broken("parse_date refused without a message", text);
    return 0;
  }
  const std::string shown = date->to_string();
  auto back = parse_date(shown);
  if (!back) fuzz::broken("Date::to_string gave text parse_date refuses", shown);
  if (back->days() != date->days()) fuzz::broken("to_string → parse_date changed the day", shown);
  return 0;
}
