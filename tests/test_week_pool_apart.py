"""The week's pool in two parts (issue 15, services/week/plan_pool.py `pool_rows_apart`,
relate/week_pool.py `judged_apart`): the dormant ties outside the layers are read and judged only
when the choice reaches where they could come (relate/bounded.py `Completion`). Entries asked
within the ones known are answered without the later ones; reaching past them makes and sorts
everything as at once; and over seeded weeks of use (every seventh hour of each week, writes
between, budgets from 1 to 10) the week chosen in two parts is, pick for pick, the one chosen
from every row judged at once (the near rows' replies owed asked there only where the choice
reaches them, so the candidates completed on the way may differ)."""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kith.clock import to_utc_text
from kith.relate import bounded, week_pool
from kith.relate.bounded import Completion, Entry, in_completion_order
from kith.relate.strength import DORMANT_S_MAX
from kith.services.interactions import LogEntry, log_interaction
from kith.services.people import relate
from kith.services.ties import layers
from kith.services.ties.why import rate
from kith.services.week import outreach, plan, plan_pool
from kith.services.week.weeks import week_key
from kith.store import Store
from kith.store.week.generation import named
from tests.test_week_fast_path import two_demos
from tests.test_week_prepared import BUILT_AT

KNOWN: list[Entry] = [(0.5, 0.2, 1), (0.9, 1.0, 3), (0.4, 0.3, 4), (0.3, 0.1, 2)]
LATER: list[Entry] = [(0.4, 0.0, 7), (0.35, 0.0, 5), (0.4, 0.0, 6)]


def completion(made: list[bool]) -> Completion:
    def later() -> list[Entry]:
        made.append(True)
        return list(LATER)

    return Completion(list(KNOWN), [(0.4, later)])


def test_entries_above_the_later_ones_bound_are_answered_without_making_them() -> None:
    made: list[bool] = []
    found = completion(made)
    assert found[0:2] == [(0.9, 1.0, 3), (0.5, 0.2, 1)]
    assert found[1] == (0.5, 0.2, 1)
    assert made == []
    assert not found.made


def test_reaching_an_entry_of_the_later_ones_bound_makes_them_all_in_completion_order() -> None:
    made: list[bool] = []
    found = completion(made)
    # (0.4, 0.3, 4) is known, but a later entry of bound 0.4 and a larger ρ could come first
    assert found[2:3] == [(0.4, 0.3, 4)]
    assert made == [True]
    assert found[0:10] == in_completion_order(KNOWN + LATER)
    assert found[2:6] == [(0.4, 0.3, 4), (0.4, 0.0, 6), (0.4, 0.0, 7), (0.35, 0.0, 5)]
    assert len(found) == 7
    assert made == [True]


def test_the_length_and_the_end_make_the_later_ones() -> None:
    for ask in (len, lambda c: c[-1], lambda c: c[1:], lambda c: c[::2]):
        made: list[bool] = []
        ask(completion(made))
        assert made == [True]


def test_of_two_later_parts_the_one_of_the_higher_bound_is_made_first() -> None:
    made: list[str] = []

    def part(name: str, entries: list[Entry]) -> tuple[float, Callable[[], list[Entry]]]:
        def make() -> list[Entry]:
            made.append(name)
            return entries

        return max(entry[0] for entry in entries), make

    found = Completion(list(KNOWN), [part("low", [(0.2, 0.0, 9)]), part("high", LATER)])
    assert found[0:3] == [(0.9, 1.0, 3), (0.5, 0.2, 1), (0.4, 0.3, 4)]
    assert made == ["high"]  # (0.3, 0.1, 2) is above 0.2: sure once the 0.4s are made
    assert found[0:7] == in_completion_order(KNOWN + LATER)
    assert made == ["high"]
    assert found[7:8] == [(0.2, 0.0, 9)]
    assert made == ["high", "low"]


