// server/routes_checker.cpp — POST /api/checker: upload a published report (txt, PDF, DOCX)
// and get back checker::check_file's findings, as `jixiao check FILE --format json` prints them.
#include "checker/checker.hpp"
#include "server/app.hpp"

namespace jixiao::server {
namespace {

Result<ApiResponse> check_upload(App&, Call& call) {
  const UploadedFile* file = nullptr;
  for (const auto& f : call.req().files) {
    if (f.field == "file") file = &f;
  }
  if (!file) return fail(Error::invalid_input("缺少上传的文件（表单字段 file）", {.field = "file"}));
  ScratchFile scratch(file->filename);
  JIXIAO_TRY(scratch.write(file->content));
  auto doc = checker::check_file(scratch.path());
  if (!doc) return fail(std::move(doc.error()));
  return ApiResponse{200, "application/json; charset=utf-8", checker::to_json({*doc}, false), {}};
}

}  // namespace

void add_checker_routes(App& app) { app.add({"POST", "/api/checker", Access::signed_in, check_upload, Weight::heavy}); }

}  // namespace jixiao::server
