-- 005: report narratives written by the department, per unit, fiscal year and key
-- (profile, annual_work, performance_management, achievements, problems, measures).
-- PostgreSQL dialect of sqlite/migrations/005_narratives.sql: BIGINT identity ids, TEXT in
-- the "C" collation so that ORDER BY sorts as SQLite does, BYTEA for blobs.
CREATE TABLE narratives (
  unit_code    TEXT COLLATE "C" NOT NULL,
  fiscal_year  BIGINT NOT NULL,
  key          TEXT COLLATE "C" NOT NULL,
  text         TEXT COLLATE "C" NOT NULL,
  updated_at   TEXT COLLATE "C" NOT NULL,
  updated_by   TEXT COLLATE "C" NOT NULL DEFAULT '',
  PRIMARY KEY (unit_code, fiscal_year, key)
);
