// bench/report/report_bench.cpp — how fast the self-evaluation report is built and rendered.
//
//   report_bench [DEMO_DIR] [UNITS]
//
// DEMO_DIR: a `jixiao demo` folder; the reference case is loaded from its jixiao.db (ledger,
// narratives, goals, monitoring, scoring with gz_dept_overall_2022 when frameworks/ is found),
// else a synthetic unit of the same shape is used. Prints one JSON object: per format the
// first (cold: fontconfig, font loading) and the median and p95 of 30 warm runs of
// build + render, in ms; then a batch of UNITS (default 1000) units rendered as DOCX and as
// PDF on one thread, with the rate in units per second.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "report/report.hpp"
#include "scoring/scoring.hpp"
#include "store/store.hpp"

using namespace jixiao;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A unit shaped like the reference case: 13 lines, 12 months, the seed's narratives.
report::ReportData synthetic(int i, const std::filesystem::path& narratives) {
  report::ReportData d;
  d.unit_code = "U" + std::to_string(100000 + i);
  d.unit_name = "示例单位" + std::to_string(i);
  d.department_name = d.unit_name;
  d.year = 2022;
  for (int l = 0; l < 13; ++l) {
    std::int64_t budget = (100 + (l * 37 + i) % 400) * 1'000'000;  // 100–500 万元 in 分
    std::int64_t executed = budget * (70 + (l * 13 + i) % 31) / 100;
    d.lines.push_back({(l < 7 ? "B" : "P") + std::to_string(100 + l),
                       "支出项目" + std::to_string(l),
                       l >= 7,
                       "一般公共预算",
                       {Money::from_fen(budget), Money{}, Money::from_fen(executed)}});
    d.totals.initial += Money::from_fen(budget);
    d.totals.executed += Money::from_fen(executed);
  }
  for (int m = 0; m < 12; ++m) {
    d.executed_by_month[static_cast<std::size_t>(m)] =
        Money::from_fen(d.totals.executed.fen() / 12);
  }
  d.executed_by_month[11] += Money::from_fen(d.totals.executed.fen() % 12);
  for (auto key : report::all_narrative_keys()) {
    auto p = narratives / (std::string(report::to_string(key)) + ".txt");
    if (std::filesystem::exists(p)) d.narratives[key] = read(p);
  }
  report::Scorecard card;
  card.framework = "部门整体支出绩效评价指标体系";
  card.total = 90 + i % 10;
  card.grade = "优";
  for (int r = 0; r < 16; ++r) {
    card.rows.push_back({"管理效率", "维度" + std::to_string(r / 4), "指标" + std::to_string(r), "",
                         6.25, r == 0 ? 6.25 - (10 - i % 10) : 6.25,
                         r == 0 ? "预算完成率未达到100%" : ""});
  }
  d.scorecard = card;
  std::vector<report::GoalRow> goals;
  for (int g = 0; g < 38; ++g) {
    goals.push_back({g < 20 ? "P107" : "", "产出指标", "数量指标", "指标" + std::to_string(g),
                     "≥10次", "12次", "100.0%（完成）", true, "", 2.5, 2.5});
  }
  d.goals = goals;
  return d;
}

struct Stats {
  double cold = 0, median = 0, p95 = 0;
  std::size_t bytes = 0;
};

Stats time_format(const report::ReportData& data, report::Format format) {
  Stats s;
  std::vector<double> runs;
  for (int i = 0; i < 31; ++i) {
    auto t = Clock::now();
    auto doc = report::build_overall_report(data);
    auto out = report::render(doc, format);
    double ms = ms_since(t);
    if (!out) {
      std::cerr << out.error().to_string() << "\n";
      std::exit(1);
    }
    s.bytes = out->bytes.size();
    if (i == 0)
      s.cold = ms;
    else
      runs.push_back(ms);
  }
  std::sort(runs.begin(), runs.end());
  s.median = runs[runs.size() / 2];
  s.p95 = runs[runs.size() * 95 / 100];
  return s;
}

double batch_rate(const std::vector<report::ReportData>& units, report::Format format,
                  std::size_t& total_bytes) {
  auto t = Clock::now();
  total_bytes = 0;
  for (const auto& u : units) {
    auto out = report::render(report::build_overall_report(u), format);
    if (!out) std::exit(1);
    total_bytes += out->bytes.size();
  }
  return static_cast<double>(units.size()) / (ms_since(t) / 1000.0);
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path source = JIXIAO_SOURCE_DIR;
  std::filesystem::path narratives = source / "data/demo/narratives/BYRD01/2022";
  int units = argc > 2 ? std::atoi(argv[2]) : 1000;

  report::ReportData reference = synthetic(0, narratives);
  std::string origin = "synthetic";
  if (argc > 1) {
    auto store = store::open("sqlite:" + (std::filesystem::path(argv[1]) / "jixiao.db").string());
    if (!store) {
      std::cerr << store.error().to_string() << "\n";
      return 1;
    }
    auto fw =
        scoring::load_framework_file((source / "frameworks/gz_dept_overall_2022.fw").string());
    report::LoadOptions options;
    if (fw) options.framework = &*fw;
    auto t = Clock::now();
    auto d = report::load_report_data(**store, "BYRD01", 2022, options);
    if (!d) {
      std::cerr << d.error().to_string() << "\n";
      return 1;
    }
    std::printf("{\"load_ms\": %.2f, ", ms_since(t));
    reference = std::move(*d);
    origin = "demo BYRD01 2022";
  } else {
    std::printf("{");
  }
  std::printf("\"reference\": \"%s\"", origin.c_str());
  for (auto [name, format] : {std::pair{"md", report::Format::markdown},
                              {"html", report::Format::html},
                              {"docx", report::Format::docx},
                              {"pdf", report::Format::pdf}}) {
    Stats s = time_format(reference, format);
    std::printf(
        ", \"%s\": {\"cold_ms\": %.2f, \"median_ms\": %.2f, \"p95_ms\": %.2f, \"bytes\": %zu}",
        name, s.cold, s.median, s.p95, s.bytes);
  }
  std::vector<report::ReportData> batch;
  for (int i = 0; i < units; ++i) batch.push_back(synthetic(i, narratives));
  std::size_t docx_bytes = 0, pdf_bytes = 0;
  double docx_rate = batch_rate(batch, report::Format::docx, docx_bytes);
  double pdf_rate = batch_rate(batch, report::Format::pdf, pdf_bytes);
  std::printf(
      ", \"batch\": {\"units\": %d, \"docx_units_per_s\": %.1f, \"docx_mib\": %.1f, "
      "\"pdf_units_per_s\": %.1f, "
      "\"pdf_mib\": %.1f}}\n",
      units, docx_rate, static_cast<double>(docx_bytes) / 1048576.0, pdf_rate,
      static_cast<double>(pdf_bytes) / 1048576.0);
  return 0;
}
