// ingest/bulk_compare.cpp — the bulk CSV readers against ingest's row path on one file
// (ingest/bulk.hpp: compare_csv_paths), for tests and fuzz targets.
#include <span>

#include "ingest/bulk.hpp"
#include "ingest/import_plan_json.hpp"
#include "ingest/ingest.hpp"

namespace jixiao::ingest {

std::string compare_csv_paths(const std::string& path, model::ImportKind kind) {
  // The row path: read, shape, parse; its batch only when it reports nothing.
  std::optional<model::ImportBatch> slow;
  std::string slow_plan;
  if (auto table = ingest::read_table(path)) {
    if (auto plan = ingest::shape_table(*table, kind); plan && plan->errors.empty()) {
      if (auto parsed = ingest::parse_rows(*table, kind); parsed && parsed->errors.empty()) {
        slow = std::move(parsed->batch);
        slow_plan = plan_to_json(*plan, -1);
      }
    }
  }
  std::size_t fast_rows = 0;
  std::string fast_hash, fast_plan;
  if (kind == model::ImportKind::payments) {
    PaymentReadOptions o;
    o.threads = 2;
    o.block_rows = 4096;
    o.content_hash = true;
    auto fast = read_checked_payments(
        path, [](model::PaymentBlock&&, std::span<const std::uint64_t>) { return true; }, o);
    if (!fast)
      return slow ? "the fast path failed (" + fast.error().to_string() +
                        ") on a file the row path takes"
                  : std::string();
    if (!*fast) return {};  // handed over
    fast_rows = (*fast)->rows;
    fast_hash = (*fast)->content_hash;
    fast_plan = plan_to_json((*fast)->plan, -1);
  } else if (kind == model::ImportKind::budget || kind == model::ImportKind::adjustments) {
    auto fast = read_checked_rows(path, kind, 2, true);
    if (!fast)
      return slow ? "the fast path failed (" + fast.error().to_string() +
                        ") on a file the row path takes"
                  : std::string();
    if (!*fast) return {};
    fast_rows = (*fast)->lines.size() + (*fast)->adjustments.size();
    fast_hash = (*fast)->content_hash;
  } else {
    return {};
  }
  if (!slow) return "the fast path took a file the row path refuses or reports";
  const std::size_t slow_rows =
      slow->payments.size() + slow->lines.size() + slow->adjustments.size();
  if (fast_rows != slow_rows) {
    return "the fast path read " + std::to_string(fast_rows) + " rows, the row path " +
           std::to_string(slow_rows);
  }
  if (fast_hash != slow->content_hash)
    return "the two paths read different values (content hashes differ)";
  // Payments: the plan too (header row, skipped rows, columns, unit, year, control totals).
  if (kind == model::ImportKind::payments && fast_plan != slow_plan) {
    return "the two paths found different plans:\n fast " + fast_plan + "\n rows " + slow_plan;
  }
  return {};
}

}  // namespace jixiao::ingest
