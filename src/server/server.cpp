// server/server.cpp — the HTTP listener (Boost.Beast/Asio, event-driven): turns requests into
// ApiRequest for App::handle, serves the web bundle, and writes the responses back.
//
// The only translation unit that includes Beast: it costs ~28 s and ~800 MB of compiler memory,
// so nothing else may (form_data.cpp parses query strings, cookies and multipart bodies).
//
// Threads, and why (bench/server/results.md has the measurements):
// - 2 I/O threads run one io_context: they accept, read and parse requests, serve the web
//   bundle from memory and write responses. Each connection is a chain of async operations on
//   its own strand; a thread is never tied to a connection, so 50 keep-alive connections cost
//   2 threads, not 50. cpp-httplib's thread per connection put 50 runnable threads on the 2
//   cores and the scheduler gave the p99 tail (3–642 ms across runs).
// - Every API request runs on a FIFO pool (worker_pool.hpp) of ServerOptions::threads workers;
//   the response is posted back to the connection's strand. Measured on this machine with wrk
//   on random dashboards while clients loop PDF reports (~0.4 s each on the 10,000-unit ledger):
//   handlers inline on the I/O threads, 2 slow clients → p99 622 ms (both I/O threads held by
//   reports, every connection waits); a fixed pool of 2 → 619 ms; a fixed pool of 4 → 11 ms, but
//   6 slow clients → 1.77 s (all workers held). Hence the pool adds a temporary worker whenever
//   requests wait and no worker has started or finished one for 20 ms: 6 slow clients → p99
//   29 ms. Without slow handlers the pool never grows and costs nothing measurable at the tail
//   (results.md). It stays small because on 2 cores runnable threads beyond the cores only
//   lengthen the tail.
// - Static files, 4xx for malformed requests and 413 are answered on the I/O thread itself.
#include "server/server.hpp"

#include <algorithm>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <thread>
#include <vector>

#include "server/app.hpp"
#include "server/error_mapping.hpp"
#include "server/form_data.hpp"
#include "server/worker_pool.hpp"

#ifndef JIXIAO_WEB_BUILD_DIR
#define JIXIAO_WEB_BUILD_DIR ""
#endif

namespace jixiao::server {
namespace {

namespace fs = std::filesystem;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr std::uint64_t k_body_limit = 64ull * 1024 * 1024;    // larger uploads (multipart) get 413
constexpr std::uint64_t k_login_body_limit = 64 * 1024;        // a name and a password
constexpr std::uint64_t k_json_body_limit = k_json_max_bytes;  // any other body
constexpr std::uint32_t k_header_limit = 64 * 1024;            // request line + headers
constexpr auto k_header_timeout =
    std::chrono::seconds(30);  // idle keep-alive, or a slow request head
constexpr auto k_body_timeout = std::chrono::seconds(300);   // a 64 MiB upload on a slow link
constexpr auto k_write_timeout = std::chrono::seconds(300);  // a big report to a slow client
constexpr auto k_linger_timeout = std::chrono::seconds(2);   // reading what follows a refused body
constexpr const char* k_json_type = "application/json; charset=utf-8";

struct Asset {
  std::string content_type;
  std::string body;
};

std::string mime_of(const fs::path& p) {
  static const std::map<std::string, std::string> k_types = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json; charset=utf-8"}};
  auto it = k_types.find(p.extension().string());
  return it == k_types.end() ? "application/octet-stream" : it->second;
}

// Every file of the built UI, read once at start: the bundle is small and this keeps
// requests off the disk.
std::map<std::string, Asset> load_assets(const std::string& dir) {
  std::map<std::string, Asset> out;
  if (dir.empty()) return out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string rel = "/" + fs::relative(it->path(), dir).generic_string();
    out[rel] = {mime_of(it->path()), ss.str()};
  }
  return out;
}

constexpr std::string_view k_missing_ui = R"(<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>jixiao 绩效</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:3em auto">
<h1>jixiao 绩效管理</h1>
<p>服务器已启动，JSON 接口可用（<code>/api/…</code>，见 docs/api.md），但没有找到网页界面的构建结果。</p>
<p>请在源码目录运行 <code>make build</code>（会执行 <code>scripts/install-web.sh</code> 并用 Vite 构建 web/），
或用 <code>jixiao serve --web 目录</code> / 环境变量 <code>JIXIAO_WEB_DIR</code> 指定已构建的 web 目录。</p>
</body></html>
)";

