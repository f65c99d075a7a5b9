// core/zip_reader.cpp — bounded reading of zip members through libzip (zip_reader.hpp).
#include "core/zip_reader.hpp"

#include <zip.h>

#include <algorithm>

namespace jixiao {
namespace {

std::string mib(std::uint64_t bytes) { return std::to_string(bytes / (1024 * 1024)) + " MiB"; }

}  // namespace

struct ZipReader::Impl {
  zip_t* zip = nullptr;
  std::string name;
  ZipLimits limits;
  std::uint64_t total = 0;  // inflated so far, all members
  ~Impl() {
    if (zip) zip_discard(zip);
  }
};

ZipReader::ZipReader(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
ZipReader::ZipReader(ZipReader&&) noexcept = default;
ZipReader& ZipReader::operator=(ZipReader&&) noexcept = default;
ZipReader::~ZipReader() = default;

Result<ZipReader> ZipReader::open_file(const std::filesystem::path& path, ZipLimits limits,
                                       std::string display_name) {
  auto impl = std::make_unique<Impl>();
  impl->name = display_name.empty() ? path.string() : std::move(display_name);
  impl->limits = limits;
  int err = 0;
  impl->zip = zip_open(path.string().c_str(), ZIP_RDONLY, &err);
  if (!impl->zip)
    return fail(Error::invalid_input("不是可读的压缩包（zip）", Location{impl->name}));
  return ZipReader(std::move(impl));
}

Result<ZipReader> ZipReader::open_memory(std::string_view bytes, std::string display_name,
                                         ZipLimits limits) {
  auto impl = std::make_unique<Impl>();
  impl->name = std::move(display_name);
  impl->limits = limits;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (src) {
    impl->zip = zip_open_from_source(src, ZIP_RDONLY, &error);
    if (!impl->zip) zip_source_free(src);
  }
  zip_error_fini(&error);
  if (!impl->zip)
    return fail(Error::invalid_input("不是可读的压缩包（zip）", Location{impl->name}));
  return ZipReader(std::move(impl));
}

std::vector<std::string> ZipReader::members() const {
  std::vector<std::string> out;
  zip_int64_t n = zip_get_num_entries(m_impl->zip, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    if (const char* name =
            zip_get_name(m_impl->zip, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_GUESS))
      out.emplace_back(name);
  }
  return out;
}

Result<std::optional<std::string>> ZipReader::read(std::string_view member) {
  Impl& m = *m_impl;
  std::string name(member);
  if (name.starts_with("/")) name.erase(0, 1);
  const Location at{m.name};
  auto too_big = [&] {
    return fail(Error::invalid_input(
        name + " 解压后超过上限（单个 " + mib(m.limits.max_member_bytes) + "，合计 " +
            mib(m.limits.max_total_bytes) + "）；文件可能是压缩炸弹，已拒绝",
        at));
  };
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(m.zip, name.c_str(), 0, &st) != 0) return std::optional<std::string>();
  const std::uint64_t room =
      std::min(m.limits.max_member_bytes, m.limits.max_total_bytes - m.total);
  if ((st.valid & ZIP_STAT_SIZE) && st.size > room) return too_big();
  zip_file_t* f = zip_fopen(m.zip, name.c_str(), 0);
  if (!f) return fail(Error::invalid_input("无法读取压缩包中的 " + name, at));
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> guard(f, zip_fclose);
  std::string out;
  if (st.valid & ZIP_STAT_SIZE) out.reserve(static_cast<std::size_t>(st.size));
  char buf[64 * 1024];
  while (true) {
    zip_int64_t n = zip_fread(f, buf, sizeof buf);
    if (n < 0) return fail(Error::invalid_input("压缩包中的 " + name + " 已损坏，无法解压", at));
    if (n == 0) break;
    // Counted as it inflates: a member whose header understates its size stops here.
    if (out.size() + static_cast<std::uint64_t>(n) > room) return too_big();
    out.append(buf, static_cast<std::size_t>(n));
  }
  m.total += out.size();
  return std::optional<std::string>(std::move(out));
}

}  // namespace jixiao
