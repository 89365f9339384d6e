-- 0031 (issue 14): a new log row costs less to write. Migration 0026's partial index of ledger
-- interactions and migration 0029's trigger on each new participant both asked
-- `kind IN ('give', 'ask', 'thanks', 'intro')`, and SQLite builds an `IN (...)` list into a
-- temporary index on every execution of the statement that evaluates it: once for every row of
-- an import's `executemany` (a chat writes tens of thousands). The `kind` column's CHECK allows
-- only 'checkin' and those four, so `kind <> 'checkin'` selects the same rows and costs one
-- comparison (75,000 SMS conversations: their interaction rows 0.2 s and participant rows
-- 0.15 s of CPU less, docs/benchmarks.md). A query reads the index when its WHERE holds the
-- index's own term: store/ledger.py's counts add `i.kind <> 'checkin'` beside their IN list.
-- The trigger's body and the view it feeds are unchanged (the view's own trigger still asks
-- the kinds by name, so a row could never count wrongly even past a CHECK).

DROP INDEX IF EXISTS interaction_ledger;
CREATE INDEX IF NOT EXISTS interaction_ledger ON interaction(kind, direction)
WHERE kind <> 'checkin';

DROP TRIGGER IF EXISTS ledger_participant_added;
CREATE TRIGGER IF NOT EXISTS ledger_participant_added AFTER INSERT ON participant
WHEN (SELECT kind FROM interaction WHERE id = NEW.interaction_id) <> 'checkin'
BEGIN
  INSERT INTO ledger_change SELECT NEW.person_id, kind, direction, 1
  FROM interaction WHERE id = NEW.interaction_id;
END;
