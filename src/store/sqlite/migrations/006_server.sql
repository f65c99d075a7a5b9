-- 006: the server's tables: users, the append-only audit log, and the evaluation review workflow.
CREATE TABLE users (
  id                    INTEGER PRIMARY KEY,
  name                  TEXT NOT NULL UNIQUE,
  display_name          TEXT NOT NULL DEFAULT '',
  role                  TEXT NOT NULL CHECK (role IN ('admin', 'bureau', 'editor', 'viewer')),
  unit_codes            TEXT NOT NULL DEFAULT '',  -- comma-separated unit codes
  password_hash         TEXT NOT NULL,
  must_change_password  INTEGER NOT NULL DEFAULT 0,
  disabled              INTEGER NOT NULL DEFAULT 0,
  created_at            TEXT NOT NULL
);

CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  at           TEXT NOT NULL,
  user_name    TEXT NOT NULL,
  source       TEXT NOT NULL CHECK (source IN ('api', 'cli')),
  action       TEXT NOT NULL,
  target       TEXT NOT NULL DEFAULT '',
  before_json  TEXT NOT NULL DEFAULT 'null',
  after_json   TEXT NOT NULL DEFAULT 'null'
);
CREATE INDEX audit_log_by_user ON audit_log(user_name, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能修改'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能删除'); END;

CREATE TABLE evaluations (
  id                  INTEGER PRIMARY KEY,
  unit_code           TEXT NOT NULL,
  fiscal_year         INTEGER NOT NULL,
  status              TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'reviewed', 'returned')),
  inputs_json         TEXT NOT NULL DEFAULT '{}',
  snapshot_json       TEXT NOT NULL DEFAULT 'null',
  self_score_centi    INTEGER NOT NULL DEFAULT 0,
  review_score_centi  INTEGER,
  review_comment      TEXT NOT NULL DEFAULT '',
  submitted_by        TEXT NOT NULL DEFAULT '',
  submitted_at        TEXT NOT NULL DEFAULT '',
  reviewed_by         TEXT NOT NULL DEFAULT '',
  reviewed_at         TEXT NOT NULL DEFAULT '',
  updated_by          TEXT NOT NULL DEFAULT '',
  updated_at          TEXT NOT NULL DEFAULT '',
  version             INTEGER NOT NULL DEFAULT 1,
  UNIQUE (unit_code, fiscal_year)
);
