// server/roles.hpp — what each role may do, in one table.
//
//   action                      admin  bureau  editor        viewer
//   read a unit's data          all    all     own units     own units
//   write a unit's data         all    —       own units     —
//   (imports, goals, drafts, submit)
//   review evaluations (复核)    yes    yes     —             —
//   read / export the audit log yes    yes     —             —
//   manage users, create units  yes    —       —             —
#pragma once

#include <string>

#include "core/result.hpp"
#include "server/auth.hpp"

namespace jixiao::server {

enum class Action { read_unit, write_unit, review, read_audit, manage };

// True when `user` may do `action` (on `unit_code`, for the unit actions).
bool allowed(const Principal& user, Action action, const std::string& unit_code = {});
// allowed(), or Error::permission with a message saying what the role may not do.
Result<void> require(const Principal& user, Action action, const std::string& unit_code = {});
// True when the role sees every unit (admin, bureau).
bool sees_all_units(const Principal& user);

}  // namespace jixiao::server
