// server/params.hpp — reading what a request carries: its text checked, its JSON body within
// limits, fields, paging, the year and unit of a route, scores in points, uploads to disk.
// Each refusal is Error::invalid_input naming the field.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/result.hpp"
#include "server/request.hpp"

namespace jixiao::server {

class Call;

// Error::invalid_input when the path, a query or form field, or an upload's file name is not
// valid UTF-8, or a file name is ".", "..", holds a path separator or a control character.
Result<void> check_request_text(const ApiRequest& request);
// Limits of a JSON request body: nesting depth and size.
inline constexpr std::size_t k_json_max_depth = 64;
inline constexpr std::size_t k_json_max_bytes = 8 * 1024 * 1024;
// Error::invalid_input when `text` nests brackets deeper than `max_depth` or is longer than
// `max_bytes`; checked on the raw bytes before any parser recurses into them.
Result<void> check_json_shape(std::string_view text, std::size_t max_depth, std::size_t max_bytes);
// The request body as a JSON object; Error::invalid_input "请求体不是有效的 JSON…" otherwise
// (also when too deep or too large: check_json_shape with the limits above).
Result<Json> body_json(const ApiRequest& request);
// A string member of `body`; Error::invalid_input naming the field when missing or not text.
Result<std::string> string_field(const Json& body, const std::string& field, bool required = true);
// ?offset=&limit= (Default 0 and 50; limit at most 1000).
struct Page {
  std::int64_t offset = 0;
  std::int64_t limit = 50;
};
Result<Page> page_of(const ApiRequest& request);
// {"items": […], "total", "offset", "limit"} from a full list.
Json paged(const Json& all_items, const Page& page);
// ?year=: the given year, else the latest year with budget lines; Error::invalid_input when not a
// year.
Result<int> year_of(Call& call);
// ?as_of=: the date given, nullopt when absent; Error::invalid_input "参数 as_of 不是日期" else.
Result<std::optional<Date>> as_of_of(const ApiRequest& request);
// The unit and year of a route ".../:unit/:year"; Error::invalid_input "年度不正确" when the year
// is not one (a fiscal year: core/date.hpp).
struct UnitYear {
  std::string unit;
  int year = 0;
};
Result<UnitYear> unit_year_of(const Call& call);
// A score in points given as 98 or "98.50" → 9850; Error::invalid_input naming `field`.
Result<std::int64_t> score_centi(const Json& value, const std::string& field);

// Of an upload (multipart): a text field of the form, else the query parameter of that name, else
// "".
std::string form_or_query(const ApiRequest& request, const std::string& name);
// The uploaded part named `field` (the last one when repeated); Error::invalid_input naming the
// field when there is none.
Result<const UploadedFile*> uploaded_file(const ApiRequest& request,
                                          const std::string& field = "file");
// dry_run=1 or true, as a form field (which wins) or a query parameter.
bool dry_run_requested(const ApiRequest& request);

// A scratch copy of an uploaded file (in its own temporary folder), removed when done.
class ScratchFile {
 public:
  explicit ScratchFile(const std::string& filename);
  ~ScratchFile();
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
  // Error::io when the copy cannot be written.
  Result<void> write(const std::string& content);
  std::string path() const { return m_path.string(); }

 private:
  std::filesystem::path m_dir;
  std::filesystem::path m_path;
};

}  // namespace jixiao::server
