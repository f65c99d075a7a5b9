// store/store.cpp — open(url): picks the backend from the URL's scheme.
#include "store/store.hpp"

#include <cstdlib>

#include "store/migrations.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace jixiao::store {

std::string default_url() {
  const char* env = std::getenv("JIXIAO_DB");
  if (env != nullptr && *env != '\0') return env;
  return "sqlite:jixiao.db";
}

namespace {

bool is_postgres(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

}  // namespace

int latest_schema_version(std::string_view url) {
  (void)url;  // one backend so far
  const auto& all = sqlite::migrations();
  return all.empty() ? 0 : all.back().version;
}

Result<std::unique_ptr<Store>> open(std::string_view url, const OpenOptions& options) {
  if (is_postgres(url)) {
    return fail(Error::unsupported("PostgreSQL 后端尚未提供: " + std::string(url)));
  }
  std::string path(url);
  if (url.starts_with("sqlite:")) path = std::string(url.substr(7));
  if (path.starts_with("//")) path = path.substr(2);  // sqlite:///abs/path
  if (path.empty()) return fail(Error::invalid_input("数据库地址缺少文件路径: " + std::string(url)));
  if (auto colon = path.find("://"); colon != std::string::npos) {
    return fail(Error::unsupported("不支持的数据库地址: " + std::string(url)));
  }
  auto store = sqlite::SqliteStore::open(path, "sqlite:" + path, options);
  if (!store) return fail(std::move(store.error()));
  return std::unique_ptr<Store>(std::move(*store));
}

}  // namespace jixiao::store
