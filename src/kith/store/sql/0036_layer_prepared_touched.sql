-- 0036 (issue 15): a change to a tie row or a channel's use (every `kith log`, edit and delete
-- of the log, and an import's writes) no longer voids the next Monday's prepared step (migration 0033): it names
-- the person in layer_prepared_touched, and the step is patched for those people before it is
-- promoted (services/layer_patch.py), exactly, from what the preparation kept of its ranking
-- (layer_prepared_rank). Every other input of the step (people, channels, kin, links, the
-- state itself, a change to the past) still voids it. The triggers keep 0033's names, so that
-- an import lifts them as before while no stamp is there (store/imports.py IDLE_WHEN).

-- (Not INSERT OR IGNORE: an upsert's own conflict clause would override it in a trigger.)
-- The people whose tie rows or channels changed since the step was prepared: emptied by a
-- preparation and by a patch.
CREATE TABLE IF NOT EXISTS layer_prepared_touched (
    person_id INTEGER PRIMARY KEY
);

-- The prepared instant's ranking (what relate/network.raw_layer_codes read), as arrays of every
-- contact by id (ascending), each a column's bytes: what the patch ranks again with the touched
-- people's new inputs. `stamp` is the preparation's (meta 'layers.prepared').
CREATE TABLE IF NOT EXISTS layer_prepared_rank (
    name  TEXT PRIMARY KEY,
    stamp TEXT NOT NULL,
    data  BLOB NOT NULL
);

DROP TRIGGER IF EXISTS layers_prepared_tie_added;
DROP TRIGGER IF EXISTS layers_prepared_tie_changed;
DROP TRIGGER IF EXISTS layers_prepared_tie_removed;
CREATE TRIGGER IF NOT EXISTS layers_prepared_tie_added AFTER INSERT ON tie
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
BEGIN INSERT INTO layer_prepared_touched (person_id) SELECT NEW.person_id
    WHERE NOT EXISTS (SELECT 1 FROM layer_prepared_touched WHERE person_id = NEW.person_id); END;
CREATE TRIGGER IF NOT EXISTS layers_prepared_tie_changed AFTER UPDATE ON tie
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
BEGIN
    INSERT INTO layer_prepared_touched (person_id) SELECT OLD.person_id
    WHERE NOT EXISTS (SELECT 1 FROM layer_prepared_touched WHERE person_id = OLD.person_id);
    INSERT INTO layer_prepared_touched (person_id) SELECT NEW.person_id
    WHERE NOT EXISTS (SELECT 1 FROM layer_prepared_touched WHERE person_id = NEW.person_id);
END;
CREATE TRIGGER IF NOT EXISTS layers_prepared_tie_removed AFTER DELETE ON tie
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
BEGIN INSERT INTO layer_prepared_touched (person_id) SELECT OLD.person_id
    WHERE NOT EXISTS (SELECT 1 FROM layer_prepared_touched WHERE person_id = OLD.person_id); END;
DROP TRIGGER IF EXISTS layers_prepared_channel_added;
DROP TRIGGER IF EXISTS layers_prepared_channel_changed;
DROP TRIGGER IF EXISTS layers_prepared_channel_removed;
CREATE TRIGGER IF NOT EXISTS layers_prepared_channel_added AFTER INSERT ON person_channel
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
BEGIN INSERT INTO layer_prepared_touched (person_id) SELECT NEW.person_id
    WHERE NOT EXISTS (SELECT 1 FROM layer_prepared_touched WHERE person_id = NEW.person_id); END;
CREATE TRIGGER IF NOT EXISTS layers_prepared_channel_changed AFTER UPDATE ON person_channel
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
BEGIN
    INSERT INTO layer_prepared_touched (person_id) SELECT OLD.person_id
    WHERE NOT EXISTS (SELECT 1 FROM layer_prepared_touched WHERE person_id = OLD.person_id);
    INSERT INTO layer_prepared_touched (person_id) SELECT NEW.person_id
    WHERE NOT EXISTS (SELECT 1 FROM layer_prepared_touched WHERE person_id = NEW.person_id);
END;
CREATE TRIGGER IF NOT EXISTS layers_prepared_channel_removed AFTER DELETE ON person_channel
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
BEGIN INSERT INTO layer_prepared_touched (person_id) SELECT OLD.person_id
    WHERE NOT EXISTS (SELECT 1 FROM layer_prepared_touched WHERE person_id = OLD.person_id); END;
