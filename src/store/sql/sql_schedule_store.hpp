// store/sql/sql_schedule_store.hpp — the schedule in SQL (both backends) (internal to store/).
#pragma once

#include "store/schedule_store.hpp"
#include "store/sql/sql_db.hpp"

namespace jixiao::store::sql {

class SqlScheduleStore final : public ScheduleStore {
 public:
  explicit SqlScheduleStore(Database& db) : m_db(db) {}

  Result<std::vector<model::ScheduleCurve>> curves() override;
  Result<void> replace_curves(const std::vector<model::ScheduleCurve>& curves) override;
  Result<bool> remove_curve(model::ScopeKind scope, const std::string& unit_code,
                            const std::string& line_code) override;
  Result<std::vector<model::SpendingPlan>> spending_plans(int fiscal_year) override;
  Result<void> replace_spending_plans(const std::vector<model::SpendingPlan>& plans) override;
  Result<std::int64_t> remove_spending_plans(int fiscal_year, const std::string& unit_code,
                                             const std::string& line_code) override;

 private:
  Database& m_db;
};

}  // namespace jixiao::store::sql
