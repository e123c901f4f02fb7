-- Per-network valves: ballots remember the network they came from (IPv4 address or
-- IPv6 /64), and every valve counts by network and time.
ALTER TABLE ballots ADD COLUMN ip TEXT NOT NULL DEFAULT '';
CREATE INDEX ballots_by_ip ON ballots (ip, cast_at);
CREATE INDEX ratings_by_network ON ratings (ip, created_at);
CREATE INDEX sign_in_failures_by_ip ON sign_in_failures (ip, at);
