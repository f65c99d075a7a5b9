// store/postgres/pg_db.cpp — sql::Database over libpq.
//
// Parameters go as text with no declared type (the server infers each from where it is used),
// except blobs, sent in binary as bytea. Results come back as text; bytea columns are decoded
// from PostgreSQL's hex form when read.
#include "store/postgres/pg_db.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>

namespace jixiao::store::postgres {

void ResultDeleter::operator()(pg_result* r) const { PQclear(r); }

std::string redact(std::string_view url) {
  std::string out(url);
  auto scheme = out.find("://");
  if (scheme == std::string::npos) return out;
  auto at = out.find('@', scheme + 3);
  auto slash = out.find('/', scheme + 3);
  if (at == std::string::npos || (slash != std::string::npos && slash < at)) return out;
  auto colon = out.find(':', scheme + 3);
  if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
  return out;
}

std::string to_dollar_params(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;
  bool quoted = false;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == '\'') quoted = !quoted;
    if (quoted || c != '?') {
      out += c;
      continue;
    }
    std::size_t j = i + 1;
    while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') ++j;
    out += '$';
    if (j > i + 1) {
      out.append(sql.substr(i + 1, j - i - 1));
      i = j - 1;
    } else {
      out += std::to_string(next++);
    }
  }
  return out;
}

namespace {

constexpr unsigned k_bytea_oid = 17;
// Text is declared text: a parameter the statement does not use (an optional filter) still has a
// type.
constexpr unsigned k_text_oid = 25;

void ignore_notice(void*, const char*) {}

std::string trimmed(const char* message) {
  std::string s = message ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

class PgCursor final : public sql::Cursor {
 public:
  PgCursor(Database& db, std::string sql) : m_db(db), m_sql(std::move(sql)) {}

  void bind_int(int index, std::int64_t value) override { set(index, std::to_string(value), 0, 0); }
  void bind_double(int index, double value) override {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    set(index, std::string(buf, end), 0, 0);
  }
  void bind_text(int index, std::string_view value) override {
    set(index, std::string(value), 0, k_text_oid);
  }
  void bind_blob(int index, const void* data, std::size_t size) override {
    set(index, std::string(static_cast<const char*>(data), size), 1, k_bytea_oid);
  }
  void bind_null(int index) override {
    grow(index);
    m_params[static_cast<std::size_t>(index - 1)].reset();
    m_types[static_cast<std::size_t>(index - 1)] = 0;  // NULL of whatever type the column has
  }

  Result<bool> step() override {
    if (!m_result) {
      std::vector<const char*> values;
      std::vector<int> lengths, formats;
      std::vector<unsigned> types;
      for (std::size_t i = 0; i < m_params.size(); ++i) {
        values.push_back(m_params[i] ? m_params[i]->data() : nullptr);
        lengths.push_back(m_params[i] ? static_cast<int>(m_params[i]->size()) : 0);
        formats.push_back(m_formats[i]);
        types.push_back(m_types[i]);
      }
      auto r = m_db.query(m_sql, values, lengths, formats, types);
      if (!r) return fail(std::move(r.error()));
      m_result = std::move(*r);
      m_rows = PQntuples(m_result.get());
      m_row = -1;
    }
    m_blobs.clear();
    ++m_row;
    return m_row < m_rows;
  }

  void reset() override {
    m_result.reset();
    m_params.clear();
    m_formats.clear();
    m_types.clear();
    m_blobs.clear();
  }

  std::int64_t column_int(int index) const override {
    const char* v = value(index);
    if (v == nullptr) return 0;
    if (v[0] == 't' && v[1] == '\0') return 1;  // a boolean expression
    if (v[0] == 'f' && v[1] == '\0') return 0;
    std::int64_t n = 0;
    std::from_chars(v, v + std::char_traits<char>::length(v), n);
    return n;
  }
  double column_double(int index) const override {
    const char* v = value(index);
    return v ? std::strtod(v, nullptr) : 0.0;
  }
  std::string column_text(int index) const override {
    const char* v = value(index);
    return v ? std::string(v, static_cast<std::size_t>(PQgetlength(m_result.get(), m_row, index)))
             : std::string();
  }
  std::string_view column_blob(int index) const override {
    const char* v = value(index);
    if (v == nullptr) return {};
    auto& out = m_blobs[index];
    if (!out) {
      std::size_t n = 0;
      unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(v), &n);
      out.emplace(reinterpret_cast<const char*>(raw), n);
      PQfreemem(raw);
    }
    return *out;
  }
  bool column_is_null(int index) const override {
    return PQgetisnull(m_result.get(), m_row, index) != 0;
  }
  sql::ColumnType column_type(int index) const override {
    if (value(index) == nullptr) return sql::ColumnType::null;
    switch (PQftype(m_result.get(), index)) {
      case 20:
      case 21:
      case 23:
      case 16:
        return sql::ColumnType::integer;  // int8, int2, int4, bool
      case 700:
      case 701:
      case 1700:
        return sql::ColumnType::real;  // float4, float8, numeric
      case k_bytea_oid:
        return sql::ColumnType::blob;
      default:
        return sql::ColumnType::text;
    }
  }
  int column_count() const override { return m_result ? PQnfields(m_result.get()) : 0; }
  std::string column_name(int index) const override {
    return m_result ? PQfname(m_result.get(), index) : "";
  }

 private:
  void grow(int index) {
    auto n = static_cast<std::size_t>(index);
    if (m_params.size() < n) {
      m_params.resize(n);
      m_formats.resize(n, 0);
      // A gap (a parameter the statement does not use, left unbound): NULL as text, so that
      // PostgreSQL does not ask for its type.
      m_types.resize(n, k_text_oid);
    }
  }
  void set(int index, std::string value, int format, unsigned type) {
    grow(index);
    auto i = static_cast<std::size_t>(index - 1);
    m_params[i] = std::move(value);
    m_formats[i] = format;
    m_types[i] = type;
  }
  const char* value(int index) const {
    if (!m_result || m_row < 0 || m_row >= m_rows || PQgetisnull(m_result.get(), m_row, index))
      return nullptr;
    return PQgetvalue(m_result.get(), m_row, index);
  }

  Database& m_db;
  std::string m_sql;
  std::vector<std::optional<std::string>> m_params;
  std::vector<int> m_formats;
  std::vector<unsigned> m_types;
  PgResult m_result;
  int m_rows = 0;
  int m_row = -1;
  mutable std::map<int, std::optional<std::string>> m_blobs;
};

}  // namespace

