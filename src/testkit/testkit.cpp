// testkit/testkit.cpp — scratch folders and builders for tests.
#include "testkit/testkit.hpp"

#include <iconv.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include "ingest/ingest.hpp"

namespace jixiao::testkit {

TempDir::TempDir() {
  std::random_device rd;
  auto base = std::filesystem::temp_directory_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto candidate = base / ("jixiao-test-" + std::to_string(rd()));
    if (std::filesystem::create_directory(candidate)) {
      m_path = candidate;
      return;
    }
  }
  JIXIAO_ASSERT(false, "cannot create a temporary directory");
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(m_path, ec);
}

std::filesystem::path TempDir::write(std::string_view name, std::string_view content) const {
  auto p = file(name);
  std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  return p;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::filesystem::path source_dir() {
#ifdef JIXIAO_SOURCE_DIR
  return JIXIAO_SOURCE_DIR;
#else
  return std::filesystem::current_path();
#endif
}

std::filesystem::path reports_dir() { return source_dir() / "tests" / "testdata" / "reports"; }

model::ImportBatch small_budget_batch() {
  model::ImportBatch b;
  b.kind = model::ImportKind::budget;
  b.source_name = "budget.csv";
  b.content_hash = "hash-budget";
  b.units.push_back({"U1", "测试单位", ""});
  model::BudgetLine l1;
  l1.unit_code = "U1";
  l1.fiscal_year = 2022;
  l1.code = "L1";
  l1.name = "机关运行";
  l1.kind = model::ExpenditureKind::basic;
  l1.function_code = "2010101";
  l1.economic_code = "30201";
  l1.fund_source = "一般公共预算";
  l1.initial_budget = Money::from_fen(10000);
  model::BudgetLine l2 = l1;
  l2.code = "L2";
  l2.name = "区人大会议";
  l2.kind = model::ExpenditureKind::project;
  l2.function_code = "2010104";
  l2.economic_code = "30215";
  l2.initial_budget = Money::from_fen(5000);
  b.lines = {l1, l2};
  return b;
}

model::ImportBatch small_budget_batch(const std::string& unit_code, const std::string& unit_name,
                                      int fiscal_year) {
  model::ImportBatch b = small_budget_batch();
  b.content_hash = "hash-" + unit_code + "-" + std::to_string(fiscal_year);
  b.units = {{unit_code, unit_name, ""}};
  for (auto& l : b.lines) {
    l.unit_code = unit_code;
    l.fiscal_year = fiscal_year;
  }
  return b;
}

std::string to_gb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size(), out_left = out.size();
  char* dst = out.data();
  iconv(cd, &in, &in_left, &dst, &out_left);
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

std::string backend_name(Backend backend) {
  return backend == Backend::sqlite ? "Sqlite" : "Postgres";
}

std::string with_database(const std::string& url, const std::string& database) {
  auto scheme = url.find("://");
  auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  auto query = url.find('?');
  std::string base = slash == std::string::npos ? url.substr(0, query) : url.substr(0, slash);
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  return base + "/" + database + tail;
}

namespace {

std::string shell_quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

bool run_quietly(const std::string& command) {
  return std::system((command + " >/dev/null 2>&1").c_str()) == 0;
}

}  // namespace

TestDatabase::TestDatabase(Backend backend) : m_backend(backend) {
  if (backend == Backend::sqlite) {
    m_url = "sqlite:" + m_dir.file("t.db").string();
    return;
  }
  const char* admin = std::getenv("JIXIAO_TEST_PG");
  if (admin == nullptr || *admin == '\0') {
    m_why = "JIXIAO_TEST_PG is not set (scripts/run-tests.sh starts PostgreSQL and sets it)";
    return;
  }
  static std::atomic<int> counter{0};
  m_admin_url = admin;
  m_name = "jxt_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
           std::to_string(std::random_device{}() % 100000);
  if (!run_quietly("psql " + shell_quoted(m_admin_url) +
                   " -v ON_ERROR_STOP=1 -qc 'CREATE DATABASE " + m_name + "'")) {
    m_why = "cannot create database " + m_name + " on " + m_admin_url;
    return;
  }
  m_url = with_database(m_admin_url, m_name);
}

TestDatabase::~TestDatabase() {
  if (m_backend == Backend::postgres && !m_url.empty()) {
    run_quietly("psql " + shell_quoted(m_admin_url) + " -qc 'DROP DATABASE IF EXISTS " + m_name +
                " WITH (FORCE)'");
  }
}

bool TestDatabase::raw_exec(const std::string& sql, std::string* output) const {
  std::string command =
      m_backend == Backend::sqlite
          ? "sqlite3 " + shell_quoted(m_dir.file("t.db").string()) + " " + shell_quoted(sql)
          : "psql " + shell_quoted(m_url) + " -v ON_ERROR_STOP=1 -qc " + shell_quoted(sql);
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return false;
  std::string out;
  char buf[512];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  int status = ::pclose(pipe);
  if (output != nullptr) *output = out;
  return status == 0;
}

// `n` payments of 2022, dates out of order, some without an economic code, a quoted summary
// with a comma now and then: about 55 bytes a row.
std::string payments_csv(int n, char prefix) {
  std::string csv = "单位代码,年度,项目代码,支付日期,支付金额（元）,经济分类,凭证号,摘要\n";
  char buf[200];
  for (int k = 1; k <= n; ++k) {
    const int month = 1 + k * 5 % 12, day = 1 + k * 7 % 28;
    std::snprintf(buf, sizeof buf, "%s,2022,%s,2022-%02d-%02d,%s%d.%02d,%s,%c%07d,%s\n",
                  k % 4 ? "BYRD01" : "BYRD02", k % 3 ? "B001" : "P001", month, day,
                  k % 13 ? "" : "-", k * 7919 % 100000, k % 100, k % 5 ? "30211" : "", prefix, k,
                  k % 11 == 0 ? "\"会议费,第二笔\"" : (k % 4 ? "" : "差旅"));
    if (k % 4 == 0 && k % 3 == 0)
      std::snprintf(buf, sizeof buf, "BYRD01,2022,P001,2022-%02d-%02d,1,,%c%07d,\n", month, day,
                    prefix, k);
    csv += buf;
  }
  return csv;
}

std::optional<model::ImportBatch> row_path(const std::string& path, model::ImportKind kind) {
  auto table = ingest::read_table(path);
  if (!table) return std::nullopt;
  if (kind == model::ImportKind::payments) {
    auto plan = ingest::shape_table(*table, kind);
    if (!plan || !plan->errors.empty()) return std::nullopt;
  }
  auto parsed = ingest::parse_rows(*table, kind);
  if (!parsed || !parsed->errors.empty()) return std::nullopt;
  return parsed->batch;
}

std::string row_text(const model::Unit& u) { return u.code + "|" + u.name + "|" + u.parent_code; }
std::string row_text(const model::BudgetLine& l) {
  return l.unit_code + "|" + std::to_string(l.fiscal_year) + "|" + l.code + "|" + l.name + "|" +
         std::string(model::to_string(l.kind)) + "|" + l.function_code + "|" + l.economic_code +
         "|" + l.fund_source + "|" + std::to_string(l.initial_budget.fen());
}
std::string row_text(const model::Adjustment& a) {
  return a.unit_code + "|" + std::to_string(a.fiscal_year) + "|" + a.line_code + "|" +
         a.date.to_string() + "|" + std::to_string(a.amount.fen()) + "|" + a.document_number + "|" +
         a.reason;
}
std::string row_text(const model::Payment& p) {
  return p.unit_code + "|" + std::to_string(p.fiscal_year) + "|" + p.line_code + "|" +
         std::to_string(p.date.days()) + "|" + std::to_string(p.amount.fen()) + "|" +
         p.economic_code + "|" + p.voucher_number + "|" + p.summary;
}

}  // namespace jixiao::testkit
