// tests/fuzz/fuzz.hpp — what the fuzz targets share: cutting an input into parts, a scratch
// file for readers that take a path, and the one way a target reports a broken property.
//
// Each target defines LLVMFuzzerTestOneInput. Built with clang and -fsanitize=fuzzer it is a
// libFuzzer binary (`make fuzz`); built with replay_main.cpp by any compiler it replays its
// seed corpus and regression inputs once (the fuzz_replay_* CTest suites, under ASan+UBSan in
// the sanitizer build).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace jixiao::fuzz {

// The input as bytes, taken from the front.
class Input {
 public:
  Input(const std::uint8_t* data, std::size_t size)
      : m_rest(reinterpret_cast<const char*>(data), size) {}
  // The first byte (0 when none is left).
  std::uint8_t take_byte() {
    if (m_rest.empty()) return 0;
    const auto b = static_cast<std::uint8_t>(m_rest.front());
    m_rest.remove_prefix(1);
    return b;
  }
  // Up to the first '\n' (not included); everything when there is none.
  std::string_view take_line() {
    const auto nl = m_rest.find('\n');
    std::string_view line = m_rest.substr(0, nl);
    m_rest.remove_prefix(nl == std::string_view::npos ? m_rest.size() : nl + 1);
    return line;
  }
  std::string_view rest() const { return m_rest; }

 private:
  std::string_view m_rest;
};

// A per-process scratch folder, removed at exit.
inline const std::filesystem::path& scratch_dir() {
  static const std::filesystem::path dir = [] {
    std::string tmpl = (std::filesystem::temp_directory_path() / "jixiao-fuzz-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) std::abort();
    static std::filesystem::path keep = tmpl;
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(keep, ec);
    });
    return keep;
  }();
  return dir;
}

// Writes `bytes` to `name` in the scratch folder (replacing it) and returns its path.
inline std::string scratch_file(std::string_view name, std::string_view bytes) {
  const auto path = scratch_dir() / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) std::abort();
  return path.string();
}

// A property the target checks does not hold: say which, and crash so the fuzzer keeps the input.
[[noreturn]] inline void broken(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "fuzz property broken: %s\n", what);
  if (!detail.empty()) std::fwrite(detail.data(), 1, detail.size(), stderr);
  std::fputc('\n', stderr);
  std::abort();
}

}  // namespace jixiao::fuzz
