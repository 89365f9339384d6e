"""A database at every schema version so far, from a seeded dataset, and its upgrade to the newest.

`python -m reliability.schema_versions` (re)writes tests/fixtures/schema/vNNNN.db.gz: for each
migration N, a file made by the migrations up to N holding the seed's rows (the columns that
version has), vacuumed and gzipped. A version already dumped is kept as it is (old Kiths wrote it);
`--all` writes every one again. tests/test_schema_fixtures.py upgrades each to the newest.
"""

from __future__ import annotations

import gzip
import sqlite3
import sys
import tempfile
from pathlib import Path

from kith.store import migrations
from kith.store.connection import APPLICATION_ID
from reliability.database import data_tables, kith, settle

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "schema"
SEED_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("add", "Ada Lovelace", "--email", "ada@example.org", "--tag", "maths", "--company", "Engines"),
    ("add", "Grace Hopper", "--email", "grace@example.org", "--phone", "+44 20 7946 0001"),
    ("add", "Alan Turing", "--tag", "maths", "--title", "Fellow", "--company", "NPL"),
    ("add", "Katherine Johnson", "--email", "kj@example.org", "--tag", "nasa"),
    ("add", "Edsger Dijkstra", "--tag", "maths"),
    ("log", "Ada Lovelace", "Tea and notes on the engine", "--when", "2026-10-01"),
    ("log", "Ada Lovelace", "Letters", "-c", "email", "-d", "in", "--when", "2026-11-01"),
    ("log", "Grace Hopper", "Talked compilers", "-c", "call", "--when", "2026-09-12"),
    ("log", "Alan Turing", "Katherine Johnson", "A walk", "--when", "2026-08-03"),
    ("note", "Ada Lovelace", "Prefers letters to calls."),
    ("relate", "Alan Turing", "Edsger Dijkstra", "--as", "friend"),
    ("rate", "Grace Hopper", "4"),
    ("config", "set", "plan.budget", "3"),
)
VERSION_NOW = "2026-11-22T10:00:00Z"


def seed(folder: Path) -> Path:
    """The seeded dataset at the newest schema, made through the CLI as a person would."""
    path = folder / "seed.db"
    for command in SEED_COMMANDS:
        code, out, err = kith(path, *command)
        assert code == 0, (command, err or out)
    settle(path)
    return path


def at_version(seed_path: Path, version: int, target: Path) -> None:
    """A file made by the migrations up to `version`, holding the seed's rows that fit it."""
    connection = sqlite3.connect(target, isolation_level=None)
    try:
        migrations.migrate(connection, target, APPLICATION_ID, upto=version)
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("ATTACH ? AS seed", (str(seed_path),))
        connection.execute("BEGIN")
        for table in data_tables(connection):
            if table != "schema_migration":
                _copy(connection, table, [])
        for table, sql in connection.execute(
            "SELECT name, sql FROM main.sqlite_master WHERE sql LIKE 'CREATE VIRTUAL%'"
        ).fetchall():
            if "content_rowid" in sql:  # external content: indexed again from its table
                connection.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
            else:
                _copy(connection, table, ["rowid"])
        connection.execute("COMMIT")
        connection.execute("DETACH seed")
    finally:
        connection.close()


def _copy(connection: sqlite3.Connection, table: str, extra: list[str]) -> None:
    """The seed's rows of `table`, over the columns both have (and `extra`)."""
    mine = [row[1] for row in connection.execute(f"PRAGMA main.table_info({table})")]
    theirs = {row[1] for row in connection.execute(f"PRAGMA seed.table_info({table})")}
    columns = ", ".join([*extra, *[c for c in mine if c in theirs]])
    if theirs:
        connection.execute(
            f"INSERT OR REPLACE INTO main.{table} ({columns}) SELECT {columns} FROM seed.{table}"
        )


