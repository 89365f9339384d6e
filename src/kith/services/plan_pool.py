"""The week's pool in one pass (issue 15): who may be picked this week, read in one query and
judged by relate.week_pool, so that a Candidate is built only for those the bounded choice
completes. The same people as services/plan.py's `_eligible` (the reference, which builds one
for everyone): the stored layers' pool, pins, own cadences, dormant ties, and the people with
a hook or a tag cadence, minus the muted and archived. No numpy."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from kith.clock import to_utc_text
from kith.relate.cadence import Override
from kith.relate.priority import PINNED_WARMTH_BELOW, Span
from kith.relate.strength import DORMANT_S_MAX
from kith.relate.week_pool import Moment, judged
from kith.store import Store


@dataclass(frozen=True)
class Eligible:
    """The week's eligible people as the bounded choice takes them."""

    strong: list[int]  # L1–L3 ties due this week, by id
    rest: list[tuple[float, float, int]]  # everyone else eligible: (bound, ρ, id), best first


def eligible_pool(
    store: Store,
    now: datetime,
    week: Span,
    hooked: Collection[int],
    tag_cadences: dict[str, Override],
    layer_days: dict[str, float],
    silent_since: datetime,
    taken: Collection[int] = (),
) -> Eligible:
    """Everyone eligible this week (`taken`: picks already done, left out), from the pool."""
    tagged = store.plan.tagged(list(tag_cadences))
    rows = store.plan.pool_rows(DORMANT_S_MAX, to_utc_text(silent_since), [*hooked, *tagged])
    if taken:
        rows = [row for row in rows if row[0] not in taken]

    def cool(warmth: float, as_of: str | None) -> bool:
        from kith.services.plan import warmth_at

        return warmth_at(warmth, as_of, now) < PINNED_WARMTH_BELOW

    moment = Moment(now, week, layer_days, hooked, _tag_cadences(store, tagged, tag_cadences), cool)
    found = judged(rows, moment)
    return Eligible(found.strong, found.rest)


def _tag_cadences(
    store: Store, tagged: list[int], tag_cadences: dict[str, Override]
) -> dict[int, tuple[float, float | None]]:
    """The shortest tag cadence (days, maximum) of each person holding one (cadence_for's
    `min`)."""
    found: dict[int, tuple[float, float | None]] = {}
    if not tagged:
        return found
    for pid, tags in store.plan.tags(sorted(set(tagged))).items():
        overrides = [tag_cadences[name] for name, _ in tags if name in tag_cadences]
        if overrides:
            shortest = min(overrides, key=lambda tag: tag.ideal_days)
            found[pid] = (shortest.ideal_days, shortest.max_days)
    return found
