-- 0028: the layers' stale flag counts the changes that made them stale ('1', '2', ...)
-- instead of being set to '1' again by each: a replay worked out outside the write lock
-- (services/layers.py) reads the count with the log and saves only if it is unchanged, so it
-- never needs to write a mark of its own first (a mark a kill could leave behind).

DROP TRIGGER IF EXISTS layers_stale_participant_added;
CREATE TRIGGER layers_stale_participant_added AFTER INSERT ON participant
WHEN (SELECT at FROM interaction WHERE id = NEW.interaction_id)
     <= (SELECT value FROM meta WHERE key = 'layers.instant')
BEGIN INSERT INTO meta (key, value) VALUES ('layers.stale', '1')
      ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1; END;

DROP TRIGGER IF EXISTS layers_stale_participant_removed;
CREATE TRIGGER layers_stale_participant_removed AFTER DELETE ON participant
WHEN (SELECT at FROM interaction WHERE id = OLD.interaction_id)
     <= (SELECT value FROM meta WHERE key = 'layers.instant')
BEGIN INSERT INTO meta (key, value) VALUES ('layers.stale', '1')
      ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1; END;

DROP TRIGGER IF EXISTS layers_stale_participant_moved;
CREATE TRIGGER layers_stale_participant_moved AFTER UPDATE ON participant
WHEN OLD.person_id IS NOT NEW.person_id OR OLD.interaction_id IS NOT NEW.interaction_id
BEGIN INSERT INTO meta (key, value) VALUES ('layers.stale', '1')
      ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1; END;

DROP TRIGGER IF EXISTS layers_stale_interaction_removed;
CREATE TRIGGER layers_stale_interaction_removed AFTER DELETE ON interaction
WHEN OLD.at <= (SELECT value FROM meta WHERE key = 'layers.instant')
BEGIN INSERT INTO meta (key, value) VALUES ('layers.stale', '1')
      ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1; END;

DROP TRIGGER IF EXISTS layers_stale_interaction_changed;
CREATE TRIGGER layers_stale_interaction_changed AFTER UPDATE OF at, channel, direction ON interaction
WHEN (OLD.at IS NOT NEW.at OR OLD.channel IS NOT NEW.channel OR OLD.direction IS NOT NEW.direction)
     AND min(OLD.at, NEW.at) <= (SELECT value FROM meta WHERE key = 'layers.instant')
BEGIN INSERT INTO meta (key, value) VALUES ('layers.stale', '1')
      ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1; END;

DROP TRIGGER IF EXISTS layers_stale_person_changed;
CREATE TRIGGER layers_stale_person_changed
AFTER UPDATE OF closeness, pinned, known_since, kind, archived ON person
WHEN (OLD.closeness IS NOT NEW.closeness OR OLD.pinned IS NOT NEW.pinned
      OR OLD.known_since IS NOT NEW.known_since OR OLD.kind IS NOT NEW.kind
      OR OLD.archived IS NOT NEW.archived)
     AND (SELECT value FROM meta WHERE key = 'layers.instant') IS NOT NULL
BEGIN INSERT INTO meta (key, value) VALUES ('layers.stale', '1')
      ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1; END;

DROP TRIGGER IF EXISTS layers_stale_person_removed;
CREATE TRIGGER layers_stale_person_removed AFTER DELETE ON person
WHEN (SELECT value FROM meta WHERE key = 'layers.instant') IS NOT NULL
BEGIN INSERT INTO meta (key, value) VALUES ('layers.stale', '1')
      ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1; END;

DROP TRIGGER IF EXISTS layers_stale_relationship_added;
CREATE TRIGGER layers_stale_relationship_added AFTER INSERT ON relationship
WHEN (SELECT value FROM meta WHERE key = 'layers.instant') IS NOT NULL
BEGIN INSERT INTO meta (key, value) VALUES ('layers.stale', '1')
      ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1; END;

DROP TRIGGER IF EXISTS layers_stale_relationship_removed;
CREATE TRIGGER layers_stale_relationship_removed AFTER DELETE ON relationship
WHEN (SELECT value FROM meta WHERE key = 'layers.instant') IS NOT NULL
BEGIN INSERT INTO meta (key, value) VALUES ('layers.stale', '1')
      ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1; END;

DROP TRIGGER IF EXISTS layers_stale_zone_set;
CREATE TRIGGER layers_stale_zone_set AFTER INSERT ON setting
WHEN NEW.key = 'timezone' AND (SELECT value FROM meta WHERE key = 'layers.instant') IS NOT NULL
BEGIN INSERT INTO meta (key, value) VALUES ('layers.stale', '1')
      ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1; END;

DROP TRIGGER IF EXISTS layers_stale_zone_changed;
CREATE TRIGGER layers_stale_zone_changed AFTER UPDATE ON setting
WHEN NEW.key = 'timezone' AND OLD.value IS NOT NEW.value
     AND (SELECT value FROM meta WHERE key = 'layers.instant') IS NOT NULL
BEGIN INSERT INTO meta (key, value) VALUES ('layers.stale', '1')
      ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1; END;

DROP TRIGGER IF EXISTS layers_stale_zone_removed;
CREATE TRIGGER layers_stale_zone_removed AFTER DELETE ON setting
WHEN OLD.key = 'timezone' AND (SELECT value FROM meta WHERE key = 'layers.instant') IS NOT NULL
BEGIN INSERT INTO meta (key, value) VALUES ('layers.stale', '1')
      ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1; END;

DROP TRIGGER IF EXISTS layers_stale_link_added;
CREATE TRIGGER layers_stale_link_added AFTER INSERT ON link
WHEN (SELECT value FROM meta WHERE key = 'layers.instant') IS NOT NULL
BEGIN INSERT INTO meta (key, value) VALUES ('layers.stale', '1')
      ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1; END;

DROP TRIGGER IF EXISTS layers_stale_link_removed;
CREATE TRIGGER layers_stale_link_removed AFTER DELETE ON link
WHEN (SELECT value FROM meta WHERE key = 'layers.instant') IS NOT NULL
BEGIN INSERT INTO meta (key, value) VALUES ('layers.stale', '1')
      ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1; END;
