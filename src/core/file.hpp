// core/file.hpp — reading a whole file.
#pragma once

#include <string>

#include "core/result.hpp"

namespace jixiao {

// The bytes of the file at `path`. Error::io "无法读取文件" naming the file when it cannot be read.
Result<std::string> read_file(const std::string& path);

}  // namespace jixiao
