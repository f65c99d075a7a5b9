// store/narrative_store.hpp — the paragraphs a department writes for its self-evaluation report
// (部门概况, 年度总体工作, 工作成效 …), kept per unit, year and key; and the department's own
// scores where they differ from the computed ones (score overrides, with their reasons).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace jixiao::store {

struct Narrative {
  std::string unit_code;
  int fiscal_year = 0;
  std::string key;         // report::to_string(NarrativeKey): "profile", "achievements" …
  std::string text;        // paragraphs separated by newlines
  std::string updated_at;  // ISO 8601, UTC; set by the store
  std::string updated_by;  // user name
};

// The department's own score for one indicator of its 自评表, overriding the computed one.
struct ScoreOverride {
  std::string unit_code;
  int fiscal_year = 0;
  std::string item;        // framework item number: "1.2.3"
  std::string score;       // points as written: "8", "7.5"
  std::string reason;      // why it differs from the computed score (shown to the reviewer)
  std::string updated_at;  // ISO 8601, UTC; set by the store
  std::string updated_by;  // user name
};

class NarrativeStore {
 public:
  virtual ~NarrativeStore() = default;

  // The narratives of `unit_code` in `fiscal_year`, ordered by key.
  virtual Result<std::vector<Narrative>> narratives(const std::string& unit_code,
                                                    int fiscal_year) = 0;
  // Every narrative of `fiscal_year`, for all units, ordered by unit and key.
  virtual Result<std::vector<Narrative>> narratives_of_year(int fiscal_year) = 0;
  // Creates or replaces the narrative (unit, year, key); sets updated_at.
  // Error::storage when the database fails.
  virtual Result<void> set_narrative(const Narrative& narrative) = 0;
  // Removes the narrative; false when there was none.
  virtual Result<bool> remove_narrative(const std::string& unit_code, int fiscal_year,
                                        const std::string& key) = 0;

  // Score overrides (migration 010): the department's own scores, ordered by item.
  virtual Result<std::vector<ScoreOverride>> score_overrides(const std::string& unit_code,
                                                             int fiscal_year) = 0;
  // Creates or replaces the override of (unit, year, item); sets updated_at.
  virtual Result<void> set_score_override(const ScoreOverride& override_) = 0;
  // Removes the override; false when there was none.
  virtual Result<bool> remove_score_override(const std::string& unit_code, int fiscal_year,
                                             const std::string& item) = 0;
};

}  // namespace jixiao::store
