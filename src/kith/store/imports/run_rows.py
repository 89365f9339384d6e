"""Which rows of the weekly plan's tables an import run added, so `kith import --undo` can take
exactly them back.

The card and log tables carry a `run_id` column that the import stamps; the plan's tables of
migrations 0007 and 0009 have none. For them temporary triggers note each inserted row's key
while the run lasts, and the run keeps the keys as one JSON fact in `meta`
(`import.run.<id>.rows`).
"""

from __future__ import annotations

import json
import sqlite3

# table → the columns that find an inserted row again, in the order undo deletes them
# (rows before the articles they hang on)
KEYS = {
    "article_share": ("article_id", "person_id"),
    "article_topic": ("article_id", "topic"),
    "follow_up": ("id",),
    "want": ("person_id",),
    "plan_skip": ("person_id", "at"),
    "let_go": ("person_id",),
    "article": ("id",),
}


def fact(run_id: int) -> str:
    return f"import.run.{run_id}.rows"


def track(db: sqlite3.Connection) -> None:
    """Start noting the keys of rows inserted into the plan's tables (on this connection)."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS run_row (tbl TEXT, a, b)")
    db.execute("DELETE FROM temp.run_row")
    for table, columns in KEYS.items():
        a = f"new.{columns[0]}"
        b = f"new.{columns[1]}" if len(columns) == 2 else "NULL"
        db.execute(
            f"CREATE TEMP TRIGGER IF NOT EXISTS track_{table} AFTER INSERT ON main.{table} "
            f"BEGIN INSERT INTO run_row VALUES ('{table}', {a}, {b}); END"
        )


def keep(db: sqlite3.Connection, run_id: int) -> None:
    """Stop noting; keep what the run added (if anything) as the run's fact."""
    for table in KEYS:
        db.execute(f"DROP TRIGGER IF EXISTS temp.track_{table}")
    added = _added(db, run_id)  # a run written in several blocks adds to what it noted
    for table, a, b in db.execute("SELECT tbl, a, b FROM temp.run_row ORDER BY rowid"):
        added.setdefault(table, []).append([a, b][: len(KEYS[table])])
    db.execute("DELETE FROM temp.run_row")
    if added:
        db.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
            (fact(run_id), json.dumps(added, ensure_ascii=False)),
        )


def undo(db: sqlite3.Connection, run_id: int) -> dict[str, int]:
    """Delete the rows the run added that are still there; how many, by table."""
    added = _added(db, run_id)
    counts: dict[str, int] = {}
    for table, columns in KEYS.items():
        where = " AND ".join(f"{column} = ?" for column in columns)
        for key in added.get(table, []):
            cursor = db.execute(f"DELETE FROM {table} WHERE {where}", key)
            if cursor.rowcount:
                counts[table] = counts.get(table, 0) + cursor.rowcount
    db.execute("DELETE FROM meta WHERE key = ?", (fact(run_id),))
    return counts


def _added(db: sqlite3.Connection, run_id: int) -> dict[str, list[list[object]]]:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (fact(run_id),)).fetchone()
    return dict(json.loads(row[0])) if row else {}
