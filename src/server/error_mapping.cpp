// server/error_mapping.cpp — Error → status + {code, message, location}.
#include "server/error_mapping.hpp"

#include <cctype>
#include <nlohmann/json.hpp>

namespace jixiao::server {
namespace {

// At most this many causes in an answer; the count says how many there were.
constexpr std::size_t k_max_causes = 1000;

bool path_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '.' || c == '_' ||
         c == '-';
}

nlohmann::json location_json(const Location& l) {
  if (l.empty()) return nullptr;
  nlohmann::json j = nlohmann::json::object();
  if (!l.file.empty()) j["file"] = without_server_paths(l.file);
  if (!l.sheet.empty()) j["sheet"] = l.sheet;
  if (l.row != 0) j["row"] = l.row;
  if (!l.column.empty()) j["column"] = l.column;
  if (!l.field.empty()) j["field"] = l.field;
  return j;
}

nlohmann::json error_json(const Error& e) {
  std::string message = e.message();
  for (auto it = e.context().rbegin(); it != e.context().rend(); ++it)
    message = *it + ": " + message;
  nlohmann::json j{{"code", to_string(e.code())},
                   {"message", without_server_paths(message)},
                   {"location", location_json(e.location())}};
  if (!e.causes().empty()) {
    nlohmann::json causes = nlohmann::json::array();
    for (std::size_t i = 0; i < e.causes().size() && i < k_max_causes; ++i)
      causes.push_back(error_json(e.causes()[i]));
    j["causes"] = std::move(causes);
    j["causes_total"] = e.causes().size();
  }
  return j;
}

// Invalid UTF-8 that slipped into a message becomes U+FFFD rather than an exception
// (type_error.316).
std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input:
      return 400;
    case ErrorCode::permission:
      return 403;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::conflict:
      return 409;
    case ErrorCode::unsupported:
      return 415;
    case ErrorCode::io:
    case ErrorCode::storage:
    case ErrorCode::internal:
      return 500;
  }
  return 500;
}

std::string without_server_paths(std::string text) {
  // ScratchFile's folders: "/tmp/jixiao-upload-<hex>/name.csv" → "name.csv".
  static constexpr std::string_view k_marker = "jixiao-upload-";
  for (std::size_t at = text.find(k_marker); at != std::string::npos;
       at = text.find(k_marker, at)) {
    std::size_t start = at;
    while (start > 0 && path_char(text[start - 1])) --start;
    std::size_t end = text.find('/', at);
    end = end == std::string::npos ? at + k_marker.size() : end + 1;
    text.erase(start, end - start);
    at = start;
  }
  return text;
}

std::string error_body(const Error& error) { return dump(error_json(error)); }

std::string error_body(const std::string& code, const std::string& message) {
  return dump(nlohmann::json{
      {"code", code}, {"message", without_server_paths(message)}, {"location", nullptr}});
}

}  // namespace jixiao::server
