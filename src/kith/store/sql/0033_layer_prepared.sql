-- 0033 (issue 15): the next Monday's layers worked out ahead (services/plan.prepare, at the end
-- of an import) and kept beside the current ones, so that the first command of a new week
-- promotes them (two renames and the two indexes built again: ~45 ms on profile L) instead of
-- stepping (~0.75 s). The rows are those the step would leave; meta 'layers.prepared' says
-- what they were computed from (store/layers.py), and any change to what the step reads
-- deletes it (the triggers below), after which the first command of the week steps as before.
-- Each trigger's WHEN is one lookup of meta's primary key: an import pays it per row, and the
-- deletion once.

CREATE TABLE IF NOT EXISTS layer_prepared (
    person_id INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
    layer     TEXT NOT NULL CHECK (layer IN ('L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7')),
    above     INTEGER NOT NULL DEFAULT 0,
    below     INTEGER NOT NULL DEFAULT 0,
    bound     TEXT,
    s_max     REAL NOT NULL DEFAULT 0,
    peaks     BLOB,
    strength  REAL NOT NULL DEFAULT 0
);

-- The tie rows (every log write and import keeps them), the channels used, everyone's own
-- inputs (rating, pin, known since, created, kind, archived; people added or removed) and the
-- kin relationships: all strengths() reads. The links (mutual counts) are in the stamp as the
-- network version (migration 0020).
CREATE TRIGGER IF NOT EXISTS layers_prepared_tie_added AFTER INSERT ON tie
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
BEGIN DELETE FROM meta WHERE key = 'layers.prepared'; END;
CREATE TRIGGER IF NOT EXISTS layers_prepared_tie_changed AFTER UPDATE ON tie
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
BEGIN DELETE FROM meta WHERE key = 'layers.prepared'; END;
CREATE TRIGGER IF NOT EXISTS layers_prepared_tie_removed AFTER DELETE ON tie
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
BEGIN DELETE FROM meta WHERE key = 'layers.prepared'; END;

CREATE TRIGGER IF NOT EXISTS layers_prepared_channel_added AFTER INSERT ON person_channel
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
BEGIN DELETE FROM meta WHERE key = 'layers.prepared'; END;
CREATE TRIGGER IF NOT EXISTS layers_prepared_channel_changed AFTER UPDATE ON person_channel
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
BEGIN DELETE FROM meta WHERE key = 'layers.prepared'; END;
CREATE TRIGGER IF NOT EXISTS layers_prepared_channel_removed AFTER DELETE ON person_channel
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
BEGIN DELETE FROM meta WHERE key = 'layers.prepared'; END;

CREATE TRIGGER IF NOT EXISTS layers_prepared_person_added AFTER INSERT ON person
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
BEGIN DELETE FROM meta WHERE key = 'layers.prepared'; END;
CREATE TRIGGER IF NOT EXISTS layers_prepared_person_changed
AFTER UPDATE OF closeness, pinned, known_since, created_at, kind, archived ON person
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
BEGIN DELETE FROM meta WHERE key = 'layers.prepared'; END;
CREATE TRIGGER IF NOT EXISTS layers_prepared_person_removed AFTER DELETE ON person
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
BEGIN DELETE FROM meta WHERE key = 'layers.prepared'; END;

CREATE TRIGGER IF NOT EXISTS layers_prepared_relationship_added AFTER INSERT ON relationship
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
BEGIN DELETE FROM meta WHERE key = 'layers.prepared'; END;
CREATE TRIGGER IF NOT EXISTS layers_prepared_relationship_changed AFTER UPDATE ON relationship
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
BEGIN DELETE FROM meta WHERE key = 'layers.prepared'; END;
CREATE TRIGGER IF NOT EXISTS layers_prepared_relationship_removed AFTER DELETE ON relationship
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
BEGIN DELETE FROM meta WHERE key = 'layers.prepared'; END;
