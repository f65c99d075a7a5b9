// server/form_data.hpp — inside the server: what a request carries besides a JSON body,
// parsed without the HTTP library: percent-decoding, query strings and url-encoded forms,
// the Cookie header, and multipart/form-data uploads (RFC 7578).
//
// Pure functions of their arguments; safe to call from any thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace jixiao::server {

// "%E4%B8%AD%E6%96%87" → "中文". With `plus_is_space` (query strings and forms, not paths) '+'
// becomes ' '. A '%' not followed by two hex digits is kept as it is, as browsers do.
std::string percent_decode(std::string_view text, bool plus_is_space);

// "中 a&b" → "%E4%B8%AD%20a%26b": every byte but A–Z a–z 0–9 - _ . ~ / percent-encoded (for a
// query string inside a Location header).
std::string percent_encode(std::string_view text);

// The Content-Disposition of a download named `name` (RFC 6266): the ASCII `fallback` for old
// clients, and filename*=UTF-8''… (RFC 5987: '/' encoded too) so that Chinese names survive.
std::string attachment_disposition(std::string_view fallback, std::string_view name);

// Adds the fields of "a=1&b=%E4%B8%AD&c" (a query string or an
// application/x-www-form-urlencoded body) to `out`, names and values percent-decoded:
// {a: "1", b: "中", c: ""}. A name given twice keeps its last value; empty pieces are skipped.
void parse_query(std::string_view text, std::map<std::string, std::string>& out);

// The value of the cookie `name` in a Cookie header ("a=1; jx_session=abc"), or empty.
std::string cookie_value(std::string_view header, std::string_view name);

// The parameter `name` of a header value with parameters, such as
// `multipart/form-data; boundary="a b"` or `form-data; name="file"; filename="预算.csv"`;
// quotes are removed and `\"` / `\\` unescaped (other backslashes are kept: some browsers send
// Windows paths). Parameter names compare case-insensitively. nullopt when absent.
std::optional<std::string> header_param(std::string_view value, std::string_view name);

// One part of a multipart/form-data body.
struct FormPart {
  std::string name;          // the form field's name
  std::string filename;      // the file's name as sent (UTF-8); empty for a text field
  std::string content_type;  // the part's Content-Type; empty when not sent
  std::string content;       // the bytes between the part's headers and the next boundary
};

// Splits a multipart/form-data body into its parts. `content_type` is the request's
// Content-Type header, which names the boundary. A filename*=UTF-8''… parameter (RFC 5987) wins
// over filename=. The preamble and the epilogue are ignored.
// Returns Error::invalid_input "上传的表单数据格式不正确: …" saying what is wrong when the
// boundary is missing, a delimiter line or a part's headers are malformed, a part has no
// Content-Disposition name, or the body ends before the closing boundary.
Result<std::vector<FormPart>> parse_multipart(std::string_view content_type, std::string_view body);

}  // namespace jixiao::server
