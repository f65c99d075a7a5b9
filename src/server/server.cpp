// server/server.cpp — cpp-httplib adapter: turns its requests into ApiRequest, serves the web
// bundle, and runs the listener with the tuning from deps.md (TCP_NODELAY, a bigger pool).
#include "server/server.hpp"

#include <httplib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "server/app.hpp"
#include "server/error_mapping.hpp"

#ifndef JIXIAO_WEB_BUILD_DIR
#define JIXIAO_WEB_BUILD_DIR ""
#endif

namespace jixiao::server {
namespace {

namespace fs = std::filesystem;

struct Asset {
  std::string content_type;
  std::string body;
};

std::string mime_of(const fs::path& p) {
  static const std::map<std::string, std::string> k_types = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},   {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},             {".png", "image/png"},
      {".ico", "image/x-icon"},              {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"}, {".map", "application/json; charset=utf-8"}};
  auto it = k_types.find(p.extension().string());
  return it == k_types.end() ? "application/octet-stream" : it->second;
}

// Every file of the built UI, read once at start: the bundle is small and this keeps
// requests off the disk.
std::map<std::string, Asset> load_assets(const std::string& dir) {
  std::map<std::string, Asset> out;
  if (dir.empty()) return out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
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

std::string cookie_value(const httplib::Request& req, const std::string& name) {
  std::string header = req.get_header_value("Cookie");
  std::size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
    auto eq = header.find('=', pos);
    auto end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    if (eq != std::string::npos && eq < end && header.compare(pos, eq - pos, name) == 0) {
      return header.substr(eq + 1, end - eq - 1);
    }
    pos = end + 1;
  }
  return {};
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
    for (fs::path candidate : {exe.parent_path() / "../share/jixiao/web", exe.parent_path() / "../../web"}) {
      if (has_index(candidate)) return fs::weakly_canonical(candidate).string();
    }
  }
  return {};
}

struct Server::Impl {
  explicit Impl(const ServerOptions& o) : options(o), app(o) {}
  ServerOptions options;
  App app;
  httplib::Server http;
  std::string web_dir;
  std::map<std::string, Asset> assets;
  int port = 0;

  void serve_api(const httplib::Request& req, httplib::Response& res) {
    ApiRequest r;
    r.method = req.method;
    r.path = req.path;
    for (const auto& [k, v] : req.params) r.query[k] = v;
    r.body = req.body;
    r.session_token = cookie_value(req, "jx_session");
    r.csrf_header = req.get_header_value("X-CSRF-Token");
    r.remote_addr = req.remote_addr;
    for (const auto& [name, f] : req.files) {
      if (f.filename.empty()) {
        r.form[name] = f.content;
      } else {
        r.files.push_back({name, f.filename, f.content});
      }
    }
    ApiResponse out = app.handle(std::move(r));
    res.status = out.status;
    for (const auto& [k, v] : out.headers) res.set_header(k, v);
    res.set_header("Cache-Control", "no-store");
    res.set_content(std::move(out.body), out.content_type.c_str());
  }

  void serve_static(const httplib::Request& req, httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    if (assets.empty()) {
      res.set_content(std::string(k_missing_ui), "text/html; charset=utf-8");
      return;
    }
    auto it = assets.find(req.path);
    if (it == assets.end() || req.path == "/") it = assets.find("/index.html");  // the SPA's own routes
    if (it == assets.end()) {
      res.status = 404;
      res.set_content("not found", "text/plain");
      return;
    }
    if (req.path.starts_with("/assets/")) res.set_header("Cache-Control", "public, max-age=31536000, immutable");
    res.set_content(it->second.body, it->second.content_type.c_str());
  }

  void dispatch(const httplib::Request& req, httplib::Response& res) {
    if (req.path.starts_with("/api/") || req.path == "/api") {
      serve_api(req, res);
    } else if (req.method == "GET" || req.method == "HEAD") {
      serve_static(req, res);
    } else {
      res.status = 405;
      res.set_content(error_body("method_not_allowed", "此地址只接受 GET"), "application/json; charset=utf-8");
    }
  }
};

Server::Server(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::create(const ServerOptions& options) {
  // Open once now so that a bad URL or a failed migration is reported before listening.
  auto probe = store::open(options.db_url);
  if (!probe) return fail(std::move(probe.error()));
  auto impl = std::make_unique<Impl>(options);
  JIXIAO_TRY(impl->app.stores().warm(std::min(options.threads > 0 ? options.threads : 32, 16)));
  impl->web_dir = options.web_dir.empty() ? find_web_dir() : options.web_dir;
  impl->assets = load_assets(impl->web_dir);
  if (impl->assets.empty()) impl->web_dir.clear();
  auto& http = impl->http;
  int threads = options.threads > 0 ? options.threads : 32;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  http.set_tcp_nodelay(true);
  http.set_keep_alive_max_count(1000);
  http.set_keep_alive_timeout(2);
  http.set_payload_max_length(64 * 1024 * 1024);
  Impl* self = impl.get();
  auto handler = [self](const httplib::Request& req, httplib::Response& res) { self->dispatch(req, res); };
  http.Get(".*", handler);
  http.Post(".*", handler);
  http.Put(".*", handler);
  http.Delete(".*", handler);
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    res.status = 500;
    res.set_content(error_body("internal", "服务器内部错误"), "application/json; charset=utf-8");
  });
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Result<void> Server::bind() {
  auto& impl = *m_impl;
  if (impl.options.port == 0) {
    impl.port = impl.http.bind_to_any_port(impl.options.host);
  } else {
    impl.port = impl.http.bind_to_port(impl.options.host, impl.options.port) ? impl.options.port : -1;
  }
  if (impl.port <= 0) {
    return fail(Error::io("无法监听 " + impl.options.host + ":" + std::to_string(impl.options.port) +
                          "（端口已被占用或无权限）"));
  }
  return {};
}

int Server::port() const { return m_impl->port; }
void Server::run() { m_impl->http.listen_after_bind(); }
void Server::stop() { m_impl->http.stop(); }
const std::string& Server::web_dir() const { return m_impl->web_dir; }

}  // namespace jixiao::server
