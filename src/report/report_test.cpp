// report/report_test.cpp — the report model for the reference case, its sentences and renderers.
#include "report/report.hpp"

#include <gtest/gtest.h>
#include <zip.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "core/text.hpp"
#include "ledger/importer.hpp"
#include "store/store.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::report {
namespace {

// An amount in hundredths of 万元 (340340 = 3403.40 万元) as Money: one hundredth of 万元 is 100
// 元.
Money wan(std::int64_t hundredths) { return Money::from_fen(hundredths * 10000); }

LineFigures line(std::string code, std::string name, bool project, std::int64_t initial,
                 std::int64_t adj, std::int64_t executed) {
  return {std::move(code), std::move(name), project, "一般公共预算",
          Figures{wan(initial), wan(adj), wan(executed)}};
}

// The seed's unit: 3403.40 万元 budget, 3115.88 万元 executed, self-score 98. The split into
// lines, the months, the score rows and the goals are invented to add up to those figures.
ReportData reference_case() {
  ReportData d;
  d.unit_code = "BYRD01";
  d.unit_name = "广州市白云区人民代表大会常务委员会办公室";
  d.year = 2022;
  d.lines = {line("B01", "人员经费", false, 190000, 5000, 194920),
             line("B02", "公用经费", false, 30000, 0, 28745),
             line("P01", "区人大会议", true, 40000, -3000, 33123),
             line("P02", "人大代表工作", true, 60000, 0, 41800),
             line("P03", "机关运行保障", true, 18340, 0, 13000)};
  for (const auto& l : d.lines) {
    d.totals.initial += l.figures.initial;
    d.totals.adjustments += l.figures.adjustments;
    d.totals.executed += l.figures.executed;
  }
  const std::int64_t months[12] = {15000, 20000, 23000, 24000, 25000, 26000,
                                   25000, 24000, 25000, 26000, 28000, 50588};
  for (int m = 0; m < 12; ++m) d.executed_by_month[static_cast<std::size_t>(m)] = wan(months[m]);
  d.narratives[NarrativeKey::profile] =
      "广州市白云区人民代表大会常务委员会是广州市白云区的地方国家权力机关。";
  d.narratives[NarrativeKey::annual_work] =
      "2022年是党的二十大召开之年。\n一是全面学习、全面把握、全面落实党的二十大精神。";
  d.narratives[NarrativeKey::performance_management] =
      "绩效管理情况较为理想，保重点、保运转，多办事少花钱。";
  d.narratives[NarrativeKey::achievements] = "一是强化政治责任，坚持党的全面领导。";
  Scorecard card;
  card.framework = "部门整体支出绩效评价指标体系（示例）";
  card.total = 98;
  card.grade = "优";
  card.rows = {{"过程", "资金管理", "预算完成率", "", 10, 8, "预算完成率91.6%，未达到100%"},
               {"过程", "采购管理", "政府采购规范性", "", 10, 10, ""},
               {"过程", "信息公开管理", "预决算信息公开", "", 10, 10, ""},
               {"过程", "资产管理和成本管理", "资产管理规范性", "", 10, 10, ""},
               {"过程", "绩效管理", "绩效目标管理", "", 10, 10, ""},
               {"产出与效益", "履职效能", "重点工作完成情况", "", 50, 50, ""}};
  d.scorecard = card;
  d.goals = std::vector<GoalRow>{
      {"P01", "产出指标", "数量指标", "召开区人民代表大会", "≥1次", "1次", "100.0%", true, "", 20,
       20},
      {"P01", "产出指标", "数量指标", "召开常委会会议", "≥8次", "8次", "100.0%", true, "", 20, 20},
      {"P01", "产出指标", "数量指标", "召开主任会议", "≥12次", "12次", "100.0%", true, "", 20, 20},
      {"P01", "效益指标", "社会效益指标", "开展满意度测评", "≥10项", "13项", "130.0%", true, "", 20,
       20},
      {"", "满意度指标", "服务对象满意度指标", "代表对建议办理答复满意度", "≥95%", "100%", "105.3%",
       true, "", 10, 10},
  };
  return d;
}

std::vector<std::string> headings(const Document& doc) {
  std::vector<std::string> out;
  for (const auto& b : doc.blocks) {
    if (const auto* h = std::get_if<Heading>(&b)) out.push_back(h->full());
  }
  return out;
}

std::string all_text(const Document& doc) {
  std::string out;
  for (const auto& b : doc.blocks) {
    if (const auto* p = std::get_if<Paragraph>(&b)) out += p->text + "\n";
  }
  return out;
}

TEST(FundsSentence, ReproducesTheSeed) {
  ReportData d = reference_case();
  EXPECT_EQ(d.totals.adjusted(), wan(340340));
  EXPECT_EQ(d.totals.executed, wan(311588));
  EXPECT_EQ(funds_sentence(d.totals),
            "我单位全年预算数3403.40万元，执行数3115.88万元，完成预算的91.6%。");
}

TEST(OverallReport, HasEverySectionOfTheSeedInOrder) {
  Document doc = build_overall_report(reference_case());
  EXPECT_EQ(doc.title, "2022年度广州市白云区人民代表大会常务委员会办公室部门整体支出绩效自评报告");
  std::vector<std::string> want = {"一、基本情况",
                                   "（一）部门概况",
                                   "（二）年度总体工作和重点工作任务",
                                   "（三）部门整体收支情况",
                                   "（四）部门整体绩效管理情况",
                                   "二、综合评价分析",
                                   "（一）自评结论综述",
                                   "（二）各项工作任务绩效目标完成情况分析",
                                   "（三）各重点任务项目支出完成情况分析",
                                   "（四）主要工作成效",
                                   "三、存在的主要问题",
                                   "四、下一步改进措施"};
  EXPECT_EQ(headings(doc), want);
}

TEST(OverallReport, GeneratesTheSeedsFiguresAndSentences) {
  std::string text = all_text(build_overall_report(reference_case()));
  for (const char* want : {
           "我单位全年预算数3403.40万元，执行数3115.88万元，完成预算的91.6%。",
           "本单位2022年部门整体支出绩效自评为98分。",
           "在采购管理、信息公开管理、资产管理和成本管理、绩效管理、履职效能方面较规范",
           "在资金管理方面得8分（满分10分），预算完成率扣2分，后续将加强。",
           "区人大会议项目2022年全年预算数370.00万元，执行数331.23万元，执行率89.5%。",
           "全年召开区人民代表大会1次，召开常委会会议8次，召开主任会议12次，开展满意度测评13项。",
           "广州市白云区人民代表大会常务委员会是广州市白云区的地方国家权力机关。",
           "全年预算完成率为91.6%，未达到100%，结余287.52万元",
       }) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n---\n" << text;
  }
}

