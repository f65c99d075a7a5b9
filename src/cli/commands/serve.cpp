// cli/commands/serve.cpp — `jixiao serve`: the JSON API and the web UI in one process.
#include <pthread.h>

#include <csignal>
#include <iostream>
#include <thread>

#include "cli/commands/commands.hpp"
#include "server/server.hpp"

namespace jixiao::cli {
namespace {

int run_serve(Context& ctx, const Args& args) {
  server::ServerOptions options;
  options.db_url = ctx.db_url;
  options.clock = ctx.clock;
  auto port = args.get_int("port", 0, 65535);
  if (!port) return report(ctx, port.error());
  options.port = port->value_or(8080);
  options.host = args.get_or("host", "127.0.0.1");
  options.secure_cookies = args.has("secure-cookies");
  options.trusted_proxy = args.get_or("trusted-proxy", "");
  options.primary_url = args.get_or("primary", "");
  options.web_dir = args.get_or("web", "");
  auto threads = args.get_int("threads", 1, 256);
  if (!threads) return report(ctx, threads.error());
  options.threads = threads->value_or(options.threads);

  // SIGINT/SIGTERM go to one waiting thread, which stops the server cleanly.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto srv = server::Server::create(options);
  if (!srv) return report(ctx, srv.error());
  auto bound = (*srv)->bind();
  if (!bound) return report(ctx, bound.error());
  ctx.out << "jixiao 服务已启动: http://" << options.host << ":" << (*srv)->port() << "/  （数据库 "
          << ctx.db_url << "）\n";
  if ((*srv)->web_dir().empty()) {
    ctx.out << "注意: 没有找到已构建的网页界面，/ 只显示构建说明；接口 /api/… 可用\n";
  } else {
    ctx.out << "网页界面: " << (*srv)->web_dir() << "\n";
  }
  ctx.out << "按 Ctrl-C 停止\n" << std::flush;
  server::Server* raw = srv->get();
  std::thread waiter([raw, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    raw->stop();
  });
  raw->run();
  // Stopped by a signal: the waiter has returned. Stopped otherwise: wake it.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  ctx.out << "jixiao 服务已停止\n";
  return 0;
}

}  // namespace

void register_serve(Registry& registry) {
  registry.add(
      {.path = {"serve"},
       .summary = "启动服务器：JSON 接口和网页界面（默认 http://127.0.0.1:8080/）",
       .usage = "[--port P] [--host H] [--web DIR] [--threads N] [--secure-cookies] "
                "[--trusted-proxy ADDR] [--primary URL]",
       .options =
           {{"port", "P", "监听端口（默认 8080；0 = 任一空闲端口）"},
            {"host", "H", "监听地址（默认 127.0.0.1）"},
            {"web", "DIR", "已构建的网页界面目录（默认自动查找）"},
            {"threads", "N",
             "同时处理接口请求的工作线程数（默认 4，宜接近 CPU 核数；读写连接另有 2 个线程）"},
            {"secure-cookies", "",
             "会话 Cookie 加 Secure（经 HTTPS 访问时使用；可信代理报告 HTTPS 时自动加）"},
            {"trusted-proxy", "ADDR",
             "可信反向代理的地址：只有来自它的请求才按 X-Forwarded-For 取客户端地址"},
            {"primary", "URL",
             "--db 为 PostgreSQL 只读副本时，主库的地址：在主库上监听变更，副本追上后才保留缓存"}},
       .run = run_serve});
}

}  // namespace jixiao::cli
