// store/migrations.hpp — numbered schema migrations, shared by the backends.
//
// Each backend keeps its own SQL files (store/<backend>/migrations/NNN_name.sql); the
// build embeds them in order. A migration is applied once, in one transaction, and the
// database records the version it reached.
#pragma once

#include <string_view>
#include <vector>

namespace jixiao::store {

struct Migration {
  int version;            // NNN of the file name; strictly increasing
  std::string_view name;  // "001_ledger"
  std::string_view sql;
};

}  // namespace jixiao::store

namespace jixiao::store::sqlite {
// The SQLite backend's migrations, in version order.
const std::vector<Migration>& migrations();
}  // namespace jixiao::store::sqlite

namespace jixiao::store::postgres {
// The PostgreSQL backend's migrations (same numbers as SQLite's), in version order.
const std::vector<Migration>& migrations();
}  // namespace jixiao::store::postgres
