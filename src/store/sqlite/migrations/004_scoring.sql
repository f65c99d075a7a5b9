-- 004: scoring. Management-checklist answers per unit and year, and frozen evaluations.
-- Points in hundredths (*_centi INTEGER), times as ISO text.
CREATE TABLE checklist_answers (
  id              INTEGER PRIMARY KEY,
  unit_code       TEXT NOT NULL,
  fiscal_year     INTEGER NOT NULL,
  answer_key      TEXT NOT NULL,          -- "procurement" or "procurement.2"
  value           REAL,                   -- NULL when not answered with a number
  not_applicable  INTEGER NOT NULL DEFAULT 0 CHECK (not_applicable IN (0, 1)),
  evidence        TEXT NOT NULL DEFAULT '',
  answered_by     TEXT NOT NULL DEFAULT '',
  answered_at     TEXT NOT NULL,
  UNIQUE (unit_code, fiscal_year, answer_key)
);

CREATE TABLE frozen_evaluations (
  id              INTEGER PRIMARY KEY,
  unit_code       TEXT NOT NULL,
  fiscal_year     INTEGER NOT NULL,
  framework_id    TEXT NOT NULL,
  framework_text  TEXT NOT NULL,
  inputs_json     TEXT NOT NULL,
  scorecard_json  TEXT NOT NULL,
  total_centi     INTEGER NOT NULL,
  grade           TEXT NOT NULL,
  claimed_centi   INTEGER,
  frozen_by       TEXT NOT NULL DEFAULT '',
  frozen_at       TEXT NOT NULL
);
CREATE INDEX frozen_evaluations_unit_year ON frozen_evaluations (unit_code, fiscal_year);
