-- 002: monitoring. Plan curves of the schedule (序时进度), monthly spending plans (用款计划),
-- and payments imported in bulk as column blocks (store/payment_block_store.hpp).
-- Money in integer 分; shares in basis points (2500 = 25%).
CREATE TABLE schedule_points (
  id            INTEGER PRIMARY KEY,
  scope         TEXT NOT NULL CHECK (scope IN ('region', 'unit', 'line')),
  unit_code     TEXT NOT NULL DEFAULT '',
  line_code     TEXT NOT NULL DEFAULT '',
  checkpoint    TEXT NOT NULL,  -- 'MM-DD'
  basis_points  INTEGER NOT NULL CHECK (basis_points BETWEEN 0 AND 10000),
  UNIQUE (scope, unit_code, line_code, checkpoint)
);

CREATE TABLE spending_plans (
  id           INTEGER PRIMARY KEY,
  unit_code    TEXT NOT NULL,
  fiscal_year  INTEGER NOT NULL,
  line_code    TEXT NOT NULL,
  month        INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
  amount_fen   INTEGER NOT NULL,
  UNIQUE (unit_code, fiscal_year, line_code, month)
);

-- One row per block of up to 1M payments of one fiscal year, stored column by column.
-- Dictionaries are '\n'-joined UTF-8; per-row columns are little-endian arrays.
CREATE TABLE payment_blocks (
  id              INTEGER PRIMARY KEY,
  import_id       INTEGER NOT NULL REFERENCES imports(id),
  fiscal_year     INTEGER NOT NULL,
  rows            INTEGER NOT NULL,
  line_keys       BLOB NOT NULL,  -- dictionary: unit_code '\t' line_code
  economic_codes  BLOB NOT NULL,  -- dictionary
  line_index      BLOB NOT NULL,  -- uint32 per row, into line_keys
  date_days       BLOB NOT NULL,  -- int32 per row, days since 1970-01-01
  amount_fen      BLOB NOT NULL,  -- int64 per row
  economic_index  BLOB NOT NULL,  -- uint16 per row, into economic_codes
  voucher_numbers BLOB NOT NULL   -- '\n'-joined, one per row (may be empty)
);
CREATE INDEX payment_blocks_by_year ON payment_blocks(fiscal_year);
