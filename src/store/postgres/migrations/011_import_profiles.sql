-- 011: import profiles — how one unit's exports are read (header row, column mapping, unit and
-- year rules as JSON, ledger/import_profile.hpp), per unit and name.
-- PostgreSQL dialect of sqlite/migrations/011_import_profiles.sql.
CREATE TABLE import_profiles (
  unit_code    TEXT COLLATE "C" NOT NULL,
  name         TEXT COLLATE "C" NOT NULL,
  kind         TEXT COLLATE "C" NOT NULL,
  definition   TEXT COLLATE "C" NOT NULL,
  updated_at   TEXT COLLATE "C" NOT NULL,
  updated_by   TEXT COLLATE "C" NOT NULL DEFAULT '',
  PRIMARY KEY (unit_code, name)
);
