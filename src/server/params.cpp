// server/params.cpp — reading a request's parameters and body: checked text, JSON limits,
// paging, years, scores, uploads.
#include "server/params.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>

#include "core/money.hpp"
#include "core/text.hpp"
#include "server/app.hpp"

namespace jixiao::server {

Result<void> check_request_text(const ApiRequest& request) {
  // Everything a route may store or echo is valid UTF-8: one bad name once made every later
  // JSON answer that showed it fail (type_error.316, issue 17).
  if (!text::valid_utf8(request.path))
    return fail(Error::invalid_input("地址不是有效的 UTF-8 文本"));
  for (const auto* fields : {&request.query, &request.form}) {
    for (const auto& [name, value] : *fields) {
      if (!text::valid_utf8(name) || !text::valid_utf8(value)) {
        std::string shown = text::valid_utf8(name) ? name : "?";
        return fail(
            Error::invalid_input("参数 " + shown + " 不是有效的 UTF-8 文本", {.field = shown}));
      }
    }
  }
  for (const auto& file : request.files) {
    const std::string& n = file.filename;
    bool ok = text::valid_utf8(n) && !n.empty() && n.size() <= 255 && n != "." && n != ".." &&
              std::none_of(n.begin(), n.end(), [](char c) {
                return c == '/' || c == '\\' || (static_cast<unsigned char>(c) < 0x20) || c == 0x7f;
              });
    if (!ok) {
      return fail(Error::invalid_input(
          "上传的文件名不可用（应为有效的 UTF-8，不含路径分隔符和控制字符，不是 . 或 ..，最多 255 "
          "字节）",
          {.field = file.field.empty() || !text::valid_utf8(file.field) ? "file" : file.field}));
    }
  }
  return {};
}

Result<void> check_json_shape(std::string_view text, std::size_t max_depth, std::size_t max_bytes) {
  if (text.size() > max_bytes) {
    return fail(Error::invalid_input("请求体过大：JSON 最多 " +
                                     std::to_string(max_bytes / (1024 * 1024)) + " MiB"));
  }
  // One pass over the bytes counting brackets outside strings: nlohmann::json copies and
  // destroys values recursively, so 200,000 nested arrays overflowed the stack (issue 17).
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) {
        return fail(
            Error::invalid_input("JSON 嵌套过深（最多 " + std::to_string(max_depth) + " 层）"));
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return {};
}

Result<Json> body_json(const ApiRequest& request) {
  JIXIAO_TRY(check_json_shape(request.body, k_json_max_depth, k_json_max_bytes));
  // The parser refuses strings that are not valid UTF-8, so nothing stored from a body can make
  // a later dump() throw (type_error.316).
  Json j = Json::parse(request.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return fail(Error::invalid_input("请求体不是有效的 JSON 对象"));
  }
  return j;
}

Result<std::string> string_field(const Json& body, const std::string& field, bool required) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) {
    if (!required) return std::string();
    return fail(Error::invalid_input("缺少字段 " + field, {.field = field}));
  }
  if (!it->is_string())
    return fail(Error::invalid_input("字段 " + field + " 应为文本", {.field = field}));
  std::string value = it->get<std::string>();
  if (required && value.empty())
    return fail(Error::invalid_input("字段 " + field + " 不能为空", {.field = field}));
  return value;
}

namespace {

Result<std::int64_t> int_param(const ApiRequest& request, const std::string& name,
                               std::int64_t fallback) {
  auto it = request.query.find(name);
  if (it == request.query.end() || it->second.empty()) return fallback;
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  if (ec != std::errc() || p != it->second.data() + it->second.size() || v < 0) {
    return fail(Error::invalid_input("参数 " + name + " 应为非负整数: \"" + it->second + "\"",
                                     {.field = name}));
  }
  return v;
}

}  // namespace

Result<Page> page_of(const ApiRequest& request) {
  auto offset = int_param(request, "offset", 0);
  if (!offset) return fail(std::move(offset.error()));
  auto limit = int_param(request, "limit", 50);
  if (!limit) return fail(std::move(limit.error()));
  if (*limit == 0 || *limit > 1000) {
    return fail(Error::invalid_input("参数 limit 应在 1 到 1000 之间", {.field = "limit"}));
  }
  return Page{*offset, *limit};
}

