// congress/exchange.cpp — importing deputies, suggestions, activities and work records from the
// CSV/XLSX layouts offices keep (one row per item, Chinese headers), and exporting suggestions.
//
// Like the ledger's imports: every bad cell of the file is reported (file:row:column: reason)
// and nothing is written unless the whole file is good.
#include "indicators/exchange.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "congress/congress.hpp"
#include "core/text.hpp"
#include "ingest/ingest.hpp"
#include "store/store.hpp"

namespace jixiao::congress {
namespace {

// Reads one row's cells, collecting every problem as a located cause of `errors`.
class RowReader {
 public:
  RowReader(const ingest::Table& t, const ingest::TableFields& c, std::size_t row, Error& errors)
      : m_t(t), m_c(c), m_row(row), m_errors(errors) {}
  std::string text(const std::string& key, bool required = false) {
    std::string v = m_c.cell(m_t, m_row, key);
    if (required && v.empty()) bad(key, "不能为空");
    return v;
  }
  std::optional<Date> date(const std::string& key, bool required = false) {
    std::string v = text(key, required);
    if (v.empty()) return std::nullopt;
    auto d = parse_date(v);
    if (!d) {
      bad(key, d.error().message());
      return std::nullopt;
    }
    return *d;
  }
  int whole(const std::string& key, int fallback = 0) {
    std::string v = text(key);
    if (v.empty()) return fallback;
    bool ok = v.size() <= 9 &&
              std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!ok) {
      bad(key, "不是非负整数: \"" + v + "\"");
      return fallback;
    }
    return std::stoi(v);
  }
  template <class E, class Parse>
  std::optional<E> choice(const std::string& key, Parse parse, const std::string& expected,
                          bool required = false) {
    std::string v = text(key, required);
    if (v.empty()) return std::nullopt;
    auto e = parse(v);
    if (!e) bad(key, "应为" + expected + ": \"" + v + "\"");
    return e;
  }
  void bad(const std::string& key, const std::string& message) {
    m_errors.add_cause(Error::invalid_input(message, m_c.at(m_t, m_row, key)));
  }
  std::size_t row() const { return m_row; }

 private:
  const ingest::Table& m_t;
  const ingest::TableFields& m_c;
  std::size_t m_row;
  Error& m_errors;
};

// "A；B;C、D" → {A, B, C, D}. (Built by appending: g++ 12 warns falsely on string::replace here.)
std::vector<std::string> list_of(const std::string& cell) {
  std::string t = text::to_halfwidth(cell);  // ；，→ ;,
  std::string unified;
  for (std::size_t i = 0; i < t.size();) {
    if (t.compare(i, 3, "、") == 0) {
      unified += ';';
      i += 3;
    } else {
      unified += t[i] == ',' ? ';' : t[i];
      ++i;
    }
  }
  std::vector<std::string> out;
  for (auto& p : text::split(unified, ';')) {
    std::string v(text::trim(p));
    if (!v.empty()) out.push_back(v);
  }
  return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep = "；") {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : std::string(sep)) + p;
  return out;
}

const std::vector<ingest::ColumnSpec>& deputy_columns() {
  static const std::vector<ingest::ColumnSpec> k = {
      {"code", {"代表编号", "code"}, "text", true},
      {"name", {"姓名", "代表姓名", "name"}, "text", true},
      {"level", {"层级", "代表层级", "level"}, "text", true},
      {"delegation", {"代表团", "delegation"}, "text"},
      {"station", {"联络站", "station"}, "text"},
      {"term", {"届次", "届", "term"}, "text"},
  };
  return k;
}

