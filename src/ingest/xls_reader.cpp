// ingest/xls_reader.cpp — one sheet of a legacy Excel workbook (.xls, BIFF8, as many budget
// systems and WPS still export) to a Table, with Debian's libfreexl.
//
// libfreexl gives text as UTF-8 (from the workbook's code page or its UTF-16 strings), numbers
// as int or double, and date cells (by their number format) as "YYYY-MM-DD" text. Numbers are
// printed as the XLSX reader prints them (six decimals, trimmed), so that 347290.9 reads as the
// amount 347,290.90 exactly.
//
// libfreexl 1.0.6 reads past its own stack buffers on crafted files (found by fuzzing: a string
// length taken from the file is handed to iconv, 64 KiB beyond the buffer; issue 17), which
// can crash the server or copy its memory into cells. So the workbook is read in a child
// process (fork) with a CPU and a wall-clock limit, and only the cells come back through a pipe:
// whatever libfreexl does to its own memory ends with the child, and the upload is refused.
#include <freexl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "ingest/ingest_internal.hpp"

namespace jixiao::ingest {
namespace {

class Workbook {
 public:
  ~Workbook() {
    if (m_handle) freexl_close(m_handle);
  }
  bool open(const std::string& path) { return freexl_open(path.c_str(), &m_handle) == FREEXL_OK; }
  const void* handle() const { return m_handle; }

