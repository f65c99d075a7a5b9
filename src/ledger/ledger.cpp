// ledger/ledger.cpp — building the columnar ledger.
#include "ledger/ledger.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <numeric>
#include <unordered_map>

#include "core/key_dict.hpp"
#include "store/store.hpp"

namespace jixiao::ledger {

Result<Ledger> Ledger::load(store::Store& store, int fiscal_year) {
  auto units = store.ledger().units();
  if (!units) return fail(std::move(units.error()));
  auto lines = store.ledger().budget_lines(fiscal_year);
  if (!lines) return fail(std::move(lines.error()));
  auto adjustments = store.ledger().adjustments(fiscal_year);
  if (!adjustments) return fail(std::move(adjustments.error()));
  // Rows only: payments kept as column blocks are merged below as columns.
  auto payments = store.payment_blocks().row_payments(fiscal_year);
  if (!payments) return fail(std::move(payments.error()));
  auto commitments = store.ledger().commitments(fiscal_year);
  if (!commitments) return fail(std::move(commitments.error()));
  Ledger ledger = build(fiscal_year, std::move(*units), std::move(*lines), *adjustments, *payments);
  JIXIAO_TRY(ledger.set_commitments(*commitments));
  // Payments imported in bulk are kept as column blocks beside the rows.
  std::vector<model::PaymentBlock> blocks;
  auto read = store.payment_blocks().read_payment_blocks(
      fiscal_year, [&](model::PaymentBlock&& b) -> Result<void> {
        blocks.push_back(std::move(b));
        return {};
      });
  if (!read) return fail(std::move(read.error()));
  if (!blocks.empty()) JIXIAO_TRY(ledger.add_payment_blocks(std::move(blocks)));
  // Totals across imports are added without further checks: refuse a year they could wrap in.
  JIXIAO_TRY(ledger.amount_magnitude());
  return ledger;
}

Result<std::int64_t> Ledger::amount_magnitude() const {
  __int128 sum = 0;
  // Adds |fen|; false once the sum leaves Money's range.
  auto add = [&](std::int64_t fen) {
    sum += fen < 0 ? -static_cast<__int128>(fen) : static_cast<__int128>(fen);
    return sum <= std::numeric_limits<std::int64_t>::max();
  };
  auto overflow = [&](LineId line, const char* what, std::int64_t fen) {
    return fail(Error::conflict(
        std::to_string(m_year) + " 年度台账的金额超出可计算的范围：全部金额的绝对值之和超过 " +
        format_yuan(Money::from_fen(std::numeric_limits<std::int64_t>::max()),
                    Grouping::thousands) +
        " 元，合计会溢出（加到单位 " + m_lines[line].unit_code + " 项目 \"" + m_lines[line].code +
        "\" 的" + what + " " + format_yuan(Money::from_fen(fen), Grouping::thousands) +
        " 元时）。请撤销或更正有关的导入"));
  };
  for (LineId i = 0; i < m_lines.size(); ++i) {
    if (!add(m_lines[i].initial_budget.fen()))
      return overflow(i, "年初预算", m_lines[i].initial_budget.fen());
  }
  for (std::size_t k = 0; k < m_adjustments.fen.size(); ++k) {
    if (!add(m_adjustments.fen[k]))
      return overflow(m_adjustments.line[k], "调整", m_adjustments.fen[k]);
  }
  for (std::size_t k = 0; k < m_payments.fen.size(); ++k) {
    if (!add(m_payments.fen[k])) return overflow(m_payments.line[k], "支付", m_payments.fen[k]);
  }
  for (std::size_t k = 0; k < m_commitments.fen.size(); ++k) {
    const LineId line = m_commitments.contract_line[m_commitments.contract[k]];
    if (!add(m_commitments.fen[k])) return overflow(line, "合同未付余额", m_commitments.fen[k]);
  }
  return static_cast<std::int64_t>(sum);
}

Ledger Ledger::build(int fiscal_year, std::vector<model::Unit> units,
                     std::vector<model::BudgetLine> lines,
                     const std::vector<model::Adjustment>& adjustments,
                     const std::vector<model::Payment>& payments) {
  Ledger l;
  l.m_year = fiscal_year;
  // Units by code and lines by (unit, code): sorted already when read from a sorted file.
  auto by_code = [](const auto& a, const auto& b) { return a.code < b.code; };
  if (!std::is_sorted(units.begin(), units.end(), by_code))
    std::sort(units.begin(), units.end(), by_code);
  l.m_units = std::move(units);
  auto by_key = [](const auto& a, const auto& b) {
    return std::tie(a.unit_code, a.code) < std::tie(b.unit_code, b.code);
  };
  if (!std::is_sorted(lines.begin(), lines.end(), by_key))
    std::sort(lines.begin(), lines.end(), by_key);
  l.m_lines = std::move(lines);
  l.m_unit_lines.resize(l.m_units.size());
  // Each line's unit: the units and the lines walked together, both in code order.
  keys::InlineDict line_index(l.m_lines.size());  // (unit, code) → the first line of that key
  std::vector<LineId> line_at;
  line_at.reserve(l.m_lines.size());
  UnitId u = 0;
  for (LineId i = 0; i < l.m_lines.size(); ++i) {
    const auto& line = l.m_lines[i];
    while (u < l.m_units.size() && l.m_units[u].code < line.unit_code) ++u;
    JIXIAO_ASSERT(u < l.m_units.size() && l.m_units[u].code == line.unit_code,
                  "budget line of an unknown unit");
    l.m_line_unit.push_back(u);
    l.m_unit_lines[u].push_back(i);
    bool added = false;
    line_index.id(keys::mix_hash(keys::hash_key(line.unit_code), keys::hash_key(line.code), 0), 0,
                  line.unit_code, line.code, true, added);
    if (added) line_at.push_back(i);
  }
  auto line_of = [&](const std::string& unit, const std::string& code) {
    const auto id = line_index.find(keys::mix_hash(keys::hash_key(unit), keys::hash_key(code), 0),
                                    0, unit, code);
    JIXIAO_ASSERT(id != UINT32_MAX, "row of an unknown budget line");
    return line_at[id];
  };

  // Adjustments and payments sorted by day, so that "up to as_of" is a prefix. Days are
  // day_of's, clamped to 0..366, so they fit the uint16 columns.
  std::vector<std::size_t> order(adjustments.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](auto a, auto b) { return adjustments[a].date < adjustments[b].date; });
  for (std::size_t k : order) {
    const auto& a = adjustments[k];
    l.m_adjustments.line.push_back(line_of(a.unit_code, a.line_code));
    l.m_adjustments.day.push_back(static_cast<std::uint16_t>(l.day_of(a.date)));
    l.m_adjustments.fen.push_back(a.amount.fen());
  }

