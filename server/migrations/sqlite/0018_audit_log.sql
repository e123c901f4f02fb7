-- The audit log of staff actions (sign-ins and failures, saves, publishes, deletes,
-- restores, uploads, user and role changes): who, what, when, from which network. Only
-- ever added to by the server, and pruned after its retention (`--audit-keep-days`).
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    user_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    username TEXT NOT NULL,
    action   TEXT NOT NULL,
    subject  TEXT,
    network  TEXT NOT NULL
);
CREATE INDEX audit_log_by_time ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_by_user ON audit_log (username, at DESC);
