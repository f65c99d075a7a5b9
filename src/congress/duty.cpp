// congress/duty.cpp — the deputies' duty points (量化代表履职情况考核): rules as data, explained
// point by point, ranked per delegation.
#include <algorithm>
#include <map>
#include <set>

#include "congress/congress.hpp"
#include "core/text.hpp"
#include "ingest/ingest.hpp"
#include "store/store.hpp"

namespace jixiao::congress {
namespace {

constexpr std::string_view k_suggestion_lead = "suggestion_lead";
constexpr std::string_view k_suggestion_cosign = "suggestion_cosign";

bool known_item(const std::string& item) {
  return item == k_suggestion_lead || item == k_suggestion_cosign ||
         model::parse_activity_kind(item).has_value();
}

// The stored name of an item written either way ("调研视察" or "inspection").
std::string item_code(const std::string& written) {
  if (written == "领衔建议") return std::string(k_suggestion_lead);
  if (written == "附议建议") return std::string(k_suggestion_cosign);
  if (auto k = model::parse_activity_kind(written)) return std::string(model::to_string(*k));
  return written;
}

model::Measure times(model::Measure m, int n) {
  return model::Measure::from_scaled(m.scaled() * n);
}

std::string points_text(model::Measure m) { return m.to_string() + " 分"; }

const std::vector<ingest::ColumnSpec>& points_columns() {
  static const std::vector<ingest::ColumnSpec> k = {
      {"item", {"项目", "item"}, "text", true},
      {"label", {"名称", "label"}, "text"},
      {"points", {"每次分值", "points"}, "text", true},
      {"cap", {"年度上限", "cap"}, "text"},
      {"note", {"说明", "note"}, "text"},
      {"source", {"依据", "source"}, "text"},
  };
  return k;
}

}  // namespace

Result<PointsRules> load_points_rules(const std::string& path) {
  auto table = ingest::read_table(path);
  if (!table) return fail(std::move(table.error()));
  auto fields = ingest::TableFields::map(*table, points_columns());
  if (!fields) return fail(std::move(fields.error()));
  PointsRules rules;
  rules.file = table->file;
  Error errors = Error::invalid_input("履职积分规则有误: " + table->file);
  std::set<std::string> seen;
  for (std::size_t r = 0; r < table->rows.size(); ++r) {
    auto cell = [&](std::string_view field) { return fields->cell(*table, r, field); };
    PointsRule rule;
    rule.item = item_code(cell("item"));
    if (!known_item(rule.item)) {
      errors.add_cause(Error::invalid_input("未知的履职项目: \"" + cell("item") + "\"",
                                            fields->at(*table, r, "item")));
      continue;
    }
    if (!seen.insert(rule.item).second) {
      errors.add_cause(Error::invalid_input("履职项目重复: \"" + cell("item") + "\"",
                                            fields->at(*table, r, "item")));
      continue;
    }
    auto points = model::parse_measure(cell("points"));
    if (!points) {
      errors.add_cause(
          Error::invalid_input(points.error().message(), fields->at(*table, r, "points")));
      continue;
    }
    rule.points = *points;
    if (std::string cap = cell("cap"); !cap.empty()) {
      auto c = model::parse_measure(cap);
      if (!c || c->is_negative()) {
        errors.add_cause(Error::invalid_input("年度上限应为非负数值: \"" + cap + "\"",
                                              fields->at(*table, r, "cap")));
        continue;
      }
      rule.cap = *c;
    }
    rule.label = cell("label");
    if (rule.label.empty()) {
      rule.label = rule.item == k_suggestion_lead ? "领衔建议"
                   : rule.item == k_suggestion_cosign
                       ? "附议建议"
                       : std::string(model::chinese_name(*model::parse_activity_kind(rule.item)));
    }
    rule.note = cell("note");
    if (std::string s = cell("source"); !s.empty() && rules.source.find(s) == std::string::npos) {
      rules.source += (rules.source.empty() ? "" : "；") + s;
    }
    rules.rules.push_back(std::move(rule));
  }
  if (!errors.causes().empty()) return fail(std::move(errors));
  if (rules.rules.empty())
    return fail(Error::invalid_input("履职积分规则为空: " + table->file, {.file = table->file}));
  return rules;
}

std::vector<DutyRecord> assess(const std::vector<model::Deputy>& deputies,
                               const std::vector<model::DeputyActivity>& activities,
                               const std::vector<model::Suggestion>& suggestions, int year,
                               const PointsRules& rules) {
  std::map<std::string, DutyRecord> by_code;
  for (const auto& d : deputies) {
    DutyRecord& r = by_code[d.code];
    r.deputy = d;
    r.year = year;
  }
  std::map<std::string, std::map<std::string, int>> counts;  // deputy → item → count
  for (const auto& a : activities) {
    if (a.date.year() != year || !by_code.contains(a.deputy_code)) continue;
    DutyRecord& r = by_code[a.deputy_code];
    r.activities.push_back(a);
    r.people_received += a.people;
    ++counts[a.deputy_code][std::string(model::to_string(a.kind))];
  }
  // A suggestion counts in the year it was made (received), whether or not it was assigned yet.
  for (const auto& s : suggestions) {
    if (s.received.year() != year) continue;
    if (auto it = by_code.find(s.lead_deputy); it != by_code.end()) {
      it->second.suggestions_led.push_back(s.number);
      ++counts[s.lead_deputy][std::string(k_suggestion_lead)];
    }
    for (const auto& c : s.co_deputies) {
      if (auto it = by_code.find(c); it != by_code.end()) {
        it->second.suggestions_cosigned.push_back(s.number);
        ++counts[c][std::string(k_suggestion_cosign)];
      }
    }
  }
  std::vector<DutyRecord> out;
  for (auto& [code, r] : by_code) {
    for (const auto& rule : rules.rules) {
      int n = counts[code][rule.item];
      if (n == 0) continue;
      DutyLine line{rule.item, rule.label, n, times(rule.points, n), ""};
      const char* per = rule.item.starts_with("suggestion_") ? " 件 × " : " 次 × ";
      line.explanation = rule.label + " " + std::to_string(n) + per + points_text(rule.points) +
                         " = " + points_text(line.points);
      if (rule.cap) {
        model::Measure limit = *rule.cap;
        if (line.points > limit) {
          line.points = limit;
          line.explanation += "，超过年度上限 " + points_text(limit) + "，计 " + points_text(limit);
        } else if (line.points.is_negative() &&
                   model::Measure::from_scaled(-line.points.scaled()) > limit) {
          line.points = model::Measure::from_scaled(-limit.scaled());
          line.explanation +=
              "，扣分以 " + limit.to_string() + " 分为限，计 −" + points_text(limit);
        }
      }
      r.total = model::Measure::from_scaled(r.total.scaled() + line.points.scaled());
      r.lines.push_back(std::move(line));
    }
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(), [](const DutyRecord& a, const DutyRecord& b) {
    if (a.deputy.delegation != b.deputy.delegation)
      return a.deputy.delegation < b.deputy.delegation;
    if (a.total != b.total) return a.total > b.total;
    return a.deputy.code < b.deputy.code;
  });
  // Competition ranking (1, 2, 2, 4) within each delegation.
  for (std::size_t i = 0; i < out.size(); ++i) {
    bool same_group = i > 0 && out[i].deputy.delegation == out[i - 1].deputy.delegation;
    if (!same_group) {
      out[i].rank_in_delegation = 1;
    } else if (out[i].total == out[i - 1].total) {
      out[i].rank_in_delegation = out[i - 1].rank_in_delegation;
    } else {
      std::size_t first = i;
      while (first > 0 && out[first - 1].deputy.delegation == out[i].deputy.delegation) --first;
      out[i].rank_in_delegation = static_cast<int>(i - first) + 1;
    }
  }
  return out;
}

Result<std::vector<DutyRecord>> assess(store::Store& store, int year, const PointsRules& rules) {
  auto deputies = store.congress().deputies();
  if (!deputies) return fail(std::move(deputies.error()));
  auto activities = store.congress().activities(year);
  if (!activities) return fail(std::move(activities.error()));
  auto suggestions = store.congress().suggestions({});
  if (!suggestions) return fail(std::move(suggestions.error()));
  return assess(*deputies, *activities, *suggestions, year, rules);
}

}  // namespace jixiao::congress
