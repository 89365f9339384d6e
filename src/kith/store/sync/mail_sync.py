"""Where IMAP sync stands in each folder: UIDVALIDITY and the last UID applied (migration 25)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class FolderState:
    folder: str
    uidvalidity: int
    last_uid: int
    updated_at: str


class MailSyncRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def folder(self, source: str, folder: str) -> FolderState | None:
        row = self.db.execute(
            "SELECT folder, uidvalidity, last_uid, updated_at FROM imap_folder "
            "WHERE source = ? AND folder = ?",
            (source, folder),
        ).fetchone()
        return None if row is None else FolderState(*row)

    def folders(self, source: str) -> list[FolderState]:
        rows = self.db.execute(
            "SELECT folder, uidvalidity, last_uid, updated_at FROM imap_folder "
            "WHERE source = ? ORDER BY folder",
            (source,),
        )
        return [FolderState(*row) for row in rows]

    def advance(self, source: str, folder: str, uidvalidity: int, last_uid: int, at: str) -> None:
        """Record that every message of `folder` up to `last_uid` has been applied."""
        self.db.execute(
            "INSERT INTO imap_folder (source, folder, uidvalidity, last_uid, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (source, folder) DO UPDATE SET "
            "uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid, "
            "updated_at = excluded.updated_at",
            (source, folder, uidvalidity, last_uid, at),
        )

    def forget(self, source: str) -> None:
        """Where the source stood in every folder (it now names another mailbox)."""
        self.db.execute("DELETE FROM imap_folder WHERE source = ?", (source,))
