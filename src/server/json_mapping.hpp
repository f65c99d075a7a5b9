// server/json_mapping.hpp — the JSON of the types routes return. Monitoring's warnings and
// advice take monitor_json's one shape, the same as `jixiao monitor --format json`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "monitor/monitor.hpp"
#include "server/auth.hpp"
#include "server/request.hpp"
#include "store/store.hpp"

namespace jixiao::server {

std::string score_text(std::int64_t centi);  // 9850 → "98.50"
// JSON of the types routes return.
Json to_json(const Principal& user);
Json to_json(const store::User& user);
Json to_json(const store::EvaluationRecord& record);
Json to_json(const store::AuditEntry& entry);
Json to_json(const model::Unit& unit);

// `only` limits the output to those indexes (all when null).
Json warnings_json(const monitor::MonitorResult& result,
                   const std::vector<std::size_t>* only = nullptr);
Json advice_json(const monitor::MonitorResult& result,
                 const std::vector<std::size_t>* only = nullptr);
// P(year-end execution < 90 %) of a forecast, in percent with one decimal; null when not computed
// (the monitor computes one probability per MonitorOptions::cutoffs_percent, 90 and 95 by default).
Json probability_below_90(const monitor::Probabilities& p);

}  // namespace jixiao::server
