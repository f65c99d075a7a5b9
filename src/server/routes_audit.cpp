// server/routes_audit.cpp — the audit log, as JSON pages or a CSV export (admin and bureau).
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
  return json_response(Json{{"items", std::move(items)}, {"total", *total}, {"offset", page->offset},
                            {"limit", page->limit}});
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

Result<ApiResponse> export_audit(App&, Call& call) {
  JIXIAO_TRY(require(call.user(), Action::read_audit));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  store::AuditQuery q = query_of(call.req());
  q.limit = 0;
  auto entries = (*s)->audit().entries(q);
  if (!entries) return fail(std::move(entries.error()));
  std::string csv = "\xEF\xBB\xBFid,时间,用户,来源,操作,对象,修改前,修改后\n";  // BOM: Excel reads it as UTF-8
  for (const auto& e : *entries) {
    csv += std::to_string(e.id) + "," + csv_field(e.at) + "," + csv_field(e.user) + "," + csv_field(e.source) + "," +
           csv_field(e.action) + "," + csv_field(e.target) + "," + csv_field(e.before_json) + "," +
           csv_field(e.after_json) + "\n";
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
