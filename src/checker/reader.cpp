// checker/reader.cpp — text out of .txt, .pdf (poppler-cpp) and .docx (core/zip_reader + pugixml).

#include <algorithm>
#include <fstream>
#include <memory>
#include <poppler-document.h>
#include <poppler-page.h>
#include <pugixml.hpp>
#include <sstream>

#include "checker/checker.hpp"
#include "core/file.hpp"
#include "core/zip_reader.hpp"
#include "ingest/ingest.hpp"

namespace jixiao::checker {

namespace {

std::string lower_extension(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

Result<std::string> read_bytes(const std::filesystem::path& path) { return read_file(path.string()); }

void add_lines(SourceText& out, std::string_view text, int page) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.lines.emplace_back(std::string(line), page);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
}

Result<SourceText> read_pdf(const std::filesystem::path& path) {
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path.string()));
  if (!doc) return fail(Error::unsupported("不是可读的 PDF 文件: " + path.string(), Location{path.string()}));
  if (doc->is_locked()) return fail(Error::unsupported("PDF 文件已加密: " + path.string(), Location{path.string()}));
  SourceText out;
  out.format = SourceFormat::pdf;
  const int pages = doc->pages();
  for (int p = 0; p < pages; ++p) {
    std::unique_ptr<poppler::page> page(doc->create_page(p));
    if (!page) continue;
    poppler::byte_array bytes = page->text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
    std::string text(bytes.begin(), bytes.end());
    add_lines(out, text, p + 1);
  }
  return out;
}

// The text of one w:p (runs, tabs, breaks), appended to `line`; w:br starts a new line.
void paragraph_text(const pugi::xml_node& node, std::vector<std::string>& lines) {
  for (pugi::xml_node child : node.children()) {
    std::string_view name = child.name();
    if (name == "w:t") {
      lines.back() += child.text().get();
    } else if (name == "w:tab") {
      lines.back() += ' ';
    } else if (name == "w:br" || name == "w:cr") {
      lines.emplace_back();
    } else if (name == "w:tbl" || name == "w:p") {
      continue;  // handled by the caller
    } else {
      paragraph_text(child, lines);
    }
  }
}

void body_text(const pugi::xml_node& node, SourceText& out) {
  for (pugi::xml_node child : node.children()) {
    std::string_view name = child.name();
    if (name == "w:p") {
      std::vector<std::string> lines(1);
      paragraph_text(child, lines);
      for (auto& line : lines) out.lines.emplace_back(std::move(line), 0);
    } else if (name == "w:tbl") {
      // One line per row: "| cell | cell |", the cell's paragraphs joined.
      for (pugi::xml_node row : child.children("w:tr")) {
        std::string line = "|";
        for (pugi::xml_node cell : row.children("w:tc")) {
          std::string cell_text;
          for (pugi::xml_node p : cell.children("w:p")) {
            std::vector<std::string> lines(1);
            paragraph_text(p, lines);
            for (const auto& l : lines) cell_text += l;
          }
          line += " " + cell_text + " |";
        }
        out.lines.emplace_back(std::move(line), 0);
      }
    } else if (name == "w:sdt" || name == "w:sdtContent" || name == "w:customXml") {
      body_text(child, out);
    }
  }
}

constexpr std::uint64_t k_max_document_xml = 64ull * 1024 * 1024;

Result<SourceText> read_docx(const std::filesystem::path& path) {
  // Bounded: a 3.4 MB DOCX once inflated to 11.5 GB here (issue 17). A report's document.xml
  // is a few MiB; 64 MiB leaves room for the longest.
  auto archive = ZipReader::open_file(path, {.max_member_bytes = k_max_document_xml, .max_total_bytes = k_max_document_xml});
  if (!archive) return fail(Error::unsupported("不是可读的 DOCX 文件: " + path.string(), Location{path.string()}));
  auto read = archive->read("word/document.xml");
  if (!read) return fail(std::move(read.error()));
  if (!*read) {
    return fail(Error::unsupported("DOCX 文件缺少 word/document.xml: " + path.string(), Location{path.string()}));
  }
  std::string xml = std::move(**read);
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size())) {
    return fail(Error::unsupported("DOCX 的 document.xml 不是有效的 XML: " + path.string(), Location{path.string()}));
  }
  SourceText out;
  out.format = SourceFormat::docx;
  pugi::xml_node body = doc.child("w:document").child("w:body");
  body_text(body, out);
  return out;
}

}  // namespace

SourceText source_from_text(std::string_view text, SourceFormat format) {
  SourceText out;
  out.format = format;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  int page = 0;
  bool paged = text.find('\f') != std::string_view::npos;
  if (paged) page = 1;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\f', start);
    add_lines(out, text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start), page);
    if (end == std::string_view::npos) break;
    start = end + 1;
    ++page;
  }
  return out;
}

Result<SourceText> read_source(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return fail(Error::io("文件不存在或不是普通文件: " + path.string(), Location{path.string()}));
  }
  std::string ext = lower_extension(path);
  if (ext == ".pdf") return read_pdf(path);
  if (ext == ".docx") return read_docx(path);
  auto bytes = read_bytes(path);
  if (!bytes) return fail(bytes.error());
  // Reports saved from Chinese Windows tools are often GB18030/GBK rather than UTF-8.
  auto utf8 = ingest::to_utf8(std::move(*bytes), path.string());
  if (!utf8) return fail(utf8.error());
  return source_from_text(*utf8);
}

Result<std::vector<std::filesystem::path>> list_reports(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec)) return std::vector<std::filesystem::path>{path};
  if (!std::filesystem::is_directory(path, ec)) {
    return fail(Error::io("文件或文件夹不存在: " + path.string(), Location{path.string()}));
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
    if (!entry.is_regular_file()) continue;
    std::string ext = lower_extension(entry.path());
    if (ext == ".txt" || ext == ".pdf" || ext == ".docx") files.push_back(entry.path());
  }
  if (ec) return fail(Error::io("无法读取文件夹: " + path.string(), Location{path.string()}));
  std::sort(files.begin(), files.end());
  return files;
}

Result<CheckedDocument> check_file(const std::filesystem::path& path) {
  auto source = read_source(path);
  if (!source) return fail(source.error());
  return check_source(*source, path.string());
}

}  // namespace jixiao::checker
