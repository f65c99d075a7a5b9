// cli/commands/scoring_common.hpp — helpers shared by `jixiao score …` and `jixiao frameworks …`.
#pragma once

#include <string>
#include <vector>

#include "cli/command.hpp"
#include "model/framework.hpp"

namespace jixiao::cli {

// Where frameworks are looked for, first match of an id wins: --frameworks DIR when given;
// else $JIXIAO_FRAMEWORKS_DIR; else ./frameworks (when present) and then the shipped
// frameworks/ of the source tree.
std::vector<std::string> framework_dirs(const Args& args);

// Every framework of `dirs` (missing folders are skipped), by id.
// Error::invalid_input naming file:line when a file is invalid.
Result<std::vector<model::Framework>> load_all_frameworks(const std::vector<std::string>& dirs);

// The framework `id` (or a path to a .fw file). Error::not_found listing the known ids.
Result<model::Framework> find_framework(const Args& args, const std::string& id);

}  // namespace jixiao::cli
