// store/sql/sql_indicator_store.hpp — the indicator library and goals in SQL (both backends)
// (internal to store/; included by the backends).
#pragma once

#include "store/indicator_store.hpp"
#include "store/sql/sql_db.hpp"

namespace jixiao::store::sql {

class SqlIndicatorStore final : public IndicatorStore {
 public:
  explicit SqlIndicatorStore(Database& db) : m_db(db) {}

  Result<std::vector<model::IndicatorVersion>> indicator_versions() override;
  Result<void> append_indicator_versions(
      const std::vector<model::IndicatorVersion>& versions) override;
  Result<std::vector<model::GoalSet>> goal_sets(const std::string& unit_code,
                                                int fiscal_year) override;
  Result<std::vector<GoalKey>> goal_keys() override;
  Result<std::int64_t> goal_version(const std::string& unit_code, int fiscal_year) override;
  Result<std::int64_t> replace_goal_sets(const std::string& unit_code, int fiscal_year,
                                         const std::vector<model::GoalSet>& sets,
                                         std::optional<std::int64_t> expected_version) override;

 private:
  Database& m_db;
};

}  // namespace jixiao::store::sql
