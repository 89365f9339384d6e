"""The reduced form of `make reliability`: every proof in reliability/, with small counts."""

from __future__ import annotations

from types import ModuleType

import pytest
from reliability import REDUCED, proofs

SEED = 17


@pytest.mark.parametrize("proof", proofs(), ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_each_reliability_proof_loses_nothing_at_small_counts(proof: ModuleType) -> None:
    result = proof.run(REDUCED, SEED)
    rows = list(result) if isinstance(result, list | tuple) else [result]
    assert rows, "the proof tried nothing"
    assert [(row.tried, row.lost) for row in rows if row.lost or row.times == 0] == []
