// cli/commands/report.cpp — `jixiao report` (the self-evaluation report as DOCX, PDF, HTML or
// Markdown; one unit or every unit of a year) and `jixiao narrative` (the paragraphs the
// department writes for it).
#include "report/report.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <variant>

#include "cli/commands/commands.hpp"
#include "cli/commands/scoring_common.hpp"
#include "core/text.hpp"
#include "model/framework.hpp"
#include "store/store.hpp"

namespace jixiao::cli {
namespace {

namespace fs = std::filesystem;

// `-o FILE` arrives as two positional words (the parser knows only long options); `--output`
// is the long form.
Result<std::string> output_path(const Args& args) {
  if (auto o = args.get("output")) return *o;
  if (args.positional.size() == 2 && args.positional[0] == "-o") return args.positional[1];
  if (!args.positional.empty()) {
    return fail(Error::invalid_input("多余的参数: " + args.positional.front() +
                                     "（输出文件用 -o FILE 或 --output FILE）"));
  }
  return fail(Error::invalid_input("缺少输出文件: -o FILE（批量时为目录）"));
}

Result<void> write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return fail(Error::io("无法写入文件", Location{.file = path.string()}));
  return {};
}

// The notices (font fallback) are said once per run.
void say_notices(Context& ctx, const std::vector<std::string>& notices,
                 std::set<std::string>& said) {
  for (const auto& n : notices) {
    if (said.insert(n).second) ctx.err << "jixiao: 注意: " << n << "\n";
  }
}

// How `report`, `narrative draft` and `selfscore` load a unit's year: scored by `framework` when
// it has no frozen evaluation, as of the context's clock.
report::LoadOptions load_options(const Context& ctx,
                                 const std::optional<model::Framework>& framework) {
  return {.framework = framework ? &*framework : nullptr, .clock = ctx.clock};
}

Result<report::Document> build(const report::ReportData& data, const Args& args) {
  std::string kind = args.get_or("kind", "overall");
  if (kind == "overall")
    return report::build_overall_report(data, {.with_trace = args.has("with-trace")});
  if (kind == "project") {
    auto line = args.get("line");
    if (!line) return fail(Error::invalid_input("--kind project 需要 --line CODE（预算项目代码）"));
    return report::build_project_report(data, *line);
  }
  return fail(Error::invalid_input("--kind: 应为 overall 或 project: \"" + kind + "\""));
}

int run_report(Context& ctx, const Args& args) {
  auto year = args.require_year();
  if (!year) return report(ctx, year.error());
  auto format = report::parse_format(args.get_or("format", "pdf"));
  if (!format) return report(ctx, format.error());
  auto out = output_path(args);
  if (!out) return report(ctx, out.error());
  report::RenderOptions options;
  options.chart = !args.has("no-chart");
  options.fonts_dir = args.get_or("fonts", "");
  auto framework = live_framework(args);
  if (!framework) return report(ctx, framework.error());
  const report::LoadOptions load = load_options(ctx, *framework);
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  std::set<std::string> said;

  if (args.has("all")) {
    if (args.has("unit")) return report(ctx, Error::invalid_input("--all 与 --unit 不能同时使用"));
    fs::path dir = *out;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return report(ctx, Error::io("无法创建目录 " + dir.string() + ": " + ec.message()));
    auto started = std::chrono::steady_clock::now();
    auto all = report::load_all_report_data(**store, *year, load);
    if (!all) return report(ctx, all.error());
    auto loaded = std::chrono::steady_clock::now();
    for (const auto& data : *all) {
      auto doc = build(data, args);
      if (!doc) return report(ctx, doc.error().add_context("单位 " + data.unit_code));
      auto rendered = report::render(*doc, *format, options);
      if (!rendered) return report(ctx, rendered.error());
      say_notices(ctx, rendered->notices, said);
      fs::path file = dir / (data.unit_code + "_" + std::to_string(*year) + "." +
                             std::string(report::file_extension(*format)));
      if (auto w = write_file(file, rendered->bytes); !w) return report(ctx, w.error());
    }
    auto done = std::chrono::steady_clock::now();
    auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
    double render_ms = ms(done - loaded);
    ctx.out << "已生成 " << all->size() << " 份报告到 " << dir.string() << "（读取 "
            << static_cast<long>(ms(loaded - started)) << " ms，生成 "
            << static_cast<long>(render_ms) << " ms";
    if (!all->empty() && render_ms > 0)
      ctx.out << "，每秒 "
              << static_cast<long>(static_cast<double>(all->size()) * 1000.0 / render_ms) << " 份";
    ctx.out << "）\n";
    return 0;
  }

  auto unit = args.require("unit");
  if (!unit) return report(ctx, unit.error());
  auto data = report::load_report_data(**store, *unit, *year, load);
  if (!data) return report(ctx, data.error());
  auto doc = build(*data, args);
  if (!doc) return report(ctx, doc.error());
  auto rendered = report::render(*doc, *format, options);
  if (!rendered) return report(ctx, rendered.error());
  say_notices(ctx, rendered->notices, said);
  if (auto w = write_file(*out, rendered->bytes); !w) return report(ctx, w.error());
  ctx.out << "已生成 " << *out << "：" << doc->title << "\n";
  for (const auto& gap : doc->gaps) ctx.err << "jixiao: 数据缺口: " << gap << "\n";
  return 0;
}

struct UnitYearKey {
  std::string unit;
  int year = 0;
};

Result<UnitYearKey> unit_and_year(const Args& args) {
  auto unit = args.require("unit");
  if (!unit) return fail(std::move(unit.error()));
  auto year = args.require_year();
  if (!year) return fail(std::move(year.error()));
  return UnitYearKey{*unit, *year};
}

Result<report::NarrativeKey> key_of(const Args& args) {
  auto text = args.require("key");
  if (!text) return fail(std::move(text.error()));
  auto key = report::parse_narrative_key(*text);
  if (!key) {
    std::string names;
    for (auto k : report::all_narrative_keys()) {
      names += (names.empty() ? "" : "、") + std::string(report::to_string(k)) + "（" +
               std::string(report::chinese_name(k)) + "）";
    }
    return fail(Error::invalid_input("--key: 未知的段落 \"" + *text + "\"；可选: " + names,
                                     Location{.field = "key"}));
  }
  return *key;
}

int run_narrative_show(Context& ctx, const Args& args) {
  auto uy = unit_and_year(args);
  if (!uy) return report(ctx, uy.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto list = (*store)->narratives().narratives(uy->unit, uy->year);
  if (!list) return report(ctx, list.error());
  std::optional<report::NarrativeKey> only;
  if (args.has("key")) {
    auto k = key_of(args);
    if (!k) return report(ctx, k.error());
    only = *k;
  }
  for (auto key : report::all_narrative_keys()) {
    if (only && key != *only) continue;
    const store::Narrative* found = nullptr;
    for (const auto& n : *list) {
      if (n.key == report::to_string(key)) found = &n;
    }
    ctx.out << "【" << report::chinese_name(key) << "】(" << report::to_string(key) << ")";
    if (!found) {
      bool drafted = key == report::NarrativeKey::problems || key == report::NarrativeKey::measures;
      ctx.out << (drafted ? " 未填写：报告按评分扣分、指标检查和监控预警起草\n\n" : " 未填写\n\n");
      continue;
    }
    ctx.out << " " << found->updated_at << " " << found->updated_by << "\n" << found->text;
    if (!found->text.ends_with("\n")) ctx.out << "\n";
    ctx.out << "\n";
  }
  return 0;
}

int run_narrative_set(Context& ctx, const Args& args) {
  auto uy = unit_and_year(args);
  if (!uy) return report(ctx, uy.error());
  auto key = key_of(args);
  if (!key) return report(ctx, key.error());
  std::string text;
  if (auto t = args.get("text")) {
    text = *t;
  } else if (auto f = args.get("file")) {
    std::istream* in = &std::cin;
    std::ifstream file;
    if (*f != "-") {
      file.open(*f, std::ios::binary);
      if (!file) return report(ctx, Error::io("无法读取文件", Location{.file = *f}));
      in = &file;
    }
    text.assign(std::istreambuf_iterator<char>(*in), std::istreambuf_iterator<char>());
  } else {
    return report(ctx, Error::invalid_input("需要 --text TEXT 或 --file FILE（- 为标准输入）"));
  }
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  if (auto r = (*store)->narratives().set_narrative(
          {uy->unit, uy->year, std::string(report::to_string(*key)), text, "", ctx.user});
      !r) {
    return report(ctx, r.error());
  }
  ctx.out << "已保存 " << uy->unit << " " << uy->year << " 年「" << report::chinese_name(*key)
          << "」（" << text.size() << " 字节）\n";
  return 0;
}

int run_narrative_clear(Context& ctx, const Args& args) {
  auto uy = unit_and_year(args);
  if (!uy) return report(ctx, uy.error());
  auto key = key_of(args);
  if (!key) return report(ctx, key.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto removed = (*store)->narratives().remove_narrative(uy->unit, uy->year,
                                                         std::string(report::to_string(*key)));
  if (!removed) return report(ctx, removed.error());
  ctx.out << (*removed ? "已删除「" : "本来就没有「") << report::chinese_name(*key) << "」\n";
  return 0;
}

// Prints the drafted 三、存在的主要问题 and 四、下一步改进措施 (ignoring any override), in the
// narrative file format, so that a department can edit the draft and `narrative set` it back.
int run_narrative_draft(Context& ctx, const Args& args) {
  auto uy = unit_and_year(args);
  if (!uy) return report(ctx, uy.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto framework = live_framework(args);
  if (!framework) return report(ctx, framework.error());
  auto data = report::load_report_data(**store, uy->unit, uy->year, load_options(ctx, *framework));
  if (!data) return report(ctx, data.error());
  data->narratives.erase(report::NarrativeKey::problems);
  data->narratives.erase(report::NarrativeKey::measures);
  // With --key, only that section's paragraphs (a file `narrative set --file` takes back).
  std::string only;
  if (args.has("key")) {
    auto k = key_of(args);
    if (!k) return report(ctx, k.error());
    if (*k != report::NarrativeKey::problems && *k != report::NarrativeKey::measures) {
      return report(ctx, Error::invalid_input("--key: 只有 problems 和 measures 由系统起草",
                                              Location{.field = "key"}));
    }
    only = *k == report::NarrativeKey::problems ? "三、" : "四、";
  }
  report::Document doc = report::build_overall_report(*data);
  bool in = false;
  for (const auto& block : doc.blocks) {
    if (const auto* h = std::get_if<report::Heading>(&block)) {
      if (h->level == 1)
        in = only.empty() ? h->number == "三、" || h->number == "四、" : h->number == only;
      if (in && only.empty()) {
        ctx.out << "# " << h->full() << "（--key "
                << (h->number == "三、" ? "problems" : "measures") << "）\n";
      }
    } else if (const auto* p = std::get_if<report::Paragraph>(&block); p && in) {
      if (p->text.starts_with("附件：")) {  // the 附件说明 after 四、 is not part of the measures
        in = false;
        continue;
      }
      ctx.out << p->text << "\n";
    } else if (std::holds_alternative<report::PageBreak>(block)) {
      in = false;
    }
  }
  return 0;
}

// The unit's scorecard as the report shows it (overrides applied), for `selfscore`.
Result<report::ReportData> scored_data(Context& ctx, const Args& args, const UnitYearKey& uy,
                                       store::Store& store) {
  auto framework = live_framework(args);
  if (!framework) return fail(std::move(framework.error()));
  auto data = report::load_report_data(store, uy.unit, uy.year, load_options(ctx, *framework));
  if (!data) return fail(std::move(data.error()));
  if (!data->scorecard) {
    return fail(Error::not_found("单位 " + uy.unit + " " + std::to_string(uy.year) +
                                 " 年没有评分（没有已提交的评价，也找不到框架）"));
  }
  return data;
}

// `jixiao selfscore show`: every indicator with the computed and the department's score.
int run_selfscore_show(Context& ctx, const Args& args) {
  auto uy = unit_and_year(args);
  if (!uy) return report(ctx, uy.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto data = scored_data(ctx, args, *uy, **store);
  if (!data) return report(ctx, data.error());
  const auto& card = *data->scorecard;
  if (!card.framework_remark.empty()) ctx.out << "注意: " << card.framework_remark << "\n";
  ctx.out << "编号\t三级指标\t分值\t系统计算\t自评得分\t调整理由\n";
  for (const auto& r : card.rows) {
    auto fmt = [](double v) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", v);
      return std::string(buf);
    };
    ctx.out << r.item << "\t" << (r.level3.empty() ? r.level2 : r.level3) << "\t" << fmt(r.weight)
            << "\t" << (r.computed_determined ? fmt(r.computed) : "未评定") << "\t"
            << (r.determined ? fmt(r.score) : "未评定") << "\t" << r.override_reason << "\n";
  }
  for (const auto& d : report::score_differences(card))
    ctx.err << "jixiao: 提交前请确认: " << d << "\n";
  return 0;
}

// The audit entry of a `selfscore` change (`selfscore.set` / `selfscore.clear`), as the API writes
// it.
store::AuditEntry selfscore_audit(Context& ctx, const UnitYearKey& uy, const char* action,
                                  const report::SelfScoreChange& change) {
  auto json_of = [](const std::optional<report::SelfScore>& s) {
    return s ? nlohmann::json({{"score", s->score}, {"reason", s->reason}}).dump()
             : std::string("null");
  };
  store::AuditEntry entry;
  entry.user = ctx.user;
  entry.source = "cli";
  entry.action = action;
  entry.target = "selfscore:" + uy.unit + "/" + std::to_string(uy.year) + "/" + change.row.item;
  entry.before_json = json_of(change.before);
  entry.after_json = json_of(change.after);
  return entry;
}

// `jixiao selfscore set`: the department's own score for one indicator, with its reason; audited.
int run_selfscore_set(Context& ctx, const Args& args) {
  auto uy = unit_and_year(args);
  if (!uy) return report(ctx, uy.error());
  auto item = args.require("item");
  if (!item) return report(ctx, item.error());
  auto score = args.require("score");
  if (!score) return report(ctx, score.error());
  auto reason = args.require("reason");
  if (!reason) return report(ctx, reason.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto data = scored_data(ctx, args, *uy, **store);
  if (!data) return report(ctx, data.error());
  auto change = report::set_self_score(**store, *data->scorecard, uy->unit, uy->year, *item, *score,
                                       *reason, ctx.user);
  if (!change) return report(ctx, change.error());
  if (auto a = (*store)->audit().append(selfscore_audit(ctx, *uy, "selfscore.set", *change)); !a)
    return report(ctx, a.error());
  ctx.out << "已保存 " << uy->unit << " " << uy->year << " 年指标 " << *item << "（"
          << change->row.level3 << "）自评得分 " << change->after->score << " 分（系统计算 "
          << change->row.computed << " 分）\n";
  return 0;
}

int run_selfscore_clear(Context& ctx, const Args& args) {
  auto uy = unit_and_year(args);
  if (!uy) return report(ctx, uy.error());
  auto item = args.require("item");
  if (!item) return report(ctx, item.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto data = scored_data(ctx, args, *uy, **store);
  if (!data) return report(ctx, data.error());
  auto change = report::clear_self_score(**store, *data->scorecard, uy->unit, uy->year, *item);
  if (!change) return report(ctx, change.error());
  if (change->before) {
    if (auto a = (*store)->audit().append(selfscore_audit(ctx, *uy, "selfscore.clear", *change));
        !a)
      return report(ctx, a.error());
  }
  ctx.out << (change->before ? "已恢复为系统计算得分: 指标 " : "本来就没有调整: 指标 ") << *item
          << "\n";
  return 0;
}

int run_narrative_import(Context& ctx, const Args& args) {
  auto uy = unit_and_year(args);
  if (!uy) return report(ctx, uy.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto n = report::import_narrative_dir(**store, uy->unit, uy->year, args.positional[0], ctx.user);
  if (!n) return report(ctx, n.error());
  ctx.out << "已导入 " << *n << " 段（" << args.positional[0] << "）\n";
  return 0;
}

const OptionSpec k_unit{"unit", "CODE", "单位代码"};
const OptionSpec k_year{"year", "Y", "年度"};
const OptionSpec k_key{
    "key", "KEY",
    "段落: profile 部门概况, annual_work 年度总体工作, performance_management 绩效管理情况, "
    "achievements 主要工作成效, problems 存在的主要问题, measures 下一步改进措施"};

}  // namespace

void register_report(Registry& registry) {
  registry.add(
      {.path = {"report"},
       .summary = "生成绩效自评报告（部门整体或项目自评表）：docx、pdf、html、md；--all "
                  "批量生成一年的全部单位",
       .usage = "--unit CODE --year Y [--kind overall|project --line CODE] --format "
                "docx|pdf|html|md -o FILE"
                " | --all --year Y --format F -o DIR",
       .options =
           {k_unit,
            k_year,
            {"kind", "KIND",
             "overall（部门整体支出绩效自评报告，默认）或 project（项目支出绩效自评表）"},
            {"line", "CODE", "项目代码（--kind project）"},
            {"format", "F", "docx、pdf（默认）、html 或 md"},
            {"output", "FILE", "输出文件（同 -o FILE）；--all 时为目录"},
            {"all", "", "该年度全部单位，每个单位一个文件"},
            k_live_framework_option,
            k_frameworks_option,
            {"no-chart", "", "不画执行进度图"},
            {"with-trace", "", "附上计分说明附件（各指标的评分规则和计算过程；报送文本默认不含）"},
            {"fonts", "DIR",
             "公文字体所在目录（仿宋_GB2312、方正小标宋简体、黑体、楷体_GB2312），PDF 优先使用"}},
       .max_positional = 2,
       .run = run_report});
  const OptionSpec k_item{"item", "N", "框架末级指标编号（jixiao selfscore show 列出）"};
  registry.add({.path = {"selfscore", "show"},
                .summary = "列出自评表各指标的系统计算得分和单位自评得分（含调整理由）",
                .usage = "--unit CODE --year Y",
                .options = {k_unit, k_year, k_live_framework_option, k_frameworks_option},
                .run = run_selfscore_show});
  registry.add({.path = {"selfscore", "set"},
                .summary = "按指标调整单位自评得分（须写理由；审核人看到系统计算得分和理由）",
                .usage = "--unit CODE --year Y --item N --score S --reason TEXT",
                .options = {k_unit,
                            k_year,
                            k_item,
                            {"score", "S", "单位自评得分（0 到分值，最多两位小数）"},
                            {"reason", "TEXT", "与系统计算得分不同的理由"},
                            k_live_framework_option,
                            k_frameworks_option},
                .run = run_selfscore_set});
  registry.add({.path = {"selfscore", "clear"},
                .summary = "取消某指标的自评得分调整，恢复系统计算得分",
                .usage = "--unit CODE --year Y --item N",
                .options = {k_unit, k_year, k_item},
                .run = run_selfscore_clear});
  registry.add({.path = {"narrative", "show"},
                .summary = "显示单位某年自评报告中由单位填写的段落",
                .usage = "--unit CODE --year Y [--key KEY]",
                .options = {k_unit, k_year, k_key},
                .run = run_narrative_show});
  registry.add(
      {.path = {"narrative", "set"},
       .summary = "填写或替换自评报告的一个段落（部门概况、工作成效，或覆盖起草的问题与措施）",
       .usage = "--unit CODE --year Y --key KEY (--text TEXT | --file FILE|-)",
       .options = {k_unit,
                   k_year,
                   k_key,
                   {"text", "TEXT", "段落文字（多段用换行分隔）"},
                   {"file", "FILE", "从文件读取（- 为标准输入）"}},
       .run = run_narrative_set});
  registry.add({.path = {"narrative", "clear"},
                .summary = "删除自评报告的一个段落（问题与措施恢复为自动起草）",
                .usage = "--unit CODE --year Y --key KEY",
                .options = {k_unit, k_year, k_key},
                .run = run_narrative_clear});
  registry.add({.path = {"narrative", "draft"},
                .summary = "显示按评分扣分、指标检查和监控预警起草的“存在的主要问题”和“下一步改进措"
                           "施”，供修改后 narrative set",
                .usage = "--unit CODE --year Y [--key problems|measures] [--framework ID]",
                .options = {k_unit,
                            k_year,
                            {"key", "KEY",
                             "只输出 problems 或 measures 一节（可直接交给 narrative set --file）"},
                            k_live_framework_option,
                            k_frameworks_option},
                .run = run_narrative_draft});
  registry.add({.path = {"narrative", "import"},
                .summary = "从目录导入段落文件（profile.txt、achievements.txt …）",
                .usage = "DIR --unit CODE --year Y",
                .options = {k_unit, k_year},
                .min_positional = 1,
                .max_positional = 1,
                .run = run_narrative_import});
}

}  // namespace jixiao::cli
