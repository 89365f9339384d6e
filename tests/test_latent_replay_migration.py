"""Migration 0046: a database kept before latent ties (and before tie rows were carried to the
bit) has its tie rows summed again and its layers replayed by the next command that needs them,
once; a database without tie rows is left unmarked."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from kith.cli.main import cli
from kith.store import migrations, open_store
from reliability import schema_versions

VERSION = next(m.version for m in migrations.all_migrations() if m.name == "latent_replay")
MARKS = "SELECT key, value FROM meta WHERE key IN ('ties.stale', 'layers.stale') ORDER BY key"


def before(path: Path) -> None:
    """The newest schema fixture older than migration 0046, at `path`."""
    older = [
        f for f in sorted(schema_versions.FIXTURES.glob("v*.db.gz")) if int(f.name[1:5]) < VERSION
    ]
    schema_versions.load(older[-1], path)


def marks(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as db:
        return list(db.execute(MARKS))


def test_migration_0046_marks_the_tie_rows_and_layers_and_the_next_plan_redoes_them(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    before(path)
    assert marks(path) == [("layers.stale", "13")]  # the fixture's own count of changes
    open_store(path).close()
    assert marks(path) == [("layers.stale", "14"), ("ties.stale", "1")]
    run = CliRunner().invoke(cli, ["--db", str(path), "--now", "2026-11-23T09:00", "plan"])
    assert run.exit_code == 0, run.output
    assert marks(path) == []


def test_migration_0046_marks_nothing_in_a_database_without_tie_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    before(path)
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM tie")
        db.execute("DELETE FROM meta WHERE key = 'layers.stale'")
    open_store(path).close()
    assert marks(path) == []
