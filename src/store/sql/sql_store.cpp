// store/sql/sql_store.cpp — what the two backends' Store share: the unit of work and the
// migration bounds (sql_stores.hpp).
#include <string>

#include "store/sql/sql_stores.hpp"

namespace jixiao::store::sql {
namespace {

class SqlUnitOfWork final : public UnitOfWork {
 public:
  explicit SqlUnitOfWork(Database& db) : m_durable(db), m_tx(db) {}
  Result<void> begin() {
    JIXIAO_TRY(m_durable.begin());
    return m_tx.begin();
  }
  Result<void> commit() override { return m_tx.commit(); }

 private:
  DurableCommit m_durable;  // declared before m_tx: destroyed after its rollback
  Transaction m_tx;
};

}  // namespace

Result<std::unique_ptr<UnitOfWork>> begin_unit_of_work(Database& db) {
  if (db.in_transaction()) return fail(Error::internal("unit of work inside an open transaction"));
  auto work = std::make_unique<SqlUnitOfWork>(db);
  JIXIAO_TRY(work->begin());
  return std::unique_ptr<UnitOfWork>(std::move(work));
}

Result<int> migration_target(const std::vector<Migration>& all, int current, int target) {
  const int latest = all.empty() ? 0 : all.back().version;
  if (current > latest) {
    return fail(Error::conflict("数据库的结构版本为 " + std::to_string(current) +
                                "，比本程序支持的 " + std::to_string(latest) +
                                " 新；请升级 jixiao"));
  }
  return target == 0 ? latest : target;
}

}  // namespace jixiao::store::sql
