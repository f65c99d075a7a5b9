// tests/fuzz/money_fuzz.cpp — core/money: parse_money on any text, in 元 and 万元; whatever it
// accepts formats and parses back to the same amount.
#include "core/money.hpp"
#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jixiao;
  fuzz::Input in(data, size);
  const auto unit = (in.take_byte() & 1) != 0 ? MoneyUnit::wan : MoneyUnit::yuan;
  const std::string_view text = in.rest();
  auto money = parse_money(text, unit);
  if (!money) {
    if (money.error().message().empty())
      fuzz::broken("parse_money refused without a message", text);
    (void)money.error().to_string();
    return 0;
  }
  for (auto grouping : {Grouping::none, Grouping::thousands}) {
    const std::string shown = format_yuan(*money, grouping);
    auto back = parse_money(shown, MoneyUnit::yuan);
    if (!back) fuzz::broken("format_yuan gave text parse_money refuses", shown);
    if (back->fen() != money->fen())
      fuzz::broken("format_yuan → parse_money changed the amount", shown);
  }
  (void)format_wan(*money);
  return 0;
}
