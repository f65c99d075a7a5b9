// cli/commands/check.cpp — `jixiao check FILE|DIR`: read published self-evaluation reports
// and test their figures (checker module). Exit code 0 whenever the run worked, whatever it found.
#include <ostream>

#include "checker/checker.hpp"
#include "cli/commands/commands.hpp"

namespace jixiao::cli {

namespace {

int run_check(Context& ctx, const Args& args) {
  std::string format = args.get_or("format", "");
  const std::filesystem::path target = args.positional.at(0);
  auto files = checker::list_reports(target);
  if (!files) return report(ctx, files.error());
  const bool folder = std::filesystem::is_directory(target);
  if (format.empty()) format = "text";
  if (format != "text" && format != "table" && format != "json" && format != "csv") {
    ctx.err << "jixiao: --format: 应为 text、json 或 csv: \"" << format << "\"\n";
    return 2;
  }
  std::vector<checker::CheckedDocument> documents;
  documents.reserve(files->size());
  int failed = 0;
  for (const auto& file : *files) {
    auto doc = checker::check_file(file);
    if (!doc) {
      ctx.err << "jixiao: " << doc.error().to_string() << "\n";
      ++failed;
      continue;
    }
    documents.push_back(std::move(*doc));
  }
  if (format == "json") {
    ctx.out << checker::to_json(documents, folder);
  } else if (format == "csv") {
    ctx.out << checker::to_csv(documents);
  } else {
    ctx.out << checker::to_text(documents);
  }
  // A single file that could not be read is a failed run; in a folder the others still count.
  return (failed > 0 && documents.empty()) ? 1 : 0;
}

}  // namespace

void register_check(Registry& registry) {
  registry.add(Command{
      .path = {"check"},
      .summary = "检查已公开的绩效自评报告（txt/PDF/DOCX）：提取数字并核对其一致性",
      .usage = "FILE|DIR [--format text|json|csv]",
      .options = {{"format", "F", "输出格式: text（默认）、json 或 csv（文件夹一行一份报告）"}},
      .min_positional = 1,
      .max_positional = 1,
      .run = run_check,
  });
}

}  // namespace jixiao::cli
