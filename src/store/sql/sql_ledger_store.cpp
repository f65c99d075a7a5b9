// store/sql/sql_ledger_store.cpp — the ledger's tables in SQL (both backends).
#include <algorithm>
#include <set>
#include <unordered_map>

#include "store/sql/sql_stores.hpp"

namespace jixiao::store::sql {
namespace {

Date date_of(const std::string& iso) {
  // Stored by this backend as 'YYYY-MM-DD'; anything else is a corrupted database.
  auto d = parse_date(iso);
  JIXIAO_ASSERT(d.has_value(), "stored date is not ISO");
  return *d;
}

// "… WHERE l.fiscal_year = ?1 [AND u.code = ?2]" bound in one place for the three readers.
Result<Statement> prepare_by_year(Database& db, std::string sql, int fiscal_year,
                                  const std::string& unit_code, std::string_view order) {
  sql += " WHERE l.fiscal_year = ?1";
  if (!unit_code.empty()) sql += " AND u.code = ?2";
  sql += order;
  auto stmt = db.prepare(sql);
  if (!stmt) return stmt;
  stmt->bind(1, fiscal_year);
  if (!unit_code.empty()) stmt->bind(2, unit_code);
  return stmt;
}

ImportRecord read_import(const Statement& s) {
  ImportRecord r;
  r.id = s.column_int(0);
  r.kind = model::parse_import_kind(s.column_text(1)).value_or(model::ImportKind::budget);
  r.source_name = s.column_text(2);
  r.content_hash = s.column_text(3);
  r.rows = s.column_int(4);
  r.imported_at = s.column_text(5);
  return r;
}

}  // namespace

Result<std::vector<model::Unit>> SqlLedgerStore::units() {
  auto s = m_db.prepare("SELECT code, name, parent_code FROM units ORDER BY code");
  if (!s) return fail(std::move(s.error()));
  std::vector<model::Unit> out;
  JIXIAO_TRY(s->each([&] {
    out.push_back({s->column_text(0), s->column_text(1), s->column_text(2)});
  }));
  return out;
}

Result<std::vector<int>> SqlLedgerStore::fiscal_years() {
  auto s = m_db.prepare("SELECT DISTINCT fiscal_year FROM budget_lines ORDER BY fiscal_year");
  if (!s) return fail(std::move(s.error()));
  std::vector<int> out;
  JIXIAO_TRY(s->each([&] { out.push_back(static_cast<int>(s->column_int(0))); }));
  return out;
}

Result<std::vector<model::BudgetLine>> SqlLedgerStore::budget_lines(int fiscal_year,
                                                                    const std::string& unit_code) {
  auto s = prepare_by_year(
      m_db,
      "SELECT u.code, l.fiscal_year, l.code, l.name, l.kind, l.function_code, l.economic_code, "
      "l.fund_source, l.initial_fen FROM budget_lines l JOIN units u ON u.id = l.unit_id",
      fiscal_year, unit_code, " ORDER BY u.code, l.code");
  if (!s) return fail(std::move(s.error()));
  std::vector<model::BudgetLine> out;
  JIXIAO_TRY(s->each([&] {
    model::BudgetLine l;
    l.unit_code = s->column_text(0);
    l.fiscal_year = static_cast<int>(s->column_int(1));
    l.code = s->column_text(2);
    l.name = s->column_text(3);
    l.kind =
        model::parse_expenditure_kind(s->column_text(4)).value_or(model::ExpenditureKind::basic);
    l.function_code = s->column_text(5);
    l.economic_code = s->column_text(6);
    l.fund_source = s->column_text(7);
    l.initial_budget = Money::from_fen(s->column_int(8));
    out.push_back(std::move(l));
  }));
  return out;
}

Result<std::vector<model::Adjustment>> SqlLedgerStore::adjustments(int fiscal_year,
                                                                   const std::string& unit_code) {
  auto s = prepare_by_year(
      m_db,
      "SELECT u.code, l.fiscal_year, l.code, a.date, a.amount_fen, a.document_number, a.reason "
      "FROM adjustments a JOIN budget_lines l ON l.id = a.line_id JOIN units u ON u.id = l.unit_id",
      fiscal_year, unit_code, " ORDER BY a.date, a.id");
  if (!s) return fail(std::move(s.error()));
  std::vector<model::Adjustment> out;
  JIXIAO_TRY(s->each([&] {
    model::Adjustment a;
    a.unit_code = s->column_text(0);
    a.fiscal_year = static_cast<int>(s->column_int(1));
    a.line_code = s->column_text(2);
    a.date = date_of(s->column_text(3));
    a.amount = Money::from_fen(s->column_int(4));
    a.document_number = s->column_text(5);
    a.reason = s->column_text(6);
    out.push_back(std::move(a));
  }));
  return out;
}

Result<std::vector<model::Commitment>> SqlLedgerStore::commitments(int fiscal_year,
                                                                   const std::string& unit_code) {
  auto s = prepare_by_year(
      m_db,
      "SELECT u.code, l.fiscal_year, l.code, c.contract_number, c.date, c.amount_fen, "
      "c.counterparty "
      "FROM commitments c JOIN budget_lines l ON l.id = c.line_id JOIN units u ON u.id = l.unit_id",
      fiscal_year, unit_code, " ORDER BY c.date, c.id");
  if (!s) return fail(std::move(s.error()));
  std::vector<model::Commitment> out;
  JIXIAO_TRY(s->each([&] {
    model::Commitment c;
    c.unit_code = s->column_text(0);
    c.fiscal_year = static_cast<int>(s->column_int(1));
    c.line_code = s->column_text(2);
    c.contract_number = s->column_text(3);
    c.date = date_of(s->column_text(4));
    c.amount = Money::from_fen(s->column_int(5));
    c.counterparty = s->column_text(6);
    out.push_back(std::move(c));
  }));
  return out;
}

Result<std::int64_t> SqlLedgerStore::write_commitments(const std::vector<model::Commitment>& rows) {
  Transaction tx(m_db);
  JIXIAO_TRY(tx.begin());
  auto line = m_db.prepare(
      "SELECT l.id FROM budget_lines l JOIN units u ON u.id = l.unit_id WHERE u.code = ?1 AND "
      "l.fiscal_year = ?2 AND l.code = ?3");
  if (!line) return fail(std::move(line.error()));
  // Inserts a new balance, or replaces one whose amount or counterparty differs; a row equal
  // to the stored one is left alone, so that a second import reports nothing changed.
  auto upsert = m_db.prepare(
      "INSERT INTO commitments (line_id, contract_number, date, amount_fen, counterparty) VALUES "
      "(?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT (line_id, contract_number, date) DO UPDATE SET amount_fen = "
      "excluded.amount_fen, "
      "counterparty = excluded.counterparty WHERE commitments.amount_fen <> excluded.amount_fen "
      "OR commitments.counterparty <> excluded.counterparty");
  if (!upsert) return fail(std::move(upsert.error()));
  std::int64_t changed = 0;
  for (const model::Commitment& c : rows) {
    line->bind(1, c.unit_code).bind(2, c.fiscal_year).bind(3, c.line_code);
    auto found = line->step();
    if (!found) return fail(std::move(found.error()));
    if (!*found) {
      return fail(Error::not_found("预算项目不存在: " + c.unit_code + " " +
                                   std::to_string(c.fiscal_year) + " " + c.line_code));
    }
    const std::int64_t line_id = line->column_int(0);
    line->reset();
    upsert->bind(1, line_id)
        .bind(2, c.contract_number)
        .bind(3, c.date.to_string())
        .bind(4, c.amount.fen())
        .bind(5, c.counterparty);
    JIXIAO_TRY(upsert->run());
    changed += m_db.changes();
    upsert->reset();
  }
  JIXIAO_TRY(tx.commit());
  return changed;
}

Result<std::vector<model::Payment>> read_row_payments(Database& db, int fiscal_year,
                                                      const std::string& unit_code) {
  auto s = prepare_by_year(
      db,
      "SELECT u.code, l.fiscal_year, l.code, p.date, p.amount_fen, p.economic_code, "
      "p.voucher_number, p.summary FROM payments p JOIN budget_lines l ON l.id = p.line_id "
      "JOIN units u ON u.id = l.unit_id",
      fiscal_year, unit_code, " ORDER BY p.date, p.id");
  if (!s) return fail(std::move(s.error()));
  std::vector<model::Payment> out;
  JIXIAO_TRY(s->each([&] {
    model::Payment p;
    p.unit_code = s->column_text(0);
    p.fiscal_year = static_cast<int>(s->column_int(1));
    p.line_code = s->column_text(2);
    p.date = date_of(s->column_text(3));
    p.amount = Money::from_fen(s->column_int(4));
    p.economic_code = s->column_text(5);
    p.voucher_number = s->column_text(6);
    p.summary = s->column_text(7);
    out.push_back(std::move(p));
  }));
  return out;
}

// Rows and blocks together, so that every reader sees every payment.
Result<std::vector<model::Payment>> SqlLedgerStore::payments(int fiscal_year,
                                                             const std::string& unit_code) {
  auto out = read_row_payments(m_db, fiscal_year, unit_code);
  if (!out) return out;
  const std::size_t rows = out->size();
  JIXIAO_TRY(read_blocks(m_db, fiscal_year, true, [&](model::PaymentBlock&& b) -> Result<void> {
    append_block_payments(b, unit_code, *out);
    return {};
  }));
  if (out->size() > rows) {
    std::stable_sort(
        out->begin(), out->end(),
        [](const model::Payment& x, const model::Payment& y) { return x.date < y.date; });
  }
  return out;
}

Result<LedgerKeys> SqlLedgerStore::keys() {
  LedgerKeys keys;
  auto units = m_db.prepare("SELECT code FROM units");
  if (!units) return fail(std::move(units.error()));
  JIXIAO_TRY(units->each([&] { keys.unit_codes.push_back(units->column_text(0)); }));
  auto lines = m_db.prepare(
      "SELECT u.code, l.fiscal_year, l.code FROM budget_lines l JOIN units u ON u.id = l.unit_id");
  if (!lines) return fail(std::move(lines.error()));
  JIXIAO_TRY(lines->each([&] {
    keys.lines.push_back(
        {lines->column_text(0), static_cast<int>(lines->column_int(1)), lines->column_text(2)});
  }));
  return keys;
}

Result<std::vector<std::string>> SqlLedgerStore::voucher_numbers(const std::string& unit_code,
                                                                 int fiscal_year) {
  auto s = m_db.prepare(
      "SELECT p.voucher_number FROM payments p JOIN budget_lines l ON l.id = p.line_id JOIN units "
      "u ON u.id = l.unit_id "
      "WHERE u.code = ?1 AND l.fiscal_year = ?2");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, unit_code).bind(2, fiscal_year);
  std::vector<std::string> out;
  JIXIAO_TRY(s->each([&] { out.push_back(s->column_text(0)); }));
  // Vouchers of payments kept as column blocks.
  JIXIAO_TRY(read_blocks(m_db, fiscal_year, true, [&](model::PaymentBlock&& b) -> Result<void> {
    std::vector<bool> of_unit;
    for (const auto& k : b.line_keys)
      of_unit.push_back(std::string_view(k).substr(0, k.find('\t')) == unit_code);
    std::string_view vouchers = b.voucher_numbers;
    for (std::size_t r = 0; r < b.size() && !vouchers.empty(); ++r) {
      auto nl = vouchers.find('\n');
      std::string_view entry = vouchers.substr(0, nl);
      vouchers.remove_prefix(nl == std::string_view::npos ? vouchers.size() : nl + 1);
      if (of_unit[b.line_index[r]]) out.emplace_back(entry.substr(0, entry.find('\x1f')));
    }
    return {};
  }));
  return out;
}

