// store/audit_store.hpp — the append-only audit log (审计日志): every write through the API or
// the CLI, with who, when, what, and the state before and after.
//
// Entries can be appended and read, never changed or deleted (the SQLite backend refuses
// UPDATE and DELETE on the table with triggers).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace jixiao::store {

struct AuditEntry {
  std::int64_t id = 0;  // assigned by append(); increasing
  std::string at;       // ISO 8601 UTC; assigned by append() when empty
  std::string user;     // login name, or "cli" / the OS user for CLI writes
  std::string source;   // "api" or "cli"
  std::string action;   // dotted verb: "users.add", "import.apply", "evaluation.submit" …
  std::string target;   // what was written: "unit:101001", "user:zhang", "evaluation:101001/2022"
  std::string before_json;  // JSON of the state before ("null" when created)
  std::string after_json;   // JSON of the state after ("null" when removed)
};

struct AuditQuery {
  std::string user;    // only this user; empty = all
  std::string action;  // only actions starting with this; empty = all
  std::string target;  // only this target prefix; empty = all
  std::int64_t offset = 0;
  std::int64_t limit = 100;  // 0 = no limit
};

class AuditStore {
 public:
  virtual ~AuditStore() = default;

  // Appends `entry`; returns it with id and time filled in.
  virtual Result<AuditEntry> append(const AuditEntry& entry) = 0;
  // Matching entries, newest first.
  virtual Result<std::vector<AuditEntry>> entries(const AuditQuery& query) = 0;
  // How many entries match (ignoring offset and limit).
  virtual Result<std::int64_t> count(const AuditQuery& query) = 0;
};

}  // namespace jixiao::store
