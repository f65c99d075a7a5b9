// server/congress_api_test.cpp — the people's-congress API over real HTTP: the office sees and
// assigns every suggestion; a handling unit sees only its own and answers only as lead unit.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "congress/congress.hpp"
#include "indicators/exchange.hpp"
#include "indicators/goals.hpp"
#include "server/auth.hpp"
#include "server/server.hpp"
#include "store/store.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::server {
namespace {

using Json = nlohmann::json;

class Session {
 public:
  Session(int port, const std::string& name) : m_http("127.0.0.1", port) {
    auto r =
        m_http.Post("/api/login", Json{{"name", name}, {"password", name + "-password"}}.dump(),
                    "application/json");
    EXPECT_TRUE(r && r->status == 200) << name;
    if (r && r->status == 200) {
      std::string cookie = r->get_header_value("Set-Cookie");
      m_headers.emplace("Cookie", cookie.substr(0, cookie.find(';')));
      m_headers.emplace("X-CSRF-Token", Json::parse(r->body)["csrf_token"].get<std::string>());
    }
  }
  httplib::Result get(const std::string& path) { return m_http.Get(path, m_headers); }
  httplib::Result post(const std::string& path, const Json& body) {
    return m_http.Post(path, m_headers, body.dump(), "application/json");
  }
  httplib::Result upload(const std::string& kind, const std::string& filename,
                         const std::string& content, bool dry) {
    httplib::MultipartFormDataItems items = {{"kind", kind, "", ""},
                                             {"dry_run", dry ? "1" : "0", "", ""},
                                             {"file", content, filename, "text/csv"}};
    return m_http.Post("/api/congress/imports", m_headers, items);
  }

 private:
  httplib::Client m_http;
  httplib::Headers m_headers;
};

std::vector<std::string> numbers(const httplib::Result& r) {
  std::vector<std::string> out;
  EXPECT_TRUE(r) << "no answer: " << httplib::to_string(r.error());
  if (!r) return out;
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_TRUE(Json::parse(r->body).contains("items")) << r->body;
  Json body = Json::parse(
      r->body);  // kept: a range-for over a temporary's member dangles (before C++23's P2718)
  for (const auto& i : body["items"]) out.push_back(i["number"]);
  return out;
}

class CongressApi : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string url = "sqlite:" + m_dir.file("api.db").string();
    auto store = store::open(url);
    ASSERT_TRUE(store) << store.error().to_string();
    auto& s = **store;
    auto batch = testkit::small_budget_batch();  // 2022 lines: the API's default year
    for (const char* u : {"OFF", "JT", "GA", "SW"}) batch.units.push_back({u, u, ""});
    ASSERT_TRUE(s.ledger().write_import(batch));
    // The office: its goals hold an indicator computed from the congress records.
    auto lib = indicators::import_library(
        s, (testkit::source_dir() / "data/indicators/people_congress.csv").string(),
        {Date::from_ymd(2020, 1, 1), "test", "test"});
    ASSERT_TRUE(lib) << lib.error().to_string();
    indicators::GoalEdit g;
    g.indicator_code = "RD002";
    g.target = model::Measure::from_int(6);
    ASSERT_TRUE(indicators::set_goal(s, "OFF", 2022, g, Date::from_ymd(2022, 1, 1)));
    auto deputies = m_dir.write("d.csv", "代表编号,姓名,层级\nD1,王伟,区\n");
    ASSERT_TRUE(congress::import_deputies(s, deputies.string()));
    auto sugg = m_dir.write("s.csv",
                            "建议编号,标题,领衔代表,提出时段,登记日期,交办日期,主办单位,会办单位\n"
                            "S1,关于优化公交线路的建议,D1,会议期间,2022-01-05,2022-01-25,JT,GA\n"
                            "S2,关于治理道路积水的建议,D1,会议期间,2022-01-05,2022-01-25,SW,\n"
                            "S3,关于增加停车泊位的建议,D1,闭会期间,2022-05-05,,,\n");
    auto n = congress::import_suggestions(s, sugg.string());
    ASSERT_TRUE(n) << n.error().to_string();
    auto add = [&](const std::string& name, store::Role role, std::vector<std::string> units) {
      auto hash = accounts::hash_password(name + "-password", PasswordCost::minimal);
      ASSERT_TRUE(hash);
      ASSERT_TRUE(s.users().add_user(
          {.name = name, .role = role, .unit_codes = std::move(units), .password_hash = *hash}));
    };
    add("office", store::Role::editor, {"OFF"});
    add("jt", store::Role::editor, {"JT"});
    add("ga", store::Role::editor, {"GA"});
    add("sw", store::Role::viewer, {"SW"});
    ServerOptions options{.db_url = url,
                          .port = 0,
                          .web_dir = m_dir.path().string(),
                          .threads = 2,
                          .password_cost = PasswordCost::minimal};
    auto srv = Server::create(options);
    ASSERT_TRUE(srv) << srv.error().to_string();
    m_server = std::move(*srv);
    ASSERT_TRUE(m_server->bind());
    m_thread = std::thread([this] { m_server->run(); });
  }
  void TearDown() override {
    if (m_server) m_server->stop();
    if (m_thread.joinable()) m_thread.join();
  }
  Session as(const std::string& name) { return Session(m_server->port(), name); }

  testkit::TempDir m_dir;
  std::unique_ptr<Server> m_server;
  std::thread m_thread;
};

