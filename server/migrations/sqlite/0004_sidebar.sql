-- The sidebar's blocks: which show, in what order, under what title (NukeViet's block
-- placements), so an editor can change them without a new build.
CREATE TABLE sidebar_blocks (
    kind     TEXT PRIMARY KEY CHECK (kind IN ('poll', 'public_services', 'showcase', 'weblinks')),
    title    TEXT NOT NULL,
    position INTEGER NOT NULL,
    visible  INTEGER NOT NULL DEFAULT 1
);

-- "Liên kết Website": linked sites, grouped; visits counted through our redirect.
CREATE TABLE weblinks (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    grouping   TEXT NOT NULL,
    title      TEXT NOT NULL,
    url        TEXT NOT NULL,
    position   INTEGER NOT NULL DEFAULT 0,
    visits     INTEGER NOT NULL DEFAULT 0
);

-- When each visitor last had a visit counted, for at most one counted visit an hour.
CREATE TABLE weblink_visitors (
    weblink_id      INTEGER NOT NULL REFERENCES weblinks (id) ON DELETE CASCADE,
    visitor         TEXT NOT NULL,
    last_counted_at INTEGER NOT NULL,
    PRIMARY KEY (weblink_id, visitor)
) WITHOUT ROWID;

-- "KQ DỊCH VỤ CÔNG TRỰC TUYẾN": the year's figures of online public services.
CREATE TABLE public_service_results (
    year        INTEGER PRIMARY KEY,
    received    INTEGER NOT NULL CHECK (received >= 0),
    on_time     INTEGER NOT NULL CHECK (on_time >= 0),
    late        INTEGER NOT NULL CHECK (late >= 0),
    in_progress INTEGER NOT NULL CHECK (in_progress >= 0),
    -- The date the figures were taken, YYYY-MM-DD.
    as_of       TEXT NOT NULL
);

-- "Tiềm năng, thế mạnh và các sản phẩm thương mại": cards linking to articles.
CREATE TABLE showcase_items (
    id           INTEGER PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    image        TEXT NOT NULL,
    article_slug TEXT NOT NULL,
    position     INTEGER NOT NULL DEFAULT 0
);
