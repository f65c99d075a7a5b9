// cli/commands/users.cpp — `jixiao users add|list|passwd|roles`: manage the server's users.
// Every change is written to the audit log with source "cli".
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "accounts/accounts.hpp"
#include "cli/commands/commands.hpp"
#include "cli/commands/users_demo.hpp"
#include "store/store.hpp"

namespace jixiao::cli {
namespace {

accounts::Actor actor_of(const Context& ctx) {
  const char* os_user = std::getenv("USER");
  return {ctx.user + (os_user && *os_user ? std::string(":") + os_user : std::string()), "cli"};
}

Result<store::Role> role_arg(const Args& args) {
  auto text = args.require("role");
  if (!text) return fail(std::move(text.error()));
  return accounts::parse_role(*text);
}

int run_add(Context& ctx, const Args& args) {
  auto role = role_arg(args);
  if (!role) return report(ctx, role.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  accounts::NewAccount account{args.positional.at(0), args.get_or("display", ""), *role,
                               args.all("unit"), args.get_or("password", "")};
  // A password typed at the server's own command line was chosen by its operator; a generated
  // one was only printed, so it must be changed at first login.
  if (!account.password.empty()) account.first_login = accounts::FirstLogin::as_is;
  auto added =
      accounts::add_account(**store, account, accounts::PasswordCost::interactive, actor_of(ctx));
  if (!added) return report(ctx, added.error());
  ctx.out << "已添加用户 " << added->user.name << "（" << store::chinese_name(added->user.role)
          << "）";
  if (!added->first_password.empty())
    ctx.out << "，初始密码: " << added->first_password << "（首次登录后请修改）";
  ctx.out << "\n";
  return 0;
}

int run_list(Context& ctx, const Args&) {
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto users = (*store)->users().users();
  if (!users) return report(ctx, users.error());
  ctx.out << "用户名\t姓名\t角色\t单位\t状态\n";
  for (const auto& u : *users) {
    std::string units;
    for (const auto& c : u.unit_codes) units += (units.empty() ? "" : ",") + c;
    ctx.out << u.name << "\t" << u.display_name << "\t" << store::to_string(u.role) << "（"
            << store::chinese_name(u.role) << "）\t" << (units.empty() ? "全部" : units) << "\t"
            << (u.disabled               ? "已停用"
                : u.must_change_password ? "待改密码"
                                         : "正常")
            << "\n";
  }
  return 0;
}

int run_passwd(Context& ctx, const Args& args) {
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto password =
      accounts::reset_password(**store, args.positional.at(0), args.get_or("password", ""),
                               accounts::PasswordCost::interactive, actor_of(ctx));
  if (!password) return report(ctx, password.error());
  ctx.out << "已重置用户 " << args.positional.at(0) << " 的密码";
  if (!password->empty()) ctx.out << "，新密码: " << *password << "（首次登录后请修改）";
  ctx.out << "\n";
  return 0;
}

int run_roles(Context& ctx, const Args& args) {
  if (args.positional.empty()) {
    ctx.out << "admin（系统管理员）   全部单位读写；管理用户；新建单位\n"
               "bureau（财政局）      查看全部单位；复核自评（复核分）；查看和导出审计日志\n"
               "editor（单位填报）    只能查看和修改自己的单位（导入、目标、自评草稿和提交）\n"
               "viewer（单位查看）    只能查看自己的单位和已发布的报告\n";
    return 0;
  }
  auto role = role_arg(args);
  if (!role) return report(ctx, role.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  std::optional<std::vector<std::string>> units;
  if (args.has("unit")) units = args.all("unit");
  auto after = accounts::change_role(**store, args.positional.at(0), *role, units, actor_of(ctx));
  if (!after) return report(ctx, after.error());
  std::string codes;
  for (const auto& c : after->unit_codes) codes += (codes.empty() ? "" : ",") + c;
  ctx.out << "用户 " << after->name << " 的角色改为 " << store::chinese_name(after->role)
          << (codes.empty() ? "" : "，单位 " + codes) << "（已登录的会话在服务器重新登录后生效）\n";
  return 0;
}

}  // namespace

Result<std::string> import_demo_users(store::Store& store, const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return fail(Error::io("无法读取 " + file.string()));
  std::string line;
  std::getline(in, line);  // header
  std::string log;
  int row = 1;
  while (std::getline(in, line)) {
    ++row;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> cells;
    std::size_t start = 0;
    while (true) {
      auto comma = line.find(',', start);
      cells.push_back(
          line.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    Location at{.file = file.filename().string(), .row = row};
    if (cells.size() != 4)
      return fail(Error::invalid_input("应有 4 列: name,display_name,role,units", at));
    auto role = store::parse_role(cells[2]);
    if (!role) return fail(Error::invalid_input("未知角色: " + cells[2], at));
    std::vector<std::string> units;
    for (std::size_t p = 0; p < cells[3].size();) {
      auto semi = cells[3].find(';', p);
      if (semi == std::string::npos) semi = cells[3].size();
      if (semi > p) units.push_back(cells[3].substr(p, semi - p));
      p = semi + 1;
    }
    // A demo's first passwords are printed for trying the system at once: no forced change
    // (real accounts come from `jixiao users add` or the API and must change theirs).
    auto added = accounts::add_account(
        store, {cells[0], cells[1], *role, units, "", accounts::FirstLogin::as_is},
        accounts::PasswordCost::interactive, {"demo", "cli"});
    if (!added) return fail(std::move(added.error().at(at)));
    log += "\n    " + cells[0] + "（" + std::string(store::chinese_name(*role)) +
           "）初始密码: " + added->first_password;
  }
  return "每个角色一个（演示库，首次登录不强制修改密码）" + log;
}

void register_users(Registry& registry) {
  registry.add(
      {.path = {"users", "add"},
       .summary = "添加用户（不给 --password 时生成初始密码并打印）",
       .usage =
           "NAME --role admin|bureau|editor|viewer [--unit CODE]… [--display 姓名] [--password P]",
       .options = {{"role", "ROLE", "角色: admin、bureau、editor、viewer"},
                   {"unit", "CODE", "所属单位（editor、viewer 必填，可重复）", true},
                   {"display", "NAME", "显示的姓名"},
                   {"password", "P", "密码（至少 8 个字符；默认生成）"}},
       .min_positional = 1,
       .max_positional = 1,
       .run = run_add});
  registry.add({.path = {"users", "list"}, .summary = "列出用户、角色和单位", .run = run_list});
  registry.add({.path = {"users", "passwd"},
                .summary = "重置用户密码（不给 --password 时生成并打印）",
                .usage = "NAME [--password P]",
                .options = {{"password", "P", "新密码（至少 8 个字符）"}},
                .min_positional = 1,
                .max_positional = 1,
                .run = run_passwd});
  registry.add(
      {.path = {"users", "roles"},
       .summary = "列出角色；或修改用户的角色和单位",
       .usage = "[NAME --role ROLE [--unit CODE]…]",
       .options = {{"role", "ROLE", "新角色"}, {"unit", "CODE", "所属单位（可重复）", true}},
       .min_positional = 0,
       .max_positional = 1,
       .run = run_roles});
}

}  // namespace jixiao::cli
