// cli/commands/import.cpp — placeholder while the command is written.
#include "cli/commands/commands.hpp"

namespace jixiao::cli {
void register_import(Registry& registry) { (void)registry; }
}  // namespace jixiao::cli
