// ingest/bulk_budget.cpp — big budget and adjustment CSVs read by ingest's rules on several
// threads (ingest/bulk.hpp: read_checked_rows), or left to the row path.
#include <atomic>

#include "core/encoding.hpp"
#include "core/parallel.hpp"
#include "ingest/bulk.hpp"
#include "ingest/csv_scan_internal.hpp"
#include "ingest/ingest.hpp"

namespace jixiao::ingest {
namespace {

using namespace csv;
using namespace keys;

// The column of each field of `kind` that this reader reads, by its ColumnSpec name.
struct Fields {
  std::vector<int> index;  // per ColumnSpec of the kind
  std::vector<bool> wan;
  int at(model::ImportKind kind, std::string_view name) const {
    const auto& specs = ingest::columns_of(kind);
    for (std::size_t s = 0; s < specs.size(); ++s) {
      if (specs[s].name == name) return index[s];
    }
    return -1;
  }
  bool wan_of(model::ImportKind kind, std::string_view name) const {
    const auto& specs = ingest::columns_of(kind);
    for (std::size_t s = 0; s < specs.size(); ++s) {
      if (specs[s].name == name) return wan[s];
    }
    return false;
  }
};

// One piece of the file read: its rows, and the units in the order they first appear in it.
struct Piece {
  std::vector<model::BudgetLine> lines;
  std::vector<model::Adjustment> adjustments;
  std::vector<model::Unit> units;  // code, first non-empty name, parent of the first row
  bool refused = false;
};

class PieceReader {
 public:
  PieceReader(model::ImportKind kind, const Header& h) : m_kind(kind) {
    Fields f{h.index, h.wan};
    auto col = [&](const char* name) { return f.at(kind, name); };
    m_unit = col("unit_code");
    m_year = col("fiscal_year");
    m_line = col("line_code");
    if (kind == model::ImportKind::budget) {
      m_unit_name = col("unit_name");
      m_parent = col("parent_code");
      m_line_name = col("line_name");
      m_kind_col = col("kind");
      m_function = col("function_code");
      m_econ = col("economic_code");
      m_fund = col("fund_source");
      m_amount = col("initial_budget");
      m_wan = f.wan_of(kind, "initial_budget");
    } else {
      m_date = col("date");
      m_amount = col("amount");
      m_wan = f.wan_of(kind, "amount");
      m_document = col("document_number");
      m_reason = col("reason");
    }
  }

  void read(std::string_view text, const std::atomic<bool>& refuse, Piece& out) {
    std::vector<std::string> owned;
    std::vector<std::string_view> views;
    std::size_t count = 0;
    const bool ok = for_each_record(
        text, [&](const std::string_view* fields, int n, std::string_view line) -> bool {
          if ((++count & 1023) == 0 && refuse.load(std::memory_order_relaxed)) return false;
          bool clean = n >= 0;
          if (!clean) {
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            if (line.find('\r') != std::string_view::npos)
              return false;                                        // a lone CR ends a record there
            if (!split_like_parse_csv(line, owned)) return false;  // a field spanning lines
            if (std::all_of(owned.begin(), owned.end(), [](const auto& f) { return f.empty(); }))
              return true;  // blank
            views.assign(owned.begin(), owned.end());
            fields = views.data();
            n = static_cast<int>(views.size());
          }
          m_fields = fields;
          m_count = n;
          if (cell(m_unit).empty()) {
            // Blank (every cell empty) is skipped as parse_csv skips it; else the unit is missing.
            if (!clean) return false;
            for (int k = 0; k < n; ++k) {
              if (!trim_cell(fields[k]).empty()) return false;
            }
            return true;
          }
          return m_kind == model::ImportKind::budget ? budget_row(out) : adjustment_row(out);
        });
    if (!ok) out.refused = true;
  }

 private:
  std::string_view cell(int col) const {
    return col >= 0 && col < m_count ? trim_cell(m_fields[col]) : std::string_view();
  }

