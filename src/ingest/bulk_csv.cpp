// ingest/bulk_csv.cpp — payments CSV → column blocks or ledger columns, on several threads
// (ingest/bulk.hpp).
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <charconv>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "core/encoding.hpp"
#include "core/memory.hpp"
#include "core/parallel.hpp"
#include "core/text.hpp"
#include "ingest/bulk.hpp"
#include "ingest/csv_scan_internal.hpp"
#include "ingest/ingest.hpp"

namespace jixiao::ingest {
namespace {

using namespace csv;
using namespace keys;

// Voucher keys of one piece of the file, grouped in place by their top 12 bits (keys are
// hashes: evenly spread).
struct KeyRun {
  static constexpr int k_bits = 12;
  std::span<const std::uint64_t> keys;
  std::vector<std::uint32_t> start;  // bucket b: keys[start[b], start[b + 1])
};

// Groups `keys` in place (through `scratch`); returns the bucket starts.
std::vector<std::uint32_t> group_keys(std::span<std::uint64_t> keys,
                                      std::vector<std::uint64_t>& scratch) {
  std::vector<std::uint32_t> start((1u << KeyRun::k_bits) + 1, 0);
  for (std::uint64_t k : keys) ++start[(k >> (64 - KeyRun::k_bits)) + 1];
  for (std::size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
  if (scratch.size() < keys.size()) scratch.resize(keys.size());
  std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
  for (std::uint64_t k : keys) scratch[next[k >> (64 - KeyRun::k_bits)]++] = k;
  std::copy(scratch.begin(), scratch.begin() + static_cast<std::ptrdiff_t>(keys.size()),
            keys.begin());
  return start;
}

// Whether any key occurs twice among all threads' keys: bucket by bucket, each bucket's keys of
// every thread put in a small open-addressing set; the buckets shared among `threads` threads.
bool any_duplicate(const std::vector<KeyRun>& parts, int threads) {
  constexpr std::size_t buckets = std::size_t{1} << KeyRun::k_bits;
  std::atomic<bool> found{false};
  auto work = [&](std::size_t first, std::size_t step) {
    std::vector<std::uint64_t> set;
    for (std::size_t b = first; b < buckets && !found.load(std::memory_order_relaxed); b += step) {
      std::size_t n = 0;
      for (const auto& p : parts) n += p.start[b + 1] - p.start[b];
      if (n < 2) continue;
      std::size_t size = 16;
      while (size < 2 * n) size *= 2;
      set.assign(size, 0);
      const std::size_t mask = size - 1;
      bool zero = false;  // 0 marks a free slot: the key 0 is tracked apart
      for (const auto& p : parts) {
        for (std::uint32_t i = p.start[b]; i < p.start[b + 1]; ++i) {
          const std::uint64_t k = p.keys[i];
          if (k == 0) {
            if (zero) found = true;
            zero = true;
            continue;
          }
          std::size_t at = k & mask;
          while (set[at] != 0 && set[at] != k) at = (at + 1) & mask;
          if (set[at] == k) {
            found = true;
            return;
          }
          set[at] = k;
        }
      }
    }
  };
  const auto n = static_cast<std::size_t>(std::max(1, threads));
  parallel::each_on_thread(n, [&](std::size_t t) { work(t, n); });
  return found;
}

// ---- Rows: ingest's rules exactly, or "no". ----

enum CheckedField {
  c_unit,
  c_year,
  c_line,
  c_date,
  c_amount,
  c_econ,
  c_voucher,
  c_summary,
  c_count
};
constexpr std::array<const char*, c_count> k_checked_names = {
    "unit_code", "fiscal_year",   "line_code",      "date",
    "amount",    "economic_code", "voucher_number", "summary"};

// The header mapped as ingest::parse_rows maps it; nullopt for anything it would reject
// (or a delimiter other than ','), so that the row path reports it.
struct CheckedColumns {
  std::array<int, c_count> index{};
  bool wan = false;
  bool own_unit = false;  // the amount header names its unit
  int year =
      0;  // the file's year (--year, title, file name) when it has no 年度 column; 0: each date's
  std::vector<std::int64_t>
      totals;  // trailing 合计/总计 rows' amounts, each to equal the sum of all rows
};

std::optional<CheckedColumns> map_checked_header(std::string_view line) {
  auto h = map_header(line, model::ImportKind::payments);
  if (!h) return std::nullopt;
  const auto& specs = ingest::columns_of(model::ImportKind::payments);
  CheckedColumns out;
  out.index.fill(-1);
  for (std::size_t s = 0; s < specs.size(); ++s) {
    const auto f = static_cast<std::size_t>(
        std::find(k_checked_names.begin(), k_checked_names.end(), specs[s].name) -
        k_checked_names.begin());
    if (f >= c_count) {
      if (h->index[s] >= 0) return std::nullopt;  // a column unknown to this reader
      continue;
    }
    out.index[f] = h->index[s];
    if (f == c_amount) {
      out.wan = h->wan[s];
      out.own_unit = h->own_unit[s];
    }
  }
  return out;
}

// One payment as ingest::parse_rows reads it.
struct ParsedRow {
  std::string_view unit, line, econ, voucher, summary, date_text;
  int year = 0;
  std::int32_t days = 0;
  bool iso_date = false;  // date_text is the date as Date::to_string writes it
  std::int64_t fen = 0;
};

enum class RowResult { ok, blank, refuse };

// The last "YYYY-MM-DD" read and its value: rows of one day usually follow each other.
struct LastDate {
  std::uint64_t head = 0;  // the first 8 bytes
  std::uint16_t tail = 0;  // the last 2
  bool known = false;
  std::int32_t days = 0;
  int year = 0;
  bool same(std::string_view s) const {
    std::uint16_t t;
    std::memcpy(&t, s.data() + 8, 2);
    return known && load64(s.data()) == head && t == tail;
  }
  void remember(std::string_view s, std::int32_t d, int y) {
    head = load64(s.data());
    std::memcpy(&tail, s.data() + 8, 2);
    known = true;
    days = d;
    year = y;
  }
};

// The cells of one record (trimmed here) → a payment, by parse_rows's rules. `clean`: a record
// split by for_each_record (no quote, no control byte): blank when every cell is empty after
// trimming, and no cell can hold '\t', '\n' or '\x1f'.
RowResult parse_row(const CheckedColumns& c, const std::string_view* fields, int count, bool clean,
                    ParsedRow& r, LastDate& dates) {
  auto cell = [&](int f) -> std::string_view {
    const int i = c.index[static_cast<std::size_t>(f)];
    return i >= 0 && i < count ? trim_cell(fields[i]) : std::string_view();
  };
  r.unit = cell(c_unit);
  if (r.unit.empty()) {
    if (!clean) return RowResult::refuse;
    for (int k = 0; k < count; ++k) {
      if (!trim_cell(fields[k]).empty()) return RowResult::refuse;
    }
    return RowResult::blank;
  }
  r.line = cell(c_line);
  r.voucher = cell(c_voucher);
  r.summary = cell(c_summary);
  r.econ = cell(c_econ);
  if (r.line.empty() || r.voucher.empty()) return RowResult::refuse;
  // Bytes the blocks use as separators: such rows are the row path's.
  if (!clean && (has_byte(r.unit, '\t') || has_byte(r.econ, '\n') || has_byte(r.voucher, '\x1f') ||
                 has_byte(r.summary, '\x1f'))) {
    return RowResult::refuse;
  }
  int year = 0;
  if (std::string_view y = cell(c_year); !y.empty() && !read_year(y, year))
    return RowResult::refuse;
  r.date_text = cell(c_date);
  if (r.date_text.empty()) return RowResult::refuse;
  int date_year = 0;
  if (r.date_text.size() == 10 && dates.same(r.date_text)) {
    r.iso_date = true;
    r.days = dates.days;
    date_year = dates.year;
  } else {
    r.iso_date = read_iso_date(r.date_text, r.days, date_year) && is_fiscal_year(date_year);
    if (r.iso_date) dates.remember(r.date_text, r.days, date_year);
  }
  if (!r.iso_date && !read_date(r.date_text, r.days, date_year, r.iso_date))
    return RowResult::refuse;
  if (year == 0)
    year = c.year;  // the title's or file name's year, as the row path's added 年度 column
  if (year != 0 && year != date_year) return RowResult::refuse;
  r.year = year != 0 ? year : date_year;
  const std::string_view amount = cell(c_amount);
  if (amount.empty() || !read_amount(amount, c.wan, r.fen)) return RowResult::refuse;
  return RowResult::ok;
}

// Reads records of a chunk into ParsedRows, handing each to `use(row, stable)` (false: stop,
// refuse); `stable`: the row's texts point into `text` (else only until the next row).
// Records with quotes or CRs go through split_like_parse_csv as parse_csv would split them.
class RowReader {
 public:
  explicit RowReader(const CheckedColumns& c) : m_c(c) {}

  template <class Use>
  bool read(std::string_view text, const std::atomic<bool>& refuse, Use&& use) {
    std::size_t count = 0;
    return for_each_record(
        text, [&](const std::string_view* fields, int n, std::string_view line) -> bool {
          ++m_lines;
          if ((++count & 4095) == 0 && refuse.load(std::memory_order_relaxed)) return false;
          RowResult res;
          if (n >= 0) {
            res = parse_row(m_c, fields, n, true, m_row, m_dates);
          } else {
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            if (line.find('\r') != std::string_view::npos)
              return false;  // a lone CR ends a record there
            if (!split_like_parse_csv(line, m_owned)) return false;  // a field spanning lines
            if (std::all_of(m_owned.begin(), m_owned.end(),
                            [](const auto& f) { return f.empty(); }))
              return true;  // blank
            m_views.clear();
            for (const auto& f : m_owned) m_views.emplace_back(f);
            res = parse_row(m_c, m_views.data(), static_cast<int>(m_views.size()), false, m_row,
                            m_dates);
          }
          if (res == RowResult::blank) return true;
          if (res == RowResult::refuse) return false;
          m_sum += m_row.fen;
          m_abs +=
              m_row.fen < 0 ? -static_cast<__int128>(m_row.fen) : static_cast<__int128>(m_row.fen);
          return use(static_cast<const ParsedRow&>(m_row), n >= 0);
        });
  }
  // The sum of the amounts read, and of their absolute values (for 合计 rows and overflow).
  __int128 sum() const { return m_sum; }
  __int128 abs_sum() const { return m_abs; }
  // The lines read (blank ones included): the file's row numbers run on by this many.
  std::size_t lines() const { return m_lines; }

 private:
  const CheckedColumns& m_c;
  std::size_t m_lines = 0;
  ParsedRow m_row;
  LastDate m_dates;
  __int128 m_sum = 0, m_abs = 0;
  std::vector<std::string> m_owned;
  std::vector<std::string_view> m_views;
};

// The text ingest::content_hash feeds for one payment: each field followed by '\x1f'.
void append_canonical(std::string& out, std::string_view unit, int year, std::string_view line,
                      std::int32_t days, std::string_view iso_date, std::int64_t fen,
                      std::string_view econ, std::string_view voucher, std::string_view summary) {
  const std::size_t need =
      unit.size() + line.size() + econ.size() + voucher.size() + summary.size() + 64;
  const std::size_t old = out.size();
  out.resize(old + need);
  char* p = out.data() + old;
  auto put = [&](std::string_view s) {
    // An empty field's view may have a null data(): memcpy from null is undefined even for 0 bytes.
    if (!s.empty()) std::memcpy(p, s.data(), s.size());
    p += s.size();
    *p++ = '\x1f';
  };
  put(unit);
  p = std::to_chars(p, p + 16, year).ptr;
  *p++ = '\x1f';
  put(line);
  if (!iso_date.empty()) {
    put(iso_date);
  } else {
    std::string iso;
    append_iso_date(iso, days);
    put(iso);
  }
  p = std::to_chars(p, p + 24, fen).ptr;
  *p++ = '\x1f';
  put(econ);
  put(voucher);
  put(summary);
  out.resize(static_cast<std::size_t>(p - out.data()));
}

// Chunks handed to threads in order; with a consumer, a thread waits while it is more than
// `lookahead` chunks ahead of it. Refusal stops everyone.
class Schedule {
 public:
  Schedule(std::size_t chunks, std::size_t lookahead, std::atomic<bool>& refuse)
      : m_ready(chunks, 0), m_lookahead(lookahead), m_refuse(refuse) {}
  std::size_t size() const { return m_ready.size(); }
  // The next chunk for a thread; nullopt when none is left or reading stopped.
  std::optional<std::size_t> take() {
    const std::size_t i = m_next.fetch_add(1);
    if (i >= m_ready.size() || m_refuse) return std::nullopt;
    if (m_lookahead != SIZE_MAX) {
      std::unique_lock lock(m_mutex);
      m_cv.wait(lock, [&] { return i < m_consumed + m_lookahead || m_refuse; });
      if (m_refuse) return std::nullopt;
    }
    return i;
  }
  void done(std::size_t i) {
    {
      std::lock_guard lock(m_mutex);
      m_ready[i] = 1;
    }
    m_cv.notify_all();
  }
  void stop() {
    {
      std::lock_guard lock(m_mutex);
      m_refuse = true;
    }
    m_cv.notify_all();
  }
  // Waits for chunk i; false when reading stopped.
  bool wait(std::size_t i) {
    std::unique_lock lock(m_mutex);
    m_cv.wait(lock, [&] { return m_ready[i] != 0 || m_refuse; });
    return !m_refuse;
  }
  void consumed() {
    {
      std::lock_guard lock(m_mutex);
      ++m_consumed;
    }
    m_cv.notify_all();
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::vector<char> m_ready;
  std::atomic<std::size_t> m_next{0};
  std::size_t m_consumed = 0;
  std::size_t m_lookahead;
  std::atomic<bool>& m_refuse;
};

// The file as UTF-8 text: mapped, or converted from GB18030 as the row path converts it.
struct Text {
  MappedFile file;
  std::string converted;
  std::string_view all;
};

// False when the bytes are neither UTF-8 nor GB18030 (the row path reports them).
Result<bool> load_text(const std::string& path, int threads, Text& t) {
  JIXIAO_TRY(t.file.open(path));
  t.all = t.file.view();
  if (t.all.starts_with("\xEF\xBB\xBF")) return true;
  // Checked on `threads` threads (slices end at '\n', a character boundary).
  const auto cuts = cut_chunks(
      t.all, std::max<std::size_t>(t.all.size() / static_cast<std::size_t>(threads) + 1, 1));
  std::atomic<bool> ok{true};
  auto work = [&](std::size_t i) {
    if (!valid_utf8_fast(t.all.substr(cuts[i], cuts[i + 1] - cuts[i]))) ok = false;
  };
  parallel::each_on_thread(cuts.size() > 1 ? cuts.size() - 1 : 0, work);
  if (ok) return true;
  auto utf8 = text::to_utf8(std::string(t.all), path);
  if (!utf8) return false;
  t.converted = std::move(*utf8);
  t.all = t.converted;
  return true;
}

// The lines of `all` from `at`: each line without its end, and the offset after it.
struct LineAt {
  std::string_view line;
  std::size_t next = 0;
};
LineAt line_at(std::string_view all, std::size_t at) {
  const std::size_t nl = all.find('\n', at);
  const std::size_t end = nl == std::string_view::npos ? all.size() : nl;
  std::string_view line = all.substr(at, end - at);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return {line, nl == std::string_view::npos ? all.size() : nl + 1};
}

// What lies around the body, for the plan the row path would make (plan_of): the rows up to the
// header and the control and footer rows after the body, with where they are.
struct Around {
  std::vector<std::vector<std::string>> head;  // the non-blank rows up to the header, as split
  std::vector<std::int64_t> head_lines;        // their lines in the file
  std::vector<std::vector<std::string>> tail;  // the non-blank rows after the body, in file order
  std::vector<std::int64_t>
      tail_after;                    // each one's line counted from the body's last (1: the next)
  std::int64_t body_first_line = 0;  // the body's first line in the file
  std::int64_t leading_blank = 0;    // blank lines at the start of the body
};

// The header mapped and the body of data rows, as ingest::shape_table shapes the file: title
// rows above the header (their unit and year taken), trailing 合计/总计 rows (their amounts to
// check), footers and blank lines below. nullopt: the row path's file (a 小计, two header rows,
// a year source that disagrees, anything the header mapping refuses).
std::optional<CheckedColumns> split_header(std::string_view all, std::string_view& body,
                                           int option_year, const std::string& file_name,
                                           Around* around = nullptr) {
  if (all.starts_with("\xEF\xBB\xBF")) all.remove_prefix(3);
  // The first non-blank records, split as parse_csv splits them.
  std::vector<std::vector<std::string>> top;
  std::vector<std::string_view> top_lines;
  std::vector<std::size_t> after;
  std::vector<std::int64_t> numbers;  // each one's line in the file
  std::int64_t line_number = 0;
  for (std::size_t at = 0; at < all.size() && top.size() < 30;) {
    const LineAt l = line_at(all, at);
    at = l.next;
    ++line_number;
    if (l.line.find('\r') != std::string_view::npos) return std::nullopt;
    std::vector<std::string> cells;
    if (!split_like_parse_csv(l.line, cells)) return std::nullopt;  // a field spanning lines
    if (std::all_of(cells.begin(), cells.end(), [](const auto& c) { return c.empty(); })) continue;
    top.push_back(std::move(cells));
    top_lines.push_back(l.line);
    after.push_back(l.next);
    numbers.push_back(line_number);
  }
  if (top.empty()) return std::nullopt;
  const std::size_t h = ingest::find_header_row(top, model::ImportKind::payments);
  if (around) {
    around->head.assign(top.begin(), top.begin() + static_cast<std::ptrdiff_t>(h) + 1);
    around->head_lines.assign(numbers.begin(),
                              numbers.begin() + static_cast<std::ptrdiff_t>(h) + 1);
  }
  auto cols = map_checked_header(top_lines[h]);
  if (!cols) return std::nullopt;
  const ingest::TitleRows title =
      ingest::read_title_rows({top.begin(), top.begin() + static_cast<std::ptrdiff_t>(h)});
  if (!cols->own_unit && title.unit) cols->wan = *title.unit == MoneyUnit::wan;
  if (cols->index[c_year] < 0) {
    auto year = ingest::choose_year(option_year, title, file_name);
    if (!year) return std::nullopt;  // the row path reports the disagreement
    cols->year = year->year;
  }
  // From the end: blank lines, footers and 合计/总计 rows; a 小计 is the row path's.
  std::vector<std::vector<std::string>> tail_lines;  // from the last line up, blank ones empty
  const std::size_t begin = after[h];
  std::size_t end = all.size();
  while (end > begin) {
    std::size_t stop = end;
    if (all[stop - 1] == '\n') --stop;
    std::size_t start = begin;
    if (stop > begin) {
      const std::size_t nl = all.rfind('\n', stop - 1);
      if (nl != std::string_view::npos && nl >= begin) start = nl + 1;
    }
    std::string_view line = all.substr(start, stop - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::vector<std::string> cells;
    if (!split_like_parse_csv(line, cells)) break;  // the body's reader decides
    std::string first;
    for (const auto& c : cells) {
      if (!c.empty()) {
        first = c;
        break;
      }
    }
    if (first.empty()) {
      tail_lines.emplace_back();
    } else {
      const std::string_view kind = ingest::control_row_kind(first);
      if (kind.empty()) break;
      tail_lines.push_back(cells);
      if (kind == "小计") return std::nullopt;
      if (kind != "表尾") {
        const int a = cols->index[c_amount];
        const std::string cell = a >= 0 && static_cast<std::size_t>(a) < cells.size()
                                     ? cells[static_cast<std::size_t>(a)]
                                     : std::string();
        if (!cell.empty()) {
          std::int64_t fen = 0;
          if (!read_amount(cell, cols->wan, fen)) return std::nullopt;
          cols->totals.push_back(fen);
        }
      }
    }
    end = start;
  }
  body = all.substr(begin, end - begin);
  if (around) {
    around->body_first_line = numbers[h] + 1;
    for (std::size_t at = 0; at < body.size();) {
      const LineAt l = line_at(body, at);
      std::vector<std::string> cells;
      if (!split_like_parse_csv(l.line, cells) ||
          !std::all_of(cells.begin(), cells.end(), [](const auto& c) { return c.empty(); }))
        break;
      ++around->leading_blank;
      at = l.next;
    }
    std::reverse(tail_lines.begin(), tail_lines.end());
    for (std::size_t i = 0; i < tail_lines.size(); ++i) {
      if (tail_lines[i].empty()) continue;
      around->tail.push_back(std::move(tail_lines[i]));
      around->tail_after.push_back(static_cast<std::int64_t>(i) + 1);
    }
  }
  return cols;
}

// Whether what was read agrees with the file's 合计 rows and fits 64-bit 分 (else the row path
// reports the rows).
bool totals_agree(const CheckedColumns& cols, __int128 sum, __int128 abs_sum) {
  if (abs_sum > INT64_MAX) return false;
  for (std::int64_t t : cols.totals) {
    if (t != sum) return false;
  }
  return true;
}

// The plan of a file the fast path took — ingest::shape_table's own, made from the rows around
// the body (so that one piece of code says what a file's layout is), with the control totals
// completed from the body as read: `rows` data rows on `body_lines` lines summing to `sum` 分.
// nullopt (the row path's file) when shape_table sees the rows otherwise than split_header did.
std::optional<ingest::ImportPlan> plan_of(Around around, std::int64_t body_lines, std::size_t rows,
                                          std::int64_t sum, const std::string& file_name,
                                          const std::string& encoding, int option_year) {
  ingest::Table t;
  t.file = file_name;
  t.encoding = encoding;
  t.header = std::move(around.head.front());
  t.header_row = around.head_lines.front();
  for (std::size_t i = 1; i < around.head.size(); ++i) {
    t.rows.push_back(std::move(around.head[i]));
    t.row_numbers.push_back(around.head_lines[i]);
  }
  const std::int64_t last_body_line = around.body_first_line + body_lines - 1;
  for (std::size_t i = 0; i < around.tail.size(); ++i) {
    t.rows.push_back(std::move(around.tail[i]));
    t.row_numbers.push_back(last_body_line + around.tail_after[i]);
  }
  ingest::LayoutOptions layout;
  layout.year = option_year;
  auto plan = ingest::shape_table(t, model::ImportKind::payments, layout);
  if (!plan || plan->header_row != around.head_lines.back() || plan->header_rows != 1 ||
      !t.rows.empty())
    return std::nullopt;
  plan->errors
      .clear();  // the totals disagreed with no rows; here they are checked against the rows read
  plan->data_rows = rows;
  for (auto& total : plan->totals) {
    total.rows = static_cast<std::int64_t>(rows);
    total.first_row = rows ? around.body_first_line + around.leading_blank : 0;
    total.last_row = rows ? last_body_line : 0;
    total.computed = Money::from_fen(sum);
    total.agrees = total.computed == total.stated;
    if (!total.agrees) return std::nullopt;
  }
  return std::move(*plan);
}

// ---- Blocks for the store ----

struct BlockChunk {
  std::vector<model::PaymentBlock> blocks;
  std::vector<std::vector<std::uint64_t>> keys;  // per block
  std::string hash_text;
};

// A row waiting for its line to be looked up: hashed, its slot prefetched, then taken in file
// order by Derived::take (false: refuse).
struct Pending {
  ParsedRow r;
  std::uint64_t unit_hash = 0;
  std::uint64_t line_hash = 0;
};

template <class Derived>
class Batched {
 public:
  // `known`: the lines rows may be of (looked up, never added); nullptr: every line, added as met.
  explicit Batched(const InlineDict* known) : m_known(known) {}

 protected:
  // A ring: each row is taken when the 16th row after it comes, so that its line's slot,
  // prefetched when it came, is in the cache by then.
  bool add(const ParsedRow& r, bool stable) {
    if (m_count == m_pending.size()) {
      if (!static_cast<Derived*>(this)->take(m_pending[m_first])) return false;
      m_first = (m_first + 1) % m_pending.size();
      --m_count;
    }
    Pending& p = m_pending[(m_first + m_count++) % m_pending.size()];
    p.r = r;
    p.unit_hash = hash_key(r.unit);
    p.line_hash = mix_hash(p.unit_hash, hash_key(r.line), r.year);
    (m_known ? *m_known : m_lines).prefetch(p.line_hash);
    return stable || flush();  // a row whose texts do not last: taken now, with those before it
  }
  bool flush() {
    for (; m_count > 0; --m_count, m_first = (m_first + 1) % m_pending.size()) {
      if (!static_cast<Derived*>(this)->take(m_pending[m_first])) {
        m_count = 0;
        return false;
      }
    }
    return true;
  }
  // The row's line id (UINT32_MAX: not a known line); `added` when first met (without `known`).
  std::uint32_t line_of(const Pending& p, bool& added) {
    if (m_known) {
      added = false;
      return m_known->find(p.line_hash, p.r.year, p.r.unit, p.r.line);
    }
    return m_lines.id(p.line_hash, p.r.year, p.r.unit, p.r.line, true, added);
  }
  std::string_view line_key(std::uint32_t id) const {
    return (m_known ? *m_known : m_lines).key(id);
  }
  std::size_t lines_known() const { return m_known ? m_known->size() : 0; }
  // Economic codes are few: codes of up to 7 bytes are looked up first in a 64-slot cache keyed
  // by their bytes and length as one word.
  std::uint32_t econ_of(std::string_view econ, bool& added) {
    std::uint64_t word = 0;
    std::size_t slot = 0;
    const bool small = econ.size() < 8;
    if (small) {
      word = load_partial(econ.data(), econ.size()) | static_cast<std::uint64_t>(econ.size() + 1)
                                                          << 56;  // never 0: 0 marks a free slot
      slot = (word * 0x9E3779B97F4A7C15ull) >> 58;
      if (m_cache_word[slot] == word) {
        added = false;
        return m_cache_id[slot];
      }
    }
    const std::uint32_t id = m_econ.id(hash_key(econ), 0, econ, {}, false, added);
    if (small) {
      m_cache_word[slot] = word;
      m_cache_id[slot] = id;
    }
    return id;
  }

  InlineDict m_econ;
  std::array<std::uint64_t, 64> m_cache_word{};
  std::array<std::uint32_t, 64> m_cache_id{};

 private:
  const InlineDict* m_known;
  InlineDict m_lines;
  std::array<Pending, 16> m_pending;
  std::size_t m_first = 0, m_count = 0;
};

// The known lines as an index, and the position in `lines` of each of its ids (the first, for a
// line given twice).
struct KnownIndex {
  InlineDict dict;
  std::vector<std::uint32_t> position;
  bool identity() const { return position.empty() || position.back() + 1 == position.size(); }
};

KnownIndex index_lines(const std::vector<KnownLine>& lines) {
  KnownIndex k{InlineDict(lines.size()), {}};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    bool added = false;
    k.dict.id(mix_hash(hash_key(l.unit_code), hash_key(l.line_code), l.fiscal_year), l.fiscal_year,
              l.unit_code, l.line_code, true, added);
    if (added) k.position.push_back(static_cast<std::uint32_t>(i));
  }
  return k;
}

std::uint64_t voucher_key_of(std::uint64_t unit_hash, int fiscal_year, std::string_view voucher) {
  std::uint64_t h = unit_hash;
  h = (h ^ static_cast<std::uint64_t>(fiscal_year)) * UINT64_C(0x9E3779B97F4A7C15);
  h ^= hash_key(voucher) + UINT64_C(0x632BE59BD9B4E019) + (h << 6) + (h >> 2);
  return h;
}

// One thread's reader of chunks into blocks, with dictionaries kept across its chunks.
class BlockBuilder : public Batched<BlockBuilder> {
 public:
  BlockBuilder(const CheckedColumns& c, const PaymentReadOptions& o, const InlineDict* known)
      : Batched(known), m_reader(c), m_o(o) {
    m_line_generation.assign(lines_known(), 0);
    m_line_slot.assign(lines_known(), 0);
  }

  // False: refuse (a row the row path must read, or a payment of no known line).
  bool chunk(std::string_view text, const std::atomic<bool>& refuse, BlockChunk& out) {
    m_out = &out;
    m_block = SIZE_MAX;
    if (m_o.content_hash) out.hash_text.reserve(text.size() + text.size() / 4);
    const bool ok = m_reader.read(text, refuse, [&](const ParsedRow& r, bool stable) {
      return add(r, stable);
    }) && flush();
    m_out = nullptr;
    return ok;
  }
  std::vector<std::uint64_t>& keys() { return m_keys; }
  std::size_t rows() const { return m_rows; }
  __int128 sum() const { return m_reader.sum(); }
  __int128 abs_sum() const { return m_reader.abs_sum(); }
  std::size_t lines() const { return m_reader.lines(); }

  bool take(const Pending& p) {
    const ParsedRow& r = p.r;
    if (m_block == SIZE_MAX || m_out->blocks[m_block].fiscal_year != r.year) {
      m_block = m_out->blocks.size();
      m_out->blocks.emplace_back().fiscal_year = r.year;
      m_out->keys.emplace_back();
      ++m_generation;
    }
    model::PaymentBlock& b = m_out->blocks[m_block];
    bool added = false;
    const std::uint32_t line = line_of(p, added);
    if (line == UINT32_MAX) return false;  // not a known line: the row path reports it
    if (added) {
      m_line_generation.push_back(0);
      m_line_slot.push_back(0);
    }
    if (m_line_generation[line] != m_generation) {
      m_line_generation[line] = m_generation;
      m_line_slot[line] = static_cast<std::uint32_t>(b.line_keys.size());
      b.line_keys.emplace_back(line_key(line));
    }
    const std::uint32_t econ = econ_of(r.econ, added);
    if (added) {
      m_econ_generation.push_back(0);
      m_econ_slot.push_back(0);
    }
    if (m_econ_generation[econ] != m_generation) {
      m_econ_generation[econ] = m_generation;
      m_econ_slot[econ] = static_cast<std::uint32_t>(b.economic_codes.size());
      b.economic_codes.emplace_back(r.econ);
    }
    b.line_index.push_back(m_line_slot[line]);
    b.date_days.push_back(r.days);
    b.amount_fen.push_back(r.fen);
    b.economic_index.push_back(static_cast<std::uint16_t>(m_econ_slot[econ]));
    if (m_o.keep_vouchers) {
      b.voucher_numbers.append(r.voucher);
      if (!r.summary.empty()) {
        b.voucher_numbers += '\x1f';
        b.voucher_numbers.append(r.summary);
      }
      b.voucher_numbers += '\n';
    }
    const std::uint64_t key = voucher_key_of(p.unit_hash, r.year, r.voucher);
    m_out->keys[m_block].push_back(key);
    m_keys.push_back(key);
    if (m_o.content_hash) {
      append_canonical(m_out->hash_text, r.unit, r.year, r.line, r.days,
                       r.iso_date ? r.date_text : std::string_view(), r.fen, r.econ, r.voucher,
                       r.summary);
    }
    ++m_rows;
    if (b.size() >= m_o.block_rows || b.economic_codes.size() >= 65535)
      m_block = SIZE_MAX;  // the next row starts a block
    return true;
  }

 private:
  RowReader m_reader;
  const PaymentReadOptions& m_o;
  BlockChunk* m_out = nullptr;
  std::size_t m_block = SIZE_MAX;
  std::uint32_t m_generation = 0;
  std::vector<std::uint32_t> m_line_generation, m_line_slot, m_econ_generation, m_econ_slot;
  std::vector<std::uint64_t> m_keys;
  std::size_t m_rows = 0;
};

// About `rows` records' worth of bytes of `body`, from its first lines.
std::size_t bytes_for_rows(std::string_view body, std::size_t rows) {
  const std::string_view sample = body.substr(0, 1 << 16);
  const auto lines = static_cast<std::size_t>(std::count(sample.begin(), sample.end(), '\n'));
  const std::size_t per_row = lines > 0 ? std::max<std::size_t>(sample.size() / lines, 8) : 64;
  return std::max<std::size_t>(rows * per_row * 97 / 100, 4096);
}

}  // namespace

std::uint64_t voucher_key(std::string_view unit_code, int fiscal_year, std::string_view voucher) {
  return voucher_key_of(hash_key(unit_code), fiscal_year, voucher);
}

Result<std::optional<CheckedPayments>> read_checked_payments(const std::string& path,
                                                             const PaymentBlockSink& sink,
                                                             const PaymentReadOptions& options) {
  Text text;
  auto loaded = load_text(path, std::max(1, options.threads), text);
  if (!loaded) return fail(std::move(loaded.error()));
  if (!*loaded) return std::optional<CheckedPayments>();
  std::string_view body;
  const std::string& file_name = options.file_name.empty() ? path : options.file_name;
  Around around;
  auto cols = split_header(text.all, body, options.year, file_name, &around);
  if (!cols) return std::optional<CheckedPayments>();

  const int threads = std::max(1, options.threads);
  const auto cuts =
      cut_chunks(body, bytes_for_rows(body, std::max<std::size_t>(options.block_rows, 1)));
  const std::size_t chunks = cuts.size() - 1;
  std::vector<BlockChunk> results(chunks);
  std::atomic<bool> refuse{false};
  Schedule schedule(chunks, static_cast<std::size_t>(threads) + 1, refuse);
  // Each thread's voucher keys, grouped chunk by chunk as it goes.
  std::vector<std::vector<std::uint64_t>> keys(static_cast<std::size_t>(threads));
  std::vector<std::vector<std::pair<std::size_t, std::vector<std::uint32_t>>>> runs(
      static_cast<std::size_t>(threads));  // (first key, starts)
  std::vector<std::size_t> rows(static_cast<std::size_t>(threads), 0);
  std::vector<__int128> sums(static_cast<std::size_t>(threads), 0),
      abs_sums(static_cast<std::size_t>(threads), 0);
  std::vector<std::size_t> lines(static_cast<std::size_t>(threads), 0);
  std::optional<KnownIndex> known;
  if (options.known_lines) known = index_lines(*options.known_lines);
  auto work = [&](std::size_t t) {
    BlockBuilder builder(*cols, options, known ? &known->dict : nullptr);
    std::vector<std::uint64_t> scratch;
    while (auto i = schedule.take()) {
      const std::size_t first = builder.keys().size();
      if (!builder.chunk(body.substr(cuts[*i], cuts[*i + 1] - cuts[*i]), refuse, results[*i])) {
        schedule.stop();
        return;
      }
      schedule.done(*i);
      auto& k = builder.keys();
      runs[t].emplace_back(first, group_keys(std::span(k).subspan(first), scratch));
    }
    if (refuse) return;
    keys[t] = std::move(builder.keys());
    rows[t] = builder.rows();
    sums[t] = builder.sum();
    abs_sums[t] = builder.abs_sum();
    lines[t] = builder.lines();
  };
  parallel::Background pool(static_cast<std::size_t>(threads), work);

  EVP_MD_CTX* ctx = nullptr;
  if (options.content_hash) {
    ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
    const std::string_view kind = model::to_string(model::ImportKind::payments);
    EVP_DigestUpdate(ctx, kind.data(), kind.size());
    EVP_DigestUpdate(ctx, "\x1f", 1);
  }
  for (std::size_t i = 0; i < chunks; ++i) {
    if (!schedule.wait(i)) break;
    BlockChunk chunk = std::move(results[i]);
    if (ctx) EVP_DigestUpdate(ctx, chunk.hash_text.data(), chunk.hash_text.size());
    std::string().swap(chunk.hash_text);
    for (std::size_t b = 0; b < chunk.blocks.size(); ++b) {
      if (!sink(std::move(chunk.blocks[b]), chunk.keys[b])) {
        schedule.stop();
        break;
      }
    }
    schedule.consumed();
    if (refuse) break;
  }
  pool.join();
  std::string hash;
  if (ctx) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx, digest, &len);
    EVP_MD_CTX_free(ctx);
    hash = text::to_hex(digest, len);
  }
  if (refuse) return std::optional<CheckedPayments>();
  // A voucher twice in the file (or a 64-bit collision): the row path decides and reports.
  std::vector<KeyRun> all_runs;
  for (std::size_t t = 0; t < keys.size(); ++t) {
    for (std::size_t r = 0; r < runs[t].size(); ++r) {
      const std::size_t first = runs[t][r].first;
      const std::size_t end = r + 1 < runs[t].size() ? runs[t][r + 1].first : keys[t].size();
      all_runs.push_back({std::span<const std::uint64_t>(keys[t]).subspan(first, end - first),
                          std::move(runs[t][r].second)});
    }
  }
  if (any_duplicate(all_runs, threads)) return std::optional<CheckedPayments>();
  __int128 sum = 0, abs_sum = 0;
  for (std::size_t t = 0; t < sums.size(); ++t) sum += sums[t], abs_sum += abs_sums[t];
  if (!totals_agree(*cols, sum, abs_sum)) return std::optional<CheckedPayments>();
  CheckedPayments out;
  for (std::size_t r : rows) out.rows += r;
  out.content_hash = std::move(hash);
  std::int64_t body_lines = 0;
  for (std::size_t l : lines) body_lines += static_cast<std::int64_t>(l);
  auto plan = plan_of(std::move(around), body_lines, out.rows, static_cast<std::int64_t>(sum),
                      file_name, text.converted.empty() ? "UTF-8" : "GB18030", options.year);
  if (!plan) return std::optional<CheckedPayments>();
  out.plan = std::move(*plan);
  return out;
}

// ---- Columns for the in-memory ledger ----

namespace {

// The economic codes of every thread in one table, by code.
class SharedCodes {
 public:
  std::uint32_t id(std::string_view code) {
    std::lock_guard lock(m_mutex);
    auto it = m_ids.find(std::string(code));
    if (it != m_ids.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(m_codes.size());
    m_codes.emplace_back(code);
    m_ids.emplace(m_codes.back(), id);
    return id;
  }
  std::vector<std::string> take() { return std::move(m_codes); }

 private:
  std::mutex m_mutex;
  std::vector<std::string> m_codes;
  std::unordered_map<std::string, std::uint32_t> m_ids;
};

class ColumnBuilder : public Batched<ColumnBuilder> {
 public:
  ColumnBuilder(const CheckedColumns& c, const KnownIndex& known, SharedCodes& codes,
                const PaymentColumnsTarget& to)
      : Batched(&known.dict),
        m_reader(c),
        m_position(known.position),
        m_identity(known.identity()),
        m_codes(codes),
        m_to(to) {}

