// server/error_mapping.cpp — Error → status + {code, message, location}.
#include "server/error_mapping.hpp"

#include <nlohmann/json.hpp>

namespace jixiao::server {
namespace {

nlohmann::json location_json(const Location& l) {
  if (l.empty()) return nullptr;
  nlohmann::json j = nlohmann::json::object();
  if (!l.file.empty()) j["file"] = l.file;
  if (!l.sheet.empty()) j["sheet"] = l.sheet;
  if (l.row != 0) j["row"] = l.row;
  if (!l.column.empty()) j["column"] = l.column;
  if (!l.field.empty()) j["field"] = l.field;
  return j;
}

nlohmann::json error_json(const Error& e) {
  std::string message = e.message();
  for (auto it = e.context().rbegin(); it != e.context().rend(); ++it) message = *it + ": " + message;
  nlohmann::json j{{"code", to_string(e.code())}, {"message", message}, {"location", location_json(e.location())}};
  if (!e.causes().empty()) {
    nlohmann::json causes = nlohmann::json::array();
    for (const auto& c : e.causes()) causes.push_back(error_json(c));
    j["causes"] = std::move(causes);
  }
  return j;
}

}  // namespace

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input: return 400;
    case ErrorCode::permission: return 403;
    case ErrorCode::not_found: return 404;
    case ErrorCode::conflict: return 409;
    case ErrorCode::unsupported: return 415;
    case ErrorCode::io:
    case ErrorCode::storage:
    case ErrorCode::internal: return 500;
  }
  return 500;
}

std::string error_body(const Error& error) { return error_json(error).dump(); }

std::string error_body(const std::string& code, const std::string& message) {
  return nlohmann::json{{"code", code}, {"message", message}, {"location", nullptr}}.dump();
}

}  // namespace jixiao::server
