// model/ledger.hpp — the budget ledger's plain types: units, budget lines, adjustments, payments,
// commitments.
//
// Plain aggregates with no I/O. Codes (unit code, line code) are the keys users see;
// ids are the store's and only used inside it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"

namespace jixiao::model {

// 预算单位: a budget-holding body; a 部门 has 单位 under it through `parent_code`.
struct Unit {
  std::string code;
  std::string name;
  std::string parent_code;  // empty for a top-level department
};

// 基本支出 / 项目支出. Stored as text "basic" / "project"; do not rename.
enum class ExpenditureKind : std::uint8_t { basic, project };
std::string_view to_string(ExpenditureKind kind);     // "basic" / "project"
std::string_view chinese_name(ExpenditureKind kind);  // "基本支出" / "项目支出"
std::optional<ExpenditureKind> parse_expenditure_kind(std::string_view text);  // either form

// 预算项目: one line of a unit's budget for one fiscal year.
struct BudgetLine {
  std::string unit_code;
  int fiscal_year = 0;
  std::string code;  // unique within (unit, year)
  std::string name;
  ExpenditureKind kind = ExpenditureKind::basic;
  std::string function_code;  // 功能分类, e.g. 2010104 人大会议
  std::string economic_code;  // 经济分类, e.g. 30215 会议费
  std::string fund_source;    // 资金来源, e.g. 一般公共预算
  Money initial_budget;       // 年初预算
};

// 预算调整: a signed change to a line's budget (追加 > 0, 调减 < 0).
struct Adjustment {
  std::string unit_code;
  int fiscal_year = 0;
  std::string line_code;
  Date date;
  Money amount;
  std::string document_number;  // 文号
  std::string reason;
};

// 支付: money actually paid from a line (negative for a refund or correction).
struct Payment {
  std::string unit_code;
  int fiscal_year = 0;
  std::string line_code;
  Date date;
  Money amount;
  std::string economic_code;   // 经济分类 of this payment; the line's when empty
  std::string voucher_number;  // 凭证号, unique within (unit, year)
  std::string summary;         // 摘要
};

// 合同未付余额: what a signed contract still commits a line to pay, as of `date` (a snapshot:
// a later row for the same contract replaces it from its date on; 0 when fully paid).
// The advice never proposes taking a line's budget below what is paid plus what is committed.
struct Commitment {
  std::string unit_code;
  int fiscal_year = 0;
  std::string line_code;
  std::string contract_number;  // 合同编号, unique within the line
  Date date;                    // the day the balance is stated for
  Money amount;                 // unpaid balance (≥ 0)
  std::string counterparty;     // 合同相对方
};

// What one import file brings. Written in one transaction, or not at all.
enum class ImportKind : std::uint8_t { budget, adjustments, payments, commitments };
std::string_view to_string(ImportKind kind);
std::optional<ImportKind> parse_import_kind(std::string_view text);

struct ImportBatch {
  ImportKind kind = ImportKind::budget;
  std::string source_name;   // file name as given, for the import log
  std::string content_hash;  // SHA-256 of the normalised rows: the same file twice is a no-op
  std::vector<Unit> units;   // units to create when absent (budget imports)
  std::vector<BudgetLine> lines;
  std::vector<Adjustment> adjustments;
  std::vector<Payment> payments;
  std::vector<Commitment> commitments;

  std::size_t row_count() const {
    return lines.size() + adjustments.size() + payments.size() + commitments.size();
  }
};

}  // namespace jixiao::model
