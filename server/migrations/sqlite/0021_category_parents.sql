-- A category may sit under another (NukeViet's sub-categories): the menu shows the top
-- level, and a category's page lists its children's articles too.
ALTER TABLE categories ADD COLUMN parent_id INTEGER REFERENCES categories (id) ON DELETE SET NULL;
