"""Every cadence the user set, listed: `kith cadence` alone and the service the settings page
reads (people's by name, then tags'), found through migration 19's partial index."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from kith.services.week import outreach
from kith.store import migrations, open_store
from kith.store.connection import APPLICATION_ID
from tests.conftest import Kith


def test_kith_cadence_alone_lists_peoples_then_tags_cadences(demo: Kith) -> None:
    demo("cadence", "tag:mentor", "--ideal", "3m")
    demo("cadence", "Quinn Quarterly", "--ideal", "6w", "--max", "12w")
    demo("cadence", "Monty Monthly", "--ideal", "30d")
    assert demo("cadence").output == (
        "Monty Monthly: every 30 days.\n"
        "Quinn Quarterly: every 42 days, at risk after 84 days.\n"
        "tag:mentor: every 90 days.\n"
    )
    listed = json.loads(demo("cadence", "--json").output)
    assert listed["total"] == 3
    assert listed["cadences"][1] == {
        "target": "Quinn Quarterly",
        "ideal_days": 42.0,
        "max_days": 84.0,
    }


def test_kith_cadence_alone_says_when_none_is_set(demo: Kith) -> None:
    assert demo("cadence").output == "No cadence set: everyone follows their layer's.\n"


def test_kith_cadence_without_a_name_cannot_change_one(demo: Kith) -> None:
    answer = demo("cadence", "--ideal", "30d")
    assert answer.exit_code == 2
    assert "Name whose cadence to change: NAME or tag:T." in answer.output


def test_the_service_gives_each_persons_id_and_clears_by_id(demo: Kith, db_path: Path) -> None:
    demo("cadence", "Monty Monthly", "--ideal", "30d")
    store = open_store(db_path)
    try:
        (found,) = outreach.cadence_overrides(store)
        assert (found.target, found.person_id) == ("Monty Monthly", 2)
        outreach.cadence(store, f"#{found.person_id}", None, None, clear=True)
        assert outreach.cadence_overrides(store) == []
    finally:
        store.close()


def test_migration_19_indexes_the_people_with_a_cadence_of_their_own(tmp_path: Path) -> None:
    path = tmp_path / "kith.db"
    connection = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(connection, path, APPLICATION_ID, upto=18)
    connection.execute(
        "INSERT INTO person (id, uid, display_name, name_key, created_at, updated_at, "
        "cadence_days) VALUES (1, 'u-1', 'Lin Okafor', 'lin okafor', '2026-11-21T10:00:00Z', "
        "'2026-11-21T10:00:00Z', 30)"
    )
    migrations.migrate(connection, path, APPLICATION_ID, upto=19)
    connection.close()
    store = open_store(path)
    try:
        plan = store.connection.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM person WHERE cadence_days IS NOT NULL ORDER BY id"
        ).fetchall()
        assert "USING INDEX person_cadence" in plan[0][-1]
        assert store.plan.cadence_overrides() == [(1, 30.0, None)]
    finally:
        store.close()
