// server/app.cpp — the router, the per-request wrapper and the helpers the routes share.
#include "server/app.hpp"

#include <algorithm>
#include <charconv>
#include <exception>

#include "core/money.hpp"
#include "core/text.hpp"
#include "server/error_mapping.hpp"

namespace jixiao::server {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool is_write(const std::string& method) { return method != "GET" && method != "HEAD"; }

// A place among the heavy requests a user runs at once (Weight::heavy); empty when the user
// already runs k_heavy_per_user. Released when it goes out of scope.
class HeavySlot {
 public:
  HeavySlot() = default;
  HeavySlot(std::mutex& mutex, std::map<std::string, int>& running, const std::string& user)
      : m_mutex(&mutex), m_running(&running), m_user(user) {
    std::lock_guard lock(mutex);
    int& n = running[user];
    if (n >= k_heavy_per_user) {
      m_mutex = nullptr;
      return;
    }
    ++n;
  }
  HeavySlot(HeavySlot&& other) noexcept { *this = std::move(other); }
  HeavySlot& operator=(HeavySlot&& other) noexcept {
    release();
    m_mutex = std::exchange(other.m_mutex, nullptr);
    m_running = other.m_running;
    m_user = std::move(other.m_user);
    return *this;
  }
  ~HeavySlot() { release(); }
  bool held() const { return m_mutex != nullptr; }

 private:
  void release() {
    if (!m_mutex) return;
    std::lock_guard lock(*m_mutex);
    if (auto it = m_running->find(m_user); it != m_running->end() && --it->second <= 0) m_running->erase(it);
    m_mutex = nullptr;
  }
  std::mutex* m_mutex = nullptr;
  std::map<std::string, int>* m_running = nullptr;
  std::string m_user;
};

ApiResponse error_response(const Error& e) {
  ApiResponse r;
  r.status = http_status(e.code());
  r.body = error_body(e);
  return r;
}

}  // namespace

std::string ApiRequest::query_or(const std::string& name, const std::string& fallback) const {
  auto it = query.find(name);
  return it == query.end() ? fallback : it->second;
}

ApiResponse json_response(const Json& body, int status) {
  ApiResponse r;
  r.status = status;
  r.body = body.dump();
  return r;
}

StorePool::Lease::~Lease() {
  if (m_pool && m_store) {
    std::lock_guard lock(m_pool->m_mutex);
    m_pool->m_idle.push_back(std::move(m_store));
  }
}

Result<StorePool::Lease> StorePool::acquire() {
  {
    std::lock_guard lock(m_mutex);
    if (!m_idle.empty()) {
      auto s = std::move(m_idle.back());
      m_idle.pop_back();
      return Lease(*this, std::move(s));
    }
  }
  auto s = store::open(m_url);
  if (!s) return fail(std::move(s.error()));
  return Lease(*this, std::move(*s));
}

Result<void> StorePool::warm(int count) {
  for (int i = 0; i < count; ++i) {
    auto s = store::open(m_url);
    if (!s) return fail(std::move(s.error()));
    std::lock_guard lock(m_mutex);
    m_idle.push_back(std::move(*s));
  }
  return {};
}

const Principal& Call::user() const {
  JIXIAO_ASSERT(m_session.has_value(), "signed-in routes run only with a session");
  return m_session->user;
}

Result<store::Store*> Call::store() {
  if (!m_lease) {
    auto lease = m_app.stores().acquire();
    if (!lease) return fail(std::move(lease.error()));
    m_lease.emplace(std::move(*lease));
  }
  return &**m_lease;
}

Result<void> Call::audit(const std::string& action, const std::string& target, const Json& before, const Json& after) {
  auto s = store();
  if (!s) return fail(std::move(s.error()));
  store::AuditEntry e;
  e.user = m_session ? m_session->user.name : "anonymous";
  e.source = "api";
  e.action = action;
  e.target = target;
  e.before_json = before.dump();
  e.after_json = after.dump();
  auto appended = (*s)->audit().append(e);
  if (!appended) return fail(std::move(appended.error()));
  return {};
}

Result<std::shared_ptr<const ledger::Ledger>> LedgerCache::get(store::Store& store, int fiscal_year) {
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_ledgers.find(fiscal_year); it != m_ledgers.end()) return it->second;
    generation = m_generation;
  }
  std::lock_guard compute(m_compute);
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_ledgers.find(fiscal_year); it != m_ledgers.end()) return it->second;
    generation = m_generation;
  }
  auto loaded = ledger::Ledger::load(store, fiscal_year);
  if (!loaded) return fail(std::move(loaded.error()));
  auto shared = std::make_shared<const ledger::Ledger>(std::move(*loaded));
  std::lock_guard lock(m_mutex);
  if (generation == m_generation) m_ledgers[fiscal_year] = shared;
  return shared;
}

