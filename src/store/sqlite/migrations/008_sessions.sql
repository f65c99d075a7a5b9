-- 008: signed-in sessions, so that restarting the server does not sign everyone out. Only a
-- SHA-256 of the session token is kept; a session ends at expires_at (Unix seconds, UTC), at
-- sign-out, or when its user's password or role changes.
CREATE TABLE sessions (
  token_hash  TEXT PRIMARY KEY,
  user_name   TEXT NOT NULL REFERENCES users(name),
  csrf        TEXT NOT NULL,
  expires_at  INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_name);
