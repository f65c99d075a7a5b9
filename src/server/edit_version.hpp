// server/edit_version.hpp — optimistic concurrency for edits (evaluations, goals): the body's
// optional "version" (the version the edit started from) and the 409 a stale one gets.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "server/app.hpp"
#include "store/workflow_store.hpp"

namespace jixiao::server {

// The body's "version": unset when absent or null; Error::invalid_input when not an integer.
inline Result<std::optional<std::int64_t>> expected_version_of(const Json& body) {
  auto it = body.find("version");
  if (it == body.end() || it->is_null()) return std::optional<std::int64_t>();
  if (!it->is_number_integer())
    return fail(Error::invalid_input("字段 version 应为整数", {.field = "version"}));
  return std::optional<std::int64_t>(it->get<std::int64_t>());
}

// Whether a store refused a write because the record moved on since `version` (not for any
// other conflict, such as a wrong state).
inline bool is_version_conflict(const Error& e) {
  return e.code() == ErrorCode::conflict &&
         e.message().find(store::k_version_conflict) != std::string::npos;
}

// 409 {"error": "version_conflict", "message", "current": the record as it is now}: the client
// shows the message and the current values, and the user saves again from them.
inline ApiResponse version_conflict_response(const Error& e, Json current) {
  return json_response(
      Json{
          {"error", "version_conflict"}, {"message", e.message()}, {"current", std::move(current)}},
      409);
}

}  // namespace jixiao::server
