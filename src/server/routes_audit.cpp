// server/routes_audit.cpp — the audit log, as JSON pages or a CSV export (admin and bureau).
#include "core/text.hpp"
#include "server/app.hpp"

namespace jixiao::server {
namespace {

store::AuditQuery query_of(const ApiRequest& req) {
  store::AuditQuery q;
  q.user = req.query_or("user");
  q.action = req.query_or("action");
  q.target = req.query_or("target");
  return q;
}

Result<ApiResponse> list_audit(App&, Call& call) {
  JIXIAO_TRY(require(call.user(), Action::read_audit));
  auto page = page_of(call.req());
  if (!page) return fail(std::move(page.error()));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  store::AuditQuery q = query_of(call.req());
  auto total = (*s)->audit().count(q);
  if (!total) return fail(std::move(total.error()));
  q.offset = page->offset;
  q.limit = page->limit;
  auto entries = (*s)->audit().entries(q);
  if (!entries) return fail(std::move(entries.error()));
  Json items = Json::array();
  for (const auto& e : *entries) items.push_back(to_json(e));
  return json_response(Json{{"items", std::move(items)},
                            {"total", *total},
                            {"offset", page->offset},
                            {"limit", page->limit}});
}

Result<ApiResponse> export_audit(App&, Call& call) {
  JIXIAO_TRY(require(call.user(), Action::read_audit));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  store::AuditQuery q = query_of(call.req());
  q.limit = 0;
  auto entries = (*s)->audit().entries(q);
  if (!entries) return fail(std::move(entries.error()));
  std::string csv =
      "\xEF\xBB\xBFid,时间,用户,来源,操作,对象,修改前,修改后\n";  // BOM: Excel reads it as UTF-8
  for (const auto& e : *entries) {
    csv += std::to_string(e.id) + "," + text::csv_field(e.at) + "," + text::csv_field(e.user) +
           "," + text::csv_field(e.source) + "," + text::csv_field(e.action) + "," +
           text::csv_field(e.target) + "," + text::csv_field(e.before_json) + "," +
           text::csv_field(e.after_json) + "\n";
  }
  ApiResponse r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = std::move(csv);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"audit.csv\"");
  return r;
}

}  // namespace

void add_audit_routes(App& app) {
  app.add({"GET", "/api/audit", Access::signed_in, list_audit});
  app.add({"GET", "/api/audit.csv", Access::signed_in, export_audit});
}

}  // namespace jixiao::server
