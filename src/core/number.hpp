// core/number.hpp — strict reading of numbers people type: query parameters, CLI options, JSON.
//
// std::from_chars and strtod accept "nan", "inf", "infinity" and hex floats; a NaN that reaches
// llround() or a comparison with a limit slips past every range check. These functions accept
// only a plain finite decimal ("95", "-3.5", "1e2") and refuse the rest, never clamp.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace jixiao {

// `text` (whole, no spaces) as a finite number: digits with an optional sign, point and
// exponent. nullopt for "nan", "inf", "0x1p3", "", "1e999" (out of range) and trailing text.
std::optional<double> parse_finite(std::string_view text);

// A number as typed into a form, a cell or an option: `text` trimmed, full-width digits made
// half-width ("９８") and one trailing % dropped ("91.6%" → 91.6), then parse_finite. The one
// reader of typed numbers for the CLI's what-if and the scoring answers.
std::optional<double> parse_typed_number(std::string_view text);

// parse_finite(`text`) within [`min`, `max`]. Error::invalid_input naming `field`
// ("参数 claimed 应为 0 到 100 之间的数: \"nan\"") otherwise.
Result<double> parse_number_in(std::string_view text, double min, double max,
                               const std::string& field);

}  // namespace jixiao
