-- 0040 (issue 15): each person's log grouped by UTC day, kept beside the tie row, so that `kith
-- why` reads one row per day of contact instead of grouping every interaction (L's busiest tie:
-- 10,093 interactions on 719 days). Written where the tie row is (store/week/tie_days.py): the
-- day of a new interaction folded in, a recomputed person's days rewritten from their log. A
-- day keeps its first and latest interaction's text after the day (day || rest is the text),
-- how many there were, how many went out (out or both) and came back (in or both).

CREATE TABLE IF NOT EXISTS tie_day (
    person_id    INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    day          TEXT NOT NULL,       -- substr(at, 1, 10): the UTC day
    first_rest   TEXT NOT NULL,       -- substr(at, 11) of the day's first interaction
    last_rest    TEXT NOT NULL,       -- and of its latest
    interactions INTEGER NOT NULL,
    sent         INTEGER NOT NULL,
    received     INTEGER NOT NULL,
    PRIMARY KEY (person_id, day)
) WITHOUT ROWID;

INSERT OR REPLACE INTO tie_day
SELECT p.person_id, substr(i.at, 1, 10), substr(min(i.at), 11), substr(max(i.at), 11), count(*),
       sum(i.direction <> 'in'), sum(i.direction <> 'out')
  FROM participant p JOIN interaction i ON i.id = p.interaction_id
 GROUP BY p.person_id, substr(i.at, 1, 10);