const std::vector<ingest::ColumnSpec>& suggestion_columns() {
  static const std::vector<ingest::ColumnSpec> k = {
      {"number", {"建议编号", "编号", "number"}, "text", true},
      {"title", {"标题", "建议标题", "title"}, "text", true},
      {"text", {"内容", "建议内容", "text"}, "text"},
      {"lead_deputy", {"领衔代表", "lead_deputy"}, "text", true},
      {"co_deputies", {"附议代表", "co_deputies"}, "text"},
      {"term", {"届次", "term"}, "text"},
      {"session_no", {"会次", "session_no"}, "text"},
      {"period", {"提出时段", "period"}, "text", true},
      {"category", {"分类", "category"}, "text"},
      {"received", {"登记日期", "提出日期", "received"}, "date", true},
      {"assigned", {"交办日期", "assigned"}, "date"},
      {"complex", {"复杂建议", "complex"}, "text"},
      {"lead_unit", {"主办单位", "lead_unit"}, "text"},
      {"co_units", {"会办单位", "协办单位", "co_units"}, "text"},
      {"reply_date", {"答复日期", "reply_date"}, "date"},
      {"reply_class", {"答复分类", "reply_class"}, "text"},
      {"reply_text", {"答复内容", "reply_text"}, "text"},
      {"feedback", {"反馈意见", "feedback"}, "text"},
      {"feedback_date", {"反馈日期", "feedback_date"}, "date"},
      {"reply2_date", {"二次答复日期", "reply2_date"}, "date"},
      {"reply2_class", {"二次答复分类", "reply2_class"}, "text"},
      {"reply2_text", {"二次答复内容", "reply2_text"}, "text"},
      {"feedback2", {"二次反馈意见", "feedback2"}, "text"},
      {"feedback2_date", {"二次反馈日期", "feedback2_date"}, "date"},
      {"supervisor", {"督办领导", "supervisor"}, "text"},
      {"actions", {"督办活动", "actions"}, "text"},
  };
  return k;
}

const std::vector<ingest::ColumnSpec>& activity_columns() {
  static const std::vector<ingest::ColumnSpec> k = {
      {"deputy", {"代表编号", "deputy_code"}, "text", true},
      {"date", {"日期", "date"}, "date", true},
      {"kind", {"活动类别", "kind"}, "text", true},
      {"people", {"群众人次", "people"}, "text"},
      {"evidence", {"佐证", "evidence"}, "text"},
  };
  return k;
}

const std::vector<ingest::ColumnSpec>& record_columns() {
  static const std::vector<ingest::ColumnSpec> k = {
      {"date", {"日期", "date"}, "date", true},   {"kind", {"类别", "kind"}, "text", true},
      {"title", {"名称", "title"}, "text", true}, {"count", {"数量", "count"}, "text"},
      {"evidence", {"佐证", "evidence"}, "text"},
  };
  return k;
}

std::string expected_names(const std::vector<std::string_view>& names) {
  std::string out;
  for (auto n : names) out += (out.empty() ? "" : "、") + std::string(n);
  return out;
}

// "2022-05-10 调研 白云湖数字科技城；2022-06-02 座谈" → actions.
Result<std::vector<model::SupervisionAction>> parse_actions(const std::string& cell) {
  std::vector<model::SupervisionAction> out;
  std::string t = cell;
  for (std::size_t p; (p = t.find("；")) != std::string::npos;)
    t.replace(p, std::string_view("；").size(), ";");
  for (auto& part : text::split(t, ';')) {
    std::string item(text::trim(part));
    if (item.empty()) continue;
    std::size_t sp = item.find(' ');
    auto d = parse_date(item.substr(0, sp));
    if (!d)
      return fail(
          Error::invalid_input("督办活动应写作「日期 方式 说明」，以；分隔: \"" + item + "\""));
    std::string rest = sp == std::string::npos ? "" : std::string(text::trim(item.substr(sp + 1)));
    std::size_t sp2 = rest.find(' ');
    std::string kind = rest.substr(0, sp2);
    if (kind.empty())
      return fail(
          Error::invalid_input("督办活动缺少方式（调研、座谈、听取汇报 …）: \"" + item + "\""));
    out.push_back(
        {*d, kind, sp2 == std::string::npos ? "" : std::string(text::trim(rest.substr(sp2 + 1)))});
  }
  return out;
}

Result<std::set<std::string>> unit_codes(store::Store& store) {
  auto units = store.ledger().units();
  if (!units) return fail(std::move(units.error()));
  std::set<std::string> out;
  for (const auto& u : *units) out.insert(u.code);
  return out;
}

Result<std::set<std::string>> deputy_codes(store::Store& store) {
  auto deputies = store.congress().deputies();
  if (!deputies) return fail(std::move(deputies.error()));
  std::set<std::string> out;
  for (const auto& d : *deputies) out.insert(d.code);
  return out;
}

Result<ingest::Table> read(const std::string& path, const ImportOptions& options) {
  auto t = ingest::read_table(path);
  if (!t) return fail(std::move(t.error()));
  if (!options.display_name.empty()) t->file = options.display_name;
  return t;
}

