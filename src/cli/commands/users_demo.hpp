// cli/commands/users_demo.hpp — the demo's users: one per role, from data/demo/users.csv.
#pragma once

#include <filesystem>
#include <string>

#include "core/result.hpp"

namespace jixiao::store {
class Store;
}

namespace jixiao::cli {

// Adds the users listed in `file` (name,display_name,role,units with units separated by ;)
// with generated first passwords; returns the log lines that print each name and password.
Result<std::string> import_demo_users(store::Store& store, const std::filesystem::path& file);

}  // namespace jixiao::cli
