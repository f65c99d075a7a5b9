// store/sql/sql_payment_block_store.cpp — payments as column blocks (002_monitor.sql).
// Per-row columns are stored as the machine's little-endian arrays (x86-64, aarch64).
#include "store/sql/sql_payment_block_store.hpp"

#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <unordered_set>

#include "store/sql/sql_stores.hpp"

namespace jixiao::store::sql {

std::string join_lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) {
    out += s;
    out += '\n';
  }
  return out;
}

std::vector<std::string> split_lines(std::string_view blob) {
  std::vector<std::string> out;
  while (!blob.empty()) {
    auto nl = blob.find('\n');
    out.emplace_back(blob.substr(0, nl));
    if (nl == std::string_view::npos) break;
    blob.remove_prefix(nl + 1);
  }
  return out;
}

namespace {

// A per-row column: the machine's array of `rows` values of T, as written.
template <class T>
Result<std::vector<T>> column_of(std::string_view blob, std::int64_t rows) {
  if (rows < 0 || blob.size() != static_cast<std::size_t>(rows) * sizeof(T)) {
    return fail(Error::storage("支付数据块已损坏: 列长度与行数不符"));
  }
  std::vector<T> out(static_cast<std::size_t>(rows));
  if (rows > 0) std::memcpy(out.data(), blob.data(), blob.size());
  return out;
}

}  // namespace

Result<model::PaymentBlock> decode_block(int fiscal_year, const StoredBlock& stored) {
  model::PaymentBlock b;
  b.fiscal_year = fiscal_year;
  b.line_keys = split_lines(stored.line_keys);
  b.economic_codes = split_lines(stored.economic_codes);
  auto li = column_of<std::uint32_t>(stored.line_index, stored.rows);
  if (!li) return fail(std::move(li.error()));
  auto dd = column_of<std::int32_t>(stored.date_days, stored.rows);
  if (!dd) return fail(std::move(dd.error()));
  auto af = column_of<std::int64_t>(stored.amount_fen, stored.rows);
  if (!af) return fail(std::move(af.error()));
  auto ei = column_of<std::uint16_t>(stored.economic_index, stored.rows);
  if (!ei) return fail(std::move(ei.error()));
  b.line_index = std::move(*li);
  b.date_days = std::move(*dd);
  b.amount_fen = std::move(*af);
  b.economic_index = std::move(*ei);
  return b;
}

Result<std::int64_t> begin_block_import(Database& db, std::string_view pending_hash) {
  // RETURNING (SQLite ≥ 3.35, PostgreSQL): the id in the same round trip, or the statement's error.
  auto s = db.prepare(
      "INSERT INTO imports (kind, source_name, content_hash, rows, imported_at) VALUES "
      "('payments', '', ?1, 0, '') RETURNING id");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, pending_hash);
  std::int64_t id = 0;
  JIXIAO_TRY(s->each([&] { id = s->column_int(0); }));
  return id;
}

Result<ImportRecord> finish_block_import(Database& db, std::int64_t id, std::int64_t rows,
                                         const std::string& source_name,
                                         const std::string& content_hash) {
  ImportRecord record;
  record.id = id;
  record.kind = model::ImportKind::payments;
  record.source_name = source_name;
  record.content_hash = content_hash;
  record.rows = rows;
  record.imported_at = utc_now();
  auto s = db.prepare(
      "UPDATE imports SET source_name = ?1, content_hash = ?2, rows = ?3, imported_at = ?4 WHERE "
      "id = ?5");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, source_name)
      .bind(2, content_hash)
      .bind(3, record.rows)
      .bind(4, record.imported_at)
      .bind(5, id);
  auto r = s->run();
  if (!r) {
    if (r.error().code() == ErrorCode::conflict)
      return fail(Error::conflict("同一文件已导入过: " + source_name));
    return fail(std::move(r.error()));
  }
  return record;
}