  // Rows of `text` written from row `at` on; false: refuse. `written`: the rows written.
  bool chunk(std::string_view text, const std::atomic<bool>& refuse, std::size_t at,
             std::uint64_t* keys, std::size_t& written) {
    m_at = m_first = at;
    m_keys = keys;
    const bool ok = m_reader.read(text, refuse, [&](const ParsedRow& r, bool stable) {
      return add(r, stable);
    }) && flush();
    written = m_at - m_first;
    return ok;
  }

  __int128 sum() const { return m_reader.sum(); }
  __int128 abs_sum() const { return m_reader.abs_sum(); }
  std::size_t lines() const { return m_reader.lines(); }

  bool take(const Pending& p) {
    const ParsedRow& r = p.r;
    bool added = false;
    const std::uint32_t line = line_of(p, added);
    if (line == UINT32_MAX) return false;
    const std::uint32_t econ = econ_of(r.econ, added);
    if (added) m_econ_ids.push_back(m_codes.id(r.econ));
    const std::size_t at = m_at++;
    m_to.line[at] = m_identity ? line : m_position[line];
    m_to.day[at] =
        static_cast<std::uint16_t>(std::clamp(r.days - m_to.day_origin, 0, m_to.day_max));
    m_to.amount_fen[at] = r.fen;
    m_to.economic[at] = m_econ_ids[econ];
    m_keys[at] = voucher_key_of(p.unit_hash, r.year, r.voucher);
    return true;
  }

