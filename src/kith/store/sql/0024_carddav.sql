-- 0024: two-way CardDAV sync. One address book per source; the status table says, for each card
-- on the server, which person it is and how both sides looked when they last agreed, so a run
-- can tell what changed on which side; conflicts wait here for the user's choice.

CREATE TABLE IF NOT EXISTS carddav_book (
    source TEXT PRIMARY KEY REFERENCES sync_source(name) ON DELETE CASCADE,
    url TEXT NOT NULL                 -- the address book's collection URL, found by discovery
);

CREATE TABLE IF NOT EXISTS carddav_card (
    source TEXT NOT NULL REFERENCES sync_source(name) ON DELETE CASCADE,
    href TEXT NOT NULL,               -- the card's path on the server
    uid TEXT NOT NULL,                -- the card's UID (the person's UID, or one of its aliases)
    person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,  -- NULL: gone from Kith
                                      -- (an id SQLite gives again is never taken for theirs)
    etag TEXT NOT NULL,               -- the server's ETag when the two sides last agreed
    hash TEXT NOT NULL,               -- the content hash of the card both sides agreed on
    base TEXT NOT NULL,               -- that card's text: the common ancestor of a 3-way merge
    mine TEXT NOT NULL DEFAULT '',    -- the hash of the text Kith wrote for the person then
    PRIMARY KEY (source, href)
);
CREATE INDEX IF NOT EXISTS carddav_card_person ON carddav_card(person_id);

CREATE TABLE IF NOT EXISTS carddav_conflict (
    source TEXT NOT NULL REFERENCES sync_source(name) ON DELETE CASCADE,
    href TEXT NOT NULL,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    ours TEXT NOT NULL,               -- Kith's card
    theirs TEXT NOT NULL,             -- the server's card
    theirs_etag TEXT NOT NULL,
    merged TEXT,                      -- offered when the two sides changed different properties
    found_at TEXT NOT NULL,
    PRIMARY KEY (source, href)
);
