// store/congress_store_test.cpp — the people's-congress register on both backends (migration 009).
#include <gtest/gtest.h>

#include "store/backend_test.hpp"
#include "store/store.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::store {
namespace {

class CongressStoreTest : public BackendTest {};
JIXIAO_ON_BOTH_BACKENDS(CongressStoreTest);

model::Suggestion sample(const std::string& number, const std::string& title,
                         const std::string& lead_unit) {
  model::Suggestion s;
  s.number = number;
  s.title = title;
  s.text = "群众反映" + title + "，建议尽快解决。";
  s.lead_deputy = "D1";
  s.co_deputies = {"D2", "D3"};
  s.term = 17;
  s.session_no = 1;
  s.category = "交通";
  s.received = Date::from_ymd(2022, 1, 5);
  s.assigned = Date::from_ymd(2022, 1, 25);
  s.lead_unit = lead_unit;
  s.co_units = {"GA", "ZJ"};
  return s;
}

TEST_P(CongressStoreTest, KeepsSuggestionsWholeWithRepliesActionsAndHandlers) {
  auto store = open(url());
  ASSERT_TRUE(store) << store.error().to_string();
  CongressStore& c = (*store)->congress();

  auto s = sample("2022-001", "关于优化公交线路的建议", "JT");
  s.complex = true;
  s.reply = model::Reply{Date::from_ymd(2022, 4, 1), model::ReplyClass::b, "列入计划",
                         model::Feedback::unsatisfied, Date::from_ymd(2022, 4, 10)};
  s.second_reply = model::Reply{Date::from_ymd(2022, 5, 20), model::ReplyClass::a, "已解决",
                                model::Feedback::satisfied, Date::from_ymd(2022, 5, 30)};
  s.supervisor = "常委会副主任";
  s.actions = {{Date::from_ymd(2022, 3, 1), "调研", "公交站点"},
               {Date::from_ymd(2022, 3, 15), "座谈", ""}};
  ASSERT_TRUE(c.write_suggestions({s, sample("2021-007", "关于治理道路积水的建议", "SW")}));

  auto back = c.suggestion("2022-001");
  ASSERT_TRUE(back && *back);
  const model::Suggestion& g = **back;
  EXPECT_EQ(g.title, s.title);
  EXPECT_EQ(g.co_deputies, (std::vector<std::string>{"D2", "D3"}));
  EXPECT_EQ(g.co_units, (std::vector<std::string>{"GA", "ZJ"}));
  EXPECT_TRUE(g.complex);
  ASSERT_TRUE(g.reply && g.second_reply);
  EXPECT_EQ(g.reply->feedback, model::Feedback::unsatisfied);
  EXPECT_EQ(g.reply->feedback_date->to_string(), "2022-04-10");
  EXPECT_EQ(g.second_reply->reply_class, model::ReplyClass::a);
  ASSERT_EQ(g.actions.size(), 2u);
  EXPECT_EQ(g.actions[0].note, "公交站点");
  EXPECT_EQ(g.actions[1].kind, "座谈");

  // Year of 交办; a co-handler sees the suggestion as well as the lead unit.
  EXPECT_EQ(c.suggestions({.year = 2022})->size(), 2u);  // the 2021 number was assigned in 2022 too
  EXPECT_EQ(c.suggestions({.year = 2022, .unit_code = "GA"})->size(), 2u);
  EXPECT_EQ(c.suggestions({.year = 2022, .unit_code = "JT"})->size(), 1u);
  EXPECT_TRUE(c.suggestions({.year = 2022, .unit_code = "NOPE"})->empty());
  EXPECT_FALSE(c.suggestion("nope").value());

  // Replacing a suggestion replaces its handlers and its search entry.
  auto moved = sample("2022-001", "关于增加停车泊位的建议", "CG");
  moved.co_units = {};
  ASSERT_TRUE(c.write_suggestions({moved}));
  EXPECT_TRUE(c.suggestions({.unit_code = "JT"})->empty());
  EXPECT_EQ(c.suggestions({.unit_code = "CG"})->size(), 1u);
  EXPECT_TRUE(c.search("公交线路", 10)->empty());
  auto hits = c.search("停车泊位", 10);
  ASSERT_TRUE(hits) << hits.error().to_string();
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].number, "2022-001");
  EXPECT_NE((*hits)[0].snippet.find("【停车泊位】"), std::string::npos) << (*hits)[0].snippet;
  // Two characters are below SQLite's trigram: they scan, and still find (PostgreSQL always scans).
  EXPECT_EQ(c.search("积水", 10)->size(), 1u);
  EXPECT_FALSE(c.search("  ", 10));
}

TEST_P(CongressStoreTest, ActivitiesAndRecordsAreKeyedSoReimportDoesNotDouble) {
  auto store = open(url());
  ASSERT_TRUE(store);
  CongressStore& c = (*store)->congress();
  ASSERT_TRUE(
      c.write_deputies({{"D1", "王伟", model::DeputyLevel::district, "太和", "太和联络站", 17}}));
  ASSERT_TRUE(
      c.write_deputies({{"D1", "王伟", model::DeputyLevel::city, "太和", "太和联络站", 17}}));
  ASSERT_EQ(c.deputies()->size(), 1u);
  EXPECT_EQ(c.deputies()->front().level, model::DeputyLevel::city);

  std::vector<model::DeputyActivity> acts = {
      {"D1", Date::from_ymd(2022, 3, 1), model::ActivityKind::station_reception, 12, "接待"},
      {"D1", Date::from_ymd(2023, 1, 2), model::ActivityKind::training, 0, "培训"}};
  ASSERT_TRUE(c.write_activities(acts));
  acts[0].people = 13;
  ASSERT_TRUE(c.write_activities(acts));
  auto a2022 = c.activities(2022);
  ASSERT_EQ(a2022->size(), 1u);
  EXPECT_EQ(a2022->front().people, 13);
  EXPECT_TRUE(c.activities(2022, "D9")->empty());

  std::vector<model::WorkRecord> recs = {
      {0, Date::from_ymd(2022, 2, 24), model::RecordKind::standing_meeting, "第一次会议", 1, ""},
      {0, Date::from_ymd(2022, 12, 31), model::RecordKind::appointment, "任免", 3, ""},
      {0, Date::from_ymd(2023, 1, 1), model::RecordKind::standing_meeting, "次年", 1, ""}};
  ASSERT_TRUE(c.write_records(recs));
  ASSERT_TRUE(c.write_records(recs));
  auto r = c.records(2022);
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[1].count, 3);
}

}  // namespace
}  // namespace jixiao::store
