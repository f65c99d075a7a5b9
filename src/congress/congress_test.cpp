// congress/congress_test.cpp — deadlines, states, figures, points, imports, computed actuals,
// handling units' authorisation and similar-suggestion retrieval, on a real SQLite file.
#include "congress/congress.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "indicators/exchange.hpp"
#include "indicators/goals.hpp"
#include "store/store.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::congress {
namespace {

using model::Feedback;
using model::ReplyClass;

Date d(int y, int m, int day) { return Date::from_ymd(y, m, day); }

model::Suggestion assigned_on(const std::string& number, Date assigned, bool complex = false) {
  model::Suggestion s;
  s.number = number;
  s.title = "建议" + number;
  s.lead_deputy = "D1";
  s.received = assigned.add_days(-20);
  s.assigned = assigned;
  s.complex = complex;
  s.lead_unit = "JT";
  return s;
}

model::Reply reply_on(Date date, ReplyClass c, std::optional<Feedback> f = std::nullopt,
                      std::optional<Date> fd = std::nullopt) {
  return {date, c, "", f, fd};
}

TEST(Deadlines, MonthsAreCalendarMonthsClampedToTheMonthsEnd) {
  struct Case {
    Date from;
    int months;
    const char* want;
  } cases[] = {
      {d(2022, 1, 25), 3, "2022-04-25"},
      {d(2022, 11, 30), 3, "2023-02-28"},  // across the year end, clamped
      {d(2023, 11, 30), 3, "2024-02-29"},  // a leap February
      {d(2022, 8, 31), 6, "2023-02-28"},
      {d(2022, 12, 20), 3, "2023-03-20"},
      {d(2022, 1, 31), 1, "2022-02-28"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(add_months(c.from, c.months).to_string(), c.want) << c.from.to_string();
}

TEST(Deadlines, ReplyWithinThreeMonthsOrSixWhenComplexAndSecondHandlingFromTheComplaint) {
  DeadlineRules rules;
  auto s = assigned_on("1", d(2022, 12, 20));
  EXPECT_EQ(reply_deadline(s, rules)->to_string(), "2023-03-20");
  s.complex = true;
  EXPECT_EQ(reply_deadline(s, rules)->to_string(), "2023-06-20");
  s.complex = false;
  s.reply = reply_on(d(2023, 3, 20), ReplyClass::b);  // on the deadline day: on time
  EXPECT_TRUE(answered_on_time(s, rules));
  s.reply->date = d(2023, 3, 21);
  EXPECT_FALSE(answered_on_time(s, rules));
  EXPECT_FALSE(second_deadline(s, rules));  // no 不满意, no second handling
  s.reply->feedback = Feedback::unsatisfied;
  s.reply->feedback_date = d(2023, 11, 30);
  EXPECT_EQ(second_deadline(s, rules)->to_string(), "2024-02-29");
  rules.second_reply_months = 1;
  EXPECT_EQ(second_deadline(s, rules)->to_string(), "2023-12-30");
  model::Suggestion unassigned = s;
  unassigned.assigned.reset();
  EXPECT_FALSE(reply_deadline(unassigned, rules));
}

TEST(Deadlines, RulesFileChangesTheMonthsAndNamesBadCells) {
  testkit::TempDir dir;
  auto good =
      dir.write("rules.csv",
                "规则,值,依据\nreply_months,2,本地办法第八条\ndue_soon_days,10,本地办法第八条\n");
  auto rules = load_deadline_rules(good.string());
  ASSERT_TRUE(rules) << rules.error().to_string();
  EXPECT_EQ(rules->reply_months, 2);
  EXPECT_EQ(rules->complex_reply_months, 6);  // left out: the default
  EXPECT_EQ(rules->due_soon_days, 10);
  EXPECT_EQ(rules->source, "本地办法第八条");
  auto bad = dir.write("bad.csv", "规则,值\nreply_months,三\nweeks,2\n");
  auto e = load_deadline_rules(bad.string());
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().to_string(),
            "办理期限规则有误: " + bad.string() + "\n  " + bad.string() +
                ":2:值: 不是正整数: \"三\"\n  " + bad.string() +
                ":3:规则: 未知的规则: \"weeks\"（应为 reply_months、complex_reply_months、"
                "second_reply_months 或 due_soon_days）");
  auto no_value = dir.write("short.csv", "规则,依据\nreply_months,本地办法\n");
  auto refused = load_deadline_rules(no_value.string());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().to_string(), no_value.string() + ": 表头无法识别，未导入任何数据\n  " +
                                             no_value.string() + ":1: 缺少必需的列: 值 (value)");
}

TEST(Status, WarnsDueSoonOverdueAndUnsatisfiedSortedByLateness) {
  DeadlineRules rules;
  std::vector<model::Suggestion> all;
  all.push_back(
      assigned_on("A-due-soon", d(2022, 10, 10)));  // deadline 2023-01-10, 9 days left on 01-01
  all.push_back(assigned_on("B-overdue", d(2022, 9, 20)));      // deadline 2022-12-20: 12 days late
  all.push_back(assigned_on("C-overdue-more", d(2022, 9, 1)));  // deadline 2022-12-01: 31 days late
  all.push_back(assigned_on("D-in-progress", d(2022, 12, 20)));
  auto closed = assigned_on("E-closed", d(2022, 6, 1));
  closed.reply = reply_on(d(2022, 8, 1), ReplyClass::a, Feedback::satisfied, d(2022, 8, 5));
  all.push_back(closed);
  auto unhappy = assigned_on("F-second", d(2022, 6, 1));
  unhappy.reply = reply_on(d(2022, 8, 1), ReplyClass::c, Feedback::unsatisfied, d(2022, 12, 1));
  all.push_back(unhappy);
  auto late_second = unhappy;
  late_second.number = "G-second-late";
  late_second.reply->feedback_date = d(2022, 9, 1);  // second deadline 2022-12-01
  all.push_back(late_second);
  auto waiting = assigned_on("H-waiting", d(2022, 6, 1));
  waiting.reply = reply_on(d(2022, 8, 1), ReplyClass::b);
  all.push_back(waiting);
  model::Suggestion fresh = assigned_on("I-new", d(2022, 12, 1));
  fresh.assigned.reset();
  fresh.lead_unit.clear();
  all.push_back(fresh);

  auto st = status(all, rules, d(2023, 1, 1));
  ASSERT_EQ(st.size(), all.size());
  std::vector<std::pair<std::string, SuggestionState>> got;
  for (const auto& s : st) got.emplace_back(s.number, s.state);
  std::vector<std::pair<std::string, SuggestionState>> want = {
      {"C-overdue-more", SuggestionState::overdue},
      {"G-second-late", SuggestionState::second_overdue},
      {"B-overdue", SuggestionState::overdue},
      {"A-due-soon", SuggestionState::due_soon},
      {"F-second", SuggestionState::second_pending},
      {"D-in-progress", SuggestionState::in_progress},
      {"E-closed", SuggestionState::closed},
      {"H-waiting", SuggestionState::awaiting_feedback},
      {"I-new", SuggestionState::unassigned},
  };
  EXPECT_EQ(got, want);
  EXPECT_EQ(st[0].explanation, "交办 2022-09-01，三个月内答复，期限 2022-12-01，已逾期 31 天");
  EXPECT_EQ(st[0].days_late, 31);
  EXPECT_EQ(st[3].explanation, "交办 2022-10-10，三个月内答复，期限 2023-01-10，还有 9 天");
  EXPECT_EQ(st[4].explanation,
            "2022-12-01 代表不满意，二次办理三个月内答复，期限 2023-03-01，还有 59 天");
  // After the second reply and a 基本满意, it is closed.
  unhappy.second_reply =
      reply_on(d(2023, 1, 20), ReplyClass::b, Feedback::basically_satisfied, d(2023, 1, 25));
  auto after = status({unhappy}, rules, d(2023, 2, 1));
  EXPECT_EQ(after[0].state, SuggestionState::closed);
  EXPECT_EQ(after[0].explanation, "二次办理2023-01-20 答复（B类），代表基本满意");
}

TEST(Figures, CountTheYearsAssignmentsWithTheStandingReplyAndFeedback) {
  DeadlineRules rules;
  std::vector<model::Suggestion> all;
  auto a = assigned_on("1", d(2022, 1, 25));
  a.reply = reply_on(d(2022, 3, 1), ReplyClass::a, Feedback::satisfied, d(2022, 3, 5));
  a.supervisor = "主任";
  a.term = 17;
  a.session_no = 2;
  all.push_back(a);
  auto b = assigned_on("2", d(2022, 1, 25));
  b.term = 17;
  b.session_no = 1;
  b.reply =
      reply_on(d(2022, 6, 1), ReplyClass::b, Feedback::basically_satisfied, d(2022, 6, 5));  // late
  all.push_back(b);
  auto c = assigned_on("3", d(2022, 7, 1));
  c.period = model::SessionPeriod::recess;
  c.reply = reply_on(d(2022, 8, 1), ReplyClass::c, Feedback::unsatisfied, d(2022, 8, 5));
  c.second_reply = reply_on(d(2022, 9, 1), ReplyClass::b, Feedback::satisfied,
                            d(2022, 9, 5));  // C → B after 二次办理
  all.push_back(c);
  auto e = assigned_on("4", d(2022, 12, 20));
  e.reply =
      reply_on(d(2023, 1, 10), ReplyClass::c);  // answered across the year end, no feedback yet
  all.push_back(e);
  all.push_back(assigned_on("5", d(2021, 3, 1)));  // another year: not counted

  auto f = suggestion_figures(all, 2022, rules);
  EXPECT_EQ(f.total, 4);
  EXPECT_EQ(f.session, 3);
  EXPECT_EQ(f.recess, 1);
  EXPECT_EQ(f.answered, 4);
  EXPECT_EQ(f.answered_on_time, 3);
  EXPECT_EQ(f.ab, 3);
  EXPECT_EQ(f.with_feedback, 3);
  EXPECT_EQ(f.satisfied, 3);
  EXPECT_EQ(f.key_supervised, 1);
  EXPECT_EQ(f.sessions, (std::vector<std::pair<int, int>>{{17, 1}, {17, 2}}));  // 会议期间 only
  EXPECT_EQ(f.answered_on_time_rate().percent(1), "75.0");
  EXPECT_EQ(f.satisfied_rate().percent(1), "100.0");

  Figures year;
  year.year = 2022;
  year.suggestions = f;  // 3 / 4 = 75 %
  SuggestionFigures before;
  before.total = 3;
  before.ab = 2;  // 66.67 %
  year.previous = before;
  for (auto k : model::all_record_kinds()) year.records[k] = 0;
  year.records[model::RecordKind::government_report] = 15;
  year.records[model::RecordKind::other_report] = 16;
  EXPECT_EQ(year.ab_share_change().percent(1), "8.3");
  EXPECT_EQ(year.reports_total(), 31);
  auto j = nlohmann::json::parse(figures_json(year));
  EXPECT_EQ(j["suggestions"]["total"], 4);
  EXPECT_EQ(j["suggestions"]["answered_on_time_pct"], "75.0");
  EXPECT_EQ(j["suggestions"]["ab_share_pct"], "75.0");
  EXPECT_EQ(j["suggestions"]["ab_share_change_pp"], "8.3");
  EXPECT_EQ(j["suggestions"]["satisfied_pct"], "100.0");
  EXPECT_EQ(j["records"]["government_report"], 15);
  EXPECT_EQ(j["records"]["reports_total"], 31);
  EXPECT_EQ(suggestions_sentence(year),
            "十七届人大一、二次会议期间交办代表建议3件，闭会期间交办代表建议1件，代表对办理答复表示"
            "满意和基本满意的达100%，"
            "其中已经解决以及已列入年度计划逐步解决的代表建议比例较2021年提高8."
            "3个百分点。常委会领导牵头重点督办1件代表建议。");
  // The sessions named as the office writes them (grouped by 届), a whole change without decimals.
  year.level = "区";
  year.suggestions.sessions = {{16, 6}, {17, 1}, {17, 2}};
  year.previous->total = 25;
  year.previous->ab = 18;  // 72 % → 75 %: 3 points
  EXPECT_EQ(suggestions_sentence(year),
            "区十六届人大六次、十七届人大一、二次会议期间交办代表建议3件，闭会期间交办代表建议1件，"
            "代表对办理答复表示满意和基本满意的达100%"
            "，其中已经解决以及已列入年度计划逐步解决的代表建议比例较2021年"
            "提高3个百分点。常委会领导牵头重点督办1件代表建议。");
  year.previous.reset();
  EXPECT_TRUE(
      nlohmann::json::parse(figures_json(year))["suggestions"]["ab_share_change_pp"].is_null());
}

TEST(DutyPoints, EveryLineExplainedWithCapsAndDeductions) {
  testkit::TempDir dir;
  auto file = dir.write("points.csv",
                        "项目,名称,每次分值,年度上限,说明,依据\n"
                        "inspection,调研视察,2,8,,本地办法\n"
                        "station_reception,联络站接待,1.5,,,本地办法\n"
                        "suggestion_lead,领衔建议,3,,,本地办法\n"
                        "suggestion_cosign,附议建议,1,2,,本地办法\n"
                        "无故缺席,,-5,5,,本地办法\n");
  auto rules = load_points_rules(file.string());
  ASSERT_TRUE(rules) << rules.error().to_string();
  EXPECT_EQ(rules->source, "本地办法");
  std::vector<model::Deputy> deputies = {
      {"D1", "王伟", model::DeputyLevel::district, "太和", "", 17},
      {"D2", "李芳", model::DeputyLevel::district, "太和", "", 17},
      {"D3", "张敏", model::DeputyLevel::district, "人和", "", 17}};
  std::vector<model::DeputyActivity> acts;
  for (int i = 0; i < 5; ++i)
    acts.push_back({"D1", d(2022, 3, 1 + i), model::ActivityKind::inspection, 0, "视察"});
  acts.push_back({"D1", d(2022, 4, 1), model::ActivityKind::station_reception, 12, "接待"});
  acts.push_back({"D1", d(2022, 5, 1), model::ActivityKind::unexcused_absence, 0, "缺席"});
  acts.push_back({"D1", d(2022, 6, 1), model::ActivityKind::unexcused_absence, 0, "缺席"});
  acts.push_back(
      {"D1", d(2021, 6, 1), model::ActivityKind::inspection, 0, "去年"});  // another year
  acts.push_back({"D2", d(2022, 4, 2), model::ActivityKind::station_reception, 3, "接待"});
  std::vector<model::Suggestion> sugg;
  auto s = assigned_on("S1", d(2022, 2, 1));
  s.lead_deputy = "D2";
  s.co_deputies = {"D1"};
  sugg.push_back(s);
  for (const char* n : {"S2", "S3", "S4"}) {
    auto t = assigned_on(n, d(2022, 2, 1));
    t.lead_deputy = "D3";
    t.co_deputies = {"D1"};
    sugg.push_back(t);
  }
  auto records = assess(deputies, acts, sugg, 2022, *rules);
  ASSERT_EQ(records.size(), 3u);
  // 人和 before 太和; within 太和, D1 (8 + 1.5 + 2 − 5 = 6.5) before D2 (1.5 + 3 = 4.5).
  EXPECT_EQ(records[0].deputy.code, "D3");
  EXPECT_EQ(records[1].deputy.code, "D1");
  EXPECT_EQ(records[2].deputy.code, "D2");
  const DutyRecord& r = records[1];
  EXPECT_EQ(r.total.to_string(), "6.5");
  EXPECT_EQ(r.rank_in_delegation, 1);
  EXPECT_EQ(records[2].rank_in_delegation, 2);
  EXPECT_EQ(r.people_received, 12);
  std::vector<std::string> lines;
  for (const auto& l : r.lines) lines.push_back(l.explanation);
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "调研视察 5 次 × 2 分 = 10 分，超过年度上限 8 分，计 8 分",
                       "联络站接待 1 次 × 1.5 分 = 1.5 分",
                       "附议建议 4 件 × 1 分 = 4 分，超过年度上限 2 分，计 2 分",
                       "无故缺席 2 次 × -5 分 = -10 分，扣分以 5 分为限，计 −5 分",
                   }));
  EXPECT_EQ(r.suggestions_cosigned.size(), 4u);  // S1 by D2, S2–S4 by D3
  EXPECT_EQ(records[0].total.to_string(), "9");

  auto bad = dir.write(
      "bad.csv",
      "项目,每次分值,年度上限\nflying,2,\ninspection,两分,\ninspection,1,\ntraining,1,-3\n");
  auto e = load_points_rules(bad.string());
  ASSERT_FALSE(e);
  std::string f = bad.string();
  EXPECT_EQ(e.error().to_string(), "履职积分规则有误: " + f + "\n  " + f +
                                       ":2:项目: 未知的履职项目: \"flying\"\n  " + f +
                                       ":3:每次分值: 不是数值: \"两分\"\n  " + f +
                                       ":4:项目: 履职项目重复: \"inspection\"\n  " + f +
                                       ":5:年度上限: 年度上限应为非负数值: \"-3\"");
}

