// store/sql/sql_congress_store.hpp — people's-congress work in SQL (both backends) (internal to store/).
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
  Result<std::vector<model::DeputyActivity>> activities(int year, const std::string& deputy_code) override;
  Result<void> write_activities(const std::vector<model::DeputyActivity>& activities) override;
  Result<std::vector<model::WorkRecord>> records(int year) override;
  Result<void> write_records(const std::vector<model::WorkRecord>& records) override;

 private:
  Result<std::vector<SuggestionHit>> search_by_substring(const std::string& query, int limit);

  Database& m_db;
};

}  // namespace jixiao::store::sql
