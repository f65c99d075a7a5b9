// ledger/bulk_csv.cpp — payments CSV → column blocks, on several threads (ledger/bulk.hpp).
#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <cstring>
#include <map>
#include <memory>
#include <thread>
#include <unordered_map>

#include "core/text.hpp"
#include "ingest/ingest.hpp"
#include "ledger/bulk.hpp"
#include "store/store.hpp"

namespace jixiao::ledger {
namespace {

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

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int32_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

inline bool digit(char c) { return c >= '0' && c <= '9'; }

// "2022-03-15" → days; false when the text is not in that exact form (then the slow path).
inline bool fast_date(std::string_view s, std::int32_t& days, int& year) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!digit(s[static_cast<std::size_t>(i)])) return false;
  }
  const int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  const int m = (s[5] - '0') * 10 + (s[6] - '0');
  const int d = (s[8] - '0') * 10 + (s[9] - '0');
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return false;
  days = days_from_civil(y, m, d);
  year = y;
  return true;
}

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
  for (; i < s.size() && digit(s[i]); ++i, ++digits) v = v * 10 + (s[i] - '0');
  if (digits == 0) return false;
  int decimals = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    for (; i < s.size() && digit(s[i]) && decimals < 2; ++i, ++decimals) v = v * 10 + (s[i] - '0');
  }
  if (i != s.size()) return false;
  for (; decimals < 2; ++decimals) v *= 10;
  fen = neg ? -v : v;
  return true;
}

inline std::uint64_t hash_key(std::string_view s) {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, s.data() + i, s.size() - i);
  h = (h ^ tail) * 0x94D049BB133111EBull;
  return h ^ (h >> 29);
}

// A dictionary of strings → dense ids (open addressing, linear probing), over the block's
// own key vector. std::unordered_map's string_view lookup in libstdc++ 12 was 70% of the time.
class Dict {
 public:
  explicit Dict(std::vector<std::string>& keys) : m_keys(keys) { m_slots.assign(1024, 0); }
  // The id of `key`, adding it to the key vector when new.
  std::uint32_t id(std::string_view key) {
    const std::uint64_t h = hash_key(key);
    std::size_t mask = m_slots.size() - 1;
    for (std::size_t at = h & mask;; at = (at + 1) & mask) {
      const std::uint32_t v = m_slots[at];
      if (v == 0) {
        const auto id = static_cast<std::uint32_t>(m_keys.size());
        m_keys.emplace_back(key);
        m_slots[at] = id + 1;
        if (m_keys.size() * 2 > m_slots.size()) grow();
        return id;
      }
      if (m_keys[v - 1] == key) return v - 1;
    }
  }

 private:
  void grow() {
    std::vector<std::uint32_t> old(m_slots.size() * 2, 0);
    old.swap(m_slots);
    const std::size_t mask = m_slots.size() - 1;
    for (std::uint32_t v : old) {
      if (v == 0) continue;
      std::size_t at = hash_key(m_keys[v - 1]) & mask;
      while (m_slots[at] != 0) at = (at + 1) & mask;
      m_slots[at] = v;
    }
  }
  std::vector<std::string>& m_keys;
  std::vector<std::uint32_t> m_slots;
};

}  // namespace

}  // namespace jixiao::ledger

// ---- The import path's reader (read_checked_payments): ingest's rules exactly, or "no". ----
namespace jixiao::ledger {
namespace {

enum CheckedField { c_unit, c_year, c_line, c_date, c_amount, c_econ, c_voucher, c_summary, c_count };
constexpr std::array<const char*, c_count> k_checked_names = {"unit_code", "fiscal_year", "line_code", "date",
                                                               "amount", "economic_code", "voucher_number", "summary"};

// One CSV record on one line, split as ingest::parse_csv splits it (',' delimiter): unquoted
// fields trimmed, a quote opens a field only at its start, "" inside quotes is a quote.
// False when a quote is left open (a field spanning lines: the row path's case).
bool split_like_parse_csv(std::string_view line, std::vector<std::string>& out) {
  out.clear();
  std::string field;
  bool in_quotes = false, was_quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"' && text::trim(field).empty()) {
      in_quotes = was_quoted = true;
      field.clear();
    } else if (c == ',') {
      out.push_back(was_quoted ? field : std::string(text::trim(field)));
      field.clear();
      was_quoted = false;
    } else {
      field += c;
    }
  }
  if (in_quotes) return false;
  out.push_back(was_quoted ? field : std::string(text::trim(field)));
  return true;
}

