// core/file.cpp — reading a whole file.
#include "core/file.hpp"

#include <fstream>
#include <sstream>

namespace jixiao {

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(Error::io("无法读取文件", {.file = path}));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return fail(Error::io("读取文件时出错", {.file = path}));
  return bytes.str();
}

}  // namespace jixiao
