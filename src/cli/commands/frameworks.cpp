// cli/commands/frameworks.cpp — `jixiao frameworks list|show|validate|import`: the
// evaluation frameworks (data files under frameworks/).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/commands/commands.hpp"
#include "cli/commands/scoring_common.hpp"
#include "cli/table.hpp"
#include "scoring/scoring.hpp"

namespace jixiao::cli {

namespace fs = std::filesystem;

std::vector<std::string> framework_dirs(const Args& args) {
  return scoring::framework_dirs(args.get_or("frameworks", ""),
                                 std::string(JIXIAO_SOURCE_DIR) + "/frameworks");
}

Result<model::Framework> find_framework(const Args& args, const std::string& id) {
  if (id.ends_with(".fw")) return scoring::load_framework_file(id);
  return scoring::find_framework(framework_dirs(args), id);
}

Result<std::optional<model::Framework>> live_framework(const Args& args) {
  if (auto id = args.get("framework")) {
    auto fw = find_framework(args, *id);
    if (!fw) return fail(std::move(fw.error()));
    return std::optional<model::Framework>(std::move(*fw));
  }
  auto fw = find_framework(args, std::string(scoring::k_default_framework));
  if (!fw) return std::optional<model::Framework>();
  return std::optional<model::Framework>(std::move(*fw));
}

namespace {

int run_list(Context& ctx, const Args& args) {
  auto format = parse_format(args.get_or("format", "table"));
  if (!format) return report(ctx, format.error());
  auto all = scoring::load_frameworks(framework_dirs(args));
  if (!all) return report(ctx, all.error());
  if (*format == Format::json) {
    nlohmann::ordered_json j = nlohmann::ordered_json::array();
    for (const auto& fw : *all) {
      j.push_back({{"id", fw.id},
                   {"name", fw.name},
                   {"object", fw.object},
                   {"region", fw.region},
                   {"year", fw.year},
                   {"total", static_cast<double>(fw.total) / 100.0},
                   {"reconstructed", !fw.reconstructed.empty()},
                   {"file", fw.file}});
    }
    ctx.out << j.dump(2) << "\n";
    return 0;
  }
  TextTable t({"标识", "名称", "对象", "地区", "年度", "总分", "说明"});
  for (const auto& fw : *all) {
    t.add({fw.id, fw.name, fw.object, fw.region, fw.year, model::format_points(fw.total),
           fw.reconstructed.empty() ? "" : "含重构部分"});
  }
  ctx.out << t.render();
  return 0;
}

int run_show(Context& ctx, const Args& args) {
  auto fw = find_framework(args, args.positional.at(0));
  if (!fw) return report(ctx, fw.error());
  std::string out = fw->name + "（" + fw->id + "）\n";
  out += "对象: " + fw->object + "；地区: " + fw->region + "；年度: " + fw->year + "；总分 " +
         model::format_points(fw->total) + "\n文件: " + fw->file + "\n\n出处:\n";
  for (const auto& line : text::split(fw->source, '\n')) out += "  - " + line + "\n";
  if (!fw->reconstructed.empty()) {
    out += "重构说明:\n";
    for (const auto& line : text::split(fw->reconstructed, '\n')) out += "  - " + line + "\n";
  }
  out += "等级: ";
  for (std::size_t i = 0; i < fw->grades.size(); ++i) {
    out += (i ? "，" : "") + fw->grades[i].name + " ≥" + model::format_points(fw->grades[i].min);
  }
  out += "\n\n";
  TextTable t({"编号", "指标", "分值", "规则", "输入"});
  for (const auto& item : fw->items) {
    std::string indent(static_cast<std::size_t>((item.depth() - 1) * 2), ' ');
    std::string inputs;
    for (const auto& in : item.inputs) inputs += (inputs.empty() ? "" : ", ") + in.name;
    if (item.rule && item.rule->kind == model::RuleKind::goal_indicators) inputs = item.rule->group;
    t.add({item.number, indent + item.name, model::format_points(item.points),
           item.rule ? std::string(model::to_string(item.rule->kind)) : "", inputs});
  }
  out += t.render();
  out += "\n末级指标评分规则:\n";
  for (const auto& item : fw->items) {
    if (!item.is_leaf()) continue;
    out += "  " + item.number + " " + item.name + ": " + scoring::describe_rule(item, *fw) + "\n";
  }
  if (!fw->checklists.empty()) {
    out += "\n管理清单（每个单位每年作答）:\n";
    for (const auto& c : fw->checklists) {
      out += "  " + c.id + "（" + std::string(model::to_string(c.mode)) + "）" + c.name + "\n";
      for (std::size_t i = 0; i < c.items.size(); ++i)
        out += "    " + std::to_string(i + 1) + ". " + c.items[i] + "\n";
    }
  }
  ctx.out << out;
  return 0;
}

int run_validate(Context& ctx, const Args& args) {
  std::vector<std::string> files = args.positional;
  if (files.empty()) {
    for (const auto& dir : framework_dirs(args)) {
      std::error_code ec;
      if (!fs::is_directory(dir, ec)) continue;
      for (const auto& e : fs::directory_iterator(dir, ec)) {
        if (e.path().extension() == ".fw") files.push_back(e.path().string());
      }
    }
    std::sort(files.begin(), files.end());
  }
  int bad = 0;
  for (const auto& f : files) {
    auto fw = scoring::load_framework_file(f);
    if (!fw) {
      ++bad;
      ctx.err << fw.error().to_string() << "\n";
      continue;
    }
    std::size_t leaves = 0;
    for (const auto& item : fw->items) leaves += item.is_leaf();
    ctx.out << f << ": 有效（" << fw->id << "，" << fw->items.size() << " 个指标，其中末级 "
            << leaves << " 个，总分 " << model::format_points(fw->total) << "）\n";
  }
  if (files.empty()) ctx.out << "没有找到框架文件\n";
  return bad > 0 ? 1 : 0;
}

int run_import(Context& ctx, const Args& args) {
  auto id = args.require("id");
  if (!id) return report(ctx, id.error());
  const std::string& file = args.positional.at(0);
  auto imported = scoring::import_framework_table(file, *id, args.get_or("name", *id));
  if (!imported) return report(ctx, imported.error());
  fs::path out = args.get_or("out", (fs::path("frameworks") / (*id + ".fw")).string());
  std::error_code ec;
  if (out.has_parent_path()) fs::create_directories(out.parent_path(), ec);
  {
    std::ofstream o(out, std::ios::binary);
    if (!o) return report(ctx, Error::io("无法写入 " + out.string()));
    o << imported->text;
  }
  auto check = scoring::load_framework_file(out.string());
  ctx.out << "已导入 " << file << " → " << out.string() << "（末级指标 " << imported->leaves
          << " 个，其中评分规则自动识别 " << imported->recognised << " 个）\n";
  for (const auto& n : imported->notes) ctx.out << "  需核对: " << n << "\n";
  if (!check) return report(ctx, check.error().add_context("导入结果未通过校验"));
  ctx.out << "校验通过。\n";
  return 0;
}

}  // namespace

void register_frameworks(Registry& registry) {
  registry.add({.path = {"frameworks", "list"},
                .summary = "列出评价框架（指标体系）",
                .usage = "[--format table|json] [--frameworks DIR]",
                .options = {{"format", "FMT", "table（默认）或 json"}, k_frameworks_option},
                .run = run_list});
  registry.add({.path = {"frameworks", "show"},
                .summary = "显示一个评价框架：出处、重构说明、指标树、评分规则、管理清单",
                .usage = "ID [--frameworks DIR]",
                .options = {k_frameworks_option},
                .min_positional = 1,
                .max_positional = 1,
                .run = run_show});
  registry.add({.path = {"frameworks", "validate"},
                .summary = "校验框架文件（分值逐级相加、输入已知、规则完整），报告 文件:行: 错误",
                .usage = "[FILE.fw ...] [--frameworks DIR]",
                .options = {k_frameworks_option},
                .max_positional = 100,
                .run = run_validate});
  registry.add({.path = {"frameworks", "import"},
                .summary = "把财政部门公布的指标表（一级/二级/三级/分值/指标解释/评分标准，XLSX 或 "
                           "CSV）导入为框架文件",
                .usage = "FILE.xlsx --id ID [--name NAME] [--out FILE.fw]",
                .options = {{"id", "ID", "新框架的标识"},
                            {"name", "NAME", "新框架的名称"},
                            {"out", "FILE", "输出文件（默认 frameworks/ID.fw）"}},
                .min_positional = 1,
                .max_positional = 1,
                .run = run_import});
}

}  // namespace jixiao::cli