std::string_view to_std(beast::string_view v) { return {v.data(), v.size()}; }

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// What the response needs to know of its request after the request is gone.
struct RequestHead {
  unsigned version = 11;
  bool keep_alive = true;
  bool head = false;  // a HEAD request: headers only
  bool api = true;    // /api/… (JSON, reports) rather than the UI's files
};

// The web UI (a Vite build of Vue + Element Plus + ECharts): scripts and style sheets only from
// its own files, never inline. Style attributes stay allowed (style-src-attr): Vue and Element
// Plus set positions through the CSSOM, which CSP does not govern, but ECharts writes its
// tooltips as HTML with style="…" attributes; an attribute style cannot run script, while
// <style> elements (which could exfiltrate through selectors) stay refused.
constexpr const char* k_ui_csp =
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-elem 'self'; "
    "style-src-attr 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
    "connect-src 'self'; "
    "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'";
// API answers: JSON, or a rendered report (HTML with its own <style>, no script at all).
constexpr const char* k_api_csp =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action "
    "'none'; "
    "frame-ancestors 'none'";

// The headers every answer carries, unless the answer set its own.
void add_security_headers(Response& res, bool api) {
  if (res.find("Content-Security-Policy") == res.end())
    res.set("Content-Security-Policy", api ? k_api_csp : k_ui_csp);
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "no-referrer");
  res.set("X-Frame-Options", "DENY");
}

bool is_multipart(std::string_view content_type) {
  return content_type.size() >= 19 &&
         std::equal(
             content_type.begin(), content_type.begin() + 19, "multipart/form-data",
             [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

bool is_urlencoded(std::string_view content_type) {
  return content_type.starts_with("application/x-www-form-urlencoded");
}

}  // namespace

std::string find_web_dir() {
  auto has_index = [](const fs::path& p) {
    std::error_code ec;
    return !p.empty() && fs::exists(p / "index.html", ec);
  };
  if (const char* env = std::getenv("JIXIAO_WEB_DIR"); env && *env) {
    return has_index(env) ? std::string(env) : std::string();
  }
  if (has_index(JIXIAO_WEB_BUILD_DIR)) return JIXIAO_WEB_BUILD_DIR;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path candidate :
         {exe.parent_path() / "../share/jixiao/web", exe.parent_path() / "../../web"}) {
      if (has_index(candidate)) return fs::weakly_canonical(candidate).string();
    }
  }
  return {};
}

namespace {

// The server's state; Server::Impl is this (a class of its own so that Connection can name it).
// Members are destroyed in reverse order: the workers stop first (their queued tasks hold
// connections, whose sockets need the io_context), then the io_context with the connections it
// still holds, and the App last.
struct Core {
  explicit Core(const ServerOptions& o)
      : options(o),
        app(o),
        workers({.workers = std::max(o.threads, 1), .max_workers = std::max(o.threads, 64)}) {}
  ServerOptions options;
  App app;
  std::string web_dir;
  std::map<std::string, Asset> assets;
  int port = 0;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  asio::steady_timer accept_retry{ioc};
  WorkerPool workers;

  void accept();

  // The answer to a request outside /api: a file of the bundle, index.html for the UI's own
  // routes, or 405 for a method other than GET and HEAD.
  Response serve_static(const Request& req, const std::string& path) const {
    Response res{http::status::ok, req.version()};
    if (req.method() != http::verb::get && req.method() != http::verb::head) {
      res.result(http::status::method_not_allowed);
      res.set(http::field::content_type, k_json_type);
      res.body() = error_body("method_not_allowed", "此地址只接受 GET");
      return res;
    }
    if (assets.empty()) {
      res.set(http::field::content_type, "text/html; charset=utf-8");
      res.body() = std::string(k_missing_ui);
      return res;
    }
    auto it = assets.find(path);
    if (it == assets.end() || path == "/") it = assets.find("/index.html");  // the SPA's own routes
    if (it == assets.end()) {
      res.result(http::status::not_found);
      res.set(http::field::content_type, "text/plain");
      res.body() = "not found";
      return res;
    }
    if (path.starts_with("/assets/"))
      res.set(http::field::cache_control, "public, max-age=31536000, immutable");
    res.set(http::field::content_type, it->second.content_type);
    res.body() = it->second.body;
    return res;
  }

