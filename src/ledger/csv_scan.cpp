// ledger/csv_scan.cpp — the header mapping of the bulk CSV readers (ledger/csv_scan.hpp).
#include "ledger/csv_scan.hpp"

#include <cctype>

#include "ingest/ingest.hpp"

namespace jixiao::ledger::csv {

std::optional<Header> map_header(std::string_view line, model::ImportKind kind) {
  std::size_t commas = 0, tabs = 0, semicolons = 0;
  for (char c : line) {
    commas += c == ',';
    tabs += c == '\t';
    semicolons += c == ';';
  }
  if ((tabs > commas && tabs >= semicolons) || semicolons > commas) return std::nullopt;  // parse_csv's delimiter is not ','
  if (line.find('\r') != std::string_view::npos) return std::nullopt;
  std::vector<std::string> cells;
  if (!split_like_parse_csv(line, cells)) return std::nullopt;
  if (std::all_of(cells.begin(), cells.end(), [](const auto& c) { return c.empty(); })) return std::nullopt;
  const auto& specs = ingest::columns_of(kind);
  Header out{std::vector<int>(specs.size(), -1), std::vector<bool>(specs.size(), false)};
  for (std::size_t col = 0; col < cells.size(); ++col) {
    // Normalised as ingest's normalise_header: half-width, no unit suffix, no '*' or ' ', lower-case ASCII.
    std::string h(text::trim(text::to_halfwidth(cells[col])));
    bool wan = false;
    for (std::string_view unit : {"(万元)", "万元", "(元)", "元"}) {
      if (h.ends_with(unit)) {
        wan = unit.find("万") != std::string_view::npos;
        h.erase(h.size() - unit.size());
        break;
      }
    }
    std::string key;
    for (char c : h) {
      if (c != '*' && c != ' ') key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (key.empty()) continue;
    for (std::size_t s = 0; s < specs.size(); ++s) {
      bool match = key == specs[s].name;
      for (const auto& zh : specs[s].chinese) match = match || key == zh;
      if (!match) continue;
      if (out.index[s] >= 0) return std::nullopt;  // a duplicate column: parse_rows reports it
      out.index[s] = static_cast<int>(col);
      out.wan[s] = wan;
    }
  }
  for (std::size_t s = 0; s < specs.size(); ++s) {
    if (specs[s].required && out.index[s] < 0) return std::nullopt;
  }
  return out;
}

}  // namespace jixiao::ledger::csv
