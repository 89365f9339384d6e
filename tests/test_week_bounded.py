"""The week's choice completes only the candidates whose priority bound can reach the picks,
and the weekly step writes only the layer rows that changed (issue 15). Seeded: the bounded
choice against `selection.plan` over every candidate completed, from a first batch of one (so
the bound is tried at every size), and the written state against the whole state replaced."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from kith.relate.bounded import Complete, bound, plan_bounded
from kith.relate.priority import Candidate, Span, assess, awaits_reply, eligible
from kith.relate.selection import plan
from kith.store import Store
from kith.store.week.layers import StateRow

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
WEEK = Span(datetime(2026, 11, 30, tzinfo=UTC), datetime(2026, 12, 7, tzinfo=UTC))
LAYERS = ("L1", "L2", "L3", "L4", "L5", "L6", "L7")


def rough(rng: random.Random, person_id: int) -> Candidate:
    """A contact as the queue sees them before completion (no misses, circle or channels)."""
    last = NOW - timedelta(days=rng.uniform(8, 900)) if rng.random() < 0.95 else None
    return Candidate(
        person_id=person_id,
        layer=rng.choices(LAYERS, weights=[1, 1, 2, 30, 30, 30, 6])[0],
        last_contact=last,
        has_history=last is not None,
        s_max=rng.uniform(0, 3),
        recency=rng.random(),
        warmth=rng.random(),
        tau=rng.choice([None, rng.uniform(3, 200)]),
        pinned=rng.random() < 0.05,
        hooks=frozenset(rng.sample(["birthday", "follow_up", "news"], rng.randint(0, 1))),
    )


def completion(seed: int) -> tuple[list[int], Complete]:
    """What `_completed` adds, drawn once per person (so a batch and everyone agree); "they
    wrote last" only within the replies' window, as `awaits_reply` allows it."""
    calls: list[int] = []

    def complete(some: list[Candidate]) -> list[Candidate]:
        calls.append(len(some))
        done = []
        for c in some:
            rng = random.Random(seed * 100_003 + c.person_id)
            count = rng.randint(0, 3)
            misses = tuple(NOW - timedelta(days=rng.uniform(1, 80)) for _ in range(count))
            channels = frozenset(rng.sample(["email", "message", "call", "in_person"], 2))
            done.append(
                replace(
                    c,
                    they_wrote_last=rng.random() < 0.2 and may_write(c),
                    misses=misses,
                    channels=channels,
                    last_channel=min(channels),
                    circle=f"circle:{rng.randint(0, 6)}",
                )
            )
        return done

    return calls, complete


def test_the_bounded_choice_picks_what_scoring_everyone_does_over_seeded_weeks() -> None:
    fewer = 0
    for seed in range(60):
        rng = random.Random(seed)
        pool = [rough(rng, pid) for pid in range(1, rng.randint(20, 400))]
        eligible_ = [c for c in pool if eligible(c, NOW, WEEK)]
        budget = rng.randint(1, 10)
        energy = rng.choice([None, None, rng.uniform(2, 20)])
        calls, complete = completion(seed)
        expected = plan(complete(eligible_), NOW, budget, energy, WEEK)
        calls.clear()
        chosen, done = plan_bounded(
            eligible_, complete, NOW, budget, energy, WEEK, first_few=rng.choice([1, 4, 32])
        )
        assert chosen == expected, seed
        assert len(done) == sum(calls)
        assert len({c.person_id for c in done}) == len(done)
        fewer += len(done) < len(eligible_)
    assert fewer > 30  # the bound left people out in most weeks


def test_the_bound_is_never_below_the_completed_priority() -> None:
    rng = random.Random(3)
    _, complete = completion(3)
    pool = [rough(rng, pid) for pid in range(1, 2_000)]
    for candidate, done in zip(pool, complete(pool), strict=True):
        assert assess(done, NOW, WEEK, explain=False).priority <= bound(candidate, NOW)


def may_write(candidate: Candidate) -> bool:
    """Whether their latest interaction may still await a reply (`awaits_reply`'s window)."""
    last = candidate.last_contact
    return last is not None and awaits_reply("in", "email", last, NOW)


def test_the_bound_equals_the_priority_of_one_who_wrote_last_without_misses() -> None:
    candidate = replace(rough(random.Random(8), 1), last_contact=NOW - timedelta(days=90.9))
    wrote = replace(candidate, they_wrote_last=True)
    assert assess(wrote, NOW, WEEK, explain=False).priority == bound(candidate, NOW)


def test_past_the_replies_window_the_bound_is_the_priority_of_one_who_did_not_write_last() -> None:
    candidate = replace(rough(random.Random(8), 1), last_contact=NOW - timedelta(days=91))
    assert not awaits_reply("in", "email", NOW - timedelta(days=91), NOW)
    assert assess(candidate, NOW, WEEK, explain=False).priority == bound(candidate, NOW)
    wrote = replace(candidate, they_wrote_last=True)
    assert assess(wrote, NOW, WEEK, explain=False).priority > bound(candidate, NOW)


def rows_of(rng: random.Random, ids: list[int]) -> list[StateRow]:
    return [
        (
            pid,
            rng.choice(LAYERS),
            rng.randint(0, 3),
            rng.randint(0, 3),
            rng.choice([None, "L4"]),
            rng.random(),
            rng.choice([None, bytes(rng.randrange(256) for _ in range(480))]),  # 60 float64
            rng.random(),
        )
        for pid in ids
    ]


def test_writing_the_changed_layer_rows_leaves_the_state_a_whole_rewrite_would(
    store: Store,
) -> None:
    rng = random.Random(4)
    with store.transaction():
        for n in range(1, 301):
            store.connection.execute(
                "INSERT INTO person (id, uid, display_name, name_key, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (n, f"u{n}", f"P{n}", f"p{n}", "2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z"),
            )
        store.layers.save("2026-11-23T00:00:00Z", [], rows_of(rng, list(range(1, 251))))
    stored = store.layers.state()
    new: list[StateRow] = []
    for row in stored[10:]:  # the first ten leave the state
        roll = rng.random()
        if roll < 0.5:
            new.append((*row[:7], row[7] * 0.5))  # S alone
        elif roll < 0.7:
            new.append((row[0], "L1", *row[2:]))  # the layer
        elif roll < 0.8:
            new.append((*row[:6], b"\x01" * 480, row[7]))  # the peaks
        else:
            new.append(row)
    new += rows_of(rng, list(range(251, 301)))  # newcomers
    with store.transaction():
        store.layers.save("2026-11-30T00:00:00Z", [1, 2], iter(new), stored)
    assert store.layers.state() == new
    assert store.layers.instant() == "2026-11-30T00:00:00Z"
    assert store.layers.months() == [1, 2]
