"""The copies Kith keeps beside the database on its own: before every migration, before a
restore, before a bulk undo or a forced demo. All are named `<database>.before-<why>-<time>`,
and only the newest `backups.keep` of them stay (10 unless set)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

KEEP_SETTING = "backups.keep"
DEFAULT_KEEP = 10


def name_for(database: Path, why: str, now: datetime | None = None) -> Path:
    """A free name `<database>.before-<why>-<UTC time>` beside the database."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%S")
    candidate = database.with_name(f"{database.name}.before-{why}-{stamp}")
    number = 1
    while candidate.exists():
        number += 1
        candidate = database.with_name(f"{database.name}.before-{why}-{stamp}-{number}")
    return candidate


def copies(database: Path) -> list[Path]:
    """The kept copies of `database`, oldest first (their -wal files are not counted apart)."""
    found = [
        path
        for path in database.parent.glob(f"{_escaped(database.name)}.before-*")
        if path.is_file() and not path.name.endswith("-wal")
    ]
    return sorted(found, key=lambda path: (path.stat().st_mtime_ns, path.name))


def prune(database: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` copies of `database`; return the ones deleted."""
    doomed = copies(database)[: max(0, len(copies(database)) - keep)]
    for path in doomed:
        path.unlink(missing_ok=True)
        Path(f"{path}-wal").unlink(missing_ok=True)
    return doomed


def keep_setting(connection: sqlite3.Connection) -> int:
    """`backups.keep` as stored (read with plain SQL: a file being migrated has no repositories
    yet); the default when unset or unreadable."""
    try:
        row = connection.execute(
            "SELECT value FROM setting WHERE key = ?", (KEEP_SETTING,)
        ).fetchone()
    except sqlite3.Error:
        return DEFAULT_KEEP
    return int(row[0]) if row is not None and str(row[0]).isdigit() else DEFAULT_KEEP


def keep_setting_of(database: Path) -> int:
    """`backups.keep` of the database file at `database`, read without writing to it."""
    connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return keep_setting(connection)
    finally:
        connection.close()


def _escaped(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[]" else c for c in name)
