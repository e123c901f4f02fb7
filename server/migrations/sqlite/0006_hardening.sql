-- Per-network valves: ballots remember the network they came from (IPv4 address or
-- IPv6 /64), and every valve counts by network and time.
ALTER TABLE ballots ADD COLUMN ip TEXT NOT NULL DEFAULT '';
CREATE INDEX ballots_by_ip ON ballots (ip, cast_at);
CREATE INDEX ratings_by_network ON ratings (ip, created_at);
CREATE INDEX sign_in_failures_by_ip ON sign_in_failures (ip, at);

-- A session's absolute end (Unix ms): keepalives never move `expires_at` past it.
ALTER TABLE sessions ADD COLUMN ends_at INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET ends_at = created_at + 12 * 3600 * 1000;

-- Secrets the server makes itself on first start (the key that seals reader ids).
CREATE TABLE server_secrets (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;

-- A reader's view counts once a day; older rows are pruned.
ALTER TABLE article_views ADD COLUMN seen_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX article_views_by_time ON article_views (seen_at);
CREATE INDEX weblink_visitors_by_time ON weblink_visitors (last_counted_at);

-- Poll options get a stable key: a re-import matches them by it, so ballots keep
-- pointing at the option they were cast for.
ALTER TABLE poll_options ADD COLUMN slug TEXT NOT NULL DEFAULT '';
UPDATE poll_options SET slug = 'phuong-an-' || (position + 1);
CREATE UNIQUE INDEX poll_options_by_slug ON poll_options (poll_id, slug);
