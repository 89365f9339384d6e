-- 0008: the stored layers (layer_state, meta `layers.instant`) are a function of the log up to
-- their instant. Any change to what that function reads at or before the instant — an
-- interaction backdated or deleted, a participant moved by a merge, a rating, a pin, a kin
-- relationship or a link — marks them stale (meta `layers.stale`), and the next command that
-- needs layers replays every instant from the log, as `kith rebuild` does. Changes after the
-- instant only reach later instants, which are evaluated as they come.

CREATE TRIGGER layers_stale_participant_added AFTER INSERT ON participant
WHEN (SELECT at FROM interaction WHERE id = NEW.interaction_id)
     <= (SELECT value FROM meta WHERE key = 'layers.instant')
BEGIN INSERT OR REPLACE INTO meta (key, value) VALUES ('layers.stale', '1'); END;

CREATE TRIGGER layers_stale_participant_removed AFTER DELETE ON participant
WHEN (SELECT at FROM interaction WHERE id = OLD.interaction_id)
     <= (SELECT value FROM meta WHERE key = 'layers.instant')
BEGIN INSERT OR REPLACE INTO meta (key, value) VALUES ('layers.stale', '1'); END;

CREATE TRIGGER layers_stale_participant_moved AFTER UPDATE ON participant
BEGIN INSERT OR REPLACE INTO meta (key, value) VALUES ('layers.stale', '1'); END;

CREATE TRIGGER layers_stale_interaction_removed AFTER DELETE ON interaction
WHEN OLD.at <= (SELECT value FROM meta WHERE key = 'layers.instant')
BEGIN INSERT OR REPLACE INTO meta (key, value) VALUES ('layers.stale', '1'); END;

CREATE TRIGGER layers_stale_interaction_changed AFTER UPDATE OF at, channel, direction ON interaction
WHEN min(OLD.at, NEW.at) <= (SELECT value FROM meta WHERE key = 'layers.instant')
BEGIN INSERT OR REPLACE INTO meta (key, value) VALUES ('layers.stale', '1'); END;

CREATE TRIGGER layers_stale_person_changed
AFTER UPDATE OF closeness, pinned, known_since, kind, archived ON person
WHEN (SELECT value FROM meta WHERE key = 'layers.instant') IS NOT NULL
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
