// store/sql/sql_congress_store.cpp — the congress_* tables (migration 009), on both backends.
// Full-text search differs: SQLite keeps an FTS5 trigram index (congress_suggestion_fts);
// PostgreSQL has no such table and searches by substring (strpos over lower()), with the
// snippet cut here.
#include "store/sql/sql_congress_store.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "core/text.hpp"

namespace jixiao::store::sql {
namespace {

std::string join(const std::vector<std::string>& parts, char separator) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

std::vector<std::string> split_nonempty(const std::string& text, char separator) {
  std::vector<std::string> out;
  for (auto& p : text::split(text, separator)) {
    if (!p.empty()) out.push_back(std::move(p));
  }
  return out;
}

// Dates are stored as ISO text, which the store wrote itself: a bad one is a bug.
Date date_of(const std::string& text) {
  auto d = parse_date(text);
  JIXIAO_ASSERT(d.has_value(), "congress tables hold ISO dates written by the store");
  return *d;
}

void bind_date(Statement& s, int index, const std::optional<Date>& d) {
  if (d) {
    s.bind(index, d->to_string());
  } else {
    s.bind_null(index);
  }
}

std::optional<Date> optional_date(const Statement& s, int index) {
  if (s.column_is_null(index)) return std::nullopt;
  return date_of(s.column_text(index));
}

constexpr const char* k_suggestion_columns =
    "number, year, title, body, lead_deputy, co_deputies, term, session_no, period, category, "
    "received, assigned, "
    "complex, lead_unit, reply_date, reply_class, reply_text, feedback, feedback_date, "
    "reply2_date, reply2_class, "
    "reply2_text, feedback2, feedback2_date, supervisor, actions";

// Reads the reply starting at column `first` (date, class, text, feedback, feedback date).
std::optional<model::Reply> reply_of(const Statement& s, int first) {
  if (s.column_is_null(first)) return std::nullopt;
  model::Reply r;
  r.date = date_of(s.column_text(first));
  auto cls = model::parse_reply_class(s.column_text(first + 1));
  JIXIAO_ASSERT(cls.has_value(), "reply_class is written from model::ReplyClass");
  r.reply_class = *cls;
  r.text = s.column_text(first + 2);
  if (!s.column_is_null(first + 3)) r.feedback = model::parse_feedback(s.column_text(first + 3));
  r.feedback_date = optional_date(s, first + 4);
  return r;
}

void bind_reply(Statement& s, int first, const std::optional<model::Reply>& r) {
  if (!r) {
    s.bind_null(first)
        .bind_null(first + 1)
        .bind(first + 2, "")
        .bind_null(first + 3)
        .bind_null(first + 4);
    return;
  }
  s.bind(first, r->date.to_string())
      .bind(first + 1, model::to_string(r->reply_class))
      .bind(first + 2, r->text);
  if (r->feedback) {
    s.bind(first + 3, model::to_string(*r->feedback));
  } else {
    s.bind_null(first + 3);
  }
  bind_date(s, first + 4, r->feedback_date);
}

model::Suggestion suggestion_of(const Statement& s,
                                std::map<std::string, std::vector<std::string>>& co_units) {
  model::Suggestion g;
  g.number = s.column_text(0);
  g.title = s.column_text(2);
  g.text = s.column_text(3);
  g.lead_deputy = s.column_text(4);
  g.co_deputies = split_nonempty(s.column_text(5), ';');
  g.term = static_cast<int>(s.column_int(6));
  g.session_no = static_cast<int>(s.column_int(7));
  g.period = model::parse_session_period(s.column_text(8)).value_or(model::SessionPeriod::session);
  g.category = s.column_text(9);
  g.received = date_of(s.column_text(10));
  g.assigned = optional_date(s, 11);
  g.complex = s.column_int(12) != 0;
  g.lead_unit = s.column_text(13);
  g.reply = reply_of(s, 14);
  g.second_reply = reply_of(s, 19);
  g.supervisor = s.column_text(24);
  for (const auto& line : split_nonempty(s.column_text(25), '\n')) {
    auto f = text::split(line, '\t');
    if (f.size() < 2) continue;
    g.actions.push_back({date_of(f[0]), f[1], f.size() > 2 ? f[2] : ""});
  }
  if (auto it = co_units.find(g.number); it != co_units.end()) g.co_units = it->second;
  return g;
}

// The order rows of congress_suggestion_units were inserted in (the co-units' order): SQLite's
// rowid; PostgreSQL's physical order (ctid) — rows there are only ever inserted and deleted
// within one write, never updated.
const char* insertion_order(Database& db) {
  return db.dialect() == Dialect::sqlite ? "rowid" : "ctid";
}

// "title = excluded.title, …": an upsert that replaces every column but the key.
std::string update_all() {
  std::string out;
  for (const auto& c : text::split(k_suggestion_columns, ',')) {
    std::string name(text::trim(c));
    if (name == "number") continue;
    if (!out.empty()) out += ", ";
    out += name + " = excluded." + name;
  }
  return out;
}

std::string ascii_lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// Like FTS5's snippet(…, '【', '】', '…', 16): up to 16 characters around the first match in
// `text`, the match bracketed. Empty when `text` does not contain `q`.
std::string snippet_of(const std::string& text, const std::string& q) {
  auto pos = ascii_lower(text).find(ascii_lower(q));
  if (pos == std::string::npos) return "";
  auto is_lead = [&](std::size_t i) { return jixiao::text::starts_character(text[i]); };
  const std::size_t qchars = text::characters(q);
  std::size_t room = qchars >= 16 ? 0 : (16 - qchars) / 2;
  std::size_t begin = pos;
  for (std::size_t n = 0; n < room && begin > 0;) {
    --begin;
    if (is_lead(begin)) ++n;
  }
  std::size_t end = pos + q.size();
  for (std::size_t n = 0; end < text.size();) {
    ++end;
    if (end == text.size() || is_lead(end)) {
      if (++n >= room) break;
    }
  }
  std::string out = begin > 0 ? "…" : "";
  out += text.substr(begin, pos - begin) + "【" + text.substr(pos, q.size()) + "】" +
         text.substr(pos + q.size(), end - pos - q.size());
  if (end < text.size()) out += "…";
  return out;
}

}  // namespace

// PostgreSQL: a substring scan of title and body (no index; the register is a few thousand
// suggestions a year), newest first as SQLite's short-query path does.
std::string SqlCongressStore::ilike_pattern(const std::string& q) {
  std::string out = "%";
  for (char c : q) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

Result<std::vector<SuggestionHit>> SqlCongressStore::search_by_substring(const std::string& q,
                                                                         int limit) {
  auto s = m_db.prepare(k_postgres_search_sql);
  if (!s) return fail(std::move(s.error()));
  s->bind(1, ilike_pattern(q)).bind(2, limit);
  std::vector<SuggestionHit> out;
  JIXIAO_TRY(s->each([&] {
    std::string title = s->column_text(2);
    std::string snip = snippet_of(title, q);
    if (snip.empty()) snip = snippet_of(s->column_text(3), q);
    out.push_back(
        {s->column_text(0), static_cast<int>(s->column_int(1)), std::move(title), std::move(snip)});
  }));
  return out;
}

Result<std::vector<model::Deputy>> SqlCongressStore::deputies() {
  auto s = m_db.prepare(
      "SELECT code, name, level, delegation, station, term FROM congress_deputies ORDER BY code");
  if (!s) return fail(std::move(s.error()));
  std::vector<model::Deputy> out;
  JIXIAO_TRY(s->each([&] {
    out.push_back(
        {s->column_text(0), s->column_text(1),
         model::parse_deputy_level(s->column_text(2)).value_or(model::DeputyLevel::district),
         s->column_text(3), s->column_text(4), static_cast<int>(s->column_int(5))});
  }));
  return out;
}

Result<void> SqlCongressStore::write_deputies(const std::vector<model::Deputy>& deputies) {
  Transaction tx(m_db);
  JIXIAO_TRY(tx.begin());
  auto s = m_db.prepare(
      "INSERT INTO congress_deputies (code, name, level, delegation, station, term) VALUES (?1, "
      "?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, delegation = "
      "excluded.delegation, "
      "station = excluded.station, term = excluded.term");
  if (!s) return fail(std::move(s.error()));
  for (const auto& d : deputies) {
    s->reset();
    s->bind(1, d.code)
        .bind(2, d.name)
        .bind(3, model::to_string(d.level))
        .bind(4, d.delegation)
        .bind(5, d.station)
        .bind(6, d.term);
    JIXIAO_TRY(s->run());
  }
  return tx.commit();
}

Result<std::vector<model::Suggestion>> SqlCongressStore::suggestions(const SuggestionQuery& query) {
  std::map<std::string, std::vector<std::string>> co_units;
  {
    auto u = m_db.prepare(
        std::string(
            "SELECT number, unit_code FROM congress_suggestion_units WHERE role = 'co' ORDER BY ") +
        insertion_order(m_db));
    if (!u) return fail(std::move(u.error()));
    JIXIAO_TRY(u->each([&] { co_units[u->column_text(0)].push_back(u->column_text(1)); }));
  }
  std::string sql = std::string("SELECT ") + k_suggestion_columns +
                    " FROM congress_suggestions WHERE (?1 = 0 OR year = ?1)";
  if (!query.unit_code.empty()) {
    sql += " AND number IN (SELECT number FROM congress_suggestion_units WHERE unit_code = ?2)";
  }
  sql += " ORDER BY number";
  auto s = m_db.prepare(sql);
  if (!s) return fail(std::move(s.error()));
  s->bind(1, query.year);
  if (!query.unit_code.empty()) s->bind(2, query.unit_code);
  std::vector<model::Suggestion> out;
  JIXIAO_TRY(s->each([&] { out.push_back(suggestion_of(*s, co_units)); }));
  return out;
}

Result<std::optional<model::Suggestion>> SqlCongressStore::suggestion(const std::string& number) {
  std::map<std::string, std::vector<std::string>> co_units;
  {
    auto u = m_db.prepare(std::string("SELECT unit_code FROM congress_suggestion_units WHERE "
                                      "number = ?1 AND role = 'co' ORDER BY ") +
                          insertion_order(m_db));
    if (!u) return fail(std::move(u.error()));
    u->bind(1, number);
    JIXIAO_TRY(u->each([&] { co_units[number].push_back(u->column_text(0)); }));
  }
  auto s = m_db.prepare(std::string("SELECT ") + k_suggestion_columns +
                        " FROM congress_suggestions WHERE number = ?1");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, number);
  auto row = s->step();
  if (!row) return fail(std::move(row.error()));
  if (!*row) return std::optional<model::Suggestion>();
  return std::optional<model::Suggestion>(suggestion_of(*s, co_units));
}

Result<void> SqlCongressStore::write_suggestions(
    const std::vector<model::Suggestion>& suggestions) {
  Transaction tx(m_db);
  JIXIAO_TRY(tx.begin());
  auto s = m_db.prepare(std::string("INSERT INTO congress_suggestions (") + k_suggestion_columns +
                        ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                        "?15, ?16, ?17, ?18, ?19, "
                        "?20, ?21, ?22, ?23, ?24, ?25, ?26) ON CONFLICT (number) DO UPDATE SET " +
                        update_all());
  if (!s) return fail(std::move(s.error()));
  auto drop_units = m_db.prepare("DELETE FROM congress_suggestion_units WHERE number = ?1");
  if (!drop_units) return fail(std::move(drop_units.error()));
  auto add_unit = m_db.prepare(
      "INSERT INTO congress_suggestion_units (number, unit_code, role) VALUES (?1, ?2, ?3) ON "
      "CONFLICT DO NOTHING");
  if (!add_unit) return fail(std::move(add_unit.error()));
  // The FTS5 index (SQLite only) is kept by hand, beside the rows.
  const bool fts = m_db.dialect() == Dialect::sqlite;
  std::optional<Statement> drop_fts, add_fts;
  if (fts) {
    auto d = m_db.prepare("DELETE FROM congress_suggestion_fts WHERE number = ?1");
    if (!d) return fail(std::move(d.error()));
    drop_fts.emplace(std::move(*d));
    auto a = m_db.prepare(
        "INSERT INTO congress_suggestion_fts (number, title, body) VALUES (?1, ?2, ?3)");
    if (!a) return fail(std::move(a.error()));
    add_fts.emplace(std::move(*a));
  }
  for (const auto& g : suggestions) {
    s->reset();
    int year = g.assigned ? g.assigned->year() : g.received.year();
    std::string actions;
    for (const auto& a : g.actions)
      actions += a.date.to_string() + "\t" + a.kind + "\t" + a.note + "\n";
    s->bind(1, g.number)
        .bind(2, year)
        .bind(3, g.title)
        .bind(4, g.text)
        .bind(5, g.lead_deputy)
        .bind(6, join(g.co_deputies, ';'))
        .bind(7, g.term)
        .bind(8, g.session_no)
        .bind(9, model::to_string(g.period))
        .bind(10, g.category)
        .bind(11, g.received.to_string());
    bind_date(*s, 12, g.assigned);
    s->bind(13, g.complex ? 1 : 0).bind(14, g.lead_unit);
    bind_reply(*s, 15, g.reply);
    bind_reply(*s, 20, g.second_reply);
    s->bind(25, g.supervisor).bind(26, actions);
    JIXIAO_TRY(s->run());
    drop_units->reset();
    drop_units->bind(1, g.number);
    JIXIAO_TRY(drop_units->run());
    auto add = [&](const std::string& unit, model::HandlerRole role) -> Result<void> {
      add_unit->reset();
      add_unit->bind(1, g.number).bind(2, unit).bind(3, model::to_string(role));
      return add_unit->run();
    };
    if (!g.lead_unit.empty()) JIXIAO_TRY(add(g.lead_unit, model::HandlerRole::lead));
    for (const auto& u : g.co_units) JIXIAO_TRY(add(u, model::HandlerRole::co));
    if (fts) {
      drop_fts->reset();
      drop_fts->bind(1, g.number);
      JIXIAO_TRY(drop_fts->run());
      add_fts->reset();
      add_fts->bind(1, g.number).bind(2, g.title).bind(3, g.text);
      JIXIAO_TRY(add_fts->run());
    }
  }
  return tx.commit();
}

Result<std::vector<SuggestionHit>> SqlCongressStore::search(const std::string& query, int limit) {
  std::string q(text::trim(query));
  if (q.empty()) return fail(Error::invalid_input("检索词为空", {.field = "query"}));
  if (m_db.dialect() == Dialect::postgres) return search_by_substring(q, limit);
  // The trigram tokenizer indexes sequences of three characters: shorter queries go through
  // LIKE (a scan, still over the index's copy of the text).
  const std::size_t chars = text::characters(q);
  std::string escaped;
  for (char c : q) escaped += c == '"' ? std::string("\"\"") : std::string(1, c);
  std::string sql =
      "SELECT f.number, s.year, s.title, snippet(congress_suggestion_fts, -1, '【', '】', '…', 16) "
      "FROM congress_suggestion_fts f JOIN congress_suggestions s ON s.number = f.number WHERE ";
  sql += chars >= 3 ? "congress_suggestion_fts MATCH ?1 ORDER BY rank"
                    : "(f.title LIKE ?1 OR f.body LIKE ?1) ORDER BY s.number DESC";
  sql += " LIMIT ?2";
  auto s = m_db.prepare(sql);
  if (!s) return fail(std::move(s.error()));
  s->bind(1, chars >= 3 ? "\"" + escaped + "\"" : "%" + q + "%").bind(2, limit);
  std::vector<SuggestionHit> out;
  JIXIAO_TRY(s->each([&] {
    out.push_back({s->column_text(0), static_cast<int>(s->column_int(1)), s->column_text(2),
                   s->column_text(3)});
  }));
  return out;
}

Result<std::vector<model::DeputyActivity>> SqlCongressStore::activities(
    int year, const std::string& deputy_code) {
  auto s = m_db.prepare(
      "SELECT deputy_code, date, kind, people, evidence FROM congress_activities WHERE date >= ?1 "
      "AND date < ?2 "
      "AND (?3 = '' OR deputy_code = ?3) ORDER BY deputy_code, date, id");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, std::to_string(year) + "-01-01")
      .bind(2, std::to_string(year + 1) + "-01-01")
      .bind(3, deputy_code);
  std::vector<model::DeputyActivity> out;
  JIXIAO_TRY(s->each([&] {
    auto kind = model::parse_activity_kind(s->column_text(2));
    JIXIAO_ASSERT(kind.has_value(), "activity kinds are written from model::ActivityKind");
    out.push_back({s->column_text(0), date_of(s->column_text(1)), *kind,
                   static_cast<int>(s->column_int(3)), s->column_text(4)});
  }));
  return out;
}

