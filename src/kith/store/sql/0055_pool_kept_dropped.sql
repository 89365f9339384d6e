-- 0055 (issue 15): the week's pool rows kept ahead (0041) dropped, with the triggers that named
-- the people written since (0041, 0042, made again on both sets of layer_state by 0054). Since
-- session 19 the week's choice reads its pool by SQL (services/week/plan_pool.py: the ~850 near
-- rows it judges, ~5 ms on profile L), cheaper than unmarshalling and filtering the ~10,000 rows
-- kept (~22 ms of CPU); nothing read them any more, yet every preparation wrote them and every
-- write of a person, tie, relationship or layer row ran a trigger's lookup for them. The meta
-- row 'layers.promoted' (the step the rows were for) goes too: only they read it.
DROP TRIGGER IF EXISTS plan_pool_person_added;
DROP TRIGGER IF EXISTS plan_pool_person_changed;
DROP TRIGGER IF EXISTS plan_pool_person_removed;
DROP TRIGGER IF EXISTS plan_pool_tie_added;
DROP TRIGGER IF EXISTS plan_pool_tie_changed;
DROP TRIGGER IF EXISTS plan_pool_tie_removed;
DROP TRIGGER IF EXISTS plan_pool_relationship_added;
DROP TRIGGER IF EXISTS plan_pool_relationship_changed;
DROP TRIGGER IF EXISTS plan_pool_relationship_removed;
DROP TRIGGER IF EXISTS plan_pool_state_added;
DROP TRIGGER IF EXISTS plan_pool_state_changed;
DROP TRIGGER IF EXISTS plan_pool_state_removed;
DROP TRIGGER IF EXISTS plan_pool_prepared_added;
DROP TRIGGER IF EXISTS plan_pool_prepared_changed;
DROP TRIGGER IF EXISTS plan_pool_prepared_removed;
DROP TABLE IF EXISTS plan_pool_prepared;
DROP TABLE IF EXISTS plan_pool_touched;
DELETE FROM meta WHERE key = 'layers.promoted';
