// server/report_readback_test.cpp — the demo's reports as a department submits them: no system text
// in any format, and every format read back by jixiao's own checker with the same figures and score
// table (issue 14 items 1 and 8, issue 16 item 5).
#include <gtest/gtest.h>
#include <zip.h>

#include <fstream>
#include <regex>

#include "checker/checker.hpp"
#include "congress/congress.hpp"
#include "core/text.hpp"
#include "indicators/exchange.hpp"
#include "indicators/goals.hpp"
#include "indicators/library.hpp"
#include "ingest/ingest.hpp"
#include "ledger/importer.hpp"
#include "report/report.hpp"
#include "scoring/scoring.hpp"
#include "store/store.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::report {
namespace {

// The demo (`jixiao demo`) in a real SQLite file: ledger, indicator library, goals with their
// actuals, narratives and checklist answers from data/, scored with the seed's framework.
struct Demo {
  testkit::TempDir dir;
  std::unique_ptr<store::Store> store;
  model::Framework framework;
  ReportData data;
};

std::unique_ptr<Demo> make_demo() {
  auto d = std::make_unique<Demo>();
  auto opened = store::open("sqlite:" + d->dir.file("demo.db").string());
  EXPECT_TRUE(opened) << opened.error().to_string();
  if (!opened) return nullptr;
  d->store = std::move(*opened);
  store::Store& s = *d->store;
  auto data_dir = testkit::source_dir() / "data";
  auto demo = data_dir / "demo";
  for (auto [kind, file] : {std::pair{model::ImportKind::budget, "budget.csv"},
                            {model::ImportKind::adjustments, "adjustments.csv"},
                            {model::ImportKind::payments, "payments.csv"}}) {
    auto imported = ledger::import_file(s, kind, (demo / file).string());
    EXPECT_TRUE(imported) << imported.error().to_string();
  }
  // The people's-congress records, as `jixiao demo` imports them: the goals' RD actuals are
  // computed from them (congress::CongressActualSource), not typed into goals_2022.csv.
  {
    auto units = ingest::read_table((demo / "congress" / "units.csv").string());
    EXPECT_TRUE(units) << units.error().to_string();
    model::ImportBatch batch;
    batch.kind = model::ImportKind::budget;
    batch.source_name = "units.csv";
    batch.content_hash = "units:demo-congress";
    for (const auto& row : units->rows)
      batch.units.push_back({row.at(0), row.at(1), row.size() > 2 ? row[2] : ""});
    EXPECT_TRUE(s.ledger().write_import(batch));
    const std::pair<congress::ImportFunction, const char*> files[] = {
        {congress::import_deputies, "deputies.csv"},
        {congress::import_suggestions, "suggestions.csv"},
        {congress::import_activities, "activities.csv"},
        {congress::import_records, "records.csv"}};
    for (const auto& [import, file] : files) {
      auto n = import(s, (demo / "congress" / file).string(), {});
      EXPECT_TRUE(n) << file << ": " << n.error().to_string();
    }
  }
  const indicators::ChangeNote note{Date::from_ymd(2020, 1, 1), "初始指标库", "初始导入"};
  for (const char* file : {"common.csv", "people_congress.csv"}) {
    auto r = indicators::import_library(s, (data_dir / "indicators" / file).string(), note);
    EXPECT_TRUE(r) << r.error().to_string();
  }
  indicators::GoalImportOptions options;
  options.unit_code = "BYRD01";
  options.fiscal_year = 2022;
  options.as_of = Date::from_ymd(2022, 1, 1);
  auto goals = indicators::import_goals(s, (demo / "goals_2022.csv").string(), options);
  EXPECT_TRUE(goals) << goals.error().to_string();
  indicators::LedgerActualSource ledger(s);
  congress::CongressActualSource records(s);
  indicators::ActualSource* sources[] = {&ledger, &records};
  EXPECT_TRUE(indicators::refresh_computed_actuals(s, "BYRD01", 2022, sources));
  EXPECT_TRUE(
      import_narrative_dir(s, "BYRD01", 2022, (demo / "narratives/BYRD01/2022").string(), "test"));
  auto answers = scoring::read_checklist_answers((demo / "checklist_answers_2022.csv").string());
  EXPECT_TRUE(answers) << answers.error().to_string();
  EXPECT_TRUE(s.evaluations().save_checklist_answers(*answers));
  auto fw = scoring::load_framework_file(
      (testkit::source_dir() / "frameworks/gz_dept_overall_2022.fw").string());
  EXPECT_TRUE(fw) << fw.error().to_string();
  d->framework = std::move(*fw);
  auto data = load_report_data(s, "BYRD01", 2022, LoadOptions{&d->framework});
  EXPECT_TRUE(data) << data.error().to_string();
  d->data = std::move(*data);
  return d;
}

// Markup out, text kept: "<w:t>一</w:t>" → "一".
std::string without_tags(const std::string& xml) {
  std::string out;
  bool in_tag = false;
  for (char c : xml) {
    if (c == '<')
      in_tag = true;
    else if (c == '>')
      in_tag = false;
    else if (!in_tag)
      out += c;
  }
  return out;
}

std::string docx_text(const std::string& bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &error);
  if (!za) {
    zip_source_free(src);
    return {};
  }
  std::string xml;
  if (zip_file_t* f = zip_fopen(za, "word/document.xml", 0)) {
    char buf[8192];
    zip_int64_t n;
    while ((n = zip_fread(f, buf, sizeof buf)) > 0) xml.append(buf, static_cast<std::size_t>(n));
    zip_fclose(f);
  }
  zip_discard(za);
  return without_tags(xml);
}

