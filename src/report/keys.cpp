// report/keys.cpp — narrative keys and output formats: their names and parsing.
#include <array>

#include "report/report.hpp"

namespace jixiao::report {
namespace {

struct KeyName {
  NarrativeKey key;
  std::string_view name;
  std::string_view chinese;
};

// Stored in the database: do not rename.
constexpr std::array<KeyName, 6> k_keys{{
    {NarrativeKey::profile, "profile", "部门概况"},
    {NarrativeKey::annual_work, "annual_work", "年度总体工作和重点工作任务"},
    {NarrativeKey::performance_management, "performance_management", "部门整体绩效管理情况"},
    {NarrativeKey::achievements, "achievements", "主要工作成效"},
    {NarrativeKey::problems, "problems", "存在的主要问题"},
    {NarrativeKey::measures, "measures", "下一步改进措施"},
}};

}  // namespace

std::string_view to_string(NarrativeKey key) {
  for (const auto& k : k_keys) {
    if (k.key == key) return k.name;
  }
  JIXIAO_ASSERT(false, "unknown NarrativeKey");
}

std::string_view chinese_name(NarrativeKey key) {
  for (const auto& k : k_keys) {
    if (k.key == key) return k.chinese;
  }
  JIXIAO_ASSERT(false, "unknown NarrativeKey");
}

std::optional<NarrativeKey> parse_narrative_key(std::string_view text) {
  for (const auto& k : k_keys) {
    if (k.name == text || k.chinese == text) return k.key;
  }
  return std::nullopt;
}

const std::vector<NarrativeKey>& all_narrative_keys() {
  static const std::vector<NarrativeKey> keys = [] {
    std::vector<NarrativeKey> v;
    for (const auto& k : k_keys) v.push_back(k.key);
    return v;
  }();
  return keys;
}

Result<Format> parse_format(std::string_view text) {
  if (text == "md" || text == "markdown") return Format::markdown;
  if (text == "html") return Format::html;
  if (text == "docx") return Format::docx;
  if (text == "pdf") return Format::pdf;
  return fail(Error::invalid_input(
      "--format: 不支持的格式 \"" + std::string(text) + "\"（可选 docx、pdf、html、md）",
      Location{.field = "format"}));
}

std::string_view file_extension(Format format) {
  switch (format) {
    case Format::markdown:
      return "md";
    case Format::html:
      return "html";
    case Format::docx:
      return "docx";
    case Format::pdf:
      return "pdf";
  }
  return "";
}

std::string_view media_type(Format format) {
  switch (format) {
    case Format::markdown:
      return "text/markdown; charset=utf-8";
    case Format::html:
      return "text/html; charset=utf-8";
    case Format::docx:
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case Format::pdf:
      return "application/pdf";
  }
  return "application/octet-stream";
}

Result<Rendered> render(const Document& doc, Format format, const RenderOptions& options) {
  switch (format) {
    case Format::markdown:
      return Rendered{render_markdown(doc), {}};
    case Format::html:
      return Rendered{render_html(doc, options), {}};
    case Format::docx: {
      auto bytes = render_docx(doc, options);
      if (!bytes) return fail(std::move(bytes.error()));
      return Rendered{std::move(*bytes), {}};
    }
    case Format::pdf:
      return render_pdf(doc, options);
  }
  return fail(Error::internal("unknown format"));
}

}  // namespace jixiao::report
