"""Which of two contacts could help the other, as `kith intros` judges it: a need of one met
by an offer of the other (or answered by the other's need), and an interest both share.
Light (no numpy): `kith intro` says who could help whom with it, `kith intros` scores pairs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from kith.relate import intros, matching
from kith.relate.intros import Need, Pair
from kith.store import Store


@dataclass(frozen=True)
class Facets:
    needs: dict[int, list[str]]
    offers: dict[int, list[str]]
    interests: dict[int, list[str]]


def facets_of(rows: list[tuple[int, str, str]]) -> Facets:
    found: dict[str, dict[int, list[str]]] = {
        k: defaultdict(list) for k in ("need", "offer", "interest")
    }
    for person, kind, text in rows:
        found[kind][person].append(text)
    return Facets(dict(found["need"]), dict(found["offer"]), dict(found["interest"]))


def favour(store: Store, a_id: int, b_id: int) -> tuple[bool, bool]:
    """Whether A could help B and whether B could help A: an offer (or a need) of one meets a
    need of the other."""
    with store.reading():
        rows = store.introductions.facets_of([a_id, b_id])
    pair = pair_of(a_id, b_id, facets_of(rows))
    return pair.v_gets is not None, pair.u_gets is not None


@cache
def meets_score(need: str, offer: str) -> float:
    return matching.meets(need, offer)


@cache
def answers_score(need: str, other: str) -> float:
    return matching.answers(need, other)


@cache
def shared_score(one: str, other: str) -> float:
    return matching.shared_interest(one, other)


def pair_of(u: int, v: int, facets: Facets) -> Pair:
    interest = best_of(
        (x, y, shared_score(x.casefold(), y.casefold()))
        for x in facets.interests.get(u, [])
        for y in facets.interests.get(v, [])
    )
    return Pair(
        u,
        v,
        gets(facets.needs.get(u, []), facets.offers.get(v, []), facets.needs.get(v, [])),
        gets(facets.needs.get(v, []), facets.offers.get(u, []), facets.needs.get(u, [])),
        interest[0] if interest and interest[2] >= intros.INTEREST_MATCH else None,
        interest[2] if interest and interest[2] >= intros.INTEREST_MATCH else 0.0,
    )


def gets(needs: list[str], offers: list[str], other_needs: list[str]) -> Need | None:
    """The best of these needs met by the other's offers, or answered by the other's needs."""
    met = best_of((n, o, meets_score(n.casefold(), o.casefold())) for n in needs for o in offers)
    answered = best_of(
        (n, m, answers_score(n.casefold(), m.casefold())) for n in needs for m in other_needs
    )
    if answered and (met is None or answered[2] > met[2]):
        return Need(answered[0], answered[1], answered[2], answering=True)
    return Need(*met) if met else None


def best_of(items: Iterable[tuple[str, str, float]]) -> tuple[str, str, float] | None:
    """The best-scoring (left, right, score) that is a match, or None."""
    best = None
    for left, right, value in items:
        if value >= matching.MATCH and (best is None or value > best[2]):
            best = (left, right, value)
    return best
