// core/encoding.cpp — UTF-8 or GB18030 bytes to UTF-8, through glibc's iconv.
#include "core/encoding.hpp"

#include <iconv.h>

#include <cerrno>

#include "core/text.hpp"

namespace jixiao::text {
namespace {

// GB18030 is a superset of GBK and GB2312, so one converter reads all three. Any byte sequence
// that is not GB18030 (or ends mid-character) fails the whole conversion.
Result<std::string> gb18030_to_utf8(const std::string& bytes, const std::string& file) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1))
    return fail(Error::internal("无法打开 GB18030 转换器（iconv）"));
  // At most 4 UTF-8 bytes per GB18030 character, which takes at least 1 byte (ASCII) — and a
  // 4-byte GB18030 sequence gives at most 4: so 4× the input always suffices.
  std::string out(bytes.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  char* put = out.data();
  std::size_t out_left = out.size();
  const std::size_t r = iconv(cd, &in, &in_left, &put, &out_left);
  iconv_close(cd);
  if (r == static_cast<std::size_t>(-1) || in_left != 0) {
    return fail(
        Error::invalid_input("文件既不是 UTF-8 也不是 GB18030 编码", {file, {}, 0, {}, {}}));
  }
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace

bool mostly_utf8(std::string_view s) {
  std::size_t good = 0, bad = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t before = i;
    const char32_t cp = next_code_point(s, i);
    if (cp == U'\uFFFD' && !(i - before == 3 && s.substr(before, 3) == "\xEF\xBF\xBD")) {
      ++bad;
    } else {
      ++good;
    }
  }
  return bad > 0 && good >= 8 * bad;
}

Result<std::string> to_utf8(std::string bytes, const std::string& file, std::string* encoding) {
  std::string found = "UTF-8";
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    bytes.erase(0, 3);
  } else if (!valid_utf8(bytes)) {
    if (mostly_utf8(bytes)) {
      return fail(Error::invalid_input("文件是 UTF-8 编码，但有字节不是有效的 UTF-8",
                                       {file, {}, 0, {}, {}}));
    }
    auto utf8 = gb18030_to_utf8(bytes, file);
    if (!utf8) return fail(std::move(utf8.error()));
    bytes = std::move(*utf8);
    found = "GB18030";
  }
  if (encoding) *encoding = found;
  return bytes;
}

}  // namespace jixiao::text
