"""`kith list` of thousands prints plain lines read three tables at a time (issue 15): the same
table as the person objects give, each day shown in the user's zone, through migration 26's
index of listed contacts."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kith.cli.render import day_of, table
from kith.clock import local_days, to_utc_text, zone
from kith.query import parse
from kith.services import browse
from kith.store import listing, migrations, open_store
from kith.store import people as people_store
from kith.store.connection import APPLICATION_ID
from kith.store.week.generation import named
from tests.conftest import Kith

STAMP = "2026-11-21T10:00:00Z"


def test_lines_read_by_scan_are_the_lines_read_by_id(
    demo: Kith, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(db_path)
    try:
        ids = [int(r[0]) for r in store.connection.execute("SELECT id FROM person ORDER BY id")]
        by_id = store.people.lines(ids)
        monkeypatch.setattr(people_store, "LINES_BY_SCAN", 0)
        by_scan = store.people.lines(ids)
    finally:
        store.close()
    assert len(by_id) == len(ids)
    assert by_scan == by_id
    assert any(line[3] for line in by_id)  # somebody has tags
    assert any(line[2] for line in by_id)  # and somebody a company


def test_kith_list_prints_the_same_table_either_way(
    demo: Kith, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_id = demo("list").output
    monkeypatch.setattr(people_store, "LINES_BY_SCAN", 0)
    assert demo("list").output == by_id
    assert by_id.splitlines()[0].split() == ["id", "name", "company", "tags", "last", "contact"]


@pytest.mark.parametrize(
    "zone",
    [
        "UTC",
        "Europe/Lisbon",
        "America/New_York",
        "America/St_Johns",
        "Asia/Kathmandu",
        "Australia/Lord_Howe",
        "Pacific/Kiritimati",
        "Etc/GMT+12",
    ],
)
def test_local_days_are_each_instants_own_local_day(zone: str) -> None:
    tz = ZoneInfo(zone)
    start = datetime(2026, 3, 27, tzinfo=UTC)  # around the spring changes in both hemispheres
    texts: list[str | None] = [
        to_utc_text(start + timedelta(minutes=7 * k)) for k in range(0, 60 * 24 * 12 // 7)
    ]
    texts += [None, to_utc_text(datetime(2026, 10, 4, 15, 30, tzinfo=UTC))]
    expected = [
        datetime.fromisoformat(t).astimezone(tz).strftime("%Y-%m-%d") if t else "" for t in texts
    ]
    assert local_days(texts, tz) == expected


def test_migration_26_lists_contacts_in_name_order_from_its_own_index(tmp_path: Path) -> None:
    path = tmp_path / "kith.db"
    connection = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(connection, path, APPLICATION_ID, upto=21)
    for pid, name, kind in [(1, "zoe", "contact"), (2, "ada", "contact"), (3, "bo", "prospect")]:
        connection.execute(
            "INSERT INTO person (id, uid, display_name, name_key, kind, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, '2026-11-21T10:00:00Z', '2026-11-21T10:00:00Z')",
            (pid, f"u-{pid}", name.title(), name, kind),
        )
    migrations.migrate(connection, path, APPLICATION_ID, upto=26)
    connection.close()
    store = open_store(path)
    try:
        sql = (
            "SELECT p.id FROM person p WHERE p.kind = 'contact' AND p.archived = 0 "
            "ORDER BY p.name_key, p.id"
        )
        plan = store.connection.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
        assert "INDEX person_listed" in plan[0][-1]  # covering from migration 35 on
        assert [r[0] for r in store.connection.execute(sql)] == [2, 1]
    finally:
        store.close()


@pytest.mark.parametrize("query", ["", "tag:university", "-tag:university", "a"])
@pytest.mark.parametrize("sort", ["name", "last"])
def test_everyone_read_with_their_names_are_the_lines_read_by_id(
    demo: Kith, db_path: Path, query: str, sort: str
) -> None:
    store = open_store(db_path)
    try:
        now = datetime(2026, 11, 22, 10, tzinfo=UTC)
        everyone, total = browse.list_lines(store, query, now, None, sort)
        page, page_total = browse.list_lines(store, query, now, 10_000, sort)
    finally:
        store.close()
    assert everyone == page
    assert total == page_total == len(everyone)
    assert len(everyone) > 0


def test_kith_list_of_everyone_is_the_table_of_their_person_objects(
    demo: Kith, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    printed = demo("list").output  # at the fixture's NOW_TEXT
    store = open_store(db_path)
    try:
        now = datetime(2026, 11, 22, 10, tzinfo=UTC)
        tz = zone(store.meta.setting("timezone"))
        people = browse.list_people(store, "", now).people
    finally:
        store.close()
    rows = [
        [str(p.id), p.name, p.company or "", ", ".join(p.tags), day_of(p.last_contact_at, tz)]
        for p in people
    ]
    table(["id", "name", "company", "tags", "last contact"], rows)
    assert printed == capsys.readouterr().out
    assert len(printed.splitlines()) == len(people) + 1 > 20


def test_migration_35_reads_every_listed_contact_from_its_index_in_name_order(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kith.db"
    connection = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(connection, path, APPLICATION_ID, upto=32)
    # (id, name, kind, archived, last contact): 3 a prospect, 4 archived, 5 and 6 the same name
    people = [
        (1, "zoe", "contact", 0, "2026-11-20T09:00:00Z"),
        (2, "ada", "contact", 0, None),
        (3, "bo", "prospect", 0, "2026-11-19T09:00:00Z"),
        (4, "cy", "contact", 1, "2026-11-18T09:00:00Z"),
        (6, "eve", "contact", 0, "2026-11-17T09:00:00Z"),
        (5, "eve", "contact", 0, None),
    ]
    for pid, name, kind, archived, last in people:
        connection.execute(
            "INSERT INTO person (id, uid, display_name, name_key, kind, archived, created_at, "
            "updated_at, last_contact_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (pid, f"u-{pid}", name.title(), name, kind, archived, STAMP, STAMP, last),
        )
    migrations.migrate(connection, path, APPLICATION_ID, upto=35)
    connection.close()
    store = open_store(path)
    try:
        query = parse("", datetime(2026, 11, 22, 10, tzinfo=UTC))
        sql = listing.FROM_SQL.replace("person p", "person p INDEXED BY person_listed")
        plan = store.connection.execute(
            named(
                store.connection,
                f"EXPLAIN QUERY PLAN SELECT p.id, p.display_name, p.last_contact_at {sql} "
                "WHERE p.kind = 'contact' AND p.archived = 0 ORDER BY p.name_key, p.id",
            )
        ).fetchall()
        assert "INDEX person_listed" in " ".join(str(row) for row in plan)
        assert "TEMP B-TREE" not in " ".join(str(row) for row in plan)
        held = store.connection.execute("PRAGMA index_info(person_listed)").fetchall()
        assert [row[2] for row in held] == ["name_key", "id", "display_name", "last_contact_at"]
        assert listing.person_names(store.connection, query) == [
            (2, "Ada", None),
            (5, "Eve", None),
            (6, "Eve", "2026-11-17T09:00:00Z"),
            (1, "Zoe", "2026-11-20T09:00:00Z"),
        ]
        with_terms = parse("kind:prospect", datetime(2026, 11, 22, 10, tzinfo=UTC))
        assert listing.person_names(store.connection, with_terms) == [
            (3, "Bo", "2026-11-19T09:00:00Z")
        ]
    finally:
        store.close()
