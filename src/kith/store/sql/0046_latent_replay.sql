-- 0046: layers kept before latent ties (session 14: a tie that never qualified and is silent a
-- full L5 cadence is L7 at once) hold ties that were latent at some past Monday and are not now
-- in L6 waiting to fall (steps never drop them; they would take up to ~60 weekly steps), and
-- tie rows summed before they were carried to the bit as appended (store/week/ties.py
-- `carried`) can order two equal ties apart. This marks the tie rows to be summed again and the
-- layers to be replayed by the next command that needs them (as 0014 did); nothing is marked in
-- a database without tie rows. Measured on profile L (30,000 people): ~14 s to sum the tie rows
-- and ~6 s to replay, once.

INSERT OR REPLACE INTO meta (key, value)
SELECT 'ties.stale', '1' WHERE EXISTS (SELECT 1 FROM tie);

INSERT INTO meta (key, value)
SELECT 'layers.stale', '1' WHERE EXISTS (SELECT 1 FROM tie)
   AND EXISTS (SELECT 1 FROM meta WHERE key = 'layers.instant')
    ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1;