def test_the_two_parts_read_by_sql_are_the_pools_rows_with_kin_pins_cadences_and_hooks(
    tmp_path: Path,
) -> None:
    store, other = two_demos(tmp_path / "a.db", tmp_path / "b.db")
    other.close()
    rng = random.Random(43)
    found = store.connection.execute("SELECT id FROM person WHERE kind = 'contact' ORDER BY id")
    ids = [int(pid) for (pid,) in found]
    far: list[int] = []
    try:
        for n in range(8):
            now = BUILT_AT + timedelta(days=40 * n)
            a, b = rng.sample(ids, 2)
            relate(store, a, b, rng.choice(["sibling", "friend", "spouse"]), now)
            a_write(store, rng, ids, now)
            layers.keep_current(store, now)
            with store.deriving():
                layers.advance(store, now)
            silent_outside_the_layers(store, rng, ids)
            silent = to_utc_text(now - timedelta(days=plan.SILENT_DAYS))
            extra = rng.sample(ids, 5)
            with store.reading():
                near = store.plan.near_rows(extra)
                weak = store.plan.weak_rows(extra)
                known = {row[0] for row in [*near, *weak]}
                assert len(known) == len(near) + len(weak)  # none in both
                assert {row[1] for row in weak} <= {"L6"}
                dormant = store.plan.dormant_rows(DORMANT_S_MAX, silent)
                rows = sorted([*near, *weak, *(row for row in dormant if row[0] not in known)])
                assert rows == store.plan.pool_rows(DORMANT_S_MAX, silent, extra)
            assert sum(row[13] for row in rows) >= 1  # kin among them
            far.append(len(rows) - len(near))
    finally:
        store.close()
    assert min(far) >= 10  # dormant ties outside the layers, read apart


def at_once(
    near: Sequence[week_pool.Row],
    far: Callable[[], Sequence[week_pool.Row]],
    at: week_pool.Moment,
    others: Callable[[], tuple[Sequence[week_pool.Row], Collection[int]]] | None = None,
    weak: Callable[[], tuple[Sequence[week_pool.Row], Collection[int]]] | None = None,
) -> week_pool.Judged:
    """judged_apart's reference: every row judged at once (the weak rows and the replies owed
    outside the parts, `others`, too, and those of the near rows all asked)."""
    at = at.settled()
    rows, owed = [*near, *far()], set(at.owed)
    for part in (others, weak):
        if part is not None:
            more, ids = part()
            rows, owed = [*rows, *more], owed | set(ids)
    return week_pool.judged(sorted(rows, key=lambda row: row[0]), replace(at, owed=owed))


def chosen(store: Store, now: datetime) -> tuple[Any, ...]:
    """What `_make` would choose at `now`: the picks (with priority, reason, channel, layer)
    and the candidates completed, as ids."""
    key = week_key(now.date())
    with store.reading():
        kept = [pick for pick in store.plan.picks(key) if pick.state == "done"]
        budget = int(store.meta.setting("plan.budget") or 5)
        picks, candidates, _ = plan._choose(
            store, now, {pick.person_id for pick in kept}, max(1, budget - len(kept)), None
        )
    return (
        [(p.person_id, p.priority, p.reason, p.layer, p.channel, p.energy) for p in picks],
        [c.person_id for c in candidates],
    )


def silent_outside_the_layers(store: Store, rng: random.Random, ids: list[int]) -> None:
    """Ties once strong, silent for long and outside the layers (the demo has none): the far
    rows, some of them kin (a relationship the test adds) or snoozed."""
    chosen = rng.sample(ids, 15)
    marks = ", ".join("?" * len(chosen))
    with store.transaction():
        store.connection.execute(
            named(
                store.connection,
                f"UPDATE layer_state SET layer = 'L7', s_max = max(s_max, 0.7) "
                f"WHERE person_id IN ({marks})",
            ),
            chosen,
        )
        store.connection.execute(
            "UPDATE person SET last_contact_at = '2025-03-01T09:00:00Z' "
            f"WHERE id IN ({marks}) AND pinned = 0 AND cadence_days IS NULL",
            chosen,
        )