Result<std::shared_ptr<const LedgerCache::YearSummary>> LedgerCache::year_summary(store::Store& store,
                                                                                  int fiscal_year) {
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_summaries.find(fiscal_year); it != m_summaries.end()) return it->second;
    generation = m_generation;
  }
  std::lock_guard compute(m_compute);
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_summaries.find(fiscal_year); it != m_summaries.end()) return it->second;
    generation = m_generation;
  }
  auto ledger = get(store, fiscal_year);
  if (!ledger) return fail(std::move(ledger.error()));
  auto sum = ledger::summarize(**ledger, {.group_by = ledger::GroupBy::line});
  if (!sum) return fail(std::move(sum.error()));
  auto out = std::make_shared<YearSummary>();
  out->summary = std::move(*sum);
  for (std::size_t i = 0; i < out->summary.units.size(); ++i) out->unit_index[out->summary.units[i].unit.code] = i;
  std::lock_guard lock(m_mutex);
  if (generation == m_generation) m_summaries[fiscal_year] = out;
  return std::shared_ptr<const YearSummary>(std::move(out));
}

Result<std::shared_ptr<const monitor::History>> LedgerCache::history(store::Store& store, int fiscal_year) {
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_histories.find(fiscal_year); it != m_histories.end()) return it->second;
    generation = m_generation;
  }
  std::lock_guard compute(m_compute);
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_histories.find(fiscal_year); it != m_histories.end()) return it->second;
    generation = m_generation;
  }
  auto years = store.ledger().fiscal_years();
  if (!years) return fail(std::move(years.error()));
  // The earlier ledgers come from this cache (each loaded once), the years by monitor's rule.
  std::vector<std::shared_ptr<const ledger::Ledger>> earlier;
  for (int y : monitor::history_years(*years, fiscal_year)) {
    auto l = get(store, y);
    if (!l) return fail(std::move(l.error()));
    earlier.push_back(*l);
  }
  std::vector<const ledger::Ledger*> ptrs;
  for (const auto& l : earlier) ptrs.push_back(l.get());
  auto out = std::make_shared<const monitor::History>(monitor::History::from_ledgers(ptrs));
  std::lock_guard lock(m_mutex);
  if (generation == m_generation) m_histories[fiscal_year] = out;
  return out;
}

Result<std::shared_ptr<const monitor::Schedule>> LedgerCache::schedule(store::Store& store, int fiscal_year) {
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_schedules.find(fiscal_year); it != m_schedules.end()) return it->second;
    generation = m_generation;
  }
  auto loaded = monitor::load_schedule(store, fiscal_year);
  if (!loaded) return fail(std::move(loaded.error()));
  auto out = std::make_shared<const monitor::Schedule>(std::move(*loaded));
  std::lock_guard lock(m_mutex);
  if (generation == m_generation) m_schedules[fiscal_year] = out;
  return out;
}

Result<std::shared_ptr<const LedgerCache::YearMonitor>> LedgerCache::year_monitor(App& app, store::Store& store,
                                                                                  int fiscal_year) {
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_monitors.find(fiscal_year); it != m_monitors.end()) return it->second;
    generation = m_generation;
  }
  std::lock_guard compute(m_compute);
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_monitors.find(fiscal_year); it != m_monitors.end()) return it->second;
    generation = m_generation;
  }
  std::shared_ptr<const ledger::Ledger> ledger;
  auto result = monitor_unit(app, store, fiscal_year, "", std::nullopt, &ledger);
  if (!result) return fail(std::move(result.error()));
  auto out = std::make_shared<YearMonitor>();
  out->result = std::move(*result);
  for (std::size_t i = 0; i < out->result.units.size(); ++i) {
    out->unit_status[ledger->units()[out->result.units[i].unit].code] = i;
  }
  for (std::size_t i = 0; i < out->result.warnings.size(); ++i) out->warnings[out->result.warnings[i].unit_code].push_back(i);
  for (std::size_t i = 0; i < out->result.advice.size(); ++i) out->advice[out->result.advice[i].unit_code].push_back(i);
  std::lock_guard lock(m_mutex);
  if (generation == m_generation) m_monitors[fiscal_year] = out;
  return std::shared_ptr<const YearMonitor>(std::move(out));
}

