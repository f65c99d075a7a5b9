// ingest/rows.cpp — a Table to typed ledger rows, collecting every bad cell.
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <optional>
#include <unordered_map>

#include "core/text.hpp"
#include "ingest/ingest.hpp"
#include "ingest/ingest_internal.hpp"

namespace jixiao::ingest {
namespace {

// The running sum of one amount column's absolute values (overflow check).
struct AmountSum {
  __int128 abs = 0;
  std::int64_t first_row = 0;
  bool reported = false;
};

// Reads the cells of one row by field name, recording an error for each bad one.
class RowReader {
 public:
  RowReader(const Table& table, std::size_t row, const std::vector<ColumnSpec>& specs,
            const TableFields& fields, std::vector<Error>& errors, std::vector<AmountSum>& sums)
      : m_table(table),
        m_row(row),
        m_specs(specs),
        m_fields(fields),
        m_errors(errors),
        m_sums(sums) {}

  bool ok() const { return m_ok; }

  std::string text(const std::string& field) {
    std::string value = m_fields.cell(m_table, m_row, field);
    if (value.empty() && m_specs[m_fields.spec_of(field)].required) error(field, "缺少必填值");
    return value;
  }

  std::optional<int> year(const std::string& field) {
    std::string v = text(field);
    if (v.empty()) return std::nullopt;
    int y = 0;
    if (!read_year(v, y)) {
      error(field, "不是年度: \"" + v + "\"");
      return std::nullopt;
    }
    return y;
  }

  std::optional<Date> date(const std::string& field) {
    std::string v = text(field);
    if (v.empty()) return std::nullopt;
    auto d = parse_date(v);
    if (!d) {
      error(field, d.error().message());
      return std::nullopt;
    }
    return *d;
  }

  std::optional<Money> amount(const std::string& field) {
    std::string v = text(field);
    if (v.empty()) return std::nullopt;
    std::size_t s = m_fields.spec_of(field);
    auto m = parse_money(v, m_fields.columns().unit_of(s, m_table.amount_unit));
    if (!m) {
      error(field, m.error().message());
      return std::nullopt;
    }
    // Sums of the file's amounts must stay exact: the absolute values of one column, added up
    // from the first row, may not pass what 分 in 64 bits hold (then no total can wrap).
    AmountSum& sum = m_sums[s];
    if (sum.first_row == 0) sum.first_row = m_table.row_numbers[m_row];
    const std::int64_t fen = m->fen();
    sum.abs += fen < 0 ? -static_cast<__int128>(fen) : static_cast<__int128>(fen);
    if (sum.abs > INT64_MAX && !sum.reported) {
      sum.reported = true;
      error(field, "金额之和超出可计算的范围（" +
                       format_yuan(Money::from_fen(INT64_MAX), Grouping::thousands) + " 元）: 第 " +
                       std::to_string(sum.first_row) + "–" +
                       std::to_string(m_table.row_numbers[m_row]) + " 行的金额加起来溢出");
      return std::nullopt;
    }
    return *m;
  }

  // The row's date must fall in its fiscal year when the file states one ("调整日期", "支付日期").
  void check_in_year(const std::optional<Date>& date, const std::optional<int>& year,
                     const std::string& what) {
    if (date && year && date->year() != *year) {
      error("date",
            what + " " + date->to_string() + " 不在预算年度 " + std::to_string(*year) + " 内");
    }
  }

  void error(const std::string& field, std::string message) {
    m_ok = false;
    m_errors.push_back(Error::invalid_input(std::move(message), location(field)));
  }

  Location location(const std::string& field) const { return m_fields.at(m_table, m_row, field); }

