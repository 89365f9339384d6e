"""Migration 0029's stored ledger totals: kept equal to the counts from the log through every way
the log changes, filled in from what is there when a file is upgraded, and the ledger of
everyone read from them the same as when it was counted from the log."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest

from kith.services import ledger as service
from kith.services.interactions import (
    LogEntry,
    delete_interaction,
    edit_interaction,
    log_interaction,
)
from kith.services.merging import merge_people, unmerge
from kith.services.people import forget, set_archived
from kith.store import Store, migrations, open_store
from kith.store.connection import APPLICATION_ID
from kith.store.mesh.ledger import GIVES, LEDGER_KINDS, TOTAL_COLUMNS
from kith.store.rows import instant
from tests.conftest import NOW, NOW_TEXT, Kith, loaded_at_start

SIDES = {"out": ("out",), "in": ("in",), "both": ("out", "in")}
Counts = dict[int, dict[str, int]]


def counted(connection: sqlite3.Connection) -> Counts:
    """Everyone's totals counted from the log (the ledger's reference query, archived or not),
    each as {column: n} without the zeros."""
    found: Counts = defaultdict(dict)
    rows = connection.execute(
        "SELECT p.person_id, i.kind, i.direction FROM interaction i "
        "JOIN participant p ON p.interaction_id = i.id "
        "WHERE i.kind IN ('give', 'ask', 'thanks', 'intro') "
        "UNION ALL SELECT a_id, 'intro', 'out' FROM introduction "
        "WHERE state IN ('introduced', 'followed_up', 'outcome') "
        "UNION ALL SELECT b_id, 'intro', 'out' FROM introduction "
        "WHERE state IN ('introduced', 'followed_up', 'outcome')"
    )
    for person_id, kind, direction in rows:
        for side in SIDES[direction]:
            column = f"{kind}_{side}"
            found[person_id][column] = found[person_id].get(column, 0) + 1
    return dict(found)


def stored(connection: sqlite3.Connection) -> Counts:
    rows = connection.execute(f"SELECT person_id, {', '.join(TOTAL_COLUMNS)} FROM ledger_total")
    return {
        int(pid): {c: n for c, n in zip(TOTAL_COLUMNS, counts, strict=True) if n}
        for pid, *counts in rows
    }


def reference_overview(
    store: Store, limit: int | None
) -> list[tuple[str, dict[str, dict[str, int]]]]:
    """The ledger of everyone as it was made before migration 0029: every ledger interaction
    counted, everyone sorted in Python."""
    counts: dict[int, dict[str, dict[str, int]]] = defaultdict(
        lambda: {k: {"out": 0, "in": 0} for k in LEDGER_KINDS}
    )
    names = {}
    for pid, name, kind, direction, n in store.ledger.named_counts():
        names[pid] = name
        for side in SIDES[direction]:
            counts[pid][kind][side] += n

    def lopsided(pid: int) -> tuple[bool, float, int, str, int]:
        mine = sum(counts[pid][k]["out"] for k in GIVES)
        total = mine + sum(counts[pid][k]["in"] for k in GIVES)
        share = mine / total if total else None
        entries = sum(n for sides in counts[pid].values() for n in sides.values())
        distance = abs(share - 0.5) if share is not None else 0.0
        return (share is None, -distance, -entries, names[pid].casefold(), pid)

    order = sorted(counts, key=lopsided)
    return [(names[pid], counts[pid]) for pid in (order if limit is None else order[:limit])]


@pytest.fixture
def demo_store(demo: Kith, db_path: Path) -> Iterator[Store]:
    store = open_store(db_path)
    yield store
    store.close()


def test_the_demo_has_ledger_entries_and_its_totals_are_the_counts_from_its_log(
    demo_store: Store,
) -> None:
    totals = stored(demo_store.connection)
    assert len(totals) > 50
    assert totals == counted(demo_store.connection)


def test_the_totals_follow_logs_edits_deletes_merges_archives_and_forgetting(
    demo_store: Store,
) -> None:
    store, db = demo_store, demo_store.connection
    ledgered = "SELECT person_id FROM ledger_total ORDER BY person_id LIMIT 6"
    a, b, c, d, e, f = (int(r[0]) for r in db.execute(ledgered))
    given = log_interaction(store, [a, b], LogEntry("sent the paper", "email", "out", "give"), NOW)
    merged: list[int] = []

    def add_participant() -> None:
        with store.transaction():
            store.interactions.add_participant(given.id, c)

    steps: list[tuple[str, Callable[[], object]]] = [
        (
            "an ask",
            lambda: log_interaction(store, [c], LogEntry("asked", "email", "in", "ask"), NOW),
        ),
        (
            "a give made a thank-you over coffee",
            lambda: edit_interaction(
                store, given.id, LogEntry("", direction="both", kind="thanks"), NOW
            ),
        ),
        (
            "out of the ledger",
            lambda: edit_interaction(store, given.id, LogEntry("", kind="checkin"), NOW),
        ),
        (
            "back into it",
            lambda: edit_interaction(
                store, given.id, LogEntry("", kind="intro", direction="in"), NOW
            ),
        ),
        ("a participant added", add_participant),
        ("merged", lambda: merged.append(merge_people(store, a, d, NOW))),
        ("unmerged", lambda: unmerge(store, merged[0], NOW)),
        ("deleted", lambda: delete_interaction(store, given.id)),
        ("archived", lambda: set_archived(store, e, True, NOW)),
        ("forgotten", lambda: forget(store, f)),
    ]
    assert stored(db) == counted(db)
    for label, step in steps:
        before = stored(db)
        step()
        assert stored(db) == counted(db), label
        if label != "archived":  # the archived keep their totals; the ledger leaves them out
            assert stored(db) != before, label


def test_the_totals_follow_introductions_made_moved_and_taken_back(demo_store: Store) -> None:
    db = demo_store.connection
    a, b, c = (int(r[0]) for r in db.execute("SELECT id FROM person ORDER BY id LIMIT 3"))
    with demo_store.transaction():
        cursor = db.execute(
            "INSERT INTO introduction (a_id, b_id, state, created_at, updated_at) "
            "VALUES (?, ?, 'suggested', '2026-10-01T09:00:00Z', '2026-10-01T09:00:00Z')",
            (a, b),
        )
        intro = cursor.lastrowid
    assert stored(db) == counted(db)
    for change in (
        "UPDATE introduction SET state = 'introduced' WHERE id = ?",
        "UPDATE introduction SET state = 'followed_up' WHERE id = ?",
        f"UPDATE introduction SET b_id = {c} WHERE id = ?",
        "UPDATE introduction SET state = 'declined' WHERE id = ?",
        "UPDATE introduction SET state = 'outcome' WHERE id = ?",
        "DELETE FROM introduction WHERE id = ?",
    ):
        before = stored(db)
        with demo_store.transaction():
            db.execute(change, (intro,))
        assert stored(db) == counted(db), change
        if "declined" in change or "DELETE" in change:
            assert stored(db) != before


def test_a_person_whose_last_entry_goes_has_no_row(kith: Kith, db_path: Path) -> None:
    kith("add", "Ada Lovelace")
    kith("log", "Ada", "sent the paper", "-k", "give", "-d", "out", "--when", "2026-10-01")
    store = open_store(db_path)
    try:
        assert stored(store.connection) == {1: {"give_out": 1}}
        delete_interaction(store, 1)
        assert stored(store.connection) == {}
    finally:
        store.close()


@pytest.mark.parametrize("limit", [1, 5, 50, None])
def test_the_overview_read_from_the_totals_is_the_one_counted_from_the_log(
    demo_store: Store, limit: int | None
) -> None:
    found = service.overview(demo_store, limit)
    expected = reference_overview(demo_store, limit)
    assert [(r.person.name, r.counts) for r in found.rows] == expected
    assert found.total == len(reference_overview(demo_store, None))


def test_ties_at_the_limit_are_broken_by_name_as_before(kith: Kith, db_path: Path) -> None:
    for name in ("Zoe Zed", "Bo Bee", "ada Ay", "Cy Sea"):
        kith("add", name)
        kith("log", name, "sent the paper", "-k", "give", "--when", "2026-10-01")
    store = open_store(db_path)
    try:
        for limit in (1, 2, 3, None):
            names = [r.person.name for r in service.overview(store, limit).rows]
            assert names == ["ada Ay", "Bo Bee", "Cy Sea", "Zoe Zed"][:limit]
    finally:
        store.close()


def test_the_figures_leave_out_the_archived(kith: Kith, db_path: Path) -> None:
    kith("add", "Ada Lovelace")
    kith("add", "Bo Bee")
    kith("log", "Ada", "sent the paper", "-k", "give", "-d", "out", "--when", "2026-10-01")
    kith("log", "Bo", "sent a book", "-k", "give", "-d", "in", "--when", "2026-10-01")
    store = open_store(db_path)
    try:
        assert service.balance(store) == (2, 1, 1)
        set_archived(store, 2, True, NOW)
        assert service.balance(store) == (1, 1, 0)
        assert service.overview(store).total == 1
    finally:
        store.close()


def test_migration_30_fills_the_totals_from_the_log_of_a_version_28_file(tmp_path: Path) -> None:
    path = tmp_path / "kith.db"
    connection = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(connection, path, APPLICATION_ID, upto=28)
    stamp = "2026-11-21T10:00:00Z"
    for pid in (1, 2, 3):
        connection.execute(
            "INSERT INTO person (id, uid, display_name, name_key, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (pid, f"u-{pid}", f"P{pid}", f"p{pid}", stamp, stamp),
        )
    log = [(1, "give", "out", (1, 2)), (2, "ask", "both", (2,)), (3, "checkin", "out", (3,))]
    for iid, kind, direction, people in log:
        connection.execute(
            "INSERT INTO interaction (id, at, channel, direction, kind, summary, source, "
            "source_id, created_at) VALUES (?, ?, 'email', ?, ?, 's', 'manual', ?, ?)",
            (iid, stamp, direction, kind, str(iid), stamp),
        )
        for pid in people:
            connection.execute("INSERT INTO participant VALUES (?, ?)", (iid, pid))
    connection.execute(
        "INSERT INTO introduction (a_id, b_id, state, created_at, updated_at) "
        "VALUES (1, 3, 'introduced', ?, ?)",
        (stamp, stamp),
    )
    migrations.migrate(connection, path, APPLICATION_ID, upto=29)
    assert stored(connection) == {
        1: {"give_out": 1, "intro_out": 1},
        2: {"give_out": 1, "ask_out": 1, "ask_in": 1},
        3: {"intro_out": 1},
    }
    assert stored(connection) == counted(connection)
    connection.close()


def test_the_json_export_finds_a_persons_merged_uids_by_index_not_by_scanning_them_all(
    store: Store,
) -> None:
    from kith.store.exports.dump import PERSON_TEXT_SQL

    sql = PERSON_TEXT_SQL.replace(":built_people", "")  # no one listed (the DumpReader's list)
    plan = [
        r[-1]
        for r in store.connection.execute(f"EXPLAIN QUERY PLAN {sql} WHERE p.id = 1")
        if "person_uid_alias" in r[-1]
    ]
    assert plan == [
        "SEARCH person_uid_alias USING COVERING INDEX person_uid_alias_person (person_id=?)"
    ]


def test_the_ledger_of_everyone_loads_neither_name_resolution_nor_the_person_shapes(
    demo: Kith, db_path: Path
) -> None:
    modules = ("kith.services.resolve", "difflib", "kith.shapes.people")
    argv = ["--db", str(db_path), "--now", NOW_TEXT, "ledger"]
    assert loaded_at_start(argv, modules) == []
    one = loaded_at_start([*argv, "Alicja Lewandowski"], modules)
    assert "kith.services.resolve" in one


# `LedgerRepo.newest` before it read the rows in Python: a window over them in SQLite
WINDOW_NEWEST_SQL = f"""
SELECT id, at, kind, direction, summary, n FROM (
  SELECT i.id, i.at, i.kind, i.direction, i.summary,
         count(*) OVER (PARTITION BY i.kind, i.direction) AS n,
         row_number() OVER (PARTITION BY i.kind, i.direction ORDER BY i.at DESC, i.id DESC) AS k
  FROM participant p JOIN interaction i ON i.id = p.interaction_id
  WHERE p.person_id = ? AND i.kind IN ({", ".join("?" * len(LEDGER_KINDS))}))
