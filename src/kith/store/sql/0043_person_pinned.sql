-- 0043 (issue 15): the pinned are found by index. The week's pool (store/week/plan.py
-- NEAR_ROWS_SQL) finds its people by index: the layers that have a cadence (layer_state_layer),
-- a cadence of their own (person_cadence) and the pinned, who alone had none, so that part
-- read every person (profile L: 30,000 rows for a handful; the whole choice ~6 ms).

CREATE INDEX IF NOT EXISTS person_pinned ON person(id) WHERE pinned = 1;
