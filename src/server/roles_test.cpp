// server/roles_test.cpp — the permission table, role by role.
#include "server/roles.hpp"

#include <gtest/gtest.h>

namespace jixiao::server {
namespace {

using store::Role;

TEST(Roles, TableMatchesTheIssue) {
  Principal admin{.name = "a", .role = Role::admin};
  Principal bureau{.name = "b", .role = Role::bureau};
  Principal editor{.name = "e", .role = Role::editor, .unit_codes = {"101"}};
  Principal viewer{.name = "v", .role = Role::viewer, .unit_codes = {"101"}};
  struct Case {
    const Principal* user;
    Action action;
    std::string unit;
    bool expected;
  };
  const Case cases[] = {
      {&admin, Action::write_unit, "999", true},   {&admin, Action::manage, "", true},
      {&bureau, Action::read_unit, "999", true},   {&bureau, Action::write_unit, "101", false},
      {&bureau, Action::review, "", true},         {&bureau, Action::read_audit, "", true},
      {&bureau, Action::manage, "", false},        {&editor, Action::read_unit, "101", true},
      {&editor, Action::read_unit, "102", false},  {&editor, Action::write_unit, "101", true},
      {&editor, Action::write_unit, "102", false}, {&editor, Action::review, "", false},
      {&editor, Action::read_audit, "", false},    {&viewer, Action::read_unit, "101", true},
      {&viewer, Action::write_unit, "101", false}, {&viewer, Action::read_unit, "102", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(allowed(*c.user, c.action, c.unit), c.expected)
        << c.user->name << " action " << static_cast<int>(c.action) << " unit " << c.unit;
  }
}

TEST(Roles, RefusalNamesTheUserRoleAndUnit) {
  Principal viewer{.name = "v", .role = Role::viewer, .unit_codes = {"101"}};
  auto r = require(viewer, Action::write_unit, "101");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::permission);
  EXPECT_EQ(r.error().message(), "用户 v（单位查看）无权修改单位 101 的数据");
}

}  // namespace
}  // namespace jixiao::server
