// cli/command.cpp — argument helpers shared by the commands.
#include "cli/command.hpp"

#include <charconv>
#include <cstdlib>
#include <ostream>

#include "core/date.hpp"
#include "store/store.hpp"

namespace jixiao::cli {

std::optional<std::string> Args::get(const std::string& name) const {
  auto it = options.find(name);
  if (it == options.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::string Args::get_or(const std::string& name, const std::string& fallback) const {
  return get(name).value_or(fallback);
}

const std::vector<std::string>& Args::all(const std::string& name) const {
  static const std::vector<std::string> k_none;
  auto it = options.find(name);
  return it == options.end() ? k_none : it->second;
}

Result<std::optional<int>> Args::get_int(const std::string& name, int lo, int hi) const {
  auto v = get(name);
  if (!v) return std::optional<int>();
  long long n = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || ptr != v->data() + v->size()) {
    return fail(Error::invalid_input("--" + name + ": 不是整数: \"" + *v + "\""));
  }
  if (n < lo || n > hi) {
    return fail(Error::invalid_input("--" + name + ": 应在 " + std::to_string(lo) + " 到 " +
                                     std::to_string(hi) + " 之间: " + std::to_string(n)));
  }
  return std::optional<int>(static_cast<int>(n));  // in [lo, hi]: fits
}

Result<std::optional<int>> Args::get_year() const {
  auto v = get("year");
  if (!v) return std::optional<int>();
  auto year = parse_fiscal_year(*v);
  if (!year) return fail(Error::invalid_input("--year: 不是年度: \"" + *v + "\""));
  return std::optional<int>(*year);
}

Result<int> Args::require_year() const {
  auto year = get_year();
  if (!year) return fail(std::move(year.error()));
  if (!*year) return fail(Error::invalid_input("缺少参数 --year"));
  return **year;
}

Result<std::string> Args::require(const std::string& name) const {
  auto v = get(name);
  if (!v) return fail(Error::invalid_input("缺少参数 --" + name));
  return *v;
}

Context::Context(std::string url, std::ostream& o, std::ostream& e)
    : db_url(std::move(url)), out(o), err(e) {}
Context::~Context() = default;

Result<store::Store*> Context::open_store() const {
  if (!m_store) {
    auto opened = store::open(db_url);
    if (!opened) return fail(std::move(opened.error()));
    m_store = std::move(*opened);
  }
  return m_store.get();
}

std::string data_dir() {
  if (const char* env = std::getenv("JIXIAO_DATA_DIR"); env != nullptr && *env != '\0') return env;
  return std::string(JIXIAO_SOURCE_DIR) + "/data";
}

int report(Context& ctx, const Error& error) {
  ctx.err << "jixiao: " << error.to_string() << "\n";
  return 1;
}

Result<Format> parse_format(const std::string& text) {
  if (text == "table") return Format::table;
  if (text == "json") return Format::json;
  if (text == "csv") return Format::csv;
  return fail(Error::invalid_input("--format: 应为 table、json 或 csv: \"" + text + "\""));
}

}  // namespace jixiao::cli
