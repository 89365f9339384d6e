"""Backing the database up and restoring it, keeping the file being replaced beside it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kith.errors import UserError
from kith.services.exports.target_file import check_target
from kith.store import Store, connection, files, integrity, kept
from kith.store.connection import check_header


def backup(store: Store, target: Path, force: bool) -> Path:
    """Copy the database to `target` (mode 0600), safely even while it is in use."""
    target = target.expanduser()
    check_target(target, f"give a file name, e.g. {target / 'kith.db'}.")
    if _same_file(target, Path(store.path)):
        raise UserError(f"{target} is the database itself; choose another file for the backup.")
    if target.exists() and not force:
        raise UserError(f"{target} already exists; add --force to overwrite it.")
    files.backup_connection(store.connection, target, store.path)
    return target


def check(database: Path) -> integrity.Verdict:
    """Read every page of `database` (nothing is written, nothing migrated) and say what is
    wrong with it; a file that is not a Kith database raises `DatabaseRefused`."""
    if not database.is_file():
        raise UserError(f"There is no database at {database}; nothing to check.")
    check_header(database)
    return integrity.full_check(database)


def open_to_others(database: Path, private_dir: bool) -> list[str]:
    """A note for each of the database's files others may read that Kith could not tighten
    (its disk keeps no modes); nothing is changed."""
    return connection.open_to_others(database, private_dir=private_dir)


def check_backup(source: Path) -> None:
    """Refuse (DatabaseRefused) a file that is not an intact Kith database; nothing is changed."""
    if not source.is_file():
        raise UserError(f"{source}: no such file; give a backup made with `kith backup PATH`.")
    files.check_backup(source)


def restore(database: Path, source: Path, now: datetime) -> Path | None:
    """Make `database` a copy of the backup `source`; return where the old file was kept.

    The old file is kept beside the database as `<name>.before-restore-<UTC time>` (None when
    there was none). `source` is checked first: a file that is not an intact Kith database
    raises `DatabaseRefused` and changes nothing. Close every store on `database` first.
    """
    source = source.expanduser()
    check_backup(source)
    if _same_file(source, database):
        raise UserError(f"{source} is the database itself; give a backup to restore from.")
    aside = None
    if database.exists() and database.stat().st_size > 0:
        aside = kept.name_for(database, "restore", now)
        files.keep_aside(database, aside)
    files.copy_database(source, database)
    if aside is not None:
        kept.prune(database, kept.keep_setting_of(database))
    return aside


BULK_PEOPLE = 10  # a plan that deletes or merges this many people is copied aside first


def keep_copy(store: Store, why: str, now: datetime) -> Path:
    """Copy the database beside itself before a bulk change (`<name>.before-<why>-<time>`,
    checked whole), then keep only the newest `backups.keep` copies."""
    database = Path(store.path)
    target = kept.name_for(database, why, now)
    files.backup_connection(store.connection, target, store.path)
    kept.prune(database, kept.keep_setting(store.connection))
    return target


def _same_file(a: Path, b: Path) -> bool:
    return a.exists() and b.exists() and a.samefile(b)
