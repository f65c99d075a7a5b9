// congress/congress_json.hpp — the congress module's JSON: one shape each for the CLI's
// `--format json` and the /api/congress routes (docs/api.md), so the two cannot drift apart.
#pragma once

#include <nlohmann/json.hpp>

#include "congress/congress.hpp"

namespace jixiao::congress {

// {number, title, text, lead_deputy, co_deputies, term, session_no, period, category, received,
//  assigned, complex, deadline, lead_unit, co_units, reply, second_deadline, second_reply,
//  supervisor, actions}; deadlines by `rules`; a reply: {date, class, class_name, text, feedback,
//  feedback_date} or null.
nlohmann::json suggestion_json(const model::Suggestion& suggestion, const DeadlineRules& rules);

// {code, name, level (Chinese), delegation, station, term}.
nlohmann::json deputy_json(const model::Deputy& deputy);

// {proposed_lead_unit, confidence, proposed_co_units, similar: [{number, year, title, lead_unit,
//  co_units, similarity}]}; confidence and similarity to three decimals.
nlohmann::json proposal_json(const HandlerProposal& proposal);

// The quantified assessment: {year, rules_source, items: [{code, name, delegation, total,
//  rank_in_delegation, suggestions_led, suggestions_cosigned (counts), people_received,
//  lines: [{item, label, count, points, explanation}], activities}]}. Only the deputy `only`
//  when not empty (then with the activities: [{date, kind, people, evidence}]), only the
//  delegation `delegation` when not empty. (Not the rules' file: a server's paths stay its own.)
nlohmann::json duty_json(int year, const PointsRules& rules, const std::vector<DutyRecord>& records,
                         std::string_view only = {}, std::string_view delegation = {});

}  // namespace jixiao::congress
