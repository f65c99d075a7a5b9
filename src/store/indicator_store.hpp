// store/indicator_store.hpp — the indicator library's and the goals' repository.
//
// The library is append-only: versions are added, never changed or removed. Goals are kept
// per (unit, fiscal year): a write replaces that year's goal sets of the unit as a whole, and
// moves the goals' version (goal_version) on by one, so that concurrent edits are detected.
#pragma once

#include <cstdint>
#include <optional>
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
  virtual Result<void> append_indicator_versions(
      const std::vector<model::IndicatorVersion>& versions) = 0;

  // The goal sets of `unit_code` in `fiscal_year`: the overall set first, then by line code.
  // Each set's indicators in the order they were written.
  virtual Result<std::vector<model::GoalSet>> goal_sets(const std::string& unit_code,
                                                        int fiscal_year) = 0;

  // The (unit, year) pairs that have goals, ordered.
  struct GoalKey {
    std::string unit_code;
    int fiscal_year = 0;
  };
  virtual Result<std::vector<GoalKey>> goal_keys() = 0;

  // The version of the goals of `unit_code` in `fiscal_year`: 0 before their first write, then
  // one more at every replace_goal_sets. For a read-modify-write, read the version before the
  // goals: a write in between then shows as a conflict, never as a lost update.
  virtual Result<std::int64_t> goal_version(const std::string& unit_code, int fiscal_year) = 0;

  // Replaces every goal set of `unit_code` in `fiscal_year` by `sets`, in one transaction, and
  // returns the goals' new version. With `expected_version`, only if the stored version is still
  // that one (tested in the same statement that moves it on, so of two concurrent writes from
  // one version exactly one passes): else Error::conflict containing k_version_conflict
  // (workflow_store.hpp) and nothing written. Without it, the write always happens.
  // Requires: each set has that unit and year. Error::invalid_input naming the indicator when
  // a goal points at an indicator version the library does not have (nothing written).
  virtual Result<std::int64_t> replace_goal_sets(const std::string& unit_code, int fiscal_year,
                                                 const std::vector<model::GoalSet>& sets,
                                                 std::optional<std::int64_t> expected_version) = 0;
};

}  // namespace jixiao::store