def a_write(store: Store, rng: random.Random, ids: list[int], when: datetime) -> None:
    person = rng.choice(ids)
    kind = rng.choice(["log", "log", "rate", "pin", "mute", "cadence", "snooze", "budget"])
    if kind == "log":
        log_interaction(store, [person], LogEntry("met", channel="message"), when)
    elif kind == "rate":
        rate(store, person, rng.randint(1, 5), when)
    elif kind in ("pin", "mute"):
        outreach.set_flag(store, person, {"pin": "pinned", "mute": "muted"}[kind], True)
    elif kind == "cadence":
        outreach.set_person_cadence(store, person, rng.choice(["10d", "45d"]), None, False)
    elif kind == "snooze":
        outreach.snooze(store, person, when, "9d")
    else:
        with store.transaction():
            store.meta.set_setting("plan.budget", str(rng.choice([1, 3, 5, 10])))


WHOLE_POOL = 128  # completed at first: the demo's whole pool


@pytest.mark.parametrize("first_few", [4, WHOLE_POOL])
def test_over_seeded_weeks_the_week_chosen_apart_is_the_week_chosen_from_every_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first_few: int
) -> None:
    # the demo's pool is small: completing 4 at first (not all) has the choice settle before
    # the far rows as often as on profile L
    monkeypatch.setattr(bounded.choose, "__defaults__", (first_few,))
    store, other = two_demos(tmp_path / "a.db", tmp_path / "b.db")
    other.close()
    made: list[list[bool]] = []  # each instant's: the far, the replies outside, the weak read
    real = week_pool.judged_apart
    Part = Callable[[], tuple[Sequence[week_pool.Row], Collection[int]]]

    def apart(
        near: Sequence[week_pool.Row],
        far: Callable[[], Sequence[week_pool.Row]],
        at: week_pool.Moment,
        others: Part | None = None,
        weak: Part | None = None,
    ) -> week_pool.Judged:
        read = [False, others is None, weak is None]
        made.append(read)

        def far_read() -> Sequence[week_pool.Row]:
            read[0] = True
            return far()

        def noted(n: int, part: Part | None) -> Part | None:
            def reading() -> tuple[Sequence[week_pool.Row], Collection[int]]:
                read[n] = True
                assert part is not None
                return part()

            return None if part is None else reading

        return real(near, far_read, at, noted(1, others), noted(2, weak))

    rng = random.Random(15)
    ids = [
        int(pid)
        for (pid,) in store.connection.execute("SELECT id FROM person WHERE kind = 'contact'")
    ]
    compared = 0
    try:
        for week in range(8):
            monday = BUILT_AT.replace(hour=0) + timedelta(days=1, weeks=week)
            for hours in range(rng.randint(0, 6), 7 * 24, 7):
                now = monday + timedelta(hours=hours)
                layers.keep_current(store, now)
                with store.deriving():
                    layers.advance(store, now)
                silent_outside_the_layers(store, rng, ids)
                monkeypatch.setattr(plan_pool, "judged_apart", apart)
                picks, completed = chosen(store, now)
                monkeypatch.setattr(plan_pool, "judged_apart", at_once)
                assert picks == chosen(store, now)[0], now
                assert {pick[0] for pick in picks} <= set(completed)
                compared += 1
                if hours % 3 == 0:
                    a_write(store, rng, ids, now)
            plan.this_week(store, monday + timedelta(days=6, hours=20))
    finally:
        store.close()
    assert compared > 150
    assert len(made) == compared
    if first_few == WHOLE_POOL:  # the demo's whole pool completed: the far rows read each time
        assert made.count([True, True, True]) == compared  # the replies outside, the weak rows
    else:  # the far rows left unread (the choice settled before them), and read when reached
        assert made.count([False, False, False]) > 100
        assert compared - made.count([False, False, False]) >= 2
