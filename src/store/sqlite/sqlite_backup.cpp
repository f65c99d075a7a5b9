// store/sqlite/sqlite_backup.cpp — backup() and restore() with SQLite's online backup API.
#include <sqlite3.h>

#include <filesystem>

#include "store/sqlite/sqlite_db.hpp"
#include "store/store.hpp"
#include "store/transfer.hpp"

namespace jixiao::store {
namespace {

// Copies all of `from` into `to` in one step (a consistent snapshot of `from`).
Result<std::int64_t> copy_pages(sqlite3* from, sqlite3* to, const std::string& what) {
  sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
  if (b == nullptr) return fail(Error::storage(what + ": " + sqlite3_errmsg(to)));
  int rc = sqlite3_backup_step(b, -1);
  std::int64_t pages = sqlite3_backup_pagecount(b);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return fail(Error::storage(what + ": " + sqlite3_errstr(rc)));
  return pages;
}

Result<std::string> file_of(std::string_view url, const char* pg_hint) {
  if (is_postgres(url))
    return fail(Error::unsupported(std::string("PostgreSQL 数据库请用 ") + pg_hint +
                                   "（见 docs/scaling.md）"));
  std::string path(url.starts_with("sqlite:") ? url.substr(7) : url);
  if (path.starts_with("//")) path = path.substr(2);
  return path;
}

}  // namespace

Result<std::int64_t> backup(std::string_view url, const std::string& file) {
  auto path = file_of(url, "pg_dump");
  if (!path) return fail(std::move(path.error()));
  auto opened = open(url);  // the schema current, and the file known to be a jixiao database
  if (!opened) return fail(std::move(opened.error()));
  auto from = sqlite::Database::open(*path);
  if (!from) return fail(std::move(from.error()));
  std::error_code ec;
  std::filesystem::remove(file, ec);
  sqlite3* to = nullptr;
  if (sqlite3_open(file.c_str(), &to) != SQLITE_OK) {
    std::string why = to ? sqlite3_errmsg(to) : "out of memory";
    sqlite3_close(to);
    return fail(Error::storage("无法写备份文件 " + file + ": " + why));
  }
  auto pages = copy_pages((*from)->handle(), to, "备份到 " + file);
  sqlite3_close(to);
  return pages;
}

Result<void> restore(const std::string& file, std::string_view url) {
  auto path = file_of(url, "pg_restore");
  if (!path) return fail(std::move(path.error()));
  if (!std::filesystem::exists(file)) return fail(Error::not_found("备份文件不存在: " + file));
  sqlite3* from = nullptr;
  if (sqlite3_open_v2(file.c_str(), &from, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(from);
    return fail(Error::invalid_input("不是可读的 SQLite 文件: " + file));
  }
  auto check = [&]() -> Result<void> {
    sqlite3_stmt* s = nullptr;
    std::string ok;
    if (sqlite3_prepare_v2(from, "PRAGMA integrity_check", -1, &s, nullptr) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW) {
      ok = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    }
    sqlite3_finalize(s);
    if (ok != "ok") return fail(Error::invalid_input("备份文件已损坏或不是数据库: " + file));
    int version = -1;
    if (sqlite3_prepare_v2(from, "PRAGMA user_version", -1, &s, nullptr) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW) {
      version = sqlite3_column_int(s, 0);
    }
    sqlite3_finalize(s);
    if (version <= 0) return fail(Error::invalid_input("不是 jixiao 的数据库备份: " + file));
    if (version > latest_schema_version(url)) {
      return fail(Error::invalid_input("备份 " + file + " 的结构版本 " + std::to_string(version) +
                                       " 比本程序新；请升级 jixiao"));
    }
    return {};
  };
  auto checked = check();
  if (!checked) {
    sqlite3_close(from);
    return fail(std::move(checked.error()));
  }
  auto to = sqlite::Database::open(*path);
  if (!to) {
    sqlite3_close(from);
    return fail(std::move(to.error()));
  }
  auto pages = copy_pages(from, (*to)->handle(), "从 " + file + " 恢复");
  sqlite3_close(from);
  if (!pages) return fail(std::move(pages.error()));
  to->reset();
  auto migrated = open(url);  // an older backup is brought to the current schema
  if (!migrated) return fail(std::move(migrated.error()));
  return {};
}

}  // namespace jixiao::store
