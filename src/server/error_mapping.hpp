// server/error_mapping.hpp — the one place where an Error becomes an HTTP status and body.
#pragma once

#include <string>

#include "core/result.hpp"

namespace jixiao::server {

// invalid_input 400, permission 403, not_found 404, conflict 409, unsupported 415,
// io/storage/internal 500.
int http_status(ErrorCode code);
// {"code": "invalid_input", "message": "…", "location": {"file", "row", "column", "field"} | null,
//  "causes": [{…}, …], "causes_total": N} (causes only when there are any: one per bad row of an
// import, the first 1,000 of them). Messages and file names go through without_server_paths.
std::string error_body(const Error& error);
// A body of the same shape for errors that have no ErrorCode (401 login needed, 429 too many
// tries).
std::string error_body(const std::string& code, const std::string& message);
// `text` without the server's scratch folders of uploads ("/tmp/jixiao-upload-1a2b…/x.csv"
// becomes "x.csv"): no answer shows a path on the server.
std::string without_server_paths(std::string text);

}  // namespace jixiao::server
