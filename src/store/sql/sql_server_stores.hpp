// store/sql/sql_server_stores.hpp — SQL repositories (both backends) for users, the audit log and
// the evaluation workflow (internal to store/; included by the backends).
#pragma once

#include "store/audit_store.hpp"
#include "store/sql/sql_db.hpp"
#include "store/user_store.hpp"
#include "store/workflow_store.hpp"

namespace jixiao::store::sql {

class SqlUserStore final : public UserStore {
 public:
  explicit SqlUserStore(Database& db) : m_db(db) {}
  Result<std::vector<User>> users() override;
  Result<std::optional<User>> find_user(const std::string& name) override;
  Result<User> add_user(const User& user) override;
  Result<void> set_password_hash(const std::string& name, const std::string& hash,
                                 bool must_change_password) override;
  Result<void> set_role(const std::string& name, Role role,
                        const std::vector<std::string>& unit_codes) override;
  Result<void> set_disabled(const std::string& name, bool disabled) override;
  Result<void> save_session(const SessionRecord& session) override;
  Result<std::optional<SessionRecord>> find_session(const std::string& token_hash,
                                                    std::int64_t now) override;
  Result<void> remove_session(const std::string& token_hash) override;
  Result<void> remove_sessions(const std::string& user_name, std::int64_t now) override;
  Result<void> remove_expired_sessions(std::int64_t now) override;

 private:
  Result<void> update_one(Statement& stmt, const std::string& name);
  Database& m_db;
};

class SqlAuditStore final : public AuditStore {
 public:
  explicit SqlAuditStore(Database& db) : m_db(db) {}
  Result<AuditEntry> append(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> entries(const AuditQuery& query) override;
  Result<std::int64_t> count(const AuditQuery& query) override;

  // " WHERE …" of entries() and count() for `query`, and its parameters (?1–?5). Public for the
  // test that EXPLAINs it on PostgreSQL.
  static std::string where_clause(const AuditQuery& query);
  static void bind_query(Statement& s, const AuditQuery& query);

 private:
  Database& m_db;
};

class SqlWorkflowStore final : public WorkflowStore {
 public:
  explicit SqlWorkflowStore(Database& db) : m_db(db) {}
  Result<std::vector<EvaluationRecord>> evaluations(int fiscal_year,
                                                    const std::string& unit_code) override;
  Result<std::optional<EvaluationRecord>> find_evaluation(const std::string& unit_code,
                                                          int fiscal_year) override;
  Result<EvaluationRecord> save_draft(
      const std::string& unit_code, int fiscal_year, const std::string& inputs_json,
      std::int64_t self_score_centi, const std::string& user,
      std::optional<std::int64_t> expected_version = std::nullopt) override;
  Result<EvaluationRecord> submit(const std::string& unit_code, int fiscal_year,
                                  const std::string& snapshot_json, std::int64_t self_score_centi,
                                  const std::string& user) override;
  Result<EvaluationRecord> review(const std::string& unit_code, int fiscal_year, Decision decision,
                                  std::optional<std::int64_t> review_score_centi,
                                  const std::string& comment, const std::string& user) override;

 private:
  Database& m_db;
};

}  // namespace jixiao::store::sql