Result<std::optional<ImportRecord>> SqlLedgerStore::find_import(const std::string& content_hash) {
  auto s = m_db.prepare(
      "SELECT id, kind, source_name, content_hash, rows, imported_at FROM imports WHERE "
      "content_hash = ?1");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, content_hash);
  auto row = s->step();
  if (!row) return fail(std::move(row.error()));
  if (!*row) return std::optional<ImportRecord>();
  return std::optional<ImportRecord>(read_import(*s));
}

Result<std::vector<ImportRecord>> SqlLedgerStore::imports() {
  auto s = m_db.prepare(
      "SELECT id, kind, source_name, content_hash, rows, imported_at FROM imports ORDER BY id");
  if (!s) return fail(std::move(s.error()));
  std::vector<ImportRecord> out;
  JIXIAO_TRY(s->each([&] { out.push_back(read_import(*s)); }));
  return out;
}

Result<ImportRecord> SqlLedgerStore::write_import(const model::ImportBatch& batch) {
  Transaction tx(m_db);
  JIXIAO_TRY(tx.begin());

  ImportRecord record;
  record.kind = batch.kind;
  record.source_name = batch.source_name;
  record.content_hash = batch.content_hash;
  record.rows = static_cast<std::int64_t>(batch.row_count());
  record.imported_at = utc_now();
  {
    auto s = m_db.prepare(
        "INSERT INTO imports (kind, source_name, content_hash, rows, imported_at) VALUES (?1, ?2, "
        "?3, ?4, ?5)");
    if (!s) return fail(std::move(s.error()));
    s->bind(1, model::to_string(batch.kind))
        .bind(2, batch.source_name)
        .bind(3, batch.content_hash)
        .bind(4, record.rows)
        .bind(5, record.imported_at);
    auto r = s->run();
    if (!r) {
      if (r.error().code() == ErrorCode::conflict)
        return fail(Error::conflict("同一文件已导入过: " + batch.source_name));
      return fail(std::move(r.error()));
    }
    record.id = m_db.last_insert_rowid();
  }

  if (!batch.units.empty()) {
    auto s = m_db.prepare(
        "INSERT INTO units (code, name, parent_code) VALUES (?1, ?2, ?3) ON CONFLICT (code) DO "
        "NOTHING");
    if (!s) return fail(std::move(s.error()));
    for (const model::Unit& u : batch.units) {
      s->bind(1, u.code).bind(2, u.name).bind(3, u.parent_code);
      JIXIAO_TRY(s->run());
      s->reset();
    }
  }

  // Line ids by (unit, year, code), loaded once: adjustments and payments refer to lines by code.
  std::unordered_map<std::string, std::int64_t> line_ids;
  auto line_key = [](const std::string& unit, int year, const std::string& code) {
    return unit + '\x1f' + std::to_string(year) + '\x1f' + code;
  };

  if (!batch.lines.empty()) {
    auto s = m_db.prepare(
        "INSERT INTO budget_lines (unit_id, fiscal_year, code, name, kind, function_code, "
        "economic_code, fund_source, "
        "initial_fen, import_id) VALUES ((SELECT id FROM units WHERE code = ?1), ?2, ?3, ?4, ?5, "
        "?6, ?7, ?8, ?9, ?10)");
    if (!s) return fail(std::move(s.error()));
    for (const model::BudgetLine& l : batch.lines) {
      s->bind(1, l.unit_code)
          .bind(2, l.fiscal_year)
          .bind(3, l.code)
          .bind(4, l.name)
          .bind(5, model::to_string(l.kind))
          .bind(6, l.function_code)
          .bind(7, l.economic_code)
          .bind(8, l.fund_source)
          .bind(9, l.initial_budget.fen())
          .bind(10, record.id);
      auto r = s->run();
      if (!r) {
        if (r.error().code() == ErrorCode::conflict) {
          return fail(Error::conflict("预算项目已存在: " + l.unit_code + " " +
                                      std::to_string(l.fiscal_year) + " " + l.code));
        }
        return fail(std::move(r.error()));
      }
      s->reset();
    }
  }

  if (!batch.adjustments.empty() || !batch.payments.empty()) {
    auto s = m_db.prepare(
        "SELECT u.code, l.fiscal_year, l.code, l.id FROM budget_lines l JOIN units u ON u.id = "
        "l.unit_id");
    if (!s) return fail(std::move(s.error()));
    JIXIAO_TRY(s->each([&] {
      line_ids.emplace(
          line_key(s->column_text(0), static_cast<int>(s->column_int(1)), s->column_text(2)),
          s->column_int(3));
    }));
  }
  auto find_line = [&](const std::string& unit, int year,
                       const std::string& code) -> Result<std::int64_t> {
    auto it = line_ids.find(line_key(unit, year, code));
    if (it == line_ids.end()) {
      return fail(
          Error::not_found("预算项目不存在: " + unit + " " + std::to_string(year) + " " + code));
    }
    return it->second;
  };

  if (!batch.adjustments.empty()) {
    auto s = m_db.prepare(
        "INSERT INTO adjustments (line_id, date, amount_fen, document_number, reason, import_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!s) return fail(std::move(s.error()));
    for (const model::Adjustment& a : batch.adjustments) {
      auto id = find_line(a.unit_code, a.fiscal_year, a.line_code);
      if (!id) return fail(std::move(id.error()));
      s->bind(1, *id)
          .bind(2, a.date.to_string())
          .bind(3, a.amount.fen())
          .bind(4, a.document_number)
          .bind(5, a.reason)
          .bind(6, record.id);
      JIXIAO_TRY(s->run());
      s->reset();
    }
  }

  if (!batch.payments.empty()) {
    auto s = m_db.prepare(
        "INSERT INTO payments (line_id, date, amount_fen, economic_code, voucher_number, summary, "
        "import_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!s) return fail(std::move(s.error()));
    for (const model::Payment& p : batch.payments) {
      auto id = find_line(p.unit_code, p.fiscal_year, p.line_code);
      if (!id) return fail(std::move(id.error()));
      s->bind(1, *id)
          .bind(2, p.date.to_string())
          .bind(3, p.amount.fen())
          .bind(4, p.economic_code)
          .bind(5, p.voucher_number)
          .bind(6, p.summary)
          .bind(7, record.id);
      JIXIAO_TRY(s->run());
      s->reset();
    }
  }

  JIXIAO_TRY(tx.commit());
  return record;
}

Result<std::vector<std::int64_t>> SqlLedgerStore::import_ids_of_units(
    const std::vector<std::string>& unit_codes) {
  std::set<std::int64_t> ids;
  // Through the line indexes: the cost follows the units' own rows, not the whole ledger.
  static constexpr const char* k_row_tables =
      "SELECT l.import_id FROM budget_lines l JOIN units u ON u.id = l.unit_id WHERE u.code = ?1 "
      "UNION SELECT a.import_id FROM adjustments a JOIN budget_lines l ON l.id = a.line_id "
      "JOIN units u ON u.id = l.unit_id WHERE u.code = ?1 "
      "UNION SELECT p.import_id FROM payments p JOIN budget_lines l ON l.id = p.line_id "
      "JOIN units u ON u.id = l.unit_id WHERE u.code = ?1";
  for (const auto& code : unit_codes) {
    auto s = m_db.prepare(k_row_tables);
    if (!s) return fail(std::move(s.error()));
    s->bind(1, code);
    JIXIAO_TRY(s->each([&] {
      if (!s->column_is_null(0)) ids.insert(s->column_int(0));
    }));
  }
  // Payments imported in blocks name their lines in a dictionary of "unit\tline" keys.
  auto s = m_db.prepare("SELECT import_id, line_keys FROM payment_blocks");
  if (!s) return fail(std::move(s.error()));
  JIXIAO_TRY(s->each([&] {
    std::string_view keys = s->column_blob(1);
    for (const auto& code : unit_codes) {
      std::string key = code + "\t";
      bool found = keys.starts_with(key) || keys.find("\n" + key) != std::string_view::npos;
      if (found) ids.insert(s->column_int(0));
    }
  }));
  return std::vector<std::int64_t>(ids.begin(), ids.end());
}

}  // namespace jixiao::store::sql