  // The request as the routes see it. Error::invalid_input when a multipart body is malformed.
  Result<ApiRequest> api_request(Request& req, std::string path, std::string_view query,
                                 const std::string& remote_addr) const {
    ApiRequest r;
    // HEAD is answered as GET without the body (the routes know only GET for reading).
    r.method = req.method() == http::verb::head ? "GET" : std::string(to_std(req.method_string()));
    r.path = std::move(path);
    parse_query(query, r.query);
    r.session_token = cookie_value(to_std(req[http::field::cookie]), "jx_session");
    r.csrf_header = std::string(to_std(req["X-CSRF-Token"]));
    r.remote_addr = remote_addr;
    if (!options.trusted_proxy.empty() && remote_addr == options.trusted_proxy) {
      // The proxy appends the address it saw: the last entry is the only one it vouches for.
      std::string_view forwarded = to_std(req["X-Forwarded-For"]);
      if (auto comma = forwarded.rfind(','); comma != std::string_view::npos)
        forwarded.remove_prefix(comma + 1);
      while (!forwarded.empty() && forwarded.front() == ' ') forwarded.remove_prefix(1);
      while (!forwarded.empty() && forwarded.back() == ' ') forwarded.remove_suffix(1);
      if (!forwarded.empty() && forwarded.size() <= 64) r.remote_addr = std::string(forwarded);
      r.https = to_std(req["X-Forwarded-Proto"]) == "https";
    }
    std::string_view type = to_std(req[http::field::content_type]);
    if (is_multipart(type)) {
      auto parts = parse_multipart(type, req.body());
      if (!parts) return fail(std::move(parts.error()));
      for (auto& p : *parts) {
        if (p.filename.empty()) {
          r.form[p.name] = std::move(p.content);
        } else {
          r.files.push_back({std::move(p.name), std::move(p.filename), std::move(p.content)});
        }
      }
      return r;  // the raw body is not kept: an upload would be held twice
    }
    if (is_urlencoded(type)) {
      parse_query(req.body(), r.form);
      r.urlencoded = true;
    }
    r.body = std::move(req.body());
    return r;
  }