// A store with the handling units, deputies and the people's-congress indicator library.
struct CongressStoreTest : testing::Test {
  testkit::TempDir dir;
  std::unique_ptr<store::Store> store;

  void SetUp() override {
    auto s = store::open("sqlite:" + dir.file("c.db").string());
    ASSERT_TRUE(s) << s.error().to_string();
    store = std::move(*s);
    model::ImportBatch units;
    units.kind = model::ImportKind::budget;
    units.source_name = "units";
    units.content_hash = "units";
    units.units = {{"RD", "人大办", ""},
                   {"JT", "交通运输局", ""},
                   {"GA", "公安分局", ""},
                   {"SW", "水务局", ""}};
    ASSERT_TRUE(store->ledger().write_import(units));
    auto deputies = dir.write("deputies.csv",
                              "代表编号,姓名,层级,代表团,联络站,届次\nD1,王伟,区,太和,太和站,"
                              "17\nD2,李芳,区人大代表,人和,人和站,17\n");
    auto n = import_deputies(*store, deputies.string());
    ASSERT_TRUE(n) << n.error().to_string();
  }
};

constexpr const char* k_header =
    "建议编号,标题,内容,领衔代表,附议代表,提出时段,登记日期,交办日期,复杂建议,主办单位,会办单位,"
    "答复日期,答复分类,反馈意见,"
    "反馈日期,二次答复日期,二次答复分类,二次反馈意见,二次反馈日期,督办领导,督办活动\n";

