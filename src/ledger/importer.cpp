// ledger/importer.cpp — file → checked rows → one transaction.
#include "ledger/importer.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "ingest/ingest.hpp"
#include "store/store.hpp"

namespace jixiao::ledger {
namespace {

std::string key(const std::string& unit, int year, const std::string& code) {
  return unit + '\x1f' + std::to_string(year) + '\x1f' + code;
}

// Checks rows against the store: codes that must exist, codes that must not, vouchers used.
Result<std::vector<Error>> check_against_store(store::LedgerStore& ledger, const ingest::Table& table,
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
      auto u = std::find_if(b.units.begin(), b.units.end(), [&](const auto& x) { return x.code == l.unit_code; });
      if (u == b.units.end() || u->name.empty()) {
        errors.push_back(Error::invalid_input("新单位缺少单位名称: \"" + l.unit_code + "\"", ingest::locate(table, b.kind, rows[i], "unit_name")));
      }
    }
    if (lines.contains(key(l.unit_code, l.fiscal_year, l.code))) {
      errors.push_back(Error::invalid_input(
          "项目已存在: \"" + l.code + "\"（单位 " + l.unit_code + "，" + std::to_string(l.fiscal_year) + " 年度）",
          ingest::locate(table, b.kind, rows[i], "line_code")));
    }
  }

  auto check_line = [&](std::int64_t row, const std::string& unit, int year, const std::string& code) {
    if (!units.contains(unit)) {
      errors.push_back(Error::invalid_input("未知单位代码: \"" + unit + "\"", ingest::locate(table, b.kind, row, "unit_code")));
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
  for (std::size_t i = 0; i < b.adjustments.size(); ++i) {
    const auto& a = b.adjustments[i];
    check_line(rows[i], a.unit_code, a.fiscal_year, a.line_code);
  }
  std::unordered_map<std::string, std::unordered_set<std::string>> used;  // unit+year → vouchers in store
  for (std::size_t i = 0; i < b.payments.size(); ++i) {
    const auto& p = b.payments[i];
    check_line(rows[i], p.unit_code, p.fiscal_year, p.line_code);
    std::string uy = p.unit_code + '\x1f' + std::to_string(p.fiscal_year);
    auto it = used.find(uy);
    if (it == used.end()) {
      auto vouchers = ledger.voucher_numbers(p.unit_code, p.fiscal_year);
      if (!vouchers) return fail(std::move(vouchers.error()));
      it = used.emplace(uy, std::unordered_set<std::string>(vouchers->begin(), vouchers->end())).first;
    }
    if (it->second.contains(p.voucher_number)) {
      errors.push_back(Error::invalid_input("凭证号已导入过: \"" + p.voucher_number + "\"", ingest::locate(table, b.kind, rows[i], "voucher_number")));
    }
  }
  return errors;
}

}  // namespace

Result<ImportOutcome> import_file(store::Store& store, model::ImportKind kind, const std::string& path,
                                  const ImportOptions& options) {
  auto stage = [&](const char* name, std::size_t rows) {
    if (options.on_stage) options.on_stage(name, rows);
  };
  stage("读取", 0);
  auto table = ingest::read_table(path, {.sheet = options.sheet});
  if (!table) return fail(std::move(table.error()));
  if (!options.display_name.empty()) table->file = options.display_name;
  auto parsed = ingest::parse_rows(*table, kind);
  if (!parsed) return fail(std::move(parsed.error()));

  ImportOutcome outcome;
  outcome.rows = parsed->row_numbers.size();
  std::vector<Error> errors = std::move(parsed->errors);
  if (errors.empty()) {
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
  errors.insert(errors.end(), std::make_move_iterator(store_errors->begin()), std::make_move_iterator(store_errors->end()));

  if (!errors.empty()) {
    std::stable_sort(errors.begin(), errors.end(),
                     [](const Error& a, const Error& b) { return a.location().row < b.location().row; });
    Error report = Error::invalid_input(std::to_string(errors.size()) + " 处错误，未导入任何数据",
                                        {table->file, table->sheet, 0, {}, {}});
    for (auto& e : errors) report.add_cause(std::move(e));
    return fail(std::move(report));
  }
  if (options.dry_run == DryRun::yes) {
    outcome.status = ImportStatus::checked;
    return outcome;
  }
  stage("写入", outcome.rows);
  parsed->batch.source_name = table->file;
  auto record = store.ledger().write_import(parsed->batch);
  if (!record) return fail(std::move(record.error()));
  outcome.record = *record;
  return outcome;
}

}  // namespace jixiao::ledger