 private:
  RowReader m_reader;
  const std::vector<std::uint32_t>& m_position;
  bool m_identity;  // every id is its own position (no line given twice)
  SharedCodes& m_codes;
  const PaymentColumnsTarget& m_to;
  std::vector<std::uint32_t> m_econ_ids;
  std::size_t m_at = 0, m_first = 0;
  std::uint64_t* m_keys = nullptr;
};

}  // namespace

Result<std::optional<CheckedPaymentColumns>> read_checked_payment_columns(
    const std::string& path, const std::vector<KnownLine>& lines,
    const std::function<PaymentColumnsTarget(std::size_t capacity)>& allocate, int threads) {
  threads = std::max(1, threads);
  const auto n_threads = static_cast<std::size_t>(threads);
  // The lines' index is built while the file is scanned.
  KnownIndex known;
  parallel::Background known_built(1, [&](std::size_t) { known = index_lines(lines); });
  MappedFile file;
  JIXIAO_TRY(file.open(path));
  std::string converted;
  std::string_view all = file.view();
  const bool bom = all.starts_with("\xEF\xBB\xBF");
  std::string_view body;
  std::optional<CheckedColumns> cols;
  std::vector<std::size_t> cuts, records;
  // Pieces of about 1/16 of a thread's share; each one's records counted (and UTF-8 checked) in
  // parallel.
  auto scan = [&](bool check) {
    cols = split_header(all, body, 0, path);
    cuts = cut_chunks(body, std::max<std::size_t>(body.size() / (n_threads * 16) + 1, 1 << 20));
    records.assign(cuts.size() - 1, 0);
    std::atomic<std::size_t> next{0};
    std::atomic<bool> valid{!check || text::valid_utf8(all.substr(
                                          0, static_cast<std::size_t>(body.data() - all.data())))};
    auto work = [&] {
      for (std::size_t i; valid && (i = next++) < records.size();) {
        if (!scan_chunk(body.substr(cuts[i], cuts[i + 1] - cuts[i]), check, records[i]))
          valid = false;
      }
    };
    parallel::each_on_thread(n_threads, [&](std::size_t) { work(); });
    return valid.load();
  };
  if (!scan(!bom)) {
    // Converted as the row path converts it; bytes that are not GB18030 either: the row path
    // reports them.
    auto utf8 = text::to_utf8(std::string(all), path);
    if (!utf8) return std::optional<CheckedPaymentColumns>();
    converted = std::move(*utf8);
    all = converted;
    scan(false);
  }
  if (!cols) return std::optional<CheckedPaymentColumns>();
  std::vector<std::size_t> offset{0};
  for (std::size_t r : records) offset.push_back(offset.back() + r);
  const std::size_t capacity = offset.back();
  const PaymentColumnsTarget to = allocate(capacity);
  // Voucher keys by row, first written by the reading threads (not zeroed here first).
  const std::unique_ptr<std::uint64_t[]> keys(
      new std::uint64_t[std::max<std::size_t>(capacity, 1)]);
  want_huge_pages(keys.get(), capacity * sizeof(std::uint64_t));
  known_built.join();
  const std::size_t chunks = cuts.size() - 1;
  std::vector<std::size_t> written(chunks, 0);
  std::atomic<bool> refuse{false};
  Schedule schedule(chunks, SIZE_MAX, refuse);
  SharedCodes codes;
  std::vector<KeyRun> runs(chunks);
  std::vector<__int128> sums(n_threads, 0), abs_sums(n_threads, 0);
  auto work = [&](std::size_t t) {
    ColumnBuilder builder(*cols, known, codes, to);
    struct Sums {
      ColumnBuilder& b;
      __int128& sum;
      __int128& abs;
      ~Sums() { sum = b.sum(), abs = b.abs_sum(); }
    } keep_sums{builder, sums[t], abs_sums[t]};
    std::vector<std::uint64_t> scratch;
    while (auto i = schedule.take()) {
      if (!builder.chunk(body.substr(cuts[*i], cuts[*i + 1] - cuts[*i]), refuse, offset[*i],
                         keys.get(), written[*i])) {
        schedule.stop();
        return;
      }
      const std::span<std::uint64_t> mine(keys.get() + offset[*i], written[*i]);
      runs[*i] = {mine, group_keys(mine, scratch)};
    }
  };
  parallel::each_on_thread(n_threads, work);
  if (refuse || any_duplicate(runs, threads)) return std::optional<CheckedPaymentColumns>();
  __int128 sum = 0, abs_sum = 0;
  for (std::size_t t = 0; t < n_threads; ++t) sum += sums[t], abs_sum += abs_sums[t];
  if (!totals_agree(*cols, sum, abs_sum)) return std::optional<CheckedPaymentColumns>();

  // Blank records left gaps: close them, in order.
  std::size_t rows = 0;
  for (std::size_t i = 0; i < chunks; ++i) {
    if (rows != offset[i]) {
      std::memmove(to.line + rows, to.line + offset[i], written[i] * sizeof *to.line);
      std::memmove(to.day + rows, to.day + offset[i], written[i] * sizeof *to.day);
      std::memmove(to.amount_fen + rows, to.amount_fen + offset[i],
                   written[i] * sizeof *to.amount_fen);
      std::memmove(to.economic + rows, to.economic + offset[i], written[i] * sizeof *to.economic);
    }
    rows += written[i];
  }
  CheckedPaymentColumns out;
  out.rows = rows;
  out.economic_codes = codes.take();
  return out;
}

struct PaymentsHasher::State {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  std::string buf;
  ~State() { EVP_MD_CTX_free(ctx); }
  void drain() {
    EVP_DigestUpdate(ctx, buf.data(), buf.size());
    buf.clear();
  }
};

PaymentsHasher::PaymentsHasher() : m_state(std::make_unique<State>()) {
  EVP_DigestInit_ex(m_state->ctx, EVP_sha256(), nullptr);
  m_state->buf.reserve(1 << 20);
  m_state->buf.append(model::to_string(model::ImportKind::payments));
  m_state->buf += '\x1f';
}

PaymentsHasher::~PaymentsHasher() = default;

void PaymentsHasher::add(const model::PaymentBlock& b) {
  State& st = *m_state;
  std::vector<std::pair<std::string_view, std::string_view>> keys;
  for (const auto& k : b.line_keys) {
    const auto tab = k.find('\t');
    keys.emplace_back(std::string_view(k).substr(0, tab), std::string_view(k).substr(tab + 1));
  }
  std::string_view vouchers = b.voucher_numbers;
  for (std::size_t r = 0; r < b.size(); ++r) {
    const auto nl = vouchers.find('\n');
    const std::string_view entry = vouchers.substr(0, nl);
    vouchers.remove_prefix(nl == std::string_view::npos ? vouchers.size() : nl + 1);
    const auto us = entry.find('\x1f');
    append_canonical(st.buf, keys[b.line_index[r]].first, b.fiscal_year,
                     keys[b.line_index[r]].second, b.date_days[r], {}, b.amount_fen[r],
                     b.economic_codes[b.economic_index[r]], entry.substr(0, us),
                     us == std::string_view::npos ? std::string_view() : entry.substr(us + 1));
    if (st.buf.size() > (1 << 20) - 4096) st.drain();
  }
}

std::string PaymentsHasher::finish() {
  State& st = *m_state;
  st.drain();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(st.ctx, digest, &len);
  return text::to_hex(digest, len);
}

}  // namespace jixiao::ingest
