-- 0034 (issue 15): the week's gift's inputs that do not depend on the week's S, prepared at the
-- end of an import (services/mesh/gift_inputs.py): the network as arrays, its "probably know
-- each other" line, the needs, offers and interests as arrays and which phrases match. Each is
-- kept with the stamp it was made at (`network.version` and `facets.version`); any change to
-- the facets bumps `facets.version` here (people, links, jobs, circles bump the network's).
CREATE TABLE IF NOT EXISTS gift_input (
    name  TEXT PRIMARY KEY,
    stamp TEXT NOT NULL,
    data  BLOB NOT NULL
) WITHOUT ROWID;

INSERT OR IGNORE INTO meta (key, value) VALUES ('facets.version', '0');

CREATE TRIGGER IF NOT EXISTS gift_facet_added AFTER INSERT ON facet
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'facets.version'; END;
CREATE TRIGGER IF NOT EXISTS gift_facet_changed AFTER UPDATE ON facet
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'facets.version'; END;
CREATE TRIGGER IF NOT EXISTS gift_facet_removed AFTER DELETE ON facet
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'facets.version'; END;
