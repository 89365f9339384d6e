-- 0008: the stored layers (layer_state, meta `layers.instant`) are a function of the log up to
-- their instant. Any change to what that function reads at or before the instant — an
-- interaction backdated or deleted, a participant moved by a merge, a rating, a pin, a kin
-- relationship or a link, the time zone (the instants are Mondays 00:00 there) — marks them
-- stale (meta `layers.stale`), and the next command that needs layers replays every instant
-- from the log, as `kith rebuild` does. Changes after the instant only reach later instants,
-- which are evaluated as they come. An update that changes nothing marks nothing.

CREATE TRIGGER layers_stale_participant_added AFTER INSERT ON participant
WHEN (SELECT at FROM interaction WHERE id = NEW.interaction_id)
     <= (SELECT value FROM meta WHERE key = 'layers.instant')
BEGIN INSERT OR REPLACE INTO meta (key, value) VALUES ('layers.stale', '1'); END;

CREATE TRIGGER layers_stale_participant_removed AFTER DELETE ON participant
WHEN (SELECT at FROM interaction WHERE id = OLD.interaction_id)
     <= (SELECT value FROM meta WHERE key = 'layers.instant')
BEGIN INSERT OR REPLACE INTO meta (key, value) VALUES ('layers.stale', '1'); END;

CREATE TRIGGER layers_stale_participant_moved AFTER UPDATE ON participant
WHEN OLD.person_id IS NOT NEW.person_id OR OLD.interaction_id IS NOT NEW.interaction_id
BEGIN INSERT OR REPLACE INTO meta (key, value) VALUES ('layers.stale', '1'); END;

CREATE TRIGGER layers_stale_interaction_removed AFTER DELETE ON interaction
WHEN OLD.at <= (SELECT value FROM meta WHERE key = 'layers.instant')
BEGIN INSERT OR REPLACE INTO meta (key, value) VALUES ('layers.stale', '1'); END;

CREATE TRIGGER layers_stale_interaction_changed AFTER UPDATE OF at, channel, direction ON interaction
WHEN (OLD.at IS NOT NEW.at OR OLD.channel IS NOT NEW.channel OR OLD.direction IS NOT NEW.direction)
     AND min(OLD.at, NEW.at) <= (SELECT value FROM meta WHERE key = 'layers.instant')
BEGIN INSERT OR REPLACE INTO meta (key, value) VALUES ('layers.stale', '1'); END;

CREATE TRIGGER layers_stale_person_changed
AFTER UPDATE OF closeness, pinned, known_since, kind, archived ON person
WHEN (OLD.closeness IS NOT NEW.closeness OR OLD.pinned IS NOT NEW.pinned
      OR OLD.known_since IS NOT NEW.known_since OR OLD.kind IS NOT NEW.kind
      OR OLD.archived IS NOT NEW.archived)
     AND (SELECT value FROM meta WHERE key = 'layers.instant') IS NOT NULL
BEGIN INSERT OR REPLACE INTO meta (key, value) VALUES ('layers.stale', '1'); END;

CREATE TRIGGER layers_stale_person_removed AFTER DELETE ON person
WHEN (SELECT value FROM meta WHERE key = 'layers.instant') IS NOT NULL
BEGIN INSERT OR REPLACE INTO meta (key, value) VALUES ('layers.stale', '1'); END;

CREATE TRIGGER layers_stale_link_added AFTER INSERT ON link
WHEN (SELECT value FROM meta WHERE key = 'layers.instant') IS NOT NULL
BEGIN INSERT OR REPLACE INTO meta (key, value) VALUES ('layers.stale', '1'); END;

CREATE TRIGGER layers_stale_link_removed AFTER DELETE ON link
WHEN (SELECT value FROM meta WHERE key = 'layers.instant') IS NOT NULL
BEGIN INSERT OR REPLACE INTO meta (key, value) VALUES ('layers.stale', '1'); END;

CREATE TRIGGER layers_stale_relationship_added AFTER INSERT ON relationship
WHEN (SELECT value FROM meta WHERE key = 'layers.instant') IS NOT NULL
BEGIN INSERT OR REPLACE INTO meta (key, value) VALUES ('layers.stale', '1'); END;

CREATE TRIGGER layers_stale_relationship_removed AFTER DELETE ON relationship
WHEN (SELECT value FROM meta WHERE key = 'layers.instant') IS NOT NULL
BEGIN INSERT OR REPLACE INTO meta (key, value) VALUES ('layers.stale', '1'); END;

CREATE TRIGGER layers_stale_zone_set AFTER INSERT ON setting
WHEN NEW.key = 'timezone' AND (SELECT value FROM meta WHERE key = 'layers.instant') IS NOT NULL
BEGIN INSERT OR REPLACE INTO meta (key, value) VALUES ('layers.stale', '1'); END;

CREATE TRIGGER layers_stale_zone_changed AFTER UPDATE ON setting
WHEN NEW.key = 'timezone' AND OLD.value IS NOT NEW.value
     AND (SELECT value FROM meta WHERE key = 'layers.instant') IS NOT NULL
BEGIN INSERT OR REPLACE INTO meta (key, value) VALUES ('layers.stale', '1'); END;

CREATE TRIGGER layers_stale_zone_removed AFTER DELETE ON setting
WHEN OLD.key = 'timezone' AND (SELECT value FROM meta WHERE key = 'layers.instant') IS NOT NULL
BEGIN INSERT OR REPLACE INTO meta (key, value) VALUES ('layers.stale', '1'); END;
