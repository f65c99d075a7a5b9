// store/sql/sql_narrative_store.hpp — the report narratives in SQL (both backends) (internal to
// store/).
#pragma once

#include "store/narrative_store.hpp"
#include "store/sql/sql_db.hpp"

namespace jixiao::store::sql {

class SqlNarrativeStore final : public NarrativeStore {
 public:
  explicit SqlNarrativeStore(Database& db) : m_db(db) {}

  Result<std::vector<Narrative>> narratives(const std::string& unit_code, int fiscal_year) override;
  Result<std::vector<Narrative>> narratives_of_year(int fiscal_year) override;
  Result<void> set_narrative(const Narrative& narrative) override;
  Result<bool> remove_narrative(const std::string& unit_code, int fiscal_year,
                                const std::string& key) override;
  Result<std::vector<ScoreOverride>> score_overrides(const std::string& unit_code,
                                                     int fiscal_year) override;
  Result<void> set_score_override(const ScoreOverride& override_) override;
  Result<bool> remove_score_override(const std::string& unit_code, int fiscal_year,
                                     const std::string& item) override;

 private:
  Database& m_db;
};

}  // namespace jixiao::store::sql