  order.resize(payments.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](auto a, auto b) { return payments[a].date < payments[b].date; });
  std::unordered_map<std::string, std::uint32_t> econ_ids;
  auto econ_of = [&](const std::string& code) {
    auto [it, inserted] =
        econ_ids.emplace(code, static_cast<std::uint32_t>(l.m_economic_codes.size()));
    if (inserted) l.m_economic_codes.push_back(code);
    return it->second;
  };
  auto& p = l.m_payments;
  p.line.reserve(payments.size());
  p.day.reserve(payments.size());
  p.fen.reserve(payments.size());
  p.economic.reserve(payments.size());
  for (std::size_t k : order) {
    const auto& pay = payments[k];
    LineId line = line_of(pay.unit_code, pay.line_code);
    p.line.push_back(line);
    p.day.push_back(static_cast<std::uint16_t>(l.day_of(pay.date)));
    p.fen.push_back(pay.amount.fen());
    p.economic.push_back(
        econ_of(pay.economic_code.empty() ? l.m_lines[line].economic_code : pay.economic_code));
  }
  return l;
}

Result<void> Ledger::set_commitments(const std::vector<model::Commitment>& rows) {
  CommitmentColumns c;
  std::map<std::pair<LineId, std::string>, std::uint32_t> ids;
  std::vector<std::size_t> order(rows.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](auto a, auto b) { return rows[a].date < rows[b].date; });
  for (std::size_t k : order) {
    const auto& row = rows[k];
    auto line = find_line(row.unit_code, row.line_code);
    if (!line || row.fiscal_year != m_year) {
      return fail(Error::not_found("合同余额的预算项目不存在: " + row.unit_code + " " +
                                   std::to_string(row.fiscal_year) + " " + row.line_code));
    }
    auto [it, fresh] = ids.try_emplace({*line, row.contract_number},
                                       static_cast<std::uint32_t>(c.contract_line.size()));
    if (fresh) {
      c.contract_line.push_back(*line);
      c.contract_number.push_back(row.contract_number);
    }
    c.contract.push_back(it->second);
    c.day.push_back(static_cast<std::uint16_t>(day_of(row.date)));  // 0..366: fits
    c.fen.push_back(row.amount.fen());
  }
  m_commitments = std::move(c);
  return {};
}

std::optional<UnitId> Ledger::find_unit(const std::string& code) const {
  auto it = std::lower_bound(m_units.begin(), m_units.end(), code,
                             [](const auto& u, const auto& c) { return u.code < c; });
  if (it == m_units.end() || it->code != code) return std::nullopt;
  return static_cast<UnitId>(it - m_units.begin());
}

Result<std::optional<UnitId>> Ledger::unit_filter(const std::string& code) const {
  if (code.empty()) return std::optional<UnitId>();
  auto id = find_unit(code);
  if (!id) return fail(Error::not_found("没有这个单位: " + code, {.field = "unit"}));
  return id;
}

std::optional<LineId> Ledger::find_line(const std::string& unit_code,
                                        const std::string& line_code) const {
  auto it = std::lower_bound(
      m_lines.begin(), m_lines.end(), std::tie(unit_code, line_code),
      [](const auto& l, const auto& key) { return std::tie(l.unit_code, l.code) < key; });
  if (it == m_lines.end() || it->unit_code != unit_code || it->code != line_code)
    return std::nullopt;
  return static_cast<LineId>(it - m_lines.begin());
}

int Ledger::day_of(Date date) const {
  if (date.year() < m_year) return 0;
  if (date.year() > m_year) return days_in_year(m_year);
  return date.day_of_year();
}

Totals& Totals::operator+=(const Totals& other) {
  initial += other.initial;
  adjustments += other.adjustments;
  executed += other.executed;
  return *this;
}

}  // namespace jixiao::ledger
