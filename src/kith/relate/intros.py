"""Which two contacts to introduce, pure (science.md §6): both should gain (needs met by
offers both ways, or needs that answer each other), they should not already know each other,
and the user should be close enough to both to ask.

    C  = 2·m_uv·m_vu / (m_uv + m_vu)      both ways; one way only: 0.5·max, "a favour"
    A  = min(1, RA_uv / RA_p95)           resource allocation over shared contacts
    N  = 1 − Jaccard(N(u), N(v)) + 0.2·[no shared circle]   (cap 1)
    T  = sqrt(A · N)
    Wi = sqrt(min(S_u, S_v))
    score = C · (0.5 + 0.5·T) · Wi        (fresh: pairs asked or introduced in 12 months are
                                           never candidates)

A pair with no need met either way is "structural": two people who share an interest and
contacts, scored STRUCTURAL · I · (0.5 + 0.5·T) · Wi, at most one a week.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from dataclasses import dataclass

# [H] The user must be this close to both (S, science.md §2) to ask either of them a favour.
WARM_ENOUGH = 0.3
# [H] A structural pair (an interest and contacts in common, no need met) weighs this much of
# a need met both ways; shared interests below this do not count.
STRUCTURAL = 0.3
INTEREST_MATCH = 0.6
DIFFERENT_CIRCLES = 0.2  # science.md §6
FAVOUR = 0.5  # one way only: half the better side (science.md §6)
# science.md §6: at most 3 a week, at most one on structure alone.
PER_WEEK = 3
STRUCTURAL_PER_WEEK = 1


@dataclass(frozen=True)
class Need:
    """One side's need met by the other: the need and what meets it (an offer, or a need that
    answers it), with how well, in [0, 1]."""

    need: str
    met_by: str
    score: float
    answering: bool = False  # met by the other's need (hiring ↔ looking), not an offer


@dataclass(frozen=True)
class Pair:
    """Two contacts (u < v) and what each could give the other."""

    u: int
    v: int
    u_gets: Need | None  # u's need that v meets
    v_gets: Need | None
    interest: str | None = None  # an interest both share
    interest_score: float = 0.0

    @property
    def kind(self) -> str:
        """mutual (both gain), favour (one does), or structural (neither need is met)."""
        if self.u_gets and self.v_gets:
            return "mutual"
        return "favour" if self.u_gets or self.v_gets else "structural"


@dataclass(frozen=True)
class Scored:
    """A pair with its score and the parts of it (C, A, N, T, Wi) and the contacts in common."""

    pair: Pair
    score: float
    c: float
    a: float
    n: float
    t: float
    wi: float
    shared: int  # contacts in common


def complementarity(pair: Pair) -> float:
    """C: the harmonic mean of what each gets, or half the one side when only one gains."""
    m_uv = pair.u_gets.score if pair.u_gets else 0.0
    m_vu = pair.v_gets.score if pair.v_gets else 0.0
    if m_uv > 0 and m_vu > 0:
        return 2 * m_uv * m_vu / (m_uv + m_vu)
    return FAVOUR * max(m_uv, m_vu)


def upper_bound(pair: Pair, s_u: float, s_v: float) -> float:
    """The most the pair can score, before its contacts are read (T at most 1)."""
    base = complementarity(pair) or STRUCTURAL * pair.interest_score
    return base * math.sqrt(min(s_u, s_v))


def score(
    pair: Pair,
    s_u: float,
    s_v: float,
    mine: Collection[int],
    theirs: Collection[int],
    degree: Callable[[int], int],
    ra_p95: float,
    same_circle: bool,
) -> Scored:
    """The pair's score from its parts: `mine`, `theirs` are u's and v's contacts (without
    each other), `degree` gives a contact's number of contacts."""
    shared = len(set(mine) & set(theirs))
    union = len(set(mine) | set(theirs))
    ra = resource_allocation(mine, theirs, degree)
    return score_from(pair, s_u, s_v, (shared, union, ra), ra_p95, same_circle)


def score_from(
    pair: Pair,
    s_u: float,
    s_v: float,
    overlap: tuple[int, int, float],
    ra_p95: float,
    same_circle: bool,
) -> Scored:
    """The pair's score from its parts, its contacts already counted: `overlap` is (shared,
    union, RA) of u's and v's contacts."""
    shared, union, ra = overlap
    a = min(1.0, ra / ra_p95) if ra_p95 > 0 else 0.0
    n = min(1.0, 1.0 - (shared / union if union else 0.0) + _circles(same_circle))
    t = math.sqrt(a * n)
    wi = math.sqrt(min(s_u, s_v))
    c = complementarity(pair)
    base = c if c > 0 else STRUCTURAL * pair.interest_score
    return Scored(pair, base * (0.5 + 0.5 * t) * wi, c, a, n, t, wi, shared)


def _circles(same_circle: bool) -> float:
    return 0.0 if same_circle else DIFFERENT_CIRCLES


def resource_allocation(
    mine: Collection[int], theirs: Collection[int], degree: Callable[[int], int]
) -> float:
    """RA: Σ over shared contacts z of 1 / degree(z) (Zhou, Lü & Zhang 2009), added one after
    the other in ascending id (a defined order: the same sets give the same float)."""
    return sum(1.0 / d for z in sorted(set(mine) & set(theirs)) if (d := degree(z)))


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of `values` by the nearest rank; 0 when there are none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def chosen(scored: list[Scored], limit: int, structural: int) -> list[Scored]:
    """The best `limit`, no person twice, at most `structural` on structure alone; best first
    (ties: lower ids)."""
    picked: list[Scored] = []
    seen: set[int] = set()
    for item in sorted(scored, key=lambda s: (-s.score, s.pair.u, s.pair.v)):
        if len(picked) == limit:
            break
        if item.pair.u in seen or item.pair.v in seen:
            continue
        if item.pair.kind == "structural":
            if structural == 0:
                continue
            structural -= 1
        picked.append(item)
        seen |= {item.pair.u, item.pair.v}
    return picked
