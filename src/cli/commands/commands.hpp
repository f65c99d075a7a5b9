// cli/commands/commands.hpp — every command file's registration function.
#pragma once

#include "cli/command.hpp"

namespace jixiao::cli {

void register_import(Registry& registry);
void register_summary(Registry& registry);
void register_demo(Registry& registry);

// Adds every command above, in the order `jixiao help` lists them.
inline void register_all(Registry& registry) {
  register_demo(registry);
  register_import(registry);
  register_summary(registry);
}

}  // namespace jixiao::cli
