// server/routes_congress.cpp — the people's-congress register over HTTP: figures, suggestions
// (list, one, status, search, similar), 交办, 答复, 反馈, deputies and their duty points.
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

#include "congress/congress_json.hpp"
#include "congress/congress.hpp"
#include "server/app.hpp"

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
  auto year = year_of(call);
  if (!year) return fail(std::move(year.error()));
  for (const auto& unit : u.unit_codes) {
    auto office = congress::is_office_unit(s, unit, *year);
    if (!office) return fail(std::move(office.error()));
    if (*office) return true;
  }
  return false;
}

bool sees(const Principal& user, const model::Suggestion& s) {
  return std::any_of(user.unit_codes.begin(), user.unit_codes.end(), [&](const std::string& u) { return s.handled_by(u); });
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
    return fail(Error::permission("用户 " + call.user().name + " 的单位不承办建议 " + number + "，无权查看"));
  }
  return std::move(**found);
}

Result<void> require_office(Call& call, store::Store& s, const std::string& what) {
  auto office = acts_as_office(call, s);
  if (!office) return fail(std::move(office.error()));
  if (!*office || call.user().role == store::Role::viewer || call.user().role == store::Role::bureau) {
    return fail(Error::permission("用户 " + call.user().name + " 无权" + what + "，只有人大常委会办公室的填报用户和管理员可以"));
  }
  return {};
}

Result<Date> date_field(const Json& body, const std::string& field) {
  auto text = string_field(body, field);
  if (!text) return fail(std::move(text.error()));
  auto d = parse_date(*text);
  if (!d) return fail(Error::invalid_input("字段 " + field + ": " + d.error().message(), {.field = field}));
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
  Date as_of = app.clock().today();
  if (std::string text = call.req().query_or("as_of"); !text.empty()) {
    auto d = parse_date(text);
    if (!d) return fail(Error::invalid_input("参数 as_of 不是日期: \"" + text + "\"", {.field = "as_of"}));
    as_of = *d;
  }
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
  return json_response({{"as_of", as_of.to_string()}, {"rules_source", rules->source}, {"items", items}});
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
    bool ok = std::any_of(list->begin(), list->end(), [&](const model::Suggestion& g) { return g.number == h.number; });
    if (ok) items.push_back({{"number", h.number}, {"year", h.year}, {"title", h.title}, {"snippet", h.snippet}});
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
  auto p = congress::propose_handlers(title + "。" + title + "。" + call.req().query_or("text"), history, 5);
  Json n = Json::array();
  for (const auto& x : p.neighbours) {
    n.push_back({{"number", x.number}, {"year", x.year}, {"title", x.title}, {"lead_unit", x.lead_unit},
                 {"co_units", x.co_units}, {"similarity", std::round(x.similarity * 1000) / 1000}});
  }
  return json_response({{"proposed_lead_unit", p.lead_unit},
                        {"confidence", std::round(p.confidence * 1000) / 1000},
                        {"proposed_co_units", p.co_units},
                        {"similar", n}});
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
  JIXIAO_TRY(call.audit(action, "suggestion:" + number, *before ? congress::suggestion_json(**before, *rules) : Json(nullptr),
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
      if (!u.is_string()) return fail(Error::invalid_input("co_units 应为单位编码的数组", {.field = "co_units"}));
      a.co_units.push_back(u.get<std::string>());
    }
  }
  auto date = date_field(*body, "date");
  if (!date) return fail(std::move(date.error()));
  a.date = *date;
  a.complex = body->value("complex", false);
  return write_suggestion(app, call, "congress.assign",
                          [&](store::Store& st) { return congress::assign(st, call.req().params.at("number"), a); });
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
  if (!cls) return fail(Error::invalid_input("答复分类应为 A、B 或 C: \"" + *cls_text + "\"", {.field = "class"}));
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
  if (!fb) return fail(Error::invalid_input("反馈意见应为 满意、基本满意 或 不满意: \"" + *text + "\"", {.field = "feedback"}));
  auto date = date_field(*body, "date");
  if (!date) return fail(std::move(date.error()));
  return write_suggestion(app, call, "congress.feedback", [&](store::Store& st) {
    return congress::record_feedback(st, call.req().params.at("number"), *fb, *date);
  });
}