TEST_F(CongressStoreTest, ImportIsAllOrNothingAndNamesEveryBadCell) {
  std::string rows =
      std::string(k_header) +
      "S1,关于优化公交线路的建议,公交,D1,D2,会议期间,2022-01-05,2022-01-25,否,JT,GA,2022-03-01,A,"
      "满意,2022-03-05,,,,,,\n"
      "S2,关于道路积水的建议,,D9,,休会期间,2022-01-05,2022-01-02,否,XX,,2022-03-01,D,,,,,,,,\n"
      "S3,关于停车的建议,,D1,,闭会期间,2022-05-05,2022-05-25,也许,JT,,2022-06-01,B,满意,2022-06-05,"
      "2022-07-01,A,,,,\n"
      "S1,重复,,D1,,会议期间,2022-01-05,,,,,,,,,,,,,,2022-03-01 调研\n";
  auto file = dir.write("s.csv", rows);
  auto n = import_suggestions(*store, file.string());
  ASSERT_FALSE(n);
  std::string f = file.string();
  EXPECT_EQ(n.error().to_string(),
            "代表建议有误，未导入: " + f + "\n  " +                                   //
                f + ":3:领衔代表: 代表名册中没有代表: D9\n  " +                       //
                f + ":3:提出时段: 应为会议期间或闭会期间: \"休会期间\"\n  " +         //
                f + ":3:主办单位: 没有这个单位: XX\n  " +                             //
                f + ":3:交办日期: 交办日期 2022-01-02 早于登记日期 2022-01-05\n  " +  //
                f + ":3:答复分类: 应为A、B 或 C: \"D\"\n  " +                         //
                f + ":3:答复分类: 已答复的建议必须填写答复分类（A、B 或 C）\n  " +    //
                f + ":4:复杂建议: 应为 是 或 否: \"也许\"\n  " +                      //
                f + ":4:二次答复日期: 只有代表对首次答复不满意时才有二次办理\n  " +   //
                f + ":5:建议编号: 建议编号重复: S1\n  " +                             //
                f + ":5:督办领导: 有督办活动时必须填写督办领导");
  EXPECT_TRUE(store->congress().suggestions({})->empty());  // nothing written

  auto good =
      dir.write("good.csv",
                std::string(k_header) +
                    "S1,关于优化公交线路的建议,公交,D1,D2,会议期间,2022-01-05,2022-01-25,否,JT,GA,"
                    "2022-03-01,A,满意,2022-03-05,,,,,常委会副主任,2022-02-10 调研 "
                    "公交站点；2022-02-20 座谈\n");
  ASSERT_EQ(import_suggestions(*store, good.string()).value(), 1);
  auto s = store->congress().suggestion("S1").value();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->actions.size(), 2u);
  EXPECT_EQ(s->actions[0].note, "公交站点");
  EXPECT_EQ(s->co_units, std::vector<std::string>{"GA"});

  // Export and import again: the same suggestion.
  auto out = dir.file("export.csv");
  ASSERT_EQ(export_suggestions(*store, 2022, out.string()).value(), 1);
  ASSERT_EQ(import_suggestions(*store, out.string()).value(), 1);
  auto again = store->congress().suggestion("S1").value();
  EXPECT_EQ(again->reply->feedback, Feedback::satisfied);
  EXPECT_EQ(again->actions.size(), 2u);
  auto xlsx = dir.file("export.xlsx");
  ASSERT_EQ(export_suggestions(*store, 0, xlsx.string()).value(), 1);
  ASSERT_EQ(import_suggestions(*store, xlsx.string()).value(), 1);
}

