-- See ../sqlite/0017_sign_in_networks.sql.
CREATE TABLE sign_in_networks (
    username TEXT NOT NULL,
    network  TEXT NOT NULL,
    last_at  BIGINT NOT NULL,
    PRIMARY KEY (username, network)
);
-- A username's failures from every network, in any case.
CREATE INDEX sign_in_failures_by_username ON sign_in_failures (lower(username), at);
