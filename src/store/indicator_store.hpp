// store/indicator_store.hpp — the indicator library's and the goals' repository.
//
// The library is append-only: versions are added, never changed or removed. Goals are kept
// per (unit, fiscal year): a write replaces that year's goal sets of the unit as a whole.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "model/indicator.hpp"

namespace jixiao::store {

class IndicatorStore {
 public:
  virtual ~IndicatorStore() = default;

  // Every version of every indicator, ordered by code, then version.
  virtual Result<std::vector<model::IndicatorVersion>> indicator_versions() = 0;

  // Appends `versions` in one transaction; sets each one's recorded_at.
  // Error::conflict naming the code and version when one exists already (nothing written).
  virtual Result<void> append_indicator_versions(const std::vector<model::IndicatorVersion>& versions) = 0;

  // The goal sets of `unit_code` in `fiscal_year`: the overall set first, then by line code.
  // Each set's indicators in the order they were written.
  virtual Result<std::vector<model::GoalSet>> goal_sets(const std::string& unit_code, int fiscal_year) = 0;

  // The (unit, year) pairs that have goals, ordered.
  struct GoalKey {
    std::string unit_code;
    int fiscal_year = 0;
  };
  virtual Result<std::vector<GoalKey>> goal_keys() = 0;

  // Replaces every goal set of `unit_code` in `fiscal_year` by `sets`, in one transaction.
  // Requires: each set has that unit and year. Error::invalid_input naming the indicator when
  // a goal points at an indicator version the library does not have (nothing written).
  virtual Result<void> replace_goal_sets(const std::string& unit_code, int fiscal_year,
                                         const std::vector<model::GoalSet>& sets) = 0;
};

}  // namespace jixiao::store
