-- 010: the department's own score per indicator of its self-evaluation (自评表), where it
-- differs from jixiao's computed score, with the reason; per unit, fiscal year and framework
-- item number ("1.2.3"). Changes are audited by the caller (audit_log).
-- PostgreSQL dialect of sqlite/migrations/010_score_overrides.sql: TEXT in the "C" collation.
CREATE TABLE score_overrides (
  unit_code    TEXT COLLATE "C" NOT NULL,
  fiscal_year  BIGINT NOT NULL,
  item         TEXT COLLATE "C" NOT NULL,
  score        TEXT COLLATE "C" NOT NULL,
  reason       TEXT COLLATE "C" NOT NULL,
  updated_at   TEXT COLLATE "C" NOT NULL,
  updated_by   TEXT COLLATE "C" NOT NULL DEFAULT '',
  PRIMARY KEY (unit_code, fiscal_year, item)
);
