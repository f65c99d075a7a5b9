// store/sql/sql_congress_store.hpp — people's-congress work in SQL (both backends) (internal to
// store/).
#pragma once

#include "store/congress_store.hpp"
#include "store/sql/sql_db.hpp"

namespace jixiao::store::sql {

class SqlCongressStore final : public CongressStore {
 public:
  explicit SqlCongressStore(Database& db) : m_db(db) {}

  Result<std::vector<model::Deputy>> deputies() override;
  Result<void> write_deputies(const std::vector<model::Deputy>& deputies) override;
  Result<std::vector<model::Suggestion>> suggestions(const SuggestionQuery& query) override;
  Result<std::optional<model::Suggestion>> suggestion(const std::string& number) override;
  Result<void> write_suggestions(const std::vector<model::Suggestion>& suggestions) override;
  Result<std::vector<SuggestionHit>> search(const std::string& query, int limit) override;
  Result<std::vector<model::DeputyActivity>> activities(int year,
                                                        const std::string& deputy_code) override;
  Result<void> write_activities(const std::vector<model::DeputyActivity>& activities) override;
  Result<std::vector<model::WorkRecord>> records(int year) override;
  Result<void> write_records(const std::vector<model::WorkRecord>& records) override;

  // search() on PostgreSQL: ILIKE on title and body, which the trigram index of migration 012
  // (pg_trgm, GIN) answers for queries of three characters or more; ?1 is the pattern
  // (ilike_pattern), ?2 the limit. Public for the test that EXPLAINs it.
  static constexpr std::string_view k_postgres_search_sql =
      "SELECT number, year, title, body FROM congress_suggestions WHERE title ILIKE ?1 OR body "
      "ILIKE ?1 "
      "ORDER BY number DESC LIMIT ?2";
  // "%q%" with ILIKE's own characters (%, _ and its escape, the backslash) escaped.
  static std::string ilike_pattern(const std::string& q);

 private:
  Result<std::vector<SuggestionHit>> search_by_substring(const std::string& query, int limit);

  Database& m_db;
};

}  // namespace jixiao::store::sql
