// store/workflow_store.cpp — evaluation status names.
#include "store/workflow_store.hpp"

#include <array>

namespace jixiao::store {
namespace {

struct StatusName {
  EvaluationStatus status;
  std::string_view english;
  std::string_view chinese;
};
constexpr std::array<StatusName, 4> k_statuses = {{
    {EvaluationStatus::draft, "draft", "草稿"},
    {EvaluationStatus::submitted, "submitted", "已提交"},
    {EvaluationStatus::reviewed, "reviewed", "已复核"},
    {EvaluationStatus::returned, "returned", "已退回"},
}};

}  // namespace

std::string_view to_string(EvaluationStatus status) {
  return k_statuses[static_cast<std::size_t>(status)].english;
}
std::string_view chinese_name(EvaluationStatus status) {
  return k_statuses[static_cast<std::size_t>(status)].chinese;
}

std::optional<EvaluationStatus> parse_evaluation_status(std::string_view text) {
  for (const auto& s : k_statuses) {
    if (text == s.english || text == s.chinese) return s.status;
  }
  return std::nullopt;
}

}  // namespace jixiao::store