// The header mapped as ingest::parse_rows maps it; nullopt for anything it would reject
// (or a delimiter other than ','), so that the row path reports it.
struct CheckedColumns {
  std::array<int, c_count> index{};
  bool wan = false;
};

std::optional<CheckedColumns> map_checked_header(std::string_view line) {
  std::size_t commas = 0, tabs = 0, semicolons = 0;
  for (char c : line) {
    commas += c == ',';
    tabs += c == '\t';
    semicolons += c == ';';
  }
  if ((tabs > commas && tabs >= semicolons) || semicolons > commas) return std::nullopt;
  if (line.find('\r') != std::string_view::npos) return std::nullopt;
  std::vector<std::string> cells;
  if (!split_like_parse_csv(line, cells)) return std::nullopt;
  if (std::all_of(cells.begin(), cells.end(), [](const auto& c) { return c.empty(); })) return std::nullopt;
  const auto& specs = ingest::columns_of(model::ImportKind::payments);
  CheckedColumns out;
  out.index.fill(-1);
  for (std::size_t col = 0; col < cells.size(); ++col) {
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
    for (const auto& spec : specs) {
      bool match = key == spec.name;
      for (const auto& zh : spec.chinese) match = match || key == zh;
      if (!match) continue;
      const auto f = static_cast<std::size_t>(std::find(k_checked_names.begin(), k_checked_names.end(), spec.name) - k_checked_names.begin());
      if (f >= c_count || out.index[f] >= 0) return std::nullopt;  // unknown to this reader, or a duplicate column
      out.index[f] = static_cast<int>(col);
      if (f == c_amount) out.wan = wan;
    }
  }
  for (const auto& spec : specs) {
    const auto f = static_cast<std::size_t>(std::find(k_checked_names.begin(), k_checked_names.end(), spec.name) - k_checked_names.begin());
    if (spec.required && (f >= c_count || out.index[f] < 0)) return std::nullopt;
  }
  return out;
}

// One thread's slice of the file: its blocks queue up here for the consumer, in order.
struct CheckedSlice {
  std::mutex mutex;
  std::condition_variable ready;
  std::deque<store::PaymentBlock> blocks;
  bool done = false;
  std::vector<std::uint64_t> voucher_keys;
  std::size_t rows = 0;

  void push(store::PaymentBlock&& b) {
    {
      std::lock_guard lock(mutex);
      blocks.push_back(std::move(b));
    }
    ready.notify_one();
  }
  void finish() {
    {
      std::lock_guard lock(mutex);
      done = true;
    }
    ready.notify_one();
  }
  // The next block, or nullopt when the slice is finished.
  std::optional<store::PaymentBlock> pop() {
    std::unique_lock lock(mutex);
    ready.wait(lock, [&] { return !blocks.empty() || done; });
    if (blocks.empty()) return std::nullopt;
    store::PaymentBlock b = std::move(blocks.front());
    blocks.pop_front();
    return b;
  }
};

class CheckedParser {
 public:
  CheckedParser(const CheckedColumns& c, std::size_t block_rows, std::atomic<bool>& refuse, CheckedSlice& out)
      : m_c(c), m_block_rows(block_rows), m_refuse(refuse), m_out(out) {}

  void parse(std::string_view text) {
    std::size_t pos = 0, count = 0;
    while (pos < text.size()) {
      std::size_t nl = text.find('\n', pos);
      if (nl == std::string_view::npos) nl = text.size();
      std::string_view line = text.substr(pos, nl - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!row(line)) {
        m_refuse = true;
        break;
      }
      if ((++count & 4095) == 0 && m_refuse.load(std::memory_order_relaxed)) break;
      pos = nl + 1;
    }
    if (!m_refuse) flush();
    m_out.finish();
  }

