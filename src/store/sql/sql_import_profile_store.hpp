// store/sql/sql_import_profile_store.hpp — import profiles in SQL (both backends) (internal to
// store/).
#pragma once

#include "store/import_profile_store.hpp"
#include "store/sql/sql_db.hpp"

namespace jixiao::store::sql {

class SqlImportProfileStore final : public ImportProfileStore {
 public:
  explicit SqlImportProfileStore(Database& db) : m_db(db) {}

  Result<std::optional<ImportProfile>> import_profile(const std::string& unit_code,
                                                      const std::string& name) override;
  Result<std::vector<ImportProfile>> import_profiles(const std::string& name) override;
  Result<void> set_import_profile(const ImportProfile& profile) override;
  Result<bool> remove_import_profile(const std::string& unit_code,
                                     const std::string& name) override;

 private:
  Database& m_db;
};

}  // namespace jixiao::store::sql