// Codes, file names, identifiers, scoring traces and draft notes: what a department never writes.
const std::regex& internal_tokens() {
  static const std::regex re(
      "BYRD01|\\b(RD|GY)[0-9]{3}\\b|\\.csv|\\.fw\\b|[a-z]+_[a-z_]+|重构|尚未提交|账簿（|演示|"
      "jixiao|÷|×|→|−");
  return re;
}

// Every text form of `doc`: Markdown, HTML, the DOCX's document text, the PDF's text.
std::vector<std::pair<std::string, std::string>> texts_of(const Document& doc,
                                                          const testkit::TempDir& dir,
                                                          const std::string& stem) {
  std::vector<std::pair<std::string, std::string>> out;
  out.emplace_back(stem + ".md", render_markdown(doc));
  std::string html = render_html(doc);
  // The chart's PNG is base64 and may hold any letters: leave it out of the scan (by hand:
  // std::regex recurses once per character and a 100 KB image overflows the stack).
  for (std::size_t at = html.find("base64,"); at != std::string::npos;
       at = html.find("base64,", at)) {
    std::size_t end = html.find('"', at);
    html.erase(at, end == std::string::npos ? std::string::npos : end - at);
    if (end == std::string::npos) break;
  }
  out.emplace_back(stem + ".html", html);
  auto docx = render_docx(doc);
  EXPECT_TRUE(docx);
  if (docx) out.emplace_back(stem + ".docx", docx_text(*docx));
  auto pdf = render_pdf(doc);
  EXPECT_TRUE(pdf);
  if (pdf) {
    auto path = dir.file(stem + ".pdf");
    std::ofstream(path, std::ios::binary) << pdf->bytes;
    auto source = checker::read_source(path);
    EXPECT_TRUE(source);
    std::string text;
    if (source) {
      for (const auto& [line, page] : source->lines) text += line + "\n";
    }
    out.emplace_back(stem + ".pdf", text);
  }
  return out;
}

TEST(DemoReports, CarryNoSystemTextInAnyFormat) {
  auto demo = make_demo();
  ASSERT_TRUE(demo);
  std::vector<std::pair<std::string, Document>> docs;
  docs.emplace_back("overall", build_overall_report(demo->data));
  for (const auto& line : demo->data.lines) {
    auto p = build_project_report(demo->data, line.code);
    ASSERT_TRUE(p) << p.error().to_string();
    docs.emplace_back("project-" + line.code, std::move(*p));
  }
  int scanned = 0;
  for (const auto& [stem, doc] : docs) {
    for (const auto& [name, text] : texts_of(doc, demo->dir, stem)) {
      // The HTML's own markup (class names, CSS) is not document text.
      std::string body = text;
      if (name.ends_with(".html")) {
        auto style = text.find("<style>"), end = text.find("</style>");
        body = without_tags(text.substr(0, style) + text.substr(end));
      }
      std::smatch m;
      EXPECT_FALSE(std::regex_search(body, m, internal_tokens()))
          << name << ": \"" << m.str() << "\"";
      ++scanned;
    }
  }
  EXPECT_EQ(scanned, static_cast<int>(docs.size()) * 4);
  // The trace annex exists only when asked for, and it does carry the trace.
  Document traced = build_overall_report(demo->data, {.with_trace = true});
  EXPECT_NE(render_markdown(traced).find("自评计分说明"), std::string::npos);
  EXPECT_EQ(render_markdown(docs.front().second).find("自评计分说明"), std::string::npos);
}

