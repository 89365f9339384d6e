-- 0051 (issue 15): the weekly step's whole inputs kept as blocks of 64 ids (store/week/blocks.py):
-- every contact's inputs (people_block: id, rating, the day known since as its ordinal, pinned,
-- created) and every tie row (tie_block: TIES_SQL's nine columns), float64 little-endian, a
-- row per id, ids ascending, the block's rows end to end (empty when it has none). A cold week
-- read both whole (~560 M instructions on profile L) though almost none changed; now the blocks
-- kept, and the few the triggers below dropped read again by id range.
-- Exact by construction: every INSERT, UPDATE or DELETE that could change a block's rows deletes
-- its row (writers pay one indexed delete). A migration that rebuilds person or tie (its
-- triggers go with the table) must empty these tables and make these triggers again.
-- The migration's Python step (store/migrations.py STEPS, blocks.fill) fills both after these
-- statements, so the first week after the upgrade is not cold for them.
CREATE TABLE IF NOT EXISTS people_block (
    block INTEGER PRIMARY KEY,  -- person ids block·64 … block·64 + 63
    data  BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS tie_block (
    block INTEGER PRIMARY KEY,  -- tie rows of person ids block·64 … block·64 + 63
    data  BLOB NOT NULL
);

-- (run again over a file that has them, as some migrations' tests do, it keeps none of the old)
DELETE FROM people_block;
DELETE FROM tie_block;

CREATE TRIGGER IF NOT EXISTS people_block_person_added AFTER INSERT ON person
BEGIN DELETE FROM people_block WHERE block = NEW.id >> 6; END;
CREATE TRIGGER IF NOT EXISTS people_block_person_changed
AFTER UPDATE OF id, kind, archived, closeness, known_since, pinned, created_at ON person
BEGIN DELETE FROM people_block WHERE block IN (OLD.id >> 6, NEW.id >> 6); END;
CREATE TRIGGER IF NOT EXISTS people_block_person_removed AFTER DELETE ON person
BEGIN DELETE FROM people_block WHERE block = OLD.id >> 6; END;

CREATE TRIGGER IF NOT EXISTS tie_block_tie_added AFTER INSERT ON tie
BEGIN DELETE FROM tie_block WHERE block = NEW.person_id >> 6; END;
CREATE TRIGGER IF NOT EXISTS tie_block_tie_changed AFTER UPDATE ON tie
BEGIN DELETE FROM tie_block WHERE block IN (OLD.person_id >> 6, NEW.person_id >> 6); END;
CREATE TRIGGER IF NOT EXISTS tie_block_tie_removed AFTER DELETE ON tie
BEGIN DELETE FROM tie_block WHERE block = OLD.person_id >> 6; END;
