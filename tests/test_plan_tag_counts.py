"""A week's choice counts the holders of each tag once (each count scans everyone holding it),
and the reads that only need the tags' names count none, with the same names in the same
order and the same counts as one call of `PlanRepo.tags` gives."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

from kith.services.week import plan
from kith.store import Store, open_store
from tests.conftest import NOW

COUNT = "GROUP BY tag_id"  # the statement PlanRepo.tags counts the holders with


def opened_copy(built_demo: Path, tmp_path: Path) -> Store:
    path = tmp_path / "kith.db"
    shutil.copy(built_demo, path)
    return open_store(path)


def tagged_ids(store: Store) -> list[int]:
    rows = store.connection.execute("SELECT DISTINCT person_id FROM person_tag ORDER BY 1")
    return [row[0] for row in rows]


def test_tags_given_the_counts_so_far_count_only_the_tags_not_counted_yet(
    built_demo: Path, tmp_path: Path
) -> None:
    store = opened_copy(built_demo, tmp_path)
    try:
        ids = tagged_ids(store)
        half = ids[: len(ids) // 2]
        alone = store.plan.tags(ids)
        ran: list[str] = []
        store.connection.set_trace_callback(ran.append)
        sizes: dict[int, int] = {}
        first = store.plan.tags(half, sizes)
        counted_first = sum(COUNT in sql for sql in ran)
        again = store.plan.tags(ids, sizes)
        store.connection.set_trace_callback(None)
        assert len(ids) > 10
        assert counted_first == 1
        assert sum(COUNT in sql for sql in ran) == 1 + (len(sizes) > counted_tags(first))
        assert first == {pid: alone[pid] for pid in half}
        assert again == alone
        assert sizes == dict(
            store.connection.execute("SELECT tag_id, count(*) FROM person_tag GROUP BY tag_id")
        )
    finally:
        store.close()


def counted_tags(found: dict[int, list[tuple[str, int]]]) -> int:
    return len({name for tags in found.values() for name, _ in tags})


def test_the_tags_names_are_those_of_tags_in_their_order(built_demo: Path, tmp_path: Path) -> None:
    store = opened_copy(built_demo, tmp_path)
    try:
        ids = tagged_ids(store)
        ran: list[str] = []
        store.connection.set_trace_callback(ran.append)
        names = store.plan.tag_names(ids)
        store.connection.set_trace_callback(None)
        sized = store.plan.tags(ids)
        assert names == {pid: [name for name, _ in tags] for pid, tags in sized.items()}
        assert sum(len(found) for found in names.values()) > 10
        assert not any(COUNT in sql for sql in ran)
    finally:
        store.close()


def test_a_new_weeks_choice_counts_the_tags_holders_once(built_demo: Path, tmp_path: Path) -> None:
    store = opened_copy(built_demo, tmp_path)
    try:
        ran: list[str] = []
        store.connection.set_trace_callback(ran.append)
        week = plan.this_week(store, NOW + timedelta(days=7))
        store.connection.set_trace_callback(None)
        counted = [tag for sql in ran if COUNT in sql for tag in tag_ids_in(sql)]
        assert week.made_now
        assert len(week.picks) >= 3
        assert len(counted) >= 3
        assert sorted(counted) == sorted(set(counted))  # none counted twice
    finally:
        store.close()


def tag_ids_in(sql: str) -> list[int]:
    """The tag ids a count statement, as the trace gives it (its values bound), counts."""
    start = sql.index("IN (") + 4
    inside = sql[start : sql.index(")", start)]
    return [int(word) for word in inside.split(",")]