TEST_F(CongressApi, HandlingUnitsSeeOnlyTheirOwnSuggestions) {
  EXPECT_EQ(numbers(as("office").get("/api/congress/suggestions")),
            (std::vector<std::string>{"S1", "S2", "S3"}));
  EXPECT_EQ(numbers(as("jt").get("/api/congress/suggestions")), std::vector<std::string>{"S1"});
  EXPECT_EQ(numbers(as("ga").get("/api/congress/suggestions")),
            std::vector<std::string>{"S1"});  // co-handler
  EXPECT_EQ(numbers(as("sw").get("/api/congress/suggestions")), std::vector<std::string>{"S2"});
  auto other = as("ga").get("/api/congress/suggestions/S2");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 403);
  EXPECT_EQ(as("jt").get("/api/congress/suggestions/S1")->status, 200);
  EXPECT_EQ(numbers(as("jt").get("/api/congress/search?q=" +
                                 httplib::detail::encode_query_param("道路积水")))
                .size(),
            0u);
  EXPECT_EQ(numbers(as("office").get("/api/congress/search?q=" +
                                     httplib::detail::encode_query_param("道路积水"))),
            std::vector<std::string>{"S2"});
  auto status = Json::parse(as("sw").get("/api/congress/status?as_of=2022-04-20")->body);
  ASSERT_EQ(status["items"].size(), 1u);
  EXPECT_EQ(status["items"][0]["state"], "即将到期");
}

TEST_F(CongressApi, OnlyTheLeadUnitAnswersAndOnlyTheOfficeAssigns) {
  Json r = {{"date", "2022-03-01"}, {"class", "A"}, {"text", "已解决"}};
  auto co = as("ga").post("/api/congress/suggestions/S1/reply", r);
  ASSERT_TRUE(co);
  EXPECT_EQ(co->status, 403) << co->body;
  EXPECT_EQ(as("sw").post("/api/congress/suggestions/S1/reply", r)->status,
            403);  // not even visible
  auto lead = as("jt").post("/api/congress/suggestions/S1/reply", r);
  ASSERT_TRUE(lead);
  ASSERT_EQ(lead->status, 200) << lead->body;
  EXPECT_EQ(Json::parse(lead->body)["reply"]["class"], "A");

  EXPECT_EQ(as("jt")
                .post("/api/congress/suggestions/S3/assign",
                      {{"lead_unit", "JT"}, {"date", "2022-05-20"}})
                ->status,
            403);
  auto assigned =
      as("office").post("/api/congress/suggestions/S3/assign",
                        {{"lead_unit", "JT"}, {"co_units", {"GA"}}, {"date", "2022-05-20"}});
  ASSERT_TRUE(assigned);
  ASSERT_EQ(assigned->status, 200) << assigned->body;
  EXPECT_EQ(Json::parse(assigned->body)["deadline"], "2022-08-20");
  EXPECT_EQ(numbers(as("jt").get("/api/congress/suggestions")),
            (std::vector<std::string>{"S1", "S3"}));

  EXPECT_EQ(as("jt")
                .post("/api/congress/suggestions/S1/feedback",
                      {{"feedback", "满意"}, {"date", "2022-03-05"}})
                ->status,
            403);
  auto fb = as("office").post("/api/congress/suggestions/S1/feedback",
                              {{"feedback", "满意"}, {"date", "2022-03-05"}});
  ASSERT_EQ(fb->status, 200) << fb->body;
  auto bad = as("office").post("/api/congress/suggestions/S1/feedback",
                               {{"feedback", "还行"}, {"date", "2022-03-05"}});
  EXPECT_EQ(bad->status, 400);

  auto figures = Json::parse(as("office").get("/api/congress/figures?year=2022")->body);
  EXPECT_EQ(figures["suggestions"]["total"], 3);
  EXPECT_EQ(figures["suggestions"]["satisfied_pct"], "100.0");
  // Every write is in the audit log with its before and after.
  auto store = store::open("sqlite:" + m_dir.file("api.db").string());
  ASSERT_TRUE(store);
  auto entries = (*store)->audit().entries({});
  ASSERT_TRUE(entries) << entries.error().to_string();
  int congress_writes = 0;
  for (const auto& e : *entries) congress_writes += e.action.starts_with("congress.");
  EXPECT_EQ(congress_writes, 3);
}

