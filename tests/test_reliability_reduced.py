"""The reduced form of `make reliability`: every proof in reliability/, with small counts."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from reliability import REDUCED, proofs, run_proof

SEED = 17


# a proof whose small form is tested elsewhere (per importer, in parallel) is not run twice
REDUCED_HERE = [p for p in proofs() if not hasattr(p, "REDUCED_ELSEWHERE")]


def test_a_proof_tested_elsewhere_names_a_test_file_that_exists() -> None:
    elsewhere = [p.REDUCED_ELSEWHERE for p in proofs() if hasattr(p, "REDUCED_ELSEWHERE")]
    assert elsewhere == ["tests/test_fuzz_importers.py", "tests/test_importer_scaling.py"]
    assert all((Path(__file__).parent.parent / name).is_file() for name in elsewhere)


@pytest.mark.parametrize("proof", REDUCED_HERE, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_each_reliability_proof_loses_nothing_at_small_counts(proof: ModuleType) -> None:
    rows = run_proof(proof, REDUCED, SEED)
    assert rows, "the proof tried nothing"
    assert [(row.tried, row.lost) for row in rows if row.lost or row.times == 0] == []
