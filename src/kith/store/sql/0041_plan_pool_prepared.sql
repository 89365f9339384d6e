-- 0041 (issue 15): the week's pool prepared ahead with the next Monday's step. The choice itself
-- cannot be: it is made at the command's instant (ρ, dormancy, warmth, youth, τ, snoozes, the
-- hooks, the priorities kept and the reasons' "N days ago" all move with it), so a choice made
-- ahead is what the week's first command would choose only at that very instant. What can be
-- made ahead for the whole week is what it reads: plan_pool_prepared holds the pool's rows
-- (store/week/plan.py POOL_ROWS_SQL's columns, and the last contact's text) of everyone who may
-- be in the pool at any instant of that week, read with the prepared step's layers (layer_prepared), stamped
-- with that step's stamp; the week's first command judges them at its own instant
-- (services/plan_pool.py) when that very step was promoted (meta 'layers.promoted').
-- Whatever changes a row afterwards names its person in plan_pool_touched (the triggers below:
-- a person, a tie row, a relationship, a layer row of either table, which `promote` swaps by
-- name, so both carry the same triggers), and their rows are read again when it is used. Each
-- trigger's WHEN is one lookup of a one-row table; a preparation empties both.

CREATE TABLE IF NOT EXISTS plan_pool_prepared (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    stamp TEXT NOT NULL,
    silent_before TEXT NOT NULL, -- a dormant tie is kept if silent since before this
    data  BLOB NOT NULL
);

-- (Not INSERT OR IGNORE: an upsert's own conflict clause would override it in a trigger.)
CREATE TABLE IF NOT EXISTS plan_pool_touched (
    person_id INTEGER PRIMARY KEY
);

CREATE TRIGGER IF NOT EXISTS plan_pool_person_added AFTER INSERT ON person
WHEN EXISTS (SELECT 1 FROM plan_pool_prepared)
BEGIN
    INSERT INTO plan_pool_touched (person_id) SELECT NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = NEW.id);
END;

CREATE TRIGGER IF NOT EXISTS plan_pool_person_changed AFTER UPDATE ON person
WHEN EXISTS (SELECT 1 FROM plan_pool_prepared)
BEGIN
    INSERT INTO plan_pool_touched (person_id) SELECT OLD.id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = OLD.id);
    INSERT INTO plan_pool_touched (person_id) SELECT NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = NEW.id);
END;

CREATE TRIGGER IF NOT EXISTS plan_pool_person_removed AFTER DELETE ON person
WHEN EXISTS (SELECT 1 FROM plan_pool_prepared)
BEGIN
    INSERT INTO plan_pool_touched (person_id) SELECT OLD.id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = OLD.id);
END;

CREATE TRIGGER IF NOT EXISTS plan_pool_tie_added AFTER INSERT ON tie
WHEN EXISTS (SELECT 1 FROM plan_pool_prepared)
BEGIN
    INSERT INTO plan_pool_touched (person_id) SELECT NEW.person_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = NEW.person_id);
END;

CREATE TRIGGER IF NOT EXISTS plan_pool_tie_changed AFTER UPDATE ON tie
WHEN EXISTS (SELECT 1 FROM plan_pool_prepared)
BEGIN
    INSERT INTO plan_pool_touched (person_id) SELECT OLD.person_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = OLD.person_id);
    INSERT INTO plan_pool_touched (person_id) SELECT NEW.person_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = NEW.person_id);
END;

CREATE TRIGGER IF NOT EXISTS plan_pool_tie_removed AFTER DELETE ON tie
WHEN EXISTS (SELECT 1 FROM plan_pool_prepared)
BEGIN
    INSERT INTO plan_pool_touched (person_id) SELECT OLD.person_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = OLD.person_id);
END;

CREATE TRIGGER IF NOT EXISTS plan_pool_state_added AFTER INSERT ON layer_state
WHEN EXISTS (SELECT 1 FROM plan_pool_prepared)
BEGIN
    INSERT INTO plan_pool_touched (person_id) SELECT NEW.person_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = NEW.person_id);
END;

CREATE TRIGGER IF NOT EXISTS plan_pool_state_changed AFTER UPDATE ON layer_state
WHEN EXISTS (SELECT 1 FROM plan_pool_prepared)
BEGIN
    INSERT INTO plan_pool_touched (person_id) SELECT OLD.person_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = OLD.person_id);
    INSERT INTO plan_pool_touched (person_id) SELECT NEW.person_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = NEW.person_id);
END;

CREATE TRIGGER IF NOT EXISTS plan_pool_state_removed AFTER DELETE ON layer_state
WHEN EXISTS (SELECT 1 FROM plan_pool_prepared)
BEGIN
    INSERT INTO plan_pool_touched (person_id) SELECT OLD.person_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = OLD.person_id);
END;

CREATE TRIGGER IF NOT EXISTS plan_pool_prepared_added AFTER INSERT ON layer_prepared
WHEN EXISTS (SELECT 1 FROM plan_pool_prepared)
BEGIN
    INSERT INTO plan_pool_touched (person_id) SELECT NEW.person_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = NEW.person_id);
END;

CREATE TRIGGER IF NOT EXISTS plan_pool_prepared_changed AFTER UPDATE ON layer_prepared
WHEN EXISTS (SELECT 1 FROM plan_pool_prepared)
BEGIN
    INSERT INTO plan_pool_touched (person_id) SELECT OLD.person_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = OLD.person_id);
    INSERT INTO plan_pool_touched (person_id) SELECT NEW.person_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = NEW.person_id);
END;

CREATE TRIGGER IF NOT EXISTS plan_pool_prepared_removed AFTER DELETE ON layer_prepared
WHEN EXISTS (SELECT 1 FROM plan_pool_prepared)
BEGIN
    INSERT INTO plan_pool_touched (person_id) SELECT OLD.person_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = OLD.person_id);
END;

CREATE TRIGGER IF NOT EXISTS plan_pool_relationship_added AFTER INSERT ON relationship
WHEN EXISTS (SELECT 1 FROM plan_pool_prepared)
BEGIN
    INSERT INTO plan_pool_touched (person_id) SELECT NEW.a_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = NEW.a_id);
    INSERT INTO plan_pool_touched (person_id) SELECT NEW.b_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = NEW.b_id);
END;

CREATE TRIGGER IF NOT EXISTS plan_pool_relationship_changed AFTER UPDATE ON relationship
WHEN EXISTS (SELECT 1 FROM plan_pool_prepared)
BEGIN
    INSERT INTO plan_pool_touched (person_id) SELECT OLD.a_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = OLD.a_id);
    INSERT INTO plan_pool_touched (person_id) SELECT OLD.b_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = OLD.b_id);
    INSERT INTO plan_pool_touched (person_id) SELECT NEW.a_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = NEW.a_id);
    INSERT INTO plan_pool_touched (person_id) SELECT NEW.b_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = NEW.b_id);
END;

CREATE TRIGGER IF NOT EXISTS plan_pool_relationship_removed AFTER DELETE ON relationship
WHEN EXISTS (SELECT 1 FROM plan_pool_prepared)
BEGIN
    INSERT INTO plan_pool_touched (person_id) SELECT OLD.a_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = OLD.a_id);
    INSERT INTO plan_pool_touched (person_id) SELECT OLD.b_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = OLD.b_id);
END;
