// tests/fuzz/checker_text_fuzz.cpp — the checker on any bytes as a .txt report: the UTF-8 /
// GB18030 decision, normalisation, figure extraction, the consistency checks and the outputs.
#include "checker_fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  jixiao::fuzz::check_report_file("fuzz.txt", data, size);
  return 0;
}
