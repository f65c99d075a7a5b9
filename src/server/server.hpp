// server/server.hpp — `jixiao serve`: the JSON API and the web UI from one process.
//
// One Server owns an HTTP listener (Boost.Beast, event-driven, hidden in server.cpp), a pool
// of store connections opened from `db_url`, the in-memory sessions and the ledger cache.
// Every request goes through one wrapper: authenticate (session cookie), check the CSRF token
// on writes, run the route's handler, map an Error to its status and a JSON body
// {code, message, location} (error_mapping.cpp), catch anything thrown.
//
// Threads: run() reads and writes every connection on 2 I/O threads (the calling thread and
// one more) and runs the API handlers on a FIFO pool of ServerOptions::threads workers that
// grows for a while when they are all stuck, so slow requests (an import, a PDF report) hold
// workers, never the other connections.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "accounts/credentials.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"

namespace jixiao::server {

using accounts::PasswordCost;

struct ServerOptions {
  std::string db_url;  // "sqlite:PATH"
  std::string host = "127.0.0.1";
  int port = 8080;      // 0 = any free port (see Server::port())
  std::string web_dir;  // the built web UI; Default: find_web_dir()
  // Workers running API handlers, whatever the number of connections (2 more threads read and
  // write the connections). When requests wait and every worker has been stuck for 20 ms (long
  // imports, reports), a temporary worker joins, up to 64 (or `threads`) in all. Keep it near the
  // number of cores: runnable threads beyond the cores only lengthen the latency tail.
  // 0 = Default: 4.
  int threads = 4;
  int session_hours = 8;  // a session expires this long after login
  PasswordCost password_cost = PasswordCost::interactive;
  // Failed logins allowed per user name per minute, from any address; an address gets four
  // times as many over all the names it tries.
  int login_attempts_per_minute = 5;
  // Marks the session cookie Secure, so that browsers send it only over HTTPS. Default: off, but
  // a request that a trusted proxy says came over TLS (X-Forwarded-Proto: https) gets it anyway.
  bool secure_cookies = false;
  // The address of a reverse proxy in front of the server. Only requests from it have their
  // client address taken from X-Forwarded-For (the last entry, the one the proxy added) and
  // their scheme from X-Forwarded-Proto; otherwise anyone could pick an address to log in from.
  // Default: empty (no proxy trusted).
  std::string trusted_proxy;
  // When `db_url` is a PostgreSQL read replica: the primary's URL. The server listens there for
  // changes (a replica hears no NOTIFY) and keeps no cache until the replica has caught up with
  // each change (store::open_change_feed). Default: empty (`db_url` is the primary itself).
  std::string primary_url;
  // "Today" for the routes (the indicator library's current version, reports as of today) and
  // when sessions start and expire. Default (nullptr): the wall clock in Asia/Shanghai.
  const Clock* clock = nullptr;
};

class Server {
 public:
  // Opens the store (creating and migrating it) and prepares the routes.
  // Returns the store's error when it cannot be opened.
  static Result<std::unique_ptr<Server>> create(const ServerOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the port. Error::io when it is taken or cannot be bound.
  Result<void> bind();
  // The bound port (after bind()).
  int port() const;
  // Serves until stop() is called from another thread; a handler still running then finishes
  // first, queued requests are dropped. Uses the calling thread as one of the I/O threads.
  // Requires: bind() succeeded; called once.
  void run();
  // Makes run() return. Safe from any thread (and from a signal-waiting thread); idempotent.
  void stop();
  // The web folder in use, or empty when no built UI was found (then / says how to build it).
  const std::string& web_dir() const;

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

// The built web UI: $JIXIAO_WEB_DIR, else the build tree's web bundle, else
// <executable>/../share/jixiao/web. Empty when none has an index.html.
std::string find_web_dir();

}  // namespace jixiao::server
