// store/transfer.cpp — copy_database and verify_copy over the two backends' connections.
#include "store/transfer.hpp"

#include <algorithm>
#include <set>

#include "store/sql/sql_db.hpp"
#include "store/store.hpp"

namespace jixiao::store {
namespace {

// Every table, parents before children (foreign keys). A migration that adds a table adds it
// here too; copying a database with a table missing from this list is refused, never partial.
constexpr const char* k_tables[] = {
    "imports",
    "units",
    "budget_lines",
    "adjustments",
    "payments",
    "commitments",
    "schedule_points",
    "spending_plans",
    "payment_blocks",
    "indicator_versions",
    "goal_sets",
    "goal_indicators",
    "goal_versions",
    "checklist_answers",
    "frozen_evaluations",
    "narratives",
    "users",
    "audit_log",
    "evaluations",
    "congress_deputies",
    "congress_suggestions",
    "congress_suggestion_units",
    "congress_activities",
    "congress_records",
    "score_overrides",
    "import_profiles",
};
// Not copied: the migration log (the target has its own), sign-in sessions, and SQLite's FTS5
// index of the suggestions with its shadow tables (rebuilt on a SQLite target after the copy;
// PostgreSQL has none).
const std::set<std::string> k_not_copied = {"schema_migrations",
                                            "sessions",
                                            "congress_suggestion_fts",
                                            "congress_suggestion_fts_data",
                                            "congress_suggestion_fts_idx",
                                            "congress_suggestion_fts_content",
                                            "congress_suggestion_fts_docsize",
                                            "congress_suggestion_fts_config"};

Result<std::vector<std::string>> table_names(sql::Database& db) {
  auto s = db.prepare(
      db.dialect() == sql::Dialect::sqlite
          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
          : "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()");
  if (!s) return fail(std::move(s.error()));
  std::vector<std::string> out;
  JIXIAO_TRY(s->each([&] { out.push_back(s->column_text(0)); }));
  return out;
}

struct Column {
  std::string name;
  sql::ColumnType type;
};

// The declared columns of `table`, in order.
Result<std::vector<Column>> columns_of(sql::Database& db, const std::string& table) {
  const bool lite = db.dialect() == sql::Dialect::sqlite;
  auto s = db.prepare(
      lite ? "SELECT name, upper(type) FROM pragma_table_info(?1) ORDER BY cid"
           : "SELECT column_name, upper(data_type) FROM information_schema.columns "
             "WHERE table_schema = current_schema() AND table_name = ?1 ORDER BY ordinal_position");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, table);
  std::vector<Column> out;
  JIXIAO_TRY(s->each([&] {
    std::string type = s->column_text(1);
    sql::ColumnType t = sql::ColumnType::text;
    if (type.find("INT") != std::string::npos)
      t = sql::ColumnType::integer;
    else if (type.find("REAL") != std::string::npos || type.find("DOUBLE") != std::string::npos)
      t = sql::ColumnType::real;
    else if (type.find("BLOB") != std::string::npos || type.find("BYTEA") != std::string::npos)
      t = sql::ColumnType::blob;
    out.push_back({s->column_text(0), t});
  }));
  return out;
}

Result<std::int64_t> count_rows(sql::Database& db, const std::string& table) {
  auto s = db.prepare("SELECT COUNT(*) FROM " + table);
  if (!s) return fail(std::move(s.error()));
  auto row = s->step();
  if (!row) return fail(std::move(row.error()));
  return s->column_int(0);
}

// The tables to copy: every known one, after checking the source has no unknown table.
Result<std::vector<std::string>> tables_to_copy(sql::Database& from) {
  auto names = table_names(from);
  if (!names) return fail(std::move(names.error()));
  for (const auto& n : *names) {
    if (k_not_copied.contains(n)) continue;
    if (std::find(std::begin(k_tables), std::end(k_tables), n) == std::end(k_tables)) {
      return fail(Error::unsupported("源数据库有本程序不认识的表 " + n +
                                     "（由更新的 jixiao 建立？）；未复制任何数据"));
    }
  }
  std::vector<std::string> out;
  for (const char* t : k_tables) {
    if (std::find(names->begin(), names->end(), t) != names->end()) out.emplace_back(t);
  }
  return out;
}

struct Opened {
  std::unique_ptr<sql::Database> from;
  std::unique_ptr<sql::Database> to;
};

Result<Opened> open_both(std::string_view from_url, std::string_view to_url) {
  // Through the Store first: both at the latest schema (the target created if new).
  for (auto url : {from_url, to_url}) {
    auto s = open(url);
    if (!s) return fail(std::move(s.error()));
  }
  Opened o;
  auto from = sql::open_database(from_url);
  if (!from) return fail(std::move(from.error()));
  auto to = sql::open_database(to_url);
  if (!to) return fail(std::move(to.error()));
  o.from = std::move(*from);
  o.to = std::move(*to);
  return o;
}

}  // namespace

