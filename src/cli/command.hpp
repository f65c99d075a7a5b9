// cli/command.hpp — how a `jixiao` command is declared, parsed and run.
//
// Each command file (cli/commands/<verb>.cpp) defines register_<verb>(Registry&) and adds
// its commands; main.cpp parses argv, finds the longest matching command path
// ("indicators list"), checks the options against the command's spec and runs it.
#pragma once

#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace jixiao::store {
class Store;
}

namespace jixiao::cli {

struct OptionSpec {
  std::string name;        // without dashes: "year"
  std::string value_name;  // "Y"; empty for a flag without value
  std::string help;
  bool repeatable = false;
};

// The parsed arguments of one command.
class Args {
 public:
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>> options;  // flags map to {""}

  bool has(const std::string& name) const { return options.contains(name); }
  // The option's last value, or nullopt.
  std::optional<std::string> get(const std::string& name) const;
  std::string get_or(const std::string& name, const std::string& fallback) const;
  const std::vector<std::string>& all(const std::string& name) const;
  // The option as an integer in [lo, hi]; nullopt when absent; Error::invalid_input
  // "--top: 不是整数: …" or "--top: 应在 1 到 100 之间: 0".
  Result<std::optional<int>> get_int(const std::string& name, int lo, int hi) const;
  // --year as a fiscal year (core/date.hpp); nullopt when absent; Error::invalid_input
  // "--year: 不是年度: \"…\"" for anything else.
  Result<std::optional<int>> get_year() const;
  // Like get_year, but Error::invalid_input "缺少参数 --year" when absent.
  Result<int> require_year() const;
  // Like get(), but Error::invalid_input "缺少参数 --name" when absent.
  Result<std::string> require(const std::string& name) const;
};

// What every command gets besides its arguments.
struct Context {
  Context(std::string url, std::ostream& o, std::ostream& e);
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  std::string db_url;  // from --db, $JIXIAO_DB, or sqlite:jixiao.db
  std::ostream& out;
  std::ostream& err;
  std::string user = "cli";  // who the audit log records for CLI writes
  // "Now" and "today" (the user's day, Asia/Shanghai): main() sets the process clock
  // ($JIXIAO_NOW / $JIXIAO_TZ); Default: the wall clock.
  const Clock* clock = &wall_clock();

  // The store at db_url, opened (created and migrated when needed) on first use and shared by
  // the rest of the command, so that a write and its audit entry use one connection (main.cpp
  // runs a writing command in one unit of work). Valid while the Context lives.
  Result<store::Store*> open_store() const;

 private:
  mutable std::unique_ptr<store::Store> m_store;
};

struct Command {
  std::vector<std::string> path;  // {"indicators", "list"}
  std::string summary;            // one line, shown in `jixiao help`
  std::string usage;              // argument synopsis after the path: "--year Y [--unit CODE]"
  std::vector<OptionSpec> options;
  int min_positional = 0;
  int max_positional = 0;
  // Returns the process exit code: 0 success, 1 failure the user can fix, 2 bad usage.
  std::function<int(Context&, const Args&)> run;
};

class Registry {
 public:
  void add(Command command) { m_commands.push_back(std::move(command)); }
  const std::vector<Command>& commands() const { return m_commands; }

 private:
  std::vector<Command> m_commands;
};

// Where the shipped data lives (data/demo, data/indicators, …): $JIXIAO_DATA_DIR, else the
// source tree's data/ folder that this binary was built from.
std::string data_dir();

// Prints `error` to ctx.err as "jixiao: <message>" (with every cause) and returns 1.
int report(Context& ctx, const Error& error);

// Output formats shared by the commands that print results.
enum class Format { table, json, csv };
Result<Format> parse_format(const std::string& text);  // "table" | "json" | "csv"

}  // namespace jixiao::cli
