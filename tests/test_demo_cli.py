"""`kith demo` through the CLI: builds, rebuilds a demo, refuses a database with real people."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner, Result

from kith.cli.main import cli

NOW = "2026-11-22T10:00"


def kith(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), "--now", NOW, *args])


def names(db: Path) -> list[str]:
    listing = json.loads(kith(db, "list", "--json").output)
    return [person["name"] for person in listing["people"]]


def test_kith_demo_builds_the_demo_network_into_an_empty_database(tmp_path: Path) -> None:
    db = tmp_path / "kith.db"
    result = kith(db, "demo")
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Built the demo network (seed 7) in {db}: 150 people, 1,754 interactions, 27 events.\n"
        f'Try: kith --db {db} list tag:meetup, kith --db {db} show "Wendy Weekly".\n'
    )
    card = json.loads(kith(db, "show", "Wendy Weekly", "--json").output)
    assert card["total_interactions"] == 260
    assert card["person"]["tags"] == ["university"]


def test_kith_demo_json_says_what_it_built(tmp_path: Path) -> None:
    db = tmp_path / "kith.db"
    result = kith(db, "demo", "--seed", "3", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["demo"] == {
        "profile": "demo",
        "seed": 3,
        "now": "2026-11-22T10:00:00Z",
        "version": 2,
        "database": str(db),
    }
    assert json.loads(result.output)["created"]["person"] == 150


def test_kith_demo_refuses_a_database_with_real_people_without_force(tmp_path: Path) -> None:
    db = tmp_path / "kith.db"
    assert kith(db, "add", "Ada Lovelace").exit_code == 0
    result = kith(db, "demo")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {db} holds people or interactions and is not a demo database; Kith has not "
        "changed it. Build the demo elsewhere (`kith --demo demo` or --db PATH), or add --force "
        "to replace everything in it with the demo.\n"
    )
    assert names(db) == ["Ada Lovelace"]


def test_kith_demo_with_force_replaces_a_database_that_is_not_a_demo(tmp_path: Path) -> None:
    db = tmp_path / "kith.db"
    kith(db, "add", "Ada Lovelace")
    assert kith(db, "demo", "--force").exit_code == 0
    people = names(db)
    assert len(people) == 147  # 150 but the two prospects and the archived person
    assert "Ada Lovelace" not in people


def test_rebuilding_a_demo_database_replaces_what_was_in_it(tmp_path: Path) -> None:
    db = tmp_path / "kith.db"
    kith(db, "demo")
    kith(db, "add", "Ada Lovelace")
    result = kith(db, "demo", "--seed", "8")
    assert result.exit_code == 0, result.output
    assert "Ada Lovelace" not in names(db)
    assert len(names(db)) == 147


def test_the_same_seed_and_clock_build_the_same_database(tmp_path: Path) -> None:
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    assert kith(first, "demo").exit_code == kith(second, "demo").exit_code == 0
    assert len(names(first)) == 147
    assert kith(first, "list", "--json").output == kith(second, "list", "--json").output
    assert kith(first, "timeline", "--since", "30d", "--json").output == (
        kith(second, "timeline", "--since", "30d", "--json").output
    )


def test_kith_demo_builds_the_small_benchmark_profile(tmp_path: Path) -> None:
    db = tmp_path / "kith.db"
    result = kith(db, "demo", "--profile", "s")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Built the S network (seed 7) in {db}: 200 people, 4,000")


def test_kith_demo_with_the_demo_flag_builds_demo_db_in_the_data_directory(
    tmp_path: Path,
) -> None:
    result = CliRunner().invoke(cli, ["--demo", "--now", NOW, "demo"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "data-home" / "kith" / "demo.db").stat().st_mode & 0o777 == 0o600


def test_kith_demo_without_a_database_goes_to_demo_db_never_the_users_own(tmp_path: Path) -> None:
    home = tmp_path / "data-home" / "kith"  # XDG_DATA_HOME, as the autouse fixture sets it
    built = CliRunner().invoke(cli, ["--now", NOW, "demo"])
    assert built.exit_code == 0, built.output
    assert built.output == (
        f"Built the demo network (seed 7) in {home / 'demo.db'}: 150 people, 1,754 "
        "interactions, 27 events.\n"
        'Try: kith --demo list tag:meetup, kith --demo show "Wendy Weekly".\n'
    )
    assert not (home / "kith.db").exists()
    shown = CliRunner().invoke(cli, ["--demo", "--now", NOW, "show", "Wendy Weekly"])
    assert shown.exit_code == 0


def test_a_demo_db_kith_refuses_is_kept_aside_and_the_demo_built_anew(tmp_path: Path) -> None:
    home = tmp_path / "data-home" / "kith"
    assert CliRunner().invoke(cli, ["--demo", "--now", NOW, "demo"]).exit_code == 0
    with sqlite3.connect(home / "demo.db") as damaging:  # a schema part missing: damaged
        damaging.execute("DROP TRIGGER results_stale_facet_added")
    refused = CliRunner().invoke(cli, ["--demo", "--now", NOW, "list"])
    rebuilt = CliRunner().invoke(cli, ["--demo", "--now", NOW, "demo"])
    kept = sorted(p.name for p in home.glob("demo.db.refused-*Z"))  # its -wal/-shm beside it
    assert (refused.exit_code, rebuilt.exit_code, len(kept)) == (5, 0, 1)
    assert f"it is kept as {home / kept[0]}, and a new one is built." in rebuilt.output
    assert "150 people, 1,754 interactions, 27 events." in rebuilt.output
    assert CliRunner().invoke(cli, ["--demo", "--now", NOW, "show", "Wendy Weekly"]).exit_code == 0
    with sqlite3.connect(home / kept[0]) as old:  # what it held is kept, not deleted
        assert old.execute("SELECT count(*) FROM person").fetchone()[0] == 150


def test_a_damaged_database_named_with_db_is_still_refused_by_demo(tmp_path: Path) -> None:
    db = tmp_path / "mine.db"
    assert kith(db, "demo").exit_code == 0
    with sqlite3.connect(db) as damaging:
        damaging.execute("DROP TRIGGER results_stale_facet_added")
    result = kith(db, "demo")
    assert (result.exit_code, list(tmp_path.glob("*refused*"))) == (5, [])
