// tests/fuzz/xls_fuzz.cpp — ingest's .xls reader (BIFF8, libfreexl) on any bytes, then
// parse_rows on what it read: a refusal, never a crash or a hang.
#include "fuzz.hpp"
#include "ingest/ingest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jixiao;
  fuzz::Input in(data, size);
  const auto kind = static_cast<model::ImportKind>(in.take_byte() % 4);
  const std::string path = fuzz::scratch_file("fuzz.xls", in.rest());
  auto table = ingest::read_table(path);
  if (!table) {
    if (table.error().message().empty()) fuzz::broken("read_table refused without a message");
    return 0;
  }
  if (table->rows.size() != table->row_numbers.size())
    fuzz::broken("rows and row_numbers differ in length");
  auto parsed = ingest::parse_rows(*table, kind);
  if (parsed) {
    for (const auto& error : parsed->errors) (void)error.to_string();
  }
  return 0;
}
