-- See ../sqlite/0016_autosave_base_version.sql.
ALTER TABLE article_autosaves ADD COLUMN base_version BIGINT NOT NULL DEFAULT 0;
