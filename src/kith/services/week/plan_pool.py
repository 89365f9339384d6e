"""The week's pool in one pass (issue 15): who may be picked this week, read in one query and
judged by relate.week_pool, so that a Candidate is built only for those the bounded choice
completes. The same people as services/week/plan.py's `_eligible` (the reference, which builds one
for everyone): the stored layers' pool, pins, own cadences, dormant ties, and the people with
a hook or a tag cadence, minus the muted and archived. No numpy.

The pool's rows were once read ahead with the next Monday's step and kept (migration 0041), but
those were the whole pool, ~10,000 rows unmarshalled and filtered (~22 ms of CPU in profile L's
prepared first command), where the near rows the choice judges are ~850 read by SQL (~5 ms):
session 19 stopped reading them, and migration 0055 dropped them.

The pool comes in parts (`pool_rows_apart`): the dormant ties outside the layers
(no cadence, pin or hook: ~7,000 of profile L's ~10,000 rows, all of one bound, below where the
choice is settled) and the L6 ties neither pinned, hooked nor cadenced (~2,500, each bound at
most week_pool.WEAK_UPPER) are read and judged only if the choice reaches them."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from kith.clock import to_utc_text
from kith.relate.bounded import Entry
from kith.relate.cadence import Override
from kith.relate.priority import PINNED_WARMTH_BELOW, UNANSWERED_DAYS, Span
from kith.relate.strength import DORMANT_S_MAX
from kith.relate.week_pool import Moment, judged_apart
from kith.store import Store


@dataclass(frozen=True)
class Eligible:
    """The week's eligible people as the bounded choice takes them."""

    strong: list[int]  # L1–L3 ties due this week, by id
    rest: Sequence[Entry]  # everyone else eligible: (bound, ρ, id), best first (made as reached)
    owed: Collection[int] = ()  # of those made, whom a reply owed makes eligible (grows with rest:
    # the near rows' asked only where the choice reaches them, relate.week_pool._unsure_parts)


def eligible_pool(
    store: Store,
    now: datetime,
    week: Span,
    hooked: Collection[int],
    tag_cadences: dict[str, Override],
    layer_days: dict[str, float],
    silent_since: datetime,
    taken: Collection[int] = (),
    replies_of: Callable[[Sequence[int] | None], Collection[int]] | None = None,
) -> Eligible:
    """Everyone eligible this week (`taken`: picks already done, left out), from the pool; the
    dormant ties outside the layers read and judged only if the choice reaches them.
    `replies_of(ids)`: those of `ids` (None: of everyone) a reply owed makes eligible
    (services/week/replies.py); asked of the near rows that may owe one where the choice reaches
    them, and of everyone only when it reaches the bound of a reply outside the layers."""
    tagged = store.plan.tagged(list(tag_cadences))
    near, weak, far = pool_rows_apart(store, to_utc_text(silent_since), [*hooked, *tagged])

    def cool(warmth: float, as_of: str | None) -> bool:
        from kith.services.week.plan import warmth_at

        return warmth_at(warmth, as_of, now) < PINNED_WARMTH_BELOW

    def untaken(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        return [row for row in rows if row[0] not in taken] if taken else rows

    near = untaken(near)
    near_ids = {row[0] for row in near}
    found_owed: set[int] = set()  # of those asked
    others = asked = None
    if replies_of is not None:
        replies = replies_of

        def asked(ids: list[int]) -> Collection[int]:
            owed = set(replies(ids))
            found_owed.update(owed)
            return owed

        def others() -> tuple[Rows, Collection[int]]:
            ids = [pid for pid in replies(None) if pid not in near_ids and pid not in taken]
            found_owed.update(ids)
            rows = store.plan.rows_of(ids) if ids else []
            return [row for row in rows if row[1] != "L6"], set(ids)  # L6's: the weak rows'

    def weak_owed() -> tuple[Rows, Collection[int]]:
        rows = untaken(weak())
        maybe = _may_owe(rows, now, week)
        return rows, (asked(maybe) if asked is not None and maybe else set())

    tag_days = _tag_cadences(store, tagged, tag_cadences)
    unsure = _may_owe(near, now, week) if replies_of is not None else []
    moment = Moment(now, week, layer_days, hooked, tag_days, cool, (), unsure, asked)
    found = judged_apart(near, lambda: untaken(far()), moment, others, weak_owed)
    return Eligible(found.strong, found.rest, found_owed)


def _may_owe(rows: Rows, now: datetime, week: Span) -> list[int]:
    """Those of `rows` a reply owed could make eligible: last in touch before the week began
    (else touched this week) and within the replies' window, two-way or pinned (one-way ties are
    never eligible) — on profile L about half the near rows, each a lookup fewer."""
    since = (now - timedelta(days=UNANSWERED_DAYS + 1)).timestamp()
    start = week.start.timestamp()
    return [
        row[0]
        for row in rows
        if row[3] is not None
        and since < row[3] < start
        and ((row[10] > 0 and row[11] > 0) or row[4] == 1)
    ]


def _tag_cadences(
    store: Store, tagged: list[int], tag_cadences: dict[str, Override]
) -> dict[int, tuple[float, float | None]]:
    """The shortest tag cadence (days, maximum) of each person holding one (cadence_for's
    `min`)."""
    found: dict[int, tuple[float, float | None]] = {}
    if not tagged:
        return found
    for pid, names in store.plan.tag_names(sorted(set(tagged))).items():
        overrides = [tag_cadences[name] for name in names if name in tag_cadences]
        if overrides:
            shortest = min(overrides, key=lambda tag: tag.ideal_days)
            found[pid] = (shortest.ideal_days, shortest.max_days)
    return found


# L6's ties are near only when pinned, cadenced or among the extra
NEAR_LAYERS = ("L1", "L2", "L3", "L4", "L5")


Rows = list[tuple[Any, ...]]


def pool_rows_apart(
    store: Store, silent_since: str, extra: Sequence[int]
) -> tuple[Rows, Callable[[], Rows], Callable[[], Rows]]:
    """store.plan.pool_rows's rows (`extra`: the hooks' and tag cadences' people) in three parts
    (relate.week_pool.judged_apart's near, weak and far), the weak and far ones read when
    asked: those in L1–L5, pinned, with a cadence of their own, or among `extra`; the other L6
    ties; and the other dormant ties. By SQL (the near and weak ones found by index, the far
    ones by the silence)."""
    wanted = set(extra)

    def part(row: tuple[Any, ...]) -> int:  # 0 near, 1 weak, 2 far: as store.plan reads them
        if row[1] in NEAR_LAYERS or row[4] == 1 or row[6] is not None or row[0] in wanted:
            return 0
        return 1 if row[1] == "L6" else 2

    def dormant() -> Rows:
        rows = store.plan.dormant_rows(DORMANT_S_MAX, silent_since)
        return [row for row in rows if part(row) == 2]

    return store.plan.near_rows(extra), lambda: store.plan.weak_rows(extra), dormant
