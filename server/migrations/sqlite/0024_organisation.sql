-- The centre's organisation ("Cơ cấu tổ chức", NukeViet's "organs" module): its units in
-- a tree, each with its contacts and its people.
CREATE TABLE units (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    parent_id  INTEGER REFERENCES units (id) ON DELETE SET NULL,
    position   INTEGER NOT NULL DEFAULT 0,
    address    TEXT,
    phone      TEXT,
    fax        TEXT,
    email      TEXT,
    -- Unix seconds, UTC.
    updated_at INTEGER NOT NULL
);

CREATE TABLE people (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    unit_id    INTEGER NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    -- Their position: "Giám đốc", "Trưởng phòng" …
    title      TEXT NOT NULL,
    phone      TEXT,
    email      TEXT,
    photo_id   INTEGER REFERENCES uploads (id),
    position   INTEGER NOT NULL DEFAULT 0,
    -- Listed by "Liên hệ" as someone to contact.
    contact    INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
);
CREATE INDEX people_of_unit ON people (unit_id, position, id);
