// server/routes_reports.cpp — the self-evaluation report of a unit and year, downloaded in
// each format (report::build_overall_report / build_project_report, then report::render).

#include "report/report.hpp"
#include "server/app.hpp"

namespace jixiao::server {
namespace {

// RFC 5987 filename* so that Chinese names survive.
std::string percent_encode(const std::string& s) {
  static const char* k_hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 15];
    }
  }
  return out;
}

Result<ApiResponse> get_report(App& app, Call& call) {
  auto target = unit_year_of(call);
  if (!target) return fail(std::move(target.error()));
  const std::string& unit = target->unit;
  const int year = target->year;
  JIXIAO_TRY(require(call.user(), Action::read_unit, unit));
  auto format = report::parse_format(call.req().query_or("format", "html"));
  if (!format) return fail(std::move(format.error()));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto fw = find_framework(call.req().query_or("framework", std::string(k_default_framework)));
  if (!fw) return fail(std::move(fw.error()));
  report::LoadOptions options;
  options.framework = &*fw;
  options.clock = &app.clock();
  auto data = report::load_report_data(**s, unit, year, options);
  if (!data) return fail(std::move(data.error()));
  std::string line = call.req().query_or("line");
  report::Document doc;
  if (line.empty()) {
    doc = report::build_overall_report(*data);
  } else {
    auto project = report::build_project_report(*data, line);
    if (!project) return fail(std::move(project.error()));
    doc = std::move(*project);
  }
  auto rendered = report::render(doc, *format);
  if (!rendered) return fail(std::move(rendered.error()));
  std::string name = unit + "_" + std::to_string(year) + (line.empty() ? "_部门整体支出绩效自评报告" : "_" + line + "_项目支出绩效自评表") +
                     "." + std::string(report::file_extension(*format));
  ApiResponse r;
  r.content_type = std::string(report::media_type(*format));
  r.body = std::move(rendered->bytes);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"report." +
                                                    std::string(report::file_extension(*format)) +
                                                    "\"; filename*=UTF-8''" + percent_encode(name));
  return r;
}

}  // namespace

void add_report_routes(App& app) { app.add({"GET", "/api/reports/:unit/:year", Access::signed_in, get_report, Weight::heavy}); }

}  // namespace jixiao::server
