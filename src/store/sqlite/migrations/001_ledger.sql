-- 001: the budget ledger. Money in integer 分 (*_fen), dates as ISO text 'YYYY-MM-DD'.
CREATE TABLE imports (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('budget', 'adjustments', 'payments')),
  source_name   TEXT NOT NULL,
  content_hash  TEXT NOT NULL UNIQUE,
  rows          INTEGER NOT NULL,
  imported_at   TEXT NOT NULL
);

CREATE TABLE units (
  id           INTEGER PRIMARY KEY,
  code         TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  parent_code  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE budget_lines (
  id             INTEGER PRIMARY KEY,
  unit_id        INTEGER NOT NULL REFERENCES units(id),
  fiscal_year    INTEGER NOT NULL,
  code           TEXT NOT NULL,
  name           TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('basic', 'project')),
  function_code  TEXT NOT NULL DEFAULT '',
  economic_code  TEXT NOT NULL DEFAULT '',
  fund_source    TEXT NOT NULL DEFAULT '',
  initial_fen    INTEGER NOT NULL,
  import_id      INTEGER REFERENCES imports(id),
  UNIQUE (unit_id, fiscal_year, code)
);

CREATE TABLE adjustments (
  id               INTEGER PRIMARY KEY,
  line_id          INTEGER NOT NULL REFERENCES budget_lines(id),
  date             TEXT NOT NULL,
  amount_fen       INTEGER NOT NULL,
  document_number  TEXT NOT NULL DEFAULT '',
  reason           TEXT NOT NULL DEFAULT '',
  import_id        INTEGER REFERENCES imports(id)
);
CREATE INDEX adjustments_by_line ON adjustments(line_id, date);

CREATE TABLE payments (
  id              INTEGER PRIMARY KEY,
  line_id         INTEGER NOT NULL REFERENCES budget_lines(id),
  date            TEXT NOT NULL,
  amount_fen      INTEGER NOT NULL,
  economic_code   TEXT NOT NULL DEFAULT '',
  voucher_number  TEXT NOT NULL,
  summary         TEXT NOT NULL DEFAULT '',
  import_id       INTEGER REFERENCES imports(id)
);
CREATE INDEX payments_by_line ON payments(line_id, date);
