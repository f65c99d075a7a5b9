// tests/fuzz/framework_fuzz.cpp — scoring's framework files (docs/formats.md §框架文件) on any
// text: parse_framework refuses with `file:line: what`, or the framework compiles, scores a
// unit's ledger inputs (the reference case's figures) and renders its card.
#include "fuzz.hpp"
#include "scoring/scoring.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jixiao;
  fuzz::Input in(data, size);
  auto framework = scoring::parse_framework(in.rest(), "fuzz.fw");
  if (!framework) {
    const std::string message = framework.error().to_string();
    if (message.find("fuzz.fw") == std::string::npos)
      fuzz::broken("a framework error does not name the file", message);
    return 0;
  }
  auto scorer = scoring::Scorer::make(*framework);
  if (!scorer)
    fuzz::broken("parse_framework accepted a framework Scorer::make refuses",
                 scorer.error().to_string());
  // The reference case (seed/): budget 3403.40 万元, executed 3115.88 万元.
  scoring::LedgerFigures figures;
  figures.unit_code = "BYRD01";
  figures.fiscal_year = 2022;
  figures.initial = 3'403'400'000;
  figures.executed = 3'115'880'000;
  figures.executed_h1 = 1'500'000'000;
  figures.executed_q3 = 2'300'000'000;
  scoring::InputSet inputs;
  scoring::add_ledger_inputs(inputs, figures);
  auto card = scorer->score(inputs, "BYRD01", "单位", 2022);
  if (card.total > card.max_total) fuzz::broken("a card scored more than the framework's total");
  (void)scoring::to_json(card);
  auto review = scoring::review_claim(card, 9800, *framework);
  (void)scoring::to_json(card, &review);
  for (std::size_t i = 0; i < framework->items.size(); ++i) {
    if (framework->items[i].is_leaf())
      (void)scoring::describe_rule(framework->items[i], *framework);
  }
  return 0;
}