// The page's upload: a dry run lists every bad cell (file, row, column) and writes nothing; the
// good file checks, then imports on confirmation, audited; only the office may.
TEST_F(CongressApi, ImportsASuggestionsFileWithADryRunFirst) {
  const std::string header = "建议编号,标题,领衔代表,提出时段,登记日期,交办日期,主办单位\n";
  auto bad = as("office").upload("suggestions", "新建议.csv",
                                 header +
                                     "S4,关于加装电梯的建议,D9,会议期间,2022-02-01,,\n"
                                     "S5,关于公园照明的建议,D1,休会,2022-02-01,2022-02-20,NOPE\n",
                                 true);
  ASSERT_TRUE(bad);
  ASSERT_EQ(bad->status, 400) << bad->body;
  Json err = Json::parse(bad->body);
  ASSERT_EQ(err["causes"].size(), 3u) << bad->body;
  EXPECT_EQ(err["causes"][0]["location"]["file"],
            "新建议.csv");  // the upload's name, not the server's path
  EXPECT_EQ(err["causes"][0]["location"]["row"], 2);
  EXPECT_EQ(err["causes"][0]["location"]["column"], "领衔代表");
  EXPECT_NE(err["causes"][0]["message"].get<std::string>().find("D9"), std::string::npos)
      << bad->body;
  EXPECT_EQ(err["causes"][1]["location"]["row"], 3);
  EXPECT_EQ(err["causes"][1]["location"]["column"], "提出时段");
  EXPECT_EQ(err["causes"][2]["location"]["column"], "主办单位");
  EXPECT_EQ(numbers(as("office").get("/api/congress/suggestions")).size(), 3u);
  // The office stays the office in a year whose goals are not set yet (its next register).
  EXPECT_EQ(Json::parse(as("office").get("/api/congress/status?year=2023")->body)["office"], true);
  EXPECT_EQ(Json::parse(as("jt").get("/api/congress/status?year=2023")->body)["office"], false);

  const std::string good = header + "S4,关于加装电梯的建议,D1,会议期间,2022-02-01,2022-02-20,JT\n";
  EXPECT_EQ(as("jt").upload("suggestions", "s.csv", good, true)->status,
            403);  // a handling unit does not register
  auto checked = as("office").upload("suggestions", "s.csv", good, true);
  ASSERT_EQ(checked->status, 200) << checked->body;
  EXPECT_EQ(Json::parse(checked->body)["status"], "checked");
  EXPECT_EQ(Json::parse(checked->body)["rows"], 1);
  EXPECT_EQ(numbers(as("office").get("/api/congress/suggestions")).size(), 3u);  // nothing written
  auto imported = as("office").upload("suggestions", "s.csv", good, false);
  ASSERT_EQ(imported->status, 201) << imported->body;
  EXPECT_EQ(Json::parse(imported->body)["status"], "imported");
  EXPECT_EQ(numbers(as("jt").get("/api/congress/suggestions")),
            (std::vector<std::string>{"S1", "S4"}));
  EXPECT_EQ(as("office").upload("budget", "s.csv", good, true)->status, 400);

  auto store = store::open("sqlite:" + m_dir.file("api.db").string());
  ASSERT_TRUE(store);
  auto entries = (*store)->audit().entries({});
  ASSERT_TRUE(entries) << entries.error().to_string();
  int imports = 0;
  for (const auto& e : *entries) imports += e.action == "congress.import";
  EXPECT_EQ(imports, 1);  // the dry runs wrote nothing, not even to the log

  // The register back out as XLSX, in the same layout: the office's, not a handling unit's.
  auto xlsx = as("office").get("/api/congress/suggestions.xlsx?year=2022");
  ASSERT_TRUE(xlsx);
  ASSERT_EQ(xlsx->status, 200) << xlsx->body;
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK");
  EXPECT_NE(xlsx->get_header_value("Content-Disposition").find("filename*=UTF-8''2022"),
            std::string::npos);
  EXPECT_EQ(as("jt").get("/api/congress/suggestions.xlsx?year=2022")->status, 403);
  auto again = as("office").upload("suggestions", "back.xlsx", xlsx->body, true);
  ASSERT_EQ(again->status, 200) << again->body;
  EXPECT_EQ(Json::parse(again->body)["rows"], 4);  // S1–S4 assigned or received in 2022
}

