// tests/fuzz/multipart_fuzz.cpp — the server's request parsing without the HTTP library
// (server/form_data.hpp): the first line is the Content-Type header, the rest the body of a
// multipart/form-data upload; the same bytes also go through the query-string, cookie and
// header-parameter parsers. Every part found lies inside the body.
#include <map>
#include <string>

#include "fuzz.hpp"
#include "server/form_data.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jixiao;
  fuzz::Input in(data, size);
  const std::string_view content_type = in.take_line();
  const std::string_view body = in.rest();
  auto parts = server::parse_multipart(content_type, body);
  if (parts) {
    std::size_t total = 0;
    for (const auto& part : *parts) total += part.content.size();
    if (total > body.size()) fuzz::broken("the parts hold more bytes than the body");
  } else if (parts.error().message().empty()) {
    fuzz::broken("parse_multipart refused without a message");
  }
  std::map<std::string, std::string> query;
  server::parse_query(body, query);
  (void)server::percent_decode(body, true);
  (void)server::cookie_value(content_type, "jx_session");
  (void)server::header_param(content_type, "boundary");
  (void)server::header_param(body, "filename");
  return 0;
}