// An office's file maps by the ledger's header rules (ingest::map_columns): a required marker and
// spaces do not matter, extra columns are ignored, a missing required one is named at the header.
TEST_F(CongressStoreTest, HeadersMapByTheOneRuleAndAMissingColumnIsNamed) {
  auto marked = dir.write("d.csv", "*代表编号,* 姓名,层级,所属街道\nD3,赵强,区,太和\n");
  auto n = import_deputies(*store, marked.string());
  ASSERT_TRUE(n) << n.error().to_string();
  EXPECT_EQ(*n, 1);
  auto missing = dir.write("m.csv", "代表编号,姓名\nD4,钱进\n");
  auto refused = import_deputies(*store, missing.string());
  ASSERT_FALSE(refused);
  const std::string f = missing.string();
  EXPECT_EQ(refused.error().to_string(),
            f + ": 表头无法识别，未导入任何数据\n  " + f + ":1: 缺少必需的列: 层级 (level)");
  EXPECT_EQ(store->congress().deputies()->size(), 3u);
}

TEST_F(CongressStoreTest, HandlingFollowsTheStepsAndOnlyTheLeadUnitAnswers) {
  auto file =
      dir.write("s.csv", std::string(k_header) +
                             "S1,关于优化公交线路的建议,,D1,,会议期间,2022-11-25,,,,,,,,,,,,,,\n");
  ASSERT_TRUE(import_suggestions(*store, file.string()));
  model::Reply r{d(2023, 1, 10), ReplyClass::c, "留作参考", std::nullopt, std::nullopt};
  EXPECT_EQ(reply(*store, "S1", r).error().code(), ErrorCode::conflict);  // not assigned yet
  EXPECT_EQ(assign(*store, "S1", {"ZZ", {}, d(2022, 11, 30), false}).error().message(),
            "没有这个单位: ZZ");
  EXPECT_EQ(assign(*store, "S1", {"JT", {}, d(2022, 11, 1), false}).error().message(),
            "交办日期 2022-11-01 早于登记日期 2022-11-25");
  ASSERT_TRUE(assign(*store, "S1", {"JT", {"GA"}, d(2022, 11, 30), false}));

  // The co-handler sees it but may not answer; the lead unit answers.
  EXPECT_EQ(store->congress().suggestions({.unit_code = "GA"})->size(), 1u);
  auto refused = reply(*store, "S1", r, "GA");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::permission);
  EXPECT_EQ(refused.error().message(), "单位 GA 不是建议 S1 的主办单位，不能答复");
  ASSERT_TRUE(reply(*store, "S1", r, "JT"));
  EXPECT_EQ(reply(*store, "S1", r, "JT").error().code(),
            ErrorCode::conflict);  // answered, no 不满意

  // 不满意 → 二次办理 (its own deadline) → 基本满意.
  EXPECT_EQ(record_feedback(*store, "S1", Feedback::unsatisfied, d(2023, 1, 5)).error().message(),
            "反馈日期 2023-01-05 早于答复日期 2023-01-10");
  ASSERT_TRUE(record_feedback(*store, "S1", Feedback::unsatisfied, d(2023, 1, 20)));
  auto s = store->congress().suggestion("S1").value();
  EXPECT_EQ(second_deadline(*s, {})->to_string(), "2023-04-20");
  EXPECT_EQ(status({*s}, {}, d(2023, 2, 1))[0].state, SuggestionState::second_pending);
  model::Reply again{d(2023, 3, 1), ReplyClass::b, "列入计划", std::nullopt, std::nullopt};
  auto second = reply(*store, "S1", again, "JT");
  ASSERT_TRUE(second) << second.error().to_string();
  ASSERT_TRUE(second->second_reply);
  ASSERT_TRUE(record_feedback(*store, "S1", Feedback::basically_satisfied, d(2023, 3, 5)));
  auto f = suggestion_figures(*store->congress().suggestions({}), 2022, {});
  EXPECT_EQ(f.ab, 1);                // the standing reply is the second one, B
  EXPECT_EQ(f.satisfied, 1);         // and its feedback counts
  EXPECT_EQ(f.answered_on_time, 1);  // first reply 2023-01-10 ≤ 2023-02-28
  ASSERT_TRUE(supervise(*store, "S1", "常委会副主任",
                        model::SupervisionAction{d(2023, 2, 1), "调研", "站点"}));
  EXPECT_EQ(store->congress().suggestion("S1").value()->supervisor, "常委会副主任");
}

