-- 0020: the network page's drawing (issue 12), stored so that the page only draws: each
-- contact's place (x, y, laid out on the server, seeded), S, layer, circle and whether they
-- bridge circles, and the links among contacts (weight, whether the user said so). It is made
-- under a key (meta `network.key`: `network.version` and the layers' instant); any change to
-- what it is made from bumps meta `network.version` here, so the next look makes it again.
-- Written to run again harmlessly over itself (a file rewound to an older version).
CREATE TABLE IF NOT EXISTS network_node (
    person_id INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    x         REAL NOT NULL,
    y         REAL NOT NULL,
    strength  REAL NOT NULL,
    layer     TEXT NOT NULL,
    circle_id INTEGER,  -- a circle of SHOWN_MIN_SIZE or more people, else NULL
    bridge    INTEGER NOT NULL CHECK (bridge IN (0, 1))
);

CREATE TABLE IF NOT EXISTS network_edge (
    a_id   INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    b_id   INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    weight REAL NOT NULL,
    known  INTEGER NOT NULL CHECK (known IN (0, 1)),  -- the user's word, not circumstance
    rank   INTEGER NOT NULL,  -- known first, then the likeliest
    PRIMARY KEY (a_id, b_id)
) WITHOUT ROWID;

INSERT OR IGNORE INTO meta (key, value) VALUES ('network.version', '0');

CREATE TRIGGER IF NOT EXISTS network_link_added AFTER INSERT ON link
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'network.version'; END;
CREATE TRIGGER IF NOT EXISTS network_link_changed AFTER UPDATE ON link
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'network.version'; END;
CREATE TRIGGER IF NOT EXISTS network_link_removed AFTER DELETE ON link
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'network.version'; END;
CREATE TRIGGER IF NOT EXISTS network_relationship_added AFTER INSERT ON relationship
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'network.version'; END;
CREATE TRIGGER IF NOT EXISTS network_relationship_removed AFTER DELETE ON relationship
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'network.version'; END;
CREATE TRIGGER IF NOT EXISTS network_referral_added AFTER INSERT ON referral
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'network.version'; END;
CREATE TRIGGER IF NOT EXISTS network_referral_removed AFTER DELETE ON referral
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'network.version'; END;
CREATE TRIGGER IF NOT EXISTS network_introduction_added AFTER INSERT ON introduction
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'network.version'; END;
CREATE TRIGGER IF NOT EXISTS network_introduction_changed AFTER UPDATE OF state ON introduction
WHEN OLD.state IS NOT NEW.state
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'network.version'; END;
CREATE TRIGGER IF NOT EXISTS network_introduction_removed AFTER DELETE ON introduction
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'network.version'; END;
CREATE TRIGGER IF NOT EXISTS network_employment_added AFTER INSERT ON employment
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'network.version'; END;
CREATE TRIGGER IF NOT EXISTS network_employment_changed AFTER UPDATE ON employment
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'network.version'; END;
CREATE TRIGGER IF NOT EXISTS network_employment_removed AFTER DELETE ON employment
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'network.version'; END;
CREATE TRIGGER IF NOT EXISTS network_person_added AFTER INSERT ON person
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'network.version'; END;
CREATE TRIGGER IF NOT EXISTS network_person_changed AFTER UPDATE OF kind, archived, display_name ON person
WHEN OLD.kind IS NOT NEW.kind OR OLD.archived IS NOT NEW.archived
     OR OLD.display_name IS NOT NEW.display_name
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'network.version'; END;
CREATE TRIGGER IF NOT EXISTS network_person_removed AFTER DELETE ON person
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'network.version'; END;
CREATE TRIGGER IF NOT EXISTS network_circle_member_added AFTER INSERT ON circle_member
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'network.version'; END;
CREATE TRIGGER IF NOT EXISTS network_circle_member_moved AFTER UPDATE OF circle_id ON circle_member
WHEN OLD.circle_id IS NOT NEW.circle_id
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'network.version'; END;
CREATE TRIGGER IF NOT EXISTS network_circle_member_removed AFTER DELETE ON circle_member
BEGIN UPDATE meta SET value = value + 1 WHERE key = 'network.version'; END;
