// ingest/csv_scan.cpp — the header mapping of the bulk CSV readers (ingest/csv_scan_internal.hpp).
#include "ingest/csv_scan_internal.hpp"
#include "ingest/ingest.hpp"

namespace jixiao::ingest::csv {

std::optional<Header> map_header(std::string_view line, model::ImportKind kind) {
  if (detect_delimiter(line) != ',') return std::nullopt;  // parse_csv's delimiter is not ','
  if (line.find('\r') != std::string_view::npos) return std::nullopt;
  std::vector<std::string> cells;
  if (!split_like_parse_csv(line, cells)) return std::nullopt;
  if (std::all_of(cells.begin(), cells.end(), [](const auto& c) { return c.empty(); }))
    return std::nullopt;
  // ingest's one mapping; anything it reports (a duplicate or missing column) is the row path's.
  ingest::ColumnMap m = ingest::map_columns(cells, kind);
  if (!m.errors.empty()) return std::nullopt;
  Header out{m.index, std::vector<bool>(m.index.size(), false),
             std::vector<bool>(m.index.size(), false)};
  for (std::size_t s = 0; s < m.index.size(); ++s) {
    out.wan[s] = m.unit[s] == ingest::HeaderUnit::wan;
    out.own_unit[s] = m.unit[s] != ingest::HeaderUnit::none;
  }
  return out;
}

}  // namespace jixiao::ingest::csv