void LedgerCache::invalidate() {
  std::lock_guard lock(m_mutex);
  ++m_generation;
  m_ledgers.clear();
  m_summaries.clear();
  m_histories.clear();
  m_schedules.clear();
  m_monitors.clear();
  m_bodies.clear();
}

bool LedgerCache::claim_check() {
  auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(m_mutex);
  if (m_last_audit_id >= 0 && now - m_last_check < std::chrono::milliseconds(250)) return false;
  m_last_check = now;
  return true;
}

void LedgerCache::refresh_if_changed(store::Store& store) {
  // Only CLI writes ("cli.*" entries): the server's own writes drop the caches themselves, and
  // counting them here would drop everything again after every sign-in.
  auto newest = store.audit().entries({.action = "cli.", .limit = 1});
  if (!newest) return;  // a failing store shows in the request itself
  std::int64_t id = newest->empty() ? 0 : newest->front().id;
  bool changed = false;
  {
    std::lock_guard lock(m_mutex);
    changed = m_last_audit_id >= 0 && id != m_last_audit_id;
    m_last_audit_id = id;
  }
  if (changed) invalidate();
}

std::uint64_t LedgerCache::generation() const {
  std::lock_guard lock(m_mutex);
  return m_generation;
}

std::optional<std::string> LedgerCache::cached(const std::string& key) {
  std::lock_guard lock(m_mutex);
  auto it = m_bodies.find(key);
  if (it == m_bodies.end()) return std::nullopt;
  return it->second;
}

void LedgerCache::remember(const std::string& key, std::string body) {
  std::lock_guard lock(m_mutex);
  if (m_bodies.size() > 20000) m_bodies.clear();
  m_bodies[key] = std::move(body);
}

App::App(const ServerOptions& options)
    : m_options(options),
      m_stores(options.db_url),
      m_clock(options.clock ? options.clock : &wall_clock()),
      m_sessions(std::chrono::hours(options.session_hours), std::chrono::seconds(5), m_clock),
      m_limiter(options.login_attempts_per_minute) {
  add_auth_routes(*this);
  add_user_routes(*this);
  add_ledger_routes(*this);
  add_workflow_routes(*this);
  add_audit_routes(*this);
  add_monitor_routes(*this);
  add_scoring_routes(*this);
  add_report_routes(*this);
  add_indicator_routes(*this);
  add_checker_routes(*this);
  add_congress_routes(*this);
  add_template_routes(*this);
}

Result<void> App::watch_changes() {
  auto feed = store::open_change_feed(m_options.db_url);
  if (!feed) return fail(std::move(feed.error()));
  m_changes = std::move(*feed);
  return {};
}

const Route* App::match(const std::string& method, const std::string& path, std::map<std::string, std::string>& params,
                        bool& path_exists) const {
  path_exists = false;
  auto parts = split_path(path);
  for (const auto& route : m_routes) {
    auto pattern = split_path(route.pattern);
    if (pattern.size() != parts.size()) continue;
    std::map<std::string, std::string> found;
    bool ok = true;
    for (std::size_t i = 0; i < parts.size() && ok; ++i) {
      if (!pattern[i].empty() && pattern[i][0] == ':') {
        ok = !parts[i].empty();
        found[pattern[i].substr(1)] = parts[i];
      } else {
        ok = pattern[i] == parts[i];
      }
    }
    if (!ok) continue;
    path_exists = true;
    if (route.method != method) continue;
    params = std::move(found);
    return &route;
  }
  return nullptr;
}

Result<void> check_request_text(const ApiRequest& request) {
  // Everything a route may store or echo is valid UTF-8: one bad name once made every later
  // JSON answer that showed it fail (type_error.316, issue 17).
  if (!text::valid_utf8(request.path)) return fail(Error::invalid_input("地址不是有效的 UTF-8 文本"));
  for (const auto* fields : {&request.query, &request.form}) {
    for (const auto& [name, value] : *fields) {
      if (!text::valid_utf8(name) || !text::valid_utf8(value)) {
        std::string shown = text::valid_utf8(name) ? name : "?";
        return fail(Error::invalid_input("参数 " + shown + " 不是有效的 UTF-8 文本", {.field = shown}));
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
          "上传的文件名不可用（应为有效的 UTF-8，不含路径分隔符和控制字符，不是 . 或 ..，最多 255 字节）",
          {.field = file.field.empty() || !text::valid_utf8(file.field) ? "file" : file.field}));
    }
  }
  return {};
}

