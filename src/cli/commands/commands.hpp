// cli/commands/commands.hpp — every command file's registration function.
#pragma once

#include "cli/command.hpp"

namespace jixiao::cli {

void register_import(Registry& registry);
void register_summary(Registry& registry);
void register_monitor(Registry& registry);
void register_schedule(Registry& registry);
void register_indicators(Registry& registry);
void register_goals(Registry& registry);
void register_demo(Registry& registry);
void register_report(Registry& registry);
void register_serve(Registry& registry);
void register_users(Registry& registry);
void register_check(Registry& registry);
void register_score(Registry& registry);
void register_frameworks(Registry& registry);
void register_transfer(Registry& registry);
void register_congress(Registry& registry);

// Adds every command above, in the order `jixiao help` lists them.
inline void register_all(Registry& registry) {
  register_demo(registry);
  register_import(registry);
  register_summary(registry);
  register_monitor(registry);
  register_schedule(registry);
  register_indicators(registry);
  register_goals(registry);
  register_frameworks(registry);
  register_score(registry);
  register_congress(registry);
  register_report(registry);
  register_check(registry);
  register_users(registry);
  register_serve(registry);
  register_transfer(registry);
}

}  // namespace jixiao::cli
