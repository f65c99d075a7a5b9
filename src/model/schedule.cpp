// model/schedule.cpp — the schedule's plain types.
#include "model/schedule.hpp"

namespace jixiao::model {

std::string_view to_string(ScopeKind kind) {
  switch (kind) {
    case ScopeKind::region:
      return "region";
    case ScopeKind::unit:
      return "unit";
    case ScopeKind::line:
      return "line";
  }
  return "region";
}

Money SpendingPlan::total() const {
  Money t;
  for (Money m : months) t += m;
  return t;
}

}  // namespace jixiao::model