TEST(OverallReport, DraftsMeasuresFromFindingsAndHonoursOverrides) {
  ReportData d = reference_case();
  d.findings.push_back(
      {FindingSource::indicators, FindingTopic::indicators, "部分绩效指标缺少可衡量的目标值"});
  std::string text = all_text(build_overall_report(d));
  EXPECT_NE(text.find("发现的问题及原因主要是：一是预算的合理性和执行力度还需加强，全年预算完成率为"
                      "91.6%，未达到100%，结余287.52万元。"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("三是绩效指标设置有待优化，部分绩效指标缺少可衡量的目标值。"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("部分绩效指标缺少可衡量的目标值"), std::string::npos);
  EXPECT_NE(text.find("一是进一步梳理绩效指标库"), std::string::npos) << text;
  EXPECT_NE(text.find("二是加强项目支出计划管理"), std::string::npos) << text;

  d.narratives[NarrativeKey::problems] = "预算编制工作有待细化。";
  d.narratives[NarrativeKey::measures] = "加强项目支出计划管理。";
  text = all_text(build_overall_report(d));
  EXPECT_EQ(text.find("发现的问题及原因主要是"), std::string::npos);
  EXPECT_NE(text.find("预算编制工作有待细化。"), std::string::npos);
  EXPECT_EQ(text.find("进一步梳理绩效指标库"), std::string::npos);
}

// 二（四）'s sentence about the deputies' suggestions is computed from the register's figures
// (congress::suggestions_sentence), where the narrative marks it, else after the narrative.
TEST(OverallReport, StatesTheSuggestionsFiguresComputedFromTheRegister) {
  ReportData d = reference_case();
  congress::Figures f;
  f.year = 2022;
  f.level = "区";
  f.suggestions.session = 150;
  f.suggestions.recess = 9;
  f.suggestions.total = 159;
  f.suggestions.ab = 120;
  f.suggestions.with_feedback = 159;
  f.suggestions.satisfied = 158;
  f.suggestions.key_supervised = 4;
  f.suggestions.sessions = {{17, 1}, {17, 2}};
  f.previous = congress::SuggestionFigures{};
  f.previous->total = 100;
  f.previous->ab = 70;  // 70 % → 75.47 %: up 5.5 points
  d.congress = f;
  d.narratives[NarrativeKey::achievements] =
      "有效办理代表建议。探索代表建议数据库建设工作。〔代表建议办理情况〕通过专题调研强化督办。";
  Document doc = build_overall_report(d);
  std::string text = all_text(doc);
  const std::string want =
      "有效办理代表建议。探索代表建议数据库建设工作。区十七届人大一、二次会议期间交办代表建议150件"
      "，闭会期间交办代表建议9件，"
      "代表对办理答复表示满意和基本满意的达99.4%"
      "，其中已经解决以及已列入年度计划逐步解决的代表建议比例较2021年提高5.5个百分点。"
      "常委会领导牵头重点督办4件代表建议。通过专题调研强化督办。";
  EXPECT_NE(text.find(want), std::string::npos) << text;
  EXPECT_EQ(text.find("〔"), std::string::npos);
  EXPECT_LT(text.find(want), text.find("三、存在的主要问题"));  // in 二（四）

  // No mark: the sentence follows the narrative; a hand-typed count is flagged for the author.
  d.narratives[NarrativeKey::achievements] = "全年交办代表建议200件。";
  doc = build_overall_report(d);
  text = all_text(doc);
  EXPECT_NE(text.find("全年交办代表建议200件。"), std::string::npos);
  EXPECT_NE(text.find("会议期间交办代表建议150件"), std::string::npos) << text;
  EXPECT_TRUE(std::any_of(doc.gaps.begin(), doc.gaps.end(), [](const std::string& g) {
    return g.find("手写了代表建议件数") != std::string::npos;
  }));

  // A unit without suggestions: the mark is dropped and said.
  d.congress.reset();
  d.narratives[NarrativeKey::achievements] = "开展代表工作。〔代表建议办理情况〕";
  doc = build_overall_report(d);
  text = all_text(doc);
  EXPECT_EQ(text.find("〔"), std::string::npos);
  EXPECT_EQ(text.find("交办代表建议"), std::string::npos);
  EXPECT_TRUE(std::any_of(doc.gaps.begin(), doc.gaps.end(), [](const std::string& g) {
    return g.find("没有交办代表建议的登记数据") != std::string::npos;
  }));
}

TEST(OverallReport, SaysPlainlyWhatIsMissing) {
  ReportData d = reference_case();
  d.scorecard.reset();
  d.goals.reset();
  d.narratives.erase(NarrativeKey::achievements);
  Document doc = build_overall_report(d);
  std::string text = all_text(doc);
  EXPECT_NE(text.find("本单位2022年部门整体支出绩效尚无自评得分（评分数据未提供）。"),
            std::string::npos);
  EXPECT_NE(text.find("（本部分“主要工作成效”尚未填写。）"), std::string::npos);
  EXPECT_NE(text.find("尚无评分数据。"), std::string::npos);
  EXPECT_EQ(headings(doc).size(), 12u);
  EXPECT_EQ(doc.gaps.size(), 3u);
}

TEST(MakeChart, CumulatesMonthsAndSpreadsTheScheduleEvenly) {
  Chart c = make_chart(reference_case());
  EXPECT_EQ(c.executed[0], wan(15000));
  EXPECT_EQ(c.executed[11], wan(311588));
  EXPECT_EQ(c.schedule[5], wan(170170));  // half of 3403.40 万元
  EXPECT_EQ(c.schedule[11], wan(340340));
}

TEST(MakeChart, TakesMonitoringsScheduleAndForecastBandDuringTheYear) {
  ReportData d = reference_case();
  d.as_of_month = 9;
  MonitorSeries m;
  for (std::size_t i = 0; i < 12; ++i)
    m.schedule[i] = wan(28000 * static_cast<std::int64_t>(i + 1));
  std::array<Money, 12> low{}, high{};
  low[11] = wan(300000);
  high[11] = wan(330000);
  m.forecast_low = low;
  m.forecast_high = high;
  m.method = "用款计划";
  d.monitor = m;
  Chart c = make_chart(d);
  EXPECT_EQ(c.executed[8], wan(207000));  // cumulative to September
  EXPECT_FALSE(c.executed[9]);            // nothing drawn after the as-of month
  EXPECT_EQ(c.schedule[0], wan(28000));
  ASSERT_TRUE(c.forecast_high);
  EXPECT_EQ((*c.forecast_high)[11], wan(330000));
  std::string md = render_markdown(build_overall_report(d));
  EXPECT_NE(md.find("| 12月 | — | 3360.00 | — | 3000.00 | 3300.00 |"), std::string::npos) << md;
  EXPECT_NE(md.find("序时进度按用款计划计算；阴影为执行监控给出的年末执行预测区间。"),
            std::string::npos);
  auto png = chart_png(c, 600, 280);
  ASSERT_TRUE(png);
  EXPECT_EQ(png->substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
}

TEST(ProjectReport, FillsTheFormForALine) {
  auto doc = build_project_report(reference_case(), "P01");
  ASSERT_TRUE(doc) << doc.error().to_string();
  std::string md = render_markdown(*doc);
  EXPECT_NE(md.find("| 年度资金总额 |  | 400.00 |  | 370.00 | 331.23 | 10 | 89.5% |  | 8.95 |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| 总分 |  |  |  |  |  | 100 | 88.95 | 评价等级：良 |  |"), std::string::npos)
      << md;

  auto missing = build_project_report(reference_case(), "P99");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message(), "单位 BYRD01 在 2022 年没有预算项目 P99");
}

TEST(NarrativeKey, ParsesStoredAndChineseNames) {
  struct Case {
    std::string text;
    std::optional<NarrativeKey> want;
  } cases[] = {{"profile", NarrativeKey::profile},
               {"部门概况", NarrativeKey::profile},
               {"achievements", NarrativeKey::achievements},
               {"主要工作成效", NarrativeKey::achievements},
               {"measures", NarrativeKey::measures},
               {"Profile", std::nullopt},
               {"", std::nullopt}};
  for (const auto& c : cases) EXPECT_EQ(parse_narrative_key(c.text), c.want) << c.text;
  EXPECT_EQ(all_narrative_keys().size(), 6u);
}

// Compares with src/report/testdata/NAME; JIXIAO_UPDATE_GOLDEN=1 rewrites the file instead.
void expect_golden(const std::string& name, const std::string& actual) {
  auto path = testkit::source_dir() / "src/report/testdata" / name;
  if (std::getenv("JIXIAO_UPDATE_GOLDEN")) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::string want = testkit::read_file(path);
  if (actual == want) return;
  // Report the first line that differs rather than two whole documents.
  auto a = text::split(actual, '\n'), w = text::split(want, '\n');
  std::size_t i = 0;
  while (i < a.size() && i < w.size() && a[i] == w[i]) ++i;
  ADD_FAILURE() << "golden " << path << " differs at line " << i + 1
                << "\n  want: " << (i < w.size() ? w[i] : "<end>")
                << "\n  got:  " << (i < a.size() ? a[i] : "<end>")
                << "\nJIXIAO_UPDATE_GOLDEN=1 rewrites it";
}

TEST(RenderMarkdown, MatchesTheGoldenFile) {
  expect_golden("reference_case.md", render_markdown(build_overall_report(reference_case())));
}

TEST(RenderHtml, MatchesTheGoldenFileAndEmbedsTheChart) {
  std::string html = render_html(build_overall_report(reference_case()));
  EXPECT_NE(html.find("<img alt=\"2022年累计执行进度与序时进度（万元）\" "
                      "src=\"data:image/png;base64,iVBORw0KGgo"),
            std::string::npos);
  // The PNG's bytes depend on cairo's version; the golden file holds the rest.
  auto start = html.find("base64,") + 7;
  html.replace(start, html.find('"', start) - start, "PNG");
  expect_golden("reference_case.html", html);
}

std::string docx_part(const std::string& bytes, const char* name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &error);
  if (!za) {
    zip_source_free(src);
    return {};
  }
  std::string out;
  if (zip_file_t* f = zip_fopen(za, name, 0)) {
    char buf[8192];
    zip_int64_t n;
    while ((n = zip_fread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    zip_fclose(f);
  }
  zip_discard(za);
  return out;
}

TEST(RenderDocx, WritesAPackageWithTheFiguresAndGbtPageSetup) {
  auto bytes = render_docx(build_overall_report(reference_case()));
  ASSERT_TRUE(bytes) << bytes.error().to_string();
  EXPECT_EQ(bytes->substr(0, 2), "PK");
  std::string doc = docx_part(*bytes, "word/document.xml");
  EXPECT_NE(doc.find("我单位全年预算数3403.40万元，执行数3115.88万元，完成预算的91.6%。"),
            std::string::npos);
  EXPECT_NE(doc.find("<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\""),
            std::string::npos);
  EXPECT_NE(doc.find("<w:tblHeader/>"), std::string::npos);  // table headers repeat on each page
  EXPECT_NE(docx_part(*bytes, "word/footer1.xml").find("PAGE"), std::string::npos);
  EXPECT_EQ(docx_part(*bytes, "word/media/chart1.png").substr(1, 3), "PNG");
  std::string styles = docx_part(*bytes, "word/styles.xml");
  EXPECT_NE(styles.find("w:eastAsia=\"仿宋_GB2312\""), std::string::npos);
  EXPECT_NE(styles.find("w:line=\"560\" w:lineRule=\"exact\""), std::string::npos);
}

TEST(RenderPdf, WritesSeveralA4Pages) {
  auto pdf = render_pdf(build_overall_report(reference_case()));
  ASSERT_TRUE(pdf) << pdf.error().to_string();
  EXPECT_EQ(pdf->bytes.substr(0, 5), "%PDF-");
  EXPECT_NE(pdf->bytes.find("/MediaBox [ 0 0 595.275591 841.889764 ]"), std::string::npos);
  auto count = pdf->bytes.find("/Count ");  // the page tree's page count
  ASSERT_NE(count, std::string::npos);
  EXPECT_GE(std::stoi(pdf->bytes.substr(count + 7, 4)), 3);
}

// The demo's own files (data/demo/) in a real SQLite store: what `jixiao report` reads.
TEST(LoadReportData, ReadsTheReferenceCaseFromTheStore) {
  testkit::TempDir dir;
  auto store = store::open("sqlite:" + dir.file("r.db").string());
  ASSERT_TRUE(store) << store.error().to_string();
  auto demo = testkit::source_dir() / "data/demo";
  for (auto [kind, file] : {std::pair{model::ImportKind::budget, "budget.csv"},
                            {model::ImportKind::adjustments, "adjustments.csv"},
                            {model::ImportKind::payments, "payments.csv"}}) {
    auto imported = ledger::import_file(**store, kind, (demo / file).string());
    ASSERT_TRUE(imported) << imported.error().to_string();
  }
  auto stored = import_narrative_dir(**store, "BYRD01", 2022,
                                     (demo / "narratives/BYRD01/2022").string(), "test");
  ASSERT_TRUE(stored) << stored.error().to_string();
  EXPECT_EQ(*stored, 4);

  auto data = load_report_data(**store, "BYRD01", 2022);
  ASSERT_TRUE(data) << data.error().to_string();
  EXPECT_EQ(data->unit_name, "广州市白云区人民代表大会常务委员会办公室");
  EXPECT_EQ(funds_sentence(data->totals),
            "我单位全年预算数3403.40万元，执行数3115.88万元，完成预算的91.6%。");
  EXPECT_FALSE(data->scorecard);  // no frozen evaluation and no framework given
  Document doc = build_overall_report(*data);
  std::string text = all_text(doc);
  EXPECT_NE(text.find("广州市白云区人民代表大会常务委员会是广州市白云区的地方国家权力机关"),
            std::string::npos);
  EXPECT_NE(text.find("全年党组（扩大）会议开展“第一议题”28次、理论中心组学习10次"),
            std::string::npos);
  EXPECT_NE(text.find("区人大会议项目2022年全年预算数"), std::string::npos);
  EXPECT_EQ(headings(doc).size(), 12u);

  auto missing = load_report_data(**store, "NOPE", 2022);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message(), "单位 NOPE 在 2022 年没有预算数据");
}

TEST(ParseFormat, AcceptsTheFourFormats) {
  EXPECT_EQ(parse_format("md").value(), Format::markdown);
  EXPECT_EQ(parse_format("docx").value(), Format::docx);
  EXPECT_EQ(parse_format("pdf").value(), Format::pdf);
  EXPECT_EQ(parse_format("html").value(), Format::html);
  auto bad = parse_format("odt");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message(), "--format: 不支持的格式 \"odt\"（可选 docx、pdf、html、md）");
}

// ---- Issue 14: statements generated from the same facts --------------------------------------

std::string body_text(const Document& doc) {
  std::string out;
  for (const auto& b : doc.blocks) {
    if (const auto* p = std::get_if<Paragraph>(&b)) out += p->text + "\n";
    if (const auto* t = std::get_if<Table>(&b)) {
      for (const auto& r : t->rows) {
        for (const auto& c : r) out += c.text + "|";
        out += "\n";
      }
    }
  }
  return out;
}

bool has(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

// Varied data, each statement checked against it: all goals met; some missed; no project
// lines; a line at 0 %.
TEST(OverallReport, EveryStatementFollowsTheData) {
  {  // all goals met: the statement says so, and nothing claims a miss
    ReportData d = reference_case();
    std::string text = body_text(build_overall_report(d));
    EXPECT_TRUE(has(text, "年初设定的5项绩效指标均已达到目标值。")) << text;
    EXPECT_FALSE(has(text, "未达到目标值")) << text;
  }
  {  // some missed, one without an actual: named, counted
    ReportData d = reference_case();
    (*d.goals)[1].actual = "6次";
    (*d.goals)[1].met = false;
    (*d.goals)[4].actual = "";
    std::string text = body_text(build_overall_report(d));
    EXPECT_TRUE(has(text,
                    "年初设定绩效指标5项，已达到目标值3项，“召开常委会会议”未达到目标值，“代表对建"
                    "议办理答复满意度”尚无实际完成值。"))
        << text;
    EXPECT_FALSE(has(text, "均已达到")) << text;
    EXPECT_TRUE(has(text, "绩效目标“召开常委会会议”未完全实现")) << text;
  }
  {  // no project lines: 二（三） says so, no project is counted anywhere
    ReportData d = reference_case();
    std::erase_if(d.lines, [](const LineFigures& l) { return l.project; });
    d.findings.push_back({FindingSource::monitoring, FindingTopic::execution, "人员经费：执行偏慢",
                          "人员经费", "behind_schedule"});
    std::string text = body_text(build_overall_report(d));
    EXPECT_TRUE(has(text, "本年度无项目支出。")) << text;
    EXPECT_FALSE(has(text, "个项目")) << text;
    EXPECT_FALSE(has(text, "人员经费项目")) << text;  // a basic line is not a project
  }
  {  // a line at 0 %: its rate is said, it is named among the late projects with its cause and a
     // measure
    ReportData d = reference_case();
    d.lines.push_back(line("P04", "信息化建设", true, 5000, 0, 0));
    d.totals.initial += wan(5000);
    d.findings.push_back({FindingSource::monitoring, FindingTopic::execution, "信息化建设：未支出",
                          "信息化建设", "behind_schedule"});
    d.goals->push_back({"P04", "产出指标", "数量指标", "完成系统开发", "≥1套", "0套", "0.0%", false,
                        "招标延期；改进: 加快招标和实施进度", 20, 0});
    std::string text = body_text(build_overall_report(d));
    EXPECT_TRUE(has(text, "信息化建设项目2022年全年预算数50.00万元，执行数0.00万元，执行率0.0%。"))
        << text;
    EXPECT_TRUE(has(text, "执行进度偏慢的主要原因是招标延期。")) << text;
    EXPECT_TRUE(has(text, "信息化建设项目执行进度落后序时进度")) << text;
    EXPECT_TRUE(has(text, "针对信息化建设项目执行率0.0%的情况，加快招标和实施进度")) << text;
  }
}

TEST(OverallReport, ScoreTableSpeaksAsADepartmentWithMergedGroups) {
  ReportData d = reference_case();
  Document doc = build_overall_report(d);
  const Table* score = nullptr;
  for (const auto& b : doc.blocks) {
    if (const auto* t = std::get_if<Table>(&b);
        t && !t->header.empty() && t->header[0][0].text == "一级指标") {
      score = t;
      break;
    }
  }
  ASSERT_TRUE(score);
  EXPECT_EQ(score->rows[0][5].text, "预算完成率91.6%，未达100%，扣2分。");
  EXPECT_EQ(score->rows[1][5].text, "无扣分。");
  EXPECT_FALSE(score->rows[0][0].merge_up);
  EXPECT_TRUE(score->rows[1][0].merge_up);   // 过程 continues
  EXPECT_FALSE(score->rows[1][1].merge_up);  // a new 二级
  EXPECT_FALSE(score->rows[5][0].merge_up);  // 产出与效益 starts a group
  EXPECT_EQ(score->rows.back()[2].text, "98");
  // Widths from the content: 自评得分 never wraps inside the word.
  EXPECT_GE(score->widths[4], 4.7);
}

// 附件2: a deviation reason goes on its own row under its indicator, across the indicator's
// columns, so that six columns keep every 三级指标 on one line; the score table's 扣分原因
// column is the widest, and its headers never break inside a word.
TEST(OverallReport, AnnexTablesGiveTheLineToTheLongText) {
  ReportData d = reference_case();
  (*d.goals)[1].actual = "7次";
  (*d.goals)[1].met = false;
  (*d.goals)[1].deviation =
      "受疫情影响，一次常委会会议延期至次年召开；改进：提前安排会议计划，做好线上会议准备。";
  Document doc = build_overall_report(d);
  const Table* score = nullptr;
  const Table* goals = nullptr;
  for (const auto& b : doc.blocks) {
    const auto* t = std::get_if<Table>(&b);
    if (!t || t->header.empty()) continue;
    if (t->header[0].size() == 6 && t->header[0][4].text == "自评得分") score = t;
    if (t->header[0].size() == 6 && t->header[0][5].text == "完成情况") goals = t;
  }
  ASSERT_TRUE(score && goals);
  ASSERT_EQ(goals->widths.size(), 6u);
  const Row* indicator = nullptr;
  const Row* reason = nullptr;
  for (std::size_t i = 0; i + 1 < goals->rows.size(); ++i) {
    if (goals->rows[i].size() > 2 && goals->rows[i][2].text == "召开常委会会议") {
      indicator = &goals->rows[i];
      reason = &goals->rows[i + 1];
    }
  }
  ASSERT_TRUE(indicator && reason);
  EXPECT_EQ((*indicator)[5].text, "未完成");
  ASSERT_EQ(reason->size(), 3u);
  EXPECT_EQ((*reason)[2].colspan, 4);
  EXPECT_EQ((*reason)[2].text, "偏差原因分析及改进措施：" + (*d.goals)[1].deviation);
  EXPECT_TRUE((*reason)[2].keep_with_above);  // never on a page of its own
  EXPECT_TRUE((*reason)[0].merge_up);  // the 产出指标 / 数量指标 group goes on through the reason
  EXPECT_TRUE((*reason)[1].merge_up);
  EXPECT_TRUE(goals->rows[&*reason - &goals->rows[0] + 1][0].merge_up);
  // The line goes where it saves lines: 三级指标 is the widest column, every header word whole
  // (年度指标值 5 characters + padding), the six columns fill the 42 characters of 五号.
  double sum = 0;
  for (double w : goals->widths) sum += w;
  EXPECT_NEAR(sum, 42, 1e-6);
  EXPECT_EQ(std::max_element(goals->widths.begin(), goals->widths.end()) - goals->widths.begin(),
            2);
  EXPECT_GE(goals->widths[3], 5 + 1.2 - 1e-9);
  // Score table (widths in proportion to the text, for the read-back of plain pdftotext):
  // 自评得分 whole (4 characters + padding), the full line used.
  sum = 0;
  for (double w : score->widths) sum += w;
  EXPECT_NEAR(sum, 42, 1e-6);
  EXPECT_GE(score->widths[4], 4 + 1.2 - 1e-9);
  EXPECT_GE(score->widths[5], 9);  // 扣分原因: a short sentence in at most two lines
}

TEST(OverallReport, DepartmentScoresOverrideWithReasonsAndWarn) {
  ReportData d = reference_case();
  d.scorecard->rows[0].item = "1.1";
  for (auto& r : d.scorecard->rows) r.computed = r.score;
  std::vector<std::string> gaps;
  store::ScoreOverride o{"BYRD01", 2022,  "1.1", "9", "年中追加资金12月下达，已按规定结转",
                         "",       "test"};
  ASSERT_TRUE(apply_overrides(*d.scorecard, {o}, gaps));
  EXPECT_TRUE(gaps.empty());
  Document doc = build_overall_report(d);
  std::string text = body_text(doc);
  EXPECT_TRUE(has(text, "本单位2022年部门整体支出绩效自评为99分。")) << text;
  EXPECT_TRUE(has(text, "年中追加资金12月下达，已按规定结转，扣1分。")) << text;
  auto diffs = score_differences(*d.scorecard);
  ASSERT_EQ(diffs.size(), 1u);
  EXPECT_EQ(diffs[0],
            "“预算完成率”自评9分，系统计算8分（理由：年中追加资金12月下达，已按规定结转）");
  EXPECT_TRUE(std::any_of(doc.gaps.begin(), doc.gaps.end(),
                          [](const std::string& g) { return has(g, "自评得分与系统计算不同"); }));

  struct Case {
    std::string score;
    std::string message;
  } bad[] = {{"11", "得分应在 0 到分值 10 之间: 11"},
             {"abc", "得分不是数字: \"abc\""},
             {"8.125", "得分最多两位小数: 8.125"}};
  for (const auto& c : bad) {
    auto v = parse_self_score(c.score, 10);
    ASSERT_FALSE(v) << c.score;
    EXPECT_EQ(v.error().message(), c.message);
  }
  std::vector<std::string> gaps2;
  ASSERT_TRUE(apply_overrides(
      *d.scorecard, {store::ScoreOverride{"BYRD01", 2022, "9.9", "1", "x", "", ""}}, gaps2));
  ASSERT_EQ(gaps2.size(), 1u);
  EXPECT_EQ(gaps2[0], "自评得分调整指向框架中不存在的指标 9.9，已忽略");
}

TEST(TitleLines, BreakOnlyBetweenWordsAndBalance) {
  auto lines =
      title_lines("2022年度广州市白云区人民代表大会常务委员会办公室部门整体支出绩效自评报告", 18);
  ASSERT_EQ(lines.size(), 3u);
  std::string joined;
  for (const auto& l : lines) {
    joined += l;
    EXPECT_FALSE(l.starts_with("员会") || l.starts_with("公室") || l.starts_with("务委") ||
                 l.ends_with("委"))
        << l;
  }
  EXPECT_EQ(joined, "2022年度广州市白云区人民代表大会常务委员会办公室部门整体支出绩效自评报告");
  EXPECT_EQ(lines[1], "人民代表大会常务委员会办公室");
  EXPECT_EQ(title_lines("2022年度项目支出绩效自评表", 18),
            std::vector<std::string>{"2022年度项目支出绩效自评表"});
}

TEST(ProjectReport, HasTheOverallGoalBlockTotalAndGrade) {
  ReportData d = reference_case();
  d.overall_goals["P01"] = {"开好区人民代表大会和常委会会议。",
                            "召开区人民代表大会1次、常委会会议8次。"};
  auto doc = build_project_report(d, "P01");
  ASSERT_TRUE(doc);
  std::string md = render_markdown(*doc);
  for (const char* want : {"年度总体目标", "预期目标", "实际完成情况",
                           "开好区人民代表大会和常委会会议。", "总分", "评价等级：良"}) {
    EXPECT_TRUE(has(md, want)) << want << "\n" << md;
  }
}

}  // namespace
}  // namespace jixiao::report
