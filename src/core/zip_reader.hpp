// core/zip_reader.hpp — members of a zip archive (DOCX, XLSX) read with their inflated size
// capped while streaming, so that a small compressed bomb cannot take the machine's memory.
//
// A member's declared size (central directory) is checked before anything is inflated, and the
// bytes actually inflated are counted as they come, so a member that lies about its size is
// stopped at the cap too. Not thread-safe: one ZipReader per thread. libzip stays in the .cpp.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace jixiao {

struct ZipLimits {
  // The most one member may inflate to. Default: 256 MiB (a 1,000,000-row sheet is ~150 MiB).
  std::uint64_t max_member_bytes = 256ull * 1024 * 1024;
  // The most all members read through one reader may inflate to together. Default: 512 MiB.
  std::uint64_t max_total_bytes = 512ull * 1024 * 1024;
};

class ZipReader {
 public:
  // Opens the archive in `path`. Error::invalid_input naming `display_name` (the name shown in
  // messages; Default: the path) when it is not a readable zip archive.
  static Result<ZipReader> open_file(const std::filesystem::path& path, ZipLimits limits = {},
                                     std::string display_name = {});
  // Opens an archive held in memory; `bytes` must outlive the reader.
  static Result<ZipReader> open_memory(std::string_view bytes, std::string display_name,
                                       ZipLimits limits = {});
  ZipReader(ZipReader&&) noexcept;
  ZipReader& operator=(ZipReader&&) noexcept;
  ~ZipReader();

  // The member's inflated bytes; nullopt when the archive has no such member.
  // Error::invalid_input ("…解压后超过上限…") when its declared or actual size passes a limit;
  // Error::invalid_input when it cannot be inflated (corrupt data, bad CRC).
  Result<std::optional<std::string>> read(std::string_view member);
  // The names of the archive's members (files and folders, as stored), in archive order.
  std::vector<std::string> members() const;

 private:
  struct Impl;
  explicit ZipReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace jixiao
