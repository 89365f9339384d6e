-- 0025: where IMAP sync stands in each folder of a source: the folder's UIDVALIDITY and the
-- highest UID whose headers are in the log. A new UIDVALIDITY means the server renumbered the
-- folder: it is read again from the start (Message-IDs keep that from counting anything twice).

CREATE TABLE IF NOT EXISTS imap_folder (
    source TEXT NOT NULL REFERENCES sync_source(name) ON DELETE CASCADE,
    folder TEXT NOT NULL,             -- the folder's name as the server spells it (modified UTF-7)
    uidvalidity INTEGER NOT NULL,
    last_uid INTEGER NOT NULL,        -- every message up to this UID has been applied
    updated_at TEXT NOT NULL,
    PRIMARY KEY (source, folder)
);
