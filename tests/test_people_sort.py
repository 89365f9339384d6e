"""Sorting people (`kith list --sort`, browse.list_people's `sort`): in SQL from the stored
rows, S as the layers keep it at their latest Monday (migration 0021), due from the cadence."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kith.clock import from_utc_text
from kith.services import browse
from kith.services.ties import why
from kith.store import migrations, open_store
from kith.store.week import strength_blob
from tests.conftest import NOW, Kith, undo_migration_23, undo_migration_44


def listed(kith: Kith, *args: str) -> list[dict[str, object]]:
    result = kith("list", *args, "--json")
    assert result.exit_code == 0, result.output
    people: list[dict[str, object]] = json.loads(result.output)["people"]
    return people


def stored_strengths(db_path: Path) -> dict[int, float]:
    connection = sqlite3.connect(db_path)
    try:
        return dict(zip(*strength_blob.read(connection), strict=True))
    finally:
        connection.close()


def test_list_sorts_by_strength_strongest_first_as_the_layers_stored_it(
    demo: Kith, db_path: Path
) -> None:
    people = listed(demo, "--sort", "strength")
    assert [p["name"] for p in people[:3]] == ["Wendy Weekly", "Teresa Ferreira", "Ute Neumann"]
    strengths = stored_strengths(db_path)
    shown = [strengths.get(int(str(p["id"])), 0.0) for p in people]
    assert shown == sorted(shown, reverse=True)
    assert len(people) == 147


def test_the_stored_strength_is_s_at_the_layers_instant(demo: Kith, db_path: Path) -> None:
    demo("list", "--sort", "strength")
    store = open_store(db_path)
    try:
        instant = from_utc_text(store.layers.instant() or "")
        wendy = browse.list_people(store, "Wendy", NOW).people[0].id
        expected = why.explain(store, wendy, instant.astimezone(NOW.tzinfo)).strength.s
    finally:
        store.close()
    assert abs(stored_strengths(db_path)[wendy] - expected) < 1e-9


def test_list_sorts_by_last_contact_newest_first_and_never_contacted_last(demo: Kith) -> None:
    people = listed(demo, "--sort", "last")
    assert people[0]["name"] == "Rania Hamdan"
    times = [str(p["last_contact_at"]) for p in people if p["last_contact_at"]]
    assert times == sorted(times, reverse=True)
    contacted = len(times)
    assert all(p["last_contact_at"] is None for p in people[contacted:])


def test_list_sorts_by_due_the_longest_overdue_first(demo: Kith) -> None:
    people = listed(demo, "--sort", "due")
    assert [p["name"] for p in people[:2]] == ["Leila Sayegh", "Thijs Zimmermann"]


def test_a_cadence_of_ones_own_makes_someone_never_due_due_in_the_due_sort(demo: Kith) -> None:
    people = listed(demo, "--sort", "due")
    before = [p["name"] for p in people]
    # never due (L7, no cadence of their own), though in touch: among the last, by name
    nobody = [p["name"] for p in people if p["last_contact_at"]][-1]
    assert demo("cadence", str(nobody), "--ideal", "1d").exit_code == 0
    after = [p["name"] for p in listed(demo, "--sort", "due")]
    assert before.index(nobody) > 100
    assert after.index(nobody) < 100  # due yesterday: among the overdue


def test_list_sorts_by_name_unless_told_otherwise(demo: Kith) -> None:
    assert listed(demo) == listed(demo, "--sort", "name")


def test_a_sort_it_does_not_know_is_a_usage_error(demo: Kith) -> None:
    result = demo("list", "--sort", "height")
    assert result.exit_code == 2
    assert "'height' is not one of 'name', 'strength', 'last', 'due'" in result.output


def test_the_sort_combines_with_a_query(demo: Kith) -> None:
    people = listed(demo, "tag:university", "--sort", "strength")
    assert people[0]["name"] == "Wendy Weekly"
    assert all("university" in p["tags"] for p in people)  # type: ignore[operator]


def test_migration_21_fills_the_stored_strength_at_the_next_command(
    demo: Kith, db_path: Path
) -> None:
    demo("plan")
    before = stored_strengths(db_path)
    mine = next(m for m in migrations.all_migrations() if m.name == "layer_strength")
    earlier = max(m.version for m in migrations.all_migrations() if m.version < mine.version)
    connection = sqlite3.connect(db_path, isolation_level=None)
    connection.execute(f"DELETE FROM schema_migration WHERE version >= {mine.version}")
    undo_migration_44(connection)
    connection.execute("DROP INDEX layer_state_strength")
    connection.execute("ALTER TABLE layer_state DROP COLUMN strength")
    undo_migration_23(connection)
    connection.execute(f"PRAGMA user_version = {earlier}")
    connection.close()
    people = listed(demo, "--sort", "strength")  # migrates, marks the layers, replays them
    assert people[0]["name"] == "Wendy Weekly"
    assert stored_strengths(db_path) == before


@pytest.mark.parametrize("sort", browse.SORTS)
def test_a_limited_list_is_the_first_of_the_whole_list_in_every_sort(demo: Kith, sort: str) -> None:
    demo("add", "Nadia Newcomer")  # the layers have not reached her: no stored strength yet
    whole = [p["name"] for p in listed(demo, "--sort", sort)]
    for limit in ("1", "40", "146", "148"):
        assert [p["name"] for p in listed(demo, "--sort", sort, "--limit", limit)] == (
            whole[: int(limit)]
        )
    query = ("-tag:university", "--sort", sort)
    tagged = [p["name"] for p in listed(demo, *query)]
    assert [p["name"] for p in listed(demo, *query, "--limit", "30")] == tagged[:30]
    if sort != "name":  # no stored strength, no due day, no contact: among the last
        assert whole.index("Nadia Newcomer") > 100


def test_the_list_shows_the_sorts_key_as_a_column(demo: Kith) -> None:
    strongest = demo("list", "--sort", "strength", "--limit", "1").output.splitlines()
    assert strongest[0].split() == ["id", "name", "company", "tags", "last", "contact", "strength"]
    assert strongest[1].split()[-2:] == ["2026-11-18", "0.94"]
    soonest = demo("list", "--sort", "due", "--limit", "1").output.splitlines()
    assert soonest[1].split()[-2:] == ["2024-04-03", "2025-04-03"]
    assert demo("list", "--limit", "1").output.splitlines()[0].split()[-1] == "contact"