Database::~Database() { PQfinish(m_conn); }

Result<std::unique_ptr<Database>> Database::open(const std::string& url) {
  std::unique_ptr<Database> db(new Database());
  db->m_url = url;
  db->m_conn = PQconnectdb(url.c_str());
  if (db->m_conn == nullptr || PQstatus(db->m_conn) != CONNECTION_OK) {
    std::string why = db->m_conn ? trimmed(PQerrorMessage(db->m_conn)) : "out of memory";
    return fail(Error::storage("无法连接 PostgreSQL 数据库 " + redact(url) + ": " + why));
  }
  // Notices (e.g. "relation already exists, skipping") are not the user's business.
  PQsetNoticeProcessor(db->m_conn, ignore_notice, nullptr);
  auto set = db->exec("SET client_min_messages = warning; SET TIME ZONE 'UTC'");
  if (!set) return fail(std::move(set.error()));
  return db;
}

Error Database::error_of(pg_result* result) const {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(m_conn));
  if (message.empty()) message = trimmed(PQerrorMessage(m_conn));
  // Class 23: integrity constraint violation (unique, check, foreign key, not null).
  if (state != nullptr && state[0] == '2' && state[1] == '3') return Error::conflict(message);
  // 40001 serialization failure, 40P01 deadlock: the transaction lost a race; retrying is right.
  if (state != nullptr && state[0] == '4' && state[1] == '0')
    return Error::conflict("并发修改冲突，请重试: " + message);
  return Error::storage("PostgreSQL: " + message);
}

Result<void> Database::ensure_connected() {
  if (PQstatus(m_conn) == CONNECTION_OK) return {};
  if (!m_idle) {
    // The transaction died with the connection: report it once (the caller rolls back and
    // fails its request); the next command starts afresh on a new connection.
    m_idle = true;
    return fail(Error::storage("PostgreSQL 连接中断，事务未完成（已回滚）: " +
                               trimmed(PQerrorMessage(m_conn))));
  }
  // Nothing is lost outside a transaction: reconnect (to whichever host is now the primary, for a
  // multi-host URL with target_session_attrs=read-write).
  PQreset(m_conn);
  if (PQstatus(m_conn) != CONNECTION_OK) {
    return fail(Error::storage("PostgreSQL 连接中断，重连失败 " + redact(m_url) + ": " +
                               trimmed(PQerrorMessage(m_conn))));
  }
  PQsetNoticeProcessor(m_conn, ignore_notice, nullptr);
  PgResult set(PQexec(m_conn, "SET client_min_messages = warning; SET TIME ZONE 'UTC'"));
  return {};
}