def packed(path: Path) -> bytes:
    """The file, vacuumed and gzipped (about 16 KB a version)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("VACUUM")
    finally:
        connection.close()
    return gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)


def load(fixture: Path, target: Path) -> None:
    """Make the database file `target` from a fixture."""
    target.write_bytes(gzip.decompress(fixture.read_bytes()))


def fixture_path(version: int) -> Path:
    return FIXTURES / f"v{version:04d}.db.gz"


def write(every: bool) -> list[Path]:
    FIXTURES.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        seed_path = seed(folder)
        for migration in migrations.all_migrations():
            target = fixture_path(migration.version)
            if target.exists() and not every:
                continue
            made = folder / f"v{migration.version}.db"
            at_version(seed_path, migration.version, made)
            target.write_bytes(packed(made))
            written.append(target)
    return written


def upgrade_row(folder: Path) -> dict[str, object]:
    """Each committed fixture upgraded to the newest schema: sound, and every row kept."""
    lost: list[str] = []
    fixtures = sorted(FIXTURES.glob("v*.db.gz"))
    for fixture in fixtures:
        lost.extend(f"{fixture.name}: {problem}" for problem in upgrade_problems(fixture, folder))
    return {
        "tried": "a database at each schema version so far (tests/fixtures/schema) upgraded to "
        f"the newest ({migrations.latest_version()}), and one from a newer Kith",
        "count": len(fixtures) + 1,
        "lost": lost + newer_problems(folder),
        "notes": "rows of every table kept (hashes over the columns each version has), "
        "integrity and foreign keys clean, a checked copy beside it; the newer file untouched",
    }


def upgrade_problems(fixture: Path, folder: Path) -> list[str]:
    path = folder / fixture.name.removesuffix(".gz")
    path.unlink(missing_ok=True)
    load(fixture, path)
    before = kept_rows(path)
    code, _, err = kith(path, "check")
    upgraded_code, _, upgraded_err = kith(path, "list")
    problems = [f"check before: exit {code} {err.strip()[:80]}"] if code else []
    if upgraded_code:
        problems.append(f"list: exit {upgraded_code} {upgraded_err.strip()[:100]}")
    after = kept_rows(path, columns_of=before)
    problems += [f"rows of {table!r} changed" for table in before if before[table] != after[table]]
    problems += [
        f"column {table}.{c} is gone"
        for table in before
        for c in before[table][0]
        if c not in after[table][0]
    ]
    code, _, err = kith(path, "check")
    if code:
        problems.append(f"check after: exit {code} {err.strip()[:100]}")
    copies = list(folder.glob(f"{path.name}.before-*"))
    version = int(fixture.name[1:5])
    if version < migrations.latest_version() and len(copies) != 1:
        problems.append(f"{len(copies)} copies made before migrating, not 1")
    return problems


# Tables a migration rewrites by design (aggregates recomputed, a table rebuilt to a new shape)
REWRITTEN = {
    "tie",
    "layer_state",  # these six renamed to the two sets of 0047 (layer_state_a …)
    "layer_prepared",
    "layer_strength",
    "layer_peaks",
    "layer_prepared_strength",
    "layer_prepared_peaks",
    "layer_strength_a",  # S's rows packed into one row of blobs by 0048
    "layer_strength_b",
    "layer_peaks_a",  # these two rebuilt month-major by 0049 (tests/test_peaks_by_month.py)
    "layer_peaks_b",
    "layer_state_a",  # these two keep each streak as the week it began from 0052, above and
    "layer_state_b",  # below renamed above_since and below_since (tests/test_week_streak_weeks.py)
    "stored_result",
    "link",
    "introduction",
    "meta",
    "schema_migration",
}
# Tables a migration drops by design: the week's pool rows kept ahead (0041), which nothing read
# any more (0055)
DROPPED = {"plan_pool_prepared", "plan_pool_touched"}


Kept = dict[str, tuple[list[str], list[tuple[object, ...]]]]


def kept_rows(path: Path, columns_of: Kept | None = None) -> Kept:
    """Each table's columns and sorted rows (over the columns of `columns_of`, when given)."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [n for n in data_tables(connection) if n not in REWRITTEN | DROPPED]
        found: Kept = {}
        for table in tables if columns_of is None else list(columns_of):
            columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
            if columns_of is not None:
                columns = [c for c in columns_of[table][0] if c in columns]
            selected = ", ".join(f'"{c}"' for c in columns) or "NULL"
            rows = connection.execute(f'SELECT {selected} FROM "{table}"').fetchall()
            found[table] = (columns, sorted(rows, key=repr))
        return found
    finally:
        connection.close()


def newer_problems(folder: Path) -> list[str]:
    """A file from a newer Kith is refused with exit 5 and left byte for byte as it was."""
    path = folder / "newer.db"
    load(fixture_path(migrations.latest_version()), path)
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {migrations.latest_version() + 1}")
    connection.close()
    before = path.read_bytes()
    code, _, err = kith(path, "list")
    problems = [] if code == 5 and "newer Kith" in err else [f"newer: exit {code} {err[:80]}"]
    siblings = sorted(p.name for p in folder.glob("newer.db*"))
    if path.read_bytes() != before or siblings != ["newer.db"]:
        problems.append(f"the newer file was changed or files were left beside it: {siblings}")
    return problems


if __name__ == "__main__":
    for written in write("--all" in sys.argv[1:]):
        print(written)