WHERE k = 1"""


def test_each_persons_newest_entries_and_counts_are_the_windows_of_the_log(
    demo: Kith, db_path: Path
) -> None:
    for summary in ("the first of two at one time", "the second of two at one time"):
        logged = demo(
            "log", "Alicja Lewandowski", summary, "--kind", "give", "--when", "2026-11-20"
        )
        assert logged.exit_code == 0, logged.output
    with closing(open_store(db_path)) as store:
        people = [r[0] for r in store.connection.execute("SELECT id FROM person ORDER BY id")]
        compared = 0
        for person_id in people:
            window = [
                (iid, instant(at), kind, direction, summary, n)
                for iid, at, kind, direction, summary, n in store.connection.execute(
                    WINDOW_NEWEST_SQL, (person_id, *LEDGER_KINDS)
                )
            ]
            read = [
                (e.interaction_id, e.at, e.kind, e.direction, e.summary, n)
                for e, n in store.ledger.newest(person_id)
                if e.interaction_id is not None
            ]
            assert read == window
            compared += len(window)
        alicja = store.people.ids_for_name_key("alicja lewandowski")[0]
        gives = {e.summary for e, _ in store.ledger.newest(alicja) if e.kind == "give"}
    assert compared > 200
    assert "the second of two at one time" in gives
    assert "the first of two at one time" not in gives
