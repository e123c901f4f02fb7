CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name  TEXT NOT NULL,
    -- argon2id, PHC string format.
    password_hash TEXT NOT NULL,
    created_at    INTEGER NOT NULL
);

-- A session is known by the SHA-256 of its token: the database never holds a token
-- that could be replayed.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    -- Unix milliseconds; moved forward by each keepalive.
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- Failed sign-ins, for the lock-out of one username from one address.
CREATE TABLE sign_in_failures (
    username TEXT NOT NULL COLLATE NOCASE,
    ip       TEXT NOT NULL,
    at       INTEGER NOT NULL
);

CREATE INDEX sign_in_failures_by_key ON sign_in_failures (username, ip, at);
