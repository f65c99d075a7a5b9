// checker/extract.hpp — module-internal: the reader over a normalised report, the figure
// extraction and the consistency checks.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "checker/checker.hpp"
#include "checker/text_flow.hpp"

namespace jixiao::checker {

// The flow, its cells and its numbers, with phrase look-ups.
class Reader {
 public:
  explicit Reader(const SourceText& source);

  struct Hit {
    std::size_t keyword_at = 0;  // flow index of the keyword
    std::size_t token = 0;       // index into tokens()
  };

  // The earliest place in [from, to) where one of `keywords` (not right after one of `not_after`)
  // is followed, within `max_gap` filler characters (为, 是, :, 共, 计, spaces …), by a number
  // `accept` takes.
  std::optional<Hit> find_after(std::initializer_list<std::u32string_view> keywords,
                                std::initializer_list<std::u32string_view> not_after,
                                bool (*accept)(const NumToken&), std::size_t from = 0,
                                std::size_t to = std::u32string::npos,
                                std::size_t max_gap = 8) const;
  // The sentence around flow index `at`: [after the previous 。；！？ or break, the next one).
  std::pair<std::size_t, std::size_t> sentence_at(std::size_t at) const;

  const Flow& flow() const { return m_flow; }
  const std::vector<Cell>& cells() const { return m_cells; }
  // The source's cells as a table reader sees them: a line split at '|' when it has one, else at
  // runs of two or more spaces (text laid out in columns, pdftotext -layout); each normalised.
  const std::vector<Cell>& items() const { return m_items; }
  const std::vector<NumToken>& tokens() const { return m_tokens; }
  SourcePos pos(std::size_t flow_index) const;
  std::string slice(std::size_t begin, std::size_t end) const;
  // Index of the token starting at flow index `pos`.
  std::optional<std::size_t> token_at(std::size_t pos) const;

 private:
  std::optional<std::size_t> number_after(std::size_t from, std::size_t max_gap) const;

  Flow m_flow;
  std::vector<Cell> m_cells;
  std::vector<Cell> m_items;
  std::vector<NumToken> m_tokens;
};

// The figures of the report; findings about the table layout itself (missing cells) are added
// to `findings`.
Extracted extract(const Reader& reader, std::vector<Finding>& findings);

// The percentage `executed` / `budget` at `decimals`, {half-up, truncated}; nullopt when it is
// out of any rate's range (a budget of 0.01元 beside billions executed), where a narrowed
// quotient could wrap around onto the stated rate. Requires: budget > 0, 0 ≤ decimals ≤ 6.
std::optional<std::pair<long long, long long>> percent_at(long long executed, long long budget,
                                                          int decimals);
// Whether `stated` (a percentage) is executed / budget, rounded half-up or truncated at its own
// number of decimals; false for a budget ≤ 0 or more than `max_decimals` decimals.
bool rate_agrees(long long executed, long long budget, const Decimal& stated, int max_decimals = 6);

// The consistency checks over the extracted figures and the text.
void run_checks(const Reader& reader, const Extracted& extracted, std::vector<Finding>& findings);

}  // namespace jixiao::checker
