// model/evaluation.cpp — names of the evaluation enums.
#include "model/evaluation.hpp"

namespace jixiao::model {

std::string_view to_string(InputStatus status) {
  switch (status) {
    case InputStatus::present:
      return "present";
    case InputStatus::missing:
      return "missing";
    case InputStatus::not_applicable:
      return "not_applicable";
  }
  return "missing";
}

std::optional<InputStatus> parse_input_status(std::string_view text) {
  if (text == "present") return InputStatus::present;
  if (text == "missing") return InputStatus::missing;
  if (text == "not_applicable") return InputStatus::not_applicable;
  return std::nullopt;
}

}  // namespace jixiao::model
