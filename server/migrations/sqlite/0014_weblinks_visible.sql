-- A linked website staff hide is kept (with its visits) but not shown to citizens.
ALTER TABLE weblinks ADD COLUMN visible INTEGER NOT NULL DEFAULT 1;
