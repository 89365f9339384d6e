-- 0048 (issue 15): S as one row per state: the ids (int64) and their S (float64), each
-- little-endian end to end in a blob, the ids ascending (store/week/strength_blob.py). A weekly
-- step moves S for nearly everyone: 28,536 rows and ~36 ms of B-tree work on profile L, and
-- their pages in the COMMIT; now one row. SQL cannot pack REALs into a blob: the migration's
-- Python step (store/migrations.py STEPS, strength_blob.from_rows) reads each set's rows before
-- these statements and writes them packed after, in the same transaction.
DROP TABLE layer_strength_a;
DROP TABLE layer_strength_b;

CREATE TABLE layer_strength_a (
    one      INTEGER PRIMARY KEY CHECK (one = 1),
    ids      BLOB NOT NULL,  -- int64 little-endian, ascending
    strength BLOB NOT NULL   -- float64 little-endian, S of each id in turn
);
CREATE TABLE layer_strength_b (
    one      INTEGER PRIMARY KEY CHECK (one = 1),
    ids      BLOB NOT NULL,
    strength BLOB NOT NULL
);
