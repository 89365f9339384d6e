"""What the exports' queries share (kith.store.exports.dump, kith.store.exports.card_texts),
in a module light
enough for the vCard export not to import the JSON export's rows."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping

INSTANT_GLOB = "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'"


def empty_tables(connection: sqlite3.Connection, tables: Iterable[str]) -> set[str]:
    """Which of these tables have no rows."""
    names = list(tables)
    checks = ", ".join(f"EXISTS (SELECT 1 FROM {name})" for name in names)
    found = connection.execute(f"SELECT {checks}").fetchone()
    return {name for name, present in zip(names, found, strict=True) if not present}


def without_empty(
    sql: str, lists: Mapping[str, tuple[str, ...]], empty: set[str], nothing: str
) -> str:
    """`sql` with each subquery over an empty table (`lists`: table -> its subqueries in
    `sql`) replaced by `nothing`, what the subquery gives when it finds no rows."""
    for table in empty:
        for subquery in lists[table]:
            sql = sql.replace(subquery, nothing)
    return sql


def holds_nul(connection: sqlite3.Connection, columns: Mapping[str, Iterable[str]]) -> bool:
    """Whether a value in one of these columns (table -> its text columns) holds a NUL character,
    where printf's %s would stop."""
    checks = " OR ".join(
        f"EXISTS (SELECT 1 FROM {table} WHERE "
        + " OR ".join(f"instr({column}, char(0))" for column in names)
        + ")"
        for table, names in columns.items()
    )
    return bool(connection.execute(f"SELECT {checks}").fetchone()[0])
