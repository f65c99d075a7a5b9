// server/routes_congress.cpp — the people's-congress register over HTTP: figures, suggestions
// (list, one, status, search, similar), 交办, 答复, 反馈, 重点督办, file imports (dry run, then
// confirm), the XLSX export, work records, deputies, their duty points and documents.
//
// Who sees what: admin and bureau see everything; the office (a user of a unit whose goals are
// computed from the congress records, congress::is_office_unit) registers, assigns and records
// feedback on every suggestion; any other unit's users see only the suggestions their units
// handle (lead or co), and its editors answer only those their unit leads.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "congress/congress.hpp"
#include "congress/congress_json.hpp"
#include "report/congress_reports.hpp"
#include "report/report.hpp"
#include "server/app.hpp"
#include "server/form_data.hpp"

namespace jixiao::server {
namespace {

#ifndef JIXIAO_DATA_DEFAULT_DIR
#define JIXIAO_DATA_DEFAULT_DIR "data"
#endif

// The shipped rules folder: $JIXIAO_DATA_DIR/congress (as the CLI), else the source tree's.
std::filesystem::path congress_dir() {
  if (const char* env = std::getenv("JIXIAO_DATA_DIR"); env != nullptr && *env != '\0') {
    return std::filesystem::path(env) / "congress";
  }
  return std::filesystem::path(JIXIAO_DATA_DEFAULT_DIR) / "congress";
}

// The deadline rules shipped with the program (data/congress/deadline_rules.csv), else the
// defaults. A broken file is the installer's error: it is reported on every request.
Result<congress::DeadlineRules> rules_of(App&) {
  auto file = congress_dir() / "deadline_rules.csv";
  if (!std::filesystem::exists(file)) return congress::DeadlineRules{};
  return congress::load_deadline_rules(file.string());
}

// Whether the signed-in user acts for the office (sees and manages every suggestion).
Result<bool> acts_as_office(Call& call, store::Store& s) {
  const Principal& u = call.user();
  if (u.role == store::Role::admin || u.role == store::Role::bureau) return true;
  // The office of the year asked about, or of the latest budget year: the register of a new
  // year (its suggestions assigned in January) is kept before that year's goals are set.
  std::set<int> years;
  if (!call.req().query_or("year").empty()) {
    auto year = year_of(call);
    if (!year) return fail(std::move(year.error()));
    years.insert(*year);
  }
  auto budget_years = s.ledger().fiscal_years();
  if (!budget_years) return fail(std::move(budget_years.error()));
  if (!budget_years->empty()) years.insert(budget_years->back());
  for (const auto& unit : u.unit_codes) {
    for (int year : years) {
      auto office = congress::is_office_unit(s, unit, year);
      if (!office) return fail(std::move(office.error()));
      if (*office) return true;
    }
  }
  return false;
}

bool sees(const Principal& user, const model::Suggestion& s) {
  return std::any_of(user.unit_codes.begin(), user.unit_codes.end(),
                     [&](const std::string& u) { return s.handled_by(u); });
}

// The suggestions the user may see, of `year` (0: all years).
Result<std::vector<model::Suggestion>> visible(Call& call, store::Store& s, int year) {
  auto office = acts_as_office(call, s);
  if (!office) return fail(std::move(office.error()));
  auto all = s.congress().suggestions({.year = year});
  if (!all) return fail(std::move(all.error()));
  if (*office) return all;
  std::vector<model::Suggestion> mine;
  for (auto& g : *all) {
    if (sees(call.user(), g)) mine.push_back(std::move(g));
  }
  return mine;
}

Result<int> optional_year(Call& call) {
  std::string text = call.req().query_or("year");
  if (text.empty()) return 0;
  return year_of(call);
}

Result<model::Suggestion> visible_one(Call& call, store::Store& s) {
  const std::string& number = call.req().params.at("number");
  auto found = s.congress().suggestion(number);
  if (!found) return fail(std::move(found.error()));
  if (!*found) return fail(Error::not_found("没有这件代表建议: " + number));
  auto office = acts_as_office(call, s);
  if (!office) return fail(std::move(office.error()));
  if (!*office && !sees(call.user(), **found)) {
    return fail(Error::permission("用户 " + call.user().name + " 的单位不承办建议 " + number +
                                  "，无权查看"));
  }
  return std::move(**found);
}

Result<void> require_office(Call& call, store::Store& s, const std::string& what) {
  auto office = acts_as_office(call, s);
  if (!office) return fail(std::move(office.error()));
  if (!*office || call.user().role == store::Role::viewer ||
      call.user().role == store::Role::bureau) {
    return fail(Error::permission("用户 " + call.user().name + " 无权" + what +
                                  "，只有人大常委会办公室的填报用户和管理员可以"));
  }
  return {};
}

Result<Date> date_field(const Json& body, const std::string& field) {
  auto text = string_field(body, field);
  if (!text) return fail(std::move(text.error()));
  auto d = parse_date(*text);
  if (!d)
    return fail(
        Error::invalid_input("字段 " + field + ": " + d.error().message(), {.field = field}));
  return *d;
}

Result<ApiResponse> figures(App& app, Call& call) {
  auto year = year_of(call);
  if (!year) return fail(std::move(year.error()));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto rules = rules_of(app);
  if (!rules) return fail(std::move(rules.error()));
  auto f = congress::figures(**s, *year, *rules);
  if (!f) return fail(std::move(f.error()));
  Json j = Json::parse(congress::figures_json(*f));
  j["sentences"] = {congress::records_sentence(*f), congress::suggestions_sentence(*f)};
  return json_response(j);
}

Result<ApiResponse> list_suggestions(App& app, Call& call) {
  auto page = page_of(call.req());
  if (!page) return fail(std::move(page.error()));
  auto year = optional_year(call);
  if (!year) return fail(std::move(year.error()));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto list = visible(call, **s, *year);
  if (!list) return fail(std::move(list.error()));
  std::string unit = call.req().query_or("unit");
  auto rules = rules_of(app);
  if (!rules) return fail(std::move(rules.error()));
  Json all = Json::array();
  for (const auto& g : *list) {
    if (!unit.empty() && !g.handled_by(unit)) continue;
    all.push_back(congress::suggestion_json(g, *rules));
  }
  return json_response(paged(all, *page));
}

Result<ApiResponse> get_suggestion(App& app, Call& call) {
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto one = visible_one(call, **s);
  if (!one) return fail(std::move(one.error()));
  auto rules = rules_of(app);
  if (!rules) return fail(std::move(rules.error()));
  return json_response(congress::suggestion_json(*one, *rules));
}

Result<ApiResponse> status(App& app, Call& call) {
  auto year = optional_year(call);
  if (!year) return fail(std::move(year.error()));
  auto given = as_of_of(call.req());
  if (!given) return fail(std::move(given.error()));
  const Date as_of = given->value_or(app.clock().today());
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto list = visible(call, **s, *year);
  if (!list) return fail(std::move(list.error()));
  auto rules = rules_of(app);
  if (!rules) return fail(std::move(rules.error()));
  Json items = Json::array();
  for (const auto& st : congress::status(*list, *rules, as_of)) {
    items.push_back({{"number", st.number},
                     {"title", st.title},
                     {"lead_unit", st.lead_unit},
                     {"state", std::string(congress::chinese_name(st.state))},
                     {"warning", congress::is_warning(st.state)},
                     {"deadline", st.deadline ? Json(st.deadline->to_string()) : Json(nullptr)},
                     {"days_late", st.days_late},
                     {"explanation", st.explanation}});
  }
  auto office = acts_as_office(call, **s);
  if (!office) return fail(std::move(office.error()));
  // `office`: whether the page offers the office's actions (import, 交办, 重点督办); the server
  // checks each again.
  return json_response({{"as_of", as_of.to_string()},
                        {"rules_source", rules->source},
                        {"office", *office},
                        {"items", items}});
}

Result<ApiResponse> search(App&, Call& call) {
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto hits = (*s)->congress().search(call.req().query_or("q"), 200);
  if (!hits) return fail(std::move(hits.error()));
  auto list = visible(call, **s, 0);
  if (!list) return fail(std::move(list.error()));
  Json items = Json::array();
  for (const auto& h : *hits) {
    bool ok = std::any_of(list->begin(), list->end(),
                          [&](const model::Suggestion& g) { return g.number == h.number; });
    if (ok)
      items.push_back(
          {{"number", h.number}, {"year", h.year}, {"title", h.title}, {"snippet", h.snippet}});
  }
  return json_response({{"items", items}, {"total", items.size()}});
}

Result<ApiResponse> similar(App&, Call& call) {
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  JIXIAO_TRY(require_office(call, **s, "查看交办建议"));
  std::string title = call.req().query_or("title");
  if (title.empty()) return fail(Error::invalid_input("缺少参数 title", {.field = "title"}));
  std::string exclude = call.req().query_or("number");
  auto all = (*s)->congress().suggestions({});
  if (!all) return fail(std::move(all.error()));
  std::vector<model::Suggestion> history;
  for (auto& g : *all) {
    if (g.number != exclude && !g.lead_unit.empty()) history.push_back(std::move(g));
  }
  auto p = congress::propose_handlers(title + "。" + title + "。" + call.req().query_or("text"),
                                      history, 5);
  return json_response(congress::proposal_json(p));
}

// Runs one write on a suggestion and audits it with the before and after states.
template <class Write>
Result<ApiResponse> write_suggestion(App& app, Call& call, const std::string& action, Write write) {
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  const std::string& number = call.req().params.at("number");
  auto before = (*s)->congress().suggestion(number);
  if (!before) return fail(std::move(before.error()));
  auto rules = rules_of(app);
  if (!rules) return fail(std::move(rules.error()));
  auto after = write(**s);
  if (!after) return fail(std::move(after.error()));
  JIXIAO_TRY(call.audit(action, "suggestion:" + number,
                        *before ? congress::suggestion_json(**before, *rules) : Json(nullptr),
                        congress::suggestion_json(*after, *rules)));
  return json_response(congress::suggestion_json(*after, *rules));
}

Result<ApiResponse> assign(App& app, Call& call) {
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  JIXIAO_TRY(require_office(call, **s, "交办代表建议"));
  auto body = body_json(call.req());
  if (!body) return fail(std::move(body.error()));
  congress::Assignment a;
  auto lead = string_field(*body, "lead_unit");
  if (!lead) return fail(std::move(lead.error()));
  a.lead_unit = *lead;
  if (auto co = body->find("co_units"); co != body->end() && co->is_array()) {
    for (const auto& u : *co) {
      if (!u.is_string())
        return fail(Error::invalid_input("co_units 应为单位编码的数组", {.field = "co_units"}));
      a.co_units.push_back(u.get<std::string>());
    }
  }
  auto date = date_field(*body, "date");
  if (!date) return fail(std::move(date.error()));
  a.date = *date;
  a.complex = body->value("complex", false);
  return write_suggestion(app, call, "congress.assign", [&](store::Store& st) {
    return congress::assign(st, call.req().params.at("number"), a);
  });
}

Result<ApiResponse> reply(App& app, Call& call) {
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto one = visible_one(call, **s);
  if (!one) return fail(std::move(one.error()));
  auto office = acts_as_office(call, **s);
  if (!office) return fail(std::move(office.error()));
  // The office may record a reply it received on paper; a handling unit answers only as lead.
  std::string as_unit;
  if (!*office || call.user().role == store::Role::bureau) {
    JIXIAO_TRY(require(call.user(), Action::write_unit, one->lead_unit));
    as_unit = one->lead_unit;
  } else {
    JIXIAO_TRY(require_office(call, **s, "记录答复"));
  }
  auto body = body_json(call.req());
  if (!body) return fail(std::move(body.error()));
  model::Reply r;
  auto date = date_field(*body, "date");
  if (!date) return fail(std::move(date.error()));
  r.date = *date;
  auto cls_text = string_field(*body, "class");
  if (!cls_text) return fail(std::move(cls_text.error()));
  auto cls = model::parse_reply_class(*cls_text);
  if (!cls)
    return fail(
        Error::invalid_input("答复分类应为 A、B 或 C: \"" + *cls_text + "\"", {.field = "class"}));
  r.reply_class = *cls;
  r.text = body->value("text", std::string());
  return write_suggestion(app, call, "congress.reply", [&](store::Store& st) {
    return congress::reply(st, call.req().params.at("number"), r, as_unit);
  });
}

Result<ApiResponse> feedback(App& app, Call& call) {
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  JIXIAO_TRY(require_office(call, **s, "记录代表反馈"));
  auto body = body_json(call.req());
  if (!body) return fail(std::move(body.error()));
  auto text = string_field(*body, "feedback");
  if (!text) return fail(std::move(text.error()));
  auto fb = model::parse_feedback(*text);
  if (!fb)
    return fail(Error::invalid_input("反馈意见应为 满意、基本满意 或 不满意: \"" + *text + "\"",
                                     {.field = "feedback"}));
  auto date = date_field(*body, "date");
  if (!date) return fail(std::move(date.error()));
  return write_suggestion(app, call, "congress.feedback", [&](store::Store& st) {
    return congress::record_feedback(st, call.req().params.at("number"), *fb, *date);
  });
}

// 重点督办: the leader (once), then each action (调研、座谈、听取汇报 …) as it happens. The
// office's.
Result<ApiResponse> supervise(App& app, Call& call) {
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  JIXIAO_TRY(require_office(call, **s, "记录重点督办"));
  auto body = body_json(call.req());
  if (!body) return fail(std::move(body.error()));
  auto leader_it = body->find("leader");
  if (leader_it != body->end() && !leader_it->is_string()) {
    return fail(Error::invalid_input("字段 leader 应为督办领导的姓名", {.field = "leader"}));
  }
  std::string leader = leader_it == body->end() ? std::string() : leader_it->get<std::string>();
  std::optional<model::SupervisionAction> action;
  if (auto a = body->find("action"); a != body->end() && !a->is_null()) {
    if (!a->is_object())
      return fail(Error::invalid_input("字段 action 应为 {kind, date, note}", {.field = "action"}));
    auto kind = string_field(*a, "kind");
    if (!kind) return fail(std::move(kind.error()));
    auto date = date_field(*a, "date");
    if (!date) return fail(std::move(date.error()));
    action = model::SupervisionAction{*date, *kind, a->value("note", std::string())};
  }
  return write_suggestion(app, call, "congress.supervise", [&](store::Store& st) {
    return congress::supervise(st, call.req().params.at("number"), leader, action);
  });
}

// The suggestions of a year (all years without `year`) in the import layout, as XLSX: the
// office's register (the bureau reads it too); a handling unit sees its own on the page.
Result<ApiResponse> export_xlsx(App&, Call& call) {
  auto year = optional_year(call);
  if (!year) return fail(std::move(year.error()));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto office = acts_as_office(call, **s);
  if (!office) return fail(std::move(office.error()));
  if (!*office) {
    return fail(
        Error::permission("用户 " + call.user().name +
                          " 无权导出全部代表建议，只有人大常委会办公室、财政局和管理员可以"));
  }
  ScratchFile scratch("suggestions.xlsx");
  auto n = congress::export_suggestions(**s, *year, scratch.path());
  if (!n) return fail(std::move(n.error()));
  std::ifstream in(scratch.path(), std::ios::binary);
  ApiResponse r;
  r.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return fail(Error::io("读取导出文件失败"));
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  std::string name = (*year ? std::to_string(*year) + "年" : std::string("历年")) + "代表建议.xlsx";
  r.headers.emplace_back("Content-Disposition", attachment_disposition("suggestions.xlsx", name));
  return r;
}

// Uploads a deputies, suggestions, activities or records file as `jixiao congress … import`
// does: all rows or none, every bad cell named (file, row, column); dry_run=1 checks and writes
// nothing, so the page shows the errors first and the office confirms. The office's.
Result<ApiResponse> upload(App&, Call& call) {
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  JIXIAO_TRY(require_office(call, **s, "导入人大工作数据"));
  const auto& req = call.req();
  const std::string kind = form_or_query(req, "kind");
  static const std::map<std::string, std::pair<congress::ImportFunction, std::string>, std::less<>>
      k_kinds = {
          {"deputies", {congress::import_deputies, "代表名册"}},
          {"suggestions", {congress::import_suggestions, "代表建议"}},
          {"activities", {congress::import_activities, "代表履职活动"}},
          {"records", {congress::import_records, "人大工作记录"}},
      };
  auto it = k_kinds.find(kind);
  if (it == k_kinds.end()) {
    return fail(Error::invalid_input(
        "参数 kind 应为 deputies、suggestions、activities 或 records: \"" + kind + "\"",
        {.field = "kind"}));
  }
  auto upload = uploaded_file(req);
  if (!upload) return fail(std::move(upload.error()));
  const UploadedFile* file = *upload;
  const bool dry = dry_run_requested(req);
  ScratchFile scratch(file->filename);
  JIXIAO_TRY(scratch.write(file->content));
  auto rows =
      it->second.first(**s, scratch.path(), {.dry_run = dry, .display_name = file->filename});
  if (!rows) return fail(std::move(rows.error()));
  Json result{{"status", dry ? "checked" : "imported"},
              {"kind", kind},
              {"what", it->second.second},
              {"file", file->filename},
              {"rows", *rows}};
  if (dry) return json_response(result);
  JIXIAO_TRY(call.audit("congress.import", "congress:" + kind, nullptr, result));
  call.invalidate_caches();
  return json_response(result, 201);
}

Result<ApiResponse> deputies(App&, Call& call) {
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto all = (*s)->congress().deputies();
  if (!all) return fail(std::move(all.error()));
  Json items = Json::array();
  for (const auto& d : *all) items.push_back(congress::deputy_json(d));
  return json_response({{"items", items}, {"total", items.size()}});
}

// The newest shipped points rules not later than `year`.
Result<congress::PointsRules> points_rules_of(int year) {
  std::string path;
  for (int y = year; y >= 2000 && path.empty(); --y) {
    auto p = congress_dir() / ("duty_points_" + std::to_string(y) + ".csv");
    if (std::filesystem::exists(p)) path = p.string();
  }
  if (path.empty())
    return fail(Error::not_found("没有 " + std::to_string(year) + " 年或更早的履职积分规则"));
  return congress::load_points_rules(path);
}

// The office's work records of a year (meetings, reports heard, inspections, appointments …),
// the rows behind the figures and the computed indicator actuals.
Result<ApiResponse> records(App&, Call& call) {
  auto year = year_of(call);
  if (!year) return fail(std::move(year.error()));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto all = (*s)->congress().records(*year);
  if (!all) return fail(std::move(all.error()));
  Json items = Json::array();
  for (const auto& r : *all) {
    items.push_back({{"date", r.date.to_string()},
                     {"kind", std::string(model::to_string(r.kind))},
                     {"kind_name", std::string(model::chinese_name(r.kind))},
                     {"title", r.title},
                     {"count", r.count},
                     {"unit", std::string(model::measure_unit(r.kind))},
                     {"evidence", r.evidence}});
  }
  return json_response({{"year", *year}, {"items", items}, {"total", items.size()}});
}

// A deputy's 代表履职报告 (with deputy=) or the office's 人大代表履职简报, as
// `jixiao congress activities report` writes them: docx (default), pdf, html or md.
Result<ApiResponse> duty_document(App& app, Call& call) {
  auto year = year_of(call);
  if (!year) return fail(std::move(year.error()));
  auto format = report::parse_format(call.req().query_or("format", "docx"));
  if (!format) return fail(std::move(format.error()));
  auto rules = points_rules_of(*year);
  if (!rules) return fail(std::move(rules.error()));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto assessed = congress::assess(**s, *year, *rules);
  if (!assessed) return fail(std::move(assessed.error()));
  report::Document doc;
  std::string name;
  if (std::string code = call.req().query_or("deputy"); !code.empty()) {
    auto it = std::find_if(assessed->begin(), assessed->end(),
                           [&](const auto& r) { return r.deputy.code == code; });
    if (it == assessed->end())
      return fail(Error::not_found("代表名册中没有代表: " + code, {.field = "deputy"}));
    doc = report::build_deputy_report(*it, *rules);
    name = std::to_string(*year) + "年" + it->deputy.name + "代表履职报告";
  } else {
    auto deadline_rules = rules_of(app);
    if (!deadline_rules) return fail(std::move(deadline_rules.error()));
    auto f = congress::figures(**s, *year, *deadline_rules);
    if (!f) return fail(std::move(f.error()));
    doc = report::build_duty_bulletin(*f, *assessed, *rules);
    name = std::to_string(*year) + "年人大代表履职简报";
  }
  auto rendered = report::render(doc, *format);
  if (!rendered) return fail(std::move(rendered.error()));
  const std::string ext(report::file_extension(*format));
  ApiResponse r;
  r.content_type = std::string(report::media_type(*format));
  r.body = std::move(rendered->bytes);
  r.headers.emplace_back("Content-Disposition",
                         attachment_disposition("duty." + ext, name + "." + ext));
  return r;
}

Result<ApiResponse> duty(App&, Call& call) {
  auto year = year_of(call);
  if (!year) return fail(std::move(year.error()));
  auto rules = points_rules_of(*year);
  if (!rules) return fail(std::move(rules.error()));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto records = congress::assess(**s, *year, *rules);
  if (!records) return fail(std::move(records.error()));
  return json_response(congress::duty_json(*year, *rules, *records, call.req().query_or("deputy")));
}

}  // namespace

void add_congress_routes(App& app) {
  app.add({"GET", "/api/congress/figures", Access::signed_in, figures});
  app.add({"GET", "/api/congress/suggestions", Access::signed_in, list_suggestions});
  app.add({"GET", "/api/congress/suggestions.xlsx", Access::signed_in, export_xlsx});
  app.add({"GET", "/api/congress/suggestions/:number", Access::signed_in, get_suggestion});
  app.add({"POST", "/api/congress/suggestions/:number/assign", Access::signed_in, assign});
  app.add({"POST", "/api/congress/suggestions/:number/reply", Access::signed_in, reply});
  app.add({"POST", "/api/congress/suggestions/:number/feedback", Access::signed_in, feedback});
  app.add({"POST", "/api/congress/suggestions/:number/supervise", Access::signed_in, supervise});
  app.add({"POST", "/api/congress/imports", Access::signed_in, upload, Weight::heavy});
  app.add({"GET", "/api/congress/status", Access::signed_in, status});
  app.add({"GET", "/api/congress/search", Access::signed_in, search});
  app.add({"GET", "/api/congress/similar", Access::signed_in, similar});
  app.add({"GET", "/api/congress/deputies", Access::signed_in, deputies});
  app.add({"GET", "/api/congress/duty", Access::signed_in, duty});
  app.add({"GET", "/api/congress/duty/document", Access::signed_in, duty_document, Weight::heavy});
  app.add({"GET", "/api/congress/records", Access::signed_in, records});
}

}  // namespace jixiao::server