  bool budget_row(Piece& out) {
    model::BudgetLine l;
    const std::string_view unit = cell(m_unit), code = cell(m_line), name = cell(m_line_name),
                           kind = cell(m_kind_col);
    const std::string_view function = cell(m_function), year_text = cell(m_year),
                           amount = cell(m_amount);
    if (code.empty() || name.empty() || kind.empty() || function.empty() || year_text.empty() ||
        amount.empty())
      return false;
    if (!read_year(year_text, l.fiscal_year)) return false;
    auto k = model::parse_expenditure_kind(kind);
    if (!k) return false;
    std::int64_t fen = 0;
    if (!read_amount(amount, m_wan, fen)) return false;
    l.unit_code = unit;
    l.code = code;
    l.name = name;
    l.kind = *k;
    l.function_code = function;
    l.economic_code = cell(m_econ);
    const std::string_view fund = cell(m_fund);
    l.fund_source = fund.empty() ? k_default_fund_source : fund;
    l.initial_budget = Money::from_fen(fen);
    // The unit, as parse_rows keeps it: its first row's parent, its first non-empty name.
    const std::string_view unit_name = cell(m_unit_name);
    if (m_last_unit != SIZE_MAX && out.units[m_last_unit].code == unit) {
      if (out.units[m_last_unit].name.empty() && !unit_name.empty())
        out.units[m_last_unit].name = unit_name;
    } else {
      bool added = false;
      const std::uint32_t id = m_units.id(hash_key(unit), 0, unit, {}, false, added);
      if (added) {
        out.units.push_back(
            {std::string(unit), std::string(unit_name), std::string(cell(m_parent))});
      } else if (out.units[id].name.empty() && !unit_name.empty()) {
        out.units[id].name = unit_name;
      }
      m_last_unit = id;
    }
    out.lines.push_back(std::move(l));
    return true;
  }

  bool adjustment_row(Piece& out) {
    model::Adjustment a;
    const std::string_view line = cell(m_line), date = cell(m_date), amount = cell(m_amount),
                           year_text = cell(m_year);
    if (line.empty() || date.empty() || amount.empty()) return false;
    int year = 0, date_year = 0;
    if (!year_text.empty() && !read_year(year_text, year)) return false;
    std::int32_t days = 0;
    bool iso = false;
    if (!read_date(date, days, date_year, iso)) return false;
    if (year != 0 && year != date_year) return false;  // 调整日期 not in the year
    std::int64_t fen = 0;
    if (!read_amount(amount, m_wan, fen)) return false;
    a.unit_code = cell(m_unit);
    a.fiscal_year = year != 0 ? year : date_year;
    a.line_code = line;
    a.date = Date::from_days(days);
    a.amount = Money::from_fen(fen);
    a.document_number = cell(m_document);
    a.reason = cell(m_reason);
    out.adjustments.push_back(std::move(a));
    return true;
  }

