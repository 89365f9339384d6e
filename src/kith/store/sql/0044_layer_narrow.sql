-- 0044 (issue 15): S and the monthly peaks leave the layer tables for narrow tables of their
-- own. A weekly step changes S for nearly everyone (~23,000 rows on profile L) and the layer,
-- the counters and the peaks for few; with S and the 480-byte peaks in every layer_state row,
-- each update of S rewrote a ~530-byte record (all ~4,100 pages of the table) and kept the
-- strength index, and every read of the state's numbers scanned those wide pages.
-- layer_strength holds S (a row for each layer_state row, no index: a scan of its ~100 pages
-- serves `list --sort strength` and the warm counts), layer_peaks the peaks that are not all 0
-- (no row where layer_state held NULL). The prepared state (layer_prepared, migration 0033) has
-- the same two, and `promote` swaps the three pairs of names together (store/week/layers.py).
-- Nothing the week's pool reads moves (layer and S_max stay: migrations 0041 and 0042's triggers
-- watch them), and no trigger watches the new tables.

-- The strength index may be on either table under either name (promotions swap the tables),
-- and goes first: a file that ever prepared a step holds an index named
-- layer_prepared_strength, the name of a table made below (one namespace in sqlite_master).
DROP INDEX IF EXISTS layer_state_strength;
DROP INDEX IF EXISTS layer_prepared_strength;

CREATE TABLE IF NOT EXISTS layer_strength (
    person_id INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
    strength  REAL NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS layer_peaks (
    person_id INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
    peaks     BLOB NOT NULL  -- 60 float64, one per column of the month ring (meta layers.months)
);
CREATE TABLE IF NOT EXISTS layer_prepared_strength (
    person_id INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
    strength  REAL NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS layer_prepared_peaks (
    person_id INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
    peaks     BLOB NOT NULL
);

INSERT OR IGNORE INTO layer_strength (person_id, strength)
SELECT person_id, strength FROM layer_state ORDER BY person_id;
INSERT OR IGNORE INTO layer_peaks (person_id, peaks)
SELECT person_id, peaks FROM layer_state WHERE peaks IS NOT NULL ORDER BY person_id;
INSERT OR IGNORE INTO layer_prepared_strength (person_id, strength)
SELECT person_id, strength FROM layer_prepared ORDER BY person_id;
INSERT OR IGNORE INTO layer_prepared_peaks (person_id, peaks)
SELECT person_id, peaks FROM layer_prepared WHERE peaks IS NOT NULL ORDER BY person_id;

ALTER TABLE layer_state DROP COLUMN strength;
ALTER TABLE layer_state DROP COLUMN peaks;
ALTER TABLE layer_prepared DROP COLUMN strength;
ALTER TABLE layer_prepared DROP COLUMN peaks;
