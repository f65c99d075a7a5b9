// ledger/ledger_blocks.cpp — merging payment column blocks (bulk imports) and payments CSVs
// read by ingest/bulk.hpp into the ledger.
#include <algorithm>
#include <unordered_map>

#include "core/memory.hpp"
#include "core/parallel.hpp"
#include "ingest/bulk.hpp"
#include "ledger/ledger.hpp"
#include "store/payment_block_store.hpp"

namespace jixiao::ledger {

Result<void> Ledger::add_payment_blocks(std::vector<model::PaymentBlock> blocks) {
  const std::int32_t jan1 = Date::from_ymd(m_year, 1, 1).days();
  const int last_day = days_in_year(m_year);

  // Dictionaries first: line keys → LineId, economic codes → this ledger's ids. Nothing is
  // changed until every key is known.
  std::vector<std::vector<LineId>> line_maps(blocks.size());
  std::vector<std::vector<std::uint32_t>> econ_maps(blocks.size());  // UINT32_MAX: the line's own
  std::unordered_map<std::string, std::uint32_t> econ_ids;
  for (std::uint32_t i = 0; i < m_economic_codes.size(); ++i)
    econ_ids.emplace(m_economic_codes[i], i);
  std::vector<std::string> new_codes;
  auto econ_of = [&](const std::string& code) {
    auto [it, inserted] = econ_ids.emplace(
        code, static_cast<std::uint32_t>(m_economic_codes.size() + new_codes.size()));
    if (inserted) new_codes.push_back(code);
    return it->second;
  };
  // Line keys of the ledger, as the blocks write them.
  std::unordered_map<std::string, LineId> line_ids;
  line_ids.reserve(m_lines.size());
  for (LineId i = 0; i < m_lines.size(); ++i)
    line_ids.emplace(m_lines[i].unit_code + '\t' + m_lines[i].code, i);
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const auto& block = blocks[b];
    if (block.fiscal_year != m_year) {
      return fail(Error::invalid_input("支付数据块属于 " + std::to_string(block.fiscal_year) +
                                       " 年，账簿为 " + std::to_string(m_year) + " 年"));
    }
    line_maps[b].reserve(block.line_keys.size());
    for (const auto& key : block.line_keys) {
      auto id = line_ids.find(key);
      if (id == line_ids.end()) {
        auto tab = key.find('\t');
        return fail(Error::not_found("预算项目不存在: " + key.substr(0, tab) + " " +
                                     std::to_string(m_year) + " " +
                                     (tab == std::string::npos ? "" : key.substr(tab + 1))));
      }
      line_maps[b].push_back(id->second);
    }
    for (const auto& code : block.economic_codes) {
      econ_maps[b].push_back(code.empty() ? UINT32_MAX : econ_of(code));
    }
  }
  std::vector<std::uint32_t> line_econ(m_lines.size(), UINT32_MAX);
  auto own_econ = [&](LineId line) {
    if (line_econ[line] == UINT32_MAX) line_econ[line] = econ_of(m_lines[line].economic_code);
    return line_econ[line];
  };

  // Counting sort by day: the rows already here first, then each block in order.
  std::size_t added = 0;
  for (const auto& block : blocks) added += block.size();
  std::vector<std::uint16_t> new_day(added);
  std::vector<std::size_t> start(static_cast<std::size_t>(last_day) + 2, 0);
  for (std::uint16_t d : m_payments.day) ++start[static_cast<std::size_t>(d) + 1];
  {
    std::size_t k = 0;
    for (const auto& block : blocks) {
      for (std::int32_t days : block.date_days) {
        const auto d = static_cast<std::uint16_t>(std::clamp(days - jan1 + 1, 0, last_day));
        new_day[k++] = d;
        ++start[static_cast<std::size_t>(d) + 1];
      }
    }
  }
  for (std::size_t d = 1; d < start.size(); ++d) start[d] += start[d - 1];
  const std::size_t total = m_payments.line.size() + added;
  PaymentColumns out;
  out.line.resize(total);
  out.day.resize(total);
  out.fen.resize(total);
  out.economic.resize(total);
  auto& next = start;  // next free slot per day
  for (std::size_t k = 0; k < m_payments.line.size(); ++k) {
    const std::size_t at = next[m_payments.day[k]]++;
    out.line[at] = m_payments.line[k];
    out.day[at] = m_payments.day[k];
    out.fen[at] = m_payments.fen[k];
    out.economic[at] = m_payments.economic[k];
  }
  std::size_t k = 0;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const auto& block = blocks[b];
    const auto& lines = line_maps[b];
    const auto& econs = econ_maps[b];
    for (std::size_t r = 0; r < block.size(); ++r, ++k) {
      const std::uint16_t d = new_day[k];
      const std::size_t at = next[d]++;
      const LineId line = lines[block.line_index[r]];
      const std::uint32_t e = econs[block.economic_index[r]];
      out.line[at] = line;
      out.day[at] = d;
      out.fen[at] = block.amount_fen[r];
      out.economic[at] = e == UINT32_MAX ? own_econ(line) : e;
    }
    blocks[b] = {};  // free as we go
  }
  m_payments = std::move(out);
  for (auto& c : new_codes) m_economic_codes.push_back(std::move(c));
  return {};
}

