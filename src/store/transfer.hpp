// store/transfer.hpp — moving a whole database between URLs (either backend to either
// backend): `jixiao migrate --from … --to …` and `jixiao backup` / `restore`.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace jixiao::store {

struct TableCopy {
  std::string table;
  std::int64_t rows = 0;
};

// Copies every table of the database at `from_url` into the database at `to_url`, which must
// hold no data (it is created and migrated first; a SQLite file is created). Both are brought
// to the latest schema first. Everything is copied with its ids — units, ledger, payment
// blocks, schedules, indicators with every version, goals, checklist answers, frozen
// evaluations, narratives, users, the audit log whole, evaluations with their snapshots —
// except sessions (everyone signs in again). One transaction on the target: on any error
// nothing is kept. `progress` is called after each table.
// Errors: Error::conflict when the target holds data; Error::unsupported when the source has
// a table this program does not know (a newer jixiao made it); Error::storage otherwise.
Result<std::vector<TableCopy>> copy_database(
    std::string_view from_url, std::string_view to_url,
    const std::function<void(const TableCopy&)>& progress = {});

// Compares the two databases table by table: the row count, and for every column a checksum
// (the sum of integer columns, the total length of text and blob columns, the count of
// non-null real columns). Error::conflict naming the first table and column that differ.
// Returns the row counts compared.
Result<std::vector<TableCopy>> verify_copy(std::string_view from_url, std::string_view to_url);

}  // namespace jixiao::store

namespace jixiao::store {

// SQLite: copies the database at `url` into `file` (replaced) with SQLite's online backup API,
// in one step under a read lock, so the copy is consistent while a server keeps writing (WAL:
// the writers are not blocked). Returns the pages copied. Error::unsupported for PostgreSQL
// (use pg_dump, docs/scaling.md), Error::storage when either file fails.
Result<std::int64_t> backup(std::string_view url, const std::string& file);

// SQLite: replaces the database at `url` with the backup `file`, after checking that the file
// is an intact jixiao database (integrity_check) no newer than this program. Error::invalid_input
// naming the file when it is not; Error::unsupported for PostgreSQL (pg_restore).
Result<void> restore(const std::string& file, std::string_view url);

}  // namespace jixiao::store
