// store/store.hpp — where jixiao keeps its data: the Store interface and open(url).
//
// The Store is a set of repositories, one per concern (ledger, indicators, evaluations,
// users …), each an interface in its own header. Backends implement them: SQLite (the
// embedded default, store/sqlite/) and later PostgreSQL. No backend type, SQL text or
// dialect appears in these headers.
//
// Threads: one Store object is used by one thread at a time; open one per thread (the
// SQLite backend runs in WAL mode, so readers do not block the writer).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "store/audit_store.hpp"
#include "store/congress_store.hpp"
#include "store/evaluation_store.hpp"
#include "store/indicator_store.hpp"
#include "store/ledger_store.hpp"
#include "store/narrative_store.hpp"
#include "store/payment_block_store.hpp"
#include "store/schedule_store.hpp"
#include "store/user_store.hpp"
#include "store/workflow_store.hpp"

namespace jixiao::store {

// A transaction that spans several repositories' writes (an API request's change and its audit
// entry): committed, synced to disk, by commit(), rolled back when destroyed uncommitted. While
// one is open, the repositories' own transactions on the same Store nest inside it.
class UnitOfWork {
 public:
  virtual ~UnitOfWork() = default;
  // Error::storage when the commit fails (nothing is kept then).
  virtual Result<void> commit() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The budget ledger: units, lines, adjustments, payments and the import log.
  virtual LedgerStore& ledger() = 0;
  // Payments imported in bulk, as column blocks (read together with ledger() by Ledger::load).
  virtual PaymentBlockStore& payment_blocks() = 0;
  // The report narratives each unit writes per year (部门概况, 工作成效 …).
  virtual NarrativeStore& narratives() = 0;
  // The schedule (序时进度): plan curves per region, unit or line, and monthly spending plans.
  virtual ScheduleStore& schedules() = 0;
  // The indicator library (every version) and goals with targets and actuals.
  virtual IndicatorStore& indicators() = 0;
  // Users of the server and the CLI, with roles and password hashes.
  virtual UserStore& users() = 0;
  // The append-only audit log of every write.
  virtual AuditStore& audit() = 0;
  // Self-evaluations and their review workflow (draft → submitted → reviewed/returned).
  virtual WorkflowStore& workflow() = 0;
  // Management-checklist answers and frozen (submitted) evaluations with their inputs.
  virtual EvaluationStore& evaluations() = 0;
  // People's-congress work: deputies, suggestions, duty activities, work records (congress/).
  virtual CongressStore& congress() = 0;

  // Begins a unit of work on this store (takes the write lock). Error::storage when the
  // database is busy beyond its timeout or fails.
  virtual Result<std::unique_ptr<UnitOfWork>> begin_work() = 0;

  // The schema version this database is at (the number of the last migration applied).
  virtual Result<int> schema_version() = 0;
  // The URL the store was opened with, e.g. "sqlite:/tmp/demo/jixiao.db".
  virtual const std::string& url() const = 0;
};

struct OpenOptions {
  // Apply pending migrations on open. Default: true. Tests of old schemas set `migrate_to`.
  bool migrate = true;
  // Stop migrating at this version (0 = latest). Only for tests of older databases.
  int migrate_to = 0;
};

// Opens the store at `url`: "sqlite:PATH", or a bare path (taken as SQLite).
// Creates the database when absent and brings its schema to the latest version.
// Returns Error::unsupported for an unknown scheme (postgresql:// until its backend lands),
// Error::storage when the database cannot be opened or migrated, and
// Error::conflict when the database is newer than this program.
Result<std::unique_ptr<Store>> open(std::string_view url, const OpenOptions& options = {});

// The URL to use when the user gave none: $JIXIAO_DB, else "sqlite:jixiao.db".
std::string default_url();

// The latest schema version this program knows for the backend of `url`.
int latest_schema_version(std::string_view url);

}  // namespace jixiao::store
