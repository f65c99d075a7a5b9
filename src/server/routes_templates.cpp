// server/routes_templates.cpp — GET /api/templates/{kind}: an empty Excel workbook whose header
// row is what the importer of `kind` reads, built from that importer's own column table
// (ingest::columns_of, indicators::library_columns / goal_columns, congress::import_headers),
// so that a template and its import cannot drift apart.
#include <array>

#include "congress/congress.hpp"
#include "core/file.hpp"
#include "indicators/exchange.hpp"
#include "ingest/ingest.hpp"
#include "server/app.hpp"
#include "server/form_data.hpp"

namespace jixiao::server {
namespace {

struct Template {
  std::string_view kind;  // the path's {kind}
  std::string_view name;  // Chinese, for the sheet and the file name
};
// Every import there is: the ledger's (web and CLI), the indicator library and goals, congress.
constexpr std::array k_templates = {
    Template{"budget", "预算"},
    Template{"adjustments", "预算调整"},
    Template{"payments", "支付明细"},
    Template{"commitments", "合同未付余额"},
    Template{"indicators", "指标库"},
    Template{"goals", "绩效目标申报表"},
    Template{"deputies", "人大代表"},
    Template{"suggestions", "代表建议"},
    Template{"activities", "代表履职活动"},
    Template{"records", "人大工作记录"},
};

// The header row of `kind`'s import, as its column table names each column first.
std::vector<std::string> header_of(std::string_view kind) {
  std::vector<std::string> header;
  if (auto ledger = model::parse_import_kind(kind)) {
    for (const auto& c : ingest::columns_of(*ledger)) {
      // Amounts are read in 元 unless the header says 万元; say so in the header itself.
      header.push_back(c.headers.front() + (c.type == "amount" ? "（元）" : ""));
    }
  } else if (kind == "indicators" || kind == "goals") {
    for (const auto& c :
         kind == "indicators" ? indicators::library_columns() : indicators::goal_columns()) {
      header.push_back(c.headers.front());
    }
  } else {
    header = congress::import_headers(kind);
  }
  return header;
}

Result<ApiResponse> get_template(App&, Call& call) {
  const std::string& kind = call.req().params.at("kind");
  const Template* t = nullptr;
  for (const auto& candidate : k_templates) {
    if (candidate.kind == kind) t = &candidate;
  }
  if (!t) return fail(Error::not_found("没有这种导入模板: " + kind, {.field = "kind"}));
  indicators::TextTable table;
  table.header = header_of(t->kind);
  // The sheet name is the one the importer looks for first (指标库, 绩效目标申报表); any
  // other importer reads the first sheet.
  std::string file_name = std::string(t->name) + "导入模板.xlsx";
  ScratchFile scratch(std::string(t->kind) + ".xlsx");
  // The writer's errors name the scratch path, which no message may show.
  auto written = indicators::write_text_table(table, scratch.path(), t->name);
  auto bytes = written ? read_file(scratch.path()) : Result<std::string>(fail(Error::io("")));
  if (!bytes) return fail(Error::io("无法生成导入模板: " + file_name));
  ApiResponse r;
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.body = std::move(*bytes);
  r.headers.emplace_back("Content-Disposition", attachment_disposition("template.xlsx", file_name));
  return r;
}

}  // namespace

void add_template_routes(App& app) {
  app.add({"GET", "/api/templates/:kind", Access::signed_in, get_template});
}

}  // namespace jixiao::server
