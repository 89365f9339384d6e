-- rewrites data
-- 0045: an introduction the user let go (`kith intro A B --let-go`: they stopped waiting for an
-- answer) is its own state, 'let_go', no longer a 'declined' with nobody declining. Session 14
-- stored it so, and a decline from before 0012 (or a Kith JSON document without declined_by)
-- has no decliner either: such a row reads "declined" now, neither "you let it go" nor a named
-- guess, and stays as it is (which of them it was is not known). SQLite cannot change a CHECK
-- constraint, so the table is rebuilt, keeping its rows, ids and run_id (import undo); its two
-- indexes and nine triggers (0016 stored results, 0020 network version, 0029 ledger) go with
-- the old table and are made again as they stood.
CREATE TABLE introduction_new (          -- the user introduces a and b (double opt-in)
    id          INTEGER PRIMARY KEY,
    a_id        INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    b_id        INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    why         TEXT,
    state       TEXT NOT NULL DEFAULT 'suggested' CHECK (state IN ('suggested', 'asked_a',
                    'agreed_a', 'asked_b', 'agreed_b', 'introduced', 'followed_up', 'outcome',
                    'declined', 'let_go')),
    declined_by TEXT CHECK (declined_by IN ('a', 'b')),
    outcome     TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    run_id      INTEGER REFERENCES import_run(id) ON DELETE SET NULL,
    CHECK (a_id <> b_id)
);
INSERT INTO introduction_new (id, a_id, b_id, why, state, declined_by, outcome, created_at,
                              updated_at, run_id)
SELECT id, a_id, b_id, why, state, declined_by, outcome, created_at, updated_at, run_id
  FROM introduction;
DROP TABLE introduction;
ALTER TABLE introduction_new RENAME TO introduction;
CREATE INDEX introduction_a ON introduction(a_id);
CREATE INDEX introduction_b ON introduction(b_id);

CREATE TRIGGER results_stale_introduction_added AFTER INSERT ON introduction
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER results_stale_introduction_changed AFTER UPDATE ON introduction
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;
CREATE TRIGGER results_stale_introduction_removed AFTER DELETE ON introduction
WHEN EXISTS (SELECT 1 FROM stored_result WHERE stale <> 1)
BEGIN UPDATE stored_result SET stale = 1 WHERE stale <> 1; END;

CREATE TRIGGER network_introduction_added AFTER INSERT ON introduction
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'network.version'; END;
CREATE TRIGGER network_introduction_changed AFTER UPDATE OF state ON introduction
WHEN OLD.state IS NOT NEW.state
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'network.version'; END;
CREATE TRIGGER network_introduction_removed AFTER DELETE ON introduction
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'network.version'; END;

CREATE TRIGGER ledger_introduction_added AFTER INSERT ON introduction
WHEN NEW.state IN ('introduced', 'followed_up', 'outcome')
BEGIN
  INSERT INTO ledger_change VALUES (NEW.a_id, 'intro', 'out', 1), (NEW.b_id, 'intro', 'out', 1);
END;
CREATE TRIGGER ledger_introduction_removed AFTER DELETE ON introduction
WHEN OLD.state IN ('introduced', 'followed_up', 'outcome')
BEGIN
  INSERT INTO ledger_change VALUES (OLD.a_id, 'intro', 'out', -1), (OLD.b_id, 'intro', 'out', -1);
END;
CREATE TRIGGER ledger_introduction_changed AFTER UPDATE OF state, a_id, b_id
ON introduction
WHEN OLD.state IS NOT NEW.state OR OLD.a_id IS NOT NEW.a_id OR OLD.b_id IS NOT NEW.b_id
BEGIN
  INSERT INTO ledger_change SELECT OLD.a_id, 'intro', 'out', -1
  WHERE OLD.state IN ('introduced', 'followed_up', 'outcome');
  INSERT INTO ledger_change SELECT OLD.b_id, 'intro', 'out', -1
  WHERE OLD.state IN ('introduced', 'followed_up', 'outcome');
  INSERT INTO ledger_change SELECT NEW.a_id, 'intro', 'out', 1
  WHERE NEW.state IN ('introduced', 'followed_up', 'outcome');
  INSERT INTO ledger_change SELECT NEW.b_id, 'intro', 'out', 1
  WHERE NEW.state IN ('introduced', 'followed_up', 'outcome');
END;
