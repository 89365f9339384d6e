-- 0007: the weekly plan (science.md sections 4 and 5) and what feeds it: pins, mutes, snoozes and
-- cadence overrides per person (tag overrides are settings, `cadence.tag.<tag>`); the stored Dunbar
-- layers with their hysteresis streaks and S_max's monthly maxima; the week's picks, skips;
-- follow-ups; articles worth sharing; the want-to-meet list.

ALTER TABLE person ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1));
ALTER TABLE person ADD COLUMN muted INTEGER NOT NULL DEFAULT 0 CHECK (muted IN (0, 1));
ALTER TABLE person ADD COLUMN snoozed_until TEXT;      -- UTC instant; hidden from the plan until
ALTER TABLE person ADD COLUMN cadence_days REAL CHECK (cadence_days > 0);          -- ideal gap
ALTER TABLE person ADD COLUMN cadence_max_days REAL CHECK (cadence_max_days > 0);  -- then at risk

-- Each person's layer as of the latest evaluated instant (meta `layers.instant`), with the streak
-- that may move it (layers.py Standing), and S at each month's highest instant for S_max.
-- Derived from the log: `kith rebuild` replays every instant and must reproduce these rows.
CREATE TABLE layer_state (
    person_id INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
    layer     TEXT NOT NULL CHECK (layer IN ('L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7')),
    above     INTEGER NOT NULL DEFAULT 0,
    below     INTEGER NOT NULL DEFAULT 0,
    bound     TEXT,
    s_max     REAL NOT NULL DEFAULT 0,   -- the highest S at any instant in the last 60 months
    peaks     BLOB                       -- S's monthly maxima: 60 float64, one per column of the
                                         -- month ring in meta `layers.months`; NULL when all 0
);
CREATE INDEX layer_state_layer ON layer_state(layer);

-- The week's picks, made once per ISO week (YYYY-Www in the user's zone) on the first `plan` or
-- `today` of that week, and changed only by `plan --refresh`, done, skip and snooze.
CREATE TABLE plan_week (
    week          TEXT PRIMARY KEY,
    made_at       TEXT NOT NULL,
    budget        INTEGER NOT NULL,
    energy_budget REAL
);

CREATE TABLE plan_pick (
    week      TEXT NOT NULL REFERENCES plan_week(week) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    layer     TEXT NOT NULL,
    reason    TEXT NOT NULL,
    channel   TEXT NOT NULL,
    upgrades  TEXT NOT NULL DEFAULT '',  -- channels offered as an upgrade, space-separated
    priority  REAL NOT NULL,
    energy    REAL NOT NULL,
    at_risk   INTEGER NOT NULL DEFAULT 0,
    state     TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'skipped', 'snoozed')),
    state_at  TEXT,
    PRIMARY KEY (week, person_id)
) WITHOUT ROWID;
CREATE INDEX plan_pick_person ON plan_pick(person_id);

CREATE TABLE plan_skip (                 -- `kith skip`: impression discounting F (science.md §5)
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    at        TEXT NOT NULL,
    PRIMARY KEY (person_id, at)
) WITHOUT ROWID;

CREATE TABLE follow_up (                 -- a promise: mine to them, or theirs to me
    id             INTEGER PRIMARY KEY,
    person_id      INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    text           TEXT NOT NULL,
    owner          TEXT NOT NULL DEFAULT 'mine' CHECK (owner IN ('mine', 'theirs')),
    due            TEXT,                  -- YYYY-MM-DD in the user's zone
    created_at     TEXT NOT NULL,
    done_at        TEXT,
    done_note      TEXT,
    interaction_id INTEGER REFERENCES interaction(id) ON DELETE SET NULL
);
CREATE INDEX follow_up_open ON follow_up(due) WHERE done_at IS NULL;
CREATE INDEX follow_up_person ON follow_up(person_id);

CREATE TABLE article (                   -- something worth sharing
    id       INTEGER PRIMARY KEY,
    url      TEXT NOT NULL UNIQUE,
    title    TEXT,
    note     TEXT,
    saved_at TEXT NOT NULL
);

CREATE TABLE article_topic (             -- lower-cased topics, matched against interests
    article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    topic      TEXT NOT NULL,
    PRIMARY KEY (article_id, topic)
) WITHOUT ROWID;
CREATE INDEX article_topic_topic ON article_topic(topic);

CREATE TABLE article_share (             -- shared with whom, so nobody gets it twice
    article_id     INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    person_id      INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    at             TEXT NOT NULL,
    interaction_id INTEGER REFERENCES interaction(id) ON DELETE SET NULL,
    PRIMARY KEY (article_id, person_id)
) WITHOUT ROWID;
CREATE INDEX article_share_person ON article_share(person_id);

CREATE TABLE want (                      -- people the user would like to meet
    person_id  INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
    why        TEXT,
    created_at TEXT NOT NULL,
    met_at     TEXT                       -- first interaction after wanting: the wish came true
);
