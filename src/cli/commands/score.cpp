// cli/commands/score.cpp — `jixiao score …`: score a unit's year (or every unit's) against a
// framework from the system's data, re-score a claimed score, what-if, freeze; and the
// management-checklist answers (`score answers import|list`) and frozen evaluations
// (`score frozen list|show|verify`).
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>

#include "cli/commands/commands.hpp"
#include "cli/commands/scoring_common.hpp"
#include "cli/table.hpp"
#include "core/number.hpp"
#include "core/text.hpp"
#include "indicators/goals.hpp"
#include "ledger/ledger.hpp"
#include "scoring/scoring.hpp"
#include "store/store.hpp"

namespace jixiao::cli {
namespace {

using Json = nlohmann::ordered_json;
using scoring::InputSet;
using scoring::Scorecard;

std::string pts(model::Points p) { return model::format_points(p); }

// The grade, or its range while points are undetermined: "差～优（暂定）".
std::string grade_text(const Scorecard& card) {
  if (card.complete() || card.grade == card.grade_best) return card.grade;
  return card.grade + "～" + card.grade_best + "（暂定）";
}

std::string signed_pts(model::Points p) { return (p > 0 ? "+" : "") + pts(p); }

std::string rate_text(double rate) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", rate);
  return buf;
}

// Two decimals at most, trailing zeros dropped.
std::string short_number(double v) {
  std::string s = rate_text(v);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

struct WhatIf {
  std::string name;  // input name, or "execution"
  double value = 0;
};

Result<std::vector<WhatIf>> parse_what_ifs(const Args& args) {
  std::vector<WhatIf> out;
  for (const auto& w : args.all("what-if")) {
    auto eq = w.find('=');
    auto v = eq == std::string::npos ? std::nullopt : parse_typed_number(w.substr(eq + 1));
    if (!v)
      return fail(Error::invalid_input(
          "--what-if 应为 输入名=数值，如 execution=95 或 checklist.procurement=2: \"" + w + "\""));
    out.push_back({std::string(text::trim(w.substr(0, eq))), *v});
  }
  return out;
}

struct WhatIfResult {
  WhatIf what;
  Scorecard card;
};

std::string render_table(const Scorecard& card, const model::Framework& fw,
                         const scoring::ClaimReview* review,
                         const std::vector<WhatIfResult>& what_ifs, const Scorecard& base,
                         const std::optional<scoring::ExecutionNeeded>& need,
                         const std::string& top_grade) {
  std::string out =
      "绩效评分 — " +
      (card.unit_name.empty() ? card.unit_code : card.unit_name + "（" + card.unit_code + "）") +
      " " + std::to_string(card.fiscal_year) + " 年度\n";
  out += "框架: " + fw.name + " [" + fw.id + "]\n";
  if (!fw.reconstructed.empty())
    out += "注意: 本框架含重构部分（分值或规则未见正式文件），见 `jixiao frameworks show " + fw.id +
           "`\n";
  out += "\n";
  TextTable t({"编号", "指标", "分值", "得分", "状态"},
              {text::Align::left, text::Align::left, text::Align::right, text::Align::right,
               text::Align::left});
  for (const auto& l : card.lines) {
    std::string indent(static_cast<std::size_t>((l.depth - 1) * 2), ' ');
    std::string status =
        l.status == scoring::LineStatus::scored ? "" : std::string(scoring::chinese_name(l.status));
    t.add({l.number, indent + l.name, pts(l.max),
           l.status == scoring::LineStatus::scored || !l.leaf ? pts(l.points) : "—", status});
  }
  t.add_separator();
  t.add({"", "总分", pts(card.max_total), pts(card.total), grade_text(card)});
  out += t.render();
  out += "\n总分 " + pts(card.total) + " 分，等级“" + card.grade + "”";
  if (!card.complete()) {
    out += "（另有 " + pts(card.undetermined) + " 分因缺少输入未评定；全部得分时为“" +
           card.grade_best + "”）";
  }
  out += "。\n\n逐项说明:\n";
  for (const auto& l : card.lines) {
    if (!l.leaf) continue;
    out += "  " + l.number + " " + l.explanation + "\n";
  }
  if (!card.missing_inputs.empty()) {
    out += "\n缺少的输入（未按 0 分或满分处理）:\n";
    for (const auto& m : card.missing_inputs) out += "  - " + m + "\n";
  }
  if (review) out += "\n" + review->note + "\n";
  if (need) {
    out +=
        "\n执行率假设: 其他输入不变，要保持“" + top_grade + "”，12月31日前预算执行率至少需达到 " +
        rate_text(need->rate) + "%（执行数 " + format_wan(Money::from_fen(need->amount_fen)) +
        " 万元" +
        (need->still_to_pay_fen > 0
             ? "，比实际执行数多 " + format_wan(Money::from_fen(need->still_to_pay_fen)) + " 万元"
             : "，实际执行已达到") +
        "），届时总分 " + pts(need->total) + "。\n";
  } else if (!top_grade.empty()) {
    out += "\n执行率假设: 其他输入不变，即使预算全部执行也达不到“" + top_grade + "”" +
           (card.complete() ? "" : "（未评定的 " + pts(card.undetermined) + " 分不计）") + "。\n";
  }
  for (const auto& w : what_ifs) {
    out += "\n假设 " + w.what.name + " = " + short_number(w.what.value) + ": 总分 " +
           pts(base.total) + " → " + pts(w.card.total) + "（" +
           signed_pts(w.card.total - base.total) + "），等级 " + base.grade + " → " + w.card.grade +
           "\n";
    for (std::size_t i = 0; i < w.card.lines.size() && i < base.lines.size(); ++i) {
      const auto& a = base.lines[i];
      const auto& b = w.card.lines[i];
      if (b.leaf && (a.points != b.points || a.status != b.status)) {
        out += "  " + b.number + " " + b.name + ": " + pts(a.points) + " → " + pts(b.points) + "\n";
      }
    }
  }
  return out;
}

int run_score(Context& ctx, const Args& args) {
  auto year = args.require_year();
  if (!year) return report(ctx, year.error());
  auto fw_id = args.require("framework");
  if (!fw_id) return report(ctx, fw_id.error());
  auto format = parse_format(args.get_or("format", "table"));
  if (!format) return report(ctx, format.error());
  auto what_ifs = parse_what_ifs(args);
  if (!what_ifs) return report(ctx, what_ifs.error());
  std::optional<model::Points> claimed;
  if (auto c = args.get("claimed")) {
    auto p = model::parse_points(text::trim(*c));
    // 0–100 points: refused outside, never clamped (as the API's ?claimed=).
    if (!p || *p < 0 || *p > 100 * 100) {
      return report(ctx, Error::invalid_input(
                             "--claimed 应为 0 到 100 之间、最多两位小数的分数: \"" + *c + "\"",
                             {.field = "claimed"}));
    }
    claimed = *p;
  }
  const bool all_units = args.has("all");
  const std::string unit_code = args.get_or("unit", "");
  if (!all_units && unit_code.empty())
    return report(ctx, Error::invalid_input("缺少参数 --unit（或用 --all 评所有单位）"));

  auto fw = find_framework(args, *fw_id);
  if (!fw) return report(ctx, fw.error());
  auto scorer = scoring::Scorer::make(*fw);
  if (!scorer) return report(ctx, scorer.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto data = scoring::ScoringYear::load(**store, *year);
  if (!data) return report(ctx, data.error());
  const int fiscal_year = data->fiscal_year();

  if (all_units) {
    // The ranking shows numbers only; `score --unit CODE` explains any one of them.
    auto ranked = scoring::rank_units(**store, *data, *scorer);
    if (!ranked) return report(ctx, ranked.error());
    if (*format == Format::json) {
      Json j = Json::array();
      int rank = 0;
      for (const auto& card : *ranked) {
        j.push_back({{"rank", ++rank},
                     {"unit", card.unit_code},
                     {"name", card.unit_name},
                     {"total", static_cast<double>(card.total) / 100.0},
                     {"grade", card.grade},
                     {"undetermined", static_cast<double>(card.undetermined) / 100.0},
                     {"missing_inputs", card.missing_inputs.size()}});
      }
      ctx.out << j.dump(2) << "\n";
    } else if (*format == Format::csv) {
      ctx.out << "名次,单位代码,单位名称,总分,等级,未评定分值,缺少输入数\n";
      int rank = 0;
      for (const auto& card : *ranked) {
        ctx.out << ++rank << "," << card.unit_code << "," << card.unit_name << ","
                << pts(card.total) << "," << card.grade << "," << pts(card.undetermined) << ","
                << card.missing_inputs.size() << "\n";
      }
    } else {
      ctx.out << fiscal_year << " 年度全部单位评分（" << fw->name << "）\n\n";
      TextTable t({"名次", "单位代码", "单位名称", "总分", "等级", "未评定", "缺少输入"},
                  {text::Align::right, text::Align::left, text::Align::left, text::Align::right,
                   text::Align::left, text::Align::right, text::Align::right});
      int rank = 0;
      for (const auto& card : *ranked) {
        t.add({std::to_string(++rank), card.unit_code, card.unit_name, pts(card.total),
               grade_text(card), pts(card.undetermined),
               std::to_string(card.missing_inputs.size())});
      }
      ctx.out << t.render();
    }
    return 0;
  }

  const scoring::LedgerFigures* figures = nullptr;
  std::optional<scoring::LedgerFigures> project;
  const std::string line_code = args.get_or("line", "");
  if (!line_code.empty()) {
    project = data->line_figures(unit_code, line_code);
    if (!project) {
      return report(ctx, Error::not_found("账簿中没有单位 " + unit_code + " 的项目 " + line_code +
                                          "（" + std::to_string(fiscal_year) + " 年）"));
    }
    figures = &*project;
  } else {
    figures = data->unit_figures(unit_code);
  }
  if (!figures) {
    return report(ctx, Error::not_found("账簿中没有单位 " + unit_code + " 的 " +
                                        std::to_string(fiscal_year) + " 年数据"));
  }
  // A project evaluation reads the line's goals; its checklist answers are the unit's.
  auto inputs = scoring::unit_inputs(**store, *fw, *figures, fiscal_year, line_code);
  if (!inputs) return report(ctx, inputs.error());
  Scorecard card = scorer->score(*inputs, figures->unit_code, figures->unit_name, fiscal_year);
  std::optional<scoring::ClaimReview> review;
  if (claimed) review = scoring::review_claim(card, *claimed, *fw);

  std::vector<WhatIfResult> results;
  for (const auto& w : *what_ifs) {
    InputSet changed =
        w.name == "execution" ? scoring::with_execution(*inputs, *figures, w.value) : *inputs;
    if (w.name != "execution") {
      if (!scoring::is_known_input(*fw, w.name)) {
        return report(ctx,
                      Error::invalid_input("--what-if: 框架 " + fw->id + " 不认识输入 " + w.name));
      }
      scoring::set_input(changed, w.name, w.value);
    }
    results.push_back(
        {w, scorer->score(changed, figures->unit_code, figures->unit_name, fiscal_year)});
  }
  const std::string top_grade = fw->grades.empty() ? "" : fw->grades.front().name;
  auto need = scoring::execution_needed(*scorer, *inputs, *figures, top_grade);

  std::string card_json = scoring::to_json(card, review ? &*review : nullptr);
  if (args.has("freeze")) {
    model::FrozenEvaluation e;
    e.unit_code = card.unit_code;
    e.fiscal_year = card.fiscal_year;
    e.framework_id = fw->id;
    e.framework_text = fw->text;
    e.inputs_json = scoring::inputs_to_json(card.inputs);
    e.scorecard_json = card_json;
    e.total = card.total;
    e.grade = card.grade;
    e.claimed = claimed;
    e.frozen_by = ctx.user;
    auto frozen = (*store)->evaluations().freeze(e);
    if (!frozen) return report(ctx, frozen.error());
    ctx.err << "已冻结为评价 #" << frozen->id << "（" << frozen->frozen_at
            << "）；`jixiao score frozen verify " << frozen->id << "` 可逐字节复现\n";
  }

  if (*format == Format::json) {
    Json j = Json::parse(card_json);
    Json w = Json::object();
    if (need) {
      w["execution_needed"] = {
          {"grade", top_grade},
          {"rate", need->rate},
          {"executed_wan", format_wan(Money::from_fen(need->amount_fen))},
          {"more_than_actual_wan", format_wan(Money::from_fen(need->still_to_pay_fen))},
          {"total", static_cast<double>(need->total) / 100.0}};
    } else {
      w["execution_needed"] = nullptr;
    }
    Json list = Json::array();
    for (const auto& r : results) {
      list.push_back({{"input", r.what.name},
                      {"value", r.what.value},
                      {"total", static_cast<double>(r.card.total) / 100.0},
                      {"grade", r.card.grade},
                      {"change", static_cast<double>(r.card.total - card.total) / 100.0}});
    }
    w["scenarios"] = std::move(list);
    j["what_if"] = std::move(w);
    ctx.out << j.dump(2) << "\n";
    return 0;
  }
  if (*format == Format::csv) {
    ctx.out << "编号,指标,分值,得分,状态,说明\n";
    auto quoted = [](const std::string& t) {
      std::string q = "\"";
      for (char c : t) q += c == '"' ? std::string("\"\"") : std::string(1, c);
      return q + "\"";
    };
    for (const auto& l : card.lines) {
      ctx.out << l.number << "," << quoted(l.name) << "," << pts(l.max) << "," << pts(l.points)
              << "," << scoring::chinese_name(l.status) << "," << quoted(l.explanation) << "\n";
    }
    ctx.out << ",总分," << pts(card.max_total) << "," << pts(card.total) << "," << grade_text(card)
            << ",\n";
    return 0;
  }
  std::string out =
      render_table(card, *fw, review ? &*review : nullptr, results, card, need, top_grade);
  ctx.out << out;
  return 0;
}

int run_answers_import(Context& ctx, const Args& args) {
  auto answers = scoring::read_checklist_answers(args.positional.at(0));
  if (!answers) return report(ctx, answers.error());
  for (auto& a : *answers) {
    if (a.answered_by.empty()) a.answered_by = ctx.user;
  }
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto saved = (*store)->evaluations().save_checklist_answers(*answers);
  if (!saved) return report(ctx, saved.error().add_context("导入 " + args.positional.at(0)));
  ctx.out << "已导入 " << answers->size() << " 条清单答案，来自 " << args.positional.at(0) << "\n";
  // A checklist no framework declares is most likely a typo: say so (the answers are kept).
  if (auto all = scoring::load_frameworks(framework_dirs(args))) {
    std::set<std::string> known, unknown;
    for (const auto& fw : *all) {
      for (const auto& c : fw.checklists) known.insert(c.id);
    }
    for (const auto& a : *answers) {
      std::string id = a.key.substr(0, a.key.find('.'));
      if (!known.contains(id)) unknown.insert(id);
    }
    for (const auto& id : unknown)
      ctx.err << "注意: 没有任何评价框架声明清单 " << id << "（标识是否写错？）\n";
  }
  return 0;
}

int run_answers_list(Context& ctx, const Args& args) {
  auto year = args.require_year();
  if (!year) return report(ctx, year.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto answers = (*store)->evaluations().checklist_answers(*year, args.get_or("unit", ""));
  if (!answers) return report(ctx, answers.error());
  TextTable t({"单位", "清单.项", "答案", "佐证材料 / 理由", "填报人", "时间"});
  for (const auto& a : *answers) {
    std::string v = a.not_applicable ? "不适用" : a.value ? short_number(*a.value) : "";
    t.add({a.unit_code, a.key, v, a.evidence, a.answered_by, a.answered_at});
  }
  ctx.out << t.render();
  return 0;
}

int run_frozen_list(Context& ctx, const Args& args) {
  auto year = args.get_year();
  if (!year) return report(ctx, year.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto list =
      (*store)->evaluations().frozen_evaluations(year->value_or(0), args.get_or("unit", ""));
  if (!list) return report(ctx, list.error());
  TextTable t({"编号", "单位", "年度", "框架", "总分", "等级", "自评分", "冻结人", "冻结时间"});
  for (const auto& e : *list) {
    t.add({std::to_string(e.id), e.unit_code, std::to_string(e.fiscal_year), e.framework_id,
           pts(e.total), e.grade, e.claimed ? pts(*e.claimed) : "", e.frozen_by, e.frozen_at});
  }
  ctx.out << t.render();
  return 0;
}

Result<model::FrozenEvaluation> frozen_by_id(store::Store& store, const std::string& text) {
  long long id = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || p != text.data() + text.size())
    return fail(Error::invalid_input("不是评价编号: \"" + text + "\""));
  auto e = store.evaluations().frozen(id);
  if (!e) return fail(std::move(e.error()));
  if (!*e) return fail(Error::not_found("没有编号为 " + text + " 的冻结评价"));
  return std::move(**e);
}

int run_frozen_show(Context& ctx, const Args& args) {
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto e = frozen_by_id(**store, args.positional.at(0));
  if (!e) return report(ctx, e.error());
  ctx.out << e->scorecard_json << "\n";
  return 0;
}

// Re-scores a frozen evaluation from its own framework text and inputs (never the current
// ledger) and compares the scorecard with the stored one, byte for byte.
int run_frozen_verify(Context& ctx, const Args& args) {
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto e = frozen_by_id(**store, args.positional.at(0));
  if (!e) return report(ctx, e.error());
  auto rescored = scoring::rescore_frozen(*e);
  if (!rescored) return report(ctx, rescored.error());
  const Scorecard& card = rescored->card;
  std::optional<scoring::ClaimReview> review;
  if (e->claimed) review = scoring::review_claim(card, *e->claimed, rescored->framework);
  std::string again = scoring::to_json(card, review ? &*review : nullptr);
  if (again != e->scorecard_json) {
    return report(
        ctx, Error::conflict("冻结评价 #" + std::to_string(e->id) + " 复算结果与冻结时不一致（" +
                             std::to_string(again.size()) + " 字节 / " +
                             std::to_string(e->scorecard_json.size()) + " 字节）"));
  }
  ctx.out << "冻结评价 #" << e->id << "（" << e->unit_code << " " << e->fiscal_year << "，"
          << e->framework_id << "）复算一致: 总分 " << pts(card.total) << "，等级 " << card.grade
          << "，" << again.size() << " 字节逐字节相同\n";
  return 0;
}

}  // namespace

void register_score(Registry& registry) {
  registry.add(
      {.path = {"score"},
       .summary = "按评价框架从系统数据评分：每项得分的输入、规则与算式；复算自评分（--"
                  "claimed）、假设分析、冻结",
       .usage = "--unit CODE [--line CODE]|--all --year Y --framework ID [--claimed N] [--what-if "
                "输入=值 ...] [--freeze] "
                "[--format table|json|csv]",
       .options = {{"unit", "CODE", "单位代码"},
                   {"line", "CODE",
                    "项目代码：按该项目的预算、支付与项目绩效目标评分（项目支出自评）"},
                   {"all", "", "评该年度账簿中的全部单位并排名（财政部门用）"},
                   {"year", "Y", "预算年度"},
                   {"framework", "ID", "评价框架标识（jixiao frameworks list），或 .fw 文件路径"},
                   {"claimed", "N", "单位自评分：复算并说明差异"},
                   {"what-if", "INPUT=V",
                    "假设某输入取值后的得分，如 execution=95（执行率%）或 checklist.procurement=2",
                    true},
                   {"freeze", "", "提交：冻结评分卡与全部输入，日后可逐字节复现"},
                   {"format", "FMT", "table（默认）、json；--all 时还可 csv"},
                   k_frameworks_option},
       .run = run_score});
  registry.add({.path = {"score", "answers", "import"},
                .summary = "导入管理清单答案（每单位每年，附佐证材料）：CSV 或 XLSX",
                .usage = "FILE [--frameworks DIR]",
                .options = {k_frameworks_option},
                .min_positional = 1,
                .max_positional = 1,
                .run = run_answers_import});
  registry.add({.path = {"score", "answers", "list"},
                .summary = "列出管理清单答案",
                .usage = "--year Y [--unit CODE]",
                .options = {{"year", "Y", "预算年度"}, {"unit", "CODE", "单位代码"}},
                .run = run_answers_list});
  registry.add({.path = {"score", "frozen", "list"},
                .summary = "列出已冻结（提交）的评价",
                .usage = "[--year Y] [--unit CODE]",
                .options = {{"year", "Y", "预算年度"}, {"unit", "CODE", "单位代码"}},
                .run = run_frozen_list});
  registry.add({.path = {"score", "frozen", "show"},
                .summary = "显示冻结评价的评分卡（JSON，冻结时的原样）",
                .usage = "ID",
                .min_positional = 1,
                .max_positional = 1,
                .run = run_frozen_show});
  registry.add({.path = {"score", "frozen", "verify"},
                .summary = "用冻结的框架与输入复算，逐字节比对评分卡",
                .usage = "ID",
                .min_positional = 1,
                .max_positional = 1,
                .run = run_frozen_verify});
}

}  // namespace jixiao::cli
