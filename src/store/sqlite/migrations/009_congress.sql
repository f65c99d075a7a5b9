-- 009: people's-congress work (src/congress/): deputies, their suggestions with handling units,
-- replies and feedback, deputies' duty activities and the office's work records.
CREATE TABLE congress_deputies (
  code        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  level       TEXT NOT NULL,            -- model::DeputyLevel text: town, district, city, province, national
  delegation  TEXT NOT NULL DEFAULT '',
  station     TEXT NOT NULL DEFAULT '',
  term        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE congress_suggestions (
  number          TEXT PRIMARY KEY,
  year            INTEGER NOT NULL,     -- year of 交办 (of receipt while not assigned)
  title           TEXT NOT NULL,
  body            TEXT NOT NULL DEFAULT '',
  lead_deputy     TEXT NOT NULL,
  co_deputies     TEXT NOT NULL DEFAULT '',   -- deputy codes joined by ';'
  term            INTEGER NOT NULL DEFAULT 0,
  session_no      INTEGER NOT NULL DEFAULT 0,
  period          TEXT NOT NULL,              -- session / recess
  category        TEXT NOT NULL DEFAULT '',
  received        TEXT NOT NULL,              -- ISO dates throughout
  assigned        TEXT,
  complex         INTEGER NOT NULL DEFAULT 0,
  lead_unit       TEXT NOT NULL DEFAULT '',
  reply_date      TEXT,
  reply_class     TEXT,                       -- A / B / C
  reply_text      TEXT NOT NULL DEFAULT '',
  feedback        TEXT,                       -- satisfied / basically_satisfied / unsatisfied
  feedback_date   TEXT,
  reply2_date     TEXT,                       -- 二次办理
  reply2_class    TEXT,
  reply2_text     TEXT NOT NULL DEFAULT '',
  feedback2       TEXT,
  feedback2_date  TEXT,
  supervisor      TEXT NOT NULL DEFAULT '',   -- 重点督办 leader
  actions         TEXT NOT NULL DEFAULT ''    -- one action per line: date TAB kind TAB note
);
CREATE INDEX congress_suggestions_year ON congress_suggestions (year);

-- Handling units (主办, 会办): what a handling unit's editor may see.
CREATE TABLE congress_suggestion_units (
  number     TEXT NOT NULL REFERENCES congress_suggestions (number) ON DELETE CASCADE,
  unit_code  TEXT NOT NULL,
  role       TEXT NOT NULL,                   -- lead / co
  PRIMARY KEY (number, unit_code)
);
CREATE INDEX congress_suggestion_units_unit ON congress_suggestion_units (unit_code);

-- Full-text search across all years: trigram tokens work for Chinese without a dictionary.
CREATE VIRTUAL TABLE congress_suggestion_fts USING fts5 (number UNINDEXED, title, body, tokenize = 'trigram');

CREATE TABLE congress_activities (
  id           INTEGER PRIMARY KEY,
  deputy_code  TEXT NOT NULL,
  date         TEXT NOT NULL,
  kind         TEXT NOT NULL,                 -- model::ActivityKind text
  people       INTEGER NOT NULL DEFAULT 0,
  evidence     TEXT NOT NULL DEFAULT '',
  UNIQUE (deputy_code, date, kind, evidence)
);
CREATE INDEX congress_activities_date ON congress_activities (date);

CREATE TABLE congress_records (
  id        INTEGER PRIMARY KEY,
  date      TEXT NOT NULL,
  kind      TEXT NOT NULL,                    -- model::RecordKind text
  title     TEXT NOT NULL,
  count     INTEGER NOT NULL DEFAULT 1,
  evidence  TEXT NOT NULL DEFAULT '',
  UNIQUE (date, kind, title)
);
CREATE INDEX congress_records_date ON congress_records (date);