 private:
  // False: the row path must read this file (the row has an error, or is beyond this reader).
  bool row(std::string_view line) {
    if (line.find('\r') != std::string_view::npos) return false;  // a lone CR ends a record there
    m_fields.clear();
    if (line.find('"') == std::string_view::npos) {
      std::size_t start = 0;
      while (true) {
        const std::size_t comma = line.find(',', start);
        m_fields.push_back(text::trim(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
      }
      if (std::all_of(m_fields.begin(), m_fields.end(), [](auto f) { return f.empty(); })) return true;  // blank: skipped
    } else {
      if (!split_like_parse_csv(line, m_owned)) return false;
      if (std::all_of(m_owned.begin(), m_owned.end(), [](const auto& f) { return f.empty(); })) return true;
      for (const auto& f : m_owned) m_fields.push_back(text::trim(f));
    }
    auto cell = [&](int f) -> std::string_view {
      const int i = m_c.index[static_cast<std::size_t>(f)];
      return i >= 0 && static_cast<std::size_t>(i) < m_fields.size() ? m_fields[static_cast<std::size_t>(i)] : std::string_view();
    };
    const std::string_view unit = cell(c_unit), line_code = cell(c_line), voucher = cell(c_voucher), summary = cell(c_summary);
    const std::string_view econ = cell(c_econ);
    if (unit.empty() || line_code.empty() || voucher.empty()) return false;
    if (unit.find('\t') != std::string_view::npos || econ.find('\n') != std::string_view::npos) return false;
    if (voucher.find('\x1f') != std::string_view::npos || summary.find('\x1f') != std::string_view::npos) return false;
    int year = 0;
    if (std::string_view y = cell(c_year); !y.empty()) {
      auto [p, ec] = std::from_chars(y.data(), y.data() + y.size(), year);
      if (ec != std::errc() || p != y.data() + y.size() || year < 1900 || year > 2999) return false;
    }
    const std::string_view date_text = cell(c_date);
    if (date_text.empty()) return false;
    std::int32_t days = 0;
    int date_year = 0;
    if (!fast_date(date_text, days, date_year) || date_year < 1900 || date_year > 2999) {
      auto d = parse_date(date_text);
      if (!d) return false;
      days = d->days();
      date_year = d->year();
    }
    if (year != 0 && year != date_year) return false;
    if (year == 0) year = date_year;
    const std::string_view amount = cell(c_amount);
    if (amount.empty()) return false;
    std::int64_t fen = 0;
    if (m_c.wan || amount.size() > 15 || !fast_fen(amount, fen) || amount.back() == '.') {
      auto m = parse_money(amount, m_c.wan ? MoneyUnit::wan : MoneyUnit::yuan);
      if (!m) return false;
      fen = m->fen();
    }

    if (!m_block || m_block->block.fiscal_year != year) {
      flush();
      m_block = std::make_unique<Current>();
      m_block->block.fiscal_year = year;
    }
    store::PaymentBlock& b = m_block->block;
    m_key.assign(unit);
    m_key += '\t';
    m_key.append(line_code);
    b.line_index.push_back(m_block->lines.id(m_key));
    b.date_days.push_back(days);
    b.amount_fen.push_back(fen);
    b.economic_index.push_back(static_cast<std::uint16_t>(m_block->econ.id(econ)));
    b.voucher_numbers.append(voucher);
    if (!summary.empty()) {
      b.voucher_numbers += '\x1f';
      b.voucher_numbers.append(summary);
    }
    b.voucher_numbers += '\n';
    m_out.voucher_keys.push_back(voucher_key(unit, year, voucher));
    ++m_out.rows;
    if (b.size() >= m_block_rows || b.economic_codes.size() >= 65535) flush();
    return true;
  }

  struct Current {
    store::PaymentBlock block;
    Dict lines{block.line_keys};
    Dict econ{block.economic_codes};
  };

  void flush() {
    if (m_block && m_block->block.size() > 0) m_out.push(std::move(m_block->block));
    m_block.reset();
  }

  const CheckedColumns& m_c;
  std::size_t m_block_rows;
  std::atomic<bool>& m_refuse;
  CheckedSlice& m_out;
  std::unique_ptr<Current> m_block;
  std::vector<std::string_view> m_fields;
  std::vector<std::string> m_owned;
  std::string m_key;
};

// Cuts `body` into `threads` slices ending at line ends.
std::vector<std::size_t> cut_lines(std::string_view body, int threads) {
  std::vector<std::size_t> cuts{0};
  for (int t = 1; t < threads; ++t) {
    std::size_t at = std::max(body.size() * static_cast<std::size_t>(t) / static_cast<std::size_t>(threads), cuts.back());
    auto nl = body.find('\n', at);
    cuts.push_back(nl == std::string_view::npos ? body.size() : nl + 1);
  }
  cuts.push_back(body.size());
  return cuts;
}

// Whether `all` is valid UTF-8, checked on `threads` threads (slices end at '\n', a character boundary).
bool valid_utf8_parallel(std::string_view all, int threads) {
  const auto cuts = cut_lines(all, threads);
  std::atomic<bool> ok{true};
  auto work = [&](int t) {
    const auto i = static_cast<std::size_t>(t);
    if (!text::valid_utf8(all.substr(cuts[i], cuts[i + 1] - cuts[i]))) ok = false;
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& th : pool) th.join();
  return ok;
}

// Parses `all` (UTF-8 text, header included) on `threads` threads, handing blocks to `sink` in
// file order on this thread; nullopt: the row path's file, or `sink` said stop.
std::optional<CheckedPayments> parse_checked(std::string_view all, int threads, std::size_t block_rows,
                                             const std::function<bool(store::PaymentBlock&&)>& sink) {
  if (all.starts_with("\xEF\xBB\xBF")) all.remove_prefix(3);
  const std::size_t header_end = std::min(all.find('\n'), all.size());
  std::string_view header = all.substr(0, header_end);
  if (!header.empty() && header.back() == '\r') header.remove_suffix(1);
  auto cols = map_checked_header(header);
  if (!cols) return std::nullopt;
  std::string_view body = all.substr(std::min(header_end + 1, all.size()));
  const auto cuts = cut_lines(body, threads);
  std::vector<CheckedSlice> slices(static_cast<std::size_t>(threads));
  std::atomic<bool> refuse{false};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      const auto i = static_cast<std::size_t>(t);
      CheckedParser(*cols, block_rows, refuse, slices[i]).parse(body.substr(cuts[i], cuts[i + 1] - cuts[i]));
    });
  }
  for (auto& slice : slices) {
    while (auto b = slice.pop()) {
      if (refuse) continue;  // drain
      if (!sink(std::move(*b))) refuse = true;
    }
  }
  for (auto& th : pool) th.join();
  if (refuse) return std::nullopt;

  CheckedPayments out;
  for (auto& s : slices) {
    out.rows += s.rows;
    out.voucher_keys.insert(out.voucher_keys.end(), s.voucher_keys.begin(), s.voucher_keys.end());
    std::vector<std::uint64_t>().swap(s.voucher_keys);
  }
  // A voucher twice in the file (or a 64-bit collision): the row path decides and reports.
  std::vector<std::uint64_t> sorted = out.voucher_keys;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) return std::nullopt;
  return out;
}

