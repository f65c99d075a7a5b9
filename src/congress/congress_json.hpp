// congress/congress_json.hpp — a suggestion as JSON: the one shape of `jixiao congress suggestions
// show|list --format json` and of the /api/congress/suggestions routes (and their audit entries).
#pragma once

#include <nlohmann/json.hpp>

#include "congress/congress.hpp"

namespace jixiao::congress {

// {number, title, text, lead_deputy, co_deputies, term, session_no, period, category, received,
//  assigned, complex, deadline, lead_unit, co_units, reply, second_deadline, second_reply,
//  supervisor, actions}; deadlines by `rules`; a reply: {date, class, class_name, text, feedback,
//  feedback_date} or null.
nlohmann::json suggestion_json(const model::Suggestion& suggestion, const DeadlineRules& rules);

}  // namespace jixiao::congress
