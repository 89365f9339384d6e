-- 0050 (issue 15): person_channel keeps last_at's instant as epoch seconds too (last_s, what
-- unixepoch(last_at) gives, to the second; every writer sets both: store/interactions.py), with
-- an index that covers the weekly step's read of the channels used since S's multiplexity
-- window (store/week/layers.py, channel_uses_sql): a range of the index, not a parse of every
-- row's text (78,426 of 120,287 rows on profile L, ~10 ms instead of ~120 ms). An index on the
-- expression unixepoch(last_at), or a generated column, would keep it without the writers, but
-- SQLite (3.40) then reads every row from the table too: not a covering read.
ALTER TABLE person_channel ADD COLUMN last_s INTEGER;

-- Filling it is not a change of a channel's use: migration 0036's trigger, which marks the
-- person's prepared step as touched, is set aside for it and put back as it was.
DROP TRIGGER IF EXISTS layers_prepared_channel_changed;
UPDATE person_channel SET last_s = unixepoch(last_at);
CREATE TRIGGER IF NOT EXISTS layers_prepared_channel_changed AFTER UPDATE ON person_channel
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
BEGIN
    INSERT INTO layer_prepared_touched (person_id) SELECT OLD.person_id
    WHERE NOT EXISTS (SELECT 1 FROM layer_prepared_touched WHERE person_id = OLD.person_id);
    INSERT INTO layer_prepared_touched (person_id) SELECT NEW.person_id
    WHERE NOT EXISTS (SELECT 1 FROM layer_prepared_touched WHERE person_id = NEW.person_id);
END;

CREATE INDEX IF NOT EXISTS person_channel_since ON person_channel(last_s, person_id);
