-- 0002: one-way correspondents kept as "seen", the merge review queue, merges with snapshots,
-- and the import run that added each row, so that `kith import --undo RUN` takes back exactly it.

CREATE TABLE seen_identity (              -- wrote to you, or you to them, but not both (yet)
    id       INTEGER PRIMARY KEY,
    kind     TEXT NOT NULL,               -- email | linkedin
    value    TEXT NOT NULL,
    name     TEXT,
    first_at TEXT NOT NULL,
    last_at  TEXT NOT NULL,
    n_out    INTEGER NOT NULL DEFAULT 0,  -- messages from you to them
    n_in     INTEGER NOT NULL DEFAULT 0,  -- messages from them to you
    run_id   INTEGER REFERENCES import_run(id) ON DELETE SET NULL,
    UNIQUE (kind, value)
);

CREATE TABLE seen_message (               -- their messages, logged when they become a person
    seen_id   INTEGER NOT NULL REFERENCES seen_identity(id) ON DELETE CASCADE,
    source    TEXT NOT NULL,
    source_id TEXT NOT NULL,
    at        TEXT NOT NULL,
    channel   TEXT NOT NULL,
    direction TEXT NOT NULL,
    summary   TEXT NOT NULL,
    run_id    INTEGER REFERENCES import_run(id) ON DELETE SET NULL,
    PRIMARY KEY (seen_id, source, source_id)
) WITHOUT ROWID;

CREATE TABLE merge_candidate (            -- the review queue: maybe one person, maybe two
    id         INTEGER PRIMARY KEY,
    a_id       INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    b_id       INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    reason     TEXT NOT NULL,
    score      REAL NOT NULL,
    state      TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'skipped', 'merged')),
    created_at TEXT NOT NULL,
    CHECK (a_id < b_id),
    UNIQUE (a_id, b_id)
);

CREATE TABLE merge (                      -- every merge, with what it takes to undo it
    id            INTEGER PRIMARY KEY,
    survivor_id   INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    absorbed_id   INTEGER NOT NULL,       -- the id the absorbed person had (and gets back)
    absorbed_name TEXT NOT NULL,
    snapshot      TEXT NOT NULL,          -- JSON: the absorbed person's rows as they were
    brought       TEXT NOT NULL,          -- JSON: what moved to the survivor, to take back
    merged_at     TEXT NOT NULL,
    undone_at     TEXT
);

CREATE TABLE run_fill (                   -- a field an import filled in on someone who existed
    run_id    INTEGER NOT NULL REFERENCES import_run(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    field     TEXT NOT NULL,
    PRIMARY KEY (run_id, person_id, field)
) WITHOUT ROWID;

ALTER TABLE identity ADD COLUMN run_id INTEGER REFERENCES import_run(id) ON DELETE SET NULL;
ALTER TABLE person_tag ADD COLUMN run_id INTEGER REFERENCES import_run(id) ON DELETE SET NULL;
ALTER TABLE facet ADD COLUMN run_id INTEGER REFERENCES import_run(id) ON DELETE SET NULL;
ALTER TABLE note ADD COLUMN run_id INTEGER REFERENCES import_run(id) ON DELETE SET NULL;
ALTER TABLE address ADD COLUMN run_id INTEGER REFERENCES import_run(id) ON DELETE SET NULL;
ALTER TABLE employment ADD COLUMN run_id INTEGER REFERENCES import_run(id) ON DELETE SET NULL;
ALTER TABLE working_on ADD COLUMN run_id INTEGER REFERENCES import_run(id) ON DELETE SET NULL;
ALTER TABLE link ADD COLUMN run_id INTEGER REFERENCES import_run(id) ON DELETE SET NULL;
ALTER TABLE relationship ADD COLUMN run_id INTEGER REFERENCES import_run(id) ON DELETE SET NULL;
ALTER TABLE attendee ADD COLUMN run_id INTEGER REFERENCES import_run(id) ON DELETE SET NULL;
ALTER TABLE referral ADD COLUMN run_id INTEGER REFERENCES import_run(id) ON DELETE SET NULL;
ALTER TABLE introduction ADD COLUMN run_id INTEGER REFERENCES import_run(id) ON DELETE SET NULL;
ALTER TABLE import_run ADD COLUMN undone_at TEXT;
