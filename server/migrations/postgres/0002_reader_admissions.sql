-- See ../sqlite/0015_reader_admissions.sql.
CREATE TABLE reader_admissions (
    reader       TEXT PRIMARY KEY,
    network      TEXT NOT NULL,
    wide_network TEXT NOT NULL,
    admitted_at  BIGINT NOT NULL
);
CREATE INDEX reader_admissions_by_network ON reader_admissions (network, admitted_at);
CREATE INDEX reader_admissions_by_wide_network ON reader_admissions (wide_network, admitted_at);
