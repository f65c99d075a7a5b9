// cli/commands/import.cpp — `jixiao import budget|adjustments|payments|commitments FILE`.
#include <iostream>

#include "cli/commands/commands.hpp"
#include "cli/progress.hpp"
#include "ingest/import_plan_json.hpp"
#include "ledger/importer.hpp"
#include "store/store.hpp"

namespace jixiao::cli {
namespace {

// The profile `name` of `unit`, or (no --unit) the only unit's profile of that name.
Result<ledger::ImportProfile> load_profile(store::Store& store, const std::string& name,
                                           const std::string& unit, model::ImportKind kind) {
  std::vector<store::ImportProfile> found;
  if (!unit.empty()) {
    auto one = store.import_profiles().import_profile(unit, name);
    if (!one) return fail(std::move(one.error()));
    if (*one) found.push_back(std::move(**one));
  } else {
    auto all = store.import_profiles().import_profiles(name);
    if (!all) return fail(std::move(all.error()));
    found = std::move(*all);
  }
  if (found.empty()) {
    auto all = store.import_profiles().import_profiles();
    if (!all) return fail(std::move(all.error()));
    std::string names;
    for (const auto& p : *all)
      names += (names.empty() ? "" : "、") + p.name + "（" + p.unit_code + "）";
    return fail(Error::not_found(
        "没有导入配置 \"" + name + "\"" + (unit.empty() ? std::string() : "（单位 " + unit + "）") +
        "；已有: " + (names.empty() ? std::string("无") : names) + "。用 --save-profile 保存"));
  }
  if (found.size() > 1) {
    std::string units;
    for (const auto& p : found) units += (units.empty() ? "" : "、") + p.unit_code;
    return fail(Error::invalid_input("多个单位有导入配置 \"" + name + "\"（" + units +
                                     "）；请用 --unit 指定单位"));
  }
  return ledger::profile_from_json(found.front().definition, kind, name);
}

// Keeps the plan that worked as the profile `name` of `unit`, else of the one unit of the rows.
Result<void> save_profile(Context& ctx, store::Store& store, const ledger::ImportOutcome& outcome,
                          model::ImportKind kind, const std::string& name,
                          const std::string& unit) {
  std::string owner = unit;
  if (owner.empty()) {
    if (outcome.unit_codes.size() != 1) {
      std::string units;
      for (const auto& u : outcome.unit_codes) units += (units.empty() ? "" : "、") + u;
      return fail(Error::invalid_input("文件含 " + std::to_string(outcome.unit_codes.size()) +
                                       " 个单位的数据（" + units +
                                       "）；请用 --unit 指定导入配置所属的单位"));
    }
    owner = outcome.unit_codes.front();
  }
  const ledger::ImportProfile profile = ledger::profile_from_plan(outcome.plan, kind, name);
  JIXIAO_TRY(
      store.import_profiles().set_import_profile({owner, name, std::string(model::to_string(kind)),
                                                  ledger::profile_to_json(profile), "", ctx.user}));
  ctx.err << "已保存导入配置 \"" << name << "\"（单位 " << owner << "）: 表头第 "
          << profile.header_row << " 行，" << profile.headers.size() << " 列，金额单位 "
          << profile.amount_unit << "\n";
  return {};
}

int run_import(Context& ctx, const Args& args) {
  auto kind = model::parse_import_kind(args.positional[0]);
  if (!kind) {
    ctx.err << "jixiao: 导入类型应为 budget、adjustments、payments 或 commitments: \""
            << args.positional[0] << "\"\n";
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
    const auto year = parse_fiscal_year(y);
    if (!year) {
      ctx.err << "jixiao: --year 应为年份（如 2023）: \"" << y << "\"\n";
      return 2;
    }
    options.layout.year = *year;
  }
  if (args.has("map")) {
    auto mapping = ingest::read_column_map(args.get_or("map", ""), *kind);
    if (!mapping) return report(ctx, mapping.error());
    options.layout.mapping = std::move(*mapping);
  }
  // A stored profile: how this unit's exports of this kind were read last time.
  const std::string unit = args.get_or("unit", "");
  if (args.has("profile")) {
    if (args.has("map")) {
      ctx.err << "jixiao: --map 与 --profile 不能同时使用（配置中已有列映射）\n";
      return 2;
    }
    auto profile = load_profile(**store, args.get_or("profile", ""), unit, *kind);
    if (!profile) return report(ctx, profile.error());
    options.profile = std::move(*profile);
  }
  const std::string save_as = args.get_or("save-profile", "");
  if (args.has("save-profile") && save_as.empty()) {
    ctx.err << "jixiao: --save-profile 需要配置名称\n";
    return 2;
  }
  const bool json = args.get_or("format", "text") == "json";
  Result<ledger::ImportOutcome> outcome = [&] {
    Progress progress("导入 " + path);
    options.on_stage = [&](const std::string& stage, std::size_t rows) {
      progress.stage(stage, rows);
    };
    return ledger::import_file(**store, *kind, path, options);
  }();
  if (!outcome) return report(ctx, outcome.error());
  if (!save_as.empty()) {
    auto saved = save_profile(ctx, **store, *outcome, *kind, save_as, unit);
    if (!saved) return report(ctx, saved.error());
  }
  if (json) {
    ctx.out << ingest::plan_to_json(outcome->plan) << "\n";
  } else if (options.dry_run == ledger::DryRun::yes || !outcome->plan.skipped.empty() ||
             outcome->plan.header_row != 1 || !outcome->plan.totals.empty() || outcome->plan.year) {
    // What was found in the file, whenever it is more than a plain header on row 1.
    ctx.out << "读取 " << path << ":\n" << ingest::plan_to_text(outcome->plan);
    if (outcome->adjustments)
      ctx.out << "  预算调整: " << outcome->adjustments << " 行（来自调整数列）\n";
  }
  if (json) return 0;
  switch (outcome->status) {
    case ledger::ImportStatus::imported:
      if (*kind == model::ImportKind::commitments) {
        ctx.out << "已导入 " << path << ": " << outcome->rows << " 行合同余额，其中新增或变更 "
                << outcome->record.rows << " 行\n";
      } else {
        ctx.out << "已导入 " << path << ": " << outcome->rows << " 行（导入批次 "
                << outcome->record.id << "）\n";
      }
      break;
    case ledger::ImportStatus::already_imported:
      if (*kind == model::ImportKind::commitments) {
        ctx.out << "未变更: " << path << " 的 " << outcome->rows << " 行合同余额与已有数据相同\n";
        break;
      }
      ctx.out << "未导入: " << path << " 的内容已于 " << outcome->record.imported_at
              << " 导入过（导入批次 " << outcome->record.id << "，" << outcome->record.rows
              << " 行），没有新数据\n";
      break;
    case ledger::ImportStatus::checked:
      ctx.out << "检查通过: " << path << ": " << outcome->rows << " 行（--dry-run，未写入）\n";
      break;
  }
  return 0;
}

}  // namespace

void register_import(Registry& registry) {
  registry.add(
      {.path = {"import"},
       .summary = "导入预算、预算调整、支付明细或合同未付余额（CSV 或 "
                  "XLSX，中文或英文表头；有错则整批不导入）",
       .usage =
           "budget|adjustments|payments|commitments FILE [--sheet NAME] [--year Y] [--map FILE] "
           "[--profile NAME | --save-profile NAME] [--unit CODE] [--dry-run] [--format text|json]",
       .options = {{"sheet", "NAME", "XLSX / .xls 工作表名称（默认第一个）"},
                   {"year", "Y", "文件没有年度列时的预算年度（默认取标题、文件名或日期中的年份）"},
                   {"map", "FILE", "列映射：两列 CSV（文件中的表头,字段名），用于规则认不出的表头"},
                   {"profile", "NAME",
                    "按已保存的导入配置读取（表头行、列映射、金额单位、年度来源）；文件不符则报错"},
                   {"save-profile", "NAME",
                    "导入成功后把本次的表头行、列映射、单位和年度规则保存为导入配置"},
                   {"unit", "CODE", "导入配置所属单位（默认: 文件中唯一的单位）"},
                   {"dry-run", "",
                    "只检查并显示导入计划（表头行、列映射、跳过的行、合计核对、年度），不写入"},
                   {"format", "text|json",
                    "json: 输出导入计划的 JSON（与 POST /api/imports 相同）"}},
       .min_positional = 2,
       .max_positional = 2,
       .run = run_import});
}

}  // namespace jixiao::cli