Json paged(const Json& all_items, const Page& page) {
  Json items = Json::array();
  auto total = static_cast<std::int64_t>(all_items.size());
  for (std::int64_t i = page.offset; i < total && i < page.offset + page.limit; ++i) {
    items.push_back(all_items[static_cast<std::size_t>(i)]);
  }
  return Json{{"items", std::move(items)},
              {"total", total},
              {"offset", page.offset},
              {"limit", page.limit}};
}

namespace {}  // namespace

Result<std::optional<Date>> as_of_of(const ApiRequest& req) {
  std::string text = req.query_or("as_of");
  if (text.empty()) return std::optional<Date>();
  auto d = parse_date(text);
  if (!d)
    return fail(Error::invalid_input("参数 as_of 不是日期: \"" + text + "\"", {.field = "as_of"}));
  return std::optional<Date>(*d);
}

Result<UnitYear> unit_year_of(const Call& call) {
  const std::string& text = call.req().params.at("year");
  auto year = parse_fiscal_year(text);
  if (!year) return fail(Error::invalid_input("年度不正确: \"" + text + "\"", {.field = "year"}));
  return UnitYear{call.req().params.at("unit"), *year};
}

Result<int> year_of(Call& call) {
  std::string text = call.req().query_or("year");
  if (!text.empty()) {
    auto y = parse_fiscal_year(text);
    if (!y)
      return fail(Error::invalid_input("参数 year 不是年度: \"" + text + "\"", {.field = "year"}));
    return *y;
  }
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto years = (*s)->ledger().fiscal_years();
  if (!years) return fail(std::move(years.error()));
  if (years->empty()) return fail(Error::not_found("数据库中还没有任何年度的预算；请先导入预算"));
  return years->back();
}

Result<std::int64_t> score_centi(const Json& value, const std::string& field) {
  std::string text;
  if (value.is_number_integer()) {
    text = std::to_string(value.get<std::int64_t>());
  } else if (value.is_number()) {
    // Scores come from forms as numbers with at most two decimals; go through the shortest text
    // that reads back as the same double, so 100.001 stays "100.001" and is refused (issue 17:
    // "%.2f" made it 100.00, clamped silently).
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value.get<double>());
    text = ec == std::errc() ? std::string(buf, end) : std::string("?");
  } else if (value.is_string()) {
    text = value.get<std::string>();
  } else {
    return fail(Error::invalid_input("字段 " + field + " 应为分数，例如 91.5", {.field = field}));
  }
  auto m = parse_money(text);  // the same exact two-decimal reading as money
  if (!m || m->is_negative() || m->fen() > 10000) {
    return fail(Error::invalid_input(
        "字段 " + field + " 应为 0 到 100 之间、最多两位小数的分数: \"" + text + "\"",
        {.field = field}));
  }
  return m->fen();
}

ScratchFile::ScratchFile(const std::string& filename) {
  std::string safe = std::filesystem::path(filename).filename().string();
  if (safe.empty()) safe = "upload";
  m_dir = std::filesystem::temp_directory_path() / ("jixiao-upload-" + accounts::random_hex(8));
  std::filesystem::create_directories(m_dir);
  m_path = m_dir / safe;
}

ScratchFile::~ScratchFile() {
  std::error_code ec;
  std::filesystem::remove_all(m_dir, ec);
}

Result<void> ScratchFile::write(const std::string& content) {
  std::ofstream out(m_path, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) return fail(Error::io("无法保存上传的文件"));
  return {};
}

std::string form_or_query(const ApiRequest& request, const std::string& name) {
  auto it = request.form.find(name);
  return it == request.form.end() ? request.query_or(name) : it->second;
}

Result<const UploadedFile*> uploaded_file(const ApiRequest& request, const std::string& field) {
  const UploadedFile* file = nullptr;
  for (const auto& f : request.files) {
    if (f.field == field) file = &f;
  }
  if (!file)
    return fail(Error::invalid_input("缺少上传的文件（表单字段 " + field + "）", {.field = field}));
  return file;
}

bool dry_run_requested(const ApiRequest& request) {
  const std::string v = form_or_query(request, "dry_run");
  return v == "1" || v == "true";
}

}  // namespace jixiao::server
