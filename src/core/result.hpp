// core/result.hpp — Error and Result<T>: how every expected failure travels in jixiao.
//
// Expected failures (bad file, bad value, unknown code, wrong role, database down) are
// returned as Result<T> = std::expected<T, Error>; bugs are asserted (JIXIAO_ASSERT).
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao {

// The closed set of failure categories. Do not renumber: the server maps them to HTTP
// statuses and the API returns their names.
enum class ErrorCode : std::uint8_t {
  invalid_input,  // the user's data or arguments are wrong
  not_found,      // a named thing does not exist
  conflict,       // the thing exists already, or the state forbids the change
  permission,     // the user may not do this
  io,             // a file or the network failed
  storage,        // the database failed
  unsupported,    // a format or feature jixiao does not handle
  internal,       // a bug that reached the user; always worth a report
};

std::string_view to_string(ErrorCode code);

// Where in the input an error was found. Empty parts are left out when printed.
struct Location {
  std::string file;      // path as the user gave it
  std::string sheet;     // XLSX sheet name
  std::int64_t row = 0;  // 1-based row (the header is row 1); 0 = none
  std::string column;    // column header as it appears in the file
  std::string field;     // model field or API field name

  bool empty() const {
    return file.empty() && sheet.empty() && row == 0 && column.empty() && field.empty();
  }
  // "payments.csv:17:金额" — ninja's `file:line:` shape.
  std::string to_string() const;
};

class Error {
 public:
  Error(ErrorCode code, std::string message, Location location = {})
      : m_code(code), m_message(std::move(message)), m_location(std::move(location)) {}

  static Error invalid_input(std::string message, Location location = {}) {
    return Error(ErrorCode::invalid_input, std::move(message), std::move(location));
  }
  static Error not_found(std::string message, Location location = {}) {
    return Error(ErrorCode::not_found, std::move(message), std::move(location));
  }
  static Error conflict(std::string message, Location location = {}) {
    return Error(ErrorCode::conflict, std::move(message), std::move(location));
  }
  static Error permission(std::string message) {
    return Error(ErrorCode::permission, std::move(message));
  }
  static Error io(std::string message, Location location = {}) {
    return Error(ErrorCode::io, std::move(message), std::move(location));
  }
  static Error storage(std::string message) {
    return Error(ErrorCode::storage, std::move(message));
  }
  static Error unsupported(std::string message, Location location = {}) {
    return Error(ErrorCode::unsupported, std::move(message), std::move(location));
  }
  static Error internal(std::string message) {
    return Error(ErrorCode::internal, std::move(message));
  }

  ErrorCode code() const { return m_code; }
  const std::string& message() const { return m_message; }
  const Location& location() const { return m_location; }
  Location& location() { return m_location; }
  // Earlier errors that this one reports together (one line per bad row of an import).
  const std::vector<Error>& causes() const { return m_causes; }
  // Outer descriptions added while the error travelled up ("importing payments.csv").
  const std::vector<std::string>& context() const { return m_context; }

  Error& add_cause(Error cause) {
    m_causes.push_back(std::move(cause));
    return *this;
  }
  Error& add_context(std::string text) {
    m_context.push_back(std::move(text));
    return *this;
  }
  Error& at(Location location) {
    m_location = std::move(location);
    return *this;
  }

  // "location: message", then each cause on its own line, indented.
  std::string to_string() const;

 private:
  ErrorCode m_code;
  std::string m_message;
  Location m_location;
  std::vector<Error> m_causes;
  std::vector<std::string> m_context;
};

template <class T>
using Result = std::expected<T, Error>;

// Shorthand for returning an error from a function whose type is Result<T>.
inline std::unexpected<Error> fail(Error error) { return std::unexpected<Error>(std::move(error)); }

// Adds `text` to the error's context, if `result` holds one.
template <class T>
Result<T> with_context(Result<T> result, std::string text) {
  if (!result) {
    result.error().add_context(std::move(text));
  }
  return result;
}

[[noreturn]] void assertion_failed(const char* condition, const char* why, const char* file,
                                   int line);

}  // namespace jixiao

// For bugs only, never for user input.
#define JIXIAO_ASSERT(cond, why)                                             \
  do {                                                                       \
    if (!(cond)) ::jixiao::assertion_failed(#cond, why, __FILE__, __LINE__); \
  } while (0)

// Evaluates `expr` (a Result); returns its error from the enclosing function if it failed.
#define JIXIAO_TRY(expr)                                                                   \
  do {                                                                                     \
    auto&& jixiao_try_result_ = (expr);                                                    \
    if (!jixiao_try_result_) return ::jixiao::fail(std::move(jixiao_try_result_.error())); \
  } while (0)
