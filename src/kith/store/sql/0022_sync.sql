-- 0022: sync with servers the user already uses (CardDAV, IMAP, calendar subscriptions).
-- A source's configuration is kept here without its password (that comes from the environment
-- or the system keyring); each run is recorded with what it did, for `kith sync status`.

CREATE TABLE IF NOT EXISTS sync_source (
    name TEXT PRIMARY KEY,            -- 'carddav', 'imap', 'calendar:<n>': unique per source
    kind TEXT NOT NULL,               -- 'carddav' | 'imap' | 'calendar'
    config TEXT NOT NULL,             -- JSON: url, user, host, port, security, folders; never a secret
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS sync_run (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL REFERENCES sync_source(name) ON DELETE CASCADE,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    outcome TEXT NOT NULL DEFAULT 'running',  -- running | ok | failed | dry-run
    summary TEXT NOT NULL DEFAULT '{}',       -- JSON: counts by what changed, on which side
    error TEXT                                -- one line for a failed run, never a secret
);
CREATE INDEX IF NOT EXISTS sync_run_source ON sync_run(source, id);
