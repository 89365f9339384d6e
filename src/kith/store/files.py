"""Whole database files: online backups, checking a backup, and swapping files atomically.

Every file written here is created 0600 beside its target and renamed over it only once it is
complete and on disk, so a crash leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kith.errors import DatabaseRefused, UserError
from kith.store import integrity
from kith.store.connection import (
    APPLICATION_ID,
    FILE_MODE,
    check_existing,
    damaged,
    refusing_damaged,
)

SIDECARS = ("-wal", "-shm")
SETTLE_TIMEOUT_S = 1.0


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A new private file beside `target`; renamed over it when the block ends without error.

    A symlink is followed (its target is replaced, not the link); a device or a pipe
    (`/dev/stdout`, a FIFO) cannot be replaced and is written in place.
    """
    real = target.resolve() if target.is_symlink() else target
    if real.exists() and not real.is_file():
        yield real
        return
    try:
        descriptor, name = private_file(real.parent, f".{real.name}.")
    except OSError as refused:  # a folder this process cannot write, a full disk
        raise UserError(
            f"Cannot write {target}: {refused.strerror or refused}. Choose a folder you can "
            "write to."
        ) from refused
    os.close(descriptor)
    staging = Path(name)
    try:
        yield staging
        _sync(staging)
        os.replace(staging, real)
        _sync(real.parent)
    finally:
        staging.unlink(missing_ok=True)


# tempfile.mkstemp's flags: a new file, only this process's, not through a symlink
_PRIVATE = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | os.O_CLOEXEC


def private_file(folder: Path, prefix: str) -> tuple[int, str]:
    """A new file (mode 0600) in `folder` named `prefix`, random letters and `.tmp`, open, and
    its path: what tempfile.mkstemp makes, without importing tempfile (and shutil, random, bz2,
    lzma with it: 12 M instructions of an export's 300 M start)."""
    for _ in range(100):
        name = os.path.abspath(folder / f"{prefix}{os.urandom(6).hex()}.tmp")
        try:
            return os.open(name, _PRIVATE, FILE_MODE), name
        except FileExistsError:
            continue
    raise FileExistsError(f"No free name for a new file in {folder}")


def replace_bytes(target: Path, data: bytes) -> bool:
    """Write `data` to `target` atomically (a 0600 file beside it, synced, renamed over it);
    False when the file already holds exactly that. Many files in one folder: call
    `sync_directory` once after them, instead of once per file."""
    if target.is_file() and target.read_bytes() == data:
        return False
    descriptor, name = private_file(target.parent, ".kith-")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(name, target)
    finally:
        Path(name).unlink(missing_ok=True)
    return True


def sync_directory(path: Path) -> None:
    """Make the renames in a folder durable."""
    _sync(path)


def _sync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def backup_connection(connection: sqlite3.Connection, target: Path, database: str) -> None:
    """Copy the open database into `target` (one self-contained file, mode 0600), checked
    whole (integrity and foreign keys) before it replaces anything: a damaged database raises
    `DatabaseRefused` and leaves `target`, perhaps a good older backup, as it was."""
    with staged(target) as staging:
        _copy_into(connection, staging)
        problems = _checked(staging)
        if problems:
            raise DatabaseRefused(
                f"{damaged(database, problems[0])} No backup was written to {target}."
            )


def copy_database(source: Path, target: Path) -> None:
    """Make `target` a copy of the database file `source`, through SQLite, in one rename.

    `source` is only read. Stale -wal/-shm files of `target` go just before the rename: SQLite
    would otherwise apply an old -wal to the new file.
    """
    reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        with staged(target) as staging, refusing_damaged(str(source)):
            _copy_into(reader, staging)
            for suffix in SIDECARS:
                Path(f"{target}{suffix}").unlink(missing_ok=True)
    finally:
        reader.close()


def _copy_into(source: sqlite3.Connection, staging: Path) -> None:
    copy = sqlite3.connect(staging, isolation_level=None)
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")  # no -wal beside a backup
    finally:
        copy.close()


def _checked(copy: Path) -> tuple[str, ...]:
    probe = sqlite3.connect(copy)
    try:
        return integrity.check_connection(probe)
    finally:
        probe.close()


def check_backup(source: Path) -> None:
    """Refuse, without changing it, a file that is not an intact Kith database Kith can open."""
    probe = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        application_id = probe.execute("PRAGMA application_id").fetchone()[0]
        problems = integrity.check_connection(probe)  # the schema, every page, foreign keys
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(
            f"{source} is not a Kith backup: it is damaged or not a database ({exc}). "
            "Nothing was changed; give a file made by `kith backup`."
        ) from exc
    finally:
        probe.close()
    if application_id != APPLICATION_ID:
        raise DatabaseRefused(
            f"{source} is not a Kith backup: it is not a Kith database. "
            "Nothing was changed; give a file made by `kith backup`."
        )
    if problems:
        raise DatabaseRefused(
            f"{source} is damaged ({problems[0]}). Nothing was changed; choose another backup."
        )
    check_existing(source)  # and not from a newer Kith


def keep_aside(database: Path, safety: Path) -> None:
    """Copy `database` to `safety` and leave it as one file with no -wal, ready to be replaced.

    A damaged database is copied byte for byte, with its -wal, so nothing of it is lost.
    """
    try:
        _settle(database)
    except sqlite3.OperationalError as exc:
        raise UserError(
            f"{database} is in use ({exc}); stop `kith web` and other Kith commands, "
            "then restore again. Nothing was changed."
        ) from exc
    except sqlite3.DatabaseError:
        _copy_raw(database, safety)
        return
    copy_database(database, safety)


def _settle(database: Path) -> None:
    """Fold the -wal into the file and leave WAL mode, which needs every other user gone."""
    connection = sqlite3.connect(database, timeout=SETTLE_TIMEOUT_S, isolation_level=None)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode = DELETE")
    finally:
        connection.close()


def _copy_raw(database: Path, safety: Path) -> None:
    for suffix in ("", "-wal"):
        source = Path(f"{database}{suffix}")
        if source.exists():
            descriptor = os.open(
                f"{safety}{suffix}", os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE
            )
            with source.open("rb") as reading, os.fdopen(descriptor, "wb") as writing:
                import shutil

                shutil.copyfileobj(reading, writing)
                writing.flush()
                os.fsync(writing.fileno())
