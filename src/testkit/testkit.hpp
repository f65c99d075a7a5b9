// testkit/testkit.hpp — test-only helpers: scratch folders, files, small ledgers.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// The store backends every store test runs on (one parameterised suite, TEST_P).
enum class Backend { sqlite, postgres };
std::string backend_name(Backend backend);  // "Sqlite", "Postgres" (for test names)

// A fresh, empty database of `backend` for one test, dropped on destruction: a SQLite file in a
// temp folder, or a new database on the PostgreSQL server of $JIXIAO_TEST_PG (the URL of a
// database whose role may create databases; scripts/run-tests.sh starts that server and sets
// it). available() is false, with why(), when PostgreSQL is wanted and $JIXIAO_TEST_PG is unset.
class TestDatabase {
 public:
  explicit TestDatabase(Backend backend);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  bool available() const { return !m_url.empty(); }
  const std::string& why() const { return m_why; }
  // The URL to give store::open ("sqlite:/tmp/…/t.db" or "postgresql://…/jxt_…").
  const std::string& url() const { return m_url; }
  // Runs `sql` straight on the database with the engine's own shell (sqlite3 or psql), outside
  // jixiao; true when it succeeded. `output` gets what the shell printed (its error message).
  // For tests of what the database itself refuses.
  bool raw_exec(const std::string& sql, std::string* output = nullptr) const;

 private:
  Backend m_backend;
  TempDir m_dir;
  std::string m_url;
  std::string m_admin_url;
  std::string m_name;
  std::string m_why;
};

// A PostgreSQL URL with its database name replaced by `database`.
std::string with_database(const std::string& url, const std::string& database);

// A small budget import: unit U1 with lines L1 (basic, 100.00 元) and L2 (project, 50.00 元) in
// 2022.
model::ImportBatch small_budget_batch();
// The same lines for unit `unit_code` named `unit_name` in `fiscal_year` (a batch of its own:
// its content hash differs from every other's).
model::ImportBatch small_budget_batch(const std::string& unit_code, const std::string& unit_name,
                                      int fiscal_year = 2022);

// What ingest's row path makes of the file at `path`: its batch, or nullopt when it reports
// anything. The reference the fast readers are tested against, so it reads as they do: payments
// shaped first (title, 合计 and footer rows, a year from the title, as the importer shapes them);
// budgets and adjustments as read_table gives them.
std::optional<model::ImportBatch> row_path(const std::string& path, model::ImportKind kind);

// One row as "field|field|…" (a payment's date as its day number), to compare two readers' rows.
std::string row_text(const model::Unit& u);
std::string row_text(const model::BudgetLine& l);
std::string row_text(const model::Adjustment& a);
std::string row_text(const model::Payment& p);
template <class T>
std::vector<std::string> row_texts(const std::vector<T>& rows) {
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(row_text(r));
  return out;
}

// A payments CSV of `n` payments of 2022 for the lines of BYRD01/BYRD02 (B001, P001): dates out
// of order, some without an economic code, a quoted summary with a comma now and then, vouchers
// `prefix` + 7 digits; about 55 bytes a row. For the fast readers' tests against the row path.
std::string payments_csv(int n, char prefix = 'G');

}  // namespace jixiao::testkit
