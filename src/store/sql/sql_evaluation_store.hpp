// store/sql/sql_evaluation_store.hpp — checklist answers and frozen evaluations in
// SQL, both backends (internal to store/; migration 004).
#pragma once

#include "store/evaluation_store.hpp"
#include "store/sql/sql_db.hpp"

namespace jixiao::store::sql {

class SqlEvaluationStore final : public EvaluationStore {
 public:
  explicit SqlEvaluationStore(Database& db) : m_db(db) {}

  Result<std::vector<model::ChecklistAnswer>> checklist_answers(
      int fiscal_year, const std::string& unit_code) override;
  Result<void> save_checklist_answers(const std::vector<model::ChecklistAnswer>& answers) override;
  Result<model::FrozenEvaluation> freeze(const model::FrozenEvaluation& evaluation) override;
  Result<std::optional<model::FrozenEvaluation>> frozen(std::int64_t id) override;
  Result<std::vector<model::FrozenEvaluation>> frozen_evaluations(
      int fiscal_year, const std::string& unit_code) override;

 private:
  Database& m_db;
};

}  // namespace jixiao::store::sql