ApiResponse App::handle(ApiRequest request) {
  try {
    if (auto checked = check_request_text(request); !checked) return error_response(checked.error());
    bool path_exists = false;
    const Route* route = match(request.method, request.path, request.params, path_exists);
    if (route == nullptr) {
      ApiResponse r;
      r.status = path_exists ? 405 : 404;
      r.body = path_exists ? error_body("method_not_allowed", "此地址不支持 " + request.method + " 请求")
                           : error_body("not_found", "没有这个接口: " + request.path);
      return r;
    }
    Call call(*this, request);
    if (!request.session_token.empty()) {
      auto s = call.store();
      if (!s) return error_response(s.error());
      auto found = m_sessions.find(**s, request.session_token);
      if (!found) return error_response(found.error());
      call.set_session(std::move(*found));
    }
    if (route->access != Access::anyone) {
      if (!call.session()) {
        ApiResponse r;
        r.status = 401;
        r.body = error_body("unauthenticated", "请先登录（会话不存在或已过期）");
        return r;
      }
      // An HTML form (the UI's password page) carries the token as a field instead of a header.
      std::string csrf = request.csrf_header;
      if (csrf.empty() && request.urlencoded) {
        if (auto it = request.form.find("csrf_token"); it != request.form.end()) csrf = it->second;
      }
      if (is_write(request.method) && csrf != call.session()->csrf) {
        ApiResponse r;
        r.status = 403;
        r.body = error_body("csrf", "缺少或错误的 CSRF 令牌（请求头 X-CSRF-Token）；请刷新页面后重试");
        return r;
      }
      // A first password (generated or set by an administrator) is known to someone else: until
      // it is changed, the session may only change it, see itself and sign out.
      if (route->access == Access::signed_in && call.session()->user.must_change_password) {
        ApiResponse r;
        r.status = 403;
        r.body = error_body("password_change_required", "这是初始密码，请先修改密码（POST /api/password）");
        return r;
      }
    }
    HeavySlot heavy;
    if (route->weight == Weight::heavy) {
      heavy = HeavySlot(m_heavy_mutex, m_heavy, call.user().name);
      if (!heavy.held()) {
        ApiResponse r;
        r.status = 429;
        r.body = error_body("too_many_requests", "同时进行的导入、检查或报告过多（每人最多 " +
                                                     std::to_string(k_heavy_per_user) + " 个），请等前面的完成后再试");
        r.headers.emplace_back("Retry-After", "5");
        return r;
      }
    }
    // Another server or the CLI committed a write (PostgreSQL NOTIFY): nothing cached may be served.
    if (m_changes && m_changes->changed()) m_ledgers.invalidate();
    if (m_ledgers.claim_check()) {
      if (auto s = call.store()) m_ledgers.refresh_if_changed(**s);
    }
    // A signed-in write is one unit of work: the change and its audit entry are committed
    // together, synced to disk, or not at all (an error anywhere rolls both back).
    std::unique_ptr<store::UnitOfWork> work;
    if (is_write(request.method) && route->access == Access::signed_in) {
      auto s = call.store();
      if (!s) return error_response(s.error());
      auto begun = (*s)->begin_work();
      if (!begun) return error_response(begun.error());
      work = std::move(*begun);
    }
    auto result = route->handler(*this, call);
    if (!result) return error_response(result.error());
    if (work) {
      if (auto committed = work->commit(); !committed) return error_response(committed.error());
    }
    if (call.invalidates_caches()) m_ledgers.invalidate();
    return std::move(*result);
  } catch (const std::exception& e) {
    return error_response(Error::internal(std::string("服务器内部错误: ") + e.what()));
  } catch (...) {
    return error_response(Error::internal("服务器内部错误"));
  }
}

