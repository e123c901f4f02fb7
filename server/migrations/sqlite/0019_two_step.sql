-- Two-step sign-in: the confirmed secret (base32), one offered and not yet confirmed,
-- and the last time step whose code signed in (a code is good once).
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_offered TEXT;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;

-- Recovery codes, kept as SHA-256 hashes; one is deleted when it signs in.
CREATE TABLE recovery_codes (
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    PRIMARY KEY (user_id, code_hash)
) WITHOUT ROWID;
