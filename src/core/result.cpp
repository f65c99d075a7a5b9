// core/result.cpp — printing errors.
#include "core/result.hpp"

#include <cstdio>
#include <cstdlib>

namespace jixiao {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input:
      return "invalid_input";
    case ErrorCode::not_found:
      return "not_found";
    case ErrorCode::conflict:
      return "conflict";
    case ErrorCode::permission:
      return "permission";
    case ErrorCode::io:
      return "io";
    case ErrorCode::storage:
      return "storage";
    case ErrorCode::unsupported:
      return "unsupported";
    case ErrorCode::internal:
      return "internal";
  }
  return "internal";
}

std::string Location::to_string() const {
  std::string out;
  auto append = [&out](std::string_view part) {
    if (part.empty()) return;
    if (!out.empty()) out += ':';
    out += part;
  };
  append(file);
  append(sheet);
  if (row > 0) append(std::to_string(row));
  append(column);
  if (column.empty()) append(field);
  return out;
}

std::string Error::to_string() const {
  std::string out;
  for (auto it = m_context.rbegin(); it != m_context.rend(); ++it) {
    out += *it;
    out += ": ";
  }
  std::string where = m_location.to_string();
  if (!where.empty()) {
    out += where;
    out += ": ";
  }
  out += m_message;
  for (const Error& cause : m_causes) {
    out += "\n  ";
    out += cause.to_string();
  }
  return out;
}

void assertion_failed(const char* condition, const char* why, const char* file, int line) {
  std::fprintf(stderr, "jixiao: internal error at %s:%d: %s (%s)\n", file, line, why, condition);
  std::abort();
}

}  // namespace jixiao
