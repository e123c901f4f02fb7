-- The articles moved from NukeViet: the NukeViet edit each came from and the version the
-- move made, so that a later move updates only what changed there and leaves alone what
-- staff changed here since.
CREATE TABLE moved_articles (
    legacy_id  INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    edited_at  INTEGER NOT NULL,
    version    INTEGER NOT NULL
);

-- Votes counted by NukeViet before the move: shown with the portal's own.
ALTER TABLE poll_options ADD COLUMN carried_votes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE polls ADD COLUMN carried_voters INTEGER NOT NULL DEFAULT 0;
