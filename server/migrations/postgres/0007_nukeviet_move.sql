-- The articles moved from NukeViet: the NukeViet edit each came from and the version the
-- move made, so that a later move updates only what changed there and leaves alone what
-- staff changed here since.
CREATE TABLE moved_articles (
    legacy_id  BIGINT PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    edited_at  BIGINT NOT NULL,
    version    BIGINT NOT NULL
);

-- Votes counted by NukeViet before the move: shown with the portal's own.
ALTER TABLE poll_options ADD COLUMN carried_votes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE polls ADD COLUMN carried_voters BIGINT NOT NULL DEFAULT 0;
