-- 007: commitments (合同未付余额). One row per contract of a line and the date its unpaid
-- balance is stated for; a later date supersedes an earlier one. Importing the same balance
-- again changes nothing (the natural key below), so these rows need no import-log entry.
CREATE TABLE commitments (
  id               INTEGER PRIMARY KEY,
  line_id          INTEGER NOT NULL REFERENCES budget_lines(id),
  contract_number  TEXT NOT NULL,
  date             TEXT NOT NULL,
  amount_fen       INTEGER NOT NULL CHECK (amount_fen >= 0),
  counterparty     TEXT NOT NULL DEFAULT '',
  UNIQUE (line_id, contract_number, date)
);