// Reads one reply (first or second) of a row; nullopt when its date is empty.
std::optional<model::Reply> read_reply(RowReader& r, const std::string& prefix,
                                       const std::string& feedback_key,
                                       const std::string& feedback_date_key) {
  auto date = r.date(prefix + "_date");
  auto cls = r.choice<model::ReplyClass>(prefix + "_class", model::parse_reply_class, "A、B 或 C");
  std::string text = r.text(prefix + "_text");
  auto fb =
      r.choice<model::Feedback>(feedback_key, model::parse_feedback, "满意、基本满意或不满意");
  auto fb_date = r.date(feedback_date_key);
  if (!date) {
    if (cls || !text.empty() || fb || fb_date)
      r.bad(prefix + "_date", "有答复分类、内容或反馈时必须填写答复日期");
    return std::nullopt;
  }
  if (!cls) {
    r.bad(prefix + "_class", "已答复的建议必须填写答复分类（A、B 或 C）");
    return std::nullopt;
  }
  if (fb_date && !fb) r.bad(feedback_key, "有反馈日期时必须填写反馈意见");
  if (fb_date && *fb_date < *date)
    r.bad(feedback_date_key,
          "反馈日期 " + fb_date->to_string() + " 早于答复日期 " + date->to_string());
  return model::Reply{*date, *cls, text, fb, fb_date};
}

}  // namespace

Result<int> import_deputies(store::Store& store, const std::string& path,
                            const ImportOptions& options) {
  auto table = read(path, options);
  if (!table) return fail(std::move(table.error()));
  auto cols = ingest::TableFields::map(*table, deputy_columns());
  if (!cols) return fail(std::move(cols.error()));
  Error errors = Error::invalid_input("代表名册有误，未导入: " + table->file);
  std::vector<model::Deputy> out;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < table->rows.size(); ++i) {
    RowReader r(*table, *cols, i, errors);
    model::Deputy d;
    d.code = r.text("code", true);
    d.name = r.text("name", true);
    auto level = r.choice<model::DeputyLevel>("level", model::parse_deputy_level,
                                              "镇、区、市、省或全国", true);
    d.level = level.value_or(model::DeputyLevel::district);
    d.delegation = r.text("delegation");
    d.station = r.text("station");
    d.term = r.whole("term");
    if (!d.code.empty() && !seen.insert(d.code).second) r.bad("code", "代表编号重复: " + d.code);
    out.push_back(std::move(d));
  }
  if (!errors.causes().empty()) return fail(std::move(errors));
  if (options.dry_run) return static_cast<int>(out.size());
  JIXIAO_TRY(store.congress().write_deputies(out));
  return static_cast<int>(out.size());
}