 private:
  const Table& m_table;
  std::size_t m_row;
  const std::vector<ColumnSpec>& m_specs;
  const TableFields& m_fields;
  std::vector<Error>& m_errors;
  std::vector<AmountSum>& m_sums;
  bool m_ok = true;
};

std::string key_of(const std::string& a, int year, const std::string& b) {
  return a + '\x1f' + std::to_string(year) + '\x1f' + b;
}

}  // namespace

Result<ParsedRows> parse_rows(const Table& table, model::ImportKind kind) {
  const auto& specs = columns_of(kind);
  auto fields = TableFields::map(table, specs);
  if (!fields) return fail(std::move(fields.error()));

  ParsedRows out;
  out.batch.kind = kind;
  out.batch.source_name = table.file;
  std::unordered_map<std::string, std::int64_t> seen;  // duplicates within the file → first row
  std::map<std::string, std::size_t> unit_index;
  std::vector<AmountSum> sums(specs.size());
  out.errors = table.errors;

  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    RowReader row(table, r, specs, *fields, out.errors, sums);
    const std::int64_t number = table.row_numbers[r];
    // Reports this row when an earlier row of the file had the same key: "<what>（与第 N 行相同）".
    auto once = [&](std::string key, const std::string& field, const std::string& what) {
      auto [it, fresh] = seen.emplace(std::move(key), number);
      if (!fresh) row.error(field, what + "（与第 " + std::to_string(it->second) + " 行相同）");
    };
    switch (kind) {
      case model::ImportKind::budget: {
        model::BudgetLine l;
        l.unit_code = row.text("unit_code");
        std::string unit_name = row.text("unit_name");
        std::string parent = row.text("parent_code");
        auto year = row.year("fiscal_year");
        l.code = row.text("line_code");
        l.name = row.text("line_name");
        std::string kind_text = row.text("kind");
        l.function_code = row.text("function_code");
        l.economic_code = row.text("economic_code");
        l.fund_source = row.text("fund_source");
        if (l.fund_source.empty()) l.fund_source = k_default_fund_source;
        auto initial = row.amount("initial_budget");
        auto adjustment = row.amount("adjustment");
        auto adjusted = row.amount("adjusted_budget");
        if (initial && adjustment && adjusted &&
            static_cast<__int128>(initial->fen()) + adjustment->fen() !=
                static_cast<__int128>(adjusted->fen())) {
          row.error("adjusted_budget",
                    "年初预算数 + 调整数 ≠ 调整后预算数: " + format_yuan(*initial) + " + " +
                        format_yuan(*adjustment) + " ≠ " + format_yuan(*adjusted));
        }
        if (!kind_text.empty()) {
          auto k = model::parse_expenditure_kind(kind_text);
          if (k) {
            l.kind = *k;
          } else {
            row.error("kind", "支出类型应为\"基本支出\"或\"项目支出\": \"" + kind_text + "\"");
          }
        }
        if (year && !l.unit_code.empty() && !l.code.empty()) {
          once(key_of(l.unit_code, *year, l.code), "line_code", "项目代码重复: \"" + l.code + "\"");
        }
        if (!row.ok()) break;
        l.fiscal_year = *year;
        l.initial_budget = *initial;
        if (!unit_index.contains(l.unit_code)) {
          unit_index[l.unit_code] = out.batch.units.size();
          out.batch.units.push_back({l.unit_code, unit_name, parent});
        } else if (!unit_name.empty() && out.batch.units[unit_index[l.unit_code]].name.empty()) {
          out.batch.units[unit_index[l.unit_code]].name = unit_name;
        }
        // 调整数 / 调整后预算数 beside 年初预算数: the change is an adjustment of the line, dated
        // by the file's export date (clamped into the year), else the year's last day.
        if (!adjustment && adjusted) {
          std::int64_t change = 0;
          if (__builtin_sub_overflow(adjusted->fen(), initial->fen(), &change)) {
            row.error("adjusted_budget", "调整后预算数与年初预算数之差超出可计算的范围");
            break;
          }
          adjustment = Money::from_fen(change);
        }
        if (adjustment && !adjustment->is_zero()) {
          model::Adjustment a;
          a.unit_code = l.unit_code;
          a.fiscal_year = l.fiscal_year;
          a.line_code = l.code;
          const Date first = Date::from_ymd(l.fiscal_year, 1, 1),
                     last = Date::from_ymd(l.fiscal_year, 12, 31);
          a.date = table.export_date ? std::clamp(*table.export_date, first, last) : last;
          a.amount = *adjustment;
          a.reason = "预算文件中的调整数（调整后预算数 − 年初预算数）";
          out.batch.adjustments.push_back(std::move(a));
        }
        out.batch.lines.push_back(std::move(l));
        out.row_numbers.push_back(number);
        break;
      }
      case model::ImportKind::adjustments: {
        model::Adjustment a;
        a.unit_code = row.text("unit_code");
        auto year = row.year("fiscal_year");
        a.line_code = row.text("line_code");
        auto date = row.date("date");
        auto amount = row.amount("amount");
        a.document_number = row.text("document_number");
        a.reason = row.text("reason");
        row.check_in_year(date, year, "调整日期");
        if (!row.ok()) break;
        a.fiscal_year = year.value_or(date->year());
        a.date = *date;
        a.amount = *amount;
        out.batch.adjustments.push_back(std::move(a));
        out.row_numbers.push_back(number);
        break;
      }
      case model::ImportKind::commitments: {
        model::Commitment c;
        c.unit_code = row.text("unit_code");
        auto year = row.year("fiscal_year");
        c.line_code = row.text("line_code");
        c.contract_number = row.text("contract_number");
        auto date = row.date("date");
        auto amount = row.amount("amount");
        c.counterparty = row.text("counterparty");
        row.check_in_year(date, year, "余额日期");
        if (amount && amount->is_negative())
          row.error("amount", "合同未付金额不能为负: " + format_yuan(*amount));
        const int effective_year = year.value_or(date ? date->year() : 0);
        if (effective_year && date && !c.unit_code.empty() && !c.contract_number.empty()) {
          once(key_of(c.unit_code, effective_year,
                      c.line_code + '\x1f' + c.contract_number + '\x1f' + date->to_string()),
               "contract_number", "同一合同同一日期重复: \"" + c.contract_number + "\"");
        }
        if (!row.ok()) break;
        c.fiscal_year = effective_year;
        c.date = *date;
        c.amount = *amount;
        out.batch.commitments.push_back(std::move(c));
        out.row_numbers.push_back(number);
        break;
      }
      case model::ImportKind::payments: {
        model::Payment p;
        p.unit_code = row.text("unit_code");
        auto year = row.year("fiscal_year");
        p.line_code = row.text("line_code");
        auto date = row.date("date");
        auto amount = row.amount("amount");
        p.economic_code = row.text("economic_code");
        p.voucher_number = row.text("voucher_number");
        p.summary = row.text("summary");
        row.check_in_year(date, year, "支付日期");
        int effective_year = year.value_or(date ? date->year() : 0);
        if (effective_year && !p.unit_code.empty() && !p.voucher_number.empty()) {
          once(key_of(p.unit_code, effective_year, p.voucher_number), "voucher_number",
               "凭证号重复: \"" + p.voucher_number + "\"");
        }
        if (!row.ok()) break;
        p.fiscal_year = effective_year;
        p.date = *date;
        p.amount = *amount;
        out.batch.payments.push_back(std::move(p));
        out.row_numbers.push_back(number);
        break;
      }
    }
  }
  if (out.errors.empty()) out.batch.content_hash = content_hash(out.batch);
  return out;
}

