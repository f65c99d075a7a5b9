// ledger/importer.cpp — file → checked rows → one transaction.
#include "ledger/importer.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "core/parallel.hpp"
#include "ingest/bulk.hpp"
#include "ingest/ingest.hpp"
#include "ledger/ledger.hpp"
#include "store/store.hpp"

namespace jixiao::ledger {
namespace {

std::string key(const std::string& unit, int year, const std::string& code) {
  return unit + '\x1f' + std::to_string(year) + '\x1f' + code;
}

// Checks rows against the store: codes that must exist, codes that must not, vouchers used.
Result<std::vector<Error>> check_against_store(store::LedgerStore& ledger,
                                               const ingest::Table& table,
                                               const ingest::ParsedRows& parsed) {
  auto keys = ledger.keys();
  if (!keys) return fail(std::move(keys.error()));
  std::unordered_set<std::string> units(keys->unit_codes.begin(), keys->unit_codes.end());
  std::unordered_set<std::string> lines;
  std::unordered_map<std::string, std::vector<int>> line_years;  // unit+code → years
  for (const auto& l : keys->lines) {
    lines.insert(key(l.unit_code, l.fiscal_year, l.line_code));
    line_years[l.unit_code + '\x1f' + l.line_code].push_back(l.fiscal_year);
  }
  std::vector<Error> errors;
  const auto& b = parsed.batch;
  const auto& rows = parsed.row_numbers;

  for (std::size_t i = 0; i < b.lines.size(); ++i) {
    const auto& l = b.lines[i];
    if (!units.contains(l.unit_code)) {
      auto u = std::find_if(b.units.begin(), b.units.end(),
                            [&](const auto& x) { return x.code == l.unit_code; });
      if (u == b.units.end() || u->name.empty()) {
        errors.push_back(Error::invalid_input("新单位缺少单位名称: \"" + l.unit_code + "\"",
                                              ingest::locate(table, b.kind, rows[i], "unit_name")));
      }
    }
    if (lines.contains(key(l.unit_code, l.fiscal_year, l.code))) {
      errors.push_back(Error::invalid_input("项目已存在: \"" + l.code + "\"（单位 " + l.unit_code +
                                                "，" + std::to_string(l.fiscal_year) + " 年度）",
                                            ingest::locate(table, b.kind, rows[i], "line_code")));
    }
  }

  auto check_line = [&](std::int64_t row, const std::string& unit, int year,
                        const std::string& code) {
    if (!units.contains(unit)) {
      errors.push_back(Error::invalid_input("未知单位代码: \"" + unit + "\"",
                                            ingest::locate(table, b.kind, row, "unit_code")));
      return;
    }
    if (lines.contains(key(unit, year, code))) return;
    auto other = line_years.find(unit + '\x1f' + code);
    if (other != line_years.end()) {
      std::string years;
      for (int y : other->second) years += (years.empty() ? "" : "、") + std::to_string(y);
      errors.push_back(Error::invalid_input(
          "项目 \"" + code + "\" 属于 " + years + " 年度，不是 " + std::to_string(year) + " 年度",
          ingest::locate(table, b.kind, row, "line_code")));
      return;
    }
    errors.push_back(Error::invalid_input(
        "未知项目代码: \"" + code + "\"（单位 " + unit + "，" + std::to_string(year) + " 年度）",
        ingest::locate(table, b.kind, row, "line_code")));
  };
  // A budget file's adjustments are of its own lines (checked above as new lines).
  for (std::size_t i = 0; i < b.adjustments.size() && b.kind == model::ImportKind::adjustments;
       ++i) {
    const auto& a = b.adjustments[i];
    check_line(rows[i], a.unit_code, a.fiscal_year, a.line_code);
  }
  for (std::size_t i = 0; i < b.commitments.size(); ++i) {
    const auto& c = b.commitments[i];
    check_line(rows[i], c.unit_code, c.fiscal_year, c.line_code);
  }
  std::unordered_map<std::string, std::unordered_set<std::string>>
      used;  // unit+year → vouchers in store
  for (std::size_t i = 0; i < b.payments.size(); ++i) {
    const auto& p = b.payments[i];
    check_line(rows[i], p.unit_code, p.fiscal_year, p.line_code);
    std::string uy = p.unit_code + '\x1f' + std::to_string(p.fiscal_year);
    auto it = used.find(uy);
    if (it == used.end()) {
      auto vouchers = ledger.voucher_numbers(p.unit_code, p.fiscal_year);
      if (!vouchers) return fail(std::move(vouchers.error()));
      it = used.emplace(uy, std::unordered_set<std::string>(vouchers->begin(), vouchers->end()))
               .first;
    }
    if (it->second.contains(p.voucher_number)) {
      errors.push_back(
          Error::invalid_input("凭证号已导入过: \"" + p.voucher_number + "\"",
                               ingest::locate(table, b.kind, rows[i], "voucher_number")));
    }
  }
  return errors;
}

// Refuses the row at which a year's amounts, as stored plus this file's, would leave the range
// every total across imports relies on (Ledger::amount_magnitude), so that a file cannot make
// the year's summary, monitoring, dashboards and reports fail. One error per year at most.
Result<std::vector<Error>> check_amount_range(store::Store& store, const ingest::Table& table,
                                              const ingest::ParsedRows& parsed) {
  const auto& b = parsed.batch;
  const auto& rows = parsed.row_numbers;
  std::unordered_map<int, __int128> magnitude;  // year → sum of |amount| so far
  std::unordered_set<int> refused;
  std::vector<Error> errors;
  auto add = [&](int year, std::int64_t fen, std::size_t i, const char* field) -> Result<void> {
    if (refused.contains(year)) return {};
    auto it = magnitude.find(year);
    if (it == magnitude.end()) {
      auto ledger =
          Ledger::load(store, year);  // Error::conflict when the year is out of range already
      if (!ledger) return fail(std::move(ledger.error()));
      auto stored = ledger->amount_magnitude();
      if (!stored) return fail(std::move(stored.error()));
      it = magnitude.emplace(year, *stored).first;
    }
    it->second += fen < 0 ? -static_cast<__int128>(fen) : static_cast<__int128>(fen);
    if (it->second <= std::numeric_limits<std::int64_t>::max()) return {};
    refused.insert(year);
    errors.push_back(Error::invalid_input(
        "导入后 " + std::to_string(year) + " 年度全部金额的绝对值之和将超过 " +
            format_yuan(Money::from_fen(std::numeric_limits<std::int64_t>::max()),
                        Grouping::thousands) +
            " 元，台账的合计会溢出: " + format_yuan(Money::from_fen(fen), Grouping::thousands),
        ingest::locate(table, b.kind, rows[i], field)));
    return {};
  };
  switch (b.kind) {
    case model::ImportKind::budget: {
      // A budget file's adjustments (its 调整数 column) count with their line's row.
      std::unordered_map<std::string, std::int64_t> adjustment;
      for (const auto& a : b.adjustments)
        adjustment[key(a.unit_code, a.fiscal_year, a.line_code)] = a.amount.fen();
      for (std::size_t i = 0; i < b.lines.size(); ++i) {
        const auto& l = b.lines[i];
        JIXIAO_TRY(add(l.fiscal_year, l.initial_budget.fen(), i, "initial_budget"));
        auto a = adjustment.find(key(l.unit_code, l.fiscal_year, l.code));
        if (a != adjustment.end()) JIXIAO_TRY(add(l.fiscal_year, a->second, i, "initial_budget"));
      }
      break;
    }
    case model::ImportKind::adjustments:
      for (std::size_t i = 0; i < b.adjustments.size(); ++i) {
        JIXIAO_TRY(add(b.adjustments[i].fiscal_year, b.adjustments[i].amount.fen(), i, "amount"));
      }
      break;
    case model::ImportKind::payments:
      for (std::size_t i = 0; i < b.payments.size(); ++i) {
        JIXIAO_TRY(add(b.payments[i].fiscal_year, b.payments[i].amount.fen(), i, "amount"));
      }
      break;
    case model::ImportKind::commitments:
      for (std::size_t i = 0; i < b.commitments.size(); ++i) {
        JIXIAO_TRY(add(b.commitments[i].fiscal_year, b.commitments[i].amount.fen(), i, "amount"));
      }
      break;
  }
  return errors;
}

bool is_big_payments_csv(model::ImportKind kind, const std::string& path,
                         const ImportOptions& options) {
  if (kind != model::ImportKind::payments || !options.sheet.empty() || options.profile)
    return false;
  // A mapping, header row or unit given by hand: the row path applies them.
  if (!options.layout.mapping.empty() || options.layout.header_row || options.layout.amount_unit)
    return false;
  if (path.ends_with(".xlsx") || path.ends_with(".XLSX")) return false;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || size < options.block_threshold_bytes) return false;
  char magic[4] = {};
  std::ifstream(path, std::ios::binary).read(magic, 4);
  return std::string_view(magic, 4) != std::string_view("PK\x03\x04", 4);
}

// The block path: a big payments CSV read on several threads into column blocks, each block
// checked against the store and written (inside one transaction) while the rest of the file is
// still being read; the content hash is computed while reading. nullopt when the file needs the
// row path — any row the row path would report, and any check against the store that fails
// (unknown unit or line, line of another year, voucher already imported): the transaction is
// rolled back and the row path reads the file and writes the report, so every message comes
// from one piece of code.
Result<std::optional<ImportOutcome>> import_blocks(store::Store& store, const std::string& path,
                                                   const std::string& name,
                                                   const ImportOptions& options) {
  auto keys = store.ledger().keys();
  if (!keys) return fail(std::move(keys.error()));
  // Payments may be of the store's lines only (others: the row path reports them).
  std::vector<ingest::KnownLine> lines;
  lines.reserve(keys->lines.size());
  for (const auto& l : keys->lines) lines.push_back({l.fiscal_year, l.unit_code, l.line_code});
  std::unordered_map<int, std::vector<std::uint64_t>>
      used;  // year → voucher keys in the store, sorted

  std::unique_ptr<store::PaymentBlockWriter> writer;
  if (options.dry_run == DryRun::no) {
    auto begun = store.payment_blocks().begin_payment_blocks();
    if (!begun) return fail(std::move(begun.error()));
    writer = std::move(*begun);
  }
  std::optional<Error> failure;
  // A voucher already in the store: the same file imported before (found by its hash at the
  // end, so reading goes on without writing), or an error the row path reports.
  bool voucher_used = false;
  std::set<std::string> units;
  auto sink = [&](model::PaymentBlock&& b, std::span<const std::uint64_t> voucher_keys) -> bool {
    for (const auto& k : b.line_keys) units.insert(k.substr(0, k.find('\t')));
    auto it = used.find(b.fiscal_year);
    if (it == used.end()) {
      std::vector<std::uint64_t> keys_of_year;
      auto visited = store.payment_blocks().visit_vouchers(
          b.fiscal_year, [&](std::string_view unit, std::string_view voucher) {
            keys_of_year.push_back(ingest::voucher_key(unit, b.fiscal_year, voucher));
          });
      if (!visited) {
        failure = std::move(visited.error());
        return false;
      }
      std::sort(keys_of_year.begin(), keys_of_year.end());
      it = used.emplace(b.fiscal_year, std::move(keys_of_year)).first;
    }
    if (!voucher_used && !it->second.empty()) {
      for (std::uint64_t key : voucher_keys) {
        if (std::binary_search(it->second.begin(), it->second.end(), key)) {
          voucher_used = true;
          break;
        }
      }
    }
    if (writer && !voucher_used) {
      auto added = writer->add(b);
      if (!added) {
        failure = std::move(added.error());
        return false;
      }
    }
    return true;
  };
  ingest::PaymentReadOptions read_options;
  read_options.threads = static_cast<int>(parallel::hardware_threads(8));
  read_options.block_rows = options.block_rows;
  read_options.content_hash = true;
  read_options.known_lines = &lines;
  read_options.year = options.layout.year;
  read_options.file_name = name;
  auto read = ingest::read_checked_payments(path, sink, read_options);
  if (!read) return fail(std::move(read.error()));
  if (failure) return fail(std::move(*failure));
  if (!*read) return std::optional<ImportOutcome>();  // the writer rolls back

  ImportOutcome outcome;
  outcome.rows = (*read)->rows;
  outcome.plan = std::move((*read)->plan);
  outcome.unit_codes.assign(units.begin(), units.end());
  const std::string& hash = (*read)->content_hash;
  auto earlier = store.ledger().find_import(hash);
  if (!earlier) return fail(std::move(earlier.error()));
  if (*earlier) {
    outcome.status = ImportStatus::already_imported;
    outcome.record = **earlier;
    return outcome;
  }
  if (voucher_used) return std::optional<ImportOutcome>();
  if (options.on_stage) options.on_stage("校验", outcome.rows);
  if (!writer) {
    outcome.status = ImportStatus::checked;
    return outcome;
  }
  if (options.on_stage) options.on_stage("写入", outcome.rows);
  auto record = writer->commit(name, hash);
  if (!record) return fail(std::move(record.error()));
  outcome.record = *record;
  return outcome;
}

}  // namespace

