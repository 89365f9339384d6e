"""Is the file sound? The cheap checks every open makes, and the whole check `kith check` makes.

On open (microseconds, whatever the file's size): the schema version is one Kith wrote (not
negative, not lowered below the migrations the file records), the schema text is UTF-8, and
every table, index and trigger the migrations made up to that version is there. A page of data
damaged on disk is found only by reading every page: `full_check` (integrity_check and
foreign_key_check), which `kith check` runs, and every backup runs on the copy it made.

The objects each schema version should have are read from the migrations' text, which is a
twentieth of a short read's instructions at every open; `make bytecode` writes them beside this
file (`__pycache__/schema_objects.<cache tag>.bin`, with the migrations' text they were read
from), and an open takes them from there while the migrations are that same text. A missing,
unreadable or stale file only means reading the migrations, as before.
"""

from __future__ import annotations

import marshal
import os
import re
import sqlite3
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kith.store import migrations

# patterns compiled at their first use (re's cache), which an open that finds the objects
# written never makes
_COMMENT = r"--[^\n]*"
_NAME = r"[\"`\[]?(\w+)[\"`\]]?"
_CREATE_TABLE = rf"(?i)CREATE\s+(?:VIRTUAL\s+)?(?:TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?{_NAME}"
_CREATE_INDEX = (
    rf"(?i)CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?{_NAME}\s+ON\s+{_NAME}"
)
_CREATE_TRIGGER = rf"(?is)CREATE\s+TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?{_NAME}\s+.*?\bON\s+{_NAME}"
_DROP = rf"(?i)DROP\s+(TABLE|VIEW|INDEX|TRIGGER)\s+(?:IF\s+EXISTS\s+)?{_NAME}"
_RENAME = rf"(?i)ALTER\s+TABLE\s+{_NAME}\s+RENAME\s+TO\s+{_NAME}"
OBJECTS_FILE = os.path.join(
    os.path.dirname(__file__), "__pycache__", f"schema_objects.{sys.implementation.cache_tag}.bin"
)


class Damage(Exception):
    """What is wrong with the file, in words (the caller names the file and what to do)."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def expected_objects(version: int) -> dict[str, str]:
    """The tables, indexes and triggers (name → the table it belongs to) that the migrations up
    to `version` leave, read from their text (tests hold this equal to running them): for the
    newest version, from the file `make bytecode` wrote from these same migrations."""
    known = migrations.all_migrations()
    if version == known[-1].version:
        written = _written(OBJECTS_FILE, _texts(known))
        if written is not None:
            return written
    return _read_objects(version)


def _texts(known: tuple[migrations.Migration, ...]) -> str:
    """The migrations' versions, names and text, in one string (compared with the file's)."""
    return "\0".join(f"{m.version}\0{m.name}\0{m.sql}" for m in known)


@cache
def _written(path: str, texts: str) -> dict[str, str] | None:
    """The newest version's objects as the file at `path` holds them, when it was written from
    the migrations `texts`; None when it was not (or cannot be read). The names and tables are
    kept as two lines of text: unmarshalled as a dict, they cost four times as much."""
    try:
        with open(path, "rb") as file:
            kept_texts, names, tables = marshal.load(file)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if kept_texts != texts or not isinstance(names, str) or not isinstance(tables, str):
        return None
    try:
        return dict(zip(names.split("\n"), tables.split("\n"), strict=True))
    except ValueError:  # not as many tables as names: not a file this wrote
        return None


def write_objects(path: str = OBJECTS_FILE) -> None:
    """Write the newest version's objects, with the migrations' text, to `path`."""
    known = migrations.all_migrations()
    objects = _read_objects(known[-1].version)
    kept = (_texts(known), "\n".join(objects), "\n".join(objects.values()))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    partial = f"{path}.{os.getpid()}"
    with open(partial, "wb") as file:
        marshal.dump(kept, file)
    os.replace(partial, path)
    _written.cache_clear()


@cache
def _read_objects(version: int) -> dict[str, str]:
    """The objects the migrations up to `version` leave, read from their text."""
    objects: dict[str, str] = {"schema_migration": "schema_migration"} if version else {}
    for migration in migrations.all_migrations():
        if migration.version > version:
            break
        for statement in migrations.statements(migration.sql):
            _follow(objects, re.sub(_COMMENT, "", statement).strip())
    return objects


def _follow(objects: dict[str, str], statement: str) -> None:
    if match := re.match(_RENAME, statement):
        old, new = match.groups()
        for name, table in list(objects.items()):
            if table == old:
                objects[name if name != old else new] = new
        objects.pop(old, None)
    elif match := re.match(_DROP, statement):
        kind, name = match.groups()
        objects.pop(name, None)
        if kind.upper() in ("TABLE", "VIEW"):  # its indexes and triggers go with it
            for other, table in list(objects.items()):
                if table == name:
                    del objects[other]
    elif match := re.match(_CREATE_TABLE, statement):
        objects[match.group(1)] = match.group(1)
    elif (match := re.match(_CREATE_INDEX, statement)) or (
        match := re.match(_CREATE_TRIGGER, statement)
    ):
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
