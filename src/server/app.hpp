// server/app.hpp — inside the server (not part of its contract): the request and response
// types the routes see, the router, and the shared state (store pool, sessions, caches).
//
// Routes never see the HTTP library (Beast): server.cpp turns its requests into ApiRequest, so routes are
// plain functions `Result<ApiResponse>(App&, Call&)` that tests can call directly.
// nlohmann::json appears here because every route builds JSON; it stays inside server/.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "ledger/ledger.hpp"
#include "monitor/monitor.hpp"
#include "scoring/scoring.hpp"
#include "server/auth.hpp"
#include "server/roles.hpp"
#include "server/server.hpp"
#include "store/store.hpp"

namespace jixiao::server {

using Json = nlohmann::json;

struct UploadedFile {
  std::string field;     // the form field name
  std::string filename;  // as the browser sent it
  std::string content;
};

struct ApiRequest {
  std::string method;  // "GET", "POST", "PUT", "DELETE"
  std::string path;
  std::map<std::string, std::string> params;  // from the route pattern (":code")
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> form;    // multipart text fields
  std::vector<UploadedFile> files;
  std::string body;
  std::string session_token;  // the jx_session cookie
  std::string csrf_header;    // X-CSRF-Token
  bool urlencoded = false;     // an HTML form's body (application/x-www-form-urlencoded), in `form`
  std::string remote_addr;     // the client (the proxy's X-Forwarded-For when from the trusted proxy)
  bool https = false;          // the trusted proxy says the client used TLS

  std::string query_or(const std::string& name, const std::string& fallback = {}) const;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

ApiResponse json_response(const Json& body, int status = 200);

// A store connection borrowed from the pool; returned when the lease ends.
class StorePool {
 public:
  explicit StorePool(std::string url) : m_url(std::move(url)) {}
  class Lease {
   public:
    Lease(StorePool& pool, std::unique_ptr<store::Store> s) : m_pool(&pool), m_store(std::move(s)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = default;
    ~Lease();
    store::Store& operator*() const { return *m_store; }
    store::Store* operator->() const { return m_store.get(); }

   private:
    StorePool* m_pool;
    std::unique_ptr<store::Store> m_store;
  };
  Result<Lease> acquire();
  // Opens `count` connections now, one after the other: opening sets WAL mode, which takes a
  // lock, so dozens of threads opening at once under load would wait on each other.
  Result<void> warm(int count);
  const std::string& url() const { return m_url; }

 private:
  std::string m_url;
  std::mutex m_mutex;
  std::vector<std::unique_ptr<store::Store>> m_idle;
};

class App;

// One request being handled.
class Call {
 public:
  Call(App& app, const ApiRequest& request) : m_app(app), m_request(request) {}
  const ApiRequest& req() const { return m_request; }
  // The signed-in user. Requires: the route is not public (the wrapper checked the session).
  const Principal& user() const;
  const std::optional<Session>& session() const { return m_session; }
  void set_session(std::optional<Session> s) { m_session = std::move(s); }
  // The store for this request (borrowed from the pool on first use).
  Result<store::Store*> store();
  // Appends an audit entry for a write by the signed-in user through the API. A signed-in
  // write runs in one unit of work (App::handle): its change and this entry are kept together.
  Result<void> audit(const std::string& action, const std::string& target, const Json& before, const Json& after);
  // The ledger caches are dropped once this request's writes are committed (not before: a
  // reader could otherwise cache what is about to change).
  void invalidate_caches() { m_invalidate = true; }
  bool invalidates_caches() const { return m_invalidate; }