TEST_F(CongressStoreTest, MeetingIndicatorsAreComputedFromTheRecordsWithEvidence) {
  auto records = dir.write("records.csv",
                           "日期,类别,名称,数量,佐证\n"
                           "2022-02-24,常委会会议,第一次会议,1,纪要\n"
                           "2022-04-26,常委会会议,第二次会议,1,纪要\n"
                           "2022-04-26,任免,4月任免,3,名单\n"
                           "2022-06-28,一府一委两院工作报告,区政府工作报告,1,\n"
                           "2022-06-28,其他报告,国资报告,1,\n");
  ASSERT_EQ(import_records(*store, records.string()).value(), 5);
  auto bad = dir.write("bad.csv", "日期,类别,名称,数量\n2022-13-01,开会,,0\n");
  auto e = import_records(*store, bad.string());
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().causes().size(), 4u);
  EXPECT_EQ(e.error().causes()[1].to_string(),
            bad.string() +
                ":2:类别: "
                "应为人民代表大会会议、常委会会议、主任会议、一府一委两院工作报告、计划预算执行和审"
                "计工作报告、"
                "执法检查报告、其他报告、执法检查、专题询问、满意度测评、重大事项、决定决议、任免、"
                "代表参与常委会工作、"
                "接待群众、调研视察、座谈会: \"开会\"");

  // The library's RD002 and RD012, and one goal the records do not give.
  auto lib = indicators::import_library(
      *store, (testkit::source_dir() / "data/indicators/people_congress.csv").string(),
      {d(2020, 1, 1), "test", "test"});
  ASSERT_TRUE(lib) << lib.error().to_string();
  for (const char* code : {"RD002", "RD012", "RD013", "RD029"}) {
    indicators::GoalEdit g;
    g.indicator_code = code;
    g.target = model::Measure::from_int(1);
    ASSERT_TRUE(indicators::set_goal(*store, "RD", 2022, g, d(2022, 1, 1)));
  }
  CongressActualSource source(*store);
  indicators::ActualSource* sources[] = {&source};
  auto n = indicators::refresh_computed_actuals(*store, "RD", 2022, sources);
  ASSERT_TRUE(n) << n.error().to_string();
  EXPECT_EQ(*n, 3);
  auto sets = indicators::load_goals(*store, "RD", 2022).value();
  std::map<std::string, model::GoalIndicator> by_code;
  for (const auto& g : sets[0].indicators) by_code[g.indicator_code] = g;
  const auto& meetings = *by_code["RD002"].actual;
  EXPECT_EQ(meetings.provider, model::ActualProvider::computed);
  EXPECT_EQ(meetings.value->to_string(), "2");
  EXPECT_EQ(meetings.source,
            "人大工作记录 2 条，合计 2 次: 2022-02-24 第一次会议；2022-04-26 第二次会议");
  EXPECT_EQ(by_code["RD012"].actual->source,
            "人大工作记录 1 条，合计 3 人次: 2022-04-26 4月任免（3人次）");
  EXPECT_EQ(by_code["RD013"].actual->value->to_string(), "2");
  EXPECT_FALSE(by_code["RD029"].actual);  // a questionnaire, not a record: left to people

  // An entered actual is kept: the records never overwrite what a person typed.
  indicators::GoalEdit typed;
  typed.indicator_code = "RD002";
  typed.actual = model::Actual{model::Measure::from_int(9),
                               std::nullopt,
                               "9",
                               model::ActualProvider::entered,
                               "人工",
                               "",
                               "cli"};
  ASSERT_TRUE(indicators::set_goal(*store, "RD", 2022, typed, d(2022, 1, 1)));
  CongressActualSource again(*store);
  indicators::ActualSource* again_sources[] = {&again};
  ASSERT_TRUE(indicators::refresh_computed_actuals(*store, "RD", 2022, again_sources));
  // Held in a local: a range-for over a member of a temporary reads freed memory (ASan).
  const auto goals = indicators::load_goals(*store, "RD", 2022).value();
  for (const auto& g : goals[0].indicators) {
    if (g.indicator_code == "RD002") {
      EXPECT_EQ(g.actual->value->to_string(), "9");
    }
  }
}

