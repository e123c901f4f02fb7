-- The version an autosave was made from: restored and saved, it names that version, so
-- a colleague's later save is refused as stale instead of overwritten unseen. Autosaves
-- kept before this say version 0, which no save names: restoring one asks the editor.
ALTER TABLE article_autosaves ADD COLUMN base_version INTEGER NOT NULL DEFAULT 0;
