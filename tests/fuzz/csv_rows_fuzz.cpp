// tests/fuzz/csv_rows_fuzz.cpp — ingest's row path on any bytes: parse_csv (UTF-8 or GB18030)
// then parse_rows for the import kind the first byte picks. Every refusal has a message and
// every row error a location inside the file.
#include "fuzz.hpp"
#include "ingest/ingest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jixiao;
  fuzz::Input in(data, size);
  const auto kind = static_cast<model::ImportKind>(in.take_byte() % 4);
  auto table = ingest::parse_csv(std::string(in.rest()), "fuzz.csv");
  if (!table) {
    if (table.error().message().empty()) fuzz::broken("parse_csv refused without a message");
    return 0;
  }
  if (table->rows.size() != table->row_numbers.size())
    fuzz::broken("rows and row_numbers differ in length");
  auto parsed = ingest::parse_rows(*table, kind);
  if (!parsed) {
    (void)parsed.error().to_string();
    return 0;
  }
  for (const auto& error : parsed->errors) {
    if (error.location().file != "fuzz.csv")
      fuzz::broken("a row error does not name the file", error.to_string());
    (void)error.to_string();
  }
  if (parsed->errors.empty()) {
    if (parsed->row_numbers.size() != parsed->batch.row_count())
      fuzz::broken("row_numbers do not match the rows");
    (void)ingest::content_hash(parsed->batch);
    for (std::int64_t row : parsed->row_numbers) {
      for (const auto& column : ingest::columns_of(kind))
        (void)ingest::locate(*table, kind, row, column.name);
    }
  }
  return 0;
}