// The transaction of one block import. The import-log row is inserted first under a pending
// hash (payment_blocks refers to it) and given its real hash and row count at commit.
class SqlPaymentBlockWriter final : public PaymentBlockWriter {
 public:
  explicit SqlPaymentBlockWriter(Database& db) : m_db(db), m_sync(db), m_tx(db) {}

  Result<void> begin() {
    JIXIAO_TRY(m_sync.begin());
    JIXIAO_TRY(m_tx.begin());
    auto id = begin_block_import(m_db, "pending:" + utc_now() + ":" +
                                           std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    if (!id) return fail(std::move(id.error()));
    m_id = *id;
    auto insert = m_db.prepare(
        "INSERT INTO payment_blocks (import_id, fiscal_year, rows, line_keys, economic_codes, "
        "line_index, date_days, "
        "amount_fen, economic_index, voucher_numbers) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
        "?10)");
    if (!insert) return fail(std::move(insert.error()));
    m_insert.emplace(std::move(*insert));
    return {};
  }

  Result<void> add(const model::PaymentBlock& b) override {
    JIXIAO_ASSERT(b.line_index.size() == b.size() && b.date_days.size() == b.size() &&
                      b.economic_index.size() == b.size(),
                  "payment block columns of different lengths");
    const std::string keys = join_lines(b.line_keys), econ = join_lines(b.economic_codes);
    Statement& s = *m_insert;
    s.bind(1, m_id).bind(2, b.fiscal_year).bind(3, static_cast<std::int64_t>(b.size()));
    s.bind_blob(4, keys.data(), keys.size()).bind_blob(5, econ.data(), econ.size());
    s.bind_blob(6, b.line_index.data(), b.line_index.size() * sizeof(std::uint32_t));
    s.bind_blob(7, b.date_days.data(), b.date_days.size() * sizeof(std::int32_t));
    s.bind_blob(8, b.amount_fen.data(), b.amount_fen.size() * sizeof(std::int64_t));
    s.bind_blob(9, b.economic_index.data(), b.economic_index.size() * sizeof(std::uint16_t));
    s.bind_blob(10, b.voucher_numbers.data(), b.voucher_numbers.size());
    JIXIAO_TRY(s.run());
    s.reset();
    m_rows += static_cast<std::int64_t>(b.size());
    return {};
  }

  Result<ImportRecord> commit(const std::string& source_name,
                              const std::string& content_hash) override {
    auto record = finish_block_import(m_db, m_id, m_rows, source_name, content_hash);
    if (!record) return fail(std::move(record.error()));
    m_insert.reset();
    JIXIAO_TRY(m_tx.commit());
    return record;
  }

 private:
  Database& m_db;
  DurableCommit m_sync;  // declared before m_tx: destroyed after its rollback
  Transaction m_tx;
  std::optional<Statement> m_insert;
  std::int64_t m_id = 0;
  std::int64_t m_rows = 0;
};

Result<std::unique_ptr<PaymentBlockWriter>> SqlPaymentBlockStore::begin_payment_blocks() {
  auto w = std::make_unique<SqlPaymentBlockWriter>(m_db);
  JIXIAO_TRY(w->begin());
  return std::unique_ptr<PaymentBlockWriter>(std::move(w));
}

Result<void> read_blocks(Database& db, int fiscal_year, bool vouchers,
                         const std::function<Result<void>(model::PaymentBlock&&)>& visit) {
  auto s =
      db.prepare(vouchers ? "SELECT rows, line_keys, economic_codes, line_index, date_days, "
                            "amount_fen, economic_index, "
                            "voucher_numbers FROM payment_blocks WHERE fiscal_year = ?1 ORDER BY id"
                          : "SELECT rows, line_keys, economic_codes, line_index, date_days, "
                            "amount_fen, economic_index "
                            "FROM payment_blocks WHERE fiscal_year = ?1 ORDER BY id");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, fiscal_year);
  return s->each([&]() -> Result<void> {
    auto b = decode_block(
        fiscal_year, {s->column_int(0), s->column_blob(1), s->column_blob(2), s->column_blob(3),
                      s->column_blob(4), s->column_blob(5), s->column_blob(6)});
    if (!b) return fail(std::move(b.error()));
    if (vouchers) b->voucher_numbers = std::string(s->column_blob(7));
    return visit(std::move(*b));
  });
}

