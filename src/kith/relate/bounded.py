"""The week's choice without completing everyone (issue 15): what only scoring needs — who
wrote last, the misses, the channels, the circle — is read for the candidates whose priority
could reach the picks, and the picks are those of `selection.plan` over every candidate.

Completing a candidate can only lower its priority below a bound known before: V and U do not
depend on what completion reads, Ease is at most its value with "they wrote last" added, and F
is at most 1. The candidates are completed in order of that bound, and more of them while one
left out could still come before the last pick the greedy selection took."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import overload

from kith.relate.priority import (
    HOOK_BONUS,
    THEY_WROTE_LAST_BONUS,
    UNANSWERED_DAYS,
    Assessment,
    Candidate,
    Span,
    falls_due,
    rho,
    urgency,
    value,
)
from kith.relate.selection import DUE_RHO, STRONG_LAYERS, plan

# candidates completed at first; doubled while the bound says it may matter (profile L's cold
# week settles within its first 8: completing 128 at once cost ~20 ms of a ~90 ms choice)
FIRST_FEW = 16

Complete = Callable[[list[Candidate]], list[Candidate]]


def bound(candidate: Candidate, now: datetime) -> float:
    """The highest priority `candidate` can have once completed: V · U · Ease as if they wrote
    last, where they may still have (in touch within UNANSWERED_DAYS: `awaits_reply`), else
    as they did not (`ease` and `assess` compute it in the same order, so F = 1 gives the
    same float)."""
    last = candidate.last_contact
    return wrote_last_bound(
        rho(candidate, now),
        candidate.layer,
        candidate.dormant(),
        candidate.pinned,
        bool(candidate.hooks),
        candidate.reply_owed,
        last is not None and (now - last).days <= UNANSWERED_DAYS,
    )


def wrote_last_bound(
    ratio: float,
    layer: str,
    dormant: bool,
    pinned: bool,
    hooks: bool,
    owed: bool = False,
    may_write: bool = True,
) -> float:
    """`bound` from what it depends on (week_pool has them as arrays); `may_write`: whether
    they may have written last (else Ease is without that bonus, as `ease` gives it)."""
    u = urgency(ratio, dormant, owed)
    v = value(layer, dormant, pinned)
    return v * u * (1.0 + THEY_WROTE_LAST_BONUS * may_write + HOOK_BONUS * hooks)


def plan_bounded(
    eligible: Sequence[Candidate],
    complete: Complete,
    now: datetime,
    budget: int,
    energy_budget: float | None,
    week: Span | None,
    first_few: int = FIRST_FEW,
) -> tuple[tuple[Assessment, ...], list[Candidate]]:
    """`selection.plan` over `eligible` (every one eligible this week, not yet completed),
    completing only as many as can matter; returns the picks and the candidates completed."""
    strong = [
        c.person_id
        for c in eligible
        if c.layer in STRONG_LAYERS and (falls_due(c, week) or rho(c, now) >= DUE_RHO)
    ]
    taken = set(strong)
    rest = in_completion_order(
        [(bound(c, now), rho(c, now), c.person_id) for c in eligible if c.person_id not in taken]
    )
    by_id = {c.person_id: c for c in eligible}
    terms = Terms(now, budget, energy_budget, week)
    return choose(strong, rest, lambda ids: complete([by_id[i] for i in ids]), terms, first_few)


@dataclass(frozen=True)
class Terms:
    """What the week's choice is made under: its instant, the budget and the week."""

    now: datetime
    budget: int
    energy_budget: float | None
    week: Span | None


def in_completion_order(
    items: list[tuple[float, float, int]],
) -> list[tuple[float, float, int]]:
    """(bound, ρ, id) sorted as they are completed: highest bound first, then larger ρ, then
    id."""
    return sorted(items, key=lambda item: (-item[0], -item[1], item[2]))


def choose(
    strong: Sequence[int],
    rest: Sequence[tuple[float, float, int]],
    complete: Callable[[list[int]], list[Candidate]],
    terms: Terms,
    first_few: int = FIRST_FEW,
) -> tuple[tuple[Assessment, ...], list[Candidate]]:
    """`plan_bounded` from ids: the L1–L3 ties due this week (`strong`), and everyone else
    eligible as (bound, ρ, id) `in_completion_order` (a list, or a `Completion` that makes its
    later entries only when they are reached); `complete` turns ids into completed
    candidates."""
    strong_ids = set(strong)
    done = complete(list(strong))
    taken = 0
    size = max(1, first_few)
    while True:
        batch = rest[taken:size]
        done += complete([pid for _, _, pid in batch])
        taken += len(batch)
        chosen = plan(done, terms.now, terms.budget, terms.energy_budget, terms.week)
        following = rest[taken : taken + 1]  # none: everyone is completed
        if not following or _settled(chosen, strong_ids, terms.budget, following[0][0]):
            return chosen, done
        size *= 2


Entry = tuple[float, float, int]  # (bound, ρ, id)


class Completion(Sequence[Entry]):
    """Entries (bound, ρ, id) `in_completion_order`, some made only when reached: those
    `known`, and each later part's, made by its `make()`, each of a bound at most its `upper`.
    The known ones of a bound above every later part's `upper` come before all of theirs, so an
    index or a slice within them is answered without making any; reaching past them (or asking
    the length) makes the later part of the highest `upper` and sorts everything again as
    `in_completion_order` would have at once, until the answer is sure."""

    def __init__(
        self, known: list[Entry], later: list[tuple[float, Callable[[], list[Entry]]]]
    ) -> None:
        self._items = in_completion_order(known)
        self._later = sorted(later, key=lambda part: part[0])  # the highest upper last
        self._sure = self._count_sure()

    @property
    def made(self) -> bool:
        """Whether every later part was made."""
        return not self._later

    @property
    def left(self) -> int:
        """How many later parts are not made yet."""
        return len(self._later)

    def _count_sure(self) -> int:
        """How many of the items come before every entry not yet made."""
        if not self._later:
            return len(self._items)
        upper, found = self._later[-1][0], 0
        while found < len(self._items) and self._items[found][0] > upper:
            found += 1
        return found

    def _reach(self, stop: int | None) -> list[Entry]:
        while self._later and (stop is None or stop < 0 or stop > self._sure):
            _, make = self._later.pop()
            self._items = in_completion_order(self._items + make())
            self._sure = self._count_sure()
        return self._items

    @overload
    def __getitem__(self, index: int) -> Entry: ...

    @overload
    def __getitem__(self, index: slice) -> list[Entry]: ...

    def __getitem__(self, index: int | slice) -> Entry | list[Entry]:
        if isinstance(index, slice):
            whole = index.step or (index.start or 0) < 0
            return self._reach(None if whole else index.stop)[index]
        return self._reach(index + 1 if index >= 0 else None)[index]

    def __len__(self) -> int:
        return len(self._reach(None))


def _settled(
    chosen: tuple[Assessment, ...], strong: set[int], budget: int, next_bound: float
) -> bool:
    """Whether no candidate left out, whose priority is at most `next_bound`, could have
    changed the picks: the budget is full, and the last pick the priority order took (the
    greedy stops there) is of a higher priority than any left out can have."""
    if len(chosen) < budget:
        return False
    by_priority = [pick for pick in chosen if pick.person_id not in strong]
    return not by_priority or by_priority[-1].priority > next_bound