// What `jixiao check` reads from a report jixiao wrote.
checker::CheckedDocument check_bytes(const testkit::TempDir& dir, const std::string& name,
                                     const std::string& bytes) {
  auto path = dir.file(name);
  std::ofstream(path, std::ios::binary) << bytes;
  auto checked = checker::check_file(path);
  EXPECT_TRUE(checked) << checked.error().to_string();
  return checked ? *checked : checker::CheckedDocument{};
}

// The demo's PDF: 24 pages when 附件2 had a seventh column 6 characters wide (15-line rows,
// every 三级指标 wrapped, 5 pages); now 附件1 on at most two pages, 附件2 on at most four (each
// 偏差原因 row kept on the page of its indicator).
TEST(DemoReports, AnnexTablesStayCompactInThePdf) {
  auto demo = make_demo();
  ASSERT_TRUE(demo);
  auto pdf = render_pdf(build_overall_report(demo->data));
  ASSERT_TRUE(pdf);
  auto path = demo->dir.file("compact.pdf");
  std::ofstream(path, std::ios::binary) << pdf->bytes;
  auto source = checker::read_source(path);
  ASSERT_TRUE(source) << source.error().to_string();
  int annex1 = 0, total_row = 0, annex2 = 0, last = 0;
  for (const auto& [line, page] : source->lines) {
    std::string t(text::trim(line));
    if (t == "附件1" && annex1 == 0) annex1 = page;
    if (annex1 != 0 && annex2 == 0 && t.starts_with("合计")) total_row = page;
    if (t == "附件2" && annex2 == 0) annex2 = page;
    last = std::max(last, page);
  }
  ASSERT_GT(annex1, 0);
  ASSERT_GT(annex2, annex1);
  EXPECT_LE(total_row - annex1 + 1, 2)
      << "the score table takes " << total_row - annex1 + 1 << " pages";
  EXPECT_LE(last - annex2 + 1, 4) << "附件2 takes " << last - annex2 + 1 << " pages";
  EXPECT_LE(last, 23);
}

TEST(DemoReports, ReadBackByTheCheckerFromEveryFormat) {
  auto demo = make_demo();
  ASSERT_TRUE(demo);
  Document doc = build_overall_report(demo->data);
  ASSERT_TRUE(demo->data.scorecard);
  std::vector<std::pair<std::string, std::string>> files;
  files.emplace_back("r.md", render_markdown(doc));
  files.emplace_back("r.html", render_html(doc));
  files.emplace_back("r.docx", *render_docx(doc));
  files.emplace_back("r.pdf", render_pdf(doc)->bytes);
  std::size_t rows = demo->data.scorecard->rows.size();
  for (const auto& [name, bytes] : files) {
    auto c = check_bytes(demo->dir, name, bytes);
    const auto& ex = c.extracted;
    ASSERT_TRUE(ex.budget() && ex.executed) << name;
    EXPECT_EQ(checker::format_wan_exact(ex.budget()->value), "3403.40") << name;
    EXPECT_EQ(checker::format_wan_exact(ex.executed->value), "3115.88") << name;
    ASSERT_TRUE(ex.execution_rate_pct) << name;
    EXPECT_EQ(ex.execution_rate_pct->value.to_string(), "91.6") << name;
    EXPECT_EQ(ex.rows.size(), rows) << name;
    ASSERT_TRUE(ex.self_score) << name;
    // The rows add up to the score read.
    long long sum = 0;
    for (const auto& r : ex.rows) {
      ASSERT_TRUE(r.score) << name << " " << r.indicator;
      Decimal s = *r.score;
      long long v = s.units;
      for (int k = s.scale; k < 2; ++k) v *= 10;
      sum += v;
    }
    Decimal total = ex.self_score->value;
    long long t = total.units;
    for (int k = total.scale; k < 2; ++k) t *= 10;
    EXPECT_EQ(sum, t) << name;
    for (const auto& f : c.findings) {
      EXPECT_NE(f.severity, checker::Severity::error) << name << ": " << f.kind << " " << f.message;
    }
  }
}

}  // namespace
}  // namespace jixiao::report
