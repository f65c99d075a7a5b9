// store/workflow_store.hpp — the review workflow of self-evaluations (自评 → 复核).
//
// One evaluation per (unit, fiscal year). A department edits its draft, submits it (the
// inputs and the computed result are frozen in `snapshot_json`), and the finance bureau
// either accepts it (reviewed, with the review score 复核分) or returns it with comments; a
// returned evaluation is editable again:
//
//   draft ──submit──► submitted ──review──► reviewed
//     ▲                   │
//     └──── returned ◄────┘ (return)        returned ──edit/submit──► …
//
// The store enforces the transitions: a write that does not start from an allowed state is
// Error::conflict with a message that says the state it found.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace jixiao::store {

// The message of the Error::conflict save_draft returns when `expected_version` is stale; the
// caller re-reads the record to show the current version.
inline constexpr std::string_view k_version_conflict = "已被他人修改";

// Stored as text; do not rename.
enum class EvaluationStatus : std::uint8_t { draft, submitted, reviewed, returned };
std::string_view to_string(EvaluationStatus status);
std::string_view chinese_name(EvaluationStatus status);  // 草稿 / 已提交 / 已复核 / 已退回
std::optional<EvaluationStatus> parse_evaluation_status(std::string_view text);

struct EvaluationRecord {
  std::int64_t id = 0;
  std::string unit_code;
  int fiscal_year = 0;
  EvaluationStatus status = EvaluationStatus::draft;
  std::string inputs_json =
      "{}";  // what the department entered (goals' actuals, answers, claimed score …)
  std::string snapshot_json = "null";  // frozen at submission: inputs plus the computed result
  std::int64_t self_score_centi = 0;   // 自评分 × 100 (98.00 → 9800)
  std::optional<std::int64_t> review_score_centi;  // 复核分 × 100, set by the bureau
  std::string review_comment;  // the bureau's comments (on return or acceptance)
  std::string submitted_by, submitted_at;
  std::string reviewed_by, reviewed_at;
  std::string updated_by, updated_at;
  std::int64_t version = 0;  // increments on every write
};

class WorkflowStore {
 public:
  virtual ~WorkflowStore() = default;

  // Evaluations of `fiscal_year` (0 = every year), of `unit_code` (empty = all), by unit then year.
  virtual Result<std::vector<EvaluationRecord>> evaluations(int fiscal_year,
                                                            const std::string& unit_code) = 0;
  virtual Result<std::optional<EvaluationRecord>> find_evaluation(const std::string& unit_code,
                                                                  int fiscal_year) = 0;

  // Creates the draft or updates it (inputs and self score). Allowed from draft or returned
  // (a returned one stays returned until resubmitted); Error::conflict "已提交，不能修改"
  // otherwise. With `expected_version` (optimistic concurrency: the version the user's edit started
  // from), the update happens only if the stored version is still that one, checked in the UPDATE
  // itself so that two concurrent saves cannot both pass; otherwise VersionConflict.
  virtual Result<EvaluationRecord> save_draft(
      const std::string& unit_code, int fiscal_year, const std::string& inputs_json,
      std::int64_t self_score_centi, const std::string& user,
      std::optional<std::int64_t> expected_version = std::nullopt) = 0;
  // draft|returned → submitted, freezing `snapshot_json`. Error::not_found without a draft.
  virtual Result<EvaluationRecord> submit(const std::string& unit_code, int fiscal_year,
                                          const std::string& snapshot_json,
                                          std::int64_t self_score_centi,
                                          const std::string& user) = 0;
  // submitted → reviewed (accept, with the review score) or → returned (with comments).
  enum class Decision { accept, give_back };
  virtual Result<EvaluationRecord> review(const std::string& unit_code, int fiscal_year,
                                          Decision decision,
                                          std::optional<std::int64_t> review_score_centi,
                                          const std::string& comment, const std::string& user) = 0;
};

}  // namespace jixiao::store
