-- 0037 (issue 15): the S a week's gift was chosen with ahead of its week (services/mesh/
-- gift_ahead.py): at the end of an import, next week's gift is chosen with the S of the step an
-- import prepared (layer_prepared), and each warm contact's S is kept here, so that the week's
-- first `plan` can tell in SQL, without reading S into Python, that the layers stand at exactly
-- that S (every row here equal in layer_state, and as many warm there).
CREATE TABLE IF NOT EXISTS gift_strength (
    person_id INTEGER PRIMARY KEY,
    strength  REAL NOT NULL
);
