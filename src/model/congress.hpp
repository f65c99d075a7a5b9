// model/congress.hpp — people's-congress work (人大工作): deputies, their suggestions (代表建议)
// and duty activities (履职活动), and the office's work records (工作记录).
//
// Plain types; the rules (deadlines, points) and the figures live in congress/.
// Persisted enum values are frozen: do not rename the to_string() texts, they are stored in the
// database and written in exported files.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"

namespace jixiao::model {

// 代表层级.
enum class DeputyLevel : std::uint8_t { town, district, city, province, national };
std::string_view to_string(DeputyLevel v);     // "town" …
std::string_view chinese_name(DeputyLevel v);  // "镇" / "区" / "市" / "省" / "全国"
std::optional<DeputyLevel> parse_deputy_level(
    std::string_view text);  // either form; "区人大代表" too

// 代表.
struct Deputy {
  std::string code;  // 代表编号, unique
  std::string name;  // 姓名
  DeputyLevel level = DeputyLevel::district;
  std::string delegation;  // 代表团 (the 镇/街 delegation)
  std::string station;     // 联络站
  int term = 0;            // 届 (17 for 第十七届)
};

// When a suggestion was made: during a session of the congress or between sessions.
enum class SessionPeriod : std::uint8_t { session, recess };
std::string_view to_string(SessionPeriod v);     // "session" / "recess"
std::string_view chinese_name(SessionPeriod v);  // "会议期间" / "闭会期间"
std::optional<SessionPeriod> parse_session_period(std::string_view text);

// 答复分类 (the classification of a reply).
enum class ReplyClass : std::uint8_t { a, b, c };
std::string_view to_string(ReplyClass v);  // "A" / "B" / "C"
std::string_view chinese_name(
    ReplyClass v);  // "已解决或基本解决" / "列入计划逐步解决" / "因条件限制留作参考"
std::optional<ReplyClass> parse_reply_class(
    std::string_view text);  // "A", "a", "A类" or the Chinese name

// 代表反馈意见.
enum class Feedback : std::uint8_t { satisfied, basically_satisfied, unsatisfied };
std::string_view to_string(Feedback v);     // "satisfied" / "basically_satisfied" / "unsatisfied"
std::string_view chinese_name(Feedback v);  // "满意" / "基本满意" / "不满意"
std::optional<Feedback> parse_feedback(std::string_view text);

// One reply (答复) to a suggestion, the first or the one after 二次办理, with the deputy's
// feedback.
struct Reply {
  Date date;  // 答复日期
  ReplyClass reply_class = ReplyClass::a;
  std::string text;                  // 答复内容 (summary)
  std::optional<Feedback> feedback;  // none until the deputy answers
  std::optional<Date> feedback_date;
};

// A handling unit's part in a suggestion.
enum class HandlerRole : std::uint8_t { lead, co };  // 主办 / 会办（协办）
std::string_view to_string(HandlerRole v);
std::string_view chinese_name(HandlerRole v);  // "主办" / "会办"

// One action of 重点督办 by a leader.
struct SupervisionAction {
  Date date;
  std::string kind;  // 调研 / 座谈 / 听取汇报 / 审议 …
  std::string note;
};

// 代表建议.
struct Suggestion {
  std::string number;                    // 建议编号, unique across years ("2022-001")
  std::string title;                     // 标题
  std::string text;                      // 内容
  std::string lead_deputy;               // 领衔代表 (deputy code)
  std::vector<std::string> co_deputies;  // 附议代表 (deputy codes)
  int term = 0;                          // 届次 (17)
  int session_no = 0;                    // 会次 (1, 2 …); 0 between sessions
  SessionPeriod period = SessionPeriod::session;
  std::string category;               // 分类: 经济, 城建, 教育 …
  Date received;                      // 提出（登记）日期
  std::optional<Date> assigned;       // 交办日期; none while not yet assigned
  bool complex = false;               // 涉及面广、处理难度大: the longer deadline applies
  std::string lead_unit;              // 主办单位 (unit code); empty until assigned
  std::vector<std::string> co_units;  // 会办/协办单位
  std::optional<Reply> reply;         // 答复
  std::optional<Reply> second_reply;  // 二次办理后的答复 (after 不满意)
  std::string supervisor;             // 重点督办 leader; empty when not key-supervised
  std::vector<SupervisionAction> actions;

  bool key_supervised() const { return !supervisor.empty(); }
  // The reply that stands: the second one when there is one.
  const std::optional<Reply>& final_reply() const { return second_reply ? second_reply : reply; }
  // Whether `unit_code` handles it (lead or co).
  bool handled_by(const std::string& unit_code) const;
};

// 代表履职活动的类别. Stored as the to_string() text.
enum class ActivityKind : std::uint8_t {
  congress_session,     // 出席人代会
  standing_attendance,  // 列席常委会
  station_reception,    // 联络站接待 (with 群众人次)
  inspection,           // 调研视察
  symposium,            // 座谈会
  training,             // 培训
  duty_report,          // 述职
  standing_work,        // 参与常委会工作（执法检查、专题询问等）
  unexcused_absence,    // 无故缺席 (a deduction)
};
std::string_view to_string(ActivityKind v);
std::string_view chinese_name(ActivityKind v);
std::optional<ActivityKind> parse_activity_kind(std::string_view text);
std::vector<ActivityKind> all_activity_kinds();

// One dated activity of one deputy, with its evidence (佐证).
struct DeputyActivity {
  std::string deputy_code;
  Date date;
  ActivityKind kind = ActivityKind::inspection;
  int people = 0;        // 群众人次 received (station_reception); 0 otherwise
  std::string evidence;  // 佐证: what, where, document
};

// 人大工作记录的类别 (the office's work records). Stored as the to_string() text.
enum class RecordKind : std::uint8_t {
  congress_session,         // 召开人民代表大会会议
  standing_meeting,         // 常委会会议
  chairpersons_meeting,     // 主任会议
  government_report,        // 听取审议“一府一委两院”工作报告
  budget_audit_report,      // 听取审议计划、预算执行和审计工作报告
  enforcement_report,       // 听取执法检查报告
  other_report,             // 听取审议的其他报告
  enforcement_inspection,   // 执法检查
  special_inquiry,          // 专题询问
  satisfaction_evaluation,  // 满意度测评
  major_matter,             // 讨论决定重大事项
  resolution,               // 作出决定、决议
  appointment,              // 任免国家机关工作人员 (人次)
  deputy_participation,     // 代表参与常委会工作 (人次)
  public_reception,         // 接待群众 (人次)
  research_visit,           // 专题调研视察
  symposium,                // 组织座谈会
};
std::string_view to_string(RecordKind v);
std::string_view chinese_name(RecordKind v);
std::string_view measure_unit(RecordKind v);  // "次" / "项" / "人次" / "场次"
std::optional<RecordKind> parse_record_kind(std::string_view text);
std::vector<RecordKind> all_record_kinds();

// One work record: an event of the office, counted `count` times (a meeting is 1; 任免 and
// the 人次 kinds carry the number of people).
struct WorkRecord {
  std::int64_t id = 0;  // set by the store
  Date date;
  RecordKind kind = RecordKind::standing_meeting;
  std::string title;     // 名称: "区十七届人大常委会第五次会议"
  int count = 1;         // 数量
  std::string evidence;  // 佐证: document number, minutes
};

}  // namespace jixiao::model
