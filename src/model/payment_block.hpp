// model/payment_block.hpp — payments as a column block: what the fast CSV reader
// (ingest/bulk.hpp) produces, the store keeps (store/payment_block_store.hpp) and the ledger
// merges (ledger/ledger.hpp). Plain data: it sits here so that ingest and store, which may not
// depend on each other, both speak it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace jixiao::model {

// Up to a million payments of one fiscal year, each column an array, with its own dictionaries
// of line keys and economic codes.
struct PaymentBlock {
  int fiscal_year = 0;
  std::vector<std::string> line_keys;         // unit_code + '\t' + line_code
  std::vector<std::string> economic_codes;    // "" = the line's own
  std::vector<std::uint32_t> line_index;      // per row, into line_keys
  std::vector<std::int32_t> date_days;        // per row, Date::days()
  std::vector<std::int64_t> amount_fen;       // per row
  std::vector<std::uint16_t> economic_index;  // per row, into economic_codes
  // One entry per row, each ended by '\n': the voucher number, then '\x1f' and the summary
  // when the payment has one. Empty when not kept.
  std::string voucher_numbers;

  std::size_t size() const { return amount_fen.size(); }
};

}  // namespace jixiao::model
