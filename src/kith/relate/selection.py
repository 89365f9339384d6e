"""The weekly plan: close ties due this week first, then greedy picks within the budget and the
circle cap (§5, as changed in docs/science.md)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime

from kith.relate.priority import Assessment, Candidate, Span, assess, eligible, reason

# Picks per week [H]: default 5, the user may choose 1–10.
DEFAULT_BUDGET = 5
BUDGET_RANGE = (1, 10)
# At most ⌈B × this⌉ picks from one circle [H].
CIRCLE_SHARE = 0.5
# Layers whose members due this week come before any other pick (issue 9; docs/science.md).
STRONG_LAYERS = frozenset({"L1", "L2", "L3"})
DUE_RHO = 1.0


def plan(
    candidates: Iterable[Candidate],
    now: datetime,
    budget: int = DEFAULT_BUDGET,
    energy_budget: float | None = None,
    week: Span | None = None,
) -> tuple[Assessment, ...]:
    """This week's picks from every contact: the eligible ones scored, then selected, and the
    reason written for the picks alone."""
    by_id = {}
    scored = []
    for candidate in candidates:
        if eligible(candidate, now, week):
            by_id[candidate.person_id] = candidate
            scored.append(assess(candidate, now, week, explain=False))
    return tuple(
        replace(pick, reason=reason(by_id[pick.person_id], now, week))
        for pick in select(scored, budget, energy_budget)
    )


def select(
    options: Sequence[Assessment],
    budget: int = DEFAULT_BUDGET,
    energy_budget: float | None = None,
) -> tuple[Assessment, ...]:
    """L1–L3 ties due this week first (overdue, or falling due before Sunday ends), the most
    overdue (largest ρ) first, so that no lower layer ever takes the place of a close tie that
    is due and a shortfall rotates among them; then greedy by priority (ties: larger ρ, then
    id), at most ⌈B/2⌉ per circle, within the energy budget. Fewer than B when fewer fit."""
    low, high = BUDGET_RANGE
    if not low <= budget <= high:
        raise ValueError(f"budget {budget} is outside {low}–{high}")
    overdue = sorted(
        (o for o in options if o.layer in STRONG_LAYERS and (o.due_this_week or o.rho >= DUE_RHO)),
        key=lambda o: (-o.rho, -o.priority, o.person_id),
    )
    first = _greedy(overdue, budget, energy_budget, seed=(), capped=False)
    return _greedy(sorted(options, key=_order), budget, energy_budget, seed=first)


def _order(option: Assessment) -> tuple[float, float, int]:
    return (-option.priority, -option.rho, option.person_id)


def _greedy(
    ordered: Sequence[Assessment],
    budget: int,
    energy_budget: float | None,
    seed: tuple[Assessment, ...],
    capped: bool = True,
) -> tuple[Assessment, ...]:
    picks = list(seed)
    circle_cap = math.ceil(budget * CIRCLE_SHARE) if capped else budget
    for option in ordered:
        if len(picks) >= budget:
            break
        chosen = option.person_id in {pick.person_id for pick in picks}
        if chosen or not _fits_energy(option, picks, energy_budget):
            continue
        if option.circle is not None and _circle_count(picks, option.circle) >= circle_cap:
            continue
        picks.append(option)
    return tuple(picks)


def _fits_energy(
    option: Assessment, picks: Sequence[Assessment], energy_budget: float | None
) -> bool:
    if energy_budget is None:
        return True
    return sum(pick.energy for pick in picks) + option.energy <= energy_budget


def _circle_count(picks: Sequence[Assessment], circle: str) -> int:
    return Counter(pick.circle for pick in picks)[circle]