Result<ImportOutcome> import_file(store::Store& store, model::ImportKind kind,
                                  const std::string& path, const ImportOptions& options) {
  auto stage = [&](const char* name, std::size_t rows) {
    if (options.on_stage) options.on_stage(name, rows);
  };
  stage("读取", 0);
  if (is_big_payments_csv(kind, path, options)) {
    auto blocks = import_blocks(
        store, path, options.display_name.empty() ? path : options.display_name, options);
    if (!blocks) return fail(std::move(blocks.error()));
    if (*blocks) return std::move(**blocks);
  }
  auto table = ingest::read_table(path, {.sheet = options.sheet});
  if (!table) return fail(std::move(table.error()));
  if (!options.display_name.empty()) table->file = options.display_name;
  const ingest::LayoutOptions layout =
      options.profile ? layout_of(*options.profile, options.layout.year) : options.layout;
  std::int64_t header_found =
      0;  // a profile's file: where its header is, found as without a profile
  if (options.profile) {
    std::vector<std::vector<std::string>> top{table->header};
    for (std::size_t r = 0; r < table->rows.size() && top.size() < 30; ++r)
      top.push_back(table->rows[r]);
    const std::size_t h = ingest::find_header_row(top, kind, layout.mapping);
    header_found = h == 0 ? table->header_row : table->row_numbers[h - 1];
  }
  auto plan = ingest::shape_table(*table, kind, layout);
  if (!plan) return fail(std::move(plan.error()));
  if (options.profile)
    JIXIAO_TRY(check_fits(*options.profile, *plan, options.layout.year, header_found));
  auto parsed = ingest::parse_rows(*table, kind);
  if (!parsed) return fail(std::move(parsed.error()));

  ImportOutcome outcome;
  outcome.rows = parsed->row_numbers.size();
  outcome.adjustments = kind == model::ImportKind::budget ? parsed->batch.adjustments.size() : 0;
  {
    const auto& b = parsed->batch;
    std::set<std::string> units;
    for (const auto& l : b.lines) units.insert(l.unit_code);
    for (const auto& a : b.adjustments) units.insert(a.unit_code);
    for (const auto& p : b.payments) units.insert(p.unit_code);
    for (const auto& c : b.commitments) units.insert(c.unit_code);
    outcome.unit_codes.assign(units.begin(), units.end());
  }
  std::vector<Error> errors = std::move(plan->errors);
  errors.insert(errors.end(), std::make_move_iterator(parsed->errors.begin()),
                std::make_move_iterator(parsed->errors.end()));
  plan->errors.clear();
  outcome.plan = std::move(*plan);
  // Commitment balances are upserted by (line, contract, date), not logged as an import:
  // importing the same balances again changes nothing and says so.
  const bool balances = kind == model::ImportKind::commitments;
  if (errors.empty() && !balances) {
    auto earlier = store.ledger().find_import(parsed->batch.content_hash);
    if (!earlier) return fail(std::move(earlier.error()));
    if (*earlier) {
      outcome.status = ImportStatus::already_imported;
      outcome.record = **earlier;
      return outcome;
    }
  }
  stage("校验", table->rows.size());
  auto store_errors = check_against_store(store.ledger(), *table, *parsed);
  if (!store_errors) return fail(std::move(store_errors.error()));
  errors.insert(errors.end(), std::make_move_iterator(store_errors->begin()),
                std::make_move_iterator(store_errors->end()));
  if (errors.empty()) {
    auto range_errors = check_amount_range(store, *table, *parsed);
    if (!range_errors) return fail(std::move(range_errors.error()));
    errors = std::move(*range_errors);
  }

  if (!errors.empty()) {
    std::stable_sort(errors.begin(), errors.end(), [](const Error& a, const Error& b) {
      return a.location().row < b.location().row;
    });
    std::string message = std::to_string(errors.size()) + " 处错误，未导入任何数据";
    if (errors.size() > ingest::k_max_error_causes)
      message += "（只列出前 " + std::to_string(ingest::k_max_error_causes) + " 处）";
    Error report = Error::invalid_input(std::move(message), {table->file, table->sheet, 0, {}, {}});
    if (errors.size() > ingest::k_max_error_causes)
      errors.erase(errors.begin() + ingest::k_max_error_causes, errors.end());
    for (auto& e : errors) report.add_cause(std::move(e));
    return fail(std::move(report));
  }
  if (options.dry_run == DryRun::yes) {
    outcome.status = ImportStatus::checked;
    return outcome;
  }
  stage("写入", outcome.rows);
  parsed->batch.source_name = table->file;
  if (balances) {
    auto changed = store.ledger().write_commitments(parsed->batch.commitments);
    if (!changed) return fail(std::move(changed.error()));
    if (*changed == 0) outcome.status = ImportStatus::already_imported;
    outcome.record.kind = kind;
    outcome.record.source_name = table->file;
    outcome.record.content_hash = parsed->batch.content_hash;
    outcome.record.rows = *changed;
    return outcome;
  }
  auto record = store.ledger().write_import(parsed->batch);
  if (!record) return fail(std::move(record.error()));
  outcome.record = *record;
  return outcome;
}

}  // namespace jixiao::ledger
