// checker/corpus_test.cpp — the checker on real reports: the seed, the labelled published
// samples, planted errors in the seed, and PDF/DOCX copies of both.
#include <gtest/gtest.h>
#include <zip.h>

#include <algorithm>
#include <map>
#include <set>

#include "checker/checker.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::checker {
namespace {

std::filesystem::path seed_path() {
  std::vector<std::filesystem::path> found;
  for (const auto& e : std::filesystem::directory_iterator(testkit::reports_dir() / "seed")) {
    if (e.path().extension() == ".txt") found.push_back(e.path());
  }
  std::sort(found.begin(), found.end());
  return found.at(0);
}

std::filesystem::path sample(std::string_view name) {
  return testkit::reports_dir() / "published-reports" / name;
}

std::filesystem::path fixture(std::string_view name) {
  return testkit::source_dir() / "tests" / "testdata" / "checker" / name;
}

std::string budget_wan(const Extracted& ex) {
  return ex.budget() ? format_wan_exact(ex.budget()->value) : "null";
}
std::string executed_wan(const Extracted& ex) {
  return ex.executed ? format_wan_exact(ex.executed->value) : "null";
}
std::string rate(const Extracted& ex) {
  return ex.execution_rate_pct ? ex.execution_rate_pct->value.to_string() : "null";
}
std::string score(const Extracted& ex) {
  return ex.self_score ? ex.self_score->value.to_string() : "null";
}
std::string grade(const Extracted& ex) { return ex.grade ? ex.grade->value : "null"; }

// "kind/severity" of every finding, sorted.
std::multiset<std::string> kinds(const CheckedDocument& doc) {
  std::multiset<std::string> out;
  for (const auto& f : doc.findings) out.insert(f.kind + "/" + std::string(to_string(f.severity)));
  return out;
}

CheckedDocument check_text(const std::string& text) {
  return check_source(source_from_text(text), "planted.txt");
}

std::string replace_once(std::string text, std::string_view from, std::string_view to) {
  std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(CheckerSeed, ExtractsTheReferenceFiguresAndFindsNothing) {
  auto doc = check_file(seed_path());
  ASSERT_TRUE(doc) << doc.error().to_string();
  const Extracted& ex = doc->extracted;
  EXPECT_EQ(budget_wan(ex), "3403.40");
  EXPECT_EQ(executed_wan(ex), "3115.88");
  EXPECT_EQ(rate(ex), "91.6");
  EXPECT_EQ(score(ex), "98");
  EXPECT_EQ(grade(ex), "null");
  ASSERT_TRUE(ex.unit_name);
  EXPECT_EQ(ex.unit_name->value, "广州市白云区人民代表大会常务委员会办公室");
  ASSERT_TRUE(ex.fiscal_year);
  EXPECT_EQ(ex.fiscal_year->value, 2022);
  EXPECT_EQ(ex.doc_kind, DocKind::department_overall);
  EXPECT_EQ(ex.budget()->pos.line, 145);
  EXPECT_EQ(ex.execution_rate_pct->pos.line, 147);
  EXPECT_TRUE(doc->findings.empty()) << doc->findings.front().message;
  // A count stated in the text: "常委会会议 8次".
  bool meetings = std::any_of(ex.counts.begin(), ex.counts.end(), [](const StatedCount& c) {
    return c.label == "常委会会议" && c.value == 8 && c.unit == "次";
  });
  EXPECT_TRUE(meetings);
}

// A report saved as GB18030 (as Chinese Windows tools do) reads the same as its UTF-8 copy.
TEST(CheckerSeed, Gb18030TextGivesTheSameFigures) {
  testkit::TempDir dir;
  auto gb = dir.file("seed-gb18030.txt");
  std::string cmd =
      "iconv -f UTF-8 -t GB18030 '" + seed_path().string() + "' > '" + gb.string() + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  auto doc = check_file(gb);
  ASSERT_TRUE(doc) << doc.error().to_string();
  EXPECT_EQ(budget_wan(doc->extracted), "3403.40");
  EXPECT_EQ(executed_wan(doc->extracted), "3115.88");
  EXPECT_EQ(rate(doc->extracted), "91.6");
  EXPECT_EQ(score(doc->extracted), "98");
  ASSERT_TRUE(doc->extracted.unit_name);
  EXPECT_EQ(doc->extracted.unit_name->value, "广州市白云区人民代表大会常务委员会办公室");
}

// What PDF extraction does to the seed's key sentence: full-width digits, a thousands space,
// a number broken across lines around a page number.
TEST(CheckerSeed, SameFiguresThroughExtractionDamage) {
  std::string text = testkit::read_file(seed_path());
  text = replace_once(text, "我单位全年预算数 3403.40万元，执行数 3115.88万元，完",
                      "我单位全年预算数 ３ ４０３．４０ 万元，执行数 3115.\n\n— 3 —\n88 万元，完");
  text = replace_once(text, "91.6%", "９１．６ ％");
  CheckedDocument doc = check_text(text);
  EXPECT_EQ(budget_wan(doc.extracted), "3403.40");
  EXPECT_EQ(executed_wan(doc.extracted), "3115.88");
  EXPECT_EQ(rate(doc.extracted), "91.6");
  EXPECT_TRUE(doc.findings.empty());
}

// The labelled samples: every labelled figure, and exactly the findings the labels describe.
TEST(CheckerSamples, LabelledFiguresAndFindings) {
  struct Case {
    std::string_view file;
    std::string budget, executed, rate, score, grade;
    std::multiset<std::string> findings;
  };
  const Case cases[] = {
      {"02.txt", "251.89", "251.89", "100.00", "null", "null", {}},
      {"08.txt", "2179.00", "2113.63", "97", "null", "null", {"claim_contradicted/error"}},
      {"13.txt",
       "38.766462",
       "38.766462",
       "100",
       "96",
       "优",
       {"row_score_contradiction/error", "missing_cell/warning"}},
      {"18.txt", "2455.50", "null", "null", "null", "null", {"parts_sum_mismatch/error"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.file));
    auto doc = check_file(sample(c.file));
    ASSERT_TRUE(doc) << doc.error().to_string();
    const Extracted& ex = doc->extracted;
    EXPECT_EQ(budget_wan(ex), c.budget);
    EXPECT_EQ(executed_wan(ex), c.executed);
    EXPECT_EQ(rate(ex), c.rate);
    EXPECT_EQ(score(ex), c.score);
    EXPECT_EQ(grade(ex), c.grade);
    EXPECT_EQ(kinds(*doc), c.findings);
  }
}

TEST(CheckerSamples, FindingsSayWhereAndWhat) {
  auto doc08 = check_file(sample("08.txt"));
  ASSERT_TRUE(doc08);
  ASSERT_EQ(doc08->findings.size(), 1u);
  EXPECT_EQ(doc08->findings[0].pos.line, 11);
  EXPECT_EQ(doc08->findings[0].message, "文中称资金“全部拨付”，但执行率为 97%（第 12 行）");

  auto doc13 = check_file(sample("13.txt"));
  ASSERT_TRUE(doc13);
  EXPECT_EQ(doc13->findings[0].pos.line, 17);
  EXPECT_EQ(
      doc13->findings[0].message,
      "指标“资金到位及时率”目标 ≥100%、实际 100%，已完成却只得 7 分（分值 10，完成即得满分）");
  EXPECT_EQ(doc13->extracted.rows.size(), 9u);
  ASSERT_TRUE(doc13->extracted.table_total_score);
  EXPECT_EQ(doc13->extracted.table_total_score->value.to_string(), "96");

  auto doc18 = check_file(sample("18.txt"));
  ASSERT_TRUE(doc18);
  EXPECT_EQ(doc18->findings[0].message,
            "合计写为 2455.5万元，但分项 87.5万元 + 2350万元 = 2437.50万元（相差 18.00万元）");
  EXPECT_EQ(doc18->findings[0].pos.line, 17);
  EXPECT_FALSE(doc18->text_complete);
}

// One planted error in the seed text each: every one is caught as an error of its kind.
TEST(CheckerPlanted, EachPlantedErrorIsCaught) {
  const std::string seed = testkit::read_file(seed_path());
  struct Case {
    std::string_view name;
    std::string_view from, to;
    std::string_view kind;
  };
  const Case cases[] = {
      {"budget digit", "全年预算数 3403.40万元", "全年预算数 3408.40万元", "rate_mismatch"},
      {"budget leading digit", "全年预算数 3403.40万元", "全年预算数 3203.40万元", "rate_mismatch"},
      {"executed digit", "执行数 3115.88万元", "执行数 3145.88万元", "rate_mismatch"},
      {"executed leading digit", "执行数 3115.88万元", "执行数 3915.88万元", "rate_mismatch"},
      {"rate digit", "91.6%", "91.8%", "rate_mismatch"},
      {"rate integer digit", "91.6%", "81.6%", "rate_mismatch"},
      {"executed 万元 written as 元", "执行数 3115.88万元", "执行数 3115.88元", "unit_slip"},
      {"budget 万元 written as 元", "全年预算数 3403.40万元", "全年预算数 3403.40元", "unit_slip"},
      {"grade contradicts score", "自评为 98分。", "自评为 98分，评价等级为良。",
       "score_grade_mismatch"},
      {"score digit against stated grade", "自评为 98分。", "自评为 88分，等级为优。",
       "score_grade_mismatch"},
      {"year digit", "本单位 2022年部门整体支出绩效自评为", "本单位 2021年部门整体支出绩效自评为",
       "year_mismatch"},
      {"parts do not add up", "执行数 3115.88万元，完",
       "执行数 3115.88万元，其中基本支出 2000.00万元，项目支出 1105.88万元。完",
       "parts_sum_mismatch"},
      {"part in 元 for 万元", "执行数 3115.88万元，完",
       "执行数 3115.88万元，其中基本支出 2000.00万元，项目支出 1115.88元。完", "unit_slip"},
      {"all disbursed beside 91.6%", "所有资金使用严格按审批",
       "资金已全部拨付。所有资金使用严格按审批", "claim_contradicted"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.name));
    CheckedDocument doc = check_text(replace_once(seed, c.from, c.to));
    bool caught = std::any_of(doc.findings.begin(), doc.findings.end(), [&](const Finding& f) {
      return f.kind == c.kind && f.severity == Severity::error;
    });
    EXPECT_TRUE(caught) << "findings: " << doc.findings.size();
  }
}

TEST(CheckerPlanted, NoProblemClaimBesideLowExecution) {
  std::string text = testkit::read_file(seed_path());
  text = replace_once(text, "执行数 3115.88万元", "执行数 1225.22万元");
  text = replace_once(text, "91.6%", "36.0%");
  text = replace_once(text, "发现的问题及原因主要是", "暂无问题。发现的问题及原因主要是");
  CheckedDocument doc = check_text(text);
  ASSERT_EQ(kinds(doc), (std::multiset<std::string>{"claim_contradicted/error"}));
  EXPECT_EQ(doc.findings[0].message, "文中称“暂无问题”，但执行率只有 36.0%");
}

// The Sichuan form's funding sources (财政资金 + 财政专户 + 单位资金) add up to its 总额 row.
TEST(CheckerPlanted, FundingSourcesAgainstTheTotalRow) {
  const std::string form = testkit::read_file(sample("02.txt"));
  EXPECT_TRUE(check_text(form).findings.empty());
  std::string planted =
      replace_once(form, "财政专户管理资金 |\n0.00 |", "财政专户管理资金 |\n5.00 |");
  CheckedDocument doc = check_text(planted);
  ASSERT_EQ(kinds(doc), (std::multiset<std::string>{"parts_sum_mismatch/error"}));
  EXPECT_EQ(doc.findings[0].message, "年初预算数总额 238.93万元，但各资金来源之和为 243.93万元");
  EXPECT_EQ(doc.findings[0].pos.line, 32);
}

// The Sichuan form's weights: 预算执行情况(10分) + 绩效指标(90分) = 合计 100; rows 60 + 30 = 90.
TEST(CheckerPlanted, WeightsAgainstTheHeadingsAndTotal) {
  const std::string form = testkit::read_file(sample("02.txt"));
  auto doc = check_text(form);
  ASSERT_TRUE(doc.extracted.heading_indicator_points && doc.extracted.heading_execution_points);
  EXPECT_EQ(doc.extracted.heading_indicator_points->value.to_string(), "90");
  CheckedDocument total = check_text(replace_once(form, "合计 |\n100 |", "合计 |\n95 |"));
  EXPECT_EQ(kinds(total), (std::multiset<std::string>{"points_sum_mismatch/error"}));
  CheckedDocument row = check_text(replace_once(form, "% |\n|\n30 |", "% |\n|\n35 |"));
  EXPECT_EQ(kinds(row), (std::multiset<std::string>{"points_sum_mismatch/error"}));
  // The funds block scored below full points at 100.00 %.
  CheckedDocument exec =
      check_text(replace_once(form, "100.00% |\n10 |\n|", "100.00% |\n10 |\n8 |"));
  EXPECT_EQ(kinds(exec), (std::multiset<std::string>{"row_score_contradiction/error"}));
}

// PDF (poppler) and DOCX (libzip + pugixml) copies made from the same text give the same figures.
TEST(CheckerFormats, PdfAndDocxGiveTheSameExtractionAsText) {
  struct Case {
    std::filesystem::path text;
    std::string_view pdf, docx;
  };
  const Case cases[] = {{seed_path(), "seed.pdf", "seed.docx"},
                        {sample("13.txt"), "form13.pdf", "form13.docx"}};
  for (const auto& c : cases) {
    auto from_text = check_file(c.text);
    ASSERT_TRUE(from_text) << from_text.error().to_string();
    for (auto name : {c.pdf, c.docx}) {
      SCOPED_TRACE(std::string(name));
      auto doc = check_file(fixture(name));
      ASSERT_TRUE(doc) << doc.error().to_string();
      EXPECT_EQ(doc->format, name.ends_with(".pdf") ? SourceFormat::pdf : SourceFormat::docx);
      const Extracted& a = from_text->extracted;
      const Extracted& b = doc->extracted;
      EXPECT_EQ(budget_wan(b), budget_wan(a));
      EXPECT_EQ(executed_wan(b), executed_wan(a));
      EXPECT_EQ(rate(b), rate(a));
      EXPECT_EQ(score(b), score(a));
      EXPECT_EQ(grade(b), grade(a));
      ASSERT_TRUE(b.unit_name && b.fiscal_year);
      EXPECT_EQ(b.unit_name->value, a.unit_name->value);
      EXPECT_EQ(b.fiscal_year->value, a.fiscal_year->value);
      EXPECT_EQ(b.doc_kind, a.doc_kind);
      EXPECT_EQ(b.rows.size(), a.rows.size());
      EXPECT_EQ(kinds(*doc), kinds(*from_text));
    }
  }
  // Pages are known for PDF: the seed's budget sentence is on page 3 of the A4 copy.
  auto pdf = check_file(fixture("seed.pdf"));
  ASSERT_TRUE(pdf && pdf->extracted.budget());
  EXPECT_EQ(pdf->extracted.budget()->pos.page, 3);
}

TEST(CheckerFormats, UnreadableFilesAreErrors) {
  testkit::TempDir dir;
  auto bad_pdf = check_file(dir.write("bad.pdf", "not a pdf"));
  ASSERT_FALSE(bad_pdf);
  EXPECT_EQ(bad_pdf.error().code(), ErrorCode::unsupported);
  auto bad_docx = check_file(dir.write("bad.docx", "not a zip"));
  ASSERT_FALSE(bad_docx);
  EXPECT_EQ(bad_docx.error().code(), ErrorCode::unsupported);
  auto missing = check_file(dir.file("missing.txt"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), ErrorCode::io);
}

}  // namespace
}  // namespace jixiao::checker

