// store/store.hpp — where jixiao keeps its data: the Store interface and open(url).
//
// The Store is a set of repositories, one per concern (ledger, indicators, evaluations,
// users …), each an interface in its own header. Backends implement them: SQLite (the
// embedded default, store/sqlite/) and PostgreSQL (store/postgres/); both run the same SQL
// repositories (store/sql/). No backend type, SQL text or dialect appears in these headers.
//
// Threads: one Store object is used by one thread at a time; open one per thread (the
// SQLite backend runs in WAL mode, so readers do not block the writer; a PostgreSQL Store is
// one connection).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "store/audit_store.hpp"
#include "store/congress_store.hpp"
#include "store/evaluation_store.hpp"
#include "store/import_profile_store.hpp"
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
  // How each unit's exports are read: saved import profiles (jixiao import --profile).
  virtual ImportProfileStore& import_profiles() = 0;

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

// Opens the store at `url`: "sqlite:PATH", or a bare path (taken as SQLite), or a libpq URI
// "postgresql://user[:pw]@host[:port]/db" ("postgres://" too; several hosts
// "h1:p1,h2:p2/db?target_session_attrs=read-write" for failover). Creates the SQLite file
// when absent (a PostgreSQL database must exist) and brings the schema to the latest version.
// Returns Error::unsupported for an unknown scheme,
// Error::storage when the database cannot be opened or migrated, and
// Error::conflict when the database is newer than this program.
Result<std::unique_ptr<Store>> open(std::string_view url, const OpenOptions& options = {});

// `url` with any password replaced by "***", for messages and logs.
std::string redacted_url(std::string_view url);

// Whether `url` names a PostgreSQL database (postgresql:// or postgres://).
bool is_postgres(std::string_view url);

// Tells a long-running reader (the server, with its caches) that some process committed a
// write to the database: another server, the CLI, or itself.
class ChangeFeed {
 public:
  virtual ~ChangeFeed() = default;
  // True when a change was committed since the last call, or when the feed cannot tell (its
  // connection was lost and re-made): the caller then drops what it cached. Never blocks on
  // the database. Safe to call from several threads.
  virtual bool changed() = 0;
};

// The change feed of `url`: PostgreSQL's LISTEN/NOTIFY (every table's writes notify at commit).
// nullptr for SQLite, which has no such channel (one server per file; the server checks the
// audit log for CLI writes instead). Error::storage when the database cannot be reached.
// `primary_url`, for a server whose `url` is a read replica (which hears no NOTIFY: it is a
// primary-only feature): listen on the primary instead, and after each notification report a
// change on every call until the replica has replayed the primary's WAL up to where it was when
// the notification arrived — so nothing read from a lagging replica stays cached.
Result<std::unique_ptr<ChangeFeed>> open_change_feed(std::string_view url,
                                                     std::string_view primary_url = {});

// The URL to use when the user gave none: $JIXIAO_DB, else "sqlite:jixiao.db".
std::string default_url();

// The latest schema version this program knows for the backend of `url`.
int latest_schema_version(std::string_view url);

}  // namespace jixiao::store
