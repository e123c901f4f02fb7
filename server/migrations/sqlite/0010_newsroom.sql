-- Staff roles: an `editor` writes and publishes content, an `admin` also manages the
-- users; a user without a role (a citizen's account) reaches no newsroom API. Users
-- from before the newsroom were all staff, and become editors. A disabled user cannot
-- sign in, and their sessions were ended when they were disabled.
ALTER TABLE users ADD COLUMN role TEXT DEFAULT 'editor' CHECK (role IN ('editor', 'admin'));
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;

-- An article's life in the newsroom. `status` is what the editor chose; `version` goes up
-- with every save (a stale save is refused); `deleted_at` puts it in the bin.
ALTER TABLE articles ADD COLUMN status TEXT NOT NULL DEFAULT 'published'
    CHECK (status IN ('draft', 'published', 'unpublished'));
ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE articles ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN updated_by INTEGER REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE articles ADD COLUMN deleted_at INTEGER;
UPDATE articles SET updated_at = published_at;
CREATE INDEX articles_by_change ON articles (updated_at DESC, id DESC);

-- What citizens, feeds, search and the sitemap may see: published, its time come, not in
-- the bin. Every citizen's query reads this view, never `articles`.
CREATE VIEW public_articles AS
    SELECT * FROM articles
    WHERE status = 'published' AND deleted_at IS NULL AND published_at <= unixepoch();

-- Every saved version of an article (the current one too), with who saved it and when:
-- an editor compares them and restores one.
CREATE TABLE article_revisions (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    -- The article as saved: `portal_contract::newsroom::ArticleDraft` as JSON.
    content    TEXT NOT NULL,
    saved_at   INTEGER NOT NULL,
    saved_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (article_id, version)
) WITHOUT ROWID;

-- The articles from before the newsroom start with their imported text as version 1.
INSERT INTO article_revisions (article_id, version, content, saved_at, saved_by)
SELECT a.id, 1,
       json_object(
           'title', a.title, 'slug', a.slug, 'category', c.slug, 'summary', a.summary,
           'body_html', a.body_html, 'author', a.author, 'source', a.source,
           'tags', json(a.tags), 'status', 'published',
           'published_at', strftime('%Y-%m-%dT%H:%M:%SZ', a.published_at, 'unixepoch'),
           'allow_rating', json(CASE WHEN a.allow_rating THEN 'true' ELSE 'false' END)),
       a.published_at, NULL
FROM articles a JOIN categories c ON c.id = a.category_id;
