-- The networks each username signed in from (lower case, as usernames compare): once a
-- username has had too many failed sign-ins within the hour from everywhere, only these
-- may go on trying, so a flood of guesses from elsewhere neither guesses on nor locks the
-- user out of their own office.
CREATE TABLE sign_in_networks (
    username TEXT NOT NULL,
    network  TEXT NOT NULL,
    last_at  INTEGER NOT NULL,
    PRIMARY KEY (username, network)
) WITHOUT ROWID;
-- A username's failures from every network, in any case.
CREATE INDEX sign_in_failures_by_username ON sign_in_failures (lower(username), at);