Result<int> import_suggestions(store::Store& store, const std::string& path,
                               const ImportOptions& options) {
  auto table = read(path, options);
  if (!table) return fail(std::move(table.error()));
  auto cols = ingest::TableFields::map(*table, suggestion_columns());
  if (!cols) return fail(std::move(cols.error()));
  auto units = unit_codes(store);
  if (!units) return fail(std::move(units.error()));
  auto deputies = deputy_codes(store);
  if (!deputies) return fail(std::move(deputies.error()));
  Error errors = Error::invalid_input("代表建议有误，未导入: " + table->file);
  std::vector<model::Suggestion> out;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < table->rows.size(); ++i) {
    RowReader r(*table, *cols, i, errors);
    model::Suggestion s;
    s.number = r.text("number", true);
    if (!s.number.empty() && !seen.insert(s.number).second)
      r.bad("number", "建议编号重复: " + s.number);
    s.title = r.text("title", true);
    s.text = r.text("text");
    s.lead_deputy = r.text("lead_deputy", true);
    if (!s.lead_deputy.empty() && !deputies->contains(s.lead_deputy))
      r.bad("lead_deputy", "代表名册中没有代表: " + s.lead_deputy);
    s.co_deputies = list_of(r.text("co_deputies"));
    for (const auto& c : s.co_deputies) {
      if (!deputies->contains(c)) r.bad("co_deputies", "代表名册中没有代表: " + c);
    }
    s.term = r.whole("term");
    s.session_no = r.whole("session_no");
    s.period = r.choice<model::SessionPeriod>("period", model::parse_session_period,
                                              "会议期间或闭会期间", true)
                   .value_or(model::SessionPeriod::session);
    s.category = r.text("category");
    auto received = r.date("received", true);
    s.received = received.value_or(Date());
    s.assigned = r.date("assigned");
    std::string complex = r.text("complex");
    if (complex == "是" || complex == "1" || complex == "yes") {
      s.complex = true;
    } else if (!complex.empty() && complex != "否" && complex != "0" && complex != "no") {
      r.bad("complex", "应为 是 或 否: \"" + complex + "\"");
    }
    s.lead_unit = r.text("lead_unit");
    s.co_units = list_of(r.text("co_units"));
    if (!s.lead_unit.empty() && !units->contains(s.lead_unit))
      r.bad("lead_unit", "没有这个单位: " + s.lead_unit);
    for (const auto& u : s.co_units) {
      if (!units->contains(u)) r.bad("co_units", "没有这个单位: " + u);
    }
    if (s.assigned && s.lead_unit.empty()) r.bad("lead_unit", "已交办的建议必须有主办单位");
    if (!s.assigned && !s.lead_unit.empty()) r.bad("assigned", "有主办单位时必须填写交办日期");
    if (s.assigned && received && *s.assigned < *received) {
      r.bad("assigned",
            "交办日期 " + s.assigned->to_string() + " 早于登记日期 " + received->to_string());
    }
    s.reply = read_reply(r, "reply", "feedback", "feedback_date");
    s.second_reply = read_reply(r, "reply2", "feedback2", "feedback2_date");
    if (s.reply && !s.assigned) r.bad("reply_date", "未交办的建议不能有答复");
    if (s.reply && s.assigned && s.reply->date < *s.assigned) {
      r.bad("reply_date",
            "答复日期 " + s.reply->date.to_string() + " 早于交办日期 " + s.assigned->to_string());
    }
    if (s.second_reply) {
      if (!s.reply || s.reply->feedback != model::Feedback::unsatisfied) {
        r.bad("reply2_date", "只有代表对首次答复不满意时才有二次办理");
      } else if (s.reply->feedback_date && s.second_reply->date < *s.reply->feedback_date) {
        r.bad("reply2_date", "二次答复日期 " + s.second_reply->date.to_string() +
                                 " 早于不满意反馈日期 " + s.reply->feedback_date->to_string());
      }
    }
    s.supervisor = r.text("supervisor");
    if (std::string a = r.text("actions"); !a.empty()) {
      auto actions = parse_actions(a);
      if (!actions) {
        r.bad("actions", actions.error().message());
      } else {
        s.actions = std::move(*actions);
        if (s.supervisor.empty()) r.bad("supervisor", "有督办活动时必须填写督办领导");
      }
    }
    out.push_back(std::move(s));
  }
  if (!errors.causes().empty()) return fail(std::move(errors));
  if (options.dry_run) return static_cast<int>(out.size());
  JIXIAO_TRY(store.congress().write_suggestions(out));
  return static_cast<int>(out.size());
}

Result<int> import_activities(store::Store& store, const std::string& path,
                              const ImportOptions& options) {
  auto table = read(path, options);
  if (!table) return fail(std::move(table.error()));
  auto cols = ingest::TableFields::map(*table, activity_columns());
  if (!cols) return fail(std::move(cols.error()));
  auto deputies = deputy_codes(store);
  if (!deputies) return fail(std::move(deputies.error()));
  std::vector<std::string_view> kinds;
  for (auto k : model::all_activity_kinds()) kinds.push_back(model::chinese_name(k));
  Error errors = Error::invalid_input("代表履职活动有误，未导入: " + table->file);
  std::vector<model::DeputyActivity> out;
  for (std::size_t i = 0; i < table->rows.size(); ++i) {
    RowReader r(*table, *cols, i, errors);
    model::DeputyActivity a;
    a.deputy_code = r.text("deputy", true);
    if (!a.deputy_code.empty() && !deputies->contains(a.deputy_code))
      r.bad("deputy", "代表名册中没有代表: " + a.deputy_code);
    a.date = r.date("date", true).value_or(Date());
    a.kind = r.choice<model::ActivityKind>("kind", model::parse_activity_kind,
                                           expected_names(kinds), true)
                 .value_or(model::ActivityKind::inspection);
    a.people = r.whole("people");
    a.evidence = r.text("evidence");
    out.push_back(std::move(a));
  }
  if (!errors.causes().empty()) return fail(std::move(errors));
  if (options.dry_run) return static_cast<int>(out.size());
  JIXIAO_TRY(store.congress().write_activities(out));
  return static_cast<int>(out.size());
}

