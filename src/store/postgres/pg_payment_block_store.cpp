// store/postgres/pg_payment_block_store.cpp — COPY … (FORMAT binary) for payment blocks.
//
// A block is one row of payment_blocks (002_monitor.sql): its columns are already arrays, so the
// binary COPY sends them as they are in memory, with no text conversion on either side.
#include "store/postgres/pg_payment_block_store.hpp"

#include <libpq-fe.h>

#include <cstring>
#include <optional>

#include "store/sql/sql_db.hpp"

namespace jixiao::store::postgres {
namespace {

void put_be16(std::string& out, std::int16_t v) {
  auto u = static_cast<std::uint16_t>(v);
  out += static_cast<char>(u >> 8);
  out += static_cast<char>(u & 0xff);
}
void put_be32(std::string& out, std::int32_t v) {
  auto u = static_cast<std::uint32_t>(v);
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((u >> shift) & 0xff);
}
void put_be64(std::string& out, std::int64_t v) {
  auto u = static_cast<std::uint64_t>(v);
  for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((u >> shift) & 0xff);
}
std::int64_t get_be64(const char* p) {
  std::uint64_t u = 0;
  for (int i = 0; i < 8; ++i) u = (u << 8) | static_cast<unsigned char>(p[i]);
  return static_cast<std::int64_t>(u);
}

// A bytea field of the binary COPY format: its length, then its bytes.
void put_bytes(std::string& out, const void* data, std::size_t size) {
  put_be32(out, static_cast<std::int32_t>(size));
  out.append(static_cast<const char*>(data), size);
}

std::string joined(const std::vector<std::string>& items) {
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

template <class T>
Result<std::vector<T>> array_of(std::string_view blob, std::int64_t rows) {
  if (blob.size() != static_cast<std::size_t>(rows) * sizeof(T)) {
    return fail(Error::storage("支付数据块已损坏: 列长度与行数不符"));
  }
  std::vector<T> out(static_cast<std::size_t>(rows));
  if (rows > 0) std::memcpy(out.data(), blob.data(), blob.size());
  return out;
}

// One import: the import-log row first (under a pending hash; payment_blocks refers to it), then
// the blocks by COPY, then the log row gets its real hash and count, then COMMIT. The importer
// queries the store between blocks (a new year's vouchers, the file's hash): such a statement
// ends the open COPY (Database::on_next_statement) and the next block starts another, all in
// the one transaction.
class PgPaymentBlockWriter final : public PaymentBlockWriter {
 public:
  explicit PgPaymentBlockWriter(Database& db) : m_db(db), m_tx(db) {}
  ~PgPaymentBlockWriter() override {
    if (m_copying) m_db.cancel_copy();
  }
  PgPaymentBlockWriter(const PgPaymentBlockWriter&) = delete;
  PgPaymentBlockWriter& operator=(const PgPaymentBlockWriter&) = delete;

  Result<void> begin() {
    JIXIAO_TRY(m_tx.begin());
    auto s = m_db.prepare(
        "INSERT INTO imports (kind, source_name, content_hash, rows, imported_at) VALUES "
        "('payments', '', ?1, 0, '') "
        "RETURNING id");
    if (!s) return fail(std::move(s.error()));
    s->bind(1, "pending:" + sql::utc_now() + ":" +
                   std::to_string(reinterpret_cast<std::uintptr_t>(this)) + ":" +
                   std::to_string(PQbackendPID(m_db.handle())));
    auto row = s->step();
    if (!row) return fail(std::move(row.error()));
    m_id = s->column_int(0);
    return {};
  }

  Result<void> add(const model::PaymentBlock& b) override {
    JIXIAO_ASSERT(b.line_index.size() == b.size() && b.date_days.size() == b.size() &&
                      b.economic_index.size() == b.size(),
                  "payment block columns of different lengths");
    JIXIAO_TRY(start_copy());
    const std::string keys = joined(b.line_keys), econ = joined(b.economic_codes);
    std::string head;
    put_be16(head, 10);
    put_be32(head, 8);
    put_be64(head, m_id);
    put_be32(head, 8);
    put_be64(head, b.fiscal_year);
    put_be32(head, 8);
    put_be64(head, static_cast<std::int64_t>(b.size()));
    put_bytes(head, keys.data(), keys.size());
    put_bytes(head, econ.data(), econ.size());
    JIXIAO_TRY(m_db.copy_put(head));
    // The big columns go straight from the block's memory.
    auto column = [&](const void* data, std::size_t size) -> Result<void> {
      std::string len;
      put_be32(len, static_cast<std::int32_t>(size));
      JIXIAO_TRY(m_db.copy_put(len));
      return m_db.copy_put(std::string_view(static_cast<const char*>(data), size));
    };
    JIXIAO_TRY(column(b.line_index.data(), b.line_index.size() * sizeof(std::uint32_t)));
    JIXIAO_TRY(column(b.date_days.data(), b.date_days.size() * sizeof(std::int32_t)));
    JIXIAO_TRY(column(b.amount_fen.data(), b.amount_fen.size() * sizeof(std::int64_t)));
    JIXIAO_TRY(column(b.economic_index.data(), b.economic_index.size() * sizeof(std::uint16_t)));
    JIXIAO_TRY(column(b.voucher_numbers.data(), b.voucher_numbers.size()));
    m_rows += static_cast<std::int64_t>(b.size());
    return {};
  }

  Result<ImportRecord> commit(const std::string& source_name,
                              const std::string& content_hash) override {
    JIXIAO_TRY(end_copy());
    ImportRecord record;
    record.id = m_id;
    record.kind = model::ImportKind::payments;
    record.source_name = source_name;
    record.content_hash = content_hash;
    record.rows = m_rows;
    record.imported_at = sql::utc_now();
    auto s = m_db.prepare(
        "UPDATE imports SET source_name = ?1, content_hash = ?2, rows = ?3, imported_at = ?4 WHERE "
        "id = ?5");
    if (!s) return fail(std::move(s.error()));
    s->bind(1, source_name)
        .bind(2, content_hash)
        .bind(3, record.rows)
        .bind(4, record.imported_at)
        .bind(5, m_id);
    auto r = s->run();
    if (!r) {
      if (r.error().code() == ErrorCode::conflict)
        return fail(Error::conflict("同一文件已导入过: " + source_name));
      return fail(std::move(r.error()));
    }
    JIXIAO_TRY(m_tx.commit());
    return record;
  }

 private:
  Result<void> start_copy() {
    if (m_copying) return {};
    JIXIAO_TRY(
        m_db.copy_start("COPY payment_blocks (import_id, fiscal_year, rows, line_keys, "
                        "economic_codes, line_index, date_days, "
                        "amount_fen, economic_index, voucher_numbers) FROM STDIN (FORMAT binary)"));
    m_copying = true;
    m_db.on_next_statement([this] { return end_copy(); });
    std::string header("PGCOPY\n\377\r\n\0", 11);
    put_be32(header, 0);  // flags
    put_be32(header, 0);  // header extension length
    return m_db.copy_put(header);
  }

  Result<void> end_copy() {
    if (!m_copying) return {};
    m_db.on_next_statement(nullptr);
    std::string trailer;
    put_be16(trailer, -1);
    m_copying = false;
    if (auto put = m_db.copy_put(trailer); !put) {
      m_db.cancel_copy();  // leaves the connection out of COPY, so the rollback can run
      return put;
    }
    auto copied = m_db.copy_end();
    if (!copied) return fail(std::move(copied.error()));
    return {};
  }

  Database& m_db;
  sql::Transaction m_tx;
  bool m_copying = false;
  std::int64_t m_id = 0;
  std::int64_t m_rows = 0;
};

}  // namespace

Result<std::unique_ptr<PaymentBlockWriter>> PgPaymentBlockStore::begin_payment_blocks() {
  auto w = std::make_unique<PgPaymentBlockWriter>(m_db);
  JIXIAO_TRY(w->begin());
  return std::unique_ptr<PaymentBlockWriter>(std::move(w));
}

Result<void> PgPaymentBlockStore::read_payment_blocks(
    int fiscal_year, const std::function<Result<void>(model::PaymentBlock&&)>& visit) {
  // The ids first, then one query per block (a block is up to a million payments), so that
  // only one block's bytes are held at a time.
  auto ids = m_db.prepare("SELECT id FROM payment_blocks WHERE fiscal_year = ?1 ORDER BY id");
  if (!ids) return fail(std::move(ids.error()));
  ids->bind(1, fiscal_year);
  std::vector<std::string> block_ids;
  while (true) {
    auto row = ids->step();
    if (!row) return fail(std::move(row.error()));
    if (!*row) break;
    block_ids.push_back(ids->column_text(0));
  }
  const std::string sql =
      "SELECT rows, line_keys, economic_codes, line_index, date_days, amount_fen, economic_index "
      "FROM payment_blocks WHERE id = $1::bigint";
  for (const auto& id : block_ids) {
    auto r =
        m_db.query(sql, {id.c_str()}, {static_cast<int>(id.size())}, {0}, {0}, /*binary=*/true);
    if (!r) return fail(std::move(r.error()));
    pg_result* res = r->get();
    if (PQntuples(res) != 1) continue;  // removed meanwhile
    auto bytes = [&](int col) {
      return std::string_view(PQgetvalue(res, 0, col),
                              static_cast<std::size_t>(PQgetlength(res, 0, col)));
    };
    if (PQgetlength(res, 0, 0) != 8) return fail(Error::storage("支付数据块已损坏: 行数列"));
    model::PaymentBlock b;
    b.fiscal_year = fiscal_year;
    const std::int64_t rows = get_be64(PQgetvalue(res, 0, 0));
    b.line_keys = split_lines(bytes(1));
    b.economic_codes = split_lines(bytes(2));
    auto li = array_of<std::uint32_t>(bytes(3), rows);
    if (!li) return fail(std::move(li.error()));
    auto dd = array_of<std::int32_t>(bytes(4), rows);
    if (!dd) return fail(std::move(dd.error()));
    auto af = array_of<std::int64_t>(bytes(5), rows);
    if (!af) return fail(std::move(af.error()));
    auto ei = array_of<std::uint16_t>(bytes(6), rows);
    if (!ei) return fail(std::move(ei.error()));
    b.line_index = std::move(*li);
    b.date_days = std::move(*dd);
    b.amount_fen = std::move(*af);
    b.economic_index = std::move(*ei);
    r->reset();  // free the block's bytes before the visitor builds on it
    JIXIAO_TRY(visit(std::move(b)));
  }
  return {};
}

}  // namespace jixiao::store::postgres
