"""Who knows whom on arrays (relate.mesh_known, store.mesh_keys) equals the same worked out in
plain Python: neighbours, degrees, ties and resource allocation, the last bit for bit when both
add in ascending id; and the keys read from the demo equal the evidence rows."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from contextlib import closing
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kith.relate import intros
from kith.relate.mesh_known import SHIFT, Known
from kith.services.mesh import network
from kith.store import open_store
from kith.store.mesh import mesh_keys
from kith.store.mesh.evidence import ORG_MAX_MEMBERS
from tests.conftest import Kith

Row = tuple[int, int, bool]  # a < b, whether the user said they do not know each other


class Plain:
    """The reference: the network as dicts of sets (as services.mesh.network held it)."""

    def __init__(self, rows: list[Row], jobs: list[tuple[int, int]]) -> None:
        said_not = {(a, b) for a, b, refused in rows if refused}
        self.links: dict[int, set[int]] = defaultdict(set)
        for a, b, refused in rows:
            if not refused and (a, b) not in said_not:
                self.links[a].add(b)
                self.links[b].add(a)
        self.orgs: dict[int, set[int]] = defaultdict(set)
        self.members: dict[int, set[int]] = defaultdict(set)
        for person, org in jobs:
            self.orgs[person].add(org)
            self.members[org].add(person)

    def neighbours(self, person: int) -> set[int]:
        mine = set(self.links.get(person, ()))
        for org in self.orgs.get(person, ()):
            mine |= self.members[org]
        return mine - {person}

    def degree(self, person: int) -> int:
        return len(self.neighbours(person))


def built(rows: list[Row], jobs: list[tuple[int, int]]) -> Known:
    keys = [(a << SHIFT | b) * (-1 if refused else 1) for a, b, refused in rows]
    return Known.build(
        np.array(keys, np.int64),
        np.array([p for p, _ in jobs], np.int64),
        np.array([o for _, o in jobs], np.int64),
    )


pairs = st.tuples(st.integers(1, 14), st.integers(1, 14)).filter(lambda p: p[0] < p[1])
networks = st.tuples(
    st.lists(st.tuples(pairs, st.sampled_from([False, False, False, True])), max_size=40),
    st.lists(st.tuples(st.integers(1, 14), st.integers(1, 4)), max_size=14, unique=True),
)


def rows_of(drawn: list[tuple[tuple[int, int], bool]]) -> list[Row]:
    return [(a, b, refused) for (a, b), refused in drawn]


@settings(max_examples=150, deadline=None)
@given(networks)
def test_the_array_network_knows_whom_the_plain_one_does(
    drawn: tuple[list[tuple[tuple[int, int], bool]], list[tuple[int, int]]],
) -> None:
    rows, jobs = rows_of(drawn[0]), drawn[1]
    plain, known = Plain(rows, jobs), built(rows, jobs)
    for person in range(1, 16):
        assert set(known.neighbours(person).tolist()) == plain.neighbours(person)
        assert known.degree(person) == plain.degree(person)
        for other in range(person + 1, 16):
            shares_org = bool(plain.orgs[person] & plain.orgs[other])
            assert known.same_org(person, other) == shares_org
            assert known.knows(person, other) == (other in plain.links[person] or shares_org)


@settings(max_examples=150, deadline=None)
@given(networks, st.integers(0, 2**32))
def test_resource_allocation_on_arrays_is_the_plain_sum_in_ascending_id_bit_for_bit(
    drawn: tuple[list[tuple[tuple[int, int], bool]], list[tuple[int, int]]], seed: int
) -> None:
    rows, jobs = rows_of(drawn[0]), drawn[1]
    rng = np.random.default_rng(seed)  # ids spread out, so that id order is not drawing order
    spread = {n: int(v) for n, v in enumerate(rng.choice(10**6, 15, replace=False), start=1)}
    rows = [(min(spread[a], spread[b]), max(spread[a], spread[b]), r) for a, b, r in rows]
    jobs = [(spread[p], o) for p, o in jobs]
    plain, known = Plain(rows, jobs), built(rows, jobs)
    for u in spread.values():
        for v in spread.values():
            mine, theirs = plain.neighbours(u) - {v}, plain.neighbours(v) - {u}
            expected = (
                len(mine & theirs),
                len(mine | theirs),
                intros.resource_allocation(mine, theirs, plain.degree),
            )
            assert tuple(known.overlap(u, v)) == expected  # floats compared with ==


def test_the_sum_in_ascending_id_is_one_defined_float() -> None:
    # 1/3 + 1/7 + 1/9 in another order rounds differently: the order is part of the result
    shared = {30: 3, 10: 7, 20: 9}
    assert intros.resource_allocation(set(shared), set(shared), shared.__getitem__) == (
        1 / 7 + 1 / 9 + 1 / 3
    )


def test_the_sampled_ties_are_every_kth_in_id_order() -> None:
    rows: list[Row] = [(a, b, False) for a in range(1, 9) for b in range(a + 1, 10)]
    known = built([*rows, (2, 3, True)], [])
    every = sorted((a, b) for a, b, _ in rows if (a, b) != (2, 3))
    assert known.sampled_edges(7) == every[:: len(every) // 7][:7]
    assert known.sampled_edges(1000) == every


def test_the_keys_read_from_the_demo_are_its_evidence_between_contacts(
    demo: Kith, db_path: Path
) -> None:
    store = open_store(db_path)
    with store.reading():
        a, b, _ = store.mesh.pair_kinds()[0]  # a pair with evidence, now said not to know
        prospect = store.connection.execute("SELECT id FROM person WHERE kind != 'contact'")
        outside = prospect.fetchone()[0]
    store.close()
    with closing(sqlite3.connect(db_path)) as db, db:  # a warm path's end: left out here
        db.execute(
            "INSERT INTO link (a_id, b_id, kind) VALUES (?, ?, 'co_attendee')",
            (min(a, outside), max(a, outside)),
        )
    assert demo("knows", f"#{a}", f"#{b}", "--not").exit_code == 0
    store = open_store(db_path)
    with store.reading():
        contacts = mesh_keys.contact_ids(store.connection)
        keys = mesh_keys.pair_keys(store.connection, contacts)
        people, orgs = mesh_keys.current_jobs(store.connection, contacts, ORG_MAX_MEMBERS)
        kinds = store.mesh.pair_kinds()
        jobs = store.introductions.current_jobs(ORG_MAX_MEMBERS)
    store.close()
    signed = sorted((a << SHIFT | b) * (-1 if kind == "not" else 1) for a, b, kind in kinds)
    assert sorted(keys.tolist()) == signed
    assert any(key < 0 for key in signed)
    assert sorted(zip(people.tolist(), orgs.tolist(), strict=True)) == sorted(jobs)


def test_the_demo_network_read_as_arrays_is_the_plain_one(demo: Kith, db_path: Path) -> None:
    store = open_store(db_path)
    with store.reading():
        known = network.read(store)
        rows = [(a, b, kind == "not") for a, b, kind in store.mesh.pair_kinds()]
        plain = Plain(rows, store.introductions.current_jobs(ORG_MAX_MEMBERS))
        people = [row[0] for row in store.connection.execute("SELECT id FROM person")]
    store.close()
    assert len(people) > 100
    for person in people:
        assert set(known.neighbours(person).tolist()) == plain.neighbours(person)
        assert known.degree(person) == plain.degree(person)
