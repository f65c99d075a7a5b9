// cli/commands/scoring_common.hpp — helpers shared by `jixiao score …` and `jixiao frameworks …`.
#pragma once

#include <string>
#include <vector>

#include "cli/command.hpp"
#include "model/framework.hpp"

namespace jixiao::cli {

// Where frameworks are looked for: scoring::framework_dirs with --frameworks DIR and the
// shipped frameworks/ of the source tree.
std::vector<std::string> framework_dirs(const Args& args);

// The framework `id` (scoring::find_framework), or the .fw file `id` names (the CLI only: the
// server never reads a path it is given).
Result<model::Framework> find_framework(const Args& args, const std::string& id);

}  // namespace jixiao::cli
