-- An article's lead picture with its caption, and its attachments (uploads' ids, as a
-- JSON array in the order the article lists them).
ALTER TABLE articles ADD COLUMN picture_id INTEGER REFERENCES uploads (id);
ALTER TABLE articles ADD COLUMN picture_caption TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN attachment_ids TEXT NOT NULL DEFAULT '[]';
