// server/form_data.cpp — percent-decoding, query strings, cookies and multipart/form-data.
#include "server/form_data.hpp"

#include <algorithm>

namespace jixiao::server {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Error malformed(const std::string& what) {
  return Error::invalid_input("上传的表单数据格式不正确: " + what);
}

// A header parameter value: a token, or a quoted string with `\"` and `\\` unescaped.
// `pos` is at the value's first character; on return it is just past the value.
std::string read_param_value(std::string_view s, std::size_t& pos) {
  std::string out;
  if (pos < s.size() && s[pos] == '"') {
    ++pos;
    while (pos < s.size() && s[pos] != '"') {
      if (s[pos] == '\\' && pos + 1 < s.size() && (s[pos + 1] == '"' || s[pos + 1] == '\\')) ++pos;
      out += s[pos++];
    }
    if (pos < s.size()) ++pos;  // the closing quote
    return out;
  }
  while (pos < s.size() && s[pos] != ';') out += s[pos++];
  return std::string(trim(out));
}

// RFC 5987 ext-value: UTF-8'lang'percent-encoded. nullopt for any other charset.
std::optional<std::string> decode_ext_value(std::string_view v) {
  auto first = v.find('\'');
  if (first == std::string_view::npos) return std::nullopt;
  auto second = v.find('\'', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  if (!iequals(v.substr(0, first), "UTF-8")) return std::nullopt;
  return percent_decode(v.substr(second + 1), false);
}

struct PartHeaders {
  std::string disposition;
  std::string content_type;
};

Result<PartHeaders> parse_part_headers(std::string_view block, std::size_t part_no) {
  PartHeaders out;
  std::size_t pos = 0;
  while (pos < block.size()) {
    auto end = block.find("\r\n", pos);
    if (end == std::string_view::npos) end = block.size();
    std::string_view line = block.substr(pos, end - pos);
    pos = end + 2;
    if (line.empty()) continue;
    auto colon = line.find(':');
    if (colon == std::string_view::npos) {
      return fail(malformed("第 " + std::to_string(part_no) + " 部分的头部行缺少冒号: \"" +
                            std::string(line.substr(0, 80)) + "\""));
    }
    std::string_view name = trim(line.substr(0, colon));
    std::string_view value = trim(line.substr(colon + 1));
    if (iequals(name, "Content-Disposition")) {
      out.disposition = std::string(value);
    } else if (iequals(name, "Content-Type")) {
      out.content_type = std::string(value);
    }
  }
  return out;
}

}  // namespace

std::string percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
        hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string percent_encode(std::string_view text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);  // the octet, for its hex digits
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 15];
    }
  }
  return out;
}

std::string attachment_disposition(std::string_view fallback, std::string_view name) {
  std::string encoded;
  for (char c : percent_encode(name)) {
    if (c == '/')
      encoded += "%2F";
    else
      encoded += c;
  }
  return "attachment; filename=\"" + std::string(fallback) + "\"; filename*=UTF-8''" + encoded;
}

void parse_query(std::string_view text, std::map<std::string, std::string>& out) {
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto amp = text.find('&', pos);
    if (amp == std::string_view::npos) amp = text.size();
    std::string_view piece = text.substr(pos, amp - pos);
    pos = amp + 1;
    if (piece.empty()) continue;
    auto eq = piece.find('=');
    std::string name = percent_decode(piece.substr(0, eq), true);
    std::string value =
        eq == std::string_view::npos ? std::string() : percent_decode(piece.substr(eq + 1), true);
    out[std::move(name)] = std::move(value);
  }
}

std::string cookie_value(std::string_view header, std::string_view name) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
    auto eq = header.find('=', pos);
    auto end = header.find(';', pos);
    if (end == std::string_view::npos) end = header.size();
    if (eq != std::string_view::npos && eq < end && header.substr(pos, eq - pos) == name) {
      return std::string(header.substr(eq + 1, end - eq - 1));
    }
    pos = end + 1;
  }
  return {};
}

