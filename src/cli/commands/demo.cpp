// cli/commands/demo.cpp — `jixiao demo [--dir DIR]`: the reference case (the seed's office,
// 2022) built from data/demo/ into DIR/jixiao.db, replacing an earlier demo there; with
// `--db postgresql://…` into that (empty) PostgreSQL database instead.
#include <filesystem>
#include <functional>
#include <ostream>

#include "cli/commands/commands.hpp"
#include "cli/commands/indicators_common.hpp"
#include "cli/commands/users_demo.hpp"
#include "congress/congress.hpp"
#include "ingest/ingest.hpp"
#include "ledger/importer.hpp"
#include "ledger/ledger.hpp"
#include "report/report.hpp"
#include "scoring/scoring.hpp"
#include "store/store.hpp"

namespace jixiao::cli {
namespace {

namespace fs = std::filesystem;

// One step of building the demo: imports one kind of data, returns a line for the log.
struct DemoStep {
  std::string name;
  std::function<Result<std::string>(store::Store& store, const fs::path& demo_dir)> run;
};

Result<std::string> import_ledger_file(store::Store& store, model::ImportKind kind,
                                       const fs::path& file) {
  auto outcome = ledger::import_file(store, kind, file.string());
  if (!outcome) return fail(std::move(outcome.error()));
  return std::to_string(outcome->rows) + " 行，来自 " + file.filename().string();
}

// The people's-congress register of the reference case (data/demo/congress/, made by
// make_congress.py): the handling units (区政府部门, as units without budget lines here), the
// deputies, suggestions of 2021 and 2022, deputies' activities and the office's work records.
// Before the goals, whose actuals are computed from these records.
Result<std::string> import_demo_congress(store::Store& s, const fs::path& d) {
  const fs::path dir = d / "congress";
  auto units = ingest::read_table((dir / "units.csv").string());
  if (!units) return fail(std::move(units.error()));
  model::ImportBatch batch;
  batch.kind = model::ImportKind::budget;
  batch.source_name = "演示承办单位 units.csv";
  batch.content_hash = "units:demo-congress";
  for (const auto& row : units->rows)
    batch.units.push_back({row.at(0), row.at(1), row.size() > 2 ? row[2] : ""});
  auto written = s.ledger().write_import(batch);
  if (!written) return fail(std::move(written.error()));
  std::string out = std::to_string(batch.units.size()) + " 个承办单位";
  struct File {
    const char* name;
    congress::ImportFunction import;
    const char* what;
  };
  for (const File& f :
       {File{"deputies.csv", congress::import_deputies, "名代表"},
        File{"suggestions.csv", congress::import_suggestions, "件代表建议（2021、2022 年）"},
        File{"activities.csv", congress::import_activities, "条代表履职活动"},
        File{"records.csv", congress::import_records, "条工作记录"}}) {
    auto n = f.import(s, (dir / f.name).string(), {});
    if (!n) return fail(std::move(n.error()));
    out += "，" + std::to_string(*n) + " " + f.what;
  }
  return out + "，来自 congress/";
}

// The steps in order. Each engine adds its own data here (goals, checklists, narratives,
// users …) with one entry; the ledger comes first because everything reads it.
std::vector<DemoStep> demo_steps() {
  return {
      {"预算",
       [](store::Store& s, const fs::path& d) {
         return import_ledger_file(s, model::ImportKind::budget, d / "budget.csv");
       }},
      {"预算调整",
       [](store::Store& s, const fs::path& d) {
         return import_ledger_file(s, model::ImportKind::adjustments, d / "adjustments.csv");
       }},
      {"支付明细",
       [](store::Store& s, const fs::path& d) {
         return import_ledger_file(s, model::ImportKind::payments, d / "payments.csv");
       }},
      {"人大工作", import_demo_congress},
      {"指标库与绩效目标",
       [](store::Store& s, const fs::path& d) {
         return import_demo_indicators(s, d.parent_path() / "indicators", d);
       }},
      {"报告段落",
       [](store::Store& s, const fs::path& d) -> Result<std::string> {
         auto n = report::import_narrative_dir(s, "BYRD01", 2022,
                                               (d / "narratives/BYRD01/2022").string(), "demo");
         if (!n) return fail(std::move(n.error()));
         return std::to_string(*n) +
                " 段（部门概况、年度工作、绩效管理情况、主要工作成效），来自 "
                "narratives/BYRD01/2022/";
       }},
      {"管理清单答案",
       [](store::Store& s, const fs::path& d) -> Result<std::string> {
         auto answers =
             scoring::read_checklist_answers((d / "checklist_answers_2022.csv").string());
         if (!answers) return fail(std::move(answers.error()));
         JIXIAO_TRY(s.evaluations().save_checklist_answers(*answers));
         return std::to_string(answers->size()) +
                " 条（采购、信息公开、资产、绩效管理等，附佐证），来自 checklist_answers_2022.csv";
       }},
      {"用户",
       [](store::Store& s, const fs::path& d) { return import_demo_users(s, d / "users.csv"); }},
  };
}

int run_demo(Context& ctx, const Args& args) {
  fs::path dir = args.get_or("dir", ".");
  fs::path demo_data = fs::path(data_dir()) / "demo";
  if (!fs::exists(demo_data / "budget.csv")) {
    return report(ctx, Error::not_found("找不到演示数据: " + (demo_data / "budget.csv").string() +
                                        "（可设置 JIXIAO_DATA_DIR）"));
  }
  // On PostgreSQL (--db postgresql://… or $JIXIAO_DB) the demo goes into that database, which
  // must be empty: a server database is never wiped by a demo.
  const bool on_server = store::is_postgres(ctx.db_url);
  std::string where;
  std::unique_ptr<store::Store> opened;
  if (on_server) {
    auto s = store::open(ctx.db_url);
    if (!s) return report(ctx, s.error());
    auto units = (*s)->ledger().units();
    if (!units) return report(ctx, units.error());
    auto users = (*s)->users().users();
    if (!users) return report(ctx, users.error());
    if (!units->empty() || !users->empty()) {
      return report(ctx, Error::conflict(
                             "数据库 " + store::redacted_url(ctx.db_url) +
                             " 已有数据；演示库只建在空数据库中（可先 CREATE DATABASE 新建一个）"));
    }
    opened = std::move(*s);
    where = store::redacted_url(ctx.db_url);
  } else {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return report(ctx, Error::io("无法创建目录 " + dir.string() + ": " + ec.message()));
    fs::path db = dir / "jixiao.db";
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix, ec);
    auto s = store::open("sqlite:" + db.string());
    if (!s) return report(ctx, s.error());
    opened = std::move(*s);
    where = db.string();
  }
  auto* store = &opened;
  ctx.out << "演示数据库: " << where << "（参考案例："
          << "广州市白云区人大常委会办公室 2022 年度）\n";
  for (const auto& step : demo_steps()) {
    auto line = step.run(**store, demo_data);
    if (!line) return report(ctx, line.error().add_context("演示数据「" + step.name + "」"));
    ctx.out << "  " << step.name << ": " << *line << "\n";
  }
  auto ledger = ledger::Ledger::load(**store, 2022);
  if (!ledger) return report(ctx, ledger.error());
  auto summary = ledger::summarize(*ledger);
  if (!summary) return report(ctx, summary.error());
  const auto& t = summary->totals;
  ctx.out << "2022 年度: 全年预算数 " << format_wan(t.adjusted()) << " 万元，执行数 "
          << format_wan(t.executed) << " 万元，完成预算的 " << t.execution_rate().percent_text(1)
          << "\n";
  if (on_server) {
    ctx.out << "下一步: jixiao --db " << where << " summary --year 2022\n";
  } else {
    ctx.out << "下一步: cd " << dir.string() << " && jixiao summary --year 2022\n";
  }
  return 0;
}

}  // namespace

void register_demo(Registry& registry) {
  registry.add(
      {.path = {"demo"},
       .summary = "建立参考案例演示库（白云区人大常委会办公室 2022 年度），替换目录中已有的演示库",
       .usage =
           "[--dir DIR]   （或 jixiao --db postgresql://… demo：建在一个空的 PostgreSQL 数据库中）",
       .options = {{"dir", "DIR", "演示库所在目录（默认当前目录），库文件为 DIR/jixiao.db"}},
       .run = run_demo});
}

}  // namespace jixiao::cli
