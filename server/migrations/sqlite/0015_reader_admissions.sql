-- The anonymous readers whose views and visits count: a reader is admitted the first
-- time one would count, while their network (and the wider block around it) has brought
-- fewer new readers within the hour than the cap, so that a script minting cookies
-- cannot raise the counters or grow the per-reader tables without bound.
CREATE TABLE reader_admissions (
    reader       TEXT PRIMARY KEY,
    network      TEXT NOT NULL,
    wide_network TEXT NOT NULL,
    admitted_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX reader_admissions_by_network ON reader_admissions (network, admitted_at);
CREATE INDEX reader_admissions_by_wide_network ON reader_admissions (wide_network, admitted_at);