 private:
  App& m_app;
  const ApiRequest& m_request;
  std::optional<Session> m_session;
  std::optional<StorePool::Lease> m_lease;
  bool m_invalidate = false;
};

using Handler = std::function<Result<ApiResponse>(App&, Call&)>;
enum class Access {
  anyone,       // no session needed (signing in)
  any_session,  // signed in, even while a first password must still be changed (password, session, logout)
  signed_in,    // signed in with a password of one's own: 403 password_change_required before that
};
// Heavy routes (files parsed, reports rendered) run at most k_heavy_per_user at once per user;
// one more answers 429 rather than holding another worker.
enum class Weight { light, heavy };
inline constexpr int k_heavy_per_user = 2;

struct Route {
  std::string method;
  std::string pattern;  // "/api/units/:code/lines"
  Access access = Access::signed_in;
  Handler handler;
  Weight weight = Weight::light;
};

// The ledger of a year, loaded once and shared until an import changes it.
class LedgerCache {
 public:
  Result<std::shared_ptr<const ledger::Ledger>> get(store::Store& store, int fiscal_year);
  // The year-end summary of every unit, grouped by line, computed once per ledger: the
  // dashboards of all units read their part of it.
  struct YearSummary {
    ledger::Summary summary;
    std::map<std::string, std::size_t> unit_index;  // unit code → index in summary.units
  };
  Result<std::shared_ptr<const YearSummary>> year_summary(store::Store& store, int fiscal_year);
  // Monitoring of every unit at year end, computed once per ledger, indexed by unit code.
  struct YearMonitor {
    monitor::MonitorResult result;
    std::map<std::string, std::size_t> unit_status;             // unit code → index in result.units
    std::map<std::string, std::vector<std::size_t>> warnings;   // unit code → indexes in result.warnings
    std::map<std::string, std::vector<std::size_t>> advice;     // unit code → indexes in result.advice
  };
  Result<std::shared_ptr<const YearMonitor>> year_monitor(App& app, store::Store& store, int fiscal_year);
  // Earlier years' spending curves (up to three years before `fiscal_year`), for forecasts.
  Result<std::shared_ptr<const monitor::History>> history(store::Store& store, int fiscal_year);
  // The schedule stored for `fiscal_year` (monitor::load_schedule): plan curves and that year's
  // spending plans, read once per generation.
  Result<std::shared_ptr<const monitor::Schedule>> schedule(store::Store& store, int fiscal_year);
  // Drops every cached ledger and response (after an import).
  void invalidate();
  // Drops everything cached when the database changed behind the server's back (a CLI
  // import while it runs). Every CLI write appends a "cli.*" entry to the audit log, so the
  // newest such entry's id serves as the change counter for writes made outside the server. A request calls
  // claim_check() first: it is true at most once every 250 ms, so a burst of requests costs
  // one indexed query and the others need no database connection at all.
  bool claim_check();
  void refresh_if_changed(store::Store& store);
  std::uint64_t generation() const;
  // Cached response bodies keyed by route + arguments, valid for one generation.
  std::optional<std::string> cached(const std::string& key);
  void remember(const std::string& key, std::string body);
  // Held while computing anything expensive after a cache miss, so that a burst of requests
  // computes it once (the others wait, then find it cached). Recursive: computations nest.
  std::recursive_mutex& compute_lock() { return m_compute; }

 private:
  mutable std::mutex m_mutex;
  std::recursive_mutex m_compute;
  std::uint64_t m_generation = 1;
  std::map<int, std::shared_ptr<const ledger::Ledger>> m_ledgers;
  std::map<int, std::shared_ptr<const YearSummary>> m_summaries;
  std::map<int, std::shared_ptr<const monitor::History>> m_histories;
  std::map<int, std::shared_ptr<const monitor::Schedule>> m_schedules;
  std::map<int, std::shared_ptr<const YearMonitor>> m_monitors;
  std::map<std::string, std::string> m_bodies;
  std::int64_t m_last_audit_id = -1;  // -1: not read yet
  std::chrono::steady_clock::time_point m_last_check{};
};

class App {
 public:
  explicit App(const ServerOptions& options);

  const ServerOptions& options() const { return m_options; }
  StorePool& stores() { return m_stores; }
  SessionTable& sessions() { return m_sessions; }
  LoginLimiter& limiter() { return m_limiter; }
  LedgerCache& ledgers() { return m_ledgers; }
  const Clock& clock() const { return *m_clock; }
  const std::vector<Route>& routes() const { return m_routes; }
  void add(Route route) { m_routes.push_back(std::move(route)); }

  // Finds the route for `method` and `path`, filling `params`. nullptr when none matches;
  // `path_exists` tells whether another method would have matched (405 rather than 404).
  const Route* match(const std::string& method, const std::string& path, std::map<std::string, std::string>& params,
                     bool& path_exists) const;
  // Runs one API request end to end: session, CSRF, handler, error mapping. Never throws.
  ApiResponse handle(ApiRequest request);
  // Subscribes to the database's change feed (PostgreSQL LISTEN/NOTIFY), so that writes by
  // other servers or the CLI drop this server's caches before its next request. A no-op on
  // SQLite. Error::storage when the database cannot be reached.
  Result<void> watch_changes();
  // True when `token` names a live session (read from the headers, before the body is read).
  // False also when the store cannot be reached: the request would fail anyway. Never throws.
  bool session_alive(const std::string& token);

