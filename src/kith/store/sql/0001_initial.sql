-- 0001 initial: people, identities, interactions, events, links and the search indexes.
-- Instants are TEXT in UTC, ISO 8601 to the second with a Z (2026-11-22T09:00:00Z): they sort as text.
-- Calendar days are TEXT YYYY-MM-DD.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE import_run (               -- one `kith import` of one file (or one demo build)
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,            -- the reader: kith-json, demo, ...
    path        TEXT,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    summary     TEXT                      -- JSON counts of what it created and skipped
);

CREATE TABLE organisation (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL,
    norm   TEXT NOT NULL UNIQUE,          -- case-folded, accents and legal suffixes removed
    domain TEXT
);

CREATE TABLE event (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    day        TEXT NOT NULL,             -- YYYY-MM-DD
    place      TEXT,
    kind       TEXT,
    notes      TEXT,
    run_id     INTEGER REFERENCES import_run(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX event_day ON event(day);

CREATE TABLE person (
    id               INTEGER PRIMARY KEY,
    uid              TEXT NOT NULL UNIQUE,
    display_name     TEXT NOT NULL,
    name_key         TEXT NOT NULL,       -- case-folded, accents removed: exact-name lookups
    given_name       TEXT,
    family_name      TEXT,
    additional_names TEXT,
    prefix           TEXT,
    suffix           TEXT,
    nickname         TEXT,
    birthday_month   INTEGER CHECK (birthday_month BETWEEN 1 AND 12),
    birthday_day     INTEGER CHECK (birthday_day BETWEEN 1 AND 31),
    birthday_year    INTEGER,
    how_met          TEXT,                -- how we met, in the user's words
    met_where        TEXT,                -- where we met
    met_through_id   INTEGER REFERENCES person(id) ON DELETE SET NULL,
    met_event_id     INTEGER REFERENCES event(id) ON DELETE SET NULL,
    known_since      TEXT,                -- YYYY-MM-DD
    depth            TEXT CHECK (depth IN ('online', 'call', 'in_person')),
    kind             TEXT NOT NULL DEFAULT 'contact' CHECK (kind IN ('contact', 'prospect')),
    archived         INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    run_id           INTEGER REFERENCES import_run(id) ON DELETE SET NULL,  -- the import that made it
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    -- per-person aggregates, kept in the same transaction as every interaction write
    last_contact_at   TEXT,
    interaction_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX person_name_key ON person(name_key);
CREATE INDEX person_last_contact ON person(last_contact_at);

CREATE TABLE person_source (            -- which record of which source is which person
    source    TEXT NOT NULL,
    source_id TEXT NOT NULL,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    run_id    INTEGER REFERENCES import_run(id) ON DELETE SET NULL,
    PRIMARY KEY (source, source_id)
) WITHOUT ROWID;
CREATE INDEX person_source_person ON person_source(person_id);

CREATE TABLE person_uid_alias (          -- UIDs of people merged into this one, kept for life
    uid       TEXT PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE address (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    label     TEXT,                       -- home, work, ...
    street    TEXT,
    city      TEXT,
    region    TEXT,
    postcode  TEXT,
    country   TEXT
);
CREATE INDEX address_person ON address(person_id);

CREATE TABLE working_on (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    text      TEXT NOT NULL,
    as_of     TEXT NOT NULL               -- YYYY-MM-DD
);
CREATE INDEX working_on_person ON working_on(person_id, as_of);

CREATE TABLE employment (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisation(id),
    title           TEXT,
    start_day       TEXT,
    end_day         TEXT,                 -- NULL while current
    position        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX employment_person ON employment(person_id, position);
CREATE INDEX employment_organisation ON employment(organisation_id);

CREATE TABLE identity (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL CHECK (kind IN ('email', 'phone', 'linkedin', 'url', 'handle')),
    value     TEXT NOT NULL,              -- normalised: e-mail lower-cased, phone E.164, canonical URL
    raw       TEXT NOT NULL,              -- as the user or the source gave it
    label     TEXT,                       -- work, home, mobile, ...
    shared    INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
    verified  INTEGER NOT NULL DEFAULT 1 CHECK (verified IN (0, 1)),  -- 0: phone kept raw, not E.164
    position  INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX identity_unique ON identity(kind, value) WHERE shared = 0;
-- every lookup by (kind, value) uses this one; it also keeps a person from holding one twice
CREATE UNIQUE INDEX identity_lookup ON identity(kind, value, person_id);
CREATE INDEX identity_person ON identity(person_id, kind, position);  -- in card order

CREATE TABLE tag (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE person_tag (
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    tag_id    INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE,
    PRIMARY KEY (tag_id, person_id)
) WITHOUT ROWID;
CREATE INDEX person_tag_person ON person_tag(person_id);

CREATE TABLE facet (                     -- interests, needs and offers: short phrases
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('interest', 'need', 'offer')),
    text       TEXT NOT NULL COLLATE NOCASE,
    created_at TEXT NOT NULL,
    UNIQUE (person_id, kind, text)
);
CREATE INDEX facet_text ON facet(kind, text);

CREATE TABLE note (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL DEFAULT 'note' CHECK (kind IN ('note', 'news')),
    text       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX note_person ON note(person_id, created_at);

CREATE TABLE interaction (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    channel    TEXT NOT NULL CHECK (channel IN
                   ('email', 'message', 'social', 'call', 'video', 'in_person', 'event')),
    direction  TEXT NOT NULL CHECK (direction IN ('out', 'in', 'both')),
    kind       TEXT NOT NULL DEFAULT 'checkin' CHECK (kind IN
                   ('checkin', 'give', 'ask', 'thanks', 'intro')),
    summary    TEXT NOT NULL,
    notes      TEXT,
    event_id   INTEGER REFERENCES event(id) ON DELETE SET NULL,
    source     TEXT NOT NULL,             -- where it came from: manual, kith-json, linkedin, ...
    source_id  TEXT NOT NULL,             -- stable id within that source (Message-ID, hash, ...)
    run_id     INTEGER REFERENCES import_run(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX interaction_at ON interaction(at);
CREATE UNIQUE INDEX interaction_source ON interaction(source, source_id);

CREATE TABLE participant (
    interaction_id INTEGER NOT NULL REFERENCES interaction(id) ON DELETE CASCADE,
    person_id      INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    PRIMARY KEY (person_id, interaction_id)
) WITHOUT ROWID;
CREATE INDEX participant_interaction ON participant(interaction_id);

CREATE TABLE person_channel (            -- aggregate: last contact and count per channel
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    channel   TEXT NOT NULL,
    last_at   TEXT NOT NULL,
    count     INTEGER NOT NULL,
    PRIMARY KEY (person_id, channel)
) WITHOUT ROWID;
CREATE INDEX person_channel_last ON person_channel(channel, last_at);

CREATE TABLE attendee (
    event_id  INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, person_id)
) WITHOUT ROWID;
CREATE INDEX attendee_person ON attendee(person_id);

CREATE TABLE link (                      -- contact-contact evidence; a < b
    id       INTEGER PRIMARY KEY,
    a_id     INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    b_id     INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    kind     TEXT NOT NULL CHECK (kind IN ('explicit', 'co_recipient', 'co_attendee',
                 'same_organisation', 'referral', 'introduction')),
    count    INTEGER NOT NULL DEFAULT 1,
    evidence TEXT,
    last_at  TEXT,
    CHECK (a_id < b_id),
    UNIQUE (a_id, b_id, kind)
);
CREATE INDEX link_b ON link(b_id);

CREATE TABLE relationship (              -- typed: a is b's <type> (a parent of b, a manager of b)
    id         INTEGER PRIMARY KEY,
    a_id       INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    b_id       INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    type       TEXT NOT NULL CHECK (type IN ('spouse', 'partner', 'parent', 'child', 'sibling',
                   'colleague', 'manager', 'friend')),
    created_at TEXT NOT NULL,
    CHECK (a_id <> b_id),
    UNIQUE (a_id, b_id, type)
);
CREATE INDEX relationship_b ON relationship(b_id);

CREATE TABLE referral (                  -- referrer suggested that the user meet referred
    id             INTEGER PRIMARY KEY,
    referrer_id    INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    referred_id    INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    note           TEXT,
    created_at     TEXT NOT NULL,
    followed_up_at TEXT,
    thanked_at     TEXT,
    CHECK (referrer_id <> referred_id)
);

CREATE TABLE introduction (              -- the user introduces a and b (double opt-in)
    id         INTEGER PRIMARY KEY,
    a_id       INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    b_id       INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    why        TEXT,
    state      TEXT NOT NULL DEFAULT 'suggested' CHECK (state IN ('suggested', 'asked_a',
                   'asked_b', 'accepted', 'introduced', 'declined', 'followed_up')),
    outcome    TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (a_id <> b_id)
);

-- Full-text search. People: one row per person, rewritten by the store when a person changes.
CREATE VIRTUAL TABLE person_fts USING fts5(
    name, company, notes, interests, working_on,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
-- Interactions: external content over the interaction table, kept in step by triggers.
CREATE VIRTUAL TABLE interaction_fts USING fts5(
    summary, notes, content = 'interaction', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER interaction_fts_insert AFTER INSERT ON interaction BEGIN
    INSERT INTO interaction_fts(rowid, summary, notes) VALUES (new.id, new.summary, new.notes);
END;
CREATE TRIGGER interaction_fts_delete AFTER DELETE ON interaction BEGIN
    INSERT INTO interaction_fts(interaction_fts, rowid, summary, notes)
        VALUES ('delete', old.id, old.summary, old.notes);
END;
CREATE TRIGGER interaction_fts_update AFTER UPDATE OF summary, notes ON interaction BEGIN
    INSERT INTO interaction_fts(interaction_fts, rowid, summary, notes)
        VALUES ('delete', old.id, old.summary, old.notes);
    INSERT INTO interaction_fts(rowid, summary, notes) VALUES (new.id, new.summary, new.notes);
END;
-- Names by trigram over the folded name key (SQLite 3.40's trigram cannot drop accents itself):
-- substring lookups and "did you mean" suggestions.
CREATE VIRTUAL TABLE name_trigram USING fts5(name_key, tokenize = 'trigram');