Result<std::vector<TableCopy>> copy_database(
    std::string_view from_url, std::string_view to_url,
    const std::function<void(const TableCopy&)>& progress) {
  auto both = open_both(from_url, to_url);
  if (!both) return fail(std::move(both.error()));
  sql::Database& from = *both->from;
  sql::Database& to = *both->to;
  auto tables = tables_to_copy(from);
  if (!tables) return fail(std::move(tables.error()));
  for (const auto& t : *tables) {
    auto n = count_rows(to, t);
    if (!n) return fail(std::move(n.error()));
    if (*n > 0) {
      return fail(Error::conflict("目标数据库 " + redacted_url(to_url) + " 已有数据（表 " + t +
                                  " 有 " + std::to_string(*n) + " 行）；只能迁移到空数据库"));
    }
  }
  sql::Transaction tx(to);
  JIXIAO_TRY(tx.begin());
  std::vector<TableCopy> out;
  for (const auto& t : *tables) {
    auto cols = columns_of(to, t);
    if (!cols) return fail(std::move(cols.error()));
    std::string names, params;
    for (std::size_t i = 0; i < cols->size(); ++i) {
      names += (i ? ", " : "") + (*cols)[i].name;
      params += (i ? ", ?" : "?") + std::to_string(i + 1);
    }
    auto read = from.prepare("SELECT " + names + " FROM " + t);
    if (!read) return fail(std::move(read.error()));
    auto write = to.prepare("INSERT INTO " + t + " (" + names + ") VALUES (" + params + ")");
    if (!write) return fail(std::move(write.error()));
    TableCopy copied{t, 0};
    JIXIAO_TRY(read->each([&]() -> Result<void> {
      for (int i = 0; i < static_cast<int>(cols->size()); ++i) {
        switch (read->column_type(i)) {
          case sql::ColumnType::null:
            write->bind_null(i + 1);
            break;
          case sql::ColumnType::integer:
            write->bind(i + 1, read->column_int(i));
            break;
          case sql::ColumnType::real:
            write->bind(i + 1, read->column_double(i));
            break;
          case sql::ColumnType::blob: {
            auto b = read->column_blob(i);
            write->bind_blob(i + 1, b.data(), b.size());
            break;
          }
          case sql::ColumnType::text:
            write->bind(i + 1, read->column_text(i));
            break;
        }
      }
      auto r = write->run();
      if (!r)
        return fail(r.error().add_context("复制表 " + t + " 第 " + std::to_string(copied.rows + 1) +
                                          " 行"));
      write->reset();
      ++copied.rows;
      return {};
    }));
    // PostgreSQL's identity sequences continue after the copied ids.
    if (to.dialect() == sql::Dialect::postgres &&
        std::any_of(cols->begin(), cols->end(), [](const Column& c) { return c.name == "id"; })) {
      JIXIAO_TRY(to.exec("SELECT setval(pg_get_serial_sequence('" + t +
                         "', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM " + t + "), false)"));
    }
    if (progress) progress(copied);
    out.push_back(std::move(copied));
  }
  // SQLite's full-text index of the suggestions is derived from the copied rows.
  if (to.dialect() == sql::Dialect::sqlite) {
    JIXIAO_TRY(to.exec("DELETE FROM congress_suggestion_fts"));
    JIXIAO_TRY(to.exec(
        "INSERT INTO congress_suggestion_fts (number, title, body) SELECT number, title, body FROM "
        "congress_suggestions"));
  }
  JIXIAO_TRY(tx.commit());
  return out;
}

Result<std::vector<TableCopy>> verify_copy(std::string_view from_url, std::string_view to_url) {
  auto both = open_both(from_url, to_url);
  if (!both) return fail(std::move(both.error()));
  auto tables = tables_to_copy(*both->from);
  if (!tables) return fail(std::move(tables.error()));
  std::vector<TableCopy> out;
  for (const auto& t : *tables) {
    auto cols = columns_of(*both->to, t);
    if (!cols) return fail(std::move(cols.error()));
    std::string select = "SELECT COUNT(*)";
    for (const auto& c : *cols) {
      switch (c.type) {
        case sql::ColumnType::integer:
          select += ", COALESCE(SUM(" + c.name + "), 0)";
          break;
        case sql::ColumnType::real:
          select += ", COUNT(" + c.name + ")";
          break;
        case sql::ColumnType::blob:
          select += ", COALESCE(SUM(octet_length(" + c.name + ")), 0)";
          break;
        default:
          select += ", COALESCE(SUM(length(" + c.name + ")), 0)";
          break;
      }
    }
    select += " FROM " + t;
    std::vector<std::string> sides[2];
    sql::Database* dbs[2] = {both->from.get(), both->to.get()};
    for (int side = 0; side < 2; ++side) {
      // SQLite has no octet_length: length() of a blob is its size in bytes there.
      std::string q = select;
      if (dbs[side]->dialect() == sql::Dialect::sqlite) {
        for (auto pos = q.find("octet_length("); pos != std::string::npos;
             pos = q.find("octet_length("))
          q.replace(pos, 12, "length");
      }
      auto s = dbs[side]->prepare(q);
      if (!s) return fail(std::move(s.error()));
      auto row = s->step();
      if (!row) return fail(std::move(row.error()));
      for (int i = 0; i <= static_cast<int>(cols->size()); ++i)
        sides[side].push_back(std::to_string(s->column_int(i)));
    }
    for (std::size_t i = 0; i < sides[0].size(); ++i) {
      if (sides[0][i] == sides[1][i]) continue;
      std::string what = i == 0 ? "行数" : "列 " + (*cols)[i - 1].name + " 的校验和";
      return fail(Error::conflict("校验不符: 表 " + t + " " + what + " 源为 " + sides[0][i] +
                                  "，目标为 " + sides[1][i]));
    }
    out.push_back({t, std::stoll(sides[0][0])});
  }
  return out;
}

}  // namespace jixiao::store
