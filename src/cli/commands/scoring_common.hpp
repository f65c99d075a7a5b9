// cli/commands/scoring_common.hpp — helpers shared by `jixiao score …`, `jixiao frameworks …`,
// `jixiao report`, `jixiao narrative draft` and `jixiao selfscore …`.
#pragma once

#include <optional>
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

// The framework a unit without a frozen evaluation is scored by (scoring::unit_evaluation's
// `live`): --framework ID, an error when it cannot be found; else scoring::k_default_framework
// when it can be found; else none (the unit then has no score unless frozen).
Result<std::optional<model::Framework>> live_framework(const Args& args);

// --frameworks DIR, for every command that finds a framework.
inline const OptionSpec k_frameworks_option{
    "frameworks", "DIR", "框架文件目录（默认 ./frameworks 与随程序提供的 frameworks/）"};
// --framework ID, for the commands that score a unit without a frozen evaluation by it.
inline const OptionSpec k_live_framework_option{
    "framework", "ID", "未提交自评时用于评分的框架（默认 gz_dept_overall_2022）"};

}  // namespace jixiao::cli
