-- Where each article and category lived on the NukeViet site, so the old addresses
-- answer 301 to the new ones: an article by its NukeViet id, a category by its alias.
ALTER TABLE articles ADD COLUMN legacy_id INTEGER;
CREATE UNIQUE INDEX articles_by_legacy_id ON articles (legacy_id) WHERE legacy_id IS NOT NULL;
ALTER TABLE categories ADD COLUMN legacy_alias TEXT;
CREATE UNIQUE INDEX categories_by_legacy_alias ON categories (legacy_alias) WHERE legacy_alias IS NOT NULL;
