// testkit/testkit.cpp — scratch folders and builders for tests.
#include "testkit/testkit.hpp"

#include <iconv.h>

#include <fstream>
#include <random>
#include <sstream>

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

}  // namespace jixiao::testkit
