// scoring/formula.cpp — Formula over muParser. muParser throws mu::Parser::exception_type;
// it is caught here and turned into Error (STYLE.md §7.3: no third-party exception crosses
// the module boundary).
#include "scoring/formula.hpp"

#include <muParser.h>

#include <cmath>

namespace jixiao::scoring {
namespace {

mu::value_type floor_of(mu::value_type v) { return std::floor(v); }
mu::value_type ceil_of(mu::value_type v) { return std::ceil(v); }

}  // namespace

struct Formula::Impl {
  mu::Parser parser;
  std::vector<double> slots;  // the variables muParser reads, bound by address
};

Formula::Formula() : m_impl(std::make_unique<Impl>()) {}
Formula::Formula(Formula&&) noexcept = default;
Formula& Formula::operator=(Formula&&) noexcept = default;
Formula::~Formula() = default;

Result<Formula> Formula::compile(const std::string& expression,
                                 const std::vector<std::string>& variables) {
  Formula f;
  f.m_impl->slots.assign(variables.size(), 1.0);
  try {
    f.m_impl->parser.DefineFun("floor", floor_of);
    f.m_impl->parser.DefineFun("ceil", ceil_of);
    for (std::size_t i = 0; i < variables.size(); ++i) {
      f.m_impl->parser.DefineVar(variables[i], &f.m_impl->slots[i]);
    }
    f.m_impl->parser.SetExpr(expression);
    // Evaluating once makes muParser parse now, so syntax errors and unknown variables are
    // reported when the framework loads rather than when a unit is scored.
    (void)f.m_impl->parser.Eval();
  } catch (const mu::Parser::exception_type& e) {
    return fail(Error::invalid_input("公式无法解析: " + e.GetMsg()));
  }
  return f;
}

Result<double> Formula::evaluate(const std::vector<double>& values) {
  JIXIAO_ASSERT(values.size() == m_impl->slots.size(),
                "formula called with its declared variables");
  for (std::size_t i = 0; i < values.size(); ++i) m_impl->slots[i] = values[i];
  try {
    double v = m_impl->parser.Eval();
    if (!std::isfinite(v)) return fail(Error::invalid_input("公式计算失败: 结果不是有限数"));
    return v;
  } catch (const mu::Parser::exception_type& e) {
    return fail(Error::invalid_input("公式计算失败: " + e.GetMsg()));
  }
}

}  // namespace jixiao::scoring
