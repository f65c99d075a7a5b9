// tests/fuzz/checker_pdf_fuzz.cpp — the checker's PDF text reader (poppler-cpp) on any bytes as
// a .pdf, then the checks on whatever text it gives.
#include "checker_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  jixiao::fuzz::check_report_file("fuzz.pdf", data, size);
  return 0;
}
