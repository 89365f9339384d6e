"""Kith's reliability proofs: each module's `run(scale, seed)` gives rows for
docs/reliability.md."""
