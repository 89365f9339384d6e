-- 0029: each person's give-first ledger totals, kept by triggers as ledger interactions and
-- introductions change, so that the ledger of everyone (`kith ledger`) reads one row a person
-- instead of counting every ledger interaction (200,000 on profile L) on each run.
-- A row per person with an entry: per kind (give, ask, thanks, intro), the user's side (out:
-- direction out or both) and theirs (in: direction in or both); an introduction the user made
-- (state in store.introductions.MADE) counts as an intro out to each of the two people. From
-- those, the user's share of the gives (NULL when neither gave) and how many entries in all,
-- indexed in the overview's order (store.ledger.LOPSIDED_SQL) and by share (its figures).

CREATE TABLE IF NOT EXISTS ledger_total (
    person_id  INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
    give_out   INTEGER NOT NULL DEFAULT 0,
    give_in    INTEGER NOT NULL DEFAULT 0,
    ask_out    INTEGER NOT NULL DEFAULT 0,
    ask_in     INTEGER NOT NULL DEFAULT 0,
    thanks_out INTEGER NOT NULL DEFAULT 0,
    thanks_in  INTEGER NOT NULL DEFAULT 0,
    intro_out  INTEGER NOT NULL DEFAULT 0,
    intro_in   INTEGER NOT NULL DEFAULT 0,
    gives      INTEGER GENERATED ALWAYS AS (give_out + give_in + intro_out + intro_in) VIRTUAL,
    share      REAL GENERATED ALWAYS AS
               (CASE WHEN gives > 0 THEN CAST(give_out + intro_out AS REAL) / gives END) VIRTUAL,
    entries    INTEGER GENERATED ALWAYS AS (give_out + give_in + ask_out + ask_in + thanks_out
                                            + thanks_in + intro_out + intro_in) VIRTUAL
);
CREATE INDEX IF NOT EXISTS ledger_total_lopsided
ON ledger_total(share IS NULL, coalesce(abs(share - 0.5), 0.0) DESC, entries DESC);
CREATE INDEX IF NOT EXISTS ledger_total_share ON ledger_total(share);
-- the archived, whom the ledger leaves out: few, found without reading every person
CREATE INDEX IF NOT EXISTS person_archived ON person(id) WHERE archived = 1;

-- a person whose last entry went has no row
CREATE TRIGGER IF NOT EXISTS ledger_total_emptied AFTER UPDATE ON ledger_total
WHEN NEW.entries = 0
BEGIN DELETE FROM ledger_total WHERE person_id = NEW.person_id; END;

-- One change to a person's totals: inserting (person_id, kind, direction, sign) into this view
-- adds sign to the kind's sides the direction counts on. Entries of other kinds, and people
-- already deleted (a cascade from their own deletion), change nothing.
DROP VIEW IF EXISTS ledger_change;
CREATE VIEW ledger_change (person_id, kind, direction, sign) AS
SELECT NULL, NULL, NULL, NULL WHERE 0;

CREATE TRIGGER IF NOT EXISTS ledger_change_applied INSTEAD OF INSERT ON ledger_change
WHEN NEW.kind IN ('give', 'ask', 'thanks', 'intro')
     AND EXISTS (SELECT 1 FROM person WHERE id = NEW.person_id)
BEGIN
  INSERT INTO ledger_total (person_id, give_out, give_in, ask_out, ask_in, thanks_out,
                            thanks_in, intro_out, intro_in)
  VALUES (NEW.person_id,
    NEW.sign * (NEW.kind = 'give' AND NEW.direction IN ('out', 'both')),
    NEW.sign * (NEW.kind = 'give' AND NEW.direction IN ('in', 'both')),
    NEW.sign * (NEW.kind = 'ask' AND NEW.direction IN ('out', 'both')),
    NEW.sign * (NEW.kind = 'ask' AND NEW.direction IN ('in', 'both')),
    NEW.sign * (NEW.kind = 'thanks' AND NEW.direction IN ('out', 'both')),
    NEW.sign * (NEW.kind = 'thanks' AND NEW.direction IN ('in', 'both')),
    NEW.sign * (NEW.kind = 'intro' AND NEW.direction IN ('out', 'both')),
    NEW.sign * (NEW.kind = 'intro' AND NEW.direction IN ('in', 'both')))
  ON CONFLICT (person_id) DO UPDATE SET
    give_out = give_out + excluded.give_out, give_in = give_in + excluded.give_in,
    ask_out = ask_out + excluded.ask_out, ask_in = ask_in + excluded.ask_in,
    thanks_out = thanks_out + excluded.thanks_out, thanks_in = thanks_in + excluded.thanks_in,
    intro_out = intro_out + excluded.intro_out, intro_in = intro_in + excluded.intro_in;
END;

-- a participant added, removed or moved: while its interaction is there (an interaction's own
-- deletion is counted before it goes, below: its participants then go by cascade without it)
CREATE TRIGGER IF NOT EXISTS ledger_participant_added AFTER INSERT ON participant
WHEN (SELECT kind FROM interaction WHERE id = NEW.interaction_id)
     IN ('give', 'ask', 'thanks', 'intro')
BEGIN
  INSERT INTO ledger_change SELECT NEW.person_id, kind, direction, 1
  FROM interaction WHERE id = NEW.interaction_id;
END;