// Days since 1970-01-01 → "YYYY-MM-DD" (H. Hinnant's civil_from_days), as Date::to_string writes it.
void append_iso(std::string& out, std::int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  JIXIAO_ASSERT(y >= 0 && y <= 9999, "payment date outside years 0–9999");
  const char buf[10] = {static_cast<char>('0' + y / 1000), static_cast<char>('0' + y / 100 % 10),
                        static_cast<char>('0' + y / 10 % 10), static_cast<char>('0' + y % 10), '-',
                        static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10), '-',
                        static_cast<char>('0' + d / 10), static_cast<char>('0' + d % 10)};
  out.append(buf, sizeof buf);
}

}  // namespace

std::uint64_t voucher_key(std::string_view unit_code, int fiscal_year, std::string_view voucher) {
  std::uint64_t h = hash_key(unit_code);
  h = (h ^ static_cast<std::uint64_t>(fiscal_year)) * 0x9E3779B97F4A7C15ull;
  h ^= hash_key(voucher) + 0x632BE59BD9B4E019ull + (h << 6) + (h >> 2);
  return h;
}

Result<std::optional<CheckedPayments>> read_checked_payments(const std::string& path,
                                                             const std::function<bool(store::PaymentBlock&&)>& sink,
                                                             int threads, std::size_t block_rows) {
  MappedFile file;
  JIXIAO_TRY(file.open(path));
  threads = std::max(1, threads);
  std::string_view all = file.view();
  std::string converted;
  if (!all.starts_with("\xEF\xBB\xBF") && !valid_utf8_parallel(all, threads)) {
    // Converted as the row path converts it; bytes that are not GB18030 either: the row path reports them.
    auto utf8 = ingest::to_utf8(std::string(all), path);
    if (!utf8) return std::optional<CheckedPayments>();
    converted = std::move(*utf8);
    all = converted;
  }
  return parse_checked(all, threads, block_rows, sink);
}

