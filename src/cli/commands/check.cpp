// cli/commands/check.cpp — `jixiao check FILE|DIR`: read published self-evaluation reports
// and test their figures (checker module). Exit code 0 whenever the run worked, whatever it found.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <ostream>

#include "checker/checker.hpp"
#include "cli/commands/commands.hpp"

namespace jixiao::cli {

namespace {

// A .zip of reports is expanded (with size limits) into a scratch folder removed afterwards.
struct Scratch {
  std::filesystem::path dir;
  ~Scratch() {
    std::error_code ec;
    if (!dir.empty()) std::filesystem::remove_all(dir, ec);
  }
};

int run_check(Context& ctx, const Args& args) {
  std::string format = args.get_or("format", "");
  const std::filesystem::path target = args.positional.at(0);
  std::string ext = target.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const bool archive = ext == ".zip";
  Scratch scratch;
  Result<std::vector<std::filesystem::path>> files = std::vector<std::filesystem::path>{};
  if (archive) {
    std::error_code ec;
    scratch.dir = std::filesystem::temp_directory_path(ec) /
                  ("jixiao-check-" +
                   std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    files = checker::expand_archive(target, scratch.dir);
  } else {
    files = checker::list_reports(target);
  }
  if (!files) return report(ctx, files.error());
  const bool folder = archive || std::filesystem::is_directory(target);
  if (format.empty()) format = "text";
  if (format != "text" && format != "table" && format != "json" && format != "csv") {
    ctx.err << "jixiao: --format: 应为 text、json 或 csv: \"" << format << "\"\n";
    return 2;
  }
  std::vector<checker::CheckedDocument> documents;
  documents.reserve(files->size());
  int failed = 0;
  std::size_t done = 0;
  for (const auto& file : *files) {
    ++done;
    // The progress line, on stderr so that JSON and CSV stay clean.
    if (folder)
      ctx.err << "检查 " << done << "/" << files->size() << "：" << file.filename().string()
              << "\n";
    auto doc = checker::check_file(file);
    if (!doc) {
      ctx.err << "jixiao: " << doc.error().to_string() << "\n";
      ++failed;
      continue;
    }
    // Inside a zip the file is named by the archive and its entry, not the scratch folder.
    if (archive) doc->file = target.filename().string() + "/" + file.filename().string();
    documents.push_back(std::move(*doc));
  }
  if (format == "json") {
    ctx.out << checker::to_json(documents, folder);
  } else if (format == "csv") {
    ctx.out << checker::to_csv(documents);
  } else {
    ctx.out << checker::to_text(documents);
    if (folder) ctx.out << "汇总\n" << checker::to_summary(documents);
  }
  // A single file that could not be read is a failed run; in a folder the others still count.
  return (failed > 0 && documents.empty()) ? 1 : 0;
}

}  // namespace

void register_check(Registry& registry) {
  registry.add(Command{
      .path = {"check"},
      .summary = "检查已公开的绩效自评报告（txt/PDF/DOCX/HTML/"
                 "Markdown）：提取数字并核对其一致性；文件夹或 zip 逐份检查并汇总",
      .usage = "FILE|DIR|ZIP [--format text|json|csv]",
      .options = {{"format", "F", "输出格式: text（默认）、json 或 csv（文件夹一行一份报告）"}},
      .min_positional = 1,
      .max_positional = 1,
      .run = run_check,
  });
}

}  // namespace jixiao::cli
