// checker/reader.cpp — text out of .txt, .pdf (poppler-cpp) and .docx (core/zip_reader + pugixml).

#include <poppler-document.h>
#include <poppler-page.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <memory>
#include <pugixml.hpp>
#include <sstream>

#include "checker/checker.hpp"
#include "core/encoding.hpp"
#include "core/file.hpp"
#include "core/text.hpp"
#include "core/zip_reader.hpp"

namespace jixiao::checker {

namespace {

std::string lower_extension(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

Result<std::string> read_bytes(const std::filesystem::path& path) {
  return read_file(path.string());
}

bool is_report_extension(const std::string& ext) {
  return ext == ".txt" || ext == ".pdf" || ext == ".docx" || ext == ".html" || ext == ".htm" ||
         ext == ".md";
}

void add_lines(SourceText& out, std::string_view text, int page) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    std::string_view line =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.lines.emplace_back(std::string(line), page);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
}

Result<SourceText> read_pdf(const std::filesystem::path& path) {
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path.string()));
  if (!doc)
    return fail(
        Error::unsupported("不是可读的 PDF 文件: " + path.string(), Location{path.string()}));
  if (doc->is_locked())
    return fail(Error::unsupported("PDF 文件已加密: " + path.string(), Location{path.string()}));
  SourceText out;
  out.format = SourceFormat::pdf;
  const int pages = doc->pages();
  for (int p = 0; p < pages; ++p) {
    std::unique_ptr<poppler::page> page(doc->create_page(p));
    if (!page) continue;
    poppler::byte_array bytes =
        page->text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
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
  auto archive = ZipReader::open_file(
      path, {.max_member_bytes = k_max_document_xml, .max_total_bytes = k_max_document_xml});
  if (!archive)
    return fail(
        Error::unsupported("不是可读的 DOCX 文件: " + path.string(), Location{path.string()}));
  auto read = archive->read("word/document.xml");
  if (!read) return fail(std::move(read.error()));
  if (!*read) {
    return fail(Error::unsupported("DOCX 文件缺少 word/document.xml: " + path.string(),
                                   Location{path.string()}));
  }
  std::string xml = std::move(**read);
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size())) {
    return fail(Error::unsupported("DOCX 的 document.xml 不是有效的 XML: " + path.string(),
                                   Location{path.string()}));
  }
  SourceText out;
  out.format = SourceFormat::docx;
  pugi::xml_node body = doc.child("w:document").child("w:body");
  body_text(body, out);
  return out;
}

// HTML → lines: block elements end a line, a table row becomes "| cell | cell |" (cells'
// own breaks become spaces), <style>/<script>/<head> and images are left out, entities decoded.
std::string decode_entity(std::string_view name) {
  if (name == "amp") return "&";
  if (name == "lt") return "<";
  if (name == "gt") return ">";
  if (name == "quot") return "\"";
  if (name == "apos") return "'";
  if (name == "nbsp") return " ";
  if (name.size() > 1 && name[0] == '#') {
    // Stops growing past U+10FFFF, so a digit more (×16 + 15) still fits in 32 bits.
    char32_t cp = 0;
    bool hex = name[1] == 'x' || name[1] == 'X';
    for (char c : name.substr(hex ? 2 : 1)) {
      int d = std::isdigit(static_cast<unsigned char>(c))           ? c - '0'
              : hex && std::isxdigit(static_cast<unsigned char>(c)) ? std::tolower(c) - 'a' + 10
                                                                    : -1;
      if (d < 0 || cp > 0x10FFFF) return {};
      cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(d);  // d ≥ 0 here
    }
    if (cp > 0x10FFFF) return {};
    std::string out;
    text::append_utf8(out, cp);
    return out;
  }
  return {};
}

}  // namespace

