"""Turning rows into domain values, shared by the repositories."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date, datetime

from kith.clock import from_utc_text
from kith.vocab import KIN


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


# Whether person `p` has any kin relationship recorded (kin ties fade half as fast: science.md §2).
KIN_TYPES = ", ".join(repr(kind) for kind in sorted(KIN))
IS_KIN_SQL = (
    "EXISTS (SELECT 1 FROM relationship r WHERE (r.a_id = p.id OR r.b_id = p.id) "
    f"AND r.type IN ({KIN_TYPES}))"
)
# The same for many rows at once: the kin listed once, each row looked up in the list (rather
# than its relationships looked up by two indexes).
IS_KIN_LISTED_SQL = f"""p.id IN (
    SELECT a_id FROM relationship WHERE type IN ({KIN_TYPES})
    UNION ALL SELECT b_id FROM relationship WHERE type IN ({KIN_TYPES}))"""


# tags in the order read (of the index, by tag), by store.cards.fill; the CSV rows
# (store.sheet_rows) read them by tag too: equal folds keep their order in both exports' sort
TAGS_SQL = (
    "SELECT pt.person_id, t.name FROM person_tag pt JOIN tag t ON t.id = pt.tag_id "
    "WHERE pt.person_id IN ({})"
)
