"""A let-go introduction is its own stored state (migration 0045), not a decline by nobody: it
reads "you let it go" in every face, goes out in an export and comes back in, and is never
nudged again. A decline that nobody recorded as anyone's (from before 0012, or an older
document) reads only "declined": neither "you let it go" nor a guess at who."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from kith.cli.main import cli
from kith.services.mesh import introduce
from kith.shapes.intros import step_json
from kith.store import migrations, open_store
from reliability import schema_versions
from tests.conftest import Kith

LET_GO_VERSION = next(
    m.version for m in migrations.all_migrations() if m.name == "introduction_let_go"
)
COLUMNS = "id, a_id, b_id, why, state, declined_by, outcome, created_at, updated_at, run_id"
LEDGER = "SELECT person_id, intro_out, intro_in FROM ledger_total ORDER BY person_id"
OBJECTS = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name <> 'introduction'"


def before_let_go(path: Path) -> sqlite3.Connection:
    """The newest schema fixture older than migration 0045, at `path` (autocommit)."""
    older = [
        f
        for f in sorted(schema_versions.FIXTURES.glob("v*.db.gz"))
        if int(f.name[1:5]) < LET_GO_VERSION
    ]
    schema_versions.load(older[-1], path)
    return sqlite3.connect(path, isolation_level=None)


def standings(path: Path) -> list[tuple[int, str, str | None, str]]:
    """(id, state, declined_by, standing) of every introduction, in id order, as the board,
    `kith intro --json` and the API read them."""
    store = open_store(path)
    try:
        shown = [step_json(s) for s in introduce.board(store)]
    finally:
        store.close()
    found = [(s["id"], s["state"], s["declined_by"], s["standing"]) for s in shown]
    return sorted(found)


def test_migration_0045_keeps_every_introduction_and_a_decline_by_nobody_reads_declined(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    old = before_let_go(path)
    ids = dict(old.execute("SELECT display_name, id FROM person"))
    ada, grace, alan = ids["Ada Lovelace"], ids["Grace Hopper"], ids["Alan Turing"]
    old.execute("INSERT INTO import_run (id, kind, started_at) VALUES (4, 'json', 'x')")
    old.execute(
        f"INSERT INTO introduction ({COLUMNS}) VALUES "
        "(7, ?, ?, 'w', 'declined', NULL, NULL, 'c', 'u', 4),"
        "(8, ?, ?, NULL, 'declined', 'b', NULL, 'c', 'u', NULL),"
        "(9, ?, ?, NULL, 'asked_b', NULL, NULL, 'c', 'u', NULL),"
        "(10, ?, ?, NULL, 'outcome', NULL, 'they met', 'c', 'u', NULL)",
        (ada, grace, ada, alan, grace, alan, alan, grace),
    )
    rows_before = old.execute(f"SELECT {COLUMNS} FROM introduction ORDER BY id").fetchall()
    ledger_before = old.execute(LEDGER).fetchall()
    old.close()

    assert standings(path) == [
        (7, "declined", None, "declined"),
        (8, "declined", "b", "Alan Turing declined"),
        (9, "asked_b", None, "Grace Hopper agreed; you asked Alan Turing"),
        (10, "outcome", None, "done"),
    ]
    migrated = sqlite3.connect(path)
    assert migrated.execute("PRAGMA user_version").fetchone() == (migrations.latest_version(),)
    assert migrated.execute(f"SELECT {COLUMNS} FROM introduction ORDER BY id").fetchall() == (
        rows_before
    )
    # the rebuild neither adds nor takes away the made introduction's gives
    assert migrated.execute(LEDGER).fetchall() == ledger_before
    assert (grace, 1, 0) in ledger_before
    fresh = tmp_path / "fresh.db"
    open_store(fresh).close()
    # the indexes and triggers on introduction came back as a new file has them
    assert sorted(migrated.execute(OBJECTS)) == sorted(sqlite3.connect(fresh).execute(OBJECTS))
    migrated.execute(
        "INSERT INTO introduction (a_id, b_id, state, created_at, updated_at) "
        "VALUES (?, ?, 'let_go', 'c', 'u')",
        (ada, alan),
    )
    migrated.commit()
    migrated.close()
    assert standings(path)[-1] == (11, "let_go", None, "you let it go")


def test_a_let_go_introduction_goes_out_and_comes_back_in_as_let_go(
    kith: Kith, tmp_path: Path
) -> None:
    for name in ("Ada Lovelace", "Grace Hopper", "Cher"):
        kith("add", name)
    kith("intro", "Ada", "Cher")
    assert json.loads(kith("intro", "Ada", "Cher", "--let-go", "--json").output)["state"] == (
        "let_go"
    )
    for flag in ((), ("--agreed",), (), ("--declined",)):
        kith("intro", "Ada", "Grace", *flag)
    exported = tmp_path / "kith.json"
    kith("export", "json", str(exported))
    document = json.loads(exported.read_text("utf-8"))
    shown = document["introductions"]
    assert [(i["b"] == shown[0]["b"], i["state"], i["declined_by"]) for i in shown] == [
        (True, "let_go", None),
        (False, "declined", "b"),
    ]
    again = tmp_path / "again.db"
    assert CliRunner().invoke(cli, ["--db", str(again), "import", str(exported)]).exit_code == 0
    assert [row[1:] for row in standings(again)] == [
        ("let_go", None, "you let it go"),
        ("declined", "b", "Grace Hopper declined"),
    ]


def test_an_older_document_without_declined_by_imports_as_declined_by_nobody(
    kith: Kith, tmp_path: Path
) -> None:
    for name in ("Ada Lovelace", "Grace Hopper"):
        kith("add", name)
    kith("intro", "Ada", "Grace")
    kith("intro", "Ada", "Grace", "--declined")
    exported = tmp_path / "kith.json"
    kith("export", "json", str(exported))
    document = json.loads(exported.read_text("utf-8"))
    for entry in document["introductions"]:
        del entry["declined_by"]  # a document from before declined_by was exported
    older = tmp_path / "older.json"
    older.write_text(json.dumps(document), "utf-8")
    again = tmp_path / "again.db"
    assert CliRunner().invoke(cli, ["--db", str(again), "import", str(older)]).exit_code == 0
    assert [row[1:] for row in standings(again)] == [("declined", None, "declined")]


def test_over_sixteen_weeks_a_let_go_ask_is_never_nudged_and_a_waiting_one_is(
    kith: Kith, db_path: Path
) -> None:
    """Seeded: six asks made 28 to 120 days before the clock, three of them let go on a day
    between the ask and the clock; the digest read every third day for 16 weeks nudges each
    ask still waiting, and never one let go."""
    rng = random.Random(45)
    now = datetime(2026, 11, 22, 10, tzinfo=UTC)
    names = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Joan Clarke", "Hedy Lamarr", "Cher"]
    kith("add", "Sam Rivera")
    for name in names:
        kith("add", name)
    let_go = set(rng.sample(names, 3))
    for name in names:
        asked = now - timedelta(days=rng.randint(28, 120), hours=rng.randrange(12))
        kith("--now", asked.isoformat(), "intro", name, "Sam")
        if name in let_go:
            gone = asked + (now - asked) * rng.random()
            kith("--now", gone.isoformat(), "intro", name, "Sam", "--let-go")
    nudged: set[str] = set()
    listed: set[str] = set()
    for day in range(0, 16 * 7, 3):
        moment = now + timedelta(days=day, hours=rng.randrange(12))
        digest = json.loads(kith("--now", moment.isoformat(), "digest", "--json").output)
        for shown in digest["introductions"]:
            listed.add(shown["a"]["name"])
            if shown["nudge"]:
                nudged.add(shown["a"]["name"])
    assert sorted(let_go) == ["Alan Turing", "Hedy Lamarr", "Joan Clarke"]
    assert sorted(nudged) == sorted(listed) == ["Ada Lovelace", "Cher", "Grace Hopper"]
