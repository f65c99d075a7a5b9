// cli/commands/congress.cpp — `jixiao congress deputies|suggestions|activities|records|figures …`:
// the people's-congress register (代表建议, 代表履职, 工作记录) and its figures.
#include "congress/congress.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/commands/commands.hpp"
#include "cli/commands/indicators_common.hpp"
#include "cli/table.hpp"
#include "congress/congress_json.hpp"
#include "core/text.hpp"
#include "report/congress_reports.hpp"
#include "report/report.hpp"
#include "store/store.hpp"

namespace jixiao::cli {
namespace {

using Json = nlohmann::json;

const OptionSpec k_year{"year", "Y", "年度（交办年度）"};
const OptionSpec k_format{"format", "FMT", "table（默认）或 json"};
const OptionSpec k_rules{"rules", "FILE", "办理期限规则（默认 data/congress/deadline_rules.csv）"};

std::string join(const std::vector<std::string>& parts, std::string_view sep = "；") {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : std::string(sep)) + p;
  return out;
}

// The deadline rules: --rules FILE, else the shipped file, else the defaults.
Result<congress::DeadlineRules> deadline_rules(const Args& args) {
  std::string path = args.get_or("rules", "");
  if (path.empty()) {
    auto shipped = std::filesystem::path(data_dir()) / "congress" / "deadline_rules.csv";
    if (!std::filesystem::exists(shipped)) return congress::DeadlineRules{};
    path = shipped.string();
  }
  return congress::load_deadline_rules(path);
}

Result<congress::PointsRules> points_rules(const Args& args, int year) {
  std::string path = args.get_or("points", "");
  if (path.empty()) {
    // The newest shipped rules not later than the year (a locality revises them now and then).
    for (int y = year; y >= 2000; --y) {
      auto p = std::filesystem::path(data_dir()) / "congress" /
               ("duty_points_" + std::to_string(y) + ".csv");
      if (std::filesystem::exists(p)) {
        path = p.string();
        break;
      }
    }
    if (path.empty())
      return fail(Error::not_found("没有 " + std::to_string(year) +
                                   " 年或更早的履职积分规则，请用 --points FILE 指定"));
  }
  return congress::load_points_rules(path);
}

// --year (0 when absent and not required).
Result<int> year_arg(const Args& args, bool required = true) {
  if (required) return args.require_year();
  auto y = args.get_year();
  if (!y) return fail(std::move(y.error()));
  return y->value_or(0);
}

Result<Date> date_arg(const Args& args, const std::string& name) {
  auto v = args.require(name);
  if (!v) return fail(std::move(v.error()));
  auto d = parse_date(*v);
  if (!d) return fail(Error::invalid_input("--" + name + ": " + d.error().message()));
  return *d;
}

template <class Import>
int run_import_with(Context& ctx, const Args& args, Import import, const std::string& what) {
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  const bool dry = args.has("dry-run");
  auto n = import(**store, args.positional[0], congress::ImportOptions{.dry_run = dry});
  if (!n) return report(ctx, n.error());
  if (dry) {
    ctx.out << "校验通过（未写入）: " << what << " " << *n << " 行，来自 " << args.positional[0]
            << "\n";
  } else {
    ctx.out << "已导入" << what << " " << *n << " 行，来自 " << args.positional[0] << "\n";
  }
  return 0;
}

std::string opt_date(const std::optional<Date>& d) { return d ? d->to_string() : ""; }

// --- deputies ---

int run_deputies_list(Context& ctx, const Args& args) {
  auto format = parse_format(args.get_or("format", "table"));
  if (!format) return report(ctx, format.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto deputies = (*store)->congress().deputies();
  if (!deputies) return report(ctx, deputies.error());
  if (*format == Format::json) {
    Json out = Json::array();
    for (const auto& d : *deputies) {
      out.push_back({{"code", d.code},
                     {"name", d.name},
                     {"level", std::string(model::chinese_name(d.level))},
                     {"delegation", d.delegation},
                     {"station", d.station},
                     {"term", d.term}});
    }
    ctx.out << out.dump(2) << "\n";
    return 0;
  }
  TextTable t({"代表编号", "姓名", "层级", "代表团", "联络站", "届次"});
  for (const auto& d : *deputies) {
    t.add({d.code, d.name, std::string(model::chinese_name(d.level)), d.delegation, d.station,
           std::to_string(d.term)});
  }
  ctx.out << t.render() << "共 " << deputies->size() << " 名代表\n";
  return 0;
}

// --- suggestions ---

int run_suggestions_list(Context& ctx, const Args& args) {
  auto year = year_arg(args, false);
  if (!year) return report(ctx, year.error());
  auto format = parse_format(args.get_or("format", "table"));
  if (!format) return report(ctx, format.error());
  auto rules = deadline_rules(args);
  if (!rules) return report(ctx, rules.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto all =
      (*store)->congress().suggestions({.year = *year, .unit_code = args.get_or("unit", "")});
  if (!all) return report(ctx, all.error());
  if (*format == Format::json) {
    Json out = Json::array();
    for (const auto& s : *all) out.push_back(congress::suggestion_json(s, *rules));
    ctx.out << out.dump(2) << "\n";
    return 0;
  }
  TextTable t({"编号", "标题", "时段", "分类", "主办单位", "交办", "答复", "分类", "反馈", "督办"});
  for (const auto& s : *all) {
    const auto& r = s.final_reply();
    t.add({s.number, s.title, std::string(model::chinese_name(s.period)), s.category, s.lead_unit,
           opt_date(s.assigned), r ? r->date.to_string() : "",
           r ? std::string(model::to_string(r->reply_class)) : "",
           r && r->feedback ? std::string(model::chinese_name(*r->feedback)) : "", s.supervisor});
  }
  ctx.out << t.render() << "共 " << all->size() << " 件\n";
  return 0;
}

int run_suggestions_show(Context& ctx, const Args& args) {
  auto rules = deadline_rules(args);
  if (!rules) return report(ctx, rules.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto s = (*store)->congress().suggestion(args.positional[0]);
  if (!s) return report(ctx, s.error());
  if (!*s) return report(ctx, Error::not_found("没有这件代表建议: " + args.positional[0]));
  const auto& g = **s;
  if (args.get_or("format", "table") == "json") {
    ctx.out << congress::suggestion_json(g, *rules).dump(2) << "\n";
    return 0;
  }
  ctx.out << g.number << "  " << g.title << "\n"
          << "领衔代表: " << g.lead_deputy
          << (g.co_deputies.empty() ? "" : "；附议: " + join(g.co_deputies)) << "\n"
          << "时段: " << model::chinese_name(g.period)
          << (g.session_no ? "（第 " + std::to_string(g.session_no) + " 次会议）" : "")
          << "  分类: " << g.category << "  登记: " << g.received.to_string() << "\n";
  if (g.assigned) {
    ctx.out << "交办: " << g.assigned->to_string() << "  主办: " << g.lead_unit
            << (g.co_units.empty() ? "" : "  会办: " + join(g.co_units))
            << "  答复期限: " << congress::reply_deadline(g, *rules)->to_string()
            << (g.complex ? "（复杂建议）" : "") << "\n";
  }
  auto print_reply = [&](const char* label, const std::optional<model::Reply>& r) {
    if (!r) return;
    ctx.out << label << r->date.to_string() << "  " << model::to_string(r->reply_class) << "类（"
            << model::chinese_name(r->reply_class) << "）"
            << (r->text.empty() ? "" : "  " + r->text) << "\n";
    if (r->feedback)
      ctx.out << "  代表反馈: " << model::chinese_name(*r->feedback) << "  "
              << opt_date(r->feedback_date) << "\n";
  };
  print_reply("答复: ", g.reply);
  if (auto d = congress::second_deadline(g, *rules))
    ctx.out << "二次办理期限: " << d->to_string() << "\n";
  print_reply("二次答复: ", g.second_reply);
  if (g.key_supervised()) {
    ctx.out << "重点督办: " << g.supervisor << "\n";
    for (const auto& a : g.actions)
      ctx.out << "  " << a.date.to_string() << " " << a.kind << " " << a.note << "\n";
  }
  if (!g.text.empty()) ctx.out << "\n" << g.text << "\n";
  return 0;
}

int run_suggestions_export(Context& ctx, const Args& args) {
  auto year = year_arg(args, false);
  if (!year) return report(ctx, year.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto n = congress::export_suggestions(**store, *year, args.positional[0]);
  if (!n) return report(ctx, n.error());
  ctx.out << "已导出代表建议 " << *n << " 件到 " << args.positional[0] << "\n";
  return 0;
}

int print_suggestion_line(Context& ctx, const Result<model::Suggestion>& s,
                          const std::string& what) {
  if (!s) return report(ctx, s.error());
  ctx.out << "建议 " << s->number << " " << what << "\n";
  return 0;
}

int run_assign(Context& ctx, const Args& args) {
  congress::Assignment a;
  auto lead = args.require("lead");
  if (!lead) return report(ctx, lead.error());
  a.lead_unit = *lead;
  for (const auto& c : args.all("co")) {
    for (auto& u : text::split(c, ',')) {
      if (!u.empty()) a.co_units.push_back(u);
    }
  }
  auto date = date_arg(args, "date");
  if (!date) return report(ctx, date.error());
  a.date = *date;
  a.complex = args.has("complex");
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  return print_suggestion_line(
      ctx, congress::assign(**store, args.positional[0], a),
      "已交办: 主办 " + a.lead_unit + (a.co_units.empty() ? "" : "，会办 " + join(a.co_units)));
}

int run_reply(Context& ctx, const Args& args) {
  model::Reply r;
  auto date = date_arg(args, "date");
  if (!date) return report(ctx, date.error());
  r.date = *date;
  auto cls_text = args.require("class");
  if (!cls_text) return report(ctx, cls_text.error());
  auto cls = model::parse_reply_class(*cls_text);
  if (!cls)
    return report(ctx, Error::invalid_input("--class: 应为 A、B 或 C: \"" + *cls_text + "\""));
  r.reply_class = *cls;
  r.text = args.get_or("text", "");
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto s = congress::reply(**store, args.positional[0], r, args.get_or("unit", ""));
  return print_suggestion_line(ctx, s, s && s->second_reply ? "已记录二次答复" : "已记录答复");
}

int run_feedback(Context& ctx, const Args& args) {
  auto text = args.require("feedback");
  if (!text) return report(ctx, text.error());
  auto fb = model::parse_feedback(*text);
  if (!fb)
    return report(
        ctx, Error::invalid_input("--feedback: 应为 满意、基本满意 或 不满意: \"" + *text + "\""));
  auto date = date_arg(args, "date");
  if (!date) return report(ctx, date.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  return print_suggestion_line(ctx,
                               congress::record_feedback(**store, args.positional[0], *fb, *date),
                               "已记录代表反馈: " + std::string(model::chinese_name(*fb)) +
                                   (*fb == model::Feedback::unsatisfied ? "（进入二次办理）" : ""));
}

int run_supervise(Context& ctx, const Args& args) {
  std::optional<model::SupervisionAction> action;
  if (auto kind = args.get("action")) {
    auto date = date_arg(args, "date");
    if (!date) return report(ctx, date.error());
    action = model::SupervisionAction{*date, *kind, args.get_or("note", "")};
  }
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  return print_suggestion_line(
      ctx, congress::supervise(**store, args.positional[0], args.get_or("leader", ""), action),
      "已记录重点督办");
}

int run_status(Context& ctx, const Args& args) {
  auto year = year_arg(args, false);
  if (!year) return report(ctx, year.error());
  auto as_of = date_option(args, "as-of", ctx.clock->today(), DateEnd::year_end);
  if (!as_of) return report(ctx, as_of.error());
  auto format = parse_format(args.get_or("format", "table"));
  if (!format) return report(ctx, format.error());
  auto rules = deadline_rules(args);
  if (!rules) return report(ctx, rules.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto all =
      (*store)->congress().suggestions({.year = *year, .unit_code = args.get_or("unit", "")});
  if (!all) return report(ctx, all.error());
  auto st = congress::status(*all, *rules, *as_of);
  bool warnings_only = !args.has("all");
  // Per handling unit, the unit with the latest item first.
  std::map<std::string, std::vector<const congress::SuggestionStatus*>> by_unit;
  for (const auto& s : st) {
    if (warnings_only && !congress::is_warning(s.state)) continue;
    by_unit[s.lead_unit.empty() ? "（未交办）" : s.lead_unit].push_back(&s);
  }
  std::vector<std::string> units;
  for (const auto& [u, items] : by_unit) units.push_back(u);
  std::stable_sort(units.begin(), units.end(), [&](const std::string& a, const std::string& b) {
    return by_unit[a].front()->days_late > by_unit[b].front()->days_late;
  });
  if (*format == Format::json) {
    Json out = {
        {"as_of", as_of->to_string()}, {"rules_source", rules->source}, {"units", Json::array()}};
    for (const auto& u : units) {
      Json items = Json::array();
      for (const auto* s : by_unit[u]) {
        items.push_back({{"number", s->number},
                         {"title", s->title},
                         {"state", std::string(congress::chinese_name(s->state))},
                         {"warning", congress::is_warning(s->state)},
                         {"deadline", s->deadline ? Json(s->deadline->to_string()) : Json(nullptr)},
                         {"days_late", s->days_late},
                         {"explanation", s->explanation}});
      }
      out["units"].push_back({{"unit", u}, {"items", items}});
    }
    ctx.out << out.dump(2) << "\n";
    return 0;
  }
  ctx.out << "代表建议办理状态，截至 " << as_of->to_string() << "（期限依据: " << rules->source
          << "）\n";
  if (units.empty()) {
    ctx.out << (warnings_only ? "没有需要提醒的建议（--all 显示全部）\n" : "没有建议\n");
    return 0;
  }
  TextTable t({"主办单位", "编号", "状态", "期限", "说明"});
  for (const auto& u : units) {
    for (const auto* s : by_unit[u]) {
      t.add({u, s->number, std::string(congress::chinese_name(s->state)), opt_date(s->deadline),
             s->explanation});
    }
  }
  ctx.out << t.render();
  return 0;
}

int run_similar(Context& ctx, const Args& args) {
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto all = (*store)->congress().suggestions({});
  if (!all) return report(ctx, all.error());
  std::string query;
  std::string exclude;
  if (auto number = args.get("number")) {
    auto it =
        std::find_if(all->begin(), all->end(), [&](const auto& s) { return s.number == *number; });
    if (it == all->end()) return report(ctx, Error::not_found("没有这件代表建议: " + *number));
    query = it->title + "。" + it->title + "。" + it->text;
    exclude = *number;
  } else {
    auto title = args.require("title");
    if (!title)
      return report(ctx,
                    Error::invalid_input("需要 --title TEXT（可加 --text TEXT）或 --number N"));
    query = *title + "。" + *title + "。" + args.get_or("text", "");
  }
  // Only earlier suggestions that have been assigned teach who handles what.
  std::vector<model::Suggestion> history;
  for (auto& s : *all) {
    if (s.number != exclude && !s.lead_unit.empty()) history.push_back(std::move(s));
  }
  auto top = args.get_int("top", 1, 100);
  if (!top) return report(ctx, top.error());
  const int k = top->value_or(5);
  auto proposal = congress::propose_handlers(query, history, k);
  if (args.get_or("format", "table") == "json") {
    Json n = Json::array();
    for (const auto& s : proposal.neighbours) {
      n.push_back({{"number", s.number},
                   {"year", s.year},
                   {"title", s.title},
                   {"lead_unit", s.lead_unit},
                   {"co_units", s.co_units},
                   {"similarity", std::round(s.similarity * 1000) / 1000}});
    }
    ctx.out << Json{{"proposed_lead_unit", proposal.lead_unit},
                    {"confidence", std::round(proposal.confidence * 1000) / 1000},
                    {"proposed_co_units", proposal.co_units},
                    {"similar", n}}
                   .dump(2)
            << "\n";
    return 0;
  }
  TextTable t({"编号", "年度", "相似度", "主办单位", "会办单位", "标题"});
  for (const auto& s : proposal.neighbours) {
    char sim[16];
    std::snprintf(sim, sizeof sim, "%.3f", s.similarity);
    t.add({s.number, std::to_string(s.year), sim, s.lead_unit, join(s.co_units), s.title});
  }
  ctx.out << t.render();
  if (proposal.lead_unit.empty()) {
    ctx.out << "历史建议中没有相似的，无法建议交办单位\n";
  } else {
    char conf[16];
    std::snprintf(conf, sizeof conf, "%.0f%%", proposal.confidence * 100);
    ctx.out << "建议交办: 主办 " << proposal.lead_unit << "（相似建议加权票数 " << conf << "）"
            << (proposal.co_units.empty() ? "" : "，会办 " + join(proposal.co_units))
            << "；请确认后用 congress suggestions assign 交办\n";
  }
  return 0;
}

int run_search(Context& ctx, const Args& args) {
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto limit = args.get_int("limit", 1, 1000);
  if (!limit) return report(ctx, limit.error());
  auto hits = (*store)->congress().search(args.positional[0], limit->value_or(20));
  if (!hits) return report(ctx, hits.error());
  TextTable t({"编号", "年度", "标题", "匹配"});
  for (const auto& h : *hits) t.add({h.number, std::to_string(h.year), h.title, h.snippet});
  ctx.out << t.render() << "共 " << hits->size() << " 件\n";
  return 0;
}

// Held-back evaluation: suggestions of --year are proposed from the earlier years only.
int run_evaluate(Context& ctx, const Args& args) {
  auto year = year_arg(args);
  if (!year) return report(ctx, year.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto all = (*store)->congress().suggestions({});
  if (!all) return report(ctx, all.error());
  std::vector<model::Suggestion> history, held;
  for (const auto& s : *all) {
    if (s.lead_unit.empty() || !s.assigned) continue;
    if (s.assigned->year() < *year) history.push_back(s);
    if (s.assigned->year() == *year) held.push_back(s);
  }
  auto top = args.get_int("top", 1, 100);
  if (!top) return report(ctx, top.error());
  auto acc = congress::measure_proposals(history, held, top->value_or(5));
  ctx.out << "历史（" << *year << " 年以前）" << history.size() << " 件，留出检验（" << *year
          << " 年）" << acc.tested << " 件: 建议主办单位与实际一致 " << acc.correct
          << " 件，准确率 " << acc.accuracy().percent_text(1) << "；无法建议 " << acc.no_proposal
          << " 件\n";
  return 0;
}

// --- activities and duty assessment ---

int run_activities_list(Context& ctx, const Args& args) {
  auto year = year_arg(args);
  if (!year) return report(ctx, year.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto all = (*store)->congress().activities(*year, args.get_or("deputy", ""));
  if (!all) return report(ctx, all.error());
  TextTable t({"代表编号", "日期", "活动", "群众人次", "佐证"});
  for (const auto& a : *all) {
    t.add({a.deputy_code, a.date.to_string(), std::string(model::chinese_name(a.kind)),
           a.people ? std::to_string(a.people) : "", a.evidence});
  }
  ctx.out << t.render() << "共 " << all->size() << " 条\n";
  return 0;
}

int run_assess(Context& ctx, const Args& args) {
  auto year = year_arg(args);
  if (!year) return report(ctx, year.error());
  auto format = parse_format(args.get_or("format", "table"));
  if (!format) return report(ctx, format.error());
  auto rules = points_rules(args, *year);
  if (!rules) return report(ctx, rules.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto records = congress::assess(**store, *year, *rules);
  if (!records) return report(ctx, records.error());
  std::string only = args.get_or("deputy", "");
  std::string delegation = args.get_or("delegation", "");
  if (*format == Format::json) {
    Json out = {{"year", *year},
                {"rules", rules->file},
                {"source", rules->source},
                {"deputies", Json::array()}};
    for (const auto& r : *records) {
      if ((!only.empty() && r.deputy.code != only) ||
          (!delegation.empty() && r.deputy.delegation != delegation))
        continue;
      Json lines = Json::array();
      for (const auto& l : r.lines) {
        lines.push_back({{"item", l.item},
                         {"label", l.label},
                         {"count", l.count},
                         {"points", l.points.to_string()},
                         {"explanation", l.explanation}});
      }
      out["deputies"].push_back({{"code", r.deputy.code},
                                 {"name", r.deputy.name},
                                 {"delegation", r.deputy.delegation},
                                 {"total", r.total.to_string()},
                                 {"rank_in_delegation", r.rank_in_delegation},
                                 {"suggestions_led", r.suggestions_led},
                                 {"suggestions_cosigned", r.suggestions_cosigned},
                                 {"people_received", r.people_received},
                                 {"lines", lines}});
    }
    ctx.out << out.dump(2) << "\n";
    return 0;
  }
  ctx.out << *year << " 年代表履职量化考核（规则: " << rules->file
          << (rules->source.empty() ? "" : "；依据: " + rules->source) << "）\n";
  if (!only.empty()) {
    auto it = std::find_if(records->begin(), records->end(),
                           [&](const auto& r) { return r.deputy.code == only; });
    if (it == records->end()) return report(ctx, Error::not_found("代表名册中没有代表: " + only));
    ctx.out << it->deputy.name << "（" << it->deputy.code << "，" << it->deputy.delegation
            << "代表团，" << it->deputy.station << "）: " << it->total.to_string()
            << " 分，代表团内第 " << it->rank_in_delegation << " 名\n";
    for (const auto& l : it->lines) ctx.out << "  " << l.explanation << "\n";
    ctx.out << "履职活动 " << it->activities.size() << " 次，领衔建议 "
            << it->suggestions_led.size() << " 件，附议建议 " << it->suggestions_cosigned.size()
            << " 件，接待群众 " << it->people_received << " 人次\n";
    for (const auto& a : it->activities) {
      ctx.out << "  " << a.date.to_string() << " " << model::chinese_name(a.kind)
              << (a.people ? "（" + std::to_string(a.people) + " 人次）" : "") << " " << a.evidence
              << "\n";
    }
    return 0;
  }
  TextTable t({"代表团", "名次", "代表编号", "姓名", "总分", "活动", "领衔", "附议"},
              {text::Align::left, text::Align::right});
  for (const auto& r : *records) {
    if (!delegation.empty() && r.deputy.delegation != delegation) continue;
    t.add({r.deputy.delegation, std::to_string(r.rank_in_delegation), r.deputy.code, r.deputy.name,
           r.total.to_string(), std::to_string(r.activities.size()),
           std::to_string(r.suggestions_led.size()),
           std::to_string(r.suggestions_cosigned.size())});
  }
  ctx.out << t.render();
  return 0;
}

// Renders `doc` in --format (docx, pdf, html, md) to -o FILE.
int write_document(Context& ctx, const Args& args, const report::Document& doc) {
  auto format = report::parse_format(args.get_or("format", "docx"));
  if (!format) return report(ctx, format.error());
  // `-o FILE` arrives as two positional words (the parser knows only long options), as in `jixiao
  // report`.
  std::optional<std::string> path = args.get("output");
  if (!path && args.positional.size() == 2 && args.positional[0] == "-o") path = args.positional[1];
  if (!path) return report(ctx, Error::invalid_input("缺少输出文件: -o FILE 或 --output FILE"));
  auto rendered = report::render(doc, *format);
  if (!rendered) return report(ctx, rendered.error());
  for (const auto& n : rendered->notices) ctx.err << n << "\n";
  std::ofstream out(*path, std::ios::binary | std::ios::trunc);
  out << rendered->bytes;
  out.close();
  if (!out) return report(ctx, Error::io("写入文件失败: " + *path));
  ctx.out << "已生成「" << doc.title << "」: " << *path << "\n";
  return 0;
}

// 代表履职报告 (--deputy) or the office's 履职简报 (without).
int run_duty_document(Context& ctx, const Args& args) {
  auto year = year_arg(args);
  if (!year) return report(ctx, year.error());
  auto rules = points_rules(args, *year);
  if (!rules) return report(ctx, rules.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto records = congress::assess(**store, *year, *rules);
  if (!records) return report(ctx, records.error());
  if (auto code = args.get("deputy")) {
    auto it = std::find_if(records->begin(), records->end(),
                           [&](const auto& r) { return r.deputy.code == *code; });
    if (it == records->end()) return report(ctx, Error::not_found("代表名册中没有代表: " + *code));
    return write_document(ctx, args, report::build_deputy_report(*it, *rules));
  }
  auto dr = deadline_rules(args);
  if (!dr) return report(ctx, dr.error());
  auto f = congress::figures(**store, *year, *dr);
  if (!f) return report(ctx, f.error());
  return write_document(ctx, args, report::build_duty_bulletin(*f, *records, *rules));
}

// --- records and figures ---

int run_records_list(Context& ctx, const Args& args) {
  auto year = year_arg(args);
  if (!year) return report(ctx, year.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto all = (*store)->congress().records(*year);
  if (!all) return report(ctx, all.error());
  TextTable t({"日期", "类别", "名称", "数量", "佐证"});
  for (const auto& r : *all) {
    t.add({r.date.to_string(), std::string(model::chinese_name(r.kind)), r.title,
           std::to_string(r.count) + std::string(model::measure_unit(r.kind)), r.evidence});
  }
  ctx.out << t.render() << "共 " << all->size() << " 条\n";
  return 0;
}

int run_figures(Context& ctx, const Args& args) {
  auto year = year_arg(args);
  if (!year) return report(ctx, year.error());
  auto format = parse_format(args.get_or("format", "table"));
  if (!format) return report(ctx, format.error());
  auto rules = deadline_rules(args);
  if (!rules) return report(ctx, rules.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto f = congress::figures(**store, *year, *rules);
  if (!f) return report(ctx, f.error());
  if (*format == Format::json) {
    ctx.out << congress::figures_json(*f) << "\n";
    return 0;
  }
  const auto& s = f->suggestions;
  auto pct = [](const Rate& r) { return r.defined() ? r.percent_text(1) : std::string("—"); };
  TextTable t({"项目", "数值", "口径"}, {text::Align::left, text::Align::right});
  t.add({"会议期间交办代表建议", std::to_string(s.session) + "件",
         "交办日期在本年、提出时段为会议期间"});
  t.add({"闭会期间交办代表建议", std::to_string(s.recess) + "件",
         "交办日期在本年、提出时段为闭会期间"});
  t.add({"交办合计", std::to_string(s.total) + "件", ""});
  t.add({"按期答复率", pct(s.answered_on_time_rate()),
         std::to_string(s.answered_on_time) + " 件在期限内答复 / " + std::to_string(s.total) +
             " 件"});
  t.add({"A+B 类占比", pct(s.ab_share()),
         std::to_string(s.ab) + " 件已解决或列入计划 / " + std::to_string(s.total) + " 件"});
  t.add({"较上年变化",
         f->ab_share_change().defined() ? f->ab_share_change().percent(1) + " 个百分点" : "—",
         f->previous ? "上年 " + pct(f->previous->ab_share()) : "上年没有交办的建议"});
  t.add({"满意和基本满意率", pct(s.satisfied_rate()),
         std::to_string(s.satisfied) + " / " + std::to_string(s.with_feedback) +
             " 件有反馈（以最终答复的反馈计）"});
  t.add({"重点督办", std::to_string(s.key_supervised) + "件", ""});
  t.add_separator();
  for (const auto& [kind, n] : f->records) {
    t.add({std::string(model::chinese_name(kind)),
           std::to_string(n) + std::string(model::measure_unit(kind)), "工作记录合计"});
  }
  t.add({"听取审议各类报告", std::to_string(f->reports_total()) + "份", "四类报告合计"});
  ctx.out << *year << " 年人大工作数据（来自代表建议登记和工作记录）\n" << t.render();
  ctx.out << congress::suggestions_sentence(*f) << "\n" << congress::records_sentence(*f) << "\n";
  return 0;
}

}  // namespace

void register_congress(Registry& registry) {
  const OptionSpec k_dry_run{"dry-run", "", "只校验，列出全部错误，不写入"};
  const OptionSpec year_opt{"year", "Y", "交办年度（默认全部）"};
  registry.add({{"congress", "deputies", "import"},
                "导入代表名册（CSV 或 XLSX）；全部成功或全部不导入",
                "FILE [--dry-run]",
                {k_dry_run},
                1,
                1,
                [](Context& c, const Args& a) {
                  return run_import_with(c, a, congress::import_deputies, "代表名册");
                }});
  registry.add({{"congress", "deputies", "list"},
                "列出代表名册",
                "[--format FMT]",
                {k_format},
                0,
                0,
                run_deputies_list});
  registry.add({{"congress", "suggestions", "import"},
                "导入代表建议（一行一件，中文表头；CSV 或 XLSX）；全部成功或全部不导入",
                "FILE [--dry-run]",
                {k_dry_run},
                1,
                1,
                [](Context& c, const Args& a) {
                  return run_import_with(c, a, congress::import_suggestions, "代表建议");
                }});
  registry.add({{"congress", "suggestions", "export"},
                "导出代表建议（XLSX 或 CSV，与导入格式相同）",
                "FILE [--year Y]",
                {year_opt},
                1,
                1,
                run_suggestions_export});
  registry.add({{"congress", "suggestions", "list"},
                "列出代表建议",
                "[--year Y] [--unit CODE] [--format FMT]",
                {year_opt, {"unit", "CODE", "只列出该单位主办或会办的建议"}, k_format, k_rules},
                0,
                0,
                run_suggestions_list});
  registry.add({{"congress", "suggestions", "show"},
                "显示一件代表建议（办理过程、期限、答复、反馈、督办）",
                "NUMBER [--format FMT]",
                {k_format, k_rules},
                1,
                1,
                run_suggestions_show});
  registry.add({{"congress", "suggestions", "assign"},
                "交办: 主办单位、会办单位、交办日期",
                "NUMBER --lead UNIT [--co U1,U2] --date D [--complex]",
                {{"lead", "UNIT", "主办单位编码"},
                 {"co", "UNITS", "会办单位编码，逗号分隔", true},
                 {"date", "D", "交办日期"},
                 {"complex", "", "涉及面广、处理难度大（适用较长的答复期限）"}},
                1,
                1,
                run_assign});
  registry.add(
      {{"congress", "suggestions", "reply"},
       "记录答复（首次答复，或不满意后的二次答复）",
       "NUMBER --date D --class A|B|C [--text T] [--unit CODE]",
       {{"date", "D", "答复日期"},
        {"class", "C", "答复分类: A 已解决或基本解决、B 列入计划逐步解决、C 因条件限制留作参考"},
        {"text", "T", "答复内容摘要"},
        {"unit", "CODE", "以该承办单位身份答复（须为主办单位）"}},
       1,
       1,
       run_reply});
  registry.add({{"congress", "suggestions", "feedback"},
                "记录代表对答复的反馈（满意、基本满意、不满意）",
                "NUMBER --feedback F --date D",
                {{"feedback", "F", "满意、基本满意 或 不满意"}, {"date", "D", "反馈日期"}},
                1,
                1,
                run_feedback});
  registry.add({{"congress", "suggestions", "supervise"},
                "重点督办: 督办领导及督办活动（调研、座谈、听取汇报 …）",
                "NUMBER [--leader NAME] [--action KIND --date D [--note T]]",
                {{"leader", "NAME", "督办领导"},
                 {"action", "KIND", "督办方式"},
                 {"date", "D", "督办日期"},
                 {"note", "T", "说明"}},
                1,
                1,
                run_supervise});
  registry.add({{"congress", "suggestions", "status"},
                "办理状态与提醒（即将到期、逾期、不满意待二次办理），按承办单位、逾期天数排列",
                "[--year Y] [--as-of DATE] [--unit CODE] [--all] [--format FMT]",
                {year_opt,
                 {"as-of", "DATE", "截至日期（默认今天）"},
                 {"unit", "CODE", "只看该单位"},
                 {"all", "", "显示全部建议，不只提醒"},
                 k_format,
                 k_rules},
                0,
                0,
                run_status});
  registry.add({{"congress", "suggestions", "similar"},
                "相似的历年建议及其承办单位，据此建议交办（精准分类交办，须人工确认）",
                "(--title T [--text X] | --number N) [--top K] [--format FMT]",
                {{"title", "T", "新建议的标题"},
                 {"text", "X", "新建议的内容"},
                 {"number", "N", "已登记建议的编号"},
                 {"top", "K", "列出最相似的 K 件（默认 5）"},
                 k_format},
                0,
                0,
                run_similar});
  registry.add({{"congress", "suggestions", "search"},
                "全文检索历年代表建议（标题和内容）",
                "QUERY [--limit N]",
                {{"limit", "N", "最多列出 N 件（默认 20）"}},
                1,
                1,
                run_search});
  registry.add({{"congress", "suggestions", "evaluate"},
                "留出检验: 用此前各年的建议为该年建议推荐主办单位，统计准确率",
                "--year Y [--top K]",
                {{"year", "Y", "留出检验的年度"}, {"top", "K", "投票的相似建议数（默认 5）"}},
                0,
                0,
                run_evaluate});
  registry.add({{"congress", "activities", "import"},
                "导入代表履职活动（CSV 或 XLSX）；全部成功或全部不导入",
                "FILE [--dry-run]",
                {k_dry_run},
                1,
                1,
                [](Context& c, const Args& a) {
                  return run_import_with(c, a, congress::import_activities, "代表履职活动");
                }});
  registry.add({{"congress", "activities", "list"},
                "列出代表履职活动",
                "--year Y [--deputy CODE]",
                {k_year, {"deputy", "CODE", "代表编号"}},
                0,
                0,
                run_activities_list});
  registry.add({{"congress", "activities", "assess"},
                "代表履职量化考核: 逐项积分及说明，代表团内排名；--deputy 显示个人履职档案",
                "--year Y [--deputy CODE] [--delegation NAME] [--points FILE] [--format FMT]",
                {k_year,
                 {"deputy", "CODE", "代表编号（显示其履职档案）"},
                 {"delegation", "NAME", "只看该代表团"},
                 {"points", "FILE", "履职积分规则（默认 data/congress/duty_points_<年度>.csv）"},
                 k_format},
                0,
                0,
                run_assess});
  registry.add({{"congress", "activities", "report"},
                "生成代表履职报告（--deputy，代表向选民的年度报告）或人大代表履职简报（不带 "
                "--deputy）: DOCX、PDF、HTML 或 Markdown",
                "--year Y [--deputy CODE] --format docx|pdf|html|md -o FILE",
                {k_year,
                 {"deputy", "CODE", "代表编号"},
                 {"format", "FMT", "docx（默认）、pdf、html 或 md"},
                 {"output", "FILE", "输出文件（或 -o FILE）"},
                 {"points", "FILE", "履职积分规则"},
                 k_rules},
                0,
                2,
                run_duty_document});
  registry.add({{"congress", "records", "import"},
                "导入人大工作记录（会议、报告、执法检查、任免 …）；全部成功或全部不导入",
                "FILE [--dry-run]",
                {k_dry_run},
                1,
                1,
                [](Context& c, const Args& a) {
                  return run_import_with(c, a, congress::import_records, "人大工作记录");
                }});
  registry.add({{"congress", "records", "list"},
                "列出人大工作记录",
                "--year Y",
                {k_year},
                0,
                0,
                run_records_list});
  registry.add(
      {{"congress", "figures"},
       "年度人大工作数据: 建议件数、按期答复率、A+B 占比及变化、满意率、重点督办、各类工作记录",
       "--year Y [--format table|json]",
       {k_year, k_format, k_rules},
       0,
       0,
       run_figures});
}

}  // namespace jixiao::cli
