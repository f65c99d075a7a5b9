-- 008: signed-in sessions, so that restarting the server does not sign everyone out. Only a
-- SHA-256 of the session token is kept; a session ends at expires_at (Unix seconds, UTC), at
-- sign-out, or when its user's password or role changes.
-- PostgreSQL dialect of sqlite/migrations/008_sessions.sql: BIGINT identity ids, TEXT in
-- the "C" collation so that ORDER BY sorts as SQLite does, BYTEA for blobs.
CREATE TABLE sessions (
  token_hash  TEXT COLLATE "C" PRIMARY KEY,
  user_name   TEXT COLLATE "C" NOT NULL REFERENCES users(name),
  csrf        TEXT COLLATE "C" NOT NULL,
  expires_at  BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_name);
