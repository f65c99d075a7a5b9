-- 011: import profiles — how one unit's exports are read (header row, column mapping, unit and
-- year rules as JSON, ledger/import_profile.hpp), per unit and name.
CREATE TABLE import_profiles (
  unit_code    TEXT NOT NULL,
  name         TEXT NOT NULL,
  kind         TEXT NOT NULL,
  definition   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  updated_by   TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (unit_code, name)
);
