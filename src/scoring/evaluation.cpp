// scoring/evaluation.cpp — a year's scoring as every caller does it: the ledgers and figures of
// the year (ScoringYear), one unit's live scorecard, the ranking of all units, and "the unit's
// evaluation of the year" (the latest frozen one, re-scored, else the live one).
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "ledger/ledger.hpp"
#include "scoring/scoring.hpp"
#include "store/store.hpp"

namespace jixiao::scoring {

Result<ScoringYear> ScoringYear::load(store::Store& store, int fiscal_year) {
  auto ledger = ledger::Ledger::load(store, fiscal_year);
  if (!ledger) return fail(std::move(ledger.error()));
  auto last = ledger::Ledger::load(store, fiscal_year - 1);
  if (!last) return fail(std::move(last.error()));
  return ScoringYear(std::make_shared<const ledger::Ledger>(std::move(*ledger)),
                     std::make_shared<const ledger::Ledger>(std::move(*last)));
}

ScoringYear::ScoringYear(std::shared_ptr<const ledger::Ledger> ledger,
                         std::shared_ptr<const ledger::Ledger> last_year)
    : m_ledger(std::move(ledger)), m_last_year(std::move(last_year)) {
  JIXIAO_ASSERT(m_ledger != nullptr, "ScoringYear needs the year's ledger");
  // A year before without budget lines is no year before: its rates would divide by 0.
  if (m_last_year && m_last_year->lines().empty()) m_last_year.reset();
  m_figures = ledger_figures(*m_ledger, m_last_year.get());
}

int ScoringYear::fiscal_year() const { return m_ledger->fiscal_year(); }

const LedgerFigures* ScoringYear::unit_figures(const std::string& unit_code) const {
  // ledger_figures gives one entry per unit, in the ledger's unit order.
  auto id = m_ledger->find_unit(unit_code);
  return id ? &m_figures[*id] : nullptr;
}

std::optional<LedgerFigures> ScoringYear::line_figures(const std::string& unit_code,
                                                       const std::string& line_code) const {
  return scoring::line_figures(*m_ledger, unit_code, line_code, m_last_year.get());
}

Result<Scorecard> score_unit(store::Store& store, const model::Framework& framework,
                             const ScoringYear& year, const std::string& unit_code,
                             std::optional<double> execution_rate) {
  const LedgerFigures* f = year.unit_figures(unit_code);
  if (f == nullptr) {
    return fail(Error::not_found("单位 " + unit_code + " 在 " + std::to_string(year.fiscal_year()) +
                                 " 年度没有预算"));
  }
  auto gathered = unit_inputs(store, framework, *f, year.fiscal_year());
  if (!gathered) return fail(std::move(gathered.error()));
  InputSet inputs = std::move(*gathered);
  if (execution_rate) inputs = with_execution(inputs, *f, *execution_rate);
  return score(framework, std::move(inputs), f->unit_code, f->unit_name, year.fiscal_year());
}

Result<std::vector<Scorecard>> rank_units(store::Store& store, const ScoringYear& year,
                                          Scorer& scorer) {
  const int fiscal_year = year.fiscal_year();
  // Two queries for the year instead of two per unit (unit_inputs takes them pre-read).
  auto read = store.evaluations().checklist_answers(fiscal_year);
  if (!read) return fail(std::move(read.error()));
  std::map<std::string, std::vector<model::ChecklistAnswer>, std::less<>> answers;
  for (auto& a : *read) answers[a.unit_code].push_back(std::move(a));
  auto keys = store.indicators().goal_keys();
  if (!keys) return fail(std::move(keys.error()));
  std::set<std::string, std::less<>> with_goals;
  for (const auto& k : *keys) {
    if (k.fiscal_year == fiscal_year) with_goals.insert(k.unit_code);
  }
  static const std::vector<model::ChecklistAnswer> k_none;
  std::vector<Scorecard> cards;
  cards.reserve(year.figures().size());
  for (const auto& f : year.figures()) {
    auto it = answers.find(f.unit_code);
    auto inputs =
        unit_inputs(store, scorer.framework(), f, fiscal_year, {},
                    it == answers.end() ? &k_none : &it->second, with_goals.contains(f.unit_code));
    if (!inputs) return fail(std::move(inputs.error()));
    cards.push_back(
        scorer.score(std::move(*inputs), f.unit_code, f.unit_name, fiscal_year, Explain::totals));
  }
  std::stable_sort(cards.begin(), cards.end(),
                   [](const Scorecard& a, const Scorecard& b) { return a.total > b.total; });
  return cards;
}

Result<Evaluation> rescore_frozen(const model::FrozenEvaluation& e) {
  const std::string name = "冻结评价 #" + std::to_string(e.id);
  auto fw = parse_framework(e.framework_text, name + " 的框架");
  if (!fw) return fail(std::move(fw.error()));
  auto inputs = inputs_from_json(e.inputs_json);
  if (!inputs) return fail(std::move(inputs.error()));
  // The unit's name as the card was frozen with it (the ledger's may have changed since).
  auto stored = nlohmann::json::parse(e.scorecard_json, nullptr, false);
  std::string unit_name;
  if (stored.is_object() && stored.contains("unit") && stored["unit"].is_object())
    unit_name = stored["unit"].value("name", "");
  Evaluation out;
  out.card = score(*fw, std::move(*inputs), e.unit_code, unit_name, e.fiscal_year);
  out.framework = std::move(*fw);
  out.frozen_id = e.id;
  return out;
}

Result<std::optional<Evaluation>> unit_evaluation(store::Store& store, const ScoringYear& year,
                                                  const std::string& unit_code,
                                                  const model::Framework* live,
                                                  std::vector<std::string>& notes) {
  auto frozen = store.evaluations().frozen_evaluations(year.fiscal_year(), unit_code);
  if (!frozen) return fail(std::move(frozen.error()));
  if (!frozen->empty()) {
    const model::FrozenEvaluation& e = frozen->back();  // oldest first: the latest submitted
    auto rescored = rescore_frozen(e);
    if (rescored) return std::optional<Evaluation>(std::move(*rescored));
    notes.push_back("冻结评价 #" + std::to_string(e.id) + " 无法重算：" +
                    rescored.error().message());
  }
  if (live == nullptr || year.unit_figures(unit_code) == nullptr)
    return std::optional<Evaluation>();
  auto card = score_unit(store, *live, year, unit_code);
  if (!card) return fail(std::move(card.error()));
  return std::optional<Evaluation>(Evaluation{*live, std::move(*card), 0});
}

}  // namespace jixiao::scoring