Result<ApiResponse> deputies(App&, Call& call) {
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto all = (*s)->congress().deputies();
  if (!all) return fail(std::move(all.error()));
  Json items = Json::array();
  for (const auto& d : *all) {
    items.push_back({{"code", d.code}, {"name", d.name}, {"level", std::string(model::chinese_name(d.level))},
                     {"delegation", d.delegation}, {"station", d.station}, {"term", d.term}});
  }
  return json_response({{"items", items}, {"total", items.size()}});
}

Result<ApiResponse> duty(App&, Call& call) {
  auto year = year_of(call);
  if (!year) return fail(std::move(year.error()));
  // The newest shipped points rules not later than the year.
  std::string path;
  for (int y = *year; y >= 2000 && path.empty(); --y) {
    auto p = congress_dir() / ("duty_points_" + std::to_string(y) + ".csv");
    if (std::filesystem::exists(p)) path = p.string();
  }
  if (path.empty()) return fail(Error::not_found("没有 " + std::to_string(*year) + " 年或更早的履职积分规则"));
  auto rules = congress::load_points_rules(path);
  if (!rules) return fail(std::move(rules.error()));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto records = congress::assess(**s, *year, *rules);
  if (!records) return fail(std::move(records.error()));
  std::string only = call.req().query_or("deputy");
  Json items = Json::array();
  for (const auto& r : *records) {
    if (!only.empty() && r.deputy.code != only) continue;
    Json lines = Json::array();
    for (const auto& l : r.lines) {
      lines.push_back({{"item", l.item}, {"label", l.label}, {"count", l.count}, {"points", l.points.to_string()},
                       {"explanation", l.explanation}});
    }
    Json acts = Json::array();
    if (!only.empty()) {
      for (const auto& a : r.activities) {
        acts.push_back({{"date", a.date.to_string()}, {"kind", std::string(model::chinese_name(a.kind))},
                        {"people", a.people}, {"evidence", a.evidence}});
      }
    }
    items.push_back({{"code", r.deputy.code}, {"name", r.deputy.name}, {"delegation", r.deputy.delegation},
                     {"total", r.total.to_string()}, {"rank_in_delegation", r.rank_in_delegation},
                     {"suggestions_led", r.suggestions_led.size()}, {"suggestions_cosigned", r.suggestions_cosigned.size()},
                     {"people_received", r.people_received}, {"lines", lines}, {"activities", acts}});
  }
  return json_response({{"year", *year}, {"rules_source", rules->source}, {"items", items}});
}

}  // namespace

void add_congress_routes(App& app) {
  app.add({"GET", "/api/congress/figures", Access::signed_in, figures});
  app.add({"GET", "/api/congress/suggestions", Access::signed_in, list_suggestions});
  app.add({"GET", "/api/congress/suggestions/:number", Access::signed_in, get_suggestion});
  app.add({"POST", "/api/congress/suggestions/:number/assign", Access::signed_in, assign});
  app.add({"POST", "/api/congress/suggestions/:number/reply", Access::signed_in, reply});
  app.add({"POST", "/api/congress/suggestions/:number/feedback", Access::signed_in, feedback});
  app.add({"GET", "/api/congress/status", Access::signed_in, status});
  app.add({"GET", "/api/congress/search", Access::signed_in, search});
  app.add({"GET", "/api/congress/similar", Access::signed_in, similar});
  app.add({"GET", "/api/congress/deputies", Access::signed_in, deputies});
  app.add({"GET", "/api/congress/duty", Access::signed_in, duty});
}

}  // namespace jixiao::server
