// ledger/summary_json.hpp — the ledger summary as the documented JSON and CSV contracts
// (docs/formats.md, "Summary JSON"): exact amounts in 元 as strings, shared by CLI and API.
#pragma once

#include <string>

#include "ledger/ledger.hpp"

namespace jixiao::ledger {

// {"year", "as_of", "by", "totals", "units": [{"code", "name", "budget", "executed",
//  "execution_rate", …, "lines" | "groups": […]}]}, pretty-printed with `indent` (-1: compact).
std::string summary_to_json(const Summary& summary, int indent = 2);

// One row per unit and group: unit_code, unit_name, key, label, initial_budget, adjustments,
// budget, executed, execution_rate, unspent (元, exact).
std::string summary_to_csv(const Summary& summary);

}  // namespace jixiao::ledger
