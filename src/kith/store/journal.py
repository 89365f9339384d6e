"""A run's undo journal: writing an import in short transactions that stay all-or-nothing.

SQLite lets one connection write at a time, for as long as its transaction lasts; an import
of one large file in one transaction kept every other writer (the CLI, the web app) waiting for
seconds. A journaled run commits every `SLICE` seconds instead, pausing so that waiting
writers get in, and keeps all-or-nothing by itself: temporary triggers on this connection only
note, for each row the run inserts, changes or deletes, the row's key and what it held before
(`run_journal`, committed with each slice). The run's last transaction deletes its entries.

If the run fails, its entries are replayed backwards at once; if its process dies, by the next
connection that opens the file (`recover`), which knows the run is dead because the run holds
an exclusive `flock` on `<db>-run-<id>.lock` for its whole life, and the kernel drops it with
the process. Replaying backwards puts every row the run touched back as it was before; the
tables' own triggers (full-text indexes, stale flags) fire as they did going forward, and the
rows such triggers change in tables without triggers of their own (`meta`, `stored_result`)
are set back to their first image afterwards.

While a run is under way, other connections see its committed slices (it is all-or-nothing
across a crash, not isolated from readers). A write by another connection between slices that
touches a row the run made or changed is taken back with the run if the run fails.

Taking a run back writes too (in WAL mode every page it changes is a new frame in the -wal, and
the checkpoint after it grows the file to the size the run left). So that a full disk can
always be taken back from, the lock file is also the run's reserve: before each slice commits,
it is grown (`posix_fallocate`) to `RESERVE_MIN` plus `RESERVE_FACTOR` times what the run has
grown the database by; when it cannot grow, the run stops with "the disk is full" while the
reserve still covers what was committed. Before taking a run back the reserve is freed
(truncated, or the dead run's lock file removed), which gives the undo the room it needs.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

SLICE = 0.15  # seconds of writing before a journaled run commits and lets others in
PAUSE = 0.012  # seconds the run waits after each commit when it cannot tell who is waiting
HANDOFF = 0.5  # seconds at most the run waits, after a commit, for the writers waiting then
HANDOFF_POLL = 0.001
RESERVE_MIN = 256 * 1024  # bytes a run keeps in reserve from its start
RESERVE_FACTOR = 3  # reserved bytes for each byte the run grew the database by
# (the inputs' blocks, migration 0051: the source rows taken back drop them by their triggers)
SKIPPED = frozenset({"run_journal", "stage", "schema_migration", "people_block", "tie_block"})
# The tables Kith issues an INSERT OR REPLACE on (the layers' tables by their prefix, whose names
# store/week/generation.py makes): only their inserts note the rows they could clash with
# (`start`), not every table's (noting before every insert cost a 5,000-card import 4% of its
# CPU). tests/test_journal_replace.py finds every INSERT OR REPLACE in the code and the schema
# and fails on one into a table not covered here.
REPLACED = frozenset({"meta", "tie", "tie_day", "gift_input"})
REPLACED_PREFIX = "layer_"


Clash = tuple[tuple[str, str], ...]  # columns, each with its collation, of a unique key


@dataclass(frozen=True)
class Table:
    """A table the undo journal writes back, and how it finds a row again."""

    name: str
    columns: tuple[str, ...]  # every column written back (with "rowid" first when it is hidden)
    key: tuple[str, ...]  # what finds a row again
    triggered: bool  # whether the table has triggers of its own
    unique: tuple[Clash, ...] = ()  # the column sets an INSERT OR REPLACE may clash on


def tables(db: sqlite3.Connection) -> list[Table]:
    """The main schema's ordinary tables (no virtual tables, their shadows or bookkeeping)."""
    rows = db.execute(
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    virtual = [name for name, sql in rows if "VIRTUAL TABLE" in sql.upper()]
    shadows = tuple(f"{v}_" for v in virtual)
    triggers = "SELECT tbl_name FROM main.sqlite_master WHERE type = 'trigger'"
    triggered = {row[0] for row in db.execute(triggers)}
    found = []
    for name, sql in rows:
        if name in SKIPPED or name in virtual or name.startswith(shadows):
            continue
        info = db.execute(f'PRAGMA main.table_info("{name}")').fetchall()
        columns = tuple(row[1] for row in info)
        keys = [row for row in sorted(info, key=lambda r: r[5]) if row[5] > 0]
        without_rowid = "WITHOUT ROWID" in sql.upper()
        alias = None
        if without_rowid:
            key = tuple(row[1] for row in keys)
        elif len(keys) == 1 and keys[0][2].upper() == "INTEGER":
            key = alias = (keys[0][1],)  # an alias of the rowid
        else:
            key, columns = ("rowid",), ("rowid", *columns)
        replaced = name in REPLACED or name.startswith(REPLACED_PREFIX)
        unique = _unique(db, name, alias[0] if alias else None) if replaced else ()
        found.append(Table(name, columns, key, name in triggered, unique))
    return found


def _unique(db: sqlite3.Connection, name: str, alias: str | None) -> tuple[Clash, ...]:
    """The column sets (with the collation each compares by) an INSERT OR REPLACE into the
    table may clash on: its rowid alias, if any, and each UNIQUE index's (partial ones too:
    noting a row that cannot clash costs an entry, never a wrong undo). A set that holds
    another is left out (a row it finds, the smaller finds too); so is an index on an
    expression, which has no column names to compare (none in the schema)."""
    sets: list[Clash] = [((alias, "BINARY"),)] if alias else []
    for index in db.execute(f'PRAGMA main.index_list("{name}")').fetchall():
        if index[2]:
            info = db.execute(f'PRAGMA main.index_xinfo("{index[1]}")').fetchall()
            columns = tuple((row[2], row[4]) for row in info if row[5])
            if all(column for column, _ in columns):
                sets.append(columns)
    found = list(dict.fromkeys(sets))
    return tuple(c for c in found if not any(set(o) < set(c) for o in found))


def _literals(prefix: str, columns: tuple[str, ...]) -> str:
    return " || ',' || ".join(f'quote({prefix}."{c}")' for c in columns)


def _names(columns: tuple[str, ...]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def _clash(columns: Clash) -> str:
    """A row `t` the inserted row `new` clashes with on these columns (NULLs never clash)."""
    return " AND ".join(f't."{c}" = new."{c}" COLLATE {how}' for c, how in columns)


def start(db: sqlite3.Connection, token: int) -> None:
    """Journal every change this connection makes from now on, as run `token`'s."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS journal_run (token INTEGER)")
    db.execute("DELETE FROM temp.journal_run")
    db.execute("INSERT INTO temp.journal_run VALUES (?)", (token,))
    run = "(SELECT token FROM temp.journal_run)"
    for table in tables(db):
        name, key, old = table.name, table.key, _literals("old", table.columns)
        note = f"INSERT INTO run_journal (token, tbl, op, key, old) VALUES ({run}, '{name}'"
        for event, op, values in (
            ("INSERT", "I", f"{_literals('new', key)}, NULL"),
            ("UPDATE", "U", f"{_literals('new', key)}, {old}"),
            ("DELETE", "D", f"{_literals('old', key)}, {old}"),
        ):
            db.execute(
                f'CREATE TEMP TRIGGER IF NOT EXISTS "journal_{op}_{name}" AFTER {event} ON '
                f"main.\"{name}\" BEGIN {note}, '{op}', {values}); END"
            )
        # An INSERT OR REPLACE deletes the rows it clashes with without firing DELETE triggers
        # (recursive_triggers is off), so before each insert the rows it could clash with are
        # noted as deleted: replayed backwards after the insert's own entry, each is put back
        # unless it is still there (the insert was an upsert, ignored, or clashed with nothing).
        clashes = " ".join(
            f"INSERT INTO run_journal (token, tbl, op, key, old) SELECT {run}, '{name}', 'D', "
            f'{_literals("t", key)}, {_literals("t", table.columns)} FROM main."{name}" AS t '
            f"WHERE {_clash(columns)};"
            for columns in table.unique
        )
        if clashes:
            db.execute(
                f'CREATE TEMP TRIGGER IF NOT EXISTS "journal_R_{name}" BEFORE INSERT ON '
                f'main."{name}" BEGIN {clashes} END'
            )


def stop(db: sqlite3.Connection) -> None:
    """Journal no more (the triggers are dropped in the current transaction)."""
    for (name,) in db.execute(
        "SELECT name FROM temp.sqlite_master WHERE type = 'trigger' AND name LIKE 'journal_%'"
    ).fetchall():
        db.execute(f'DROP TRIGGER IF EXISTS temp."{name}"')


def forget(db: sqlite3.Connection, token: int) -> None:
    """The run finished: its journal is not needed (inside its last transaction)."""
    db.execute("DELETE FROM run_journal WHERE token = ?", (token,))


def roll_back(db: sqlite3.Connection, token: int) -> int:
    """Take back everything run `token` wrote (inside the caller's transaction, with this
    connection's journal stopped); how many changes were undone."""
    known = {table.name: table for table in tables(db)}
    db.execute("PRAGMA defer_foreign_keys = ON")
    entries = db.execute(
        "SELECT tbl, op, key, old FROM run_journal WHERE token = ? ORDER BY seq DESC", (token,)
    ).fetchall()
    if not entries:  # finished (or taken back) meanwhile
        return 0
    targets = [known[name] for name in trigger_targets(db) if name in known]
    kept = {table.name: _rows(db, table) for table in targets}  # as the run left them
    first: dict[tuple[str, str], tuple[str, str | None]] = {}
    for name, op, key, old in entries:
        _undo(db, known[name], op, key, old)
        first[(name, key)] = (op, old)  # read backwards: ends at the first image
    for table in targets:  # undo what the replay's own triggers wrote there
        db.execute(f'DELETE FROM "{table.name}"')
        for key, row in kept[table.name].items():
            change = first.get((table.name, key))
            if change is None:
                db.execute(f'INSERT INTO "{table.name}" ({_names(table.columns)}) VALUES ({row})')
        for (name, _key), (op, old) in first.items():
            if name == table.name and op != "I":
                db.execute(f'INSERT INTO "{name}" ({_names(table.columns)}) VALUES ({old})')
    db.execute("DELETE FROM run_journal WHERE token = ?", (token,))
    return len(entries)


def trigger_targets(db: sqlite3.Connection) -> set[str]:
    """The tables the schema's triggers write to (or read: a few more rows kept is harmless)
    that have no triggers of their own: `meta` (stale flags, counters), `stored_result`."""
    names = {
        row[0] for row in db.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")
    }
    triggered = {
        row[0]
        for row in db.execute("SELECT tbl_name FROM main.sqlite_master WHERE type = 'trigger'")
    }
    found: set[str] = set()
    for (sql,) in db.execute("SELECT sql FROM main.sqlite_master WHERE type = 'trigger'"):
        found.update(re.findall(r"(?:INTO|UPDATE|FROM)\s+\"?(\w+)", sql, flags=re.IGNORECASE))
    return {name for name in found if name in names and name not in triggered}


def _rows(db: sqlite3.Connection, table: Table) -> dict[str, str]:
    """Every row of a (small) table: its key's literals → all its columns' literals."""
    key = " || ',' || ".join(f'quote("{c}")' for c in table.key)
    row = " || ',' || ".join(f'quote("{c}")' for c in table.columns)
    return dict(db.execute(f'SELECT {key}, {row} FROM "{table.name}"').fetchall())


def _undo(db: sqlite3.Connection, table: Table, op: str, key: str, old: str | None) -> None:
    where = f"({_names(table.key)}) = ({key})"
    if op == "I":
        db.execute(f'DELETE FROM "{table.name}" WHERE {where}')
    elif op == "U":
        db.execute(f'UPDATE "{table.name}" SET ({_names(table.columns)}) = ({old}) WHERE {where}')
    else:  # unless still there: a row noted before an insert that did not replace it
        db.execute(
            f'INSERT INTO "{table.name}" ({_names(table.columns)}) SELECT {old} '
            f'WHERE NOT EXISTS (SELECT 1 FROM "{table.name}" WHERE {where})'
        )


def lock_path(database: str, token: int) -> Path:
    return Path(f"{database}-run-{token}.lock")


def wait_path(database: str, token: int) -> Path:
    return Path(f"{database}-run-{token}.wait")


class Turnstile:
    """Who waits for the write lock while a run holds it. A writer that finds the lock taken
    holds a shared `flock` on each running run's `.wait` file (`waiting`) until its BEGIN
    gets through; after each commit the run takes the file exclusively (`hand_off`), which it
    gets once every writer that was waiting has the lock, and only then begins its next slice.
    On a loaded machine a fixed pause was often too short for a waiting process even to be
    scheduled, and the writer waited a whole slice more; with nobody waiting there is no pause."""

    def __init__(self, database: str, token: int) -> None:
        self.path = wait_path(database, token)
        self.descriptor: int | None = None
        with suppress(OSError):
            self.descriptor = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600)

    def hand_off(self) -> None:
        """Wait (HANDOFF at most) until the writers waiting now have taken the lock."""
        if self.descriptor is None:
            pause()
            return
        deadline = time.monotonic() + HANDOFF
        while True:
            try:
                fcntl.flock(self.descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                if time.monotonic() >= deadline:
                    return
                time.sleep(HANDOFF_POLL)
                continue
            fcntl.flock(self.descriptor, fcntl.LOCK_UN)
            return

    def close(self) -> None:
        if self.descriptor is not None:
            with suppress(OSError):
                self.path.unlink()
            os.close(self.descriptor)
            self.descriptor = None


@contextmanager
def waiting(database: str) -> Iterator[None]:
    """While the block runs (a writer waiting for the lock), a shared lock on the `.wait` file
    of every run under way, so that each lets this writer in before its next slice."""
    import glob  # here, not on every open (start-up)

    held: list[int] = []
    pattern = f"{glob.escape(database)}-run-*.wait"
    for name in glob.glob(pattern):
        try:
            descriptor = os.open(name, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            os.close(descriptor)
            continue
        held.append(descriptor)
    try:
        yield
    finally:
        for descriptor in held:
            os.close(descriptor)


class Reserve:
    """Room on the disk kept for taking a run back: its lock file, grown as the run grows."""

    def __init__(self, descriptor: int, pages: int) -> None:
        self.descriptor = descriptor
        self.start_pages = pages  # the database's size, in pages, when the run began
        self.size = 0

    def ensure(self, db: sqlite3.Connection) -> None:
        """Grow the reserve to what taking back the run so far would need (call before each
        slice commits); OSError(ENOSPC) when the disk cannot hold it."""
        pages = int(db.execute("PRAGMA page_count").fetchone()[0])
        page_size = int(db.execute("PRAGMA page_size").fetchone()[0])
        grown = max(0, pages - self.start_pages) * page_size
        wanted = RESERVE_MIN + RESERVE_FACTOR * grown
        if wanted > self.size:
            allocate(self.descriptor, self.size, wanted - self.size)
            self.size = wanted

    def free(self) -> None:
        """Give the reserved room back to the disk, for the undo to write in."""
        os.ftruncate(self.descriptor, 0)
        self.size = 0


def allocate(descriptor: int, offset: int, length: int) -> None:
    """Really take `length` bytes of disk from `offset` (a sparse file would not)."""
    if hasattr(os, "posix_fallocate"):
        try:
            os.posix_fallocate(descriptor, offset, length)
            return
        except OSError as error:
            if error.errno not in (errno.EOPNOTSUPP, errno.EINVAL):
                raise
    block = b"\0" * 65_536
    written = 0
    while written < length:
        written += os.pwrite(descriptor, block[: length - written], offset + written)
    os.fsync(descriptor)


@contextmanager
def alive(database: str, token: int, pages: int = 0) -> Iterator[Reserve]:
    """Hold the run's lock file while the block runs: the run is alive while it is held. The
    file is the run's reserve too (`Reserve`), removed with it."""
    path = lock_path(database, token)
    descriptor = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield Reserve(descriptor, pages)
    finally:
        with suppress(OSError):  # gone, or a folder made read-only meanwhile
            path.unlink()
        os.close(descriptor)


def journaled(db: sqlite3.Connection) -> list[int]:
    """The runs with entries in the journal, by one index seek each (none: one seek)."""
    found: list[int] = []
    while True:
        row = db.execute(
            "SELECT min(token) FROM run_journal WHERE token > ?", (found[-1] if found else -1,)
        ).fetchone()
        if row[0] is None:
            return found
        found.append(int(row[0]))


def _lock_names(database: Path) -> list[str]:
    """The names of the files `DATABASE-run-*.lock` beside the database (a scan of its folder:
    what `Path.glob` would find, without compiling a pattern)."""
    prefix, suffix = f"{database.name}-run-", ".lock"
    try:
        with os.scandir(database.parent) as entries:
            names = [entry.name for entry in entries]
    except OSError:
        return []
    return [
        name
        for name in names
        if name.startswith(prefix)
        and name.endswith(suffix)
        and len(name) >= len(prefix) + len(suffix)
    ]


def dead_runs(db: sqlite3.Connection, database: str, *, lock_files: bool = True) -> list[int]:
    """Runs with journal entries whose process no longer holds their lock (with `lock_files`,
    the lock files of dead runs killed before their first slice, which left no entries, are
    removed too)."""
    entries = set(journaled(db))
    tokens = set(entries)
    for name in _lock_names(Path(database)) if lock_files else ():
        number = name.rsplit("-", 1)[1].removesuffix(".lock")
        if number.isdigit():
            tokens.add(int(number))
    found = []
    for token in sorted(tokens):
        path = lock_path(database, token)
        try:
            descriptor = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        except OSError:
            continue  # a read-only folder: cannot tell; leave it for a writer
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(descriptor)
            continue  # alive
        with suppress(FileNotFoundError):
            path.unlink()
        with suppress(OSError):
            wait_path(database, token).unlink()
        os.close(descriptor)
        if token in entries:
            found.append(token)
    return found


def pause() -> None:
    time.sleep(PAUSE)