Result<void> SqlCongressStore::write_activities(
    const std::vector<model::DeputyActivity>& activities) {
  Transaction tx(m_db);
  JIXIAO_TRY(tx.begin());
  auto s = m_db.prepare(
      "INSERT INTO congress_activities (deputy_code, date, kind, people, evidence) VALUES (?1, ?2, "
      "?3, ?4, ?5) "
      "ON CONFLICT (deputy_code, date, kind, evidence) DO UPDATE SET people = excluded.people");
  if (!s) return fail(std::move(s.error()));
  for (const auto& a : activities) {
    s->reset();
    s->bind(1, a.deputy_code)
        .bind(2, a.date.to_string())
        .bind(3, model::to_string(a.kind))
        .bind(4, a.people)
        .bind(5, a.evidence);
    JIXIAO_TRY(s->run());
  }
  return tx.commit();
}

Result<std::vector<model::WorkRecord>> SqlCongressStore::records(int year) {
  auto s = m_db.prepare(
      "SELECT id, date, kind, title, count, evidence FROM congress_records WHERE date >= ?1 AND "
      "date < ?2 "
      "ORDER BY date, kind, title");
  if (!s) return fail(std::move(s.error()));
  s->bind(1, std::to_string(year) + "-01-01").bind(2, std::to_string(year + 1) + "-01-01");
  std::vector<model::WorkRecord> out;
  JIXIAO_TRY(s->each([&] {
    auto kind = model::parse_record_kind(s->column_text(2));
    JIXIAO_ASSERT(kind.has_value(), "record kinds are written from model::RecordKind");
    out.push_back({s->column_int(0), date_of(s->column_text(1)), *kind, s->column_text(3),
                   static_cast<int>(s->column_int(4)), s->column_text(5)});
  }));
  return out;
}

Result<void> SqlCongressStore::write_records(const std::vector<model::WorkRecord>& records) {
  Transaction tx(m_db);
  JIXIAO_TRY(tx.begin());
  auto s = m_db.prepare(
      "INSERT INTO congress_records (date, kind, title, count, evidence) VALUES (?1, ?2, ?3, ?4, "
      "?5) "
      "ON CONFLICT (date, kind, title) DO UPDATE SET count = excluded.count, evidence = "
      "excluded.evidence");
  if (!s) return fail(std::move(s.error()));
  for (const auto& r : records) {
    s->reset();
    s->bind(1, r.date.to_string())
        .bind(2, model::to_string(r.kind))
        .bind(3, r.title)
        .bind(4, r.count)
        .bind(5, r.evidence);
    JIXIAO_TRY(s->run());
  }
  return tx.commit();
}

}  // namespace jixiao::store::sql
