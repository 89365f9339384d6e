"""The first command of a new week takes shortcuts (issue 15): everyone's mutual counts are
kept with the network version they were counted at, the stored layers are read as arrays, each
candidate's cadence is worked out once, and the reason is written for the picks alone. Over
seeded simulated months — logs with random people, links said and denied (which change the
mutual counts), weeks made and acted on — the week they choose and the layers they store are
those of the full computation: mutual counts counted afresh every week and every eligible
contact scored with its reason."""

from __future__ import annotations

import random
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kith.demo.profiles import generate
from kith.relate.priority import assess, eligible
from kith.relate.selection import select
from kith.services.imports import import_records
from kith.services.interactions import LogEntry, log_interaction
from kith.services.mesh.knows import set_knows
from kith.services.ties import layers
from kith.services.week import outreach, plan
from kith.services.week.weeks import settle, span_of, week_key
from kith.store import Store, open_store
from kith.store.week.layers import MUTUALS_KEY, MUTUALS_SQL
from tests.conftest import Kith

BUILT_AT = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
WEEKS = 10


def full_choice(store: Store, now: datetime) -> list[tuple[int, str]]:
    """The week chosen the long way: every eligible candidate scored with its reason."""
    candidates, details = plan.candidates_for(store, now)
    week = span_of(now)
    by_id = {c.person_id: c for c in candidates}
    scored = [assess(c, now, week) for c in candidates if eligible(c, now, week)]
    chosen = select(scored, plan.DEFAULT_BUDGET)
    return [(o.person_id, plan.why(o, by_id[o.person_id], details, now)) for o in chosen]


def state(store: Store) -> list[tuple[object, ...]]:
    return [tuple(row) for row in store.layers.state()]


def a_week_of_use(stores: list[Store], monday: datetime, rng: random.Random) -> None:
    """The same writes on each store: a few logs, now and then a link said or denied, and
    `kith done` on the first open pick."""
    ids = [
        pid
        for pid, _ in stores[0].connection.execute(
            "SELECT id, 0 FROM person WHERE kind = 'contact' ORDER BY id"
        )
    ]
    logs = [(rng.choice(ids), monday + timedelta(days=rng.randint(1, 5))) for _ in range(6)]
    link = (
        (rng.sample(ids, 2), rng.choice(["knows", "well", "not"])) if rng.random() < 0.6 else None
    )
    for store in stores:
        for person, when in logs:
            log_interaction(store, [person], LogEntry("met", channel="call"), when)
        if link is not None:
            (a, b), level = link
            set_knows(store, a, b, level, monday + timedelta(days=2))
        picks = plan.this_week(store, monday + timedelta(days=3)).open_picks()
        if picks:
            outreach.done(store, picks[0].person.id, monday + timedelta(days=3, hours=1))


def two_demos(first: Path, second: Path) -> tuple[Store, Store]:
    """The seeded demo network with its first week made, opened twice: at `first` and a copy
    at `second`."""
    made = open_store(first)
    with made.transaction():
        records = generate("demo", seed=11, now=BUILT_AT)
        import_records(made, records, kind="demo", path=None, now=BUILT_AT, strict=True)
    plan.this_week(made, BUILT_AT)
    made.close()
    shutil.copy(first, second)
    return open_store(first), open_store(second)


def test_the_fast_week_chooses_and_stores_what_the_full_computation_does(tmp_path: Path) -> None:
    fast, full = two_demos(tmp_path / "fast.db", tmp_path / "full.db")
    rng = random.Random(11)
    used, versions = 0, []
    try:
        for week in range(1, WEEKS + 1):
            monday = BUILT_AT.replace(hour=9) + timedelta(days=1, weeks=week - 1)
            a_week_of_use([fast, full], monday, rng)
            sunday_next = monday + timedelta(days=6)
            now = sunday_next + timedelta(days=1)  # the next Monday, 09:00
            with full.transaction():
                full.connection.execute("DELETE FROM meta WHERE key = ?", (MUTUALS_KEY,))
            layers.keep_current(full, now)
            with full.transaction():
                settle(full, now)  # as this_week does before it chooses
            expected = full_choice(full, now)
            kept = fast.connection.execute(
                "SELECT value FROM meta WHERE key = ?", (MUTUALS_KEY,)
            ).fetchone()
            versions.append(fast.network.version())
            used += kept is not None and kept[0].startswith(versions[-1] + " ")
            made = plan.this_week(fast, now)
            assert made.key == week_key(now.date())
            assert state(fast) == state(full), week
            assert [(p.person.id, p.stored.reason) for p in made.picks] == expected, week
            plan.this_week(full, now)  # both weeks made on Monday, so the stores stay alike
        assert expected != []
        assert used == WEEKS  # each week's step found the counts kept, current
        assert len(set(versions)) > 1  # and the links said and denied made them counted again
    finally:
        fast.close()
        full.close()


def test_the_rhythms_median_is_statistics_median_on_seeded_gaps() -> None:
    from statistics import median

    from kith.relate.strength import median_of

    rng = random.Random(5)
    for _ in range(2_000):
        gaps = [rng.randint(0, 400) for _ in range(rng.randint(1, 24))]
        assert median_of(gaps) == median(gaps)


def test_an_import_leaves_the_mutual_counts_kept_for_the_next_weekly_step(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    card = tmp_path / "one.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Wendy Week\r\nEND:VCARD\r\n")
    store = open_store(db_path)
    try:
        before = store.network.version()
    finally:
        store.close()
    assert demo("import", str(card)).exit_code == 0
    store = open_store(db_path)
    try:
        kept = store.connection.execute(
            "SELECT value FROM meta WHERE key = ?", (MUTUALS_KEY,)
        ).fetchone()[0]
        version = store.network.version()
        counted = dict(store.connection.execute(MUTUALS_SQL).fetchall())
        assert store.layers.mutual_counts() == counted
    finally:
        store.close()
    assert version != before
    assert kept.startswith(f"{version} ")
