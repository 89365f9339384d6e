-- 0047 (issue 15): the layers' two states in two fixed sets of tables, a and b, with meta
-- 'layers.current' naming the set that holds the current state (a when absent); the other holds
-- the next Monday's state worked out ahead (migration 0033). A promotion writes that meta row:
-- until now it swapped the three pairs of tables by name (9 ALTER TABLE … RENAME, each ~5 ms on
-- profile L's schema of 253 objects, which SQLite parses again at every rename). Queries name
-- the tables by what they hold and reach them through store/week/generation.py.
-- The tables called layer_state, layer_strength and layer_peaks now hold the current state (the
-- promotions swapped names), so they become set a; the prepared ones set b. The triggers of
-- migrations 0041 and 0042 follow their tables (both sets carry the same ones).

-- The layer index may be on either table under either name (the promotions swapped them):
-- both go, and each set gets its own under its own name.
DROP INDEX IF EXISTS layer_state_layer;
DROP INDEX IF EXISTS layer_prepared_layer;

ALTER TABLE layer_state RENAME TO layer_state_a;
ALTER TABLE layer_strength RENAME TO layer_strength_a;
ALTER TABLE layer_peaks RENAME TO layer_peaks_a;
ALTER TABLE layer_prepared RENAME TO layer_state_b;
ALTER TABLE layer_prepared_strength RENAME TO layer_strength_b;
ALTER TABLE layer_prepared_peaks RENAME TO layer_peaks_b;

CREATE INDEX IF NOT EXISTS layer_state_a_layer ON layer_state_a(layer);
CREATE INDEX IF NOT EXISTS layer_state_b_layer ON layer_state_b(layer);

DELETE FROM meta WHERE key = 'layers.current';
