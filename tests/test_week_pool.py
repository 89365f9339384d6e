"""The week's pool judged in one pass (issue 15: relate/week_pool.py, services/week/plan_pool.py)
finds the same people as the reference, which builds a Candidate for each (services/week/plan.py
`_eligible`, priority.eligible): the same L1–L3 ties due first, and everyone else with the same
bound and ρ, to the last bit, in the same order — on the demo with pins, snoozes, mutes, cadences
of a person, a tag and a layer, and hooks, at instants across months and in two zones."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from kith.clock import to_utc_text
from kith.relate import week_pool
from kith.relate.bounded import bound
from kith.relate.cadence import YOUNG_TIE_DAYS, is_young
from kith.relate.priority import PINNED_WARMTH_BELOW, falls_due, rho
from kith.relate.selection import DUE_RHO, STRONG_LAYERS
from kith.relate.strength import DORMANT_S_MAX, median_gap
from kith.relate.week_pool import Moment, Rhythm, Young
from kith.services.ties import layers
from kith.services.week import plan, plan_pool, replies
from kith.services.week.hooks import hooks
from kith.services.week.plan_pool import eligible_pool
from kith.services.week.weeks import span_of
from kith.store import Store, open_store
from kith.store.week.plan import Facts
from tests.conftest import Kith

DEMO_NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


def reference(store: Store, now: datetime) -> tuple[list[int], list[tuple[float, float, int]]]:
    """The L1–L3 ties due, and (bound, ρ, id) of the rest, from a Candidate for everyone."""
    eligible, *_ = plan._eligible(store, now)
    week = span_of(now)
    strong = [
        c.person_id
        for c in eligible
        if c.layer in STRONG_LAYERS and (falls_due(c, week) or rho(c, now) >= DUE_RHO)
    ]
    rest = sorted(
        ((bound(c, now), rho(c, now), c.person_id) for c in eligible if c.person_id not in strong),
        key=lambda item: (-item[0], -item[1], item[2]),
    )
    return strong, rest


def in_one_pass(store: Store, now: datetime) -> tuple[list[int], list[tuple[float, float, int]]]:
    tags, days = plan._tag_cadences(store), plan.layer_cadences(store)
    silent = now - timedelta(days=plan.SILENT_DAYS)
    week = span_of(now)
    owed = partial(replies.owed, store, now, week)
    found = eligible_pool(store, now, week, hooks(store, now), tags, days, silent, (), owed)
    return found.strong, list(found.rest)


def varied(store: Store, rng: random.Random) -> None:
    """Pins, snoozes, mutes and cadences of a person, a tag and a layer on the demo."""
    ids = [row[0] for row in store.connection.execute("SELECT id FROM person WHERE kind='contact'")]
    with store.transaction():
        for pid in rng.sample(ids, 12):
            store.plan.set_person(pid, pinned=1)
        for pid in rng.sample(ids, 6):
            store.plan.set_person(pid, snoozed_until="2026-12-20T00:00:00Z")
        for pid in rng.sample(ids, 4):
            store.plan.set_person(pid, muted=1)
        for pid in rng.sample(ids, 8):
            store.plan.set_person(
                pid, cadence_days=rng.choice([10.0, 45.5]), cadence_max_days=rng.choice([None, 90])
            )
        tag = store.connection.execute(
            "SELECT t.name FROM tag t JOIN person_tag pt ON pt.tag_id = t.id "
            "GROUP BY t.id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
        store.meta.set_setting(f"cadence.tag.{tag}", "21d/60d")
        store.meta.set_setting("cadence.L3", "20d")


def test_the_pool_in_one_pass_is_the_candidates_pool_bit_for_bit(demo: Kith, db_path: Path) -> None:
    store = open_store(db_path)
    try:
        varied(store, random.Random(4))
        checked = 0
        for zone in (UTC, ZoneInfo("America/Los_Angeles")):
            for k in range(6):
                now = (DEMO_NOW + timedelta(days=9 * k, hours=k, microseconds=137 * k)).astimezone(
                    zone
                )
                layers.keep_current(store, now)
                expected = reference(store, now)
                assert in_one_pass(store, now) == expected, (zone, now)
                checked += len(expected[0]) + len(expected[1])
        assert checked > 500
    finally:
        store.close()


def test_the_rhythm_of_the_pool_is_median_gap_on_seeded_days() -> None:
    rng = random.Random(7)
    today = date(2026, 11, 22)
    texts: list[str | None] = [None, ""]
    for _ in range(3_000):
        count = rng.randint(0, 30)
        days = sorted({today - timedelta(days=rng.randint(-30, 900)) for _ in range(count)})
        texts.append(" ".join(day.isoformat() for day in days))
    texts.append("2026-01-05 2026-01-01 2026-02-01 2026-03-01 2026-04-01")  # not ascending
    texts.append("2026-01-01 2026-01-01 2026-02-01 2026-03-01 2026-04-01")  # not distinct
    rhythm = Rhythm(today)
    found = [rhythm.tau(text) for text in texts]
    expected = [
        median_gap([d for d in map(date.fromisoformat, (text or "").split()) if d <= today], today)
        for text in texts
    ]
    assert found == expected
    assert found[-2:] == [27.5, 31.0]
    assert sum(tau is not None for tau in found) > 1_000


def test_the_replies_owed_of_the_near_rows_are_asked_only_where_the_choice_reaches_them(
    demo: Kith, db_path: Path
) -> None:
    store = open_store(db_path)
    try:
        varied(store, random.Random(4))
        now = DEMO_NOW + timedelta(days=9)
        layers.keep_current(store, now)
        tags, days = plan._tag_cadences(store), plan.layer_cadences(store)
        week = span_of(now)
        asked: list[int] = []

        def owed(among: Sequence[int] | None) -> dict[int, datetime]:
            asked.extend(among or [])
            return replies.owed(store, now, week, among)

        silent = now - timedelta(days=plan.SILENT_DAYS)
        found = eligible_pool(store, now, week, hooks(store, now), tags, days, silent, (), owed)
        expected = reference(store, now)
        assert found.strong == expected[0]
        first = len(asked)
        assert found.rest[0:3] == expected[1][0:3]
        reached = len(asked)
        assert list(found.rest) == expected[1]
        assert first < reached < len(asked)  # the strong ties' at once, then part by part
        assert len(asked) == len(set(asked))  # each asked once
    finally:
        store.close()


def known_of(first_at: str | None, known_since: str | None) -> Facts:
    """A two-way contact's facts with only their first interaction and `known since` told."""
    return Facts(
        person_id=1,
        layer=None,
        s_max=0.0,
        last_contact_at=None,
        pinned=False,
        muted=False,
        snoozed_until=None,
        cadence_days=None,
        cadence_max_days=None,
        birthday=None,
        warmth=0.0,
        warmth_as_of=None,
        sent=1.0,
        received=1.0,
        days=(),
        company=None,
        kin=False,
        first_at=first_at,
        known_since=known_since,
    )


