// server/routes_checker.cpp — POST /api/checker: upload a published report (txt, PDF, DOCX)
// and get back checker::check_file's findings, as `jixiao check FILE --format json` prints them.
#include <filesystem>
#include <nlohmann/json.hpp>

#include "checker/checker.hpp"
#include "server/app.hpp"

namespace jixiao::server {
namespace {

Result<ApiResponse> check_upload(App&, Call& call) {
  auto upload = uploaded_file(call.req());
  if (!upload) return fail(std::move(upload.error()));
  const UploadedFile* file = *upload;
  ScratchFile scratch(file->filename);
  JIXIAO_TRY(scratch.write(file->content));
  auto doc = checker::check_file(scratch.path());
  if (!doc) return fail(std::move(doc.error()));
  return ApiResponse{200, "application/json; charset=utf-8", checker::to_json({*doc}, false), {}};
}

// POST /api/checker/batch: several files (every multipart part named `files` or `file`), each
// a report or a .zip of reports. The documents as `jixiao check DIR --format json` prints them,
// each with its text lines (so that a finding's location links to its line), and the summary
// table (file, unit, year, figures read, errors, warnings, kinds).
Result<ApiResponse> check_batch(App&, Call& call) {
  std::vector<checker::CheckedDocument> documents;
  std::vector<std::vector<std::string>> texts;
  nlohmann::json failures = nlohmann::json::array();
  int uploads = 0;
  for (const auto& f : call.req().files) {
    if (f.field != "files" && f.field != "file") continue;
    ++uploads;
    ScratchFile scratch(f.filename);
    JIXIAO_TRY(scratch.write(f.content));
    const std::filesystem::path uploaded(scratch.path());
    std::vector<std::filesystem::path> paths{uploaded};
    bool archive = uploaded.extension() == ".zip" || uploaded.extension() == ".ZIP";
    if (archive) {
      auto expanded = checker::expand_archive(uploaded, uploaded.parent_path() / "expanded");
      if (!expanded) return fail(std::move(expanded.error()));
      paths = std::move(*expanded);
    }
    for (const auto& path : paths) {
      std::string name = archive ? f.filename + "/" + path.filename().string() : f.filename;
      auto source = checker::read_source(path);
      if (!source) {
        // The reader names the scratch copy; the user knows the file by its uploaded name.
        std::string message = source.error().message();
        for (auto at = message.find(path.string()); at != std::string::npos;
             at = message.find(path.string(), at + name.size())) {
          message.replace(at, path.string().size(), name);
        }
        failures.push_back({{"file", name}, {"message", message}});
        continue;
      }
      documents.push_back(checker::check_source(*source, name));
      std::vector<std::string> lines;
      for (const auto& [line, page] : source->lines) lines.push_back(line);
      texts.push_back(std::move(lines));
    }
  }
  if (uploads == 0)
    return fail(Error::invalid_input("缺少上传的文件（表单字段 files）", {.field = "files"}));
  nlohmann::json docs = nlohmann::json::parse(checker::to_json(documents, true));
  nlohmann::json summary = nlohmann::json::array();
  for (std::size_t i = 0; i < documents.size(); ++i) {
    docs[i]["lines"] = texts[i];
    const checker::SummaryRow row = checker::summarise(documents[i]);
    summary.push_back(
        {{"file", row.file},
         {"unit_name", row.unit_name ? nlohmann::json(*row.unit_name) : nlohmann::json()},
         {"fiscal_year", row.fiscal_year ? nlohmann::json(*row.fiscal_year) : nlohmann::json()},
         {"figures_read", row.figures_read},
         {"errors", row.errors},
         {"warnings", row.warnings},
         {"kinds", row.kinds}});
  }
  nlohmann::json body = {{"documents", docs}, {"summary", summary}, {"unreadable", failures}};
  return ApiResponse{200, "application/json; charset=utf-8", body.dump(), {}};
}

}  // namespace

void add_checker_routes(App& app) {
  app.add({"POST", "/api/checker", Access::signed_in, check_upload, Weight::heavy});
  app.add({"POST", "/api/checker/batch", Access::signed_in, check_batch, Weight::heavy});
}

}  // namespace jixiao::server
