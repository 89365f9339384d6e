"""Is the file sound? The cheap checks every open makes, and the whole check `kith check` makes.

On open (microseconds, whatever the file's size): the schema version is one Kith wrote (not
negative, not lowered below the migrations the file records), the schema text is UTF-8, and
every table, index and trigger the migrations made up to that version is there. A page of data
damaged on disk is found only by reading every page: `full_check` (integrity_check and
foreign_key_check), which `kith check` runs, and every backup runs on the copy it made.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kith.store import migrations

_COMMENT = re.compile(r"--[^\n]*")
_NAME = r"[\"`\[]?(\w+)[\"`\]]?"
_CREATE_TABLE = re.compile(
    rf"CREATE\s+(?:VIRTUAL\s+)?(?:TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?{_NAME}", re.I
)
_CREATE_INDEX = re.compile(
    rf"CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?{_NAME}\s+ON\s+{_NAME}", re.I
)
_CREATE_TRIGGER = re.compile(
    rf"CREATE\s+TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?{_NAME}\s+.*?\bON\s+{_NAME}", re.I | re.S
)
_DROP = re.compile(rf"DROP\s+(TABLE|VIEW|INDEX|TRIGGER)\s+(?:IF\s+EXISTS\s+)?{_NAME}", re.I)
_RENAME = re.compile(rf"ALTER\s+TABLE\s+{_NAME}\s+RENAME\s+TO\s+{_NAME}", re.I)


class Damage(Exception):
    """What is wrong with the file, in words (the caller names the file and what to do)."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


@cache
def expected_objects(version: int) -> dict[str, str]:
    """The tables, indexes and triggers (name → the table it belongs to) that the migrations up
    to `version` leave, read from their text (tests hold this equal to running them)."""
    objects: dict[str, str] = {"schema_migration": "schema_migration"} if version else {}
    for migration in migrations.all_migrations():
        if migration.version > version:
            break
        for statement in migrations.statements(migration.sql):
            _follow(objects, _COMMENT.sub("", statement).strip())
    return objects


def _follow(objects: dict[str, str], statement: str) -> None:
    if match := _RENAME.match(statement):
        old, new = match.groups()
        for name, table in list(objects.items()):
            if table == old:
                objects[name if name != old else new] = new
        objects.pop(old, None)
    elif match := _DROP.match(statement):
        kind, name = match.groups()
        objects.pop(name, None)
        if kind.upper() in ("TABLE", "VIEW"):  # its indexes and triggers go with it
            for other, table in list(objects.items()):
                if table == name:
                    del objects[other]
    elif match := _CREATE_TABLE.match(statement):
        objects[match.group(1)] = match.group(1)
    elif (match := _CREATE_INDEX.match(statement)) or (match := _CREATE_TRIGGER.match(statement)):
        objects[match.group(1)] = match.group(2)


def check_schema(connection: sqlite3.Connection) -> None:
    """The cheap checks on open; raise `Damage` saying what is wrong. Reads only the schema, in
    one snapshot (another process may be migrating the file meanwhile)."""
    if connection.in_transaction:
        _check_schema(connection)
        return
    connection.execute("BEGIN")
    try:
        _check_schema(connection)
    finally:
        if connection.in_transaction:  # not when SQLite ended it itself (an I/O error)
            connection.execute("ROLLBACK")


def _check_schema(connection: sqlite3.Connection) -> None:
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if version < 0:
        raise Damage(f"its schema version is {version}, which no Kith writes")
    present: set[str] = set()
    for name, sql in connection.execute("SELECT name, CAST(sql AS BLOB) FROM sqlite_master"):
        if isinstance(sql, bytes):
            try:
                sql.decode("utf-8")
            except UnicodeDecodeError:
                raise Damage(f"the schema text of {name!r} is not valid UTF-8") from None
        present.add(name if isinstance(name, str) else "")
    if "schema_migration" in present:
        recorded = connection.execute("SELECT max(version) FROM schema_migration").fetchone()[0]
        if recorded is not None and recorded > version:
            raise Damage(
                f"its schema version is {version}, lower than the migration {recorded} it records"
            )
    elif version:
        raise Damage("the table 'schema_migration' is missing")
    missing = sorted(set(expected_objects(version)) - present)
    if missing:
        shown = ", ".join(repr(name) for name in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        raise Damage(f"{shown}{more} of its schema {'is' if len(missing) == 1 else 'are'} missing")


@dataclass(frozen=True)
class Verdict:
    """What `full_check` found: nothing when the file is sound."""

    path: str
    problems: tuple[str, ...]
    people: int | None

    @property
    def sound(self) -> bool:
        return not self.problems


PROBLEMS_SHOWN = 20


def full_check(path: Path) -> Verdict:
    """Read every page of the file (read-only; nothing is written, nothing migrated): the cheap
    checks, SQLite's integrity_check and foreign_key_check."""
    probe = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return Verdict(str(path), tuple(_problems(probe)), _people(probe))
    finally:
        probe.close()


def check_connection(connection: sqlite3.Connection) -> tuple[str, ...]:
    """The same checks on an open connection (a backup's copy before it replaces anything)."""
    return tuple(_problems(connection))


# SQLite's failures that come from where the file stands (a full disk, a failed read or write),
# not from the file: raised for the command to explain, never reported as damage
NOT_DAMAGE = ("SQLITE_IOERR", "SQLITE_FULL")


def _problems(connection: sqlite3.Connection) -> list[str]:
    try:
        check_schema(connection)
    except Damage as damage:
        return [damage.problem]
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "").startswith(NOT_DAMAGE):
            raise
        return [str(exc)]
    try:
        # integrity_check, not quick_check: SQLite 3.40's quick_check reports NULLs that are
        # not there in WITHOUT ROWID tables
        found = [row[0] for row in connection.execute(f"PRAGMA integrity_check({PROBLEMS_SHOWN})")]
        if found != ["ok"]:
            return found
        orphans = connection.execute("PRAGMA foreign_key_check").fetchmany(PROBLEMS_SHOWN)
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "").startswith(NOT_DAMAGE):
            raise
        return [str(exc)]
    return [
        f"row {rowid} of {table!r} refers to a missing row of {parent!r}"
        for table, rowid, parent, _ in orphans
    ]


def _people(connection: sqlite3.Connection) -> int | None:
    try:
        return int(connection.execute("SELECT count(*) FROM person").fetchone()[0])
    except sqlite3.DatabaseError:
        return None
