-- 012: the version of each unit's goals for a fiscal year, so that two people saving the same
-- goals cannot overwrite each other silently: a save names the version it started from and is
-- refused (409) when the goals moved on. Goals are written as a whole per unit and year
-- (replace_goal_sets), so the version is per unit and year; 0 (no row) before the first write.
-- PostgreSQL dialect of sqlite/migrations/012_goal_versions_search.sql.
CREATE TABLE goal_versions (
  unit_code    TEXT COLLATE "C" NOT NULL,
  fiscal_year  BIGINT NOT NULL,
  version      BIGINT NOT NULL CHECK (version > 0),
  PRIMARY KEY (unit_code, fiscal_year)
);
INSERT INTO goal_versions (unit_code, fiscal_year, version)
  SELECT DISTINCT unit_code, fiscal_year, 1 FROM goal_sets;

-- The audit log's filters by action and by target prefix (GET /api/audit?action=&target=) as
-- index ranges rather than scans of the whole log.
CREATE INDEX audit_log_by_action ON audit_log(action, id);
CREATE INDEX audit_log_by_target ON audit_log(target, id);

-- The suggestions' search (GET /api/congress/search): SQLite has its FTS5 trigram table (009);
-- here pg_trgm's GIN index answers `title ILIKE '%…%' OR body ILIKE '%…%'` (three characters or
-- more; Chinese text is split into trigrams like any other). pg_trgm ships with PostgreSQL
-- (Debian: postgresql-15) and is a trusted extension: the database's owner may create it.
-- fastupdate off: new suggestions go into the index at once rather than into GIN's pending list,
-- which a search must read whole until (auto)vacuum merges it, and which makes the planner
-- prefer a sequential scan meanwhile. Suggestions are written a few thousand a year.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX congress_suggestions_trgm ON congress_suggestions USING gin (title gin_trgm_ops, body gin_trgm_ops)
  WITH (fastupdate = off);
