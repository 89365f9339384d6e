-- 0013: circles, the groups the user's contacts form among themselves (community detection on
-- who knows whom). A circle's id lasts: each run keeps the id of the previous circle it
-- overlaps most. `name` is Kith's (from the dominant company, tag or event), `custom_name` the
-- user's (`kith circle rename`); a pinned circle keeps its members when circles are made again.
-- Each member row keeps a digest of the person's neighbours and their weights at the last run,
-- so that the next run sees whose evidence changed and moves only them.
CREATE TABLE circle (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    custom_name TEXT,
    pinned      INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE circle_member (
    person_id INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
    circle_id INTEGER NOT NULL REFERENCES circle(id) ON DELETE CASCADE,
    digest    TEXT NOT NULL
);
CREATE INDEX circle_member_circle ON circle_member(circle_id);
