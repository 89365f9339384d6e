"""Turning rows into domain values, shared by the repositories."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date, datetime

from kith.clock import from_utc_text


def instant(text: str | None) -> datetime | None:
    return from_utc_text(text) if text else None


def day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def placeholders(count: int) -> str:
    return ",".join("?" * count)


def column(connection: sqlite3.Connection, sql: str, params: tuple[object, ...] = ()) -> list[int]:
    return [row[0] for row in connection.execute(sql, params)]


def chunks(values: list[int], size: int = 500) -> Iterable[list[int]]:
    """Slices small enough for an `IN (...)` list."""
    for start in range(0, len(values), size):
        yield values[start : start + size]