Result<void> check_json_shape(std::string_view text, std::size_t max_depth, std::size_t max_bytes) {
  if (text.size() > max_bytes) {
    return fail(Error::invalid_input("请求体过大：JSON 最多 " + std::to_string(max_bytes / (1024 * 1024)) + " MiB"));
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
        return fail(Error::invalid_input("JSON 嵌套过深（最多 " + std::to_string(max_depth) + " 层）"));
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return {};
}

bool App::session_alive(const std::string& token) {
  try {
    auto lease = m_stores.acquire();
    if (!lease) return false;
    auto found = m_sessions.find(**lease, token);
    return found && found->has_value();
  } catch (...) {
    return false;
  }
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
  if (!it->is_string()) return fail(Error::invalid_input("字段 " + field + " 应为文本", {.field = field}));
  std::string value = it->get<std::string>();
  if (required && value.empty()) return fail(Error::invalid_input("字段 " + field + " 不能为空", {.field = field}));
  return value;
}

namespace {

Result<std::int64_t> int_param(const ApiRequest& request, const std::string& name, std::int64_t fallback) {
  auto it = request.query.find(name);
  if (it == request.query.end() || it->second.empty()) return fallback;
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  if (ec != std::errc() || p != it->second.data() + it->second.size() || v < 0) {
    return fail(Error::invalid_input("参数 " + name + " 应为非负整数: \"" + it->second + "\"", {.field = name}));
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
  return Json{{"items", std::move(items)}, {"total", total}, {"offset", page.offset}, {"limit", page.limit}};
}

namespace {

std::optional<int> parse_year(const std::string& text) {
  int y = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), y);
  if (ec != std::errc() || p != text.data() + text.size() || y < 1990 || y > 2100) return std::nullopt;
  return y;
}

}  // namespace

Result<UnitYear> unit_year_of(const Call& call) {
  const std::string& text = call.req().params.at("year");
  auto year = parse_year(text);
  if (!year) return fail(Error::invalid_input("年度不正确: \"" + text + "\"", {.field = "year"}));
  return UnitYear{call.req().params.at("unit"), *year};
}

Result<int> year_of(Call& call) {
  std::string text = call.req().query_or("year");
  if (!text.empty()) {
    auto y = parse_year(text);
    if (!y) return fail(Error::invalid_input("参数 year 不是年度: \"" + text + "\"", {.field = "year"}));
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
    return fail(Error::invalid_input("字段 " + field + " 应为 0 到 100 之间、最多两位小数的分数: \"" + text + "\"",
                                     {.field = field}));
  }
  return m->fen();
}

std::string score_text(std::int64_t centi) {
  std::string s = std::to_string(centi / 100) + ".";
  std::int64_t rest = centi % 100;
  s += static_cast<char>('0' + rest / 10);
  s += static_cast<char>('0' + rest % 10);
  return s;
}

Json to_json(const Principal& user) {
  return Json{{"name", user.name},
              {"display_name", user.display_name},
              {"role", to_string(user.role)},
              {"role_name", store::chinese_name(user.role)},
              {"units", user.unit_codes},
              {"must_change_password", user.must_change_password}};
}

Json to_json(const store::User& user) {
  return Json{{"name", user.name},
              {"display_name", user.display_name},
              {"role", to_string(user.role)},
              {"role_name", store::chinese_name(user.role)},
              {"units", user.unit_codes},
              {"must_change_password", user.must_change_password},
              {"disabled", user.disabled},
              {"created_at", user.created_at}};
}

Json to_json(const store::EvaluationRecord& r) {
  Json inputs = Json::parse(r.inputs_json, nullptr, false);
  Json snapshot = Json::parse(r.snapshot_json, nullptr, false);
  return Json{{"unit_code", r.unit_code},
              {"year", r.fiscal_year},
              {"status", to_string(r.status)},
              {"status_name", store::chinese_name(r.status)},
              {"inputs", inputs.is_discarded() ? Json() : inputs},
              {"snapshot", snapshot.is_discarded() ? Json() : snapshot},
              {"self_score", score_text(r.self_score_centi)},
              {"review_score", r.review_score_centi ? Json(score_text(*r.review_score_centi)) : Json()},
              {"review_comment", r.review_comment},
              {"submitted_by", r.submitted_by},
              {"submitted_at", r.submitted_at},
              {"reviewed_by", r.reviewed_by},
              {"reviewed_at", r.reviewed_at},
              {"updated_by", r.updated_by},
              {"updated_at", r.updated_at},
              {"version", r.version}};
}

Json to_json(const store::AuditEntry& e) {
  Json before = Json::parse(e.before_json, nullptr, false);
  Json after = Json::parse(e.after_json, nullptr, false);
  return Json{{"id", e.id},         {"at", e.at},         {"user", e.user},
              {"source", e.source}, {"action", e.action}, {"target", e.target},
              {"before", before.is_discarded() ? Json(e.before_json) : before},
              {"after", after.is_discarded() ? Json(e.after_json) : after}};
}

Json to_json(const model::Unit& unit) {
  return Json{{"code", unit.code}, {"name", unit.name}, {"parent_code", unit.parent_code}};
}

}  // namespace jixiao::server