struct PaymentsHasher::State {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  std::string buf;
  ~State() { EVP_MD_CTX_free(ctx); }
  void feed(std::string_view v) {
    buf.append(v);
    buf += '\x1f';
  }
  void drain() {
    EVP_DigestUpdate(ctx, buf.data(), buf.size());
    buf.clear();
  }
};

PaymentsHasher::PaymentsHasher() : m_state(std::make_unique<State>()) {
  EVP_DigestInit_ex(m_state->ctx, EVP_sha256(), nullptr);
  m_state->buf.reserve(1 << 20);
  m_state->feed(model::to_string(model::ImportKind::payments));
}

PaymentsHasher::~PaymentsHasher() = default;

void PaymentsHasher::add(const store::PaymentBlock& b) {
  State& st = *m_state;
  std::vector<std::pair<std::string_view, std::string_view>> keys;
  for (const auto& k : b.line_keys) {
    const auto tab = k.find('\t');
    keys.emplace_back(std::string_view(k).substr(0, tab), std::string_view(k).substr(tab + 1));
  }
  const std::string year = std::to_string(b.fiscal_year);
  std::string_view vouchers = b.voucher_numbers;
  char num[24];
  for (std::size_t r = 0; r < b.size(); ++r) {
    const auto nl = vouchers.find('\n');
    const std::string_view entry = vouchers.substr(0, nl);
    vouchers.remove_prefix(nl == std::string_view::npos ? vouchers.size() : nl + 1);
    const auto us = entry.find('\x1f');
    st.feed(keys[b.line_index[r]].first);
    st.feed(year);
    st.feed(keys[b.line_index[r]].second);
    append_iso(st.buf, b.date_days[r]);
    st.buf += '\x1f';
    st.feed(std::string_view(num, static_cast<std::size_t>(std::to_chars(num, num + sizeof num, b.amount_fen[r]).ptr - num)));
    st.feed(b.economic_codes[b.economic_index[r]]);
    st.feed(entry.substr(0, us));
    st.feed(us == std::string_view::npos ? std::string_view() : entry.substr(us + 1));
    if (st.buf.size() > (1 << 20) - 4096) st.drain();
  }
}

std::string PaymentsHasher::finish() {
  State& st = *m_state;
  st.drain();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(st.ctx, digest, &len);
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) {
    hex += k_hex[digest[i] >> 4];
    hex += k_hex[digest[i] & 15];
  }
  return hex;
}

}  // namespace jixiao::ledger
