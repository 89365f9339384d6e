-- 0039 (issue 15): edits after an import that leave the layers current no longer void the next
-- Monday's prepared step (migration 0033). A new person (`kith add`) is named in
-- layer_prepared_touched, as a log's people are (migration 0036), and the patch ranks them in
-- (services/layer_patch.py); a change of a person's creation time too. The stamp no longer holds
-- the network's version (store/layers.py `stamp`), which a rename, a job or a referral also
-- bumped: of the network the step reads only the mutual counts (links, relationships, who is a
-- contact), and a link changed in place (its kind, its count) names both its people here. A link
-- added or removed, a relationship, a rating, a pin, a known-since date, a person archived,
-- deleted, merged or made a prospect mark the layers stale (migrations 0008 and 0028): the week's
-- first command replays them, and no prepared step can be what that leaves, so those still void
-- it, now only when a value really changed.

DROP TRIGGER IF EXISTS layers_prepared_person_added;
CREATE TRIGGER IF NOT EXISTS layers_prepared_person_added AFTER INSERT ON person
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
BEGIN INSERT INTO layer_prepared_touched (person_id) SELECT NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM layer_prepared_touched WHERE person_id = NEW.id); END;

DROP TRIGGER IF EXISTS layers_prepared_person_changed;
CREATE TRIGGER IF NOT EXISTS layers_prepared_person_changed
AFTER UPDATE OF closeness, pinned, known_since, kind, archived ON person
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
     AND (OLD.closeness IS NOT NEW.closeness OR OLD.pinned IS NOT NEW.pinned
          OR OLD.known_since IS NOT NEW.known_since OR OLD.kind IS NOT NEW.kind
          OR OLD.archived IS NOT NEW.archived)
BEGIN DELETE FROM meta WHERE key = 'layers.prepared'; END;

CREATE TRIGGER IF NOT EXISTS layers_prepared_person_entered AFTER UPDATE OF created_at ON person
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
     AND OLD.created_at IS NOT NEW.created_at
BEGIN INSERT INTO layer_prepared_touched (person_id) SELECT NEW.id
    WHERE NOT EXISTS (SELECT 1 FROM layer_prepared_touched WHERE person_id = NEW.id); END;

CREATE TRIGGER IF NOT EXISTS layers_prepared_link_added AFTER INSERT ON link
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
BEGIN DELETE FROM meta WHERE key = 'layers.prepared'; END;
CREATE TRIGGER IF NOT EXISTS layers_prepared_link_changed AFTER UPDATE ON link
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
BEGIN
    INSERT INTO layer_prepared_touched (person_id)
    SELECT value FROM json_each(json_array(OLD.a_id, OLD.b_id, NEW.a_id, NEW.b_id)) AS named
     WHERE NOT EXISTS (SELECT 1 FROM layer_prepared_touched WHERE person_id = named.value)
     GROUP BY value;
END;
CREATE TRIGGER IF NOT EXISTS layers_prepared_link_removed AFTER DELETE ON link
WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'layers.prepared')
BEGIN DELETE FROM meta WHERE key = 'layers.prepared'; END;
