// monitor/monitor_json.hpp — the monitoring result's pieces as JSON: the one shape of a warning
// and of an advice item, written here for `jixiao monitor --format json`, GET /api/monitor and
// the dashboards alike (docs/formats.md "Monitor JSON" is their contract).
#pragma once

#include <nlohmann/json.hpp>

#include "monitor/monitor.hpp"

namespace jixiao::monitor {

// {level, level_name, kind, kind_name, unit_code, line_code, name, at_risk, reason}
nlohmann::ordered_json warning_json(const Warning& warning);
// {kind (reduce|transfer|overrun), kind_name, unit_code, line_code, name, amount, paid, committed,
//  budget_after, to_line_code, deadline, probability_below: {"90": 0.78, …}, evidence, message} —
// message: the advice as one sentence for a to-do list ("调减 P005 … 万元：…；请在 2022-10-31 前
// 办理"); probability_below: the line's chance of ending the year below each cutoff of
// `cutoffs_percent` (MonitorOptions::cutoffs_percent of the run; default_cutoffs_percent()).
nlohmann::ordered_json advice_json(const Advice& advice,
                                   const std::vector<std::int64_t>& cutoffs_percent);

// MonitorOptions' default cutoffs, {90, 95}, for callers that monitor with the defaults.
const std::vector<std::int64_t>& default_cutoffs_percent();

}  // namespace jixiao::monitor
