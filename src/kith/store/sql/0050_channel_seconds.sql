-- 0050 (issue 15): person_channel keeps last_at's instant as epoch seconds too (last_s, what
-- unixepoch(last_at) gives, to the second; every writer sets both: store/interactions.py), with
-- an index that covers the weekly step's read of the channels used since S's multiplexity
-- window (store/week/layers.py, channel_uses_sql): a range of the index, not a parse of every
-- row's text (78,426 of 120,287 rows on profile L: 5.4 ms instead of 15.0 in process). An
-- index on the expression unixepoch(last_at), or a generated column, would keep it without the
-- writers, but SQLite (3.40) then reads every row from the table too: not a covering read.
ALTER TABLE person_channel ADD COLUMN last_s INTEGER;

-- Filling it is not a change of a channel's use: the triggers on person_channel that mark a
-- person's prepared step as touched (migration 0036) fire only while meta 'layers.prepared'
-- exists, so that row is set aside under another key for the fill and put back as it was (not
-- the trigger dropped and written again here: its text stays where its own migration keeps it).
UPDATE meta SET key = 'layers.prepared.aside-0050' WHERE key = 'layers.prepared';
UPDATE person_channel SET last_s = unixepoch(last_at);
UPDATE meta SET key = 'layers.prepared' WHERE key = 'layers.prepared.aside-0050';

CREATE INDEX IF NOT EXISTS person_channel_since ON person_channel(last_s, person_id);
