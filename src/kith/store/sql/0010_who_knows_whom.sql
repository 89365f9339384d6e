-- rewrites data
-- 0010: who knows whom. The user's own word on a pair of contacts joins the link evidence:
-- 'explicit' (they know each other: `kith knows A B`), 'knows_well' (`--well`) and 'not'
-- (`--not`: they do not, whatever else suggests it). A 'not' link overrides every other kind
-- for its pair and is never a mutual contact. SQLite cannot change a CHECK constraint, so the
-- table is rebuilt with its index and the layer-staleness triggers of 0008.
CREATE TABLE link_new (                  -- contact-contact evidence; a < b
    id       INTEGER PRIMARY KEY,
    a_id     INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    b_id     INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    kind     TEXT NOT NULL CHECK (kind IN ('explicit', 'knows_well', 'not', 'co_recipient',
                 'co_attendee', 'same_organisation', 'referral', 'introduction')),
    count    INTEGER NOT NULL DEFAULT 1,
    evidence TEXT,
    last_at  TEXT,
    run_id   INTEGER REFERENCES import_run(id) ON DELETE SET NULL,
    CHECK (a_id < b_id),
    UNIQUE (a_id, b_id, kind)
);
INSERT INTO link_new (id, a_id, b_id, kind, count, evidence, last_at, run_id)
SELECT id, a_id, b_id, kind, count, evidence, last_at, run_id FROM link;
DROP TABLE link;
ALTER TABLE link_new RENAME TO link;
CREATE INDEX link_b ON link(b_id);

CREATE TRIGGER layers_stale_link_added AFTER INSERT ON link
WHEN (SELECT value FROM meta WHERE key = 'layers.instant') IS NOT NULL
BEGIN INSERT OR REPLACE INTO meta (key, value) VALUES ('layers.stale', '1'); END;

CREATE TRIGGER layers_stale_link_removed AFTER DELETE ON link
WHEN (SELECT value FROM meta WHERE key = 'layers.instant') IS NOT NULL
BEGIN INSERT OR REPLACE INTO meta (key, value) VALUES ('layers.stale', '1'); END;
