// core/encoding.hpp — bytes from Chinese tools to UTF-8: files saved as UTF-8 (with or without
// a BOM) or as GB18030 (which covers GBK and GB2312), as Chinese Windows tools write them.
// Kept apart from core/text.hpp so that the many users of the text helpers do not see
// core/result.hpp; the conversion is glibc's iconv, so no library is linked for it.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace jixiao::text {

// `bytes` as UTF-8: a UTF-8 BOM is dropped; bytes that are not valid UTF-8 are read as GB18030.
// `encoding` receives "UTF-8" or "GB18030". Error::invalid_input naming `file` when the bytes are
// neither, or when they are UTF-8 with a few bad sequences (see mostly_utf8).
Result<std::string> to_utf8(std::string bytes, const std::string& file,
                            std::string* encoding = nullptr);

// True when `s` has bad UTF-8 sequences but at least eight good multi-byte ones for each bad one:
// a UTF-8 file with a few damaged bytes. Read as GB18030 such a file would turn into other
// characters without a word; read as UTF-8, each bad place can be refused with its position.
bool mostly_utf8(std::string_view s);

}  // namespace jixiao::text
