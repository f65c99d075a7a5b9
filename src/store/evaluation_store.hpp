// store/evaluation_store.hpp — the scoring repository: management-checklist answers (per
// unit per year, with evidence) and frozen evaluations (a submitted scorecard with the
// framework text and every input, reproducible byte for byte).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "model/evaluation.hpp"

namespace jixiao::store {

class EvaluationStore {
 public:
  virtual ~EvaluationStore() = default;

  // Answers of `fiscal_year` (all units when `unit_code` is empty), ordered by unit, key.
  virtual Result<std::vector<model::ChecklistAnswer>> checklist_answers(
      int fiscal_year, const std::string& unit_code = {}) = 0;
  // Writes `answers` in one transaction, replacing any earlier answer with the same
  // (unit, year, key); sets answered_at. Error::not_found when a unit code is unknown
  // (nothing written); Error::storage when the database fails (nothing written).
  virtual Result<void> save_checklist_answers(
      const std::vector<model::ChecklistAnswer>& answers) = 0;

  // Stores a frozen evaluation; returns it with its id and frozen_at set.
  // Frozen evaluations are never changed or deleted.
  virtual Result<model::FrozenEvaluation> freeze(const model::FrozenEvaluation& evaluation) = 0;
  virtual Result<std::optional<model::FrozenEvaluation>> frozen(std::int64_t id) = 0;
  // Frozen evaluations of `fiscal_year` (0 = all years) and `unit_code` (empty = all), oldest
  // first.
  virtual Result<std::vector<model::FrozenEvaluation>> frozen_evaluations(
      int fiscal_year, const std::string& unit_code = {}) = 0;
};

}  // namespace jixiao::store
