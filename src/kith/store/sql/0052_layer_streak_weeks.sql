-- 0052 (issue 15): the hysteresis counters (above, below: weekly instants in a row with the raw
-- layer inside or outside the current one, science.md §3) are kept as the week their streak
-- began (above_since, below_since), so that a streak that simply goes on changes no row. A
-- weekly step added one to ~2,800 of profile L's 30,000 rows that changed nothing else, each a
-- rewritten row and page (the step then wrote ~3,000 rows where ~140 really changed).
-- A week is numbered from Monday 0001-01-01 (week 1): round((epoch days + 719162) / 7) + 1 of
-- the Monday midnight an instant is (local midnights are within ±14 hours of UTC's). 0 is no
-- streak (a counter of 0). Each set of tables (migration 0047) counts from its own week, meta
-- 'layers.week.a' / 'layers.week.b': the instant its rows are as of (the current set's
-- 'layers.instant', the prepared one's target in 'layers.prepared'); a counter c > 0 is kept as
-- week − c + 1 and read back as week − since + 1 (store/week/layers.py). A set with no such row
-- counts from week 1,000,000 (store/week/layers.py NO_WEEK): the rows of a set nothing dates.
ALTER TABLE layer_state_a RENAME COLUMN above TO above_since;
ALTER TABLE layer_state_a RENAME COLUMN below TO below_since;
ALTER TABLE layer_state_b RENAME COLUMN above TO above_since;
ALTER TABLE layer_state_b RENAME COLUMN below TO below_since;

INSERT OR REPLACE INTO meta (key, value)
SELECT 'layers.week.' || coalesce((SELECT value FROM meta WHERE key = 'layers.current'), 'a'),
       CAST(round((unixepoch(value) / 86400.0 + 719162) / 7.0) AS INTEGER) + 1
  FROM meta
 WHERE key = 'layers.instant' AND unixepoch(value) IS NOT NULL;

INSERT OR REPLACE INTO meta (key, value)
SELECT 'layers.week.'
       || CASE coalesce((SELECT value FROM meta WHERE key = 'layers.current'), 'a')
          WHEN 'a' THEN 'b' ELSE 'a' END,
       CAST(round((unixepoch(target) / 86400.0 + 719162) / 7.0) AS INTEGER) + 1
  FROM (SELECT CASE WHEN json_valid(value) AND json_valid(json_extract(value, '$.stamp'))
                    THEN json_extract(json_extract(value, '$.stamp'), '$[1]') END AS target
          FROM meta WHERE key = 'layers.prepared')
 WHERE unixepoch(target) IS NOT NULL;

UPDATE layer_state_a
   SET above_since = CASE above_since WHEN 0 THEN 0 ELSE week - above_since + 1 END,
       below_since = CASE below_since WHEN 0 THEN 0 ELSE week - below_since + 1 END
  FROM (SELECT coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'layers.week.a'),
                        1000000) AS week)
 WHERE above_since != 0 OR below_since != 0;

UPDATE layer_state_b
   SET above_since = CASE above_since WHEN 0 THEN 0 ELSE week - above_since + 1 END,
       below_since = CASE below_since WHEN 0 THEN 0 ELSE week - below_since + 1 END
  FROM (SELECT coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'layers.week.b'),
                        1000000) AS week)
 WHERE above_since != 0 OR below_since != 0;