void append_block_payments(const model::PaymentBlock& block, const std::string& unit_code,
                           std::vector<model::Payment>& out) {
  std::vector<std::pair<std::string, std::string>> keys;  // (unit, line) per line key
  for (const auto& k : block.line_keys) {
    auto tab = k.find('\t');
    keys.emplace_back(k.substr(0, tab), tab == std::string::npos ? "" : k.substr(tab + 1));
  }
  std::string_view vouchers = block.voucher_numbers;
  for (std::size_t r = 0; r < block.size(); ++r) {
    std::string_view entry;
    if (!vouchers.empty()) {
      auto nl = vouchers.find('\n');
      entry = vouchers.substr(0, nl);
      vouchers.remove_prefix(nl == std::string_view::npos ? vouchers.size() : nl + 1);
    }
    const auto& [unit, line] = keys[block.line_index[r]];
    if (!unit_code.empty() && unit != unit_code) continue;
    model::Payment p;
    p.unit_code = unit;
    p.fiscal_year = block.fiscal_year;
    p.line_code = line;
    p.date = Date::from_days(block.date_days[r]);
    p.amount = Money::from_fen(block.amount_fen[r]);
    p.economic_code = block.economic_codes[block.economic_index[r]];
    auto us = entry.find('\x1f');
    p.voucher_number = std::string(entry.substr(0, us));
    if (us != std::string_view::npos) p.summary = std::string(entry.substr(us + 1));
    out.push_back(std::move(p));
  }
}

Result<void> SqlPaymentBlockStore::read_payment_blocks(
    int fiscal_year, const std::function<Result<void>(model::PaymentBlock&&)>& visit) {
  return read_blocks(m_db, fiscal_year, false, visit);
}

Result<std::vector<model::Payment>> SqlPaymentBlockStore::row_payments(int fiscal_year) {
  return read_row_payments(m_db, fiscal_year, {});
}

Result<void> SqlPaymentBlockStore::visit_vouchers(
    int fiscal_year,
    const std::function<void(std::string_view unit_code, std::string_view voucher)>& visit) {
  auto s = m_db.prepare(
      "SELECT u.code, p.voucher_number FROM payments p JOIN budget_lines l ON l.id = p.line_id "
      "JOIN units u ON u.id = l.unit_id WHERE l.fiscal_year = ?1");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, fiscal_year);
  JIXIAO_TRY(s->each([&] { visit(s->column_text(0), s->column_text(1)); }));
  return read_blocks(m_db, fiscal_year, true, [&](model::PaymentBlock&& b) -> Result<void> {
    std::vector<std::string_view> units;
    for (const auto& k : b.line_keys) units.push_back(std::string_view(k).substr(0, k.find('\t')));
    std::string_view vouchers = b.voucher_numbers;
    for (std::size_t r = 0; r < b.size() && !vouchers.empty(); ++r) {
      auto nl = vouchers.find('\n');
      std::string_view entry = vouchers.substr(0, nl);
      vouchers.remove_prefix(nl == std::string_view::npos ? vouchers.size() : nl + 1);
      visit(units[b.line_index[r]], entry.substr(0, entry.find('\x1f')));
    }
    return {};
  });
}

Result<std::int64_t> SqlPaymentBlockStore::block_payment_count(int fiscal_year) {
  auto s = m_db.prepare("SELECT COALESCE(SUM(rows), 0) FROM payment_blocks WHERE fiscal_year = ?1");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, fiscal_year);
  auto row = s->step();
  if (!row) return fail(std::move(row.error()));
  return s->column_int(0);
}

}  // namespace jixiao::store::sql
