-- 012: the version of each unit's goals for a fiscal year, so that two people saving the same
-- goals cannot overwrite each other silently: a save names the version it started from and is
-- refused (409) when the goals moved on. Goals are written as a whole per unit and year
-- (replace_goal_sets), so the version is per unit and year; 0 (no row) before the first write.
CREATE TABLE goal_versions (
  unit_code    TEXT NOT NULL,
  fiscal_year  INTEGER NOT NULL,
  version      INTEGER NOT NULL CHECK (version > 0),
  PRIMARY KEY (unit_code, fiscal_year)
);
INSERT INTO goal_versions (unit_code, fiscal_year, version)
  SELECT DISTINCT unit_code, fiscal_year, 1 FROM goal_sets;

-- The audit log's filters by action and by target prefix (GET /api/audit?action=&target=) as
-- index ranges rather than scans of the whole log.
CREATE INDEX audit_log_by_action ON audit_log(action, id);
CREATE INDEX audit_log_by_target ON audit_log(target, id);
