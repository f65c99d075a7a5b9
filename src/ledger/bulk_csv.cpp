// ledger/bulk_csv.cpp — payments CSV → column blocks, on several threads (ledger/bulk.hpp).
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <memory>
#include <thread>
#include <unordered_map>

#include "ingest/ingest.hpp"
#include "ledger/bulk.hpp"
#include "store/store.hpp"

namespace jixiao::ledger {
namespace {

constexpr std::size_t k_max_errors = 20;

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

// Splits a record; handles quotes. Returns false for an unclosed quote.
bool split_quoted(std::string_view line, std::vector<std::string>& owned, std::vector<std::string_view>& fields) {
  owned.clear();
  fields.clear();
  std::string cur;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cur += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cur += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      owned.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  owned.push_back(std::move(cur));
  for (auto& s : owned) fields.emplace_back(s);
  return !quoted;
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

enum Field { f_unit, f_year, f_line, f_date, f_amount, f_econ, f_voucher, f_count };

struct Columns {
  std::array<int, f_count> index{};  // -1 when absent
  std::array<std::string, f_count> header;
  bool wan = false;
  int width = 0;
};

Result<Columns> map_header(std::string_view header_line, const std::string& path) {
  std::vector<std::string> owned;
  std::vector<std::string_view> cells;
  if (header_line.starts_with("\xEF\xBB\xBF")) header_line.remove_prefix(3);
  split_quoted(header_line, owned, cells);
  const auto& specs = ingest::columns_of(model::ImportKind::payments);
  static const std::array<const char*, f_count> names = {"unit_code", "fiscal_year", "line_code", "date",
                                                         "amount", "economic_code", "voucher_number"};
  Columns c;
  c.index.fill(-1);
  c.width = static_cast<int>(cells.size());
  for (std::size_t col = 0; col < cells.size(); ++col) {
    std::string cell(cells[col]);
    // "支付金额（元）" / "amount(万元)": the unit in brackets says how amounts are written.
    std::string bare = cell;
    for (const char* open : {"（", "("}) {
      auto p = bare.find(open);
      if (p != std::string::npos) bare = bare.substr(0, p);
    }
    for (int f = 0; f < f_count; ++f) {
      bool match = bare == names[static_cast<std::size_t>(f)];
      for (const auto& spec : specs) {
        if (spec.name != names[static_cast<std::size_t>(f)]) continue;
        for (const auto& zh : spec.chinese) match = match || bare == zh;
      }
      if (match && c.index[static_cast<std::size_t>(f)] < 0) {
        c.index[static_cast<std::size_t>(f)] = static_cast<int>(col);
        c.header[static_cast<std::size_t>(f)] = cell;
        if (f == f_amount && cell.find("万元") != std::string::npos) c.wan = true;
      }
    }
  }
  for (int f : {f_unit, f_line, f_date, f_amount}) {
    if (c.index[static_cast<std::size_t>(f)] < 0) {
      return fail(Error::invalid_input(std::string("缺少列 \"") + names[static_cast<std::size_t>(f)] + "\"",
                                       {.file = path, .row = 1}));
    }
  }
  return c;
}

// One bad cell: where (byte offset of its line) and why; the row number is found later.
struct CellError {
  std::size_t offset;
  int field;
  std::string message;
};

// What one thread makes of its slice of the file.
struct Slice {
  std::vector<store::PaymentBlock> blocks;
  std::vector<CellError> errors;
  std::size_t error_count = 0;
  std::size_t rows = 0;
};

class SliceParser {
 public:
  SliceParser(const Columns& c, const BulkOptions& o, Slice& out) : m_c(c), m_o(o), m_out(out) {}

  void parse(std::string_view text, std::size_t base) {
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t nl = text.find('\n', pos);
      if (nl == std::string_view::npos) nl = text.size();
      std::string_view line = text.substr(pos, nl - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!line.empty()) row(line, base + pos);
      pos = nl + 1;
    }
    while (!m_current.empty()) flush(m_current.begin()->first);
  }

 private:
  void error(std::size_t offset, int field, std::string message) {
    ++m_out.error_count;
    if (m_out.errors.size() < k_max_errors) m_out.errors.push_back({offset, field, std::move(message)});
  }

  void row(std::string_view line, std::size_t offset) {
    // Fields by comma; a quote anywhere sends the line to the careful splitter.
    m_fields.clear();
    if (line.find('"') == std::string_view::npos) {
      std::size_t start = 0;
      while (true) {
        std::size_t comma = line.find(',', start);
        if (comma == std::string_view::npos) {
          m_fields.push_back(line.substr(start));
          break;
        }
        m_fields.push_back(line.substr(start, comma - start));
        start = comma + 1;
      }
    } else if (!split_quoted(line, m_owned, m_fields)) {
      error(offset, -1, "引号未闭合");
      return;
    }
    if (m_fields.size() != static_cast<std::size_t>(m_c.width)) {
      return error(offset, -1, "列数不符: 表头 " + std::to_string(m_c.width) + " 列，本行 " + std::to_string(m_fields.size()) + " 列");
    }
    auto cell = [&](int f) -> std::string_view {
      const int i = m_c.index[static_cast<std::size_t>(f)];
      return i >= 0 && static_cast<std::size_t>(i) < m_fields.size() ? m_fields[static_cast<std::size_t>(i)]
                                                                     : std::string_view();
    };
    const std::string_view unit = cell(f_unit), line_code = cell(f_line);
    if (unit.empty()) return error(offset, f_unit, "缺少单位代码");
    if (line_code.empty()) return error(offset, f_line, "缺少项目代码");
    std::int32_t days = 0;
    int date_year = 0;
    if (!fast_date(cell(f_date), days, date_year)) {
      auto d = parse_date(cell(f_date));
      if (!d) return error(offset, f_date, "不是日期: \"" + std::string(cell(f_date)) + "\"");
      days = d->days();
      date_year = d->year();
    }
    std::int64_t fen = 0;
    if (m_c.wan || !fast_fen(cell(f_amount), fen)) {
      auto m = parse_money(cell(f_amount), m_c.wan ? MoneyUnit::wan : MoneyUnit::yuan);
      if (!m) return error(offset, f_amount, m.error().message());
      fen = m->fen();
    }
    int year = date_year;
    if (std::string_view y = cell(f_year); !y.empty()) {
      year = 0;
      for (char ch : y) year = digit(ch) && year < 100000 ? year * 10 + (ch - '0') : -1;
      if (year < 1900 || year > 9999) return error(offset, f_year, "不是年度: \"" + std::string(y) + "\"");
    }
    auto& current = block_for(year);
    store::PaymentBlock& b = current.block;
    m_key.assign(unit);
    m_key += '\t';
    m_key.append(line_code);
    const std::uint32_t li = current.lines.id(m_key);
    const std::uint32_t e = current.econ.id(cell(f_econ));
    b.line_index.push_back(li);
    b.date_days.push_back(days);
    b.amount_fen.push_back(fen);
    b.economic_index.push_back(static_cast<std::uint16_t>(e));
    if (m_o.keep_vouchers) {
      b.voucher_numbers.append(cell(f_voucher));
      b.voucher_numbers += '\n';
    }
    ++m_out.rows;
    if (b.size() >= m_o.block_rows || b.economic_codes.size() >= 65535) flush(year);
  }

  // The block being filled for one year, with its dictionaries.
  struct Current {
    store::PaymentBlock block;
    Dict lines{block.line_keys};
    Dict econ{block.economic_codes};
  };

  Current& block_for(int year) {
    if (m_last && m_last_year == year) return *m_last;
    auto& slot = m_current[year];
    if (!slot) {
      slot = std::make_unique<Current>();
      slot->block.fiscal_year = year;
      slot->block.line_index.reserve(m_o.block_rows);
      slot->block.date_days.reserve(m_o.block_rows);
      slot->block.amount_fen.reserve(m_o.block_rows);
      slot->block.economic_index.reserve(m_o.block_rows);
    }
    m_last = slot.get();
    m_last_year = year;
    return *slot;
  }

  void flush(int year) {
    auto it = m_current.find(year);
    if (it == m_current.end()) return;
    if (it->second->block.size() > 0) m_out.blocks.push_back(std::move(it->second->block));
    m_current.erase(it);
    m_last = nullptr;
  }

  const Columns& m_c;
  const BulkOptions& m_o;
  Slice& m_out;
  std::map<int, std::unique_ptr<Current>> m_current;
  Current* m_last = nullptr;
  int m_last_year = 0;
  std::vector<std::string_view> m_fields;
  std::vector<std::string> m_owned;
  std::string m_key;
};

// A 64-bit hash of the bytes, 8 at a time (identity only, not security).
std::uint64_t hash_bytes(std::string_view s, std::uint64_t seed) {
  std::uint64_t h = seed ^ (s.size() * 0x9E3779B97F4A7C15ull);
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ (w * 0xBF58476D1CE4E5B9ull)) * 0x94D049BB133111EBull;
    h ^= h >> 29;
  }
  for (; i < s.size(); ++i) h = (h ^ static_cast<unsigned char>(s[i])) * 0x100000001B3ull;
  return h ^ (h >> 32);
}

