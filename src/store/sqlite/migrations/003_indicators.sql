-- 003: the indicator library (every version kept) and goals with targets and actuals.
-- Numbers of indicators (targets, actuals, points) as *_scaled INTEGER = value × 10000; dates ISO text.
CREATE TABLE indicator_versions (
  id              INTEGER PRIMARY KEY,
  code            TEXT NOT NULL,
  version         INTEGER NOT NULL,
  change          TEXT NOT NULL CHECK (change IN ('add', 'edit', 'retire')),
  effective_from  TEXT NOT NULL,
  author          TEXT NOT NULL DEFAULT '',
  reason          TEXT NOT NULL DEFAULT '',
  recorded_at     TEXT NOT NULL,
  name            TEXT NOT NULL,
  subclass        TEXT NOT NULL,
  definition      TEXT NOT NULL DEFAULT '',
  measure_unit    TEXT NOT NULL DEFAULT '',
  direction       TEXT NOT NULL CHECK (direction IN ('ge', 'le', 'eq', 'qualitative')),
  quantitative    INTEGER NOT NULL,
  formula         TEXT NOT NULL DEFAULT '',
  data_source     TEXT NOT NULL DEFAULT '',
  sectors         TEXT NOT NULL DEFAULT '',
  unit_kinds      TEXT NOT NULL DEFAULT '',
  is_core         INTEGER NOT NULL DEFAULT 0,
  target_basis    TEXT NOT NULL DEFAULT 'plan',
  typical_target  TEXT NOT NULL DEFAULT '',
  UNIQUE (code, version)
);

CREATE TABLE goal_sets (
  id              INTEGER PRIMARY KEY,
  unit_code       TEXT NOT NULL,
  fiscal_year     INTEGER NOT NULL,
  line_code       TEXT NOT NULL DEFAULT '',
  line_name       TEXT NOT NULL DEFAULT '',
  overall_target  TEXT NOT NULL DEFAULT '',
  overall_result  TEXT NOT NULL DEFAULT '',
  UNIQUE (unit_code, fiscal_year, line_code)
);

CREATE TABLE goal_indicators (
  id                  INTEGER PRIMARY KEY,
  goal_set_id         INTEGER NOT NULL REFERENCES goal_sets(id) ON DELETE CASCADE,
  position            INTEGER NOT NULL,
  indicator_code      TEXT NOT NULL,
  indicator_version   INTEGER NOT NULL,
  name                TEXT NOT NULL,
  subclass            TEXT NOT NULL,
  direction           TEXT NOT NULL,
  quantitative        INTEGER NOT NULL,
  measure_unit        TEXT NOT NULL DEFAULT '',
  target_scaled       INTEGER,
  adjusted_scaled     INTEGER,
  target_text         TEXT NOT NULL DEFAULT '',
  points_scaled       INTEGER NOT NULL DEFAULT 0,
  has_actual          INTEGER NOT NULL DEFAULT 0,
  actual_scaled       INTEGER,
  actual_grade        TEXT,
  actual_text         TEXT NOT NULL DEFAULT '',
  actual_provider     TEXT NOT NULL DEFAULT 'entered' CHECK (actual_provider IN ('entered', 'imported', 'computed')),
  actual_source       TEXT NOT NULL DEFAULT '',
  actual_recorded_at  TEXT NOT NULL DEFAULT '',
  actual_recorded_by  TEXT NOT NULL DEFAULT '',
  deviation_category  TEXT,
  deviation_reason    TEXT NOT NULL DEFAULT '',
  FOREIGN KEY (indicator_code, indicator_version) REFERENCES indicator_versions(code, version),
  UNIQUE (goal_set_id, indicator_code)
);
CREATE INDEX goal_indicators_by_indicator ON goal_indicators(indicator_code, indicator_version);
