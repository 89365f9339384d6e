-- rewrites data
-- 0012: introductions with double opt-in. The states become suggested → asked_a → agreed_a →
-- asked_b → agreed_b → introduced → followed_up → outcome, or declined at any step (declined_by
-- says which side: 'a' or 'b'). The old 'accepted' (both said yes) is 'agreed_b'. SQLite cannot
-- change a CHECK constraint, so the table is rebuilt, keeping its ids and run_id (import undo);
-- it had no index or trigger of its own. Two indexes serve the per-person reads.
CREATE TABLE introduction_new (          -- the user introduces a and b (double opt-in)
    id          INTEGER PRIMARY KEY,
    a_id        INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    b_id        INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    why         TEXT,
    state       TEXT NOT NULL DEFAULT 'suggested' CHECK (state IN ('suggested', 'asked_a',
                    'agreed_a', 'asked_b', 'agreed_b', 'introduced', 'followed_up', 'outcome',
                    'declined')),
    declined_by TEXT CHECK (declined_by IN ('a', 'b')),
    outcome     TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    run_id      INTEGER REFERENCES import_run(id) ON DELETE SET NULL,
    CHECK (a_id <> b_id)
);
INSERT INTO introduction_new (id, a_id, b_id, why, state, outcome, created_at, updated_at, run_id)
SELECT id, a_id, b_id, why, CASE state WHEN 'accepted' THEN 'agreed_b' ELSE state END, outcome,
       created_at, updated_at, run_id FROM introduction;
DROP TABLE introduction;
ALTER TABLE introduction_new RENAME TO introduction;
CREATE INDEX introduction_a ON introduction(a_id);
CREATE INDEX introduction_b ON introduction(b_id);
