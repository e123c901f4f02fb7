ALTER TABLE articles ADD COLUMN allow_rating INTEGER NOT NULL DEFAULT 1;
-- The summary, kept in step with `ratings` inside the transaction that adds a rating.
ALTER TABLE articles ADD COLUMN rating_total INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN rating_count INTEGER NOT NULL DEFAULT 0;

-- One rating per reader per article: the primary key is the rule, not application code.
CREATE TABLE ratings (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    -- 'v:<uuid>' for an anonymous visitor, 'u:<id>' for a signed-in user.
    reader     TEXT NOT NULL,
    point      INTEGER NOT NULL CHECK (point BETWEEN 1 AND 5),
    ip         TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (article_id, reader)
) WITHOUT ROWID;

CREATE INDEX ratings_by_ip ON ratings (article_id, ip, created_at);
