"""Settings the user sets (`kith config`) and Kith's own facts about the file (`meta`)."""

from __future__ import annotations

import sqlite3


class MetaRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def setting(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def settings(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT key, value FROM setting ORDER BY key"))

    def set_setting(self, key: str, value: str | None) -> None:
        if value is None:
            self.db.execute("DELETE FROM setting WHERE key = ?", (key,))
        else:
            self.db.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def fact(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_fact(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def is_empty(self) -> bool:
        row = self.db.execute(
            "SELECT (SELECT count(*) FROM person) + "
            "(SELECT count(*) FROM interaction) + (SELECT count(*) FROM event)"
        ).fetchone()
        return int(row[0]) == 0
