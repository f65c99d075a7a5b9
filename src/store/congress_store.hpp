// store/congress_store.hpp — the repository of people's-congress work: deputies, suggestions
// (with their handling units, replies and feedback), deputies' activities and work records.
//
// Every write_* call is one transaction: all its rows are kept, or none (Error::storage).
// Writes are idempotent: a deputy or suggestion with the same code/number replaces the stored
// one; an activity or record with the same natural key (see each call) is updated, not doubled.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "model/congress.hpp"

namespace jixiao::store {

struct SuggestionQuery {
  int year = 0;           // year of 交办 (of receipt while not assigned); 0 = every year
  std::string unit_code;  // only suggestions this unit handles (lead or co); empty = all
};

// One full-text search hit.
struct SuggestionHit {
  std::string number;
  int year = 0;
  std::string title;
  std::string snippet;  // the matched passage, the match between 【 and 】
};

class CongressStore {
 public:
  virtual ~CongressStore() = default;

  // All deputies, ordered by code.
  virtual Result<std::vector<model::Deputy>> deputies() = 0;
  // Creates or replaces the deputies by code.
  virtual Result<void> write_deputies(const std::vector<model::Deputy>& deputies) = 0;

  // Suggestions matching `query`, ordered by number.
  virtual Result<std::vector<model::Suggestion>> suggestions(const SuggestionQuery& query) = 0;
  // The suggestion numbered `number`, or nullopt.
  virtual Result<std::optional<model::Suggestion>> suggestion(const std::string& number) = 0;
  // Creates or replaces the suggestions by number (handling units and search index included).
  virtual Result<void> write_suggestions(const std::vector<model::Suggestion>& suggestions) = 0;
  // Full-text search of titles and texts across all years (trigram index; queries shorter than
  // three characters scan). At most `limit` hits, best first. Error::invalid_input for an empty
  // query.
  virtual Result<std::vector<SuggestionHit>> search(const std::string& query, int limit) = 0;

  // Activities dated in `year` (all deputies when `deputy_code` is empty), by deputy, date.
  virtual Result<std::vector<model::DeputyActivity>> activities(
      int year, const std::string& deputy_code = {}) = 0;
  // Adds the activities; one with the same (deputy, date, kind, evidence) is updated.
  virtual Result<void> write_activities(const std::vector<model::DeputyActivity>& activities) = 0;

  // Work records dated in `year`, by date, kind, title.
  virtual Result<std::vector<model::WorkRecord>> records(int year) = 0;
  // Adds the records; one with the same (date, kind, title) is updated.
  virtual Result<void> write_records(const std::vector<model::WorkRecord>& records) = 0;
};

}  // namespace jixiao::store