// 重点督办 over the API: the office names the leader, then records each action; the figures count
// it.
TEST_F(CongressApi, TheOfficeRecordsKeySupervisionAndItsActions) {
  EXPECT_EQ(as("jt").post("/api/congress/suggestions/S1/supervise", {{"leader", "李主任"}})->status,
            403);
  auto none = as("office").post("/api/congress/suggestions/S1/supervise", Json::object());
  EXPECT_EQ(none->status, 400) << none->body;  // no leader named yet
  auto named = as("office").post("/api/congress/suggestions/S1/supervise", {{"leader", "李主任"}});
  ASSERT_EQ(named->status, 200) << named->body;
  EXPECT_EQ(Json::parse(named->body)["supervisor"], "李主任");
  auto act = as("office").post(
      "/api/congress/suggestions/S1/supervise",
      {{"action", {{"kind", "座谈"}, {"date", "2022-03-10"}, {"note", "与公交集团座谈"}}}});
  ASSERT_EQ(act->status, 200) << act->body;
  Json one = Json::parse(act->body);
  ASSERT_EQ(one["actions"].size(), 1u);
  EXPECT_EQ(one["actions"][0]["kind"], "座谈");
  EXPECT_EQ(one["actions"][0]["date"], "2022-03-10");
  auto bad_date = as("office").post("/api/congress/suggestions/S1/supervise",
                                    {{"action", {{"kind", "调研"}, {"date", "三月"}}}});
  EXPECT_EQ(bad_date->status, 400);
  EXPECT_EQ(Json::parse(as("jt").get("/api/congress/suggestions/S1")->body)["supervisor"],
            "李主任");  // the unit sees it
  EXPECT_EQ(
      Json::parse(as("office").get("/api/congress/figures?year=2022")->body)["suggestions"]
                                                                            ["key_supervised"],
      1);
}

// Work records uploaded by the office are listed and counted; the duty documents download.
TEST_F(CongressApi, RecordsUploadedAreListedAndDutyDocumentsDownload) {
  auto up =
      as("office").upload("records", "记录.csv",
                          "日期,类别,名称,数量\n2022-02-24,常委会会议,区人大常委会第一次会议,1\n"
                          "2022-03-30,任免,任免国家机关工作人员,5\n",
                          false);
  ASSERT_EQ(up->status, 201) << up->body;
  Json list = Json::parse(as("jt").get("/api/congress/records?year=2022")->body);
  ASSERT_EQ(list["items"].size(), 2u) << list.dump();
  EXPECT_EQ(list["items"][0]["kind_name"], "常委会会议");
  EXPECT_EQ(list["items"][1]["count"], 5);
  EXPECT_EQ(list["items"][1]["unit"], "人次");
  Json f = Json::parse(as("office").get("/api/congress/figures?year=2022")->body);
  EXPECT_EQ(f["records"]["standing_meeting"], 1);
  EXPECT_EQ(f["records"]["appointment"], 5);

  auto docx = as("jt").get("/api/congress/duty/document?year=2022&deputy=D1");
  ASSERT_TRUE(docx);
  ASSERT_EQ(docx->status, 200) << docx->body;
  EXPECT_EQ(docx->body.substr(0, 2), "PK");
  EXPECT_NE(docx->get_header_value("Content-Type").find("wordprocessingml"), std::string::npos);
  auto md = as("office").get("/api/congress/duty/document?year=2022&deputy=D1&format=md");
  ASSERT_EQ(md->status, 200) << md->body;
  EXPECT_NE(md->body.find("王伟"), std::string::npos) << md->body;
  auto bulletin = as("office").get("/api/congress/duty/document?year=2022&format=md");
  ASSERT_EQ(bulletin->status, 200) << bulletin->body;
  EXPECT_NE(bulletin->body.find("常委会会议1次"), std::string::npos) << bulletin->body;
  EXPECT_EQ(as("office").get("/api/congress/duty/document?year=2022&deputy=D404")->status, 404);
}

}  // namespace
}  // namespace jixiao::server
