// server/app.hpp — inside the server (not part of its contract): the router, one call being
// handled, and the shared state (store pool, sessions, the year cache). Routes are plain
// functions `Result<ApiResponse>(App&, Call&)` that tests can call directly. This header
// brings what every route file needs: request.hpp (ApiRequest, ApiResponse, Json),
// params.hpp (reading parameters), year_cache.hpp (LedgerCache), json_mapping.hpp (to_json).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ledger/ledger.hpp"
#include "monitor/monitor.hpp"
#include "scoring/scoring.hpp"
#include "server/auth.hpp"
#include "server/json_mapping.hpp"
#include "server/params.hpp"
#include "server/request.hpp"
#include "server/roles.hpp"
#include "server/server.hpp"
#include "server/year_cache.hpp"
#include "store/store.hpp"

namespace jixiao::server {

// A store connection borrowed from the pool; returned when the lease ends.
class StorePool {
 public:
  explicit StorePool(std::string url) : m_url(std::move(url)) {}
  class Lease {
   public:
    Lease(StorePool& pool, std::unique_ptr<store::Store> s)
        : m_pool(&pool), m_store(std::move(s)) {}
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
  Result<void> audit(const std::string& action, const std::string& target, const Json& before,
                     const Json& after);
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
  any_session,  // signed in, even while a first password must still be changed (password, session,
                // logout)
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
  const Route* match(const std::string& method, const std::string& path,
                     std::map<std::string, std::string>& params, bool& path_exists) const;
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
Result<monitor::MonitorResult> monitor_unit(
    App& app, store::Store& store, int fiscal_year, const std::string& unit_code,
    std::optional<Date> as_of, std::shared_ptr<const ledger::Ledger>* ledger_out = nullptr);
// The framework scored when the request names none (the CLI's default too).
using scoring::k_default_framework;
// The framework `id` from $JIXIAO_FRAMEWORKS_DIR, ./frameworks or the shipped frameworks/.
// Error::not_found listing the known ids.
Result<model::Framework> find_framework(const std::string& id);
// Scores a unit's year with `framework_id` from its ledger, checklist answers and goals —
// the same inputs `jixiao score` gathers; `execution_rate` (percent) is a what-if.
Result<scoring::Scorecard> score_unit(App& app, store::Store& store, const std::string& unit_code,
                                      int fiscal_year, const std::string& framework_id,
                                      std::optional<double> execution_rate = {});

}  // namespace jixiao::server
