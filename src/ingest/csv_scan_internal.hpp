// ingest/csv_scan_internal.hpp — pieces shared by the bulk CSV readers (bulk_csv.cpp for
// payments, bulk_budget.cpp for budgets and adjustments) and the row path: a mapped file, the
// UTF-8 check, records split 64 bytes at a time with ingest::parse_csv's rules, cells trimmed as
// ingest trims them, the cell rules (years, dates, amounts). The key dictionary is
// core/key_dict.hpp, the inline date helpers core/date.hpp. Internal to ingest/.
#pragma once

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/key_dict.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "core/text.hpp"
#include "ingest/ingest_internal.hpp"
#include "model/ledger.hpp"

namespace jixiao::ingest::csv {

inline constexpr int k_max_fields = 64;

// A read-only mapping of a whole file.
class MappedFile {
 public:
  ~MappedFile() {
    if (m_data && m_size) munmap(const_cast<char*>(m_data), m_size);
    if (m_fd >= 0) close(m_fd);
  }
  Result<void> open(const std::string& path) {
    m_fd = ::open(path.c_str(), O_RDONLY);
    if (m_fd < 0) return fail(Error::io("无法读取文件", {.file = path}));
    struct stat st {};
    if (fstat(m_fd, &st) != 0) return fail(Error::io("无法读取文件", {.file = path}));
    m_size = static_cast<std::size_t>(st.st_size);
    if (m_size == 0) return {};
    void* p = mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, m_fd, 0);
    if (p == MAP_FAILED) return fail(Error::io("无法映射文件", {.file = path}));
    madvise(p, m_size, MADV_SEQUENTIAL | MADV_WILLNEED);
    m_data = static_cast<const char*>(p);
    return {};
  }
  std::string_view view() const { return {m_data ? m_data : "", m_size}; }

 private:
  int m_fd = -1;
  const char* m_data = nullptr;
  std::size_t m_size = 0;
};

// "-1234.5" → -123450 分; false for anything else (then the slow path).
inline bool fast_fen(std::string_view s, std::int64_t& fen) {
  std::size_t i = 0;
  bool neg = false;
  if (!s.empty() && s[0] == '-') {
    neg = true;
    i = 1;
  }
  if (i >= s.size() || s.size() - i > 16) return false;
  std::int64_t v = 0;
  std::size_t digits = 0;
  for (; i < s.size() && is_digit(s[i]); ++i, ++digits) v = v * 10 + (s[i] - '0');
  if (digits == 0) return false;
  int decimals = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    for (; i < s.size() && is_digit(s[i]) && decimals < 2; ++i, ++decimals)
      v = v * 10 + (s[i] - '0');
  }
  if (i != s.size()) return false;
  for (; decimals < 2; ++decimals) v *= 10;
  fen = neg ? -v : v;
  return true;
}

// Whether `s` is valid UTF-8 exactly as text::valid_utf8 decides it: ASCII skipped 16 bytes
// at a time, every other code point through text::next_code_point.
inline bool valid_utf8_fast(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
#if defined(__SSE2__)
    while (i + 16 <= n &&
           _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i))) == 0)
      i += 16;
#endif
    while (i < n && static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      if ((i & 15) == 0) break;
    }
    if (i >= n || static_cast<unsigned char>(s[i]) < 0x80) continue;
    const std::size_t before = i;
    const char32_t cp = text::next_code_point(s, i);
    if (cp == U'\uFFFD' && !(i - before == 3 && s.substr(before, 3) == "\xEF\xBF\xBD"))
      return false;
  }
  return true;
}

// One CSV record on one line, split by ingest's one splitter (split_csv) with ',' as parse_csv
// splits it. False when a quote is left open (a field spanning lines: the row path's case) or
// the line holds a CR or LF (a record ends there: the row path's too).
inline bool split_like_parse_csv(std::string_view line, std::vector<std::string>& out) {
  out.clear();
  if (line.find_first_of("\r\n") != std::string_view::npos) return false;
  return split_csv(line, ',', [&](std::vector<std::string>&& cells, std::int64_t) {
           out = std::move(cells);
         }) == 0;
}

