// tests/fuzz/formula_fuzz.cpp — the formula rule kind (scoring/formula.hpp, muParser) on any
// expression over the variables x, y and points: it compiles or is refused with a message, and
// evaluates to a number or a refusal (never NaN or infinity as a result).
#include <cmath>
#include <string>
#include <vector>

#include "fuzz.hpp"
#include "scoring/formula.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jixiao;
  fuzz::Input in(data, size);
  const std::string expression(in.rest());
  auto formula = scoring::Formula::compile(expression, {"x", "y", "points"});
  if (!formula) {
    if (formula.error().message().empty())
      fuzz::broken("a formula was refused without a message", expression);
    return 0;
  }
  for (const std::vector<double>& values :
       {std::vector<double>{91.55, 100, 10}, std::vector<double>{0, 0, 0},
        std::vector<double>{-1e308, 1e308, 5}}) {
    auto value = formula->evaluate(values);
    if (value && !std::isfinite(*value))
      fuzz::broken("a formula evaluated to NaN or infinity", expression);
  }
  return 0;
}