std::string hex64(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace

Result<BulkPayments> read_payments_csv(const std::string& path, const BulkOptions& options) {
  MappedFile file;
  JIXIAO_TRY(file.open(path));
  std::string_view all = file.view();
  const std::size_t header_end = std::min(all.find('\n'), all.size());
  if (all.empty()) return fail(Error::invalid_input("文件为空", {.file = path}));
  std::string_view header = all.substr(0, header_end);
  if (!header.empty() && header.back() == '\r') header.remove_suffix(1);
  auto cols = map_header(header, path);
  if (!cols) return fail(std::move(cols.error()));
  const std::size_t body_start = std::min(header_end + 1, all.size());
  std::string_view body = all.substr(body_start);

  // Slices end at line ends; hashing runs over fixed segments so the hash does not depend
  // on the number of threads.
  const int threads = std::max(1, options.threads);
  std::vector<std::size_t> cuts{0};
  for (int t = 1; t < threads; ++t) {
    std::size_t at = body.size() * static_cast<std::size_t>(t) / static_cast<std::size_t>(threads);
    at = std::max(at, cuts.back());
    auto nl = body.find('\n', at);
    cuts.push_back(nl == std::string_view::npos ? body.size() : nl + 1);
  }
  cuts.push_back(body.size());
  constexpr std::size_t k_segment = 64u << 20;
  const std::size_t segments = (all.size() + k_segment - 1) / k_segment;
  std::vector<std::uint64_t> seg_hash(segments);
  std::vector<Slice> slices(static_cast<std::size_t>(threads));
  auto work = [&](int t) {
    SliceParser parser(*cols, options, slices[static_cast<std::size_t>(t)]);
    parser.parse(body.substr(cuts[static_cast<std::size_t>(t)], cuts[static_cast<std::size_t>(t) + 1] - cuts[static_cast<std::size_t>(t)]),
                 body_start + cuts[static_cast<std::size_t>(t)]);
    for (std::size_t s = static_cast<std::size_t>(t); s < segments; s += static_cast<std::size_t>(threads)) {
      seg_hash[s] = hash_bytes(all.substr(s * k_segment, k_segment), s);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& th : pool) th.join();

  std::size_t error_count = 0;
  for (const auto& s : slices) error_count += s.error_count;
  if (error_count > 0) {
    Error e = Error::invalid_input(std::to_string(error_count) + " 处错误，未导入任何数据", {.file = path});
    std::size_t listed = 0;
    for (const auto& s : slices) {
      for (const auto& ce : s.errors) {
        if (listed++ >= k_max_errors) break;
        const auto row = static_cast<std::int64_t>(std::count(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(ce.offset), '\n') + 1);
        e.add_cause(Error::invalid_input(ce.message, {.file = path, .row = row,
                                                      .column = ce.field >= 0 ? cols->header[static_cast<std::size_t>(ce.field)] : ""}));
      }
    }
    return fail(std::move(e));
  }
  BulkPayments out;
  for (auto& s : slices) {
    out.rows += s.rows;
    for (auto& b : s.blocks) out.blocks.push_back(std::move(b));
  }
  std::string joined;
  for (auto h : seg_hash) joined += hex64(h);
  out.content_hash = "bulk64:" + hex64(hash_bytes(joined, all.size()));
  return out;
}

Result<store::ImportRecord> import_payments_bulk(store::Store& store, const std::string& path, const BulkOptions& options) {
  auto read = read_payments_csv(path, options);
  if (!read) return fail(std::move(read.error()));
  return store.payment_blocks().write_payment_blocks(path, read->content_hash, read->blocks);
}

}  // namespace jixiao::ledger
