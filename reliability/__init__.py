"""Kith's reliability proofs: each module's `run(scale, seed)` returns rows for docs/reliability.md."""
