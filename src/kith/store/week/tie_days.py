"""Each person's log grouped by UTC day (table `tie_day`, migration 0040): what `kith why` reads
instead of grouping every interaction. Kept exact where the tie row is kept (store/week/ties.py):
a new interaction's day folded in, a recomputed person's days grouped again from the log rows
read for their tie row (`grouped`, in the same pass: no second reading of the log).

The stored text is UTC to the second, so its first ten characters are the UTC day and its order
the instants'. A day keeps the rest of its first and latest interaction's text (day || rest is
the text itself). Sent is out or both, received in or both: by the column's CHECK, not in and not
out."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Sequence
from itertools import chain

ADD_SQL = """
INSERT INTO tie_day
VALUES (:person, substr(:at, 1, 10), substr(:at, 11), substr(:at, 11), 1, :sent, :received)
    ON CONFLICT (person_id, day) DO UPDATE SET
       first_rest = min(first_rest, excluded.first_rest),
       last_rest = max(last_rest, excluded.last_rest),
       interactions = interactions + 1,
       sent = sent + excluded.sent,
       received = received + excluded.received"""
INSERT_SQL = "INSERT INTO tie_day VALUES (?, ?, ?, ?, ?, ?, ?)"
# days written by one statement (`insert`): a statement's own cost (its cursors opened and
# closed, its halt) was most of a day's row, 48,599 rows of the SMS bench's 100,000 messages
# in 0.068 s one by one, 0.041 s a hundred at a time (20 at once: 0.045 s)
ROWS_AT_ONCE = 100
INSERT_ROWS_SQL = INSERT_SQL + ", (?, ?, ?, ?, ?, ?, ?)" * (ROWS_AT_ONCE - 1)
# a tie_day row: person_id, day, first_rest, last_rest, interactions, sent, received
DayRow = tuple[int, str, str, str, int, int, int]
# in the key's order: by day, which is the order of each day's first interaction
READ_SQL = """
SELECT day || first_rest, day || last_rest, interactions, sent, received
  FROM tie_day WHERE person_id = ?"""


def insert(db: sqlite3.Connection, rows: Sequence[DayRow]) -> None:
    """Rows made by `grouped` (after the person's old days are gone), in their order:
    ROWS_AT_ONCE to a statement, the rest one by one."""
    whole = len(rows) - len(rows) % ROWS_AT_ONCE
    if whole:  # (a person's edit writes a few: the long statement is not even prepared)
        db.executemany(
            INSERT_ROWS_SQL,
            (
                tuple(chain.from_iterable(rows[start : start + ROWS_AT_ONCE]))
                for start in range(0, whole, ROWS_AT_ONCE)
            ),
        )
    db.executemany(INSERT_SQL, rows[whole:])


def grouped(person_id: int, log: Sequence[tuple[str, str, str, int]]) -> list[DayRow]:
    """A person's days from their log rows (at, channel, direction, head count; ordered by at,
    as the tie pass reads them): what the migration's grouping of the log gives for them. The
    stored text orders as the instants, so a day's rows are together, its first row has the
    least text and its last the greatest; sent counts what is not in, received what is not
    out. Counted by day in C (Counter), each day's rows then found by position: no Python call
    per row."""
    directions = [row[2] for row in log]
    days = []
    start = 0
    for day, n in Counter([row[0][:10] for row in log]).items():
        end = start + n
        on = directions[start:end]
        first, last = log[start][0][10:], log[end - 1][0][10:]
        days.append((person_id, day, first, last, n, n - on.count("in"), n - on.count("out")))
        start = end
    return days


def add(db: sqlite3.Connection, person_id: int, at: str, sent: int, received: int) -> None:
    """Fold one more interaction of this person's into its day."""
    db.execute(ADD_SQL, {"person": person_id, "at": at, "sent": sent, "received": received})


def read(db: sqlite3.Connection, person_id: int) -> list[tuple[str, str, int, int, int]]:
    """The person's days, oldest first: first and latest text, count, sent, received."""
    return db.execute(READ_SQL, (person_id,)).fetchall()