model::Suggestion history_item(const std::string& number, const std::string& title,
                               const std::string& text, const std::string& unit) {
  auto s = assigned_on(number, d(2021, 2, 5));
  s.title = title;
  s.text = text;
  s.lead_unit = unit;
  return s;
}

TEST(Similar, FindsTheEarlierSuggestionsAndProposesTheirLeadUnit) {
  std::vector<model::Suggestion> history = {
      history_item("H1", "关于增开公交线路的建议",
                   "太和镇公交线路少、发车间隔长，建议增开公交线路，优化公交站点设置。", "JT"),
      history_item("H2", "关于优化公交站点设置的建议",
                   "人和镇群众出行不便，公交站点远，建议优化公交站点设置。", "JT"),
      history_item("H3", "关于治理暴雨内涝积水的建议",
                   "暴雨后道路积水严重，排水管网老化，建议整治易涝积水点。", "SW"),
      history_item("H4", "关于加强电信网络诈骗防范的建议",
                   "电信网络诈骗案件高发，老年人受骗较多，建议加大反诈宣传力度。", "GA"),
      history_item("H5", "关于整治河涌黑臭的建议",
                   "河涌黑臭反弹，河涌两岸垃圾多，建议持续开展河涌综合整治。", "SW"),
  };
  auto top =
      similar("关于江高镇增开公交线路的建议。江高镇公交发车间隔长，群众出行不便。", history, 3);
  ASSERT_GE(top.size(), 2u);
  EXPECT_EQ(top[0].number, "H1");
  EXPECT_EQ(top[1].number, "H2");
  EXPECT_GT(top[0].similarity, top[1].similarity);
  EXPECT_LE(top[0].similarity, 1.0);
  auto p = propose_handlers("关于解决道路积水问题的建议。下雨后道路积水，排水不畅。", history, 3);
  EXPECT_EQ(p.lead_unit, "SW");
  EXPECT_GT(p.confidence, 0.5);
  EXPECT_EQ(p.neighbours.front().number, "H3");
  // Nothing alike: no proposal rather than a guess.
  EXPECT_TRUE(propose_handlers("关于举办马拉松赛事的建议", history, 3).lead_unit.empty());

  std::vector<model::Suggestion> held = {
      history_item("N1", "关于增开公交线路的建议", "钟落潭镇公交线路少。", "JT"),
      history_item("N2", "关于防范电信诈骗的建议", "电信网络诈骗多发。", "GA"),
      history_item("N3", "关于河涌整治的建议", "河涌黑臭。",
                   "HB"),  // handled by another unit than history suggests
  };
  auto acc = measure_proposals(history, held, 3);
  EXPECT_EQ(acc.tested, 3);
  EXPECT_EQ(acc.correct, 2);
  EXPECT_EQ(acc.accuracy().percent(1), "66.7");
}

}  // namespace
}  // namespace jixiao::congress
