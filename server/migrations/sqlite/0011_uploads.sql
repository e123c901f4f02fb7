-- Files staff upload. Each is stored once, under the uploads folder, by the SHA-256 of
-- what was uploaded: `{hash}.{extension}`, and for a picture its resized copies
-- `{hash}-{width}.{extension}` (the widths in `widths`, the largest being the file itself).
CREATE TABLE uploads (
    id         INTEGER PRIMARY KEY,
    hash       TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('picture', 'attachment')),
    media_type TEXT NOT NULL,
    extension  TEXT NOT NULL,
    -- "JPEG", "PDF", "DOCX", …: what the attachments list shows.
    label      TEXT NOT NULL,
    size       INTEGER NOT NULL,
    -- The name it was uploaded with: shown, and a download's name.
    name       TEXT NOT NULL,
    width      INTEGER,
    height     INTEGER,
    widths     TEXT NOT NULL DEFAULT '[]',
    created_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL
);
