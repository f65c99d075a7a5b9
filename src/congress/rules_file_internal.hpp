// congress/rules_file_internal.hpp — shared by the congress rules files' readers (deadlines, duty
// points).
#pragma once

#include <initializer_list>
#include <string_view>

#include "core/text.hpp"
#include "ingest/ingest.hpp"

namespace jixiao::congress {

// The index of the first header of `table` that is one of `names` (trimmed), or -1.
inline int column_of(const ingest::Table& table, std::initializer_list<std::string_view> names) {
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    for (auto n : names) {
      if (text::trim(table.header[i]) == n) return static_cast<int>(i);
    }
  }
  return -1;
}

}  // namespace jixiao::congress