CREATE TRIGGER IF NOT EXISTS ledger_participant_removed AFTER DELETE ON participant
WHEN (SELECT kind FROM interaction WHERE id = OLD.interaction_id)
     IN ('give', 'ask', 'thanks', 'intro')
BEGIN
  INSERT INTO ledger_change SELECT OLD.person_id, kind, direction, -1
  FROM interaction WHERE id = OLD.interaction_id;
END;

CREATE TRIGGER IF NOT EXISTS ledger_participant_moved AFTER UPDATE OF person_id, interaction_id
ON participant
WHEN OLD.person_id IS NOT NEW.person_id OR OLD.interaction_id IS NOT NEW.interaction_id
BEGIN
  INSERT INTO ledger_change SELECT OLD.person_id, kind, direction, -1
  FROM interaction WHERE id = OLD.interaction_id;
  INSERT INTO ledger_change SELECT NEW.person_id, kind, direction, 1
  FROM interaction WHERE id = NEW.interaction_id;
END;

CREATE TRIGGER IF NOT EXISTS ledger_interaction_removed BEFORE DELETE ON interaction
WHEN OLD.kind IN ('give', 'ask', 'thanks', 'intro')
BEGIN
  INSERT INTO ledger_change SELECT person_id, OLD.kind, OLD.direction, -1
  FROM participant WHERE interaction_id = OLD.id;
END;

CREATE TRIGGER IF NOT EXISTS ledger_interaction_changed AFTER UPDATE OF kind, direction
ON interaction
WHEN OLD.kind IS NOT NEW.kind OR OLD.direction IS NOT NEW.direction
BEGIN
  INSERT INTO ledger_change SELECT person_id, OLD.kind, OLD.direction, -1
  FROM participant WHERE interaction_id = OLD.id;
  INSERT INTO ledger_change SELECT person_id, NEW.kind, NEW.direction, 1
  FROM participant WHERE interaction_id = NEW.id;
END;

-- introductions the user made: an intro out to each side
CREATE TRIGGER IF NOT EXISTS ledger_introduction_added AFTER INSERT ON introduction
WHEN NEW.state IN ('introduced', 'followed_up', 'outcome')
BEGIN
  INSERT INTO ledger_change VALUES (NEW.a_id, 'intro', 'out', 1), (NEW.b_id, 'intro', 'out', 1);
END;

CREATE TRIGGER IF NOT EXISTS ledger_introduction_removed AFTER DELETE ON introduction
WHEN OLD.state IN ('introduced', 'followed_up', 'outcome')
BEGIN
  INSERT INTO ledger_change VALUES (OLD.a_id, 'intro', 'out', -1), (OLD.b_id, 'intro', 'out', -1);
END;

CREATE TRIGGER IF NOT EXISTS ledger_introduction_changed AFTER UPDATE OF state, a_id, b_id
ON introduction
WHEN OLD.state IS NOT NEW.state OR OLD.a_id IS NOT NEW.a_id OR OLD.b_id IS NOT NEW.b_id
BEGIN
  INSERT INTO ledger_change SELECT OLD.a_id, 'intro', 'out', -1
  WHERE OLD.state IN ('introduced', 'followed_up', 'outcome');
  INSERT INTO ledger_change SELECT OLD.b_id, 'intro', 'out', -1
  WHERE OLD.state IN ('introduced', 'followed_up', 'outcome');
  INSERT INTO ledger_change SELECT NEW.a_id, 'intro', 'out', 1
  WHERE NEW.state IN ('introduced', 'followed_up', 'outcome');
  INSERT INTO ledger_change SELECT NEW.b_id, 'intro', 'out', 1
  WHERE NEW.state IN ('introduced', 'followed_up', 'outcome');
END;

-- what is there already
DELETE FROM ledger_total;
INSERT INTO ledger_total (person_id, give_out, give_in, ask_out, ask_in, thanks_out, thanks_in,
                          intro_out, intro_in)
SELECT person_id,
  sum(kind = 'give' AND direction IN ('out', 'both')),
  sum(kind = 'give' AND direction IN ('in', 'both')),
  sum(kind = 'ask' AND direction IN ('out', 'both')),
  sum(kind = 'ask' AND direction IN ('in', 'both')),
  sum(kind = 'thanks' AND direction IN ('out', 'both')),
  sum(kind = 'thanks' AND direction IN ('in', 'both')),
  sum(kind = 'intro' AND direction IN ('out', 'both')),
  sum(kind = 'intro' AND direction IN ('in', 'both'))
FROM (
  SELECT p.person_id, i.kind, i.direction
  FROM interaction i JOIN participant p ON p.interaction_id = i.id
  WHERE i.kind IN ('give', 'ask', 'thanks', 'intro')
  UNION ALL
  SELECT a_id, 'intro', 'out' FROM introduction WHERE state IN ('introduced', 'followed_up', 'outcome')
  UNION ALL
  SELECT b_id, 'intro', 'out' FROM introduction WHERE state IN ('introduced', 'followed_up', 'outcome')
)
WHERE person_id IN (SELECT id FROM person)
GROUP BY person_id;

-- the JSON export reads each person's merged-in UIDs (store.dump.ALIASES_JSON): by person, in
-- uid order, instead of a scan of every alias for each person (and a person's deletion finds
-- theirs the same way)
CREATE INDEX IF NOT EXISTS person_uid_alias_person ON person_uid_alias(person_id, uid);
