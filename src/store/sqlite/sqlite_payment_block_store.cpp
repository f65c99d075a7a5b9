// store/sqlite/sqlite_payment_block_store.cpp — payments as column blocks (002_monitor.sql).
// Per-row columns are stored as the machine's little-endian arrays (x86-64, aarch64).
#include "store/sqlite/sqlite_payment_block_store.hpp"

#include <cstring>
#include <map>
#include <set>
#include <unordered_set>

#include "store/sqlite/sqlite_store.hpp"

namespace jixiao::store::sqlite {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) {
    out += s;
    out += '\n';
  }
  return out;
}

std::vector<std::string> split(std::string_view blob) {
  std::vector<std::string> out;
  while (!blob.empty()) {
    auto nl = blob.find('\n');
    out.emplace_back(blob.substr(0, nl));
    if (nl == std::string_view::npos) break;
    blob.remove_prefix(nl + 1);
  }
  return out;
}

template <class T>
Result<std::vector<T>> array_of(std::string_view blob, std::int64_t rows) {
  if (blob.size() != static_cast<std::size_t>(rows) * sizeof(T)) {
    return fail(Error::storage("支付数据块已损坏: 列长度与行数不符"));
  }
  std::vector<T> out(static_cast<std::size_t>(rows));
  if (rows > 0) std::memcpy(out.data(), blob.data(), blob.size());
  return out;
}

// Restores synchronous=NORMAL however the write ends.
struct FullSync {
  Database& db;
  explicit FullSync(Database& d) : db(d) {}
  ~FullSync() { (void)db.exec("PRAGMA synchronous=NORMAL"); }
};

}  // namespace

Result<ImportRecord> SqlitePaymentBlockStore::write_payment_blocks(const std::string& source_name,
                                                                   const std::string& content_hash,
                                                                   const std::vector<PaymentBlock>& blocks) {
  // FULL: the commit is synced to disk before this returns (durable, not only crash-safe).
  JIXIAO_TRY(m_db.exec("PRAGMA synchronous=FULL"));
  FullSync restore(m_db);
  Transaction tx(m_db);
  JIXIAO_TRY(tx.begin());

  // Every line key must name a budget line of its year.
  std::set<int> years;
  for (const auto& b : blocks) years.insert(b.fiscal_year);
  for (int year : years) {
    std::unordered_set<std::string> known;
    auto s = m_db.prepare("SELECT u.code, l.code FROM budget_lines l JOIN units u ON u.id = l.unit_id WHERE l.fiscal_year = ?1");
    if (!s) return fail(std::move(s.error()));
    s->bind(1, year);
    while (true) {
      auto row = s->step();
      if (!row) return fail(std::move(row.error()));
      if (!*row) break;
      known.insert(s->column_text(0) + '\t' + s->column_text(1));
    }
    for (const auto& b : blocks) {
      if (b.fiscal_year != year) continue;
      for (const auto& key : b.line_keys) {
        if (!known.contains(key)) {
          auto tab = key.find('\t');
          return fail(Error::not_found("预算项目不存在: " + key.substr(0, tab) + " " + std::to_string(year) + " " +
                                       (tab == std::string::npos ? "" : key.substr(tab + 1))));
        }
      }
    }
  }

  ImportRecord record;
  record.kind = model::ImportKind::payments;
  record.source_name = source_name;
  record.content_hash = content_hash;
  for (const auto& b : blocks) record.rows += static_cast<std::int64_t>(b.size());
  record.imported_at = utc_now();
  {
    auto s = m_db.prepare("INSERT INTO imports (kind, source_name, content_hash, rows, imported_at) VALUES ('payments', ?1, ?2, ?3, ?4)");
    if (!s) return fail(std::move(s.error()));
    s->bind(1, source_name).bind(2, content_hash).bind(3, record.rows).bind(4, record.imported_at);
    auto r = s->run();
    if (!r) {
      if (r.error().code() == ErrorCode::conflict) return fail(Error::conflict("同一文件已导入过: " + source_name));
      return fail(std::move(r.error()));
    }
    record.id = m_db.last_insert_rowid();
  }
  auto s = m_db.prepare(
      "INSERT INTO payment_blocks (import_id, fiscal_year, rows, line_keys, economic_codes, line_index, date_days, "
      "amount_fen, economic_index, voucher_numbers) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!s) return fail(std::move(s.error()));
  for (const auto& b : blocks) {
    JIXIAO_ASSERT(b.line_index.size() == b.size() && b.date_days.size() == b.size() && b.economic_index.size() == b.size(),
                  "payment block columns of different lengths");
    const std::string keys = join(b.line_keys), econ = join(b.economic_codes);
    s->bind(1, record.id).bind(2, b.fiscal_year).bind(3, static_cast<std::int64_t>(b.size()));
    s->bind_blob(4, keys.data(), keys.size()).bind_blob(5, econ.data(), econ.size());
    s->bind_blob(6, b.line_index.data(), b.line_index.size() * sizeof(std::uint32_t));
    s->bind_blob(7, b.date_days.data(), b.date_days.size() * sizeof(std::int32_t));
    s->bind_blob(8, b.amount_fen.data(), b.amount_fen.size() * sizeof(std::int64_t));
    s->bind_blob(9, b.economic_index.data(), b.economic_index.size() * sizeof(std::uint16_t));
    s->bind_blob(10, b.voucher_numbers.data(), b.voucher_numbers.size());
    JIXIAO_TRY(s->run());
    s->reset();
  }
  JIXIAO_TRY(tx.commit());
  return record;
}

Result<void> SqlitePaymentBlockStore::read_payment_blocks(int fiscal_year,
                                                          const std::function<Result<void>(PaymentBlock&&)>& visit) {
  auto s = m_db.prepare(
      "SELECT rows, line_keys, economic_codes, line_index, date_days, amount_fen, economic_index FROM payment_blocks "
      "WHERE fiscal_year = ?1 ORDER BY id");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, fiscal_year);
  while (true) {
    auto row = s->step();
    if (!row) return fail(std::move(row.error()));
    if (!*row) break;
    PaymentBlock b;
    b.fiscal_year = fiscal_year;
    const std::int64_t rows = s->column_int(0);
    b.line_keys = split(s->column_blob(1));
    b.economic_codes = split(s->column_blob(2));
    auto li = array_of<std::uint32_t>(s->column_blob(3), rows);
    if (!li) return fail(std::move(li.error()));
    auto dd = array_of<std::int32_t>(s->column_blob(4), rows);
    if (!dd) return fail(std::move(dd.error()));
    auto af = array_of<std::int64_t>(s->column_blob(5), rows);
    if (!af) return fail(std::move(af.error()));
    auto ei = array_of<std::uint16_t>(s->column_blob(6), rows);
    if (!ei) return fail(std::move(ei.error()));
    b.line_index = std::move(*li);
    b.date_days = std::move(*dd);
    b.amount_fen = std::move(*af);
    b.economic_index = std::move(*ei);
    JIXIAO_TRY(visit(std::move(b)));
  }
  return {};
}

Result<std::int64_t> SqlitePaymentBlockStore::block_payment_count(int fiscal_year) {
  auto s = m_db.prepare("SELECT COALESCE(SUM(rows), 0) FROM payment_blocks WHERE fiscal_year = ?1");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, fiscal_year);
  auto row = s->step();
  if (!row) return fail(std::move(row.error()));
  return s->column_int(0);
}

}  // namespace jixiao::store::sqlite