std::optional<std::string> header_param(std::string_view value, std::string_view name) {
  // Skip the leading token ("multipart/form-data", "form-data"), then walk `; key=value` pairs,
  // stepping over quoted values so that a ';' or a "name=" inside a filename is not mistaken.
  std::size_t pos = value.find(';');
  while (pos != std::string_view::npos && pos < value.size()) {
    ++pos;  // past ';'
    while (pos < value.size() && (value[pos] == ' ' || value[pos] == '\t')) ++pos;
    auto eq = value.find('=', pos);
    auto semi = value.find(';', pos);
    if (eq == std::string_view::npos || (semi != std::string_view::npos && semi < eq)) {
      pos = semi;  // a parameter without a value
      continue;
    }
    std::string_view key = trim(value.substr(pos, eq - pos));
    pos = eq + 1;
    while (pos < value.size() && (value[pos] == ' ' || value[pos] == '\t')) ++pos;
    std::string v = read_param_value(value, pos);
    if (iequals(key, name)) return v;
    pos = value.find(';', pos);
  }
  return std::nullopt;
}

Result<std::vector<FormPart>> parse_multipart(std::string_view content_type,
                                              std::string_view body) {
  auto boundary = header_param(content_type, "boundary");
  if (!boundary || boundary->empty()) {
    return fail(
        malformed("Content-Type 缺少 boundary 参数（应为 multipart/form-data; boundary=…）"));
  }
  if (boundary->size() > 200) return fail(malformed("boundary 参数过长"));
  const std::string delimiter = "--" + *boundary;
  const std::string next_delimiter = "\r\n" + delimiter;

  // The first delimiter opens the body or follows the preamble on a line of its own.
  std::size_t pos = 0;
  if (!body.starts_with(delimiter)) {
    pos = body.find(next_delimiter);
    if (pos == std::string_view::npos) return fail(malformed("找不到分隔线 \"" + delimiter + "\""));
    pos += 2;
  }
  std::vector<FormPart> parts;
  for (;;) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--")
      return parts;  // the closing delimiter; the epilogue is ignored
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t'))
      ++pos;  // transport padding
    if (body.substr(pos, 2) != "\r\n") {
      if (pos >= body.size())
        return fail(malformed("内容在结束分隔线之前中断（缺少 \"" + delimiter + "--\"）"));
      return fail(malformed("分隔线 \"" + delimiter + "\" 之后应换行"));
    }
    pos += 2;
    const std::size_t part_no = parts.size() + 1;
    // The part's headers end at the first empty line; a part without headers starts with one.
    std::size_t headers_end = body.substr(pos, 2) == "\r\n" ? pos : body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) {
      return fail(malformed("第 " + std::to_string(part_no) + " 部分的头部没有以空行结束"));
    }
    auto headers = parse_part_headers(body.substr(pos, headers_end - pos), part_no);
    if (!headers) return fail(std::move(headers.error()));
    std::size_t content_start = headers_end + (headers_end == pos ? 2 : 4);
    std::size_t content_end = body.find(next_delimiter, content_start);
    if (content_end == std::string_view::npos) {
      return fail(malformed("内容在结束分隔线之前中断（缺少 \"" + delimiter + "--\"）"));
    }
    if (headers->disposition.empty()) {
      return fail(malformed("第 " + std::to_string(part_no) + " 部分缺少 Content-Disposition 头"));
    }
    std::string_view disposition_type =
        trim(std::string_view(headers->disposition)
                 .substr(0, std::min(headers->disposition.find(';'), headers->disposition.size())));
    auto name = header_param(headers->disposition, "name");
    if (!iequals(disposition_type, "form-data") || !name) {
      return fail(malformed("第 " + std::to_string(part_no) +
                            " 部分的 Content-Disposition 不是带 name 的 form-data: \"" +
                            headers->disposition + "\""));
    }
    FormPart part;
    part.name = std::move(*name);
    if (auto ext = header_param(headers->disposition, "filename*"); ext && decode_ext_value(*ext)) {
      part.filename = *decode_ext_value(*ext);
    } else if (auto plain = header_param(headers->disposition, "filename")) {
      part.filename = std::move(*plain);
    }
    part.content_type = std::move(headers->content_type);
    part.content = std::string(body.substr(content_start, content_end - content_start));
    parts.push_back(std::move(part));
    pos = content_end + 2;
  }
}

}  // namespace jixiao::server
