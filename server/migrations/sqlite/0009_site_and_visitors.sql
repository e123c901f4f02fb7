-- The agency behind the portal, shown in every page's footer: one row.
CREATE TABLE site (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    agency              TEXT NOT NULL,
    governing_body      TEXT NOT NULL,
    address             TEXT,
    phone               TEXT,
    fax                 TEXT,
    email               TEXT,
    responsible         TEXT,
    licence             TEXT,
    public_services_url TEXT,
    demo                INTEGER NOT NULL DEFAULT 0
);

-- "Thống kê truy cập". Who was seen on a day (Vietnam time), and when last: the only
-- per-reader rows, deleted once their day is over.
CREATE TABLE visitors_of_day (
    day       TEXT NOT NULL,
    visitor   TEXT NOT NULL,
    last_seen INTEGER NOT NULL,
    PRIMARY KEY (day, visitor)
) WITHOUT ROWID;
CREATE INDEX visitors_by_last_seen ON visitors_of_day (last_seen);

-- How many readers each day had: what is left of a day once its readers are forgotten.
CREATE TABLE visitors_by_day (
    day      TEXT PRIMARY KEY,
    visitors INTEGER NOT NULL
) WITHOUT ROWID;

-- The sidebar may now hold the counter: the kinds' CHECK is rewritten (SQLite cannot
-- alter one in place).
CREATE TABLE sidebar_blocks_new (
    kind     TEXT PRIMARY KEY
             CHECK (kind IN ('poll', 'public_services', 'showcase', 'weblinks', 'visitors')),
    title    TEXT NOT NULL,
    position INTEGER NOT NULL,
    visible  INTEGER NOT NULL DEFAULT 1
);
INSERT INTO sidebar_blocks_new (kind, title, position, visible)
    SELECT kind, title, position, visible FROM sidebar_blocks;
DROP TABLE sidebar_blocks;
ALTER TABLE sidebar_blocks_new RENAME TO sidebar_blocks;