  // Runs App::handle; anything thrown on the way becomes a 500 with a JSON body.
  ApiResponse handle(ApiRequest request) {
    try {
      return app.handle(std::move(request));
    } catch (...) {
      ApiResponse r;
      r.status = 500;
      r.body = error_body("internal", "服务器内部错误");
      return r;
    }
  }
};

Response to_response(ApiResponse out, const RequestHead& head) {
  Response res{static_cast<http::status>(out.status), head.version};
  res.set(http::field::content_type, out.content_type);
  for (auto& [k, v] : out.headers) res.insert(k, v);  // insert: Set-Cookie may come twice
  res.set(http::field::cache_control, "no-store");
  res.body() = std::move(out.body);
  return res;
}

Response error_response(http::status status, const std::string& code, const std::string& message,
                        unsigned version) {
  Response res{status, version};
  res.set(http::field::content_type, k_json_type);
  res.body() = error_body(code, message);
  return res;
}

// One keep-alive connection: read a request, answer it, read the next. Every handler runs on
// the connection's strand, so the steps never overlap.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket&& socket, Core& server) : m_stream(std::move(socket)), m_server(server) {
    beast::error_code ec;
    m_stream.socket().set_option(tcp::no_delay(true), ec);  // no Nagle: keep-alive answers at once
    auto remote = m_stream.socket().remote_endpoint(ec);
    if (!ec) m_remote_addr = remote.address().to_string();
  }

  void start() {
    asio::dispatch(m_stream.get_executor(), [self = shared_from_this()] { self->read_header(); });
  }

 private:
  void read_header() {
    m_parser.emplace();
    m_parser->header_limit(k_header_limit);
    m_parser->body_limit(k_body_limit);
    m_stream.expires_after(k_header_timeout);
    http::async_read_header(
        m_stream, m_buffer, *m_parser,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    auto& req = m_parser->get();
    std::string_view target = to_std(req.target());
    // Decoded as on_request decodes it, so that "/%61pi/…" cannot skip the checks below.
    const std::string path = percent_decode(target.substr(0, target.find('?')), false);
    const bool api = path.starts_with("/api/") || path == "/api";
    const bool login = path == "/api/login";
    // Only uploads may be large; a sign-in is a name and a password.
    const std::uint64_t limit = login ? k_login_body_limit
                                : is_multipart(to_std(req[http::field::content_type]))
                                    ? k_body_limit
                                    : k_json_body_limit;
    m_parser->body_limit(limit);
    m_body_limit = limit;
    if (auto length = m_parser->content_length(); length && *length > limit) {
      return refuse_body(req.version(), limit);
    }
    const bool has_body = m_parser->chunked() || m_parser->content_length().value_or(0) > 0;
    if (api && !login && has_body) {
      // The session is checked from the headers before the body is read: without one, a 63 MiB
      // body is refused unread (12 of them at once held 1.1 GB before, issue 17).
      std::string token = cookie_value(to_std(req[http::field::cookie]), "jx_session");
      if (token.empty()) return refuse_unauthenticated(req.version());
      // Checking a token may read the store: on a worker, never on an I/O thread.
      m_server.workers.post([self = shared_from_this(), token = std::move(token)]() mutable {
        bool alive = self->m_server.app.session_alive(token);
        asio::post(self->m_stream.get_executor(), [self, alive] {
          if (!alive) return self->refuse_unauthenticated(self->m_parser->get().version());
          self->continue_body();
        });
      });
      return;
    }
    continue_body();
  }

  // 401 before the body: the rest of it is read and dropped while the connection closes.
  void refuse_unauthenticated(unsigned version) {
    m_linger = true;
    send(error_response(http::status::unauthorized, "unauthenticated",
                        "请先登录（会话不存在或已过期）", version),
         {.version = version, .keep_alive = false});
  }

  void continue_body() {
    auto& req = m_parser->get();
    if (req[http::field::expect] == "100-continue" && req.version() >= 11) {
      // curl and some clients wait for this before sending the body.
      m_continue.emplace(http::status::continue_, req.version());
      m_stream.expires_after(k_write_timeout);
      http::async_write(m_stream, *m_continue,
                        [self = shared_from_this()](beast::error_code wec, std::size_t) {
                          self->m_continue.reset();
                          if (wec) return self->close();
                          self->read_body();
                        });
      return;
    }
    read_body();
  }

  void read_body() {
    m_stream.expires_after(k_body_timeout);
    http::async_read(
        m_stream, m_buffer, *m_parser,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_request(ec); });
  }

  void on_read_error(beast::error_code ec) {
    if (ec == http::error::body_limit) return refuse_body(m_parser->get().version(), m_body_limit);
    if (ec == http::error::header_limit) {
      return send(error_response(http::status::request_header_fields_too_large, "invalid_input",
                                 "请求头过长", 11),
                  {.keep_alive = false});
    }
    if (ec.category() == http::make_error_code(http::error::bad_target).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message) {
      return send(error_response(http::status::bad_request, "invalid_input",
                                 "HTTP 请求格式不正确: " + ec.message(), 11),
                  {.keep_alive = false});
    }
    close();  // the peer closed, the read timed out, or the server is stopping
  }

  // 413: the body is over the limit. The connection closes after the answer, reading (and
  // dropping) what the client still sends so that it sees the answer rather than a reset.
  void refuse_body(unsigned version, std::uint64_t limit) {
    m_linger = true;
    std::string size = limit >= 1024 * 1024 ? std::to_string(limit / (1024 * 1024)) + " MiB"
                                            : std::to_string(limit / 1024) + " KiB";
    send(error_response(http::status::payload_too_large, "invalid_input",
                        "请求体超过上限（" + size + "）" +
                            (limit == k_body_limit ? "；请拆分文件后分别上传" : ""),
                        version),
         {.version = version, .keep_alive = false});
  }

  void on_request(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    Request req = m_parser->release();
    RequestHead head{.version = req.version(),
                     .keep_alive = req.keep_alive(),
                     .head = req.method() == http::verb::head};
    try {
      std::string_view target = to_std(req.target());
      auto question = target.find('?');
      std::string path = percent_decode(target.substr(0, question), false);
      std::string_view query =
          question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
      if (!(path.starts_with("/api/") || path == "/api")) {
        head.api = false;
        return send(m_server.serve_static(req, path), head);
      }
      auto api = m_server.api_request(req, std::move(path), query, m_remote_addr);
      if (!api) {  // a malformed multipart body: 400 with the parser's message
        return send(
            to_response(
                {.status = http_status(api.error().code()), .body = error_body(api.error())}, head),
            head);
      }
      m_server.workers.post([self = shared_from_this(), api = std::move(*api), head]() mutable {
        ApiResponse out = self->m_server.handle(std::move(api));
        asio::post(self->m_stream.get_executor(), [self, out = std::move(out), head]() mutable {
          self->send_api(std::move(out), head);
        });
      });
    } catch (...) {
      send(error_response(http::status::internal_server_error, "internal", "服务器内部错误",
                          head.version),
           head);
    }
  }

  void send_api(ApiResponse out, const RequestHead& head) {
    try {
      send(to_response(std::move(out), head), head);
    } catch (...) {
      close();
    }
  }

  void send(Response res, const RequestHead& head) {
    add_security_headers(res, head.api);
    res.keep_alive(head.keep_alive);
    res.prepare_payload();
    if (head.head) res.body().clear();  // Content-Length stays that of the GET answer
    m_response.emplace(std::move(res));
    m_stream.expires_after(k_write_timeout);
    http::async_write(
        m_stream, *m_response,
        [self = shared_from_this(), keep = head.keep_alive](beast::error_code ec, std::size_t) {
          self->m_response.reset();
          if (ec) return self->close();
          if (!keep) return self->finish();
          self->read_header();
        });
  }

  // Ends the connection after a last answer: half-close, then (after a refused body) read and
  // drop the rest for a moment so that closing with unread data does not reset the answer away.
  void finish() {
    beast::error_code ec;
    m_stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (!m_linger) return;
    m_stream.expires_after(k_linger_timeout);
    m_discard.resize(16 * 1024);
    drain();
  }

  void drain() {
    m_stream.async_read_some(asio::buffer(m_discard),
                             [self = shared_from_this()](beast::error_code ec, std::size_t) {
                               if (!ec) self->drain();
                             });
  }

  void close() {
    beast::error_code ec;
    m_stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    m_stream.socket().close(ec);
  }

  beast::tcp_stream m_stream;
  Core& m_server;
  std::string m_remote_addr;
  beast::flat_buffer m_buffer;
  std::optional<http::request_parser<http::string_body>> m_parser;
  std::optional<http::response<http::empty_body>> m_continue;
  std::optional<Response> m_response;
  bool m_linger = false;
  std::uint64_t m_body_limit = k_body_limit;  // of the request being read
  std::vector<char> m_discard;                // only after a refused body
};

