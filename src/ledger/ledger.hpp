// ledger/ledger.hpp — the in-memory columnar ledger of one fiscal year, and its aggregations.
//
// Built once from the store (Ledger::load) and then read by every engine: the summary here,
// monitoring, scoring inputs. Lines have dense ids (their index in lines()); payments are
// kept as parallel columns (line id, day of year, amount in 分) so that aggregations are
// tight loops over arrays. Immutable after load: safe to read from many threads.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "model/ledger.hpp"
#include "model/payment_block.hpp"

namespace jixiao::store {
class Store;
}

namespace jixiao::ledger {

using LineId = std::uint32_t;
using UnitId = std::uint32_t;

class Ledger {
 public:
  // Loads `fiscal_year` of every unit from `store`.
  // Returns Error::storage when the store fails; Error::conflict when the year's amounts could
  // overflow a total (amount_magnitude()); an empty ledger when the year has no lines.
  static Result<Ledger> load(store::Store& store, int fiscal_year);
  // Builds a ledger from rows already in memory (tests, imports not yet written).
  // Requires: every line, adjustment and payment belongs to `fiscal_year` and to a unit in `units`.
  static Ledger build(int fiscal_year, std::vector<model::Unit> units,
                      std::vector<model::BudgetLine> lines,
                      const std::vector<model::Adjustment>& adjustments,
                      const std::vector<model::Payment>& payments);

  int fiscal_year() const { return m_year; }
  const std::vector<model::Unit>& units() const { return m_units; }
  const std::vector<model::BudgetLine>& lines() const { return m_lines; }
  // The unit of each line (parallel to lines()).
  const std::vector<UnitId>& line_unit() const { return m_line_unit; }
  // Lines of each unit, by unit id.
  const std::vector<std::vector<LineId>>& unit_lines() const { return m_unit_lines; }
  std::optional<UnitId> find_unit(const std::string& code) const;
  // A computation's unit filter (its `unit` option): nullopt for "" (every unit), the unit's id
  // for a known code, Error::not_found "没有这个单位: …" (field unit) for another.
  Result<std::optional<UnitId>> unit_filter(const std::string& code) const;
  std::optional<LineId> find_line(const std::string& unit_code, const std::string& line_code) const;

  // Adjustments in columns, sorted by day.
  struct AdjustmentColumns {
    std::vector<LineId> line;
    std::vector<std::uint16_t> day;  // day of year, 1-based
    std::vector<std::int64_t> fen;
  };
  // Payments in columns, sorted by day.
  struct PaymentColumns {
    std::vector<LineId> line;
    std::vector<std::uint16_t> day;
    std::vector<std::int64_t> fen;
    std::vector<std::uint32_t> economic;  // index into economic_codes()
  };
  // Commitment balances (合同未付余额) in columns, sorted by day. Each contract of a line has a
  // dense id; its balance at a date is its last row on or before that date.
  struct CommitmentColumns {
    std::vector<std::uint32_t> contract;  // into contract_line / contract_number
    std::vector<std::uint16_t> day;
    std::vector<std::int64_t> fen;
    std::vector<LineId> contract_line;
    std::vector<std::string> contract_number;
  };
  const AdjustmentColumns& adjustments() const { return m_adjustments; }
  const PaymentColumns& payments() const { return m_payments; }
  const CommitmentColumns& commitments() const { return m_commitments; }
  // Distinct economic codes of payments (a payment without one takes its line's).
  const std::vector<std::string>& economic_codes() const { return m_economic_codes; }

  // The sum of the absolute values of every amount of the year (initial budgets, adjustments,
  // payments, commitment balances) in 分. While it fits in Money, no total or difference of
  // them can overflow, whichever lines, units, months or imports it adds up: the summary,
  // monitoring, dashboards and reports rely on that, and load() refuses a ledger without it.
  // Returns Error::conflict naming the year, the unit, the line and the amount at which the sum
  // leaves the range.
  Result<std::int64_t> amount_magnitude() const;

  // Day of year of `date` within this ledger's year, clamped to [0, days in year].
  // 0 means "before the year began".
  int day_of(Date date) const;

  // Adds payments given as column blocks (bulk imports, model/payment_block.hpp),
  // keeping payments sorted by day (stable: rows already here stay first within a day).
  // Returns Error::not_found naming the first line key the ledger has no line for, and
  // Error::invalid_input for a block of another year; the ledger is unchanged then.
  Result<void> add_payment_blocks(std::vector<model::PaymentBlock> blocks);

  // Adds the payments of the CSV at `path`, read on `threads` threads by ingest/bulk.hpp's
  // reader, when ingest's row path would accept every row and every row is a payment of one of
  // this ledger's lines in its year; keeps payments sorted by day as add_payment_blocks does.
  // Returns the number of payments added, or nullopt when the file needs the row path or has a
  // payment of a line or year this ledger does not have (the ledger is unchanged then).
  // Error::io when the file cannot be read.
  Result<std::optional<std::size_t>> add_payments_csv(const std::string& path, int threads = 2);
  // Replaces the commitment balances. Returns Error::not_found naming the first row whose line
  // the ledger does not have; the ledger is unchanged then.
  Result<void> set_commitments(const std::vector<model::Commitment>& rows);

 private:
  int m_year = 0;
  std::vector<model::Unit> m_units;
  std::vector<model::BudgetLine> m_lines;
  std::vector<UnitId> m_line_unit;
  std::vector<std::vector<LineId>> m_unit_lines;
  AdjustmentColumns m_adjustments;
  PaymentColumns m_payments;
  CommitmentColumns m_commitments;
  std::vector<std::string> m_economic_codes;
};

// The budget figures of a line, unit or the whole ledger at a date.
struct Totals {
  Money initial;                                            // 年初预算
  Money adjustments;                                        // 调整 (signed sum)
  Money executed;                                           // 执行数
  Money adjusted() const { return initial + adjustments; }  // 全年预算 / 调整后预算
  Money unspent() const { return adjusted() - executed; }   // 结余
  Rate execution_rate() const { return Rate::of(executed, adjusted()); }  // 预算执行率
  Totals& operator+=(const Totals& other);
};

// How summary rows are grouped below each unit.
enum class GroupBy { line, month, fund, economic };

struct SummaryOptions {
  std::string unit_code;      // only this unit (and its lines); empty = all units
  std::optional<Date> as_of;  // count adjustments and payments up to this date; Default: year end
  GroupBy group_by = GroupBy::line;
};

struct SummaryRow {
  std::string key;    // line code, "2022-03", fund source or economic code
  std::string label;  // line name, "3月", fund source, economic code name when known
  Totals totals;      // for month rows: executed in the month; initial/adjustments of the month's
                      // adjustments
  std::optional<model::BudgetLine> line;  // for GroupBy::line
};

struct UnitSummary {
  model::Unit unit;
  Totals totals;
  std::vector<SummaryRow> rows;
  std::array<Money, 12> executed_by_month{};  // payments in each month up to as_of
};

struct Summary {
  int fiscal_year = 0;
  Date as_of;
  GroupBy group_by = GroupBy::line;
  Totals totals;
  std::vector<UnitSummary> units;
};

// Aggregates `ledger` per unit and per row group up to options.as_of.
// Returns Error::not_found when options.unit_code names no unit of the ledger.
Result<Summary> summarize(const Ledger& ledger, const SummaryOptions& options = {});

Result<GroupBy> parse_group_by(const std::string& text);  // "line" | "month" | "fund" | "econ"

}  // namespace jixiao::ledger
