// store/import_profile_store.hpp — import profiles: how one unit's exports are read (the header
// row, each column's mapping, the unit and year rules), saved by `jixiao import --save-profile`
// and reused by `--profile` for next month's export of the same system (migration 011).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace jixiao::store {

struct ImportProfile {
  std::string unit_code;   // the unit whose exports it reads
  std::string name;        // chosen by the user: "国库支付月报"
  std::string kind;        // model::to_string(ImportKind): "budget", "payments" …
  std::string definition;  // the layout as JSON (ledger/import_profile.hpp writes and reads it)
  std::string updated_at;  // ISO 8601, UTC; set by the store
  std::string updated_by;  // user name
};

class ImportProfileStore {
 public:
  virtual ~ImportProfileStore() = default;

  // The profile (unit, name), or nullopt.
  virtual Result<std::optional<ImportProfile>> import_profile(const std::string& unit_code,
                                                              const std::string& name) = 0;
  // The profiles named `name` of every unit ("" : every profile), ordered by unit and name.
  virtual Result<std::vector<ImportProfile>> import_profiles(const std::string& name = {}) = 0;
  // Creates or replaces the profile (unit, name); sets updated_at. Error::storage when the
  // database fails.
  virtual Result<void> set_import_profile(const ImportProfile& profile) = 0;
  // Removes the profile; false when there was none.
  virtual Result<bool> remove_import_profile(const std::string& unit_code,
                                             const std::string& name) = 0;
};

}  // namespace jixiao::store
