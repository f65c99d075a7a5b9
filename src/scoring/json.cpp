// scoring/json.cpp — the scorecard and the inputs as JSON (nlohmann, ordered keys so that
// the same card always gives the same bytes: a frozen evaluation is compared byte for byte).
#include <nlohmann/json.hpp>

#include "scoring/scoring.hpp"

namespace jixiao::scoring {
namespace {

using Json = nlohmann::ordered_json;

Json points_json(Points p) {
  if (p % model::k_points_scale == 0) return Json(p / model::k_points_scale);
  return Json(static_cast<double>(p) / static_cast<double>(model::k_points_scale));
}

Json input_json(const model::InputValue& v) {
  Json j;
  j["name"] = v.name;
  j["status"] = std::string(model::to_string(v.status));
  if (v.status == model::InputStatus::present) {
    j["value"] = v.value;
    j["display"] = v.display;
  }
  j["source"] = v.source;
  if (!v.evidence.empty()) j["evidence"] = v.evidence;
  if (!v.group.empty()) {
    j["group"] = v.group;
    j["weight"] = v.weight;
    j["label"] = v.label;
  }
  return j;
}

}  // namespace

std::string to_json(const Scorecard& card, const ClaimReview* review) {
  Json j;
  j["total"] = points_json(card.total);
  j["grade"] = card.grade;
  j["max_total"] = points_json(card.max_total);
  j["complete"] = card.complete();
  j["undetermined"] = points_json(card.undetermined);
  j["grade_if_undetermined_earned"] = card.grade_best;
  j["framework"] = Json{{"id", card.framework_id}, {"name", card.framework_name}};
  j["unit"] = Json{{"code", card.unit_code}, {"name", card.unit_name}};
  j["fiscal_year"] = card.fiscal_year;
  if (review) {
    Json r;
    r["claimed"] = points_json(review->claimed);
    r["claimed_grade"] = review->claimed_grade;
    r["computed"] = points_json(review->computed);
    r["computed_grade"] = review->computed_grade;
    r["difference"] = points_json(review->difference);
    Json lines = Json::array();
    for (const auto* l : review->lines) {
      lines.push_back(Json{{"number", l->number},
                           {"name", l->name},
                           {"max", points_json(l->max)},
                           {"points", points_json(l->points)},
                           {"status", std::string(chinese_name(l->status))}});
    }
    r["lines"] = std::move(lines);
    r["note"] = review->note;
    j["claim_review"] = std::move(r);
  }
  j["missing_inputs"] = card.missing_inputs;
  Json lines = Json::array();
  for (const auto& l : card.lines) {
    Json x;
    x["number"] = l.number;
    x["name"] = l.name;
    x["depth"] = l.depth;
    x["leaf"] = l.leaf;
    x["max"] = points_json(l.max);
    x["points"] = points_json(l.points);
    x["status"] = std::string(chinese_name(l.status));
    if (l.undetermined > 0) x["undetermined"] = points_json(l.undetermined);
    if (l.leaf) {
      Json ins = Json::array();
      for (const auto& name : l.inputs) {
        auto it = card.inputs.find(name);
        JIXIAO_ASSERT(it != card.inputs.end(), "Scorer::score records every input a line reads");
        ins.push_back(input_json(it->second));
      }
      x["inputs"] = std::move(ins);
      x["rule"] = l.rule;
      x["arithmetic"] = l.arithmetic;
    }
    x["explanation"] = l.explanation;
    lines.push_back(std::move(x));
  }
  j["lines"] = std::move(lines);
  return j.dump(2);
}

std::string inputs_to_json(const InputSet& inputs) {
  Json j = Json::array();
  for (const auto& [name, v] : inputs) j.push_back(input_json(v));
  return j.dump(1);
}

Result<InputSet> inputs_from_json(std::string_view text) {
  InputSet out;
  try {
    Json j = Json::parse(text);
    if (!j.is_array()) return fail(Error::invalid_input("输入快照应为 JSON 数组"));
    for (const auto& x : j) {
      model::InputValue v;
      v.name = x.at("name").get<std::string>();
      auto status = model::parse_input_status(x.at("status").get<std::string>());
      if (!status) return fail(Error::invalid_input("输入快照中的状态无效: " + v.name));
      v.status = *status;
      if (x.contains("value")) v.value = x["value"].get<double>();
      if (x.contains("display")) v.display = x["display"].get<std::string>();
      v.source = x.value("source", "");
      v.evidence = x.value("evidence", "");
      v.group = x.value("group", "");
      v.weight = x.value("weight", 0.0);
      v.label = x.value("label", "");
      out[v.name] = std::move(v);
    }
  } catch (const nlohmann::json::exception& e) {
    return fail(Error::invalid_input(std::string("输入快照不是有效的 JSON: ") + e.what()));
  }
  return out;
}

}  // namespace jixiao::scoring