// A field trimmed as ingest trims it (text::trim), without the call when both ends are plain.
inline std::string_view trim_cell(std::string_view s) {
  if (s.empty()) return s;
  const auto f = static_cast<unsigned char>(s.front()), b = static_cast<unsigned char>(s.back());
  if (f > 0x20 && f < 0x80 && b > 0x20 && b < 0x80) return s;
  return text::trim(s);
}

// Whether `s` (a short cell) holds byte `c`.
inline bool has_byte(std::string_view s, char c) {
  for (char x : s) {
    if (x == c) return true;
  }
  return false;
}

// Which of 64 bytes end a field or make their record special: ',' '"' and every control byte
// (0x00–0x1F: '\n', '\r', '\t', '\x1f', …), as a bit mask.
inline std::uint64_t marks64(const char* p) {
  std::uint64_t m = 0;
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"'),
                control = _mm_set1_epi8(0x1F);
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const __m128i low = _mm_cmpeq_epi8(_mm_max_epu8(v, control), control);  // v ≤ 0x1F
    const __m128i any =
        _mm_or_si128(low, _mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)));
    m |= static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm_movemask_epi8(any))) << (16 * k);
  }
#else
  for (int k = 0; k < 64; ++k) {
    const auto ch = static_cast<unsigned char>(p[k]);
    if (ch <= 0x1F || ch == ',' || ch == '"') m |= std::uint64_t{1} << k;
  }
#endif
  return m;
}

// Calls on_row(fields, count, line) for each record of `text` (lines ending at '\n'): fields are
// the raw comma-separated pieces (untrimmed) when the line has no quote and no control byte but
// its final CR-LF or LF (so no '\t' or '\x1f' either), else count < 0 and the caller splits
// `line` (CR-LF's CR kept) itself. Stops when on_row returns false; returns false then.
template <class OnRow>
bool for_each_record(std::string_view text, OnRow&& on_row) {
  const char* const base = text.data();
  const std::size_t n = text.size();
  std::string_view fields[k_max_fields];
  int count = 0;
  std::size_t field_start = 0, row_start = 0;
  bool dirty = false, crlf = false;
  alignas(16) char tail[64];
  auto end_row = [&](std::size_t end) -> bool {
    bool ok;
    if (dirty) {
      ok = on_row(static_cast<const std::string_view*>(nullptr), -1,
                  text.substr(row_start, end - row_start));
    } else {
      const std::size_t field_end = crlf ? end - 1 : end;
      fields[count++] = std::string_view(base + field_start, field_end - field_start);
      ok = on_row(static_cast<const std::string_view*>(fields), count,
                  text.substr(row_start, field_end - row_start));
    }
    count = 0;
    dirty = crlf = false;
    row_start = field_start = end + 1;
    return ok;
  };
  for (std::size_t at = 0; at < n; at += 64) {
    std::uint64_t events;
    if (at + 64 <= n) {
      events = marks64(base + at);
    } else {
      std::memset(tail, ' ', sizeof tail);  // blanks past the end: no marks
      std::memcpy(tail, base + at, n - at);
      events = marks64(tail);
    }
    while (events) {
      const int bit = std::countr_zero(events);
      events &= events - 1;
      const std::size_t pos = at + static_cast<std::size_t>(bit);
      const char ch = base[pos];
      if (ch == ',') {
        if (dirty) continue;
        if (count == k_max_fields - 1) {
          dirty = true;
          continue;
        }
        fields[count++] = std::string_view(base + field_start, pos - field_start);
        field_start = pos + 1;
      } else if (ch == '\n') {
        if (!end_row(pos)) return false;
      } else if (ch == '\r' && !dirty && !crlf && pos + 1 < n && base[pos + 1] == '\n') {
        crlf = true;
      } else {
        dirty = true;
      }
    }
  }
  if (row_start < n) {
    // The last line, without '\n': as a line ending at the end of the text.
    if (crlf) dirty = true;
    if (dirty)
      return on_row(static_cast<const std::string_view*>(nullptr), -1, text.substr(row_start));
    fields[count++] = std::string_view(base + field_start, n - field_start);
    return on_row(static_cast<const std::string_view*>(fields), count, text.substr(row_start));
  }
  return true;
}

