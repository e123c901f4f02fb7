CREATE TABLE categories (
    id       INTEGER PRIMARY KEY,
    slug     TEXT NOT NULL UNIQUE,
    title    TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    category_id  INTEGER NOT NULL REFERENCES categories (id),
    title        TEXT NOT NULL,
    summary      TEXT NOT NULL,
    -- Sanitized when imported: the import is the only way content enters the database.
    body_html    TEXT NOT NULL,
    author       TEXT NOT NULL,
    source       TEXT,
    -- A JSON array of strings.
    tags         TEXT NOT NULL DEFAULT '[]',
    -- Unix seconds, UTC.
    published_at INTEGER NOT NULL,
    views        INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX articles_newest ON articles (published_at DESC, id DESC);
CREATE INDEX articles_newest_in_category ON articles (category_id, published_at DESC, id DESC);

-- One row per visitor and article: a view is counted once per visitor.
CREATE TABLE article_views (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    visitor    TEXT NOT NULL,
    PRIMARY KEY (article_id, visitor)
) WITHOUT ROWID;
