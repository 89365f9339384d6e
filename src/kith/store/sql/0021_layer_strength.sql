-- 0021: the stored layers keep S as well (science.md §2), as of their instant (the latest Monday),
-- so that people can be sorted by strength in SQL (`kith list --sort strength`, the web app's
-- People page) without computing S for everyone. Existing rows start at 0 and the layers are
-- marked stale, so the next command that needs layers replays them and fills it in.

ALTER TABLE layer_state ADD COLUMN strength REAL NOT NULL DEFAULT 0;
CREATE INDEX layer_state_strength ON layer_state(strength);

INSERT OR REPLACE INTO meta (key, value)
SELECT 'layers.stale', '1' WHERE EXISTS (SELECT 1 FROM layer_state);
