// store/user_store.cpp — role names.
#include "store/user_store.hpp"

#include <array>

namespace jixiao::store {
namespace {

struct RoleName {
  Role role;
  std::string_view english;
  std::string_view chinese;
};
constexpr std::array<RoleName, 4> k_roles = {{
    {Role::admin, "admin", "系统管理员"},
    {Role::bureau, "bureau", "财政局"},
    {Role::editor, "editor", "单位填报"},
    {Role::viewer, "viewer", "单位查看"},
}};

}  // namespace

std::string_view to_string(Role role) { return k_roles[static_cast<std::size_t>(role)].english; }
std::string_view chinese_name(Role role) { return k_roles[static_cast<std::size_t>(role)].chinese; }

std::optional<Role> parse_role(std::string_view text) {
  for (const auto& r : k_roles) {
    if (text == r.english || text == r.chinese) return r.role;
  }
  return std::nullopt;
}

}  // namespace jixiao::store
