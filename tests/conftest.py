"""Shared fixtures: a fresh database per test, a fixed clock, and the CLI run in-process."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner, Result

from kith.cli.main import cli
from kith.store import Store, migrations, open_store
from kith.store.week import generation, peaks, strength_blob
from kith.store.week.layers import LayerRepo
from tests.fresh_template import from_template

if TYPE_CHECKING:
    from starlette.testclient import TestClient

NOW_TEXT = "2026-11-22T10:00:00+00:00"
NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)  # a Sunday

Kith = Callable[..., Result]
Run = Callable[..., Result]  # `run(moment, *args)`: the `run` fixture


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's data directory, database, clock or time zone."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    monkeypatch.delenv("KITH_DB", raising=False)
    monkeypatch.delenv("KITH_NOW", raising=False)
    # no preparation of the next Monday after a command (cli/ahead.py) but where a test asks
    monkeypatch.setenv("KITH_PREPARE_AHEAD", "off")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


@pytest.fixture(scope="session", autouse=True)
def _new_files_from_a_template(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[[str], None]]:
    """A new database file is a copy of one migrated once per session (tests/fresh_template.py)."""
    with from_template(tmp_path_factory.mktemp("template")) as use:
        yield use


@pytest.fixture(scope="module", autouse=True)
def _real_migrations_where_asked(
    request: pytest.FixtureRequest, _new_files_from_a_template: Callable[[str], None]
) -> None:
    _new_files_from_a_template(request.module.__name__)


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kith.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = open_store(db_path)
    yield opened
    opened.close()


@pytest.fixture
def run(db_path: Path) -> Run:
    """Run `kith` with the test database at a moment of the weeks a test walks through, exit
    code 0 asserted: run("2026-11-30T09:00:00+00:00", "plan"). (A few test files keep a `run`
    of their own that does not assert it.)"""

    def at(moment: str, *args: str) -> Result:
        ran = CliRunner().invoke(
            cli, ["--db", str(db_path), "--now", moment, *args], catch_exceptions=False
        )
        assert ran.exit_code == 0, ran.output
        return ran

    return at


@pytest.fixture
def kith(db_path: Path) -> Kith:
    """Run `kith` with a test database and the fixed clock: kith("list", "--json")."""

    def run(*args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(
            cli,
            ["--db", str(db_path), "--now", NOW_TEXT, *args],
            input=input,
            catch_exceptions=False,
        )

    return run


@pytest.fixture(scope="session")
def built_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The demo network, built once per session (each test copies it): no test may change it,
    which its digest, taken again at the end, checks."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    result = CliRunner().invoke(cli, ["--db", str(path), "--now", NOW_TEXT, "demo"])
    assert result.exit_code == 0, result.output
    built = hashlib.sha256(path.read_bytes()).hexdigest()
    yield path
    assert hashlib.sha256(path.read_bytes()).hexdigest() == built, "a test changed built_demo"


@pytest.fixture
def demo(built_demo: Path, db_path: Path, kith: Kith) -> Kith:
    """The demo network (built once per session, copied for each test) on Sun 22 Nov 2026."""
    shutil.copy(built_demo, db_path)
    return kith


def loaded_at_start(argv: list[str], modules: tuple[str, ...]) -> list[str]:
    """Which of `modules` `kith ARGV` has imported by the time it exits, in a fresh process."""
    script = (
        "import json, sys\n"
        "from kith.cli.main import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(json.dumps(sorted(m for m in {modules!r} if m in sys.modules)))\n"
    )
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    loaded: list[str] = json.loads(ran.stdout.splitlines()[-1])
    return loaded


@pytest.fixture
def client(demo: Kith, db_path: Path) -> Iterator[TestClient]:
    """The web app in-process on the demo network (tests/web_support.py)."""
    from tests.web_support import web_client  # the web app loads only for the web tests

    with web_client(db_path) as opened:
        yield opened


@pytest.fixture
def token(demo: Kith, db_path: Path) -> str:
    """A fresh access token for the web app off loopback (only its hash is stored)."""
    from tests.web_support import issue_token

    return issue_token(db_path)


def undo_migration_23(connection: sqlite3.Connection) -> None:
    """Take 0023's columns (a call's duration, a kept message's text) back out: a test that
    replays an earlier migration on a database replays the later ones too."""
    connection.execute("ALTER TABLE interaction DROP COLUMN duration")
    connection.execute("ALTER TABLE seen_message DROP COLUMN duration")
    connection.execute("ALTER TABLE seen_message DROP COLUMN notes")


def undo_migration_52(connection: sqlite3.Connection) -> None:
    """Give both sets their counters back as counts under their old names (0052 keeps the week
    each streak began), without the sets' weeks in meta (a test that replays an earlier
    migration replays 0052 too)."""
    for which in generation.SETS:
        table = generation.tables(which)[0]
        week = LayerRepo(connection).week(which)
        connection.execute(
            f"UPDATE {table} SET "
            "above_since = CASE above_since WHEN 0 THEN 0 ELSE ?1 - above_since + 1 END, "
            "below_since = CASE below_since WHEN 0 THEN 0 ELSE ?1 - below_since + 1 END",
            (week,),
        )
        connection.execute(f"ALTER TABLE {table} RENAME COLUMN above_since TO above")
        connection.execute(f"ALTER TABLE {table} RENAME COLUMN below_since TO below")
    connection.execute("DELETE FROM meta WHERE key LIKE 'layers.week.%'")


def undo_migration_50(connection: sqlite3.Connection) -> None:
    """Take 0050's seconds of each channel's last use (and their index) back out: a test that
    replays an earlier migration replays 0050 too."""
    connection.execute("DROP INDEX person_channel_since")
    connection.execute("ALTER TABLE person_channel DROP COLUMN last_s")


def undo_migration_48(connection: sqlite3.Connection) -> None:
    """Put each set's S back in rows of its own table, as 0044 made them (a test that replays
    an earlier migration replays 0048 too, which packs them again)."""
    for which in generation.SETS:
        table = f"layer_strength_{which}"
        found = connection.execute(f"SELECT ids, strength FROM {table}").fetchone()
        ids, strength = strength_blob.unpacked(*found) if found else ([], [])
        connection.execute(f"DROP TABLE {table}")
        connection.execute(
            f"CREATE TABLE {table} (person_id INTEGER PRIMARY KEY REFERENCES person(id) "
            "ON DELETE CASCADE, strength REAL NOT NULL DEFAULT 0)"
        )
        connection.executemany(
            f"INSERT INTO {table} (person_id, strength) VALUES (?, ?)",
            zip(ids, strength, strict=True),
        )


def undo_migration_49(connection: sqlite3.Connection) -> None:
    """Give both sets their peaks a row per person again, as 0044 to 0048 kept them (a test
    that replays an earlier migration replays 0049 too)."""
    for which in generation.SETS:
        table = generation.tables(which)[2]
        ids, values = peaks.read(connection, table)
        connection.execute(f"DROP TABLE {table}")
        connection.execute(
            f"CREATE TABLE {table} (person_id INTEGER PRIMARY KEY REFERENCES person(id)"
            " ON DELETE CASCADE, peaks BLOB NOT NULL)"
        )
        connection.executemany(
            f"INSERT INTO {table} (person_id, peaks) VALUES (?, ?)",
            zip(ids.tolist(), (row.tobytes() for row in values), strict=True),
        )


def undo_migration_47(connection: sqlite3.Connection) -> None:
    """Give the layers' two sets of tables the names they had before 0047 (the current state's
    layer_state, layer_strength and layer_peaks, the other set's layer_prepared, …), and the
    layer index its name (a test that replays an earlier migration replays 0047 too); 0050's
    column, 0049's peaks and 0048's rows of S go back first (0052's counters before them)."""
    undo_migration_52(connection)
    undo_migration_50(connection)
    undo_migration_49(connection)
    undo_migration_48(connection)
    which = generation.current(connection)
    for kind, table in zip(generation.KINDS, generation.tables(which), strict=True):
        connection.execute(f"ALTER TABLE {table} RENAME TO {kind}")
    for kind, table in zip(
        generation.KINDS, generation.tables(generation.other(which)), strict=True
    ):
        connection.execute(f"ALTER TABLE {table} RENAME TO {generation.PREPARED[kind]}")
    for which in generation.SETS:
        connection.execute(f"DROP INDEX layer_state_{which}_layer")
    connection.execute("CREATE INDEX layer_state_layer ON layer_state(layer)")
    connection.execute("DELETE FROM meta WHERE key = ?", (generation.CURRENT_KEY,))
    undo_migration_55(connection)


def undo_migration_55(connection: sqlite3.Connection) -> None:
    """The week's pool rows kept ahead, empty, and their triggers, as 0041 and 0042 made them on
    0046's names of the layers' tables (called by undo_migration_47, after its renames: a test
    that replays an earlier migration replays 0055 too, which drops them)."""
    for migration in migrations.all_migrations():
        if migration.version in (41, 42):
            connection.executescript(migration.sql)


def undo_migration_44(connection: sqlite3.Connection) -> None:
    """Put S and the peaks back into the layer tables and drop 0044's narrow tables (a test
    that replays an earlier migration replays 0044 too, which moves them out again); 0047's
    names go first."""
    undo_migration_47(connection)
    for table, prefix in (("layer_state", "layer"), ("layer_prepared", "layer_prepared")):
        connection.execute(f"ALTER TABLE {table} ADD COLUMN peaks BLOB")
        connection.execute(f"ALTER TABLE {table} ADD COLUMN strength REAL NOT NULL DEFAULT 0")
        connection.execute(
            f"UPDATE {table} SET strength = (SELECT strength FROM {prefix}_strength g"
            f" WHERE g.person_id = {table}.person_id), peaks = (SELECT peaks FROM {prefix}_peaks k"
            f" WHERE k.person_id = {table}.person_id)"
        )
        connection.execute(f"DROP TABLE {prefix}_strength")
        connection.execute(f"DROP TABLE {prefix}_peaks")
    connection.execute("CREATE INDEX layer_state_strength ON layer_state(strength)")
