"""Configured sync sources and the record of each run (`kith sync status`)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SyncSource:
    name: str
    kind: str
    config: dict[str, Any]
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class SyncRun:
    id: int
    source: str
    started_at: str
    finished_at: str | None
    outcome: str
    summary: dict[str, Any]
    error: str | None


class SyncRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def save_source(self, name: str, kind: str, config: dict[str, Any], at: str) -> None:
        """Add or replace a source's configuration (never pass a secret in `config`)."""
        self.db.execute(
            "INSERT INTO sync_source (name, kind, config, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
            "kind = excluded.kind, config = excluded.config, updated_at = excluded.updated_at",
            (name, kind, json.dumps(config, sort_keys=True), at, at),
        )

    def source(self, name: str) -> SyncSource | None:
        row = self.db.execute(
            "SELECT name, kind, config, created_at, updated_at FROM sync_source WHERE name = ?",
            (name,),
        ).fetchone()
        return None if row is None else _source(row)

    def sources(self) -> list[SyncSource]:
        rows = self.db.execute(
            "SELECT name, kind, config, created_at, updated_at FROM sync_source ORDER BY name"
        )
        return [_source(row) for row in rows]

    def remove_source(self, name: str) -> bool:
        return self.db.execute("DELETE FROM sync_source WHERE name = ?", (name,)).rowcount > 0

    def start_run(self, source: str, at: str) -> int:
        cursor = self.db.execute(
            "INSERT INTO sync_run (source, started_at) VALUES (?, ?)", (source, at)
        )
        return int(cursor.lastrowid or 0)

    def finish_run(
        self, run_id: int, at: str, outcome: str, summary: dict[str, Any], error: str | None
    ) -> None:
        self.db.execute(
            "UPDATE sync_run SET finished_at = ?, outcome = ?, summary = ?, error = ? WHERE id = ?",
            (at, outcome, json.dumps(summary), error, run_id),
        )

    def last_runs(self, dry_run: bool = False) -> dict[str, SyncRun]:
        """Each source's newest real run (or, with `dry_run`, its newest dry run), by name."""
        chosen = "=" if dry_run else "IS NOT"
        rows = self.db.execute(
            "SELECT id, source, started_at, finished_at, outcome, summary, error FROM sync_run "
            "WHERE id IN (SELECT max(id) FROM sync_run "
            f"WHERE outcome {chosen} 'dry-run' GROUP BY source)"
        )
        runs = [_run(row) for row in rows]
        return {run.source: run for run in runs}


def _source(row: tuple[Any, ...]) -> SyncSource:
    return SyncSource(row[0], row[1], json.loads(row[2]), row[3], row[4])


def _run(row: tuple[Any, ...]) -> SyncRun:
    return SyncRun(row[0], row[1], row[2], row[3], row[4], json.loads(row[5]), row[6])
