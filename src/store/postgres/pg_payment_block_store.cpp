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
    // The backend's process id too: several servers may import into one database at once.
    auto id =
        sql::begin_block_import(m_db, "pending:" + sql::utc_now() + ":" +
                                          std::to_string(reinterpret_cast<std::uintptr_t>(this)) +
                                          ":" + std::to_string(PQbackendPID(m_db.handle())));
    if (!id) return fail(std::move(id.error()));
    m_id = *id;
    return {};
  }

  Result<void> add(const model::PaymentBlock& b) override {
    JIXIAO_ASSERT(b.line_index.size() == b.size() && b.date_days.size() == b.size() &&
                      b.economic_index.size() == b.size(),
                  "payment block columns of different lengths");
    JIXIAO_TRY(start_copy());
    const std::string keys = sql::join_lines(b.line_keys), econ = sql::join_lines(b.economic_codes);
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
    auto record = sql::finish_block_import(m_db, m_id, m_rows, source_name, content_hash);
    if (!record) return fail(std::move(record.error()));
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
  JIXIAO_TRY(ids->each([&] { block_ids.push_back(ids->column_text(0)); }));
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
    auto b = sql::decode_block(fiscal_year, {get_be64(PQgetvalue(res, 0, 0)), bytes(1), bytes(2),
                                             bytes(3), bytes(4), bytes(5), bytes(6)});
    if (!b) return fail(std::move(b.error()));
    r->reset();  // free the block's bytes before the visitor builds on it
    JIXIAO_TRY(visit(std::move(*b)));
  }
  return {};
}

}  // namespace jixiao::store::postgres