def test_a_tie_is_young_in_the_pool_exactly_as_cadence_says_on_seeded_instants() -> None:
    rng = random.Random(11)
    checked = young = 0
    for zone in (UTC, ZoneInfo("America/Los_Angeles"), ZoneInfo("Asia/Kolkata")):
        now = (DEMO_NOW + timedelta(microseconds=rng.randrange(10**6))).astimezone(zone)
        pool = Young(now)
        edge = int((now - timedelta(days=YOUNG_TIE_DAYS)).timestamp())
        for _ in range(2_000):
            first = rng.choice(
                [None, edge + rng.randint(-2, 2), edge + rng.randint(-200, 200) * 86_400]
            )
            day = (now - timedelta(days=rng.randint(-5, 200))).date()
            known = rng.choice([None, day.isoformat(), f"{day.isoformat()}T00:00:00Z"])
            first_at = None if first is None else to_utc_text(datetime.fromtimestamp(first, UTC))
            expected = is_young(
                plan._first_known(known_of(first_at, known), now), now, two_way=True
            )
            assert pool(first, known) == expected, (zone, first, known)
            checked += 1
            young += expected
    assert checked == 6_000
    assert 1_000 < young < 5_000


def cool(warmth: float, as_of: str | None, now: datetime) -> bool:
    return plan.warmth_at(warmth, as_of, now) < PINNED_WARMTH_BELOW


def test_rows_judged_as_owed_at_their_shortest_cadence_are_bound_at_least_as_high(
    demo: Kith, db_path: Path
) -> None:
    # relate/week_pool.py `_unsure_parts`: the near rows a reply may be owed are first judged
    # as owed with τ not worked out outside the strong layers (`least`): the same strong ties
    # due and the same people, each bound at least its own (the parts' uppers), some higher
    # (an L4 cadence of 20 days, which a rhythm slower than 25 days stretches)
    store = open_store(db_path)
    try:
        varied(store, random.Random(4))
        with store.transaction():
            store.meta.set_setting("cadence.L4", "20d")
        tag_cadences, layer_days = plan._tag_cadences(store), plan.layer_cadences(store)
        checked = higher = 0
        for k in range(6):
            now = DEMO_NOW + timedelta(days=9 * k, hours=k, microseconds=137 * k)
            layers.keep_current(store, now)
            silent = to_utc_text(now - timedelta(days=plan.SILENT_DAYS))
            hooked = hooks(store, now)
            tagged = store.plan.tagged(list(tag_cadences))
            rows = store.plan.pool_rows(DORMANT_S_MAX, silent, [*hooked, *tagged])
            at = Moment(
                now,
                span_of(now),
                layer_days,
                hooked,
                plan_pool._tag_cadences(store, tagged, tag_cadences),
                partial(cool, now=now),
                {row[0] for row in rows},  # every one owed a reply
            )
            strong, exact = week_pool._judged(rows, at)
            least_strong, least = week_pool._judged(rows, at, least=True)
            assert least_strong == strong
            bounds = {pid: bound for bound, _, pid in exact}
            hoped = {pid: bound for bound, _, pid in least}
            assert hoped.keys() == bounds.keys()
            assert all(hoped[pid] >= bounds[pid] for pid in bounds)
            checked += len(bounds)
            higher += sum(hoped[pid] > bounds[pid] for pid in bounds)
        assert checked > 500
        assert 0 < higher < checked
    finally:
        store.close()
