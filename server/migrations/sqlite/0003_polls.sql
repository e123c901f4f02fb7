CREATE TABLE polls (
    id                   INTEGER PRIMARY KEY,
    slug                 TEXT NOT NULL UNIQUE,
    question             TEXT NOT NULL,
    link                 TEXT,
    max_choices          INTEGER NOT NULL CHECK (max_choices >= 1),
    -- Unix seconds, UTC; a poll is hidden before it starts and shows results only after it ends.
    starts_at            INTEGER NOT NULL,
    ends_at              INTEGER,
    -- NULL: a reader may vote once; otherwise again after this many minutes.
    revote_after_minutes INTEGER CHECK (revote_after_minutes >= 1),
    featured             INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE poll_options (
    id           INTEGER PRIMARY KEY,
    poll_id      INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    title        TEXT NOT NULL,
    image        TEXT,
    -- The slug of an article about this option, if any.
    article_slug TEXT,
    UNIQUE (poll_id, position)
);

-- One row per reader and poll: when they last voted. Its primary key and a conditional
-- upsert decide, atomically, whether a ballot may be cast (once, or after the cooldown).
CREATE TABLE poll_voters (
    poll_id      INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    reader       TEXT NOT NULL,
    last_cast_at INTEGER NOT NULL,
    PRIMARY KEY (poll_id, reader)
) WITHOUT ROWID;

CREATE TABLE ballots (
    id      INTEGER PRIMARY KEY,
    poll_id INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    reader  TEXT NOT NULL,
    cast_at INTEGER NOT NULL
);

CREATE INDEX ballots_by_reader ON ballots (poll_id, reader, cast_at);

CREATE TABLE ballot_choices (
    ballot_id INTEGER NOT NULL REFERENCES ballots (id) ON DELETE CASCADE,
    option_id INTEGER NOT NULL REFERENCES poll_options (id),
    PRIMARY KEY (ballot_id, option_id)
) WITHOUT ROWID;

CREATE INDEX ballot_choices_by_option ON ballot_choices (option_id);