namespace jixiao::checker {
namespace {

// Writes a minimal DOCX whose body is `body_xml` (WordprocessingML inside w:body).
void write_docx(const std::filesystem::path& path, const std::string& body_xml) {
  static const std::string xml_head =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      "<w:document "
      "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
  static std::string document;  // must outlive zip_close
  document = xml_head + body_xml + "</w:body></w:document>";
  int err = 0;
  zip_t* archive = zip_open(path.string().c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  ASSERT_NE(archive, nullptr);
  zip_source_t* source = zip_source_buffer(archive, document.data(), document.size(), 0);
  ASSERT_GE(zip_file_add(archive, "word/document.xml", source, ZIP_FL_OVERWRITE), 0);
  ASSERT_EQ(zip_close(archive), 0);
}

std::string paragraph(std::string_view text) {
  return "<w:p><w:r><w:t>" + std::string(text) + "</w:t></w:r></w:p>";
}

std::string table(const std::vector<std::vector<std::string>>& rows) {
  std::string xml = "<w:tbl>";
  for (const auto& row : rows) {
    xml += "<w:tr>";
    for (const auto& cell : row) xml += "<w:tc>" + paragraph(cell) + "</w:tc>";
    xml += "</w:tr>";
  }
  return xml + "</w:tbl>";
}

TEST(CheckerFormats, DocxTablesAreReadAsRowsOfCells) {
  testkit::TempDir dir;
  auto path = dir.file("form.docx");
  write_docx(path, paragraph("2022年度某县教育局项目支出绩效自评表") + paragraph("单位:万元") +
                       table({{"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"},
                              {"100.00", "100.00", "100.00", "10", "100%", "10"},
                              {"质量指标", "合格率", "≥", "95", "%", "100%", "90", "80"},
                              {"总分", "100", "90", "优"}}));
  auto doc = check_file(path);
  ASSERT_TRUE(doc) << doc.error().to_string();
  EXPECT_EQ(doc->format, SourceFormat::docx);
  const Extracted& ex = doc->extracted;
  EXPECT_EQ(budget_wan(ex), "100.00");
  EXPECT_EQ(executed_wan(ex), "100.00");
  EXPECT_EQ(rate(ex), "100");
  EXPECT_EQ(score(ex), "90");
  EXPECT_EQ(grade(ex), "优");
  ASSERT_EQ(ex.rows.size(), 1u);
  EXPECT_EQ(ex.rows[0].pos.line, 5);
  EXPECT_EQ(kinds(*doc), (std::multiset<std::string>{"row_score_contradiction/error"}));
}

}  // namespace
}  // namespace jixiao::checker
