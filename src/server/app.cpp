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
    if (auto it = m_running->find(m_user); it != m_running->end() && --it->second <= 0)
      m_running->erase(it);
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

Result<void> Call::audit(const std::string& action, const std::string& target, const Json& before,
                         const Json& after) {
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
  auto feed = store::open_change_feed(m_options.db_url, m_options.primary_url);
  if (!feed) return fail(std::move(feed.error()));
  m_changes = std::move(*feed);
  return {};
}

const Route* App::match(const std::string& method, const std::string& path,
                        std::map<std::string, std::string>& params, bool& path_exists) const {
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

ApiResponse App::handle(ApiRequest request) {
  try {
    if (auto checked = check_request_text(request); !checked)
      return error_response(checked.error());
    bool path_exists = false;
    const Route* route = match(request.method, request.path, request.params, path_exists);
    if (route == nullptr) {
      ApiResponse r;
      r.status = path_exists ? 405 : 404;
      r.body = path_exists
                   ? error_body("method_not_allowed", "此地址不支持 " + request.method + " 请求")
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
        r.body =
            error_body("csrf", "缺少或错误的 CSRF 令牌（请求头 X-CSRF-Token）；请刷新页面后重试");
        return r;
      }
      // A first password (generated or set by an administrator) is known to someone else: until
      // it is changed, the session may only change it, see itself and sign out.
      if (route->access == Access::signed_in && call.session()->user.must_change_password) {
        ApiResponse r;
        r.status = 403;
        r.body = error_body("password_change_required",
                            "这是初始密码，请先修改密码（POST /api/password）");
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
                                                     std::to_string(k_heavy_per_user) +
                                                     " 个），请等前面的完成后再试");
        r.headers.emplace_back("Retry-After", "5");
        return r;
      }
    }
    // Another server or the CLI committed a write (PostgreSQL NOTIFY): nothing cached may be
    // served.
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

}  // namespace jixiao::server
