-- 010: the department's own score per indicator of its self-evaluation (自评表), where it
-- differs from jixiao's computed score, with the reason; per unit, fiscal year and framework
-- item number ("1.2.3"). Changes are audited by the caller (audit_log).
CREATE TABLE score_overrides (
  unit_code    TEXT NOT NULL,
  fiscal_year  INTEGER NOT NULL,
  item         TEXT NOT NULL,
  score        TEXT NOT NULL,
  reason       TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  updated_by   TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (unit_code, fiscal_year, item)
);
