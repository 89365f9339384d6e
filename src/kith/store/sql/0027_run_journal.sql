-- How to take back an import written in short transactions (store/journal.py): for every row
-- the run inserted, changed or deleted, in order, its key and the row as it was. A finished run
-- deletes its entries; entries of a run whose process died are replayed backwards on the next
-- open, so the file is as if the import had never started.
CREATE TABLE IF NOT EXISTS run_journal (
    seq    INTEGER PRIMARY KEY,
    token  INTEGER NOT NULL,  -- the journaled run (a random number, not an import_run id)
    tbl    TEXT NOT NULL,
    op     TEXT NOT NULL CHECK (op IN ('I', 'U', 'D')),
    key    TEXT NOT NULL,   -- the row's key, as SQL literals (new key for I and U)
    old    TEXT             -- the row before (U, D), as SQL literals of every column
);
CREATE INDEX IF NOT EXISTS run_journal_token ON run_journal(token);
