// monitor/monitor_output.cpp — the monitoring result as JSON, CSV and a one-screen table.
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/text.hpp"
#include "monitor/monitor.hpp"
#include "monitor/monitor_json.hpp"

namespace jixiao::monitor {
namespace {

using json = nlohmann::ordered_json;

json rate_json(const Rate& r) { return r.defined() ? json(r.percent(2)) : json(nullptr); }

double round4(double p) { return std::round(p * 10000) / 10000; }

// {"90": 0.7812, "95": 0.9613}: the chance of ending below each cutoff.
json probability_json(const Probabilities& p, const std::vector<std::int64_t>& cutoffs_percent) {
  json out = json::object();
  for (std::size_t c = 0; c < cutoffs_percent.size() && c < p.size(); ++c) {
    out[std::to_string(cutoffs_percent[c])] = round4(p[c]);
  }
  return out;
}

json forecast_json(const Forecast& f, std::int64_t budget_fen, const MonitorOptions& options) {
  json j;
  j["p10"] = format_yuan(f.p10);
  j["p50"] = format_yuan(f.p50);
  j["p90"] = format_yuan(f.p90);
  j["p10_rate"] = rate_json(Rate::of(f.p10, Money::from_fen(budget_fen)));
  j["p50_rate"] = rate_json(Rate::of(f.p50, Money::from_fen(budget_fen)));
  j["p90_rate"] = rate_json(Rate::of(f.p90, Money::from_fen(budget_fen)));
  j["basis"] = to_string(f.basis);
  j["basis_name"] = chinese_name(f.basis);
  j["samples"] = f.samples;
  j["probability_below"] = probability_json(f.probability_below, options.cutoffs_percent);
  return j;
}

json figures_json(const Figures& f, const MonitorOptions& options) {
  json j;
  j["level"] = to_string(f.level);
  j["initial_budget"] = format_yuan(f.totals.initial);
  j["adjustments"] = format_yuan(f.totals.adjustments);
  j["budget"] = format_yuan(f.totals.adjusted());
  j["executed"] = format_yuan(f.totals.executed);
  j["execution_rate"] = rate_json(f.totals.execution_rate());
  j["expected"] = format_yuan(f.expected);
  j["schedule_rate"] = rate_json(f.schedule_share);
  j["adjustment_count"] = f.adjustment_count;
  json months = json::array();
  for (Money m : f.by_month) months.push_back(format_yuan(m));
  j["executed_by_month"] = months;
  j["committed"] = format_yuan(f.committed);
  j["forecast"] = forecast_json(f.forecast, f.totals.adjusted().fen(), options);
  return j;
}

// Pads `s` to `width` display columns (CJK characters count two).
std::string pad(const std::string& s, std::size_t width, bool right = false) {
  return text::pad(s, static_cast<int>(width), right ? text::Align::right : text::Align::left);
}

std::string percent_or_dash(const Rate& r) { return r.percent_text(1); }

// At most `max_chars` characters of `s`, never cutting a UTF-8 sequence.
std::string clip(const std::string& s, std::size_t max_chars) {
  std::size_t i = 0, n = 0;
  while (i < s.size() && n < max_chars) {
    auto c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++n;
  }
  return s.substr(0, std::min(i, s.size()));
}

}  // namespace

json warning_json(const Warning& w) {
  return {{"level", to_string(w.level)},
          {"level_name", chinese_name(w.level)},
          {"kind", to_string(w.kind)},
          {"kind_name", chinese_name(w.kind)},
          {"unit_code", w.unit_code},
          {"line_code", w.line_code},
          {"name", w.name},
          {"at_risk", format_yuan(w.at_risk)},
          {"reason", w.reason}};
}

const std::vector<std::int64_t>& default_cutoffs_percent() {
  static const std::vector<std::int64_t> cutoffs{90, 95};
  return cutoffs;
}

json advice_json(const Advice& a, const std::vector<std::int64_t>& cutoffs_percent) {
  std::string message = std::string(chinese_name(a.kind)) + " " + a.line_code + " " + a.name + " " +
                        format_wan(a.amount) + " 万元";
  if (!a.to_line_code.empty()) message += "（调剂至 " + a.to_line_code + "）";
  message += "：" + a.evidence + "；请在 " + a.deadline.to_string() + " 前办理";
  return {{"kind", a.kind == AdviceKind::reduce     ? "reduce"
                   : a.kind == AdviceKind::transfer ? "transfer"
                                                    : "overrun"},
          {"kind_name", chinese_name(a.kind)},
          {"unit_code", a.unit_code},
          {"line_code", a.line_code},
          {"name", a.name},
          {"amount", format_yuan(a.amount)},
          {"paid", format_yuan(a.paid)},
          {"committed", format_yuan(a.committed)},
          {"budget_after", format_yuan(a.budget_after)},
          {"to_line_code", a.to_line_code},
          {"deadline", a.deadline.to_string()},
          {"probability_below", probability_json(a.forecast.probability_below, cutoffs_percent)},
          {"evidence", a.evidence},
          {"message", std::move(message)}};
}

std::string monitor_to_json(const ledger::Ledger& ledger, const MonitorResult& r,
                            const MonitorOptions& options, int indent) {
  json j;
  j["year"] = r.fiscal_year;
  j["as_of"] = r.as_of.to_string();
  j["unit"] = options.unit_code.empty() ? json(nullptr) : json(options.unit_code);
  j["amount_unit"] = "元";
  j["history_years"] = r.history_years;
  const auto& t = options.thresholds;
  json th;
  th["yellow_points"] = t.yellow_points;
  th["red_points"] = t.red_points;
  json floors = json::array();
  for (const auto& f : t.floors) {
    char md[8];
    std::snprintf(md, sizeof md, "%02d-%02d", f.month, f.day);
    floors.push_back({{"date", md}, {"percent", f.percent}});
  }
  th["floors"] = floors;
  th["no_payment_months"] = t.no_payment_months;
  th["frequent_adjustments"] = t.frequent_adjustments;
  th["large_adjustment_percent"] = t.large_adjustment_percent;
  j["thresholds"] = th;
  j["totals"] = figures_json(r.figures, options);
  j["forecast"] = j["totals"]["forecast"];
  json units = json::array();
  for (const auto& us : r.units) {
    const auto& u = ledger.units()[us.unit];
    json ju;
    ju["code"] = u.code;
    ju["name"] = u.name;
    ju["risk"] = format_yuan(us.risk);
    ju.update(figures_json(us.figures, options));
    units.push_back(std::move(ju));
  }
  j["units"] = units;
  json warnings = json::array();
  for (const auto& w : r.warnings) warnings.push_back(warning_json(w));
  j["warnings"] = warnings;
  json advice = json::array();
  for (const auto& a : r.advice) advice.push_back(advice_json(a, options.cutoffs_percent));
  j["advice"] = advice;
  json lines = json::array();
  for (const auto& ls : r.lines) {
    const auto& l = ledger.lines()[ls.line];
    json jl;
    jl["unit_code"] = l.unit_code;
    jl["code"] = l.code;
    jl["name"] = l.name;
    jl["kind"] = model::to_string(l.kind);
    jl["schedule_basis"] = chinese_name(ls.schedule_basis);
    jl.update(figures_json(ls.figures, options));
    lines.push_back(std::move(jl));
  }
  j["lines"] = lines;
  return j.dump(indent);
}

std::string monitor_to_csv(const ledger::Ledger& /*ledger*/, const MonitorResult& r) {
  std::string out = "section,level,kind,unit_code,line_code,name,amount,deadline,reason\n";
  for (const auto& w : r.warnings) {
    out += "warning," + std::string(to_string(w.level)) + "," + std::string(to_string(w.kind)) +
           "," + text::csv_field(w.unit_code) + "," + text::csv_field(w.line_code) + "," +
           text::csv_field(w.name) + "," + format_yuan(w.at_risk) + ",," +
           text::csv_field(w.reason) + "\n";
  }
  for (const auto& a : r.advice) {
    out += "advice,," + std::string(chinese_name(a.kind)) + "," + text::csv_field(a.unit_code) +
           "," + text::csv_field(a.line_code) + "," + text::csv_field(a.name) + "," +
           format_yuan(a.amount) + "," + a.deadline.to_string() + "," +
           text::csv_field(a.evidence) + "\n";
  }
  return out;
}

std::string monitor_to_table(const ledger::Ledger& ledger, const MonitorResult& r,
                             const MonitorOptions& options, std::size_t max_rows) {
  std::ostringstream o;
  const auto& f = r.figures;
  o << r.fiscal_year << "年预算执行监控（截至" << r.as_of.to_string() << "）"
    << (options.unit_code.empty() ? "" : " 单位 " + options.unit_code) << "\n";
  o << "调整后预算 " << format_wan(f.totals.adjusted()) << " 万元，已支付 "
    << format_wan(f.totals.executed) << " 万元，执行率 "
    << percent_or_dash(f.totals.execution_rate()) << "，序时进度 "
    << percent_or_dash(f.schedule_share) << "\n";
  const auto& fc = f.forecast;
  o << "预测年末执行 " << format_wan(fc.p50) << " 万元（"
    << Rate::of(fc.p50, f.totals.adjusted()).percent_text(1) << "），P10–P90 " << format_wan(fc.p10)
    << "–" << format_wan(fc.p90) << " 万元，依据" << chinese_name(fc.basis);
  for (std::size_t c = 0; c < options.cutoffs_percent.size() && c < fc.probability_below.size();
       ++c) {
    o << "；低于" << options.cutoffs_percent[c] << "%的概率 "
      << std::lround(fc.probability_below[c] * 100) << "%";
  }
  o << "\n往年曲线 " << r.history_years << " 年；预警 " << r.warnings.size() << " 条，调整建议 "
    << r.advice.size() << " 条\n\n";

  o << "单位风险排序（按预警级别、预计年末偏离额）\n";
  o << pad("单位", 10) << pad("名称", 28) << pad("级别", 6) << pad("预算(万元)", 12, true)
    << pad("已支付", 12, true) << pad("执行率", 9, true) << pad("序时", 9, true)
    << pad("预测年末", 12, true) << pad("P10–P90", 22, true) << "\n";
  std::size_t n = 0;
  for (const auto& us : r.units) {
    if (n++ >= max_rows) {
      o << "… 另有 " << (r.units.size() - max_rows) << " 个单位\n";
      break;
    }
    const auto& u = ledger.units()[us.unit];
    const auto& uf = us.figures;
    o << pad(u.code, 10) << pad(clip(u.name, 13), 28) << pad(std::string(chinese_name(uf.level)), 6)
      << pad(format_wan(uf.totals.adjusted()), 12, true)
      << pad(format_wan(uf.totals.executed), 12, true)
      << pad(percent_or_dash(uf.totals.execution_rate()), 9, true)
      << pad(percent_or_dash(uf.schedule_share), 9, true)
      << pad(format_wan(uf.forecast.p50), 12, true)
      << pad(format_wan(uf.forecast.p10) + "–" + format_wan(uf.forecast.p90), 22, true) << "\n";
  }
  o << "\n预警（按涉及金额排序）\n";
  n = 0;
  for (const auto& w : r.warnings) {
    if (n++ >= max_rows) {
      o << "… 另有 " << (r.warnings.size() - max_rows) << " 条（--format json 查看全部）\n";
      break;
    }
    o << "[" << chinese_name(w.level) << "] " << chinese_name(w.kind) << " " << w.unit_code
      << (w.line_code.empty() ? "" : "/" + w.line_code) << " " << w.name << "：" << w.reason
      << "\n";
  }
  if (r.warnings.empty()) o << "（无）\n";
  o << "\n调整建议\n";
  n = 0;
  for (const auto& a : r.advice) {
    if (n++ >= max_rows) {
      o << "… 另有 " << (r.advice.size() - max_rows) << " 条\n";
      break;
    }
    o << "[" << chinese_name(a.kind) << " " << format_wan(a.amount) << " 万元，"
      << a.deadline.to_string() << "前决定] " << a.unit_code << "/" << a.line_code << " " << a.name
      << "：" << a.evidence << "\n";
  }
  if (r.advice.empty()) o << "（无）\n";
  const Date last =
      Date::from_ymd(r.fiscal_year, options.thresholds.adjustment_month,
                     std::min(options.thresholds.adjustment_day,
                              days_in_month(r.fiscal_year, options.thresholds.adjustment_month)));
  if (r.as_of > last) {
    o << "（已过年度预算调整期限 " << last.to_string()
      << "，不再提出调减/调剂建议；结余资金按规定结转或收回）\n";
  }
  return o.str();
}

}  // namespace jixiao::monitor