void Core::accept() {
  // Each connection gets its own strand on the shared io_context.
  acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
    if (ec) {
      // Out of file descriptors or the like: wait a little instead of spinning.
      accept_retry.expires_after(std::chrono::milliseconds(50));
      accept_retry.async_wait([this](beast::error_code wec) {
        if (!wec) accept();
      });
      return;
    }
    std::make_shared<Connection>(std::move(socket), *this)->start();
    accept();
  });
}

}  // namespace

struct Server::Impl : Core {
  using Core::Core;
};

Server::Server(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::create(const ServerOptions& options) {
  // Open once now so that a bad URL or a failed migration is reported before listening.
  auto probe = store::open(options.db_url);
  if (!probe) return fail(std::move(probe.error()));
  ServerOptions o = options;
  if (o.threads <= 0) o.threads = ServerOptions{}.threads;
  auto impl = std::make_unique<Impl>(o);
  // One store connection per worker is the most a burst can use at once.
  JIXIAO_TRY(impl->app.stores().warm(std::min(o.threads, 16)));
  JIXIAO_TRY(impl->app.watch_changes());
  impl->web_dir = options.web_dir.empty() ? find_web_dir() : options.web_dir;
  impl->assets = load_assets(impl->web_dir);
  if (impl->assets.empty()) impl->web_dir.clear();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Result<void> Server::bind() {
  auto& impl = *m_impl;
  auto refused = [&] {
    return fail(Error::io("无法监听 " + impl.options.host + ":" +
                          std::to_string(impl.options.port) + "（端口已被占用或无权限）"));
  };
  beast::error_code ec;
  tcp::resolver resolver(impl.ioc);
  auto endpoints = resolver.resolve(impl.options.host, std::to_string(impl.options.port),
                                    tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec) return refused();
  for (const auto& entry : endpoints) {
    tcp::acceptor& a = impl.acceptor;
    beast::error_code e;
    a.open(entry.endpoint().protocol(), e);
    if (!e) a.set_option(asio::socket_base::reuse_address(true), e);
    if (!e) a.bind(entry.endpoint(), e);
    if (!e) a.listen(asio::socket_base::max_listen_connections, e);
    if (!e) {
      impl.port = a.local_endpoint(e).port();
      if (!e) return {};
    }
    a.close(e);
  }
  return refused();
}

int Server::port() const { return m_impl->port; }

void Server::run() {
  auto& impl = *m_impl;
  asio::post(impl.ioc, [&impl] { impl.accept(); });
  const int io_threads = std::thread::hardware_concurrency() >= 2 ? 2 : 1;
  std::vector<std::thread> extra;
  for (int i = 1; i < io_threads; ++i) extra.emplace_back([&impl] { impl.ioc.run(); });
  impl.ioc.run();
  for (auto& t : extra) t.join();
  beast::error_code ec;
  impl.acceptor.close(ec);  // the port is free again once run() returns
  // A handler still running (an import) finishes its work; queued ones are dropped.
  impl.workers.stop();
}

void Server::stop() { m_impl->ioc.stop(); }

const std::string& Server::web_dir() const { return m_impl->web_dir; }

}  // namespace jixiao::server
