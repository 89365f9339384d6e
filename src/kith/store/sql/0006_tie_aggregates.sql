-- 0006: per-person tie aggregates, so that tie strength (science.md sections 2, 3 and 5) is read,
-- never computed from a scan of the log. One row per person with history, rewritten from that
-- person's own log whenever an interaction of theirs is written; `kith rebuild` recomputes all.
-- Each decayed sum is (value, as_of): the sum seen at as_of, today always the person's latest
-- interaction; seen from t it is value·2^(−(t − as_of)/h), and an event w at t adds w.
-- What person and person_channel hold (last contact, counts, channels) is not repeated here.
-- A database migrated with history gets its rows from `kith rebuild`.

CREATE TABLE tie (
    person_id        INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
    first_at         TEXT NOT NULL,       -- the earliest interaction (duration L)
    volume           REAL NOT NULL,       -- D, channel weights, half-life 90 days
    volume_as_of     TEXT NOT NULL,
    kin_volume       REAL NOT NULL,       -- D for kin, half-life 180 days
    kin_volume_as_of TEXT NOT NULL,
    warmth           REAL NOT NULL,       -- W's sum, channel weights, half-life 14 days
    warmth_as_of     TEXT NOT NULL,
    sent             REAL NOT NULL,       -- n_out for balance Q: out or both, half-life 365 days
    sent_as_of       TEXT NOT NULL,
    received         REAL NOT NULL,       -- n_in for balance Q: in or both, half-life 365 days
    received_as_of   TEXT NOT NULL,
    days             TEXT NOT NULL        -- the latest 25 distinct UTC days, oldest first (τ)
);
