// server/request.hpp — the request and response of one API call as routes see them: plain
// values that server.cpp fills from Beast (routes never see the HTTP library), so tests call
// routes directly. nlohmann::json appears here because every route builds JSON; it stays
// inside server/.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace jixiao::server {

using Json = nlohmann::json;

struct UploadedFile {
  std::string field;     // the form field name
  std::string filename;  // as the browser sent it
  std::string content;
};

struct ApiRequest {
  std::string method;  // "GET", "POST", "PUT", "DELETE"
  std::string path;
  std::map<std::string, std::string> params;  // from the route pattern (":code")
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> form;  // multipart text fields
  std::vector<UploadedFile> files;
  std::string body;
  std::string session_token;  // the jx_session cookie
  std::string csrf_header;    // X-CSRF-Token
  bool urlencoded = false;    // an HTML form's body (application/x-www-form-urlencoded), in `form`
  std::string remote_addr;  // the client (the proxy's X-Forwarded-For when from the trusted proxy)
  bool https = false;       // the trusted proxy says the client used TLS

  std::string query_or(const std::string& name, const std::string& fallback = {}) const;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

ApiResponse json_response(const Json& body, int status = 200);

}  // namespace jixiao::server
