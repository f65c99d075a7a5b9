// cli/commands/import.cpp — `jixiao import budget|adjustments|payments|commitments FILE`.
#include <charconv>
#include <iostream>

#include "cli/commands/commands.hpp"
#include "cli/progress.hpp"
#include "ledger/import_plan_json.hpp"
#include "ledger/importer.hpp"
#include "store/store.hpp"

namespace jixiao::cli {
namespace {

int run_import(Context& ctx, const Args& args) {
  auto kind = model::parse_import_kind(args.positional[0]);
  if (!kind) {
    ctx.err << "jixiao: 导入类型应为 budget、adjustments、payments 或 commitments: \"" << args.positional[0] << "\"\n";
    return 2;
  }
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  const std::string& path = args.positional[1];
  ledger::ImportOptions options;
  options.sheet = args.get_or("sheet", "");
  options.dry_run = args.has("dry-run") ? ledger::DryRun::yes : ledger::DryRun::no;
  if (args.has("year")) {
    const std::string y = args.get_or("year", "");
    int year = 0;
    auto [p, ec] = std::from_chars(y.data(), y.data() + y.size(), year);
    if (ec != std::errc() || p != y.data() + y.size() || year < 1900 || year > 2999) {
      ctx.err << "jixiao: --year 应为年份（如 2023）: \"" << y << "\"\n";
      return 2;
    }
    options.layout.year = year;
  }
  if (args.has("map")) {
    auto mapping = ingest::read_column_map(args.get_or("map", ""), *kind);
    if (!mapping) return report(ctx, mapping.error());
    options.layout.mapping = std::move(*mapping);
  }
  const bool json = args.get_or("format", "text") == "json";
  Result<ledger::ImportOutcome> outcome = [&] {
    Progress progress("导入 " + path);
    options.on_stage = [&](const std::string& stage, std::size_t rows) { progress.stage(stage, rows); };
    return ledger::import_file(**store, *kind, path, options);
  }();
  if (!outcome) return report(ctx, outcome.error());
  if (json) {
    ctx.out << ledger::plan_to_json(outcome->plan) << "\n";
  } else if (options.dry_run == ledger::DryRun::yes || !outcome->plan.skipped.empty() || outcome->plan.header_row != 1 ||
             !outcome->plan.totals.empty() || outcome->plan.year) {
    // What was found in the file, whenever it is more than a plain header on row 1.
    ctx.out << "读取 " << path << ":\n" << ledger::plan_to_text(outcome->plan);
    if (outcome->adjustments) ctx.out << "  预算调整: " << outcome->adjustments << " 行（来自调整数列）\n";
  }
  if (json) return 0;
  switch (outcome->status) {
    case ledger::ImportStatus::imported:
      if (*kind == model::ImportKind::commitments) {
        ctx.out << "已导入 " << path << ": " << outcome->rows << " 行合同余额，其中新增或变更 " << outcome->record.rows << " 行\n";
      } else {
        ctx.out << "已导入 " << path << ": " << outcome->rows << " 行（导入批次 " << outcome->record.id << "）\n";
      }
      break;
    case ledger::ImportStatus::already_imported:
      if (*kind == model::ImportKind::commitments) {
        ctx.out << "未变更: " << path << " 的 " << outcome->rows << " 行合同余额与已有数据相同\n";
        break;
      }
      ctx.out << "未导入: " << path << " 的内容已于 " << outcome->record.imported_at << " 导入过（导入批次 "
              << outcome->record.id << "，" << outcome->record.rows << " 行），没有新数据\n";
      break;
    case ledger::ImportStatus::checked:
      ctx.out << "检查通过: " << path << ": " << outcome->rows << " 行（--dry-run，未写入）\n";
      break;
  }
  return 0;
}

}  // namespace

void register_import(Registry& registry) {
  registry.add({.path = {"import"},
                .summary = "导入预算、预算调整、支付明细或合同未付余额（CSV 或 XLSX，中文或英文表头；有错则整批不导入）",
                .usage = "budget|adjustments|payments|commitments FILE [--sheet NAME] [--year Y] [--map FILE] [--dry-run] [--format text|json]",
                .options = {{"sheet", "NAME", "XLSX / .xls 工作表名称（默认第一个）"},
                            {"year", "Y", "文件没有年度列时的预算年度（默认取标题、文件名或日期中的年份）"},
                            {"map", "FILE", "列映射：两列 CSV（文件中的表头,字段名），用于规则认不出的表头"},
                            {"dry-run", "", "只检查并显示导入计划（表头行、列映射、跳过的行、合计核对、年度），不写入"},
                            {"format", "text|json", "json: 输出导入计划的 JSON（与 POST /api/imports 相同）"}},
                .min_positional = 2,
                .max_positional = 2,
                .run = run_import});
}

}  // namespace jixiao::cli