void Database::note_state() {
  if (PQstatus(m_conn) == CONNECTION_OK) m_idle = PQtransactionStatus(m_conn) == PQTRANS_IDLE;
}

Result<PgResult> Database::query(const std::string& sql, const std::vector<const char*>& values,
                                 const std::vector<int>& lengths, const std::vector<int>& formats,
                                 const std::vector<unsigned>& types, bool binary) {
  JIXIAO_TRY(pause_copy());
  for (int attempt = 0;; ++attempt) {
    JIXIAO_TRY(ensure_connected());
    const bool was_idle = m_idle;
    PgResult r(PQexecParams(m_conn, sql.c_str(), static_cast<int>(values.size()), types.data(),
                            values.data(), lengths.data(), formats.data(), binary ? 1 : 0));
    note_state();
    ExecStatusType status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
      const char* n = PQcmdTuples(r.get());
      m_changes = (n && *n) ? std::strtoll(n, nullptr, 10) : 0;
      return r;
    }
    // Lost while sending, outside a transaction: once more on a new connection.
    if (attempt == 0 && was_idle && PQstatus(m_conn) != CONNECTION_OK) continue;
    if (!was_idle && PQstatus(m_conn) != CONNECTION_OK) m_idle = true;  // that transaction is gone
    return fail(error_of(r.get()));
  }
}

Result<void> Database::exec(std::string_view sql) {
  std::string text(sql);
  JIXIAO_TRY(pause_copy());
  for (int attempt = 0;; ++attempt) {
    JIXIAO_TRY(ensure_connected());
    const bool was_idle = m_idle;
    PgResult r(PQexec(m_conn, text.c_str()));
    note_state();
    ExecStatusType status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK || status == PGRES_EMPTY_QUERY)
      return {};
    if (attempt == 0 && was_idle && PQstatus(m_conn) != CONNECTION_OK) continue;
    if (!was_idle && PQstatus(m_conn) != CONNECTION_OK) m_idle = true;
    return fail(error_of(r.get()));
  }
}

Result<sql::Statement> Database::prepare(std::string_view sql) {
  return sql::Statement(std::make_unique<PgCursor>(*this, to_dollar_params(sql)));
}

std::int64_t Database::last_insert_rowid() {
  if (!pause_copy()) return 0;
  PgResult r(PQexec(m_conn, "SELECT lastval()"));
  if (!r || PQresultStatus(r.get()) != PGRES_TUPLES_OK || PQntuples(r.get()) != 1) return 0;
  return std::strtoll(PQgetvalue(r.get(), 0, 0), nullptr, 10);
}

bool Database::in_transaction() const {
  return PQstatus(m_conn) == CONNECTION_OK ? PQtransactionStatus(m_conn) != PQTRANS_IDLE : !m_idle;
}

Result<void> Database::pause_copy() {
  if (!m_pause_copy) return {};
  auto pause = std::move(m_pause_copy);
  m_pause_copy = nullptr;
  return pause();
}

Result<void> Database::copy_start(const std::string& copy_sql) {
  JIXIAO_TRY(pause_copy());
  PgResult start(PQexec(m_conn, copy_sql.c_str()));
  if (!start || PQresultStatus(start.get()) != PGRES_COPY_IN) return fail(error_of(start.get()));
  return {};
}

Result<void> Database::copy_put(std::string_view data) {
  while (!data.empty()) {
    // PQputCopyData takes an int length: send large blocks in pieces.
    std::size_t n = std::min<std::size_t>(data.size(), 64u << 20);
    if (PQputCopyData(m_conn, data.data(), static_cast<int>(n)) != 1) {
      return fail(Error::storage("PostgreSQL COPY: " + trimmed(PQerrorMessage(m_conn))));
    }
    data.remove_prefix(n);
  }
  return {};
}

Result<std::int64_t> Database::copy_end() {
  if (PQputCopyEnd(m_conn, nullptr) != 1)
    return fail(Error::storage("PostgreSQL COPY: " + trimmed(PQerrorMessage(m_conn))));
  PgResult end(PQgetResult(m_conn));
  while (PgResult extra{PQgetResult(m_conn)}) {
  }
  if (!end || PQresultStatus(end.get()) != PGRES_COMMAND_OK) return fail(error_of(end.get()));
  const char* n = PQcmdTuples(end.get());
  return static_cast<std::int64_t>((n && *n) ? std::strtoll(n, nullptr, 10) : 0);
}

void Database::cancel_copy() {
  m_pause_copy = nullptr;
  PQputCopyEnd(m_conn, "jixiao: import abandoned");
  while (PgResult extra{PQgetResult(m_conn)}) {
  }
}

}  // namespace jixiao::store::postgres