  model::ImportKind m_kind;
  int m_unit = -1, m_year = -1, m_line = -1, m_unit_name = -1, m_parent = -1, m_line_name = -1,
      m_kind_col = -1;
  int m_function = -1, m_econ = -1, m_fund = -1, m_amount = -1, m_date = -1, m_document = -1,
      m_reason = -1;
  bool m_wan = false;
  const std::string_view* m_fields = nullptr;
  int m_count = 0;
  InlineDict m_units;  // unit code → index in Piece::units
  std::size_t m_last_unit = SIZE_MAX;
};

}  // namespace

Result<std::optional<model::ImportBatch>> read_checked_rows(const std::string& path,
                                                            model::ImportKind kind, int threads,
                                                            bool content_hash) {
  if (kind != model::ImportKind::budget && kind != model::ImportKind::adjustments)
    return std::optional<model::ImportBatch>();
  threads = std::max(1, threads);
  MappedFile file;
  JIXIAO_TRY(file.open(path));
  std::string_view all = file.view();
  if (all.starts_with("PK\x03\x04"))
    return std::optional<model::ImportBatch>();  // XLSX: the row path's
  std::vector<Piece> pieces;
  // Reads `text` in pieces on the threads, each piece checked to be UTF-8 first when `check`.
  enum class Read { ok, refused, not_utf8 };
  auto read = [&](std::string_view text, bool check) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    const std::size_t header_end = std::min(text.find('\n'), text.size());
    std::string_view header = text.substr(0, header_end);
    if (check && !valid_utf8_fast(header)) return Read::not_utf8;
    if (!header.empty() && header.back() == '\r') header.remove_suffix(1);
    auto h = map_header(header, kind);
    if (!h) return Read::refused;
    // A budget file's 调整数 / 调整后预算数 columns become adjustment rows: the row path's.
    if (kind == model::ImportKind::budget) {
      for (std::string_view f : {"adjustment", "adjusted_budget"}) {
        if (h->index[static_cast<std::size_t>(ingest::field_index(kind, f))] >= 0)
          return Read::refused;
      }
    }
    const std::string_view body = text.substr(std::min(header_end + 1, text.size()));
    const auto cuts = cut_chunks(
        body, std::max<std::size_t>(body.size() / static_cast<std::size_t>(threads) + 1, 1 << 16));
    pieces.assign(cuts.size() - 1, Piece{});
    std::atomic<bool> refuse{false}, not_utf8{false};
    auto work = [&](std::size_t i) {
      const std::string_view piece = body.substr(cuts[i], cuts[i + 1] - cuts[i]);
      if (check && !valid_utf8_fast(piece)) {
        not_utf8 = true;
        refuse = true;
        return;
      }
      PieceReader(kind, *h).read(piece, refuse, pieces[i]);
      if (pieces[i].refused) refuse = true;
    };
    parallel::each_on_thread(pieces.size(), work);
    return not_utf8 ? Read::not_utf8 : refuse ? Read::refused : Read::ok;
  };
  Read r = read(all, !all.starts_with("\xEF\xBB\xBF"));
  std::string converted;
  if (r == Read::not_utf8) {
    // Converted as the row path converts it; bytes that are not GB18030 either: the row path
    // reports them.
    auto utf8 = text::to_utf8(std::string(all), path);
    if (!utf8) return std::optional<model::ImportBatch>();
    converted = std::move(*utf8);
    r = read(converted, false);
  }
  if (r != Read::ok) return std::optional<model::ImportBatch>();

  // Amounts whose absolute values add up past 64-bit 分: the row path names the rows.
  __int128 abs_sum = 0;
  for (const auto& p : pieces) {
    for (const auto& l : p.lines)
      abs_sum += l.initial_budget.is_negative() ? -static_cast<__int128>(l.initial_budget.fen())
                                                : l.initial_budget.fen();
    for (const auto& a : p.adjustments)
      abs_sum += a.amount.is_negative() ? -static_cast<__int128>(a.amount.fen()) : a.amount.fen();
  }
  if (abs_sum > INT64_MAX) return std::optional<model::ImportBatch>();

  model::ImportBatch batch;
  batch.kind = kind;
  batch.source_name = path;
  std::size_t rows = 0;
  for (const auto& p : pieces) rows += p.lines.size() + p.adjustments.size();
  if (kind == model::ImportKind::budget) {
    batch.lines.reserve(rows);
    InlineDict units,
        lines(rows);  // units of the file → index in batch.units; (year, unit '\t' line) seen
    for (auto& p : pieces) {
      for (auto& u : p.units) {
        bool added = false;
        const std::uint32_t id = units.id(hash_key(u.code), 0, u.code, {}, false, added);
        if (added) {
          batch.units.push_back(std::move(u));
        } else if (batch.units[id].name.empty() && !u.name.empty()) {
          batch.units[id].name = std::move(u.name);
        }
      }
      for (auto& l : p.lines) {
        bool added = false;
        lines.id(mix_hash(hash_key(l.unit_code), hash_key(l.code), l.fiscal_year), l.fiscal_year,
                 l.unit_code, l.code, true, added);
        if (!added)
          return std::optional<model::ImportBatch>();  // 项目代码重复: the row path reports it
        batch.lines.push_back(std::move(l));
      }
    }
  } else {
    batch.adjustments.reserve(rows);
    for (auto& p : pieces) {
      for (auto& a : p.adjustments) batch.adjustments.push_back(std::move(a));
    }
  }
  if (content_hash) batch.content_hash = ingest::content_hash(batch);
  return std::optional<model::ImportBatch>(std::move(batch));
}

}  // namespace jixiao::ingest