 private:
  const void* m_handle = nullptr;
};

std::string double_text(double v) {
  if (std::fabs(v) < 1e15 && v == std::floor(v)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// What the child sends: a status byte, then (ok) the sheet name and each non-blank row as its
// number and cells, ended by row number 0; (no such sheet) the names of the sheets.
enum class Status : std::uint8_t { ok, not_xls, password, no_sheets, no_such_sheet, unreadable };

// Child side: writes everything to `fd` with length prefixes; returns false when the pipe fails.
class Writer {
 public:
  explicit Writer(int fd) : m_fd(fd) {}
  void u32(std::uint32_t v) { bytes(&v, sizeof v); }
  void str(const std::string& s) {
    u32(static_cast<std::uint32_t>(s.size()));
    bytes(s.data(), s.size());
  }
  void bytes(const void* p, std::size_t n) {
    m_buf.append(static_cast<const char*>(p), n);
    if (m_buf.size() >= (1u << 16)) flush();
  }
  void flush() {
    for (std::size_t off = 0; off < m_buf.size();) {
      const ssize_t n = ::write(m_fd, m_buf.data() + off, m_buf.size() - off);
      if (n <= 0) ::_exit(3);
      off += static_cast<std::size_t>(n);
    }
    m_buf.clear();
  }

 private:
  int m_fd;
  std::string m_buf;
};

// Set by a sanitizer runtime when there is one (weak: null otherwise). libFuzzer registers a
// callback that saves the current input as a crash; a child stopped by ASan must not.
extern "C" void __sanitizer_set_death_callback(void (*callback)()) __attribute__((weak));

// Runs in the child: libfreexl on `path`, the cells to `out`.
void read_workbook(const std::string& path, const std::string& sheet, Writer& out) {
  auto status = [&](Status s) { out.bytes(&s, 1); };
  Workbook wb;
  if (!wb.open(path)) return status(Status::not_xls);
  unsigned int info = 0;
  if (freexl_get_info(wb.handle(), FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
      info == FREEXL_BIFF_OBFUSCATED) {
    return status(Status::password);
  }
  unsigned int sheets = 0;
  if (freexl_get_info(wb.handle(), FREEXL_BIFF_SHEET_COUNT, &sheets) != FREEXL_OK || sheets == 0) {
    return status(Status::no_sheets);
  }
  int chosen = -1;
  std::string sheet_name, names;
  for (unsigned int i = 0; i < sheets; ++i) {
    const char* name = nullptr;
    if (freexl_get_worksheet_name(wb.handle(), static_cast<unsigned short>(i), &name) != FREEXL_OK)
      continue;
    const std::string n = name ? name : "";
    names += (names.empty() ? "" : "、") + n;
    if (chosen < 0 && (sheet.empty() || sheet == n)) {
      chosen = static_cast<int>(i);
      sheet_name = n;
    }
  }
  if (chosen < 0) {
    status(Status::no_such_sheet);
    return out.str(names);
  }
  unsigned int rows = 0;
  unsigned short columns = 0;
  if (freexl_select_active_worksheet(wb.handle(), static_cast<unsigned short>(chosen)) !=
          FREEXL_OK ||
      freexl_worksheet_dimensions(wb.handle(), &rows, &columns) != FREEXL_OK) {
    return status(Status::unreadable);
  }
  status(Status::ok);
  out.str(sheet_name);
  std::vector<std::string> cells(columns);
  for (unsigned int r = 0; r < rows; ++r) {
    std::size_t used = 0;  // cells up to the last non-empty one
    for (unsigned short c = 0; c < columns; ++c) {
      cells[c].clear();
      FreeXL_CellValue v;
      if (freexl_get_cell_value(wb.handle(), r, c, &v) != FREEXL_OK) continue;
      switch (v.type) {
        case FREEXL_CELL_INT:
          cells[c] = std::to_string(v.value.int_value);
          break;
        case FREEXL_CELL_DOUBLE:
          cells[c] = double_text(v.value.double_value);
          break;
        case FREEXL_CELL_TEXT:
        case FREEXL_CELL_SST_TEXT:
        case FREEXL_CELL_TIME:
          cells[c] = v.value.text_value ? v.value.text_value : "";
          break;
        case FREEXL_CELL_DATE:
        case FREEXL_CELL_DATETIME:
          cells[c] = std::string(v.value.text_value ? v.value.text_value : "").substr(0, 10);
          break;
        default:
          break;
      }
      if (!text::trim(cells[c]).empty()) used = c + 1u;
    }
    if (used == 0) continue;
    out.u32(r + 1);
    out.u32(static_cast<std::uint32_t>(used));
    for (std::size_t c = 0; c < used; ++c) out.str(cells[c]);
  }
  out.u32(0);
}

// Parent side: reads what the child wrote. nullopt at a truncated or malformed stream.
class Reader {
 public:
  explicit Reader(const std::string& bytes) : m_bytes(bytes) {}
  bool u32(std::uint32_t& v) {
    if (m_bytes.size() - m_pos < sizeof v) return false;
    std::memcpy(&v, m_bytes.data() + m_pos, sizeof v);
    m_pos += sizeof v;
    return true;
  }
  bool str(std::string& s) {
    std::uint32_t n = 0;
    if (!u32(n) || m_bytes.size() - m_pos < n) return false;
    s.assign(m_bytes, m_pos, n);
    m_pos += n;
    return true;
  }
  bool byte(std::uint8_t& b) {
    if (m_pos >= m_bytes.size()) return false;
    b = static_cast<std::uint8_t>(m_bytes[m_pos++]);
    return true;
  }

 private:
  const std::string& m_bytes;
  std::size_t m_pos = 0;
};

// The child's whole output, or nullopt when it crashed, failed or ran out of time.
std::optional<std::string> run_child(const std::string& path, const std::string& sheet) {
  constexpr int k_seconds = 60;
  int fds[2];
  if (::pipe(fds) != 0) return std::nullopt;
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return std::nullopt;
  }
  if (pid == 0) {
    ::close(fds[0]);
    if (__sanitizer_set_death_callback) __sanitizer_set_death_callback(nullptr);
    const rlimit cpu{k_seconds, k_seconds};
    ::setrlimit(RLIMIT_CPU, &cpu);
    Writer out(fds[1]);
    read_workbook(path, sheet, out);
    out.flush();
    ::_exit(0);  // no destructors, atexit handlers or leak report of the parent's objects
  }
  ::close(fds[1]);
  std::string bytes;
  bool timed_out = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(k_seconds);
  char buf[1 << 16];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{fds[0], POLLIN, 0};
    if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) == 0) {
      timed_out = true;
      break;
    }
    const ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    bytes.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  if (timed_out) ::kill(pid, SIGKILL);
  int wstatus = 0;
  while (::waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  if (timed_out || !WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) return std::nullopt;
  return bytes;
}

}  // namespace

Result<Table> read_xls(const std::string& path, const std::string& file, const std::string& sheet) {
  Location where{file, {}, 0, {}, {}};
  auto bytes = run_child(path, sheet);
  auto unreadable = [&] {
    return fail(Error::invalid_input("无法读取这个 .xls 文件（文件已损坏，或其结构超出支持的范围）",
                                     where));
  };
  if (!bytes) return unreadable();
  Reader in(*bytes);
  std::uint8_t status = 0;
  if (!in.byte(status)) return unreadable();
  switch (static_cast<Status>(status)) {
    case Status::ok:
      break;
    case Status::not_xls:
      return fail(Error::invalid_input("不是有效的 .xls 文件（无法读取 BIFF 工作簿）", where));
    case Status::password:
      return fail(Error::invalid_input(".xls 文件有密码保护，请另存为无密码的文件", where));
    case Status::no_sheets:
      return fail(Error::invalid_input(".xls 文件中没有工作表", where));
    case Status::no_such_sheet: {
      std::string names;
      if (!in.str(names)) return unreadable();
      return fail(
          Error::invalid_input("工作簿中没有工作表 \"" + sheet + "\"（有: " + names + "）", where));
    }
    case Status::unreadable:
      return fail(Error::invalid_input(".xls 工作表无法读取", where));
    default:
      return unreadable();
  }
  Table table;
  table.file = file;
  if (!in.str(table.sheet)) return unreadable();
  table.encoding = "XLS";
  for (;;) {
    std::uint32_t row = 0, count = 0;
    if (!in.u32(row)) return unreadable();
    if (row == 0) break;
    if (!in.u32(count)) return unreadable();
    std::vector<std::string> cells(count);
    const auto row_number = static_cast<std::int64_t>(row);
    for (std::uint32_t c = 0; c < count; ++c) {
      std::string value;
      if (!in.str(value)) return unreadable();
      cells[c] = sheet_cell(table, std::move(value), row_number, c);
    }
    while (!cells.empty() && cells.back().empty()) cells.pop_back();
    add_table_row(table, std::move(cells), row_number);
  }
  return finish_sheet(std::move(table));
}

}  // namespace jixiao::ingest
