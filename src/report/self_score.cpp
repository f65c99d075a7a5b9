// report/self_score.cpp — the department's own score per row (自评得分 with its reason): the
// one place that checks and writes an override, for `jixiao selfscore` and the API alike.
#include <algorithm>

#include "core/text.hpp"
#include "report/report.hpp"
#include "store/store.hpp"

namespace jixiao::report {
namespace {

Result<const ScoreRow*> row_of(const Scorecard& card, const std::string& item) {
  auto row = std::find_if(card.rows.begin(), card.rows.end(),
                          [&](const ScoreRow& r) { return r.item == item; });
  if (row == card.rows.end()) {
    return fail(
        Error::not_found("框架中没有末级指标 " + item + "（jixiao selfscore show 列出编号）",
                         Location{.field = "item"}));
  }
  return &*row;
}

Result<std::optional<SelfScore>> stored(store::Store& store, const std::string& unit_code, int year,
                                        const std::string& item) {
  auto existing = store.narratives().score_overrides(unit_code, year);
  if (!existing) return fail(std::move(existing.error()));
  for (const auto& o : *existing) {
    if (o.item == item) return std::optional<SelfScore>(SelfScore{o.score, o.reason});
  }
  return std::optional<SelfScore>();
}

}  // namespace

Result<void> check_self_score_editable(store::Store& store, const std::string& unit_code,
                                       int year) {
  auto e = store.workflow().find_evaluation(unit_code, year);
  if (!e) return fail(std::move(e.error()));
  if (!e->has_value()) return {};
  // A returned evaluation goes back to the department: its scores can change again.
  if ((*e)->status == store::EvaluationStatus::submitted ||
      (*e)->status == store::EvaluationStatus::reviewed) {
    return fail(Error::conflict(unit_code + " " + std::to_string(year) + " 年度自评" +
                                std::string(store::chinese_name((*e)->status)) +
                                "，自评得分已锁定；如需修改，请财政局退回"));
  }
  return {};
}

Result<SelfScoreChange> set_self_score(store::Store& store, const Scorecard& card,
                                       const std::string& unit_code, int year,
                                       const std::string& item, const std::string& score,
                                       const std::string& reason, const std::string& user) {
  auto row = row_of(card, item);
  if (!row) return fail(std::move(row.error()));
  std::string why(text::trim(reason));
  if (why.empty())
    return fail(Error::invalid_input("调整理由不能为空", Location{.field = "reason"}));
  if (!text::valid_utf8(why) || why.size() > 2000) {
    return fail(
        Error::invalid_input("调整理由应为不超过 2000 字节的文字", Location{.field = "reason"}));
  }
  auto value = parse_self_score(score, (*row)->weight);
  if (!value) return fail(std::move(value.error()));
  JIXIAO_TRY(check_self_score_editable(store, unit_code, year));
  auto before = stored(store, unit_code, year, item);
  if (!before) return fail(std::move(before.error()));
  SelfScore after{std::string(text::trim(score)), why};
  store::ScoreOverride o{unit_code, year, item, after.score, after.reason, "", user};
  JIXIAO_TRY(store.narratives().set_score_override(o));
  return SelfScoreChange{**row, std::move(*before), std::move(after)};
}

Result<SelfScoreChange> clear_self_score(store::Store& store, const Scorecard& card,
                                         const std::string& unit_code, int year,
                                         const std::string& item) {
  JIXIAO_TRY(check_self_score_editable(store, unit_code, year));
  auto before = stored(store, unit_code, year, item);
  if (!before) return fail(std::move(before.error()));
  auto row = row_of(card, item);
  // An override left behind by a changed framework names no row; it can still be cleared.
  if (!row && !before->has_value()) return fail(std::move(row.error()));
  if (before->has_value()) {
    auto removed = store.narratives().remove_score_override(unit_code, year, item);
    if (!removed) return fail(std::move(removed.error()));
  }
  ScoreRow gone;
  gone.item = item;
  return SelfScoreChange{row ? **row : gone, std::move(*before), std::nullopt};
}

}  // namespace jixiao::report
