-- What an editor had typed in an article and not saved yet, saved by the editor itself
-- every 30 seconds: one per article and user, gone with the next real save.
CREATE TABLE article_autosaves (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- `portal_contract::newsroom::ArticleDraft` as JSON.
    content    TEXT NOT NULL,
    saved_at   INTEGER NOT NULL,
    PRIMARY KEY (article_id, user_id)
) WITHOUT ROWID;