 private:
  // Heavy requests running now, per user name (Weight::heavy).
  std::mutex m_heavy_mutex;
  std::map<std::string, int> m_heavy;

  ServerOptions m_options;
  StorePool m_stores;
  const Clock* m_clock;
  SessionTable m_sessions;
  LoginLimiter m_limiter;
  LedgerCache m_ledgers;
  std::vector<Route> m_routes;
  std::unique_ptr<store::ChangeFeed> m_changes;  // null on SQLite
};

// ---- helpers shared by the route files -------------------------------------------------

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
// ?year=: the given year, else the latest year with budget lines; Error::invalid_input when not a year.
Result<int> year_of(Call& call);
// The unit and year of a route ".../:unit/:year"; Error::invalid_input "年度不正确" when the year
// is not one (1990–2100).
struct UnitYear {
  std::string unit;
  int year = 0;
};
Result<UnitYear> unit_year_of(const Call& call);
// A score in points given as 98 or "98.50" → 9850; Error::invalid_input naming `field`.
Result<std::int64_t> score_centi(const Json& value, const std::string& field);
std::string score_text(std::int64_t centi);  // 9850 → "98.50"

// A scratch copy of an uploaded file, removed when done.
class ScratchFile {
 public:
  explicit ScratchFile(const std::string& filename) {
    std::string safe = std::filesystem::path(filename).filename().string();
    if (safe.empty()) safe = "upload";
    m_dir = std::filesystem::temp_directory_path() / ("jixiao-upload-" + random_hex(8));
    std::filesystem::create_directories(m_dir);
    m_path = m_dir / safe;
  }
  ~ScratchFile() {
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
  }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
  Result<void> write(const std::string& content) {
    std::ofstream out(m_path, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) return fail(Error::io("无法保存上传的文件"));
    return {};
  }
  std::string path() const { return m_path.string(); }

 private:
  std::filesystem::path m_dir;
  std::filesystem::path m_path;
};

// The route tables, one per file.
void add_auth_routes(App& app);
void add_user_routes(App& app);
void add_ledger_routes(App& app);
void add_workflow_routes(App& app);
void add_audit_routes(App& app);
void add_monitor_routes(App& app);
void add_scoring_routes(App& app);
void add_report_routes(App& app);
void add_indicator_routes(App& app);
void add_checker_routes(App& app);
void add_congress_routes(App& app);
void add_template_routes(App& app);

// Monitoring of one unit (or all when `unit_code` is empty) at `as_of` (Default: year end),
// with the default thresholds and the linear schedule.
Result<monitor::MonitorResult> monitor_unit(App& app, store::Store& store, int fiscal_year, const std::string& unit_code,
                                            std::optional<Date> as_of,
                                            std::shared_ptr<const ledger::Ledger>* ledger_out = nullptr);
// `only` limits the output to those indexes (all when null).
Json warnings_json(const monitor::MonitorResult& result, const std::vector<std::size_t>* only = nullptr);
Json advice_json(const monitor::MonitorResult& result, const std::vector<std::size_t>* only = nullptr);
// P(year-end execution < 90 %) of a forecast, in percent with one decimal; null when not computed
// (the monitor computes one probability per MonitorOptions::cutoffs_percent, 90 and 95 by default).
Json probability_below_90(const monitor::Probabilities& p);

// The framework scored when the request names none: the reference case's (Guangzhou 2022).
inline constexpr std::string_view k_default_framework = "gz_dept_overall_2022";
// The framework `id` from $JIXIAO_FRAMEWORKS_DIR, ./frameworks or the shipped frameworks/.
// Error::not_found listing the known ids.
Result<model::Framework> find_framework(const std::string& id);
// Scores a unit's year with `framework_id` from its ledger, checklist answers and goals —
// the same inputs `jixiao score` gathers; `execution_rate` (percent) is a what-if.
Result<scoring::Scorecard> score_unit(App& app, store::Store& store, const std::string& unit_code, int fiscal_year,
                                      const std::string& framework_id, std::optional<double> execution_rate = {});

// JSON of the types routes return.
Json to_json(const Principal& user);
Json to_json(const store::User& user);
Json to_json(const store::EvaluationRecord& record);
Json to_json(const store::AuditEntry& entry);
Json to_json(const model::Unit& unit);

}  // namespace jixiao::server
