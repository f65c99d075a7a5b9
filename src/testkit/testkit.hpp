// testkit/testkit.hpp — test-only helpers: scratch folders, files, small ledgers.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "model/ledger.hpp"

namespace jixiao::testkit {

// A fresh folder under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  // Path of `name` inside the folder.
  std::filesystem::path file(std::string_view name) const { return m_path / name; }
  // Writes `content` to `name` and returns its path.
  std::filesystem::path write(std::string_view name, std::string_view content) const;

 private:
  std::filesystem::path m_path;
};

std::string read_file(const std::filesystem::path& path);

// `utf8` in GB18030 (what Chinese Excel saves as "CSV"), converted by iconv.
std::string to_gb18030(const std::string& utf8);

// The project's source folder, and tests/testdata/reports in it: the seed report (seed/) and
// the labelled published samples (published-reports/, published-reports-2/), copied there so
// that a clone stands alone (tests/testdata/reports/README.md says where each came from).
std::filesystem::path source_dir();
std::filesystem::path reports_dir();

// A small budget import: unit U1 with lines L1 (basic, 100.00 元) and L2 (project, 50.00 元) in 2022.
model::ImportBatch small_budget_batch();

}  // namespace jixiao::testkit