Result<std::optional<std::size_t>> Ledger::add_payments_csv(const std::string& path, int threads) {
  std::vector<ingest::KnownLine> known;
  known.reserve(m_lines.size());
  for (const auto& l : m_lines) known.push_back({m_year, l.unit_code, l.code});
  const std::size_t first = m_payments.line.size();
  auto allocate = [&](std::size_t capacity) {
    // The columns' new pages are zeroed on two threads (fresh memory is slow to touch here).
    parallel::both(
        [&] {
          resize_on_huge_pages(m_payments.fen, first + capacity);
          resize_on_huge_pages(m_payments.day, first + capacity);
        },
        [&] {
          resize_on_huge_pages(m_payments.line, first + capacity);
          resize_on_huge_pages(m_payments.economic, first + capacity);
        });
    ingest::PaymentColumnsTarget to;
    to.line = m_payments.line.data() + first;
    to.day = m_payments.day.data() + first;
    to.amount_fen = m_payments.fen.data() + first;
    to.economic = m_payments.economic.data() + first;
    to.day_origin = Date::from_ymd(m_year, 1, 1).days() - 1;
    to.day_max = days_in_year(m_year);
    return to;
  };
  auto shrink = [&](std::size_t n) {
    m_payments.line.resize(n);
    m_payments.day.resize(n);
    m_payments.fen.resize(n);
    m_payments.economic.resize(n);
  };
  auto read = ingest::read_checked_payment_columns(path, known, allocate, threads);
  if (!read || !*read) shrink(first);  // the ledger as it was
  if (!read) return fail(std::move(read.error()));
  if (!*read) return std::optional<std::size_t>();
  const std::size_t rows = (*read)->rows;
  const std::size_t total = first + rows;
  shrink(total);

  // The file's economic codes → this ledger's ids, in code order; "" → the line's own code (and
  // only the codes of lines that need it join the ledger's, as in add_payment_blocks).
  std::vector<std::string> codes = (*read)->economic_codes;
  std::vector<std::uint32_t> order(codes.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return codes[a] < codes[b]; });
  std::unordered_map<std::string, std::uint32_t> econ_ids;
  for (std::uint32_t i = 0; i < m_economic_codes.size(); ++i)
    econ_ids.emplace(m_economic_codes[i], i);
  auto econ_of = [&](const std::string& code) {
    auto [it, inserted] =
        econ_ids.emplace(code, static_cast<std::uint32_t>(m_economic_codes.size()));
    if (inserted) m_economic_codes.push_back(code);
    return it->second;
  };
  std::vector<std::uint32_t> econ_map(codes.size(), UINT32_MAX);
  for (std::uint32_t i : order) {
    if (!codes[i].empty()) econ_map[i] = econ_of(codes[i]);
  }
  std::vector<std::uint32_t> line_econ(m_lines.size(), UINT32_MAX);
  auto& p = m_payments;
  if (std::find(econ_map.begin(), econ_map.end(), UINT32_MAX) != econ_map.end()) {
    std::vector<char> own(m_lines.size(), 0);
    for (std::size_t k = first; k < total; ++k) {
      if (econ_map[p.economic[k]] == UINT32_MAX) own[p.line[k]] = 1;
    }
    for (LineId l = 0; l < m_lines.size(); ++l) {
      if (own[l]) line_econ[l] = econ_of(m_lines[l].economic_code);
    }
  }
  // Codes mapped, and whether the days are in order (then nothing moves), on `threads` threads.
  const auto n = static_cast<std::size_t>(std::max(1, threads));
  std::vector<char> in_order(n, 1);
  auto map = [&](std::size_t t) {
    const std::size_t from = first + rows * t / n, to = first + rows * (t + 1) / n;
    std::uint16_t previous = from > 0 ? p.day[from - 1] : 0;
    bool sorted = true;
    for (std::size_t k = from; k < to; ++k) {
      const std::uint32_t e = econ_map[p.economic[k]];
      p.economic[k] = e == UINT32_MAX ? line_econ[p.line[k]] : e;
      sorted = sorted && p.day[k] >= previous;
      previous = p.day[k];
    }
    in_order[t] = sorted;
  };
  parallel::each_on_thread(n, map);
  if (std::find(in_order.begin(), in_order.end(), 0) != in_order.end()) {
    // Counting sort by day, stable: rows already here first, then the file's in order.
    const int last_day = days_in_year(m_year);
    std::vector<std::size_t> next(static_cast<std::size_t>(last_day) + 2, 0);
    for (std::uint16_t d : p.day) ++next[static_cast<std::size_t>(d) + 1];
    for (std::size_t d = 1; d < next.size(); ++d) next[d] += next[d - 1];
    PaymentColumns s;
    s.line.resize(total);
    s.day.resize(total);
    s.fen.resize(total);
    s.economic.resize(total);
    for (std::size_t k = 0; k < total; ++k) {
      const std::size_t at = next[p.day[k]]++;
      s.line[at] = p.line[k];
      s.day[at] = p.day[k];
      s.fen[at] = p.fen[k];
      s.economic[at] = p.economic[k];
    }
    m_payments = std::move(s);
  }
  return std::optional<std::size_t>(rows);
}

}  // namespace jixiao::ledger
