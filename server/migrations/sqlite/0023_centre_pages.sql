-- The centre's own pages ("Giới thiệu", "Chức năng, nhiệm vụ" …: NukeViet's "page"
-- module), each at /trang/{slug}, in the header's menu when `in_menu`.
CREATE TABLE centre_pages (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    title      TEXT NOT NULL,
    summary    TEXT NOT NULL DEFAULT '',
    -- Sanitized before it is written, as an article's body.
    body_html  TEXT NOT NULL,
    position   INTEGER NOT NULL DEFAULT 0,
    in_menu    INTEGER NOT NULL DEFAULT 1,
    -- Raised by every save: the newsroom's edits are checked against it.
    version    INTEGER NOT NULL DEFAULT 1,
    -- Unix seconds, UTC.
    updated_at INTEGER NOT NULL,
    -- A page moved from a NukeViet "page" module: the module's name and the page's alias,
    -- which its old address /{lang}/{module}/{alias}.html names.
    legacy_module TEXT,
    legacy_alias  TEXT
);
CREATE UNIQUE INDEX centre_pages_by_legacy_address ON centre_pages (legacy_module, legacy_alias)
    WHERE legacy_module IS NOT NULL;
