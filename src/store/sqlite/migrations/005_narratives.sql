-- 005: report narratives written by the department, per unit, fiscal year and key
-- (profile, annual_work, performance_management, achievements, problems, measures).
CREATE TABLE narratives (
  unit_code    TEXT NOT NULL,
  fiscal_year  INTEGER NOT NULL,
  key          TEXT NOT NULL,
  text         TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  updated_by   TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (unit_code, fiscal_year, key)
);