Result<int> import_records(store::Store& store, const std::string& path,
                           const ImportOptions& options) {
  auto table = read(path, options);
  if (!table) return fail(std::move(table.error()));
  auto cols = ingest::TableFields::map(*table, record_columns());
  if (!cols) return fail(std::move(cols.error()));
  std::vector<std::string_view> kinds;
  for (auto k : model::all_record_kinds()) kinds.push_back(model::chinese_name(k));
  Error errors = Error::invalid_input("人大工作记录有误，未导入: " + table->file);
  std::vector<model::WorkRecord> out;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < table->rows.size(); ++i) {
    RowReader r(*table, *cols, i, errors);
    model::WorkRecord w;
    auto date = r.date("date", true);
    w.date = date.value_or(Date());
    w.kind =
        r.choice<model::RecordKind>("kind", model::parse_record_kind, expected_names(kinds), true)
            .value_or(model::RecordKind::standing_meeting);
    w.title = r.text("title", true);
    w.count = r.whole("count", 1);
    if (w.count == 0) r.bad("count", "数量应至少为 1");
    w.evidence = r.text("evidence");
    std::string key =
        w.date.to_string() + "|" + std::string(model::to_string(w.kind)) + "|" + w.title;
    if (date && !w.title.empty() && !seen.insert(key).second)
      r.bad("title", "同一日期、类别和名称的记录重复: " + w.title);
    out.push_back(std::move(w));
  }
  if (!errors.causes().empty()) return fail(std::move(errors));
  if (options.dry_run) return static_cast<int>(out.size());
  JIXIAO_TRY(store.congress().write_records(out));
  return static_cast<int>(out.size());
}

std::vector<std::string> import_headers(std::string_view layout) {
  const std::vector<ingest::ColumnSpec>* columns = layout == "deputies"      ? &deputy_columns()
                                                   : layout == "suggestions" ? &suggestion_columns()
                                                   : layout == "activities"  ? &activity_columns()
                                                   : layout == "records"     ? &record_columns()
                                                                             : nullptr;
  std::vector<std::string> out;
  if (columns) {
    for (const auto& c : *columns) out.push_back(c.headers.front());
  }
  return out;
}

Result<int> export_suggestions(store::Store& store, int year, const std::string& path) {
  auto all = store.congress().suggestions({.year = year});
  if (!all) return fail(std::move(all.error()));
  indicators::TextTable t;
  for (const auto& c : suggestion_columns()) t.header.push_back(c.headers.front());
  auto date = [](const std::optional<Date>& d) { return d ? d->to_string() : std::string(); };
  for (const auto& s : *all) {
    auto reply_cells = [&](const std::optional<model::Reply>& r) -> std::vector<std::string> {
      if (!r) return {"", "", "", "", ""};
      return {r->date.to_string(), std::string(model::to_string(r->reply_class)), r->text,
              r->feedback ? std::string(model::chinese_name(*r->feedback)) : "",
              date(r->feedback_date)};
    };
    std::vector<std::string> row = {s.number,
                                    s.title,
                                    s.text,
                                    s.lead_deputy,
                                    join(s.co_deputies),
                                    s.term ? std::to_string(s.term) : "",
                                    s.session_no ? std::to_string(s.session_no) : "",
                                    std::string(model::chinese_name(s.period)),
                                    s.category,
                                    s.received.to_string(),
                                    date(s.assigned),
                                    s.complex ? "是" : "否",
                                    s.lead_unit,
                                    join(s.co_units)};
    for (auto& c : reply_cells(s.reply)) row.push_back(std::move(c));
    for (auto& c : reply_cells(s.second_reply)) row.push_back(std::move(c));
    row.push_back(s.supervisor);
    std::string actions;
    for (const auto& a : s.actions) {
      actions += (actions.empty() ? "" : "；") + a.date.to_string() + " " + a.kind +
                 (a.note.empty() ? "" : " " + a.note);
    }
    row.push_back(actions);
    t.rows.push_back(std::move(row));
  }
  JIXIAO_TRY(indicators::write_text_table(t, path, "代表建议"));
  return static_cast<int>(t.rows.size());
}

}  // namespace jixiao::congress