// Cuts `body` into pieces of about `bytes` ending at line ends.
inline std::vector<std::size_t> cut_chunks(std::string_view body, std::size_t bytes) {
  std::vector<std::size_t> cuts{0};
  while (cuts.back() < body.size()) {
    const std::size_t at = cuts.back() + bytes;
    if (at >= body.size()) {
      cuts.push_back(body.size());
      break;
    }
    const auto nl = body.find('\n', at);
    cuts.push_back(nl == std::string_view::npos ? body.size() : nl + 1);
  }
  return cuts;
}

// Records in `s` (lines; the last one may lack its '\n'), and whether `s` is valid UTF-8 as
// text::valid_utf8 decides it (checked only when `check`): one pass, 16 ASCII bytes at a time.
inline bool scan_chunk(std::string_view s, bool check, std::size_t& records) {
  std::size_t i = 0, lines = 0;
  const std::size_t n = s.size();
  while (i < n) {
#if defined(__SSE2__)
    // '\n's counted per byte lane (each compare gives −1), summed every 255 rounds.
    const __m128i nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
    auto sum = [&](__m128i acc) {
      const __m128i t = _mm_sad_epu8(acc, zero);
      return static_cast<std::size_t>(_mm_cvtsi128_si64(t)) +
             static_cast<std::size_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(t, t)));
    };
    __m128i acc = zero;
    int rounds = 0;
    while (i + 16 <= n) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
      if (_mm_movemask_epi8(v) != 0) break;
      acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(v, nl));
      i += 16;
      if (++rounds == 255) {
        lines += sum(acc);
        acc = zero;
        rounds = 0;
      }
    }
    lines += sum(acc);
    if (i >= n) break;
#endif
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      lines += c == '\n';
      ++i;
      continue;
    }
    if (!check) {
      ++i;
      continue;
    }
    const std::size_t before = i;
    const char32_t cp =
        text::next_code_point(s, i);  // a '\n' is never inside a code point it accepts
    if (cp == U'\uFFFD' && !(i - before == 3 && s.substr(before, 3) == "\xEF\xBF\xBD"))
      return false;
  }
  records = lines + (n > 0 && s.back() != '\n');
  return true;
}

// An amount cell (not empty) in 分 as parse_money reads it; false where parse_money fails.
inline bool read_amount(std::string_view text, bool wan, std::int64_t& fen) {
  if (!wan && text.size() <= 15 && text.back() != '.' && fast_fen(text, fen)) return true;
  auto m = parse_money(text, wan ? MoneyUnit::wan : MoneyUnit::yuan);
  if (!m) return false;
  fen = m->fen();
  return true;
}

// A date cell (not empty) as parse_date reads it, "YYYY-MM-DD" without the call; `iso`: it was
// in that form (then it is the text Date::to_string writes).
inline bool read_date(std::string_view text, std::int32_t& days, int& year, bool& iso) {
  iso = read_iso_date(text, days, year) && is_fiscal_year(year);
  if (iso) return true;
  auto d = parse_date(text);
  if (!d) return false;
  days = d->days();
  year = d->year();
  return true;
}

// The header line mapped as ingest::parse_rows maps it (ingest::columns_of(kind)): per column
// spec, the file's column or -1, and whether its header says 万元. nullopt for anything
// parse_rows would reject (an unknown delimiter, a CR, a duplicate or missing required column).
struct Header {
  std::vector<int> index;
  std::vector<bool> wan;
  std::vector<bool>
      own_unit;  // the header names its unit (else a "单位：万元" title row may set it)
};
std::optional<Header> map_header(std::string_view line, model::ImportKind kind);

}  // namespace jixiao::ingest::csv
