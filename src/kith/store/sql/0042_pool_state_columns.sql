-- 0042 (issue 15): what the week's pool reads of a layer table is a row's layer and S_max
-- (store/week/plan.py POOL_COLUMNS and POOL_WHICH, store/week/pool.py AHEAD_WHICH), never S
-- (strength). A weekly step updates S alone for nearly everyone (~23,000 rows on profile L),
-- and each of those updates ran 0041's trigger on its row: its WHEN alone (~27 ms a step on
-- L), or, with a pool kept from a preparation that was not promoted, a row of
-- plan_pool_touched for everyone (~120 ms) whose rows would then be read again for nothing.
-- The update triggers now watch the columns the pool reads (and the id). Both tables get the
-- same two, as 0041 made them: `promote` swaps the tables by name and a trigger follows its
-- table, so either name may be on either table; both are made again here on their own names.

DROP TRIGGER IF EXISTS plan_pool_state_changed;
DROP TRIGGER IF EXISTS plan_pool_prepared_changed;

CREATE TRIGGER IF NOT EXISTS plan_pool_state_changed
AFTER UPDATE OF person_id, layer, s_max ON layer_state
WHEN EXISTS (SELECT 1 FROM plan_pool_prepared)
BEGIN
    INSERT INTO plan_pool_touched (person_id) SELECT OLD.person_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = OLD.person_id);
    INSERT INTO plan_pool_touched (person_id) SELECT NEW.person_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = NEW.person_id);
END;

CREATE TRIGGER IF NOT EXISTS plan_pool_prepared_changed
AFTER UPDATE OF person_id, layer, s_max ON layer_prepared
WHEN EXISTS (SELECT 1 FROM plan_pool_prepared)
BEGIN
    INSERT INTO plan_pool_touched (person_id) SELECT OLD.person_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = OLD.person_id);
    INSERT INTO plan_pool_touched (person_id) SELECT NEW.person_id
    WHERE NOT EXISTS (SELECT 1 FROM plan_pool_touched WHERE person_id = NEW.person_id);
END;
