// cli/table.hpp — aligned text tables for the terminal (CJK counted as two columns).
#pragma once

#include <string>
#include <vector>

#include "core/text.hpp"

namespace jixiao::cli {

class TextTable {
 public:
  // `align` per column; columns beyond it are left-aligned.
  explicit TextTable(std::vector<std::string> header, std::vector<text::Align> align = {})
      : m_header(std::move(header)), m_align(std::move(align)) {}
  void add(std::vector<std::string> row) { m_rows.push_back(std::move(row)); }
  void add_separator() { m_rows.emplace_back(); }
  std::string render() const {
    std::vector<int> width(m_header.size(), 0);
    auto measure = [&](const std::vector<std::string>& row) {
      for (std::size_t c = 0; c < row.size() && c < width.size(); ++c)
        width[c] = std::max(width[c], text::display_width(row[c]));
    };
    measure(m_header);
    for (const auto& r : m_rows) measure(r);
    auto line = [&](const std::vector<std::string>& row) {
      std::string out;
      for (std::size_t c = 0; c < width.size(); ++c) {
        std::string cell = c < row.size() ? row[c] : "";
        text::Align a = c < m_align.size() ? m_align[c] : text::Align::left;
        out += (c ? "  " : "") + text::pad(cell, width[c], a);
      }
      while (!out.empty() && out.back() == ' ') out.pop_back();
      return out + "\n";
    };
    int total = 0;
    for (int w : width) total += w + 2;
    std::string rule(static_cast<std::size_t>(std::max(total - 2, 0)), '-');
    std::string out = line(m_header) + rule + "\n";
    for (const auto& r : m_rows) out += r.empty() ? rule + "\n" : line(r);
    return out;
  }

 private:
  std::vector<std::string> m_header;
  std::vector<text::Align> m_align;
  std::vector<std::vector<std::string>> m_rows;
};

}  // namespace jixiao::cli
