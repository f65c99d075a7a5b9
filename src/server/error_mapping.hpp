// server/error_mapping.hpp — the one place where an Error becomes an HTTP status and body.
#pragma once

#include <string>

#include "core/result.hpp"

namespace jixiao::server {

// invalid_input 400, permission 403, not_found 404, conflict 409, unsupported 415,
// io/storage/internal 500.
int http_status(ErrorCode code);
// {"code": "invalid_input", "message": "…", "location": {"file", "row", "column", "field"} | null,
//  "causes": [{…}, …]} (causes only when there are any: one per bad row of an import).
std::string error_body(const Error& error);
// A body of the same shape for errors that have no ErrorCode (401 login needed, 429 too many tries).
std::string error_body(const std::string& code, const std::string& message);

}  // namespace jixiao::server
