// tests/fuzz/checker_docx_fuzz.cpp — the checker's DOCX text reader (libzip + pugixml) on any
// bytes as a .docx, then the checks on whatever text it gives.
#include "checker_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  jixiao::fuzz::check_report_file("fuzz.docx", data, size);
  return 0;
}
