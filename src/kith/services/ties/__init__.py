"""Ties over time: the stored Dunbar layers kept current (steps, patches, replays), a tie's
history, `kith why`, and rebuilding every aggregate from the log."""
