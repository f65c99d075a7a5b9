// scoring/formula.hpp — the formula rule's expressions, compiled by muParser (internal to
// scoring/; muParser's headers stay in formula.cpp).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace jixiao::scoring {

// An expression over named variables, e.g. "min(points, points * x / 100)".
// Functions: muParser's built-ins (min, max, sum, avg, abs, rint, sqrt …),
// the ternary `c ? a : b`, comparisons and && ||; plus floor(x) and ceil(x).
// One thread at a time per Formula.
class Formula {
 public:
  // Error::invalid_input "公式无法解析: <muParser's message>" on a syntax error or an unknown
  // variable.
  static Result<Formula> compile(const std::string& expression,
                                 const std::vector<std::string>& variables);
  Formula(Formula&&) noexcept;
  Formula& operator=(Formula&&) noexcept;
  ~Formula();

  // Evaluates with `values` in the order of the variables given to compile().
  // Error::invalid_input "公式计算失败: …" on a runtime error (e.g. a NaN result).
  Result<double> evaluate(const std::vector<double>& values);

 private:
  struct Impl;
  Formula();
  std::unique_ptr<Impl> m_impl;
};

}  // namespace jixiao::scoring
