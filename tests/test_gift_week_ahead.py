"""Next week's gift chosen ahead at the end of an import (issue 15: services/mesh/gift_ahead.py,
migration 0037): the week's first `plan` takes it only when it is the gift choosing it then
gives — over seeded weeks of needs, offers, people, logs, links, introductions and archives, some
after the import, the kept gift equals the one a copy without it chooses — and taking it loads
no numpy."""

from __future__ import annotations

import json
import math
import random
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

from kith.services.mesh import gift_ahead, intros
from kith.services.mesh.gift import GIFT_FACT, weekly_gift
from kith.services.week import plan
from kith.store import migrations, open_store
from kith.store.connection import APPLICATION_ID
from kith.store.week import gift, strength_blob
from kith.store.week.generation import named
from tests.conftest import NOW, Kith, loaded_at_start
from tests.migration_support import one_contact_at
from tests.test_gift_ahead import NEEDS, OFFERS, change, name_of, names, run

ZONE = NOW.tzinfo
assert ZONE is not None


def prepare(db: Path, when: datetime) -> None:
    """What the end of an import does (services/week/plan.prepare)."""
    store = open_store(db)
    try:
        plan.prepare(store, when)
    finally:
        store.close()


def first_plan(db: Path, when: datetime) -> tuple[dict[str, object], bool]:
    """The week's first `plan` at `when` as the CLI makes it: the kept gift, and whether the one
    chosen ahead was taken."""
    store = open_store(db)
    try:
        week = plan.this_week(store, when)
        with store.reading():
            ahead = gift_ahead.kept(store, when, ZONE, week.key) is not None
        weekly_gift(store, when, ZONE, week.key, again=week.made_now)
        with store.reading():
            kept = json.loads(store.meta.fact(GIFT_FACT) or "{}")
    finally:
        store.close()
    return kept, ahead


def without_ahead(db: Path, copy: Path) -> None:
    """A copy of `db` that never chose a gift ahead."""
    copy.unlink(missing_ok=True)
    with sqlite3.connect(db) as source, sqlite3.connect(copy) as connection:
        source.backup(connection)
        connection.execute("DELETE FROM meta WHERE key = ?", (gift_ahead.AHEAD_FACT,))
        connection.execute("DELETE FROM gift_strength")
    connection.close()


def test_over_fourteen_weeks_the_gift_chosen_ahead_is_the_one_chosen_in_its_week(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    rng = random.Random(37)
    copy = tmp_path / "copy.db"
    for who in rng.sample(names(db_path), 40):  # phrases with more holders than are paired
        run(db_path, NOW, "need", who, rng.choice(NEEDS[:3]))
        run(db_path, NOW, "offer", who, rng.choice(OFFERS[:3]))
    taken_ahead, gifts = 0, []
    for week in range(14):
        when = NOW + timedelta(days=7 * week, hours=rng.randrange(30))
        for _ in range(rng.randrange(0, 3)):
            change(db_path, when, rng, week)
        prepare(db_path, when)
        if rng.random() < 0.3:  # and something changes after the import
            change(db_path, when, rng, week)
        first = when + timedelta(days=7)
        first -= timedelta(days=first.weekday(), hours=first.hour - rng.randrange(24 * 7))
        without_ahead(db_path, copy)
        kept, ahead = first_plan(db_path, first)
        expected, _ = first_plan(copy, first)
        assert kept == expected, (week, first)
        taken_ahead += ahead
        gifts.append(kept.get("a"))
        if "a" in kept and rng.random() < 0.5:  # the gift taken up: begun, or one of them gone
            a, b = name_of(db_path, int(str(kept["a"]))), name_of(db_path, int(str(kept["b"])))
            run(db_path, first, *(["intro", a, b] if rng.random() < 0.5 else ["archive", a]))
    assert taken_ahead >= 5  # taken in most weeks
    assert taken_ahead < 14  # and refused after a change that moved S or the inputs
    assert len(set(gifts) - {None}) >= 3  # the gift moved over the weeks


def test_a_change_of_one_s_or_of_a_name_leaves_the_gift_to_be_chosen_again(
    demo: Kith, db_path: Path
) -> None:
    prepare(db_path, NOW)
    monday = NOW + timedelta(days=1, hours=9)
    store = open_store(db_path)
    try:
        week = plan.this_week(store, monday)  # the prepared step promoted
        with store.reading():
            found = gift_ahead.kept(store, monday, ZONE, week.key)
            assert found is not None
            assert "a" in found
            warm, s = store.connection.execute(
                "SELECT person_id, strength FROM gift_strength ORDER BY person_id LIMIT 1"
            ).fetchone()
        current = strength_blob.CURRENT
        with store.transaction():
            strength_blob.write(store.connection, current, updates=[(math.nextafter(s, 1.0), warm)])
        with store.reading():
            assert gift_ahead.kept(store, monday, ZONE, week.key) is None
        with store.transaction():
            strength_blob.write(store.connection, current, updates=[(s, warm)])
        with store.reading():
            assert gift_ahead.kept(store, monday, ZONE, week.key) == found
    finally:
        store.close()
    run(db_path, monday, "edit", name_of(db_path, int(found["a"])), "--name", "Someone Else")
    assert ahead(db_path, monday, week.key) is None


def ahead(db: Path, when: datetime, week: str) -> dict[str, object] | None:
    """The gift chosen ahead, as `plan` at `when` would take it."""
    with closing(open_store(db)) as store, store.reading():
        return gift_ahead.kept(store, when, ZONE, week)


def test_the_first_plan_of_the_week_after_an_import_loads_no_numpy(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    card = tmp_path / "one.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bench Week\r\nEND:VCARD\r\n")
    assert demo("import", str(card)).exit_code == 0
    monday = (NOW + timedelta(days=1, hours=9)).isoformat()
    argv = ["--db", str(db_path), "--now", monday, "plan"]
    assert loaded_at_start(argv, ("numpy", "kith.services.mesh.gift_choice")) == []
    with sqlite3.connect(db_path) as connection:
        kept = json.loads(
            connection.execute("SELECT value FROM meta WHERE key = ?", (GIFT_FACT,)).fetchone()[0]
        )
    assert kept["week"] == "2026-W48"
    assert "a" in kept


def test_the_days_an_introduction_stays_fresh_are_the_suggestions(demo: Kith) -> None:
    assert gift_ahead.FRESH_DAYS == intros.FRESH_DAYS


def test_migration_37_keeps_the_warm_s_from_the_version_before(tmp_path: Path) -> None:
    path = tmp_path / "kith.db"
    connection = one_contact_at(path, 35, "Ada")
    migrations.migrate(connection, path, APPLICATION_ID)
    connection.execute(
        named(connection, "INSERT INTO layer_state (person_id, layer) VALUES (1, 'L3')")
    )
    strength_blob.write(connection, strength_blob.CURRENT, put=[(1, 0.5)])
    assert not gift.same_warm(connection, 0.3)  # nothing kept
    gift.keep_warm(connection, [(1, 0.5)])
    assert gift.same_warm(connection, 0.3)
    strength_blob.write(connection, strength_blob.CURRENT, updates=[(0.25, 1)])
    assert not gift.same_warm(connection, 0.3)
    connection.close()
