-- 0053 (issue 15): the rest's max of the monthly peaks (store/week/peaks.py, relate/month_peaks.py).
-- S_max is the highest of a person's peaks in the last 60 months; a weekly step within a month
-- changes only that month's column of the ring, so a block of a set's peaks now has one more
-- row, slot 60 (key 61 << 48 | block): the month it was made for (float64), then for each of
-- the roster the highest of the other columns valid in that month (float64, the roster's
-- order). A step within that month reads the rosters', the month's column's and these rows
-- (~0.7 MB on profile L) where it read the whole ring (~14 MB); a block written otherwise (a
-- patch, a replay) loses its row and is read whole. SQL cannot read float64 out of a blob:
-- the migration's Python step (store/migrations.py STEPS, peaks.make_rests) makes each set's
-- rows after these statements, for the newest month of its ring (meta 'layers.months'; the
-- prepared set's in meta 'layers.prepared'), in the same transaction.
DELETE FROM layer_peaks_a WHERE key >= 17169973579350016;
DELETE FROM layer_peaks_b WHERE key >= 17169973579350016;
