-- 0054 (issue 15): the layer's CHECK of both sets of layer_state (migration 0047) written as
-- seven comparisons instead of `layer IN ('L1', …, 'L7')`. The same values pass and fail (the
-- column's TEXT affinity and BINARY collation apply to either: a blob, a number or any other
-- text is refused by both; tests/test_layer_check.py), but SQLite builds the IN list's
-- ephemeral table again for every row a statement writes: ~1.9 µs a row, a quarter of an
-- INSERT's cost (2.8 of 10.3 ms CPU for the 1,464 rows L's first cold week writes whole, and
-- as much for every 1,500 rows a preparation or a replay writes). SQLite cannot change a CHECK
-- constraint, so both tables are rebuilt, keeping their rows; their indexes and the pool's
-- triggers (0041, 0042) go with the old tables, both dropped before any is made again (a swap
-- by name before 0047 may have left either set's trigger names on either table), and are made
-- again as they stood, the current names on set a and the prepared ones on set b.
CREATE TABLE layer_state_a_new (
    person_id   INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
    layer       TEXT NOT NULL CHECK (layer = 'L1' OR layer = 'L2' OR layer = 'L3' OR
                                     layer = 'L4' OR layer = 'L5' OR layer = 'L6' OR layer = 'L7'),
    above_since INTEGER NOT NULL DEFAULT 0,
    below_since INTEGER NOT NULL DEFAULT 0,
    bound       TEXT,
    s_max       REAL NOT NULL DEFAULT 0);
INSERT INTO layer_state_a_new (person_id, layer, above_since, below_since, bound, s_max)
SELECT person_id, layer, above_since, below_since, bound, s_max FROM layer_state_a;
CREATE TABLE layer_state_b_new (
    person_id   INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
    layer       TEXT NOT NULL CHECK (layer = 'L1' OR layer = 'L2' OR layer = 'L3' OR
                                     layer = 'L4' OR layer = 'L5' OR layer = 'L6' OR layer = 'L7'),
    above_since INTEGER NOT NULL DEFAULT 0,
    below_since INTEGER NOT NULL DEFAULT 0,
    bound       TEXT,
    s_max       REAL NOT NULL DEFAULT 0);
INSERT INTO layer_state_b_new (person_id, layer, above_since, below_since, bound, s_max)
SELECT person_id, layer, above_since, below_since, bound, s_max FROM layer_state_b;
DROP TABLE layer_state_a;
DROP TABLE layer_state_b;

ALTER TABLE layer_state_a_new RENAME TO layer_state_a;
CREATE INDEX layer_state_a_layer ON layer_state_a(layer);

CREATE TRIGGER plan_pool_state_added AFTER INSERT ON layer_state_a
WHEN EXISTS (SELECT 1 FROM plan_pool_prepared)
BEGIN
    INSERT INTO plan_pool_touched (person_id) SELECT NEW.person_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = NEW.person_id);
END;
CREATE TRIGGER plan_pool_state_removed AFTER DELETE ON layer_state_a
WHEN EXISTS (SELECT 1 FROM plan_pool_prepared)
BEGIN
    INSERT INTO plan_pool_touched (person_id) SELECT OLD.person_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = OLD.person_id);
END;
CREATE TRIGGER plan_pool_state_changed
AFTER UPDATE OF person_id, layer, s_max ON layer_state_a
WHEN EXISTS (SELECT 1 FROM plan_pool_prepared)
BEGIN
    INSERT INTO plan_pool_touched (person_id) SELECT OLD.person_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = OLD.person_id);
    INSERT INTO plan_pool_touched (person_id) SELECT NEW.person_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = NEW.person_id);
END;

ALTER TABLE layer_state_b_new RENAME TO layer_state_b;
CREATE INDEX layer_state_b_layer ON layer_state_b(layer);

CREATE TRIGGER plan_pool_prepared_added AFTER INSERT ON layer_state_b
WHEN EXISTS (SELECT 1 FROM plan_pool_prepared)
BEGIN
    INSERT INTO plan_pool_touched (person_id) SELECT NEW.person_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = NEW.person_id);
END;
CREATE TRIGGER plan_pool_prepared_removed AFTER DELETE ON layer_state_b
WHEN EXISTS (SELECT 1 FROM plan_pool_prepared)
BEGIN
    INSERT INTO plan_pool_touched (person_id) SELECT OLD.person_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = OLD.person_id);
END;
CREATE TRIGGER plan_pool_prepared_changed
AFTER UPDATE OF person_id, layer, s_max ON layer_state_b
WHEN EXISTS (SELECT 1 FROM plan_pool_prepared)
BEGIN
    INSERT INTO plan_pool_touched (person_id) SELECT OLD.person_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = OLD.person_id);
    INSERT INTO plan_pool_touched (person_id) SELECT NEW.person_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = NEW.person_id);
END;
