"""A person's rarest tag (their circle when in no stored one) is the tag the fewest people hold,
then the first by name; the holders are counted only for those holding more than one tag, and a
week's choice counts each tag at most once. The names read for a cadence count nothing."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

from kith.services.week import plan
from kith.store import Store, open_store
from tests.conftest import NOW

COUNT = "GROUP BY tag_id"  # the statement PlanRepo.rarest_tags counts the holders with


def opened_copy(built_demo: Path, tmp_path: Path) -> Store:
    path = tmp_path / "kith.db"
    shutil.copy(built_demo, path)
    return open_store(path)


def with_more_tags(store: Store) -> list[int]:
    """Every fifth contact given a second tag and every tenth a third, of two new tags held
    by as many people as each other (the name decides between them); the ids of the tagged."""
    db = store.connection
    add = "INSERT INTO person_tag (person_id, tag_id) VALUES (?, ?)"
    ids = [row[0] for row in db.execute("SELECT id FROM person WHERE kind = 'contact' ORDER BY id")]
    with store.transaction():
        for name in ("zeta", "alpha"):
            db.execute("INSERT INTO tag (name) VALUES (?)", (name,))
        zeta, alpha = (
            db.execute("SELECT id FROM tag WHERE name = ?", (name,)).fetchone()[0]
            for name in ("zeta", "alpha")
        )
        for n, pid in enumerate(ids):
            for tag, every in ((zeta, 5), (alpha, 10)):
                if n % every == 0:
                    db.execute(
                        "INSERT INTO person_tag (person_id, tag_id) VALUES (?, ?)", (pid, tag)
                    )
            if n % 10 == 5:
                db.execute(add, (pid, alpha))
    rows = db.execute("SELECT DISTINCT person_id FROM person_tag ORDER BY 1")
    return [row[0] for row in rows]


def rarest_by_sql(store: Store) -> dict[int, str]:
    rows = store.connection.execute(
        "SELECT pt.person_id, t.name, (SELECT count(*) FROM person_tag c WHERE c.tag_id = t.id) "
        "FROM person_tag pt JOIN tag t ON t.id = pt.tag_id"
    )
    found: dict[int, tuple[int, str]] = {}
    for person, name, holders in rows:
        found[person] = min(found.get(person, (holders, name)), (holders, name))
    return {person: name for person, (_, name) in found.items()}


def counted_ids(ran: list[str]) -> list[int]:
    """The tag ids the count statements, as the trace gives them (values bound), count."""
    found: list[int] = []
    for sql in ran:
        if COUNT in sql:
            start = sql.index("IN (") + 4
            found += [int(word) for word in sql[start : sql.index(")", start)].split(",")]
    return found


def test_the_rarest_tag_is_the_fewest_held_then_the_first_by_name(
    built_demo: Path, tmp_path: Path
) -> None:
    store = opened_copy(built_demo, tmp_path)
    try:
        ids = with_more_tags(store)
        found = store.plan.rarest_tags(ids)
        expected = rarest_by_sql(store)
        assert found == expected
        assert len(found) > 20
        assert "alpha" in found.values()  # as many holders as zeta: the first by name
        assert len(set(found.values())) >= 3
    finally:
        store.close()


def test_holders_are_counted_only_for_those_holding_more_than_one_tag_and_once(
    built_demo: Path, tmp_path: Path
) -> None:
    store = opened_copy(built_demo, tmp_path)
    try:
        ids = with_more_tags(store)
        db = store.connection
        held = dict(db.execute("SELECT person_id, count(*) FROM person_tag GROUP BY person_id"))
        alone = [pid for pid in ids if held[pid] == 1]
        several = [pid for pid in ids if held[pid] > 1]
        ran: list[str] = []
        db.set_trace_callback(ran.append)
        of_one = store.plan.rarest_tags(alone)
        counted_for_one = counted_ids(ran)
        sizes: dict[int, int] = {}
        first = store.plan.rarest_tags(several[: len(several) // 2], sizes)
        counted_first = counted_ids(ran)[len(counted_for_one) :]
        again = store.plan.rarest_tags(several, sizes)
        db.set_trace_callback(None)
        counted_again = counted_ids(ran)[len(counted_for_one) + len(counted_first) :]
        expected = rarest_by_sql(store)
        assert len(alone) > 10
        assert len(several) > 10
        assert counted_for_one == []
        assert of_one == {pid: expected[pid] for pid in alone}
        assert first == {pid: expected[pid] for pid in several[: len(several) // 2]}
        assert again == {pid: expected[pid] for pid in several}
        assert set(counted_first).isdisjoint(counted_again)
        assert sizes == {
            tag: count
            for tag, count in db.execute("SELECT tag_id, count(*) FROM person_tag GROUP BY 1")
            if tag in sizes
        }
    finally:
        store.close()


def test_the_tags_names_are_each_ones_tags_counting_nothing(
    built_demo: Path, tmp_path: Path
) -> None:
    store = opened_copy(built_demo, tmp_path)
    try:
        ids = with_more_tags(store)
        ran: list[str] = []
        store.connection.set_trace_callback(ran.append)
        names = store.plan.tag_names(ids)
        store.connection.set_trace_callback(None)
        rows = store.connection.execute(
            "SELECT pt.person_id, t.name FROM person_tag pt JOIN tag t ON t.id = pt.tag_id"
        )
        expected: dict[int, list[str]] = {}
        for person, name in rows:
            expected.setdefault(person, []).append(name)
        assert {pid: sorted(found) for pid, found in names.items()} == {
            pid: sorted(found) for pid, found in expected.items()
        }
        assert sum(len(found) > 1 for found in names.values()) > 10
        assert counted_ids(ran) == []
    finally:
        store.close()


def test_a_new_weeks_choice_counts_no_tags_holders_twice(built_demo: Path, tmp_path: Path) -> None:
    store = opened_copy(built_demo, tmp_path)
    try:
        with_more_tags(store)
        ran: list[str] = []
        store.connection.set_trace_callback(ran.append)
        week = plan.this_week(store, NOW + timedelta(days=7))
        store.connection.set_trace_callback(None)
        counted = counted_ids(ran)
        assert week.made_now
        assert len(week.picks) >= 3
        assert len(counted) >= 2
        assert sorted(counted) == sorted(set(counted))  # none counted twice
    finally:
        store.close()
