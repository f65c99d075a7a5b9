// store/store.cpp — open(url): picks the backend from the URL's scheme.
#include "store/store.hpp"

#include <cstdlib>

#include "store/migrations.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace jixiao::store {

std::string default_url() {
  const char* env = std::getenv("JIXIAO_DB");
  if (env != nullptr && *env != '\0') return env;
  return "sqlite:jixiao.db";
}

bool is_postgres(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

std::string redacted_url(std::string_view url) { return postgres::redact(url); }

int latest_schema_version(std::string_view url) {
  const auto& all = is_postgres(url) ? postgres::migrations() : sqlite::migrations();
  return all.empty() ? 0 : all.back().version;
}

Result<std::unique_ptr<ChangeFeed>> open_change_feed(std::string_view url,
                                                     std::string_view primary_url) {
  if (!is_postgres(url)) {
    if (!primary_url.empty())
      return fail(Error::invalid_input("只有 PostgreSQL 只读副本才需要指定主库（--primary）"));
    return std::unique_ptr<ChangeFeed>();
  }
  if (!primary_url.empty() && !is_postgres(primary_url)) {
    return fail(Error::invalid_input("主库应为 postgresql:// 地址: " + redacted_url(primary_url)));
  }
  return postgres::open_change_feed(std::string(url), std::string(primary_url));
}

namespace {

// The file of a SQLite URL ("sqlite:PATH", "sqlite:///abs/path" or a bare path).
Result<std::string> sqlite_path(std::string_view url) {
  std::string path(url);
  if (url.starts_with("sqlite:")) path = std::string(url.substr(7));
  if (path.starts_with("//")) path = path.substr(2);  // sqlite:///abs/path
  if (path.empty())
    return fail(Error::invalid_input("数据库地址缺少文件路径: " + std::string(url)));
  if (auto colon = path.find("://"); colon != std::string::npos) {
    return fail(Error::unsupported("不支持的数据库地址: " + std::string(url)));
  }
  return path;
}

}  // namespace

Result<std::unique_ptr<sql::Database>> sql::open_database(std::string_view url) {
  if (is_postgres(url)) {
    auto db = postgres::Database::open(std::string(url));
    if (!db) return fail(std::move(db.error()));
    return std::unique_ptr<sql::Database>(std::move(*db));
  }
  auto path = sqlite_path(url);
  if (!path) return fail(std::move(path.error()));
  auto db = sqlite::Database::open(*path);
  if (!db) return fail(std::move(db.error()));
  return std::unique_ptr<sql::Database>(std::move(*db));
}

Result<std::unique_ptr<Store>> open(std::string_view url, const OpenOptions& options) {
  if (is_postgres(url)) {
    auto store = postgres::PostgresStore::open(std::string(url), options);
    if (!store) return fail(std::move(store.error()));
    return std::unique_ptr<Store>(std::move(*store));
  }
  auto file = sqlite_path(url);
  if (!file) return fail(std::move(file.error()));
  const std::string& path = *file;
  auto store = sqlite::SqliteStore::open(path, "sqlite:" + path, options);
  if (!store) return fail(std::move(store.error()));
  return std::unique_ptr<Store>(std::move(*store));
}

}  // namespace jixiao::store
