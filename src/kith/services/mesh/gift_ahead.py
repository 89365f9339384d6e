"""The week's gift chosen ahead of its week (issue 15). At the end of an import that prepared
the next Monday's step (services/ties/layers.prepare), next week's gift is chosen with that step's S
(layer_prepared) and kept with what it was chosen from: that S (table gift_strength, migration
0037), the inputs' stamp, the introductions a suggestion leaves out and the room left in the
week, and the two people's names its reason was written with. The week's first `plan` takes it
when all of these are as they stand then — the layers at that Monday, not stale, with exactly
that S (compared in SQL: store/week/gift.same_warm) — which is the gift gift_choice would choose;
otherwise it chooses as before. Taking it loads no numpy and reads no S into Python."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from kith.clock import from_utc_text, to_utc_text
from kith.relate.intros import PER_WEEK, WARM_ENOUGH
from kith.relate.layers import mondays_between
from kith.services.week.weeks import week_key, week_start
from kith.store import Store
from kith.store.week import gift

AHEAD_FACT = "plan.gift_ahead"  # next week's gift and what it was chosen from
FRESH_DAYS = 365  # services/mesh/intros.FRESH_DAYS (tests/test_gift_week_ahead.py holds it)


def terms(store: Store, now: datetime, zone: tzinfo) -> tuple[set[tuple[int, int]], int]:
    """The pairs a suggestion at `now` leaves out (introduced or asked within FRESH_DAYS, or
    still open, or who met with you: store.mesh.met_pairs) and the room left in now's week
    (PER_WEEK less those begun in it)."""
    local = now.astimezone(zone)
    taken = store.introductions.touched_since(to_utc_text(now - timedelta(days=FRESH_DAYS)))
    taken |= store.mesh.met_pairs(local.date().isoformat())
    begun = store.introductions.started_since(to_utc_text(week_start(local.date(), local)))
    return taken, max(0, PER_WEEK - begun)


def keep(store: Store, now: datetime) -> None:
    """Choose the gift of the week after the layers' instant with the S of the step prepared
    for its Monday, and keep it (inside the caller's write, after layers.prepare kept the step
    and gift_inputs.keep the inputs)."""
    from kith.services.mesh import gift_choice  # numpy: at the end of an import

    zone = now.tzinfo or UTC
    stored = store.layers.instant()
    if store.read_only or stored is None:
        return
    start = from_utc_text(stored)
    monday = mondays_between(start, start + timedelta(days=8), zone)[0]
    warm = gift.prepared_warm(store.connection, WARM_ENOUGH)
    taken, room = terms(store, monday, zone)
    arrays = gift_choice.arrays(dict(warm))
    found = gift_choice.first_gift(
        store, gift_choice.best_with(store, arrays, taken, room, first=True)
    )
    kept: dict[str, Any] = {
        "week": week_key(monday.astimezone(zone).date()),
        "instant": to_utc_text(monday),
        "zone": str(zone),
        "inputs": gift.stamp(store.connection),
        "taken": sorted(taken),
        "room": room,
    }
    if found:
        kept |= {"a": found.a.id, "b": found.b.id, "reason": found.reason}
        kept["names"] = [found.a.name, found.b.name]
    gift.keep_warm(store.connection, warm)
    store.meta.set_fact(AHEAD_FACT, json.dumps(kept))


def kept(store: Store, now: datetime, zone: tzinfo, week: str) -> dict[str, Any] | None:
    """`week`'s gift as gift.GIFT_FACT keeps it, when one chosen ahead is what choosing it at
    `now` would give (inside the caller's read); None otherwise."""
    found = json.loads(store.meta.fact(AHEAD_FACT) or "{}")
    instant = to_utc_text(mondays_between(now - timedelta(days=8), now, zone)[-1])
    if (
        found.get("week") != week
        or found["instant"] != instant
        or found["zone"] != str(zone)
        or store.layers.instant() != instant
        or store.layers.stale()
        or found["inputs"] != gift.stamp(store.connection)
    ):
        return None
    taken, room = terms(store, now, zone)
    if sorted(taken) != [tuple(pair) for pair in found["taken"]] or room != found["room"]:
        return None
    if not gift.same_warm(store.connection, WARM_ENOUGH):
        return None
    if "a" not in found:
        return {"week": week}
    heads = store.people.heads([found["a"], found["b"]])
    if [head.name for head in heads] != found["names"]:  # its reason names them
        return None
    return {"week": week, "a": found["a"], "b": found["b"], "reason": found["reason"]}
