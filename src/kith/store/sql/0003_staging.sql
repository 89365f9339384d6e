-- 0003: large imports stage their records first, in committed batches, so that a killed run
-- resumes where it stopped; nothing reads the stage but the import that wrote it.

CREATE TABLE stage (
    run_id INTEGER NOT NULL REFERENCES import_run(id) ON DELETE CASCADE,
    seq    INTEGER NOT NULL,
    record TEXT NOT NULL,                 -- kith.record_codec JSON
    PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

ALTER TABLE import_run ADD COLUMN fingerprint TEXT;  -- kind, path, size, mtime of what is staged
ALTER TABLE import_run ADD COLUMN staged INTEGER NOT NULL DEFAULT 0;  -- records staged so far
