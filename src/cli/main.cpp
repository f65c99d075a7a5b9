// cli/main.cpp — the `jixiao` executable: parse argv, find the command, run it.
//
// The only catch-all for exceptions outside the server's request wrapper (STYLE.md §7.3).
#include <algorithm>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/commands/commands.hpp"
#include "store/store.hpp"

namespace jixiao::cli {
namespace {

const OptionSpec k_db_option{"db", "URL",
                             "数据库地址: sqlite:PATH（默认 $JIXIAO_DB，否则 sqlite:jixiao.db）"};

void print_usage(std::ostream& out, const Command& c) {
  std::string path;
  for (const auto& p : c.path) path += (path.empty() ? "" : " ") + p;
  out << "用法: jixiao " << path << (c.usage.empty() ? "" : " " + c.usage) << "\n\n"
      << c.summary << "\n\n选项:\n";
  auto line = [&](const OptionSpec& o) {
    std::string left = "  --" + o.name + (o.value_name.empty() ? "" : " " + o.value_name);
    out << left << std::string(left.size() < 26 ? 26 - left.size() : 1, ' ') << o.help << "\n";
  };
  for (const auto& o : c.options) line(o);
  line(k_db_option);
}

void print_help(std::ostream& out, const Registry& registry) {
  out << "jixiao — 预算绩效管理（预算执行监控、绩效目标与指标、绩效自评、自评报告）\n\n用法: "
         "jixiao <命令> [选项]\n\n命令:\n";
  for (const auto& c : registry.commands()) {
    std::string path;
    for (const auto& p : c.path) path += (path.empty() ? "" : " ") + p;
    out << "  " << path << std::string(path.size() < 24 ? 24 - path.size() : 1, ' ') << c.summary
        << "\n";
  }
  out << "\n每个命令都接受 --db URL；`jixiao <命令> --help` 显示其选项。\n";
}

// The commands that change the database, and when. Every successful run of one is recorded
// in the audit log (issue: "every write through the API or the CLI"); `users …` records its
// own entries with before/after states, and `demo` builds a new database.
bool writes_data(const std::vector<std::string>& path, const Args& args) {
  static const std::vector<std::vector<std::string>> k_writers = {
      {"import"},
      {"indicators", "add"},
      {"indicators", "edit"},
      {"indicators", "retire"},
      {"indicators", "import"},
      {"goals", "set"},
      {"goals", "import"},
      {"goals", "refresh"},
      {"narrative", "set"},
      {"narrative", "clear"},
      {"narrative", "import"},
      {"score", "answers", "import"},
      {"schedule", "import"},
      {"schedule", "plans"},
      {"schedule", "clear-curve"},
      {"schedule", "clear-plans"},
      {"congress", "deputies", "import"},
      {"congress", "suggestions", "import"},
      {"congress", "suggestions", "assign"},
      {"congress", "suggestions", "reply"},
      {"congress", "suggestions", "feedback"},
      {"congress", "suggestions", "supervise"},
      {"congress", "activities", "import"},
      {"congress", "records", "import"},
  };
  if (path == std::vector<std::string>{"score"}) return args.has("freeze");
  // A dry run writes nothing, unless it saves the plan it checked as an import profile.
  if (args.has("dry-run") && !args.has("save-profile")) return false;
  return std::find(k_writers.begin(), k_writers.end(), path) != k_writers.end();
}

// Appends the audit entry of a successful CLI write: who (the CLI and the OS user), when, the
// command and its arguments. Error when the log cannot be written.
Result<void> audit_cli_write(const Context& ctx, const Command& command, const Args& args) {
  auto store = ctx.open_store();
  if (!store) return fail(std::move(store.error()));
  std::string action, target;
  for (const auto& p : command.path) action += (action.empty() ? "" : ".") + p;
  nlohmann::json after = {
      {"command", "jixiao " + action}, {"arguments", args.positional}, {"options", args.options}};
  for (const char* key : {"unit", "year"}) {
    if (auto v = args.get(key)) target += (target.empty() ? "" : "/") + std::string(key) + ":" + *v;
  }
  if (target.empty() && !args.positional.empty()) target = args.positional.back();
  const char* os_user = std::getenv("USER");
  auto r = (*store)->audit().append(
      {.user = ctx.user + (os_user && *os_user ? std::string(":") + os_user : ""),
       .source = "cli",
       .action = "cli." + action,
       .target = target,
       .before_json = "null",
       .after_json = after.dump()});
  if (!r) return fail(std::move(r.error()));
  return {};
}

int usage_error(std::ostream& err, const std::string& message, const Command* c) {
  err << "jixiao: " << message << "\n";
  if (c) {
    std::string path;
    for (const auto& p : c->path) path += (path.empty() ? "" : " ") + p;
    err << "用法: jixiao " << path << (c->usage.empty() ? "" : " " + c->usage) << "\n";
  }
  return 2;
}

int run(int argc, char** argv) {
  Registry registry;
  register_all(registry);
  std::vector<std::string> words(argv + 1, argv + argc);
  // --db may also come before the command: `jixiao --db sqlite:x.db summary …`.
  std::optional<std::string> leading_db;
  while (words.size() >= 2 && (words[0] == "--db" || words[0].starts_with("--db="))) {
    if (words[0] == "--db") {
      leading_db = words[1];
      words.erase(words.begin(), words.begin() + 2);
    } else {
      leading_db = words[0].substr(5);
      words.erase(words.begin());
    }
  }
  if (words.empty() || words[0] == "help" || words[0] == "--help" || words[0] == "-h") {
    print_help(std::cout, registry);
    return words.empty() ? 2 : 0;
  }
  if (words[0] == "--version") {
    std::cout << "jixiao 0.1.0\n";
    return 0;
  }

  // The longest command path that the leading words spell.
  const Command* command = nullptr;
  std::size_t path_len = 0;
  for (const auto& c : registry.commands()) {
    if (c.path.size() > words.size() || c.path.size() <= path_len) continue;
    bool match = true;
    for (std::size_t i = 0; i < c.path.size() && match; ++i) match = words[i] == c.path[i];
    if (match) {
      command = &c;
      path_len = c.path.size();
    }
  }
  if (!command) {
    std::cerr << "jixiao: 未知命令: " << words[0] << "（`jixiao help` 列出全部命令）\n";
    return 2;
  }

  Args args;
  std::string db_url = leading_db.value_or(store::default_url());
  for (std::size_t i = path_len; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w == "--help" || w == "-h") {
      print_usage(std::cout, *command);
      return 0;
    }
    if (!w.starts_with("--") || w == "--") {
      args.positional.push_back(w);
      continue;
    }
    std::string name = w.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const OptionSpec* spec = nullptr;
    if (name == k_db_option.name) spec = &k_db_option;
    for (const auto& o : command->options) {
      if (o.name == name) spec = &o;
    }
    if (!spec) return usage_error(std::cerr, "未知选项 --" + name, command);
    std::string value;
    if (!spec->value_name.empty()) {
      if (inline_value) {
        value = *inline_value;
      } else if (i + 1 < words.size()) {
        value = words[++i];
      } else {
        return usage_error(std::cerr, "选项 --" + name + " 缺少值 " + spec->value_name, command);
      }
    } else if (inline_value) {
      return usage_error(std::cerr, "选项 --" + name + " 不带值", command);
    }
    if (name == k_db_option.name) {
      db_url = value;
      continue;
    }
    if (args.has(name) && !spec->repeatable)
      return usage_error(std::cerr, "选项 --" + name + " 重复", command);
    args.options[name].push_back(value);
  }
  auto n = static_cast<int>(args.positional.size());
  if (n < command->min_positional) return usage_error(std::cerr, "缺少参数", command);
  if (n > command->max_positional)
    return usage_error(std::cerr, "多余的参数: " + args.positional.back(), command);

  Context ctx{db_url, std::cout, std::cerr};
  auto clock = process_clock();
  if (!clock) return report(ctx, clock.error());
  ctx.clock = *clock;
  // A writing command and its audit entry are one unit of work: both are kept, synced to disk,
  // or neither (a failed command, or an audit log that cannot be written, changes nothing).
  std::unique_ptr<store::UnitOfWork> work;
  if (writes_data(command->path, args)) {
    auto store = ctx.open_store();
    if (!store) return report(ctx, store.error());
    auto begun = (*store)->begin_work();
    if (!begun) return report(ctx, begun.error());
    work = std::move(*begun);
  }
  int code = command->run(ctx, args);
  if (code == 0 && work) {
    if (auto logged = audit_cli_write(ctx, *command, args); !logged) {
      return report(ctx, logged.error().add_context("无法记入审计日志，未写入任何数据"));
    }
    if (auto committed = work->commit(); !committed) return report(ctx, committed.error());
  }
  return code;
}

}  // namespace
}  // namespace jixiao::cli

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  try {
    return jixiao::cli::run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "jixiao: 内部错误: " << e.what() << "\n";
    return 70;
  }
}
