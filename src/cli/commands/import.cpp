// cli/commands/import.cpp — `jixiao import budget|adjustments|payments|commitments FILE`.
#include <iostream>

#include "cli/commands/commands.hpp"
#include "cli/progress.hpp"
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
  Result<ledger::ImportOutcome> outcome = [&] {
    Progress progress("导入 " + path);
    options.on_stage = [&](const std::string& stage, std::size_t rows) { progress.stage(stage, rows); };
    return ledger::import_file(**store, *kind, path, options);
  }();
  if (!outcome) return report(ctx, outcome.error());
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
                .usage = "budget|adjustments|payments|commitments FILE [--sheet NAME] [--dry-run]",
                .options = {{"sheet", "NAME", "XLSX 工作表名称（默认第一个）"},
                            {"dry-run", "", "只检查，不写入"}},
                .min_positional = 2,
                .max_positional = 2,
                .run = run_import});
}

}  // namespace jixiao::cli
