-- Search moves out of the database into an index each server keeps (src/search/): the
-- FTS5 table goes, and every change that can alter what search finds is logged here, in
-- the order the changes were committed, for every server to apply to its own index.
DROP TABLE article_search;

CREATE TABLE search_changes (
    version    INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id INTEGER NOT NULL,
    changed_at INTEGER NOT NULL DEFAULT (unixepoch())
);

-- Which database this log belongs to (an index built from another one is built again),
-- and the last version pruned from the log (an index older than that is built again).
CREATE TABLE search_log (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    epoch          TEXT NOT NULL,
    pruned_through INTEGER NOT NULL DEFAULT 0
);
INSERT INTO search_log (id, epoch) VALUES (1, lower(hex(randomblob(16))));

CREATE TRIGGER search_article_added AFTER INSERT ON articles BEGIN
    INSERT INTO search_changes (article_id) VALUES (NEW.id);
END;

CREATE TRIGGER search_article_changed
AFTER UPDATE OF title, summary, body_html, author, source, tags, status, deleted_at,
    published_at, category_id ON articles BEGIN
    INSERT INTO search_changes (article_id) VALUES (NEW.id);
END;

CREATE TRIGGER search_article_deleted AFTER DELETE ON articles BEGIN
    INSERT INTO search_changes (article_id) VALUES (OLD.id);
END;
