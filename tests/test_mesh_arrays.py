"""The mesh as arrays equals the mesh as evidence lists: on the demo, and pair by pair."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kith.relate import mesh, mesh_arrays
from kith.relate.mesh import Evidence
from kith.services.mesh.graph import load, load_arrays
from kith.store import open_store
from tests.conftest import NOW, Kith

KINDS = [*mesh.EVIDENCE_ORDER, mesh.NOT]
evidence = st.builds(Evidence, st.sampled_from(KINDS), st.integers(1, 600))


@settings(max_examples=80, deadline=None)
@given(
    st.dictionaries(
        st.tuples(st.integers(0, 5), st.integers(6, 9)),
        st.lists(evidence, min_size=1, max_size=5),
        max_size=8,
    )
)
def test_combining_arrays_equals_the_noisy_or_of_each_pair(
    pairs: dict[tuple[int, int], list[Evidence]],
) -> None:
    codes = mesh.KIND_CODES
    rows = [(a, b, e) for (a, b), items in pairs.items() for e in items]
    found = mesh_arrays.combine(
        np.array([r[0] for r in rows], np.int64),
        np.array([r[1] for r in rows], np.int64),
        np.array([codes[r[2].kind] for r in rows], np.int64),
        np.array([mesh.probability(r[2]) for r in rows], np.float64),
    )
    expected = {pair: w for pair, items in pairs.items() if (w := mesh.knows(items)) > 0}
    got = dict(
        zip(zip(found.a.tolist(), found.b.tolist(), strict=True), found.w.tolist(), strict=True)
    )
    assert got == pytest.approx(expected)


def test_the_demo_mesh_as_arrays_equals_the_mesh_as_evidence(kith: Kith, db_path: Path) -> None:
    kith("demo")
    store = open_store(db_path)
    lists = load(store, NOW, NOW.tzinfo)  # type: ignore[arg-type]
    arrays = load_arrays(store, NOW, NOW.tzinfo)  # type: ignore[arg-type]
    store.close()
    people = arrays.people.tolist()
    got = {
        (people[a], people[b]): w
        for a, b, w in zip(arrays.a.tolist(), arrays.b.tolist(), arrays.w.tolist(), strict=True)
    }
    present = set(people)
    expected = {p: w for p, w in lists.edges.items() if p[0] in present and p[1] in present}
    assert len(got) > 300
    assert got == pytest.approx(expected)
    assert arrays.strength.tolist() == pytest.approx([lists.strength[p] for p in people])
