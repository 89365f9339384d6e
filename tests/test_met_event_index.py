"""Migration 0032 (issue 15): the people met at recent events (`plan`, `today`, `claim`) are
found from the window's events through an index on the event each was met at, not by a scan of
every contact; migrated from the version before, the people found are the same."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from kith.store import migrations, open_store
from kith.store.connection import APPLICATION_ID

STAMP = "2026-11-21T10:00:00Z"


def test_migration_31_finds_the_people_met_at_recent_events_through_its_index(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kith.db"
    connection = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(connection, path, APPLICATION_ID, upto=30)
    events = [(1, "2026-11-20"), (2, "2026-11-01"), (3, "2026-09-01")]
    for event_id, day in events:
        connection.execute(
            "INSERT INTO event (id, name, day, created_at) VALUES (?, ?, ?, ?)",
            (event_id, f"E{event_id}", day, STAMP),
        )
    # (id, met at, archived): 4 was let go, 5 met at an event before the window, 6 archived,
    # 7 met at no event, 8 in touch since, away from the event
    people = [(1, 1, 0), (2, 2, 0), (3, 1, 0), (4, 1, 0), (5, 3, 0), (6, 2, 1), (7, None, 0)]
    people.append((8, 2, 0))
    for pid, met, archived in people:
        connection.execute(
            "INSERT INTO person (id, uid, display_name, name_key, kind, created_at, updated_at, "
            "met_event_id, archived) VALUES (?, ?, ?, ?, 'contact', ?, ?, ?, ?)",
            (pid, f"u-{pid}", f"P{pid}", f"p{pid}", STAMP, STAMP, met, archived),
        )
    connection.execute("INSERT INTO let_go (person_id, at) VALUES (4, ?)", (STAMP,))
    connection.execute(
        "INSERT INTO interaction (id, at, channel, direction, summary, source, source_id, "
        "created_at) VALUES (1, ?, 'email', 'out', 'hello', 'manual', 'm-1', ?)",
        (STAMP, STAMP),
    )
    connection.execute("INSERT INTO participant (interaction_id, person_id) VALUES (1, 8)")
    migrations.migrate(connection, path, APPLICATION_ID, upto=32)
    connection.close()
    store = open_store(path)
    try:
        from kith.store.claims import CANDIDATES_SQL

        window = ("2026-10-25", "2026-11-22")
        plan = store.connection.execute(f"EXPLAIN QUERY PLAN {CANDIDATES_SQL}", window)
        assert "USING INDEX person_met_event" in " ".join(str(row) for row in plan)
        found = store.claims.candidates(date(2026, 10, 25), date(2026, 11, 22))
        assert found == [(1, 1), (3, 1), (2, 2)]
    finally:
        store.close()
