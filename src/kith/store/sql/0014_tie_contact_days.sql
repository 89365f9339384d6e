-- 0014: volume D and warmth W count one point per UTC day and channel, not one per interaction
-- (docs/science.md, "A conversation is one contact"). The tie rows keep those sums: this marks
-- them to be recomputed from the log (meta `ties.stale`), and the layers to be replayed, by the
-- next command that needs layers. Nothing is marked in a database without tie rows.

INSERT OR REPLACE INTO meta (key, value)
SELECT 'ties.stale', '1' WHERE EXISTS (SELECT 1 FROM tie);

INSERT OR REPLACE INTO meta (key, value)
SELECT 'layers.stale', '1' WHERE EXISTS (SELECT 1 FROM tie)
   AND EXISTS (SELECT 1 FROM meta WHERE key = 'layers.instant');