SourceText source_from_html(std::string_view html) {
  SourceText out;
  std::string line;
  bool in_cell = false;
  auto flush = [&] {
    std::size_t b = line.find_first_not_of(' ');
    if (b != std::string::npos) out.lines.emplace_back(line.substr(b), 0);
    line.clear();
  };
  std::size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      std::size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      std::string_view tag = html.substr(i + 1, end - i - 1);
      i = end + 1;
      if (tag.starts_with("!--")) {
        std::size_t close = html.find("-->", i - 1);
        i = close == std::string_view::npos ? html.size() : close + 3;
        continue;
      }
      bool closing = !tag.empty() && tag[0] == '/';
      if (closing) tag.remove_prefix(1);
      std::size_t name_end = 0;
      while (name_end < tag.size() && std::isalnum(static_cast<unsigned char>(tag[name_end])))
        ++name_end;
      std::string name(tag.substr(0, name_end));
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
      if (!closing && (name == "style" || name == "script" || name == "head")) {
        std::string close = "</" + name;
        std::size_t at = i;
        while (at < html.size()) {
          at = html.find("</", at);
          if (at == std::string_view::npos) break;
          std::string probe(html.substr(at, close.size()));
          std::transform(probe.begin(), probe.end(), probe.begin(),
                         [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
          if (probe == close) break;
          at += 2;
        }
        if (at == std::string_view::npos) break;
        std::size_t gt = html.find('>', at);
        i = gt == std::string_view::npos ? html.size() : gt + 1;
        continue;
      }
      if (name == "tr") {
        flush();
        if (!closing) line = "|";
      } else if (name == "td" || name == "th") {
        in_cell = !closing;
        line += closing ? " |" : " ";
      } else if (name == "br") {
        if (in_cell)
          line += ' ';
        else
          flush();
      } else if (name == "p" || name == "div" || name == "li" || name == "caption" ||
                 name == "table" || name == "tbody" || name == "thead" || name == "figure" ||
                 name == "section" || name == "body" ||
                 (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6')) {
        if (in_cell)
          line += ' ';
        else
          flush();
      }
      continue;
    }
    if (c == '&') {
      std::size_t semi = html.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 10) {
        line += decode_entity(html.substr(i + 1, semi - i - 1));
        i = semi + 1;
        continue;
      }
    }
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (!(c == ' ' && (line.empty() || line.back() == ' '))) line += c;
    ++i;
  }
  flush();
  return out;
}

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
    add_lines(
        out,
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start),
        page);
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
  auto utf8 = text::to_utf8(std::move(*bytes), path.string());
  if (!utf8) return fail(utf8.error());
  if (ext == ".html" || ext == ".htm") return source_from_html(*utf8);
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
    if (is_report_extension(ext)) files.push_back(entry.path());
  }
  if (ec) return fail(Error::io("无法读取文件夹: " + path.string(), Location{path.string()}));
  std::sort(files.begin(), files.end());
  return files;
}

Result<std::vector<std::filesystem::path>> expand_archive(const std::filesystem::path& archive,
                                                          const std::filesystem::path& out_dir,
                                                          const ArchiveLimits& limits) {
  // core's bounded reader: sizes checked before and while inflating (a zip bomb stops at the cap).
  auto zip =
      ZipReader::open_file(archive, ZipLimits{limits.max_entry_bytes, limits.max_total_bytes},
                           archive.filename().string());
  if (!zip)
    return fail(
        Error::unsupported("不是可读的 zip 文件: " + archive.string(), Location{archive.string()}));
  auto names = zip->members();
  if (names.size() > static_cast<std::size_t>(limits.max_entries)) {
    return fail(Error::unsupported("zip 中文件过多（" + std::to_string(names.size()) +
                                       " 个，上限 " + std::to_string(limits.max_entries) + "）",
                                   Location{archive.string()}));
  }
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) return fail(Error::io("无法创建目录 " + out_dir.string() + ": " + ec.message()));
  std::vector<std::filesystem::path> files;
  for (const auto& name : names) {
    if (name.empty() || name.back() == '/') continue;
    std::filesystem::path inner(name);
    std::string ext = lower_extension(inner);
    if (!is_report_extension(ext) || inner.filename().string().starts_with(".")) continue;
    // Flattened and unique: "a/b.txt" → "a_b.txt"; never a path outside out_dir.
    std::string flat;
    for (const auto& part : inner.relative_path()) {
      std::string p = part.string();
      if (p == ".." || p == "." || p == "/" || p.empty()) continue;
      flat += (flat.empty() ? "" : "_") + p;
    }
    if (flat.empty()) continue;
    auto bytes = zip->read(name);
    if (!bytes)
      return fail(Error::unsupported(bytes.error().message(), Location{archive.string()}));
    if (!*bytes) continue;
    std::filesystem::path out = out_dir / flat;
    std::ofstream os(out, std::ios::binary);
    os << **bytes;
    if (!os) return fail(Error::io("无法写入 " + out.string()));
    files.push_back(out);
  }
  std::sort(files.begin(), files.end());
  return files;
}

Result<CheckedDocument> check_file(const std::filesystem::path& path) {
  auto source = read_source(path);
  if (!source) return fail(source.error());
  return check_source(*source, path.string());
}

}  // namespace jixiao::checker
