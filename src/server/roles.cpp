// server/roles.cpp — the permission table of roles.hpp.
#include "server/roles.hpp"

#include <algorithm>

namespace jixiao::server {
namespace {

using store::Role;

bool owns(const Principal& user, const std::string& unit_code) {
  return std::find(user.unit_codes.begin(), user.unit_codes.end(), unit_code) !=
         user.unit_codes.end();
}

}  // namespace

bool sees_all_units(const Principal& user) {
  return user.role == Role::admin || user.role == Role::bureau;
}

bool allowed(const Principal& user, Action action, const std::string& unit_code) {
  switch (action) {
    case Action::read_unit:
      return sees_all_units(user) || owns(user, unit_code);
    case Action::write_unit:
      return user.role == Role::admin || (user.role == Role::editor && owns(user, unit_code));
    case Action::review:
    case Action::read_audit:
      return user.role == Role::admin || user.role == Role::bureau;
    case Action::manage:
      return user.role == Role::admin;
  }
  return false;
}

Result<void> require(const Principal& user, Action action, const std::string& unit_code) {
  if (allowed(user, action, unit_code)) return {};
  std::string who = "用户 " + user.name + "（" + std::string(store::chinese_name(user.role)) + "）";
  switch (action) {
    case Action::read_unit:
      return fail(Error::permission(who + "无权查看单位 " + unit_code));
    case Action::write_unit:
      return fail(Error::permission(who + "无权修改单位 " + unit_code + " 的数据"));
    case Action::review:
      return fail(Error::permission(who + "无权复核自评，只有财政局和管理员可以"));
    case Action::read_audit:
      return fail(Error::permission(who + "无权查看审计日志"));
    case Action::manage:
      return fail(Error::permission(who + "无权执行此操作，只有系统管理员可以"));
  }
  return fail(Error::permission(who + "无权执行此操作"));
}

}  // namespace jixiao::server