Location locate(const Table& table, model::ImportKind kind, std::int64_t row,
                const std::string& field) {
  const auto& specs = columns_of(kind);
  std::string column = field;
  if (const int s = field_index(kind, field); s >= 0) {
    const int col =
        map_columns(table.header, specs, table.mapping).index[static_cast<std::size_t>(s)];
    column = col >= 0 ? table.header[static_cast<std::size_t>(col)]
                      : specs[static_cast<std::size_t>(s)].headers.front();
  }
  return {table.file, table.sheet, row, column, field};
}

std::string content_hash(const model::ImportBatch& batch) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  auto feed = [&](std::string_view s) {
    EVP_DigestUpdate(ctx, s.data(), s.size());
    EVP_DigestUpdate(ctx, "\x1f", 1);
  };
  feed(model::to_string(batch.kind));
  for (const auto& u : batch.units) {
    feed(u.code), feed(u.name), feed(u.parent_code);
  }
  for (const auto& l : batch.lines) {
    feed(l.unit_code), feed(std::to_string(l.fiscal_year)), feed(l.code), feed(l.name),
        feed(model::to_string(l.kind));
    feed(l.function_code), feed(l.economic_code), feed(l.fund_source),
        feed(std::to_string(l.initial_budget.fen()));
  }
  for (const auto& a : batch.adjustments) {
    feed(a.unit_code), feed(std::to_string(a.fiscal_year)), feed(a.line_code),
        feed(a.date.to_string());
    feed(std::to_string(a.amount.fen())), feed(a.document_number), feed(a.reason);
  }
  for (const auto& p : batch.payments) {
    feed(p.unit_code), feed(std::to_string(p.fiscal_year)), feed(p.line_code),
        feed(p.date.to_string());
    feed(std::to_string(p.amount.fen())), feed(p.economic_code), feed(p.voucher_number),
        feed(p.summary);
  }
  for (const auto& c : batch.commitments) {
    feed(c.unit_code), feed(std::to_string(c.fiscal_year)), feed(c.line_code),
        feed(c.contract_number);
    feed(c.date.to_string()), feed(std::to_string(c.amount.fen())), feed(c.counterparty);
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx, digest, &len);
  EVP_MD_CTX_free(ctx);
  return text::to_hex(digest, len);
}

}  // namespace jixiao::ingest
