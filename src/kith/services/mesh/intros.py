"""Suggesting introductions (`kith intros`): pairs of warm contacts who would both gain, who
do not know each other yet and were not asked or introduced in the last 12 months; at most
three a week (fewer once introductions were begun this week), one on structure alone.

Candidates come from the phrases people wrote (relate.matching, at the level of distinct
phrases, then the warmest holders of each), are ordered by the most they could score, and are
scored exactly (relate.intros) only until no better one can follow. Who knows whom here is the
mesh's evidence (links, relationships, referrals, introductions made) plus colleagues now at an
organisation of at most 500 contacts; past jobs are left out of this one (reading every pair of
past colleagues takes 18 s on profile L).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from kith.clock import to_utc_text
from kith.model import PersonHead
from kith.relate import intros, matching
from kith.relate.intros import Need, Pair, Scored
from kith.relate.mesh_known import Known
from kith.services.mesh import network as known
from kith.services.mesh.pairing import (
    Facets,
    answers_score,
    facets_of,
    meets_score,
    pair_of,
    shared_score,
)
from kith.services.ties.layer_replay import current_strengths, latest_monday
from kith.store import Store
from kith.store.week.week_strength import stored_at_least

FRESH_DAYS = 365  # science.md §6: not asked or introduced in 12 months
# [H] The warmest holders of each matching phrase that are paired (of an interest: fewer, as
# at most one structural pair is shown a week).
HOLDERS = {"need": 24, "offer": 24, "interest": 8}
EDGE_SAMPLE = 300  # [H] existing ties whose RA sets the "probably know each other" line
KEEP_LOOKING = 12  # exact scores kept before the bound may stop the search


@dataclass(frozen=True)
class Suggestion:
    """Two people to introduce, A to be asked first, and why in one sentence."""

    a: PersonHead
    b: PersonHead
    kind: str  # mutual, favour, structural
    reason: str
    scored: Scored


@dataclass(frozen=True)
class Suggestions:
    found: list[Suggestion]
    begun: int  # introductions begun this week
    room: int  # how many may still be suggested this week


def suggest(store: Store, now: datetime, zone: tzinfo, week_s: bool = False) -> Suggestions:
    """This week's introductions to consider, best first; `week_s`: by S as the weekly step
    stored it when current (the week's gift), rather than S at `now`."""
    with store.reading():
        if week_s:
            warm = warm_strengths(store, now, zone)
        else:
            strength = current_strengths(store, now, zone)
            warm = {p: s for p, s in strength.items() if s >= intros.WARM_ENOUGH}
        facets = facets_of(store.introductions.facets())
        network = known.read(store)
        taken = store.introductions.touched_since(to_utc_text(now - timedelta(days=FRESH_DAYS)))
        taken |= store.mesh.met_pairs(now.astimezone(zone).date().isoformat())  # they met
        begun = store.introductions.started_since(to_utc_text(week_start(now, zone)))
        circle_of = store.circles.of_people(list(warm))
    room = max(0, intros.PER_WEEK - begun)
    candidates = [p for p in _candidates(facets, warm) if (p.u, p.v) not in taken]
    best = _best(candidates, warm, Circled(network, circle_of), room)
    with store.reading():
        heads = {
            h.id: h for h in store.people.heads([p for s in best for p in (s.pair.u, s.pair.v)])
        }
    return Suggestions([suggestion(s, heads) for s in best], begun, room)


def needs_or_offers_recorded(store: Store) -> bool:
    """Whether any contact has a need or an offer (`kith need`, `kith offer`): what an empty
    suggestion list asks the user to record, unless they already have."""
    with store.reading():
        return any(kind in ("need", "offer") for _, kind, _ in store.introductions.facets())


def warm_strengths(store: Store, now: datetime, zone: tzinfo) -> dict[int, float]:
    """S of everyone close enough to ask a favour of: as the weekly step stored it when the
    layers stand at this week's instant (the first `plan` of a week has just stored it), else
    worked out at `now` from the tie rows."""
    instant = to_utc_text(latest_monday(now, zone))
    stored = stored_at_least(store.connection, instant, intros.WARM_ENOUGH)
    if stored is not None:
        return stored
    strength = current_strengths(store, now, zone)
    return {p: s for p, s in strength.items() if s >= intros.WARM_ENOUGH}


def week_start(now: datetime, zone: tzinfo) -> datetime:
    """Monday 00:00 of now's week in the user's zone: suggestions are counted by the week."""
    monday = now.astimezone(zone).date() - timedelta(days=now.astimezone(zone).weekday())
    return datetime(monday.year, monday.month, monday.day, tzinfo=zone)


def _candidates(facets: Facets, warm: dict[int, float]) -> list[Pair]:
    """Pairs of warm contacts where a need meets an offer or another need, or who share an
    interest: the warmest HOLDERS of each matching phrase on each side."""
    holders = {
        kind: _holders(of, warm, HOLDERS[kind])
        for kind, of in (
            ("need", facets.needs),
            ("offer", facets.offers),
            ("interest", facets.interests),
        )
    }
    pairs: set[tuple[int, int]] = set()
    for left, right, kind in _phrase_matches(holders):
        for u in holders[kind[0]][left]:
            for v in holders[kind[1]][right]:
                if u != v:
                    pairs.add((min(u, v), max(u, v)))
    return [pair_of(u, v, facets) for u, v in sorted(pairs)]


def _holders(of: dict[int, list[str]], warm: dict[int, float], most: int) -> dict[str, list[int]]:
    """Each distinct phrase (folded) → its warm holders, warmest first, at most `most`."""
    found: dict[str, list[int]] = defaultdict(list)
    for person, texts in of.items():
        if person in warm:
            for text in texts:
                found[text.casefold()].append(person)
    return {
        text: sorted(people, key=lambda p: (-warm[p], p))[:most] for text, people in found.items()
    }


def _phrase_matches(
    holders: dict[str, dict[str, list[int]]],
) -> list[tuple[str, str, tuple[str, str]]]:
    """Distinct phrase pairs that match: need–offer, need–need (answering), interest–interest."""
    found = []
    for need in holders["need"]:
        found += [
            (need, o, ("need", "offer"))
            for o in holders["offer"]
            if meets_score(need, o) >= matching.MATCH
        ]
        found += [
            (need, n, ("need", "need"))
            for n in holders["need"]
            if answers_score(need, n) >= matching.MATCH
        ]
    interests = sorted(holders["interest"])
    for i, one in enumerate(interests):
        found += [
            (one, other, ("interest", "interest"))
            for other in interests[i:]
            if shared_score(one, other) >= intros.INTEREST_MATCH
        ]
    return found


@dataclass(frozen=True)
class Circled:
    """The network, and the stored circles (`kith circles`) where there are any: two people in
    different circles are what an introduction bridges; without circles, an organisation now
    stands in for one."""

    network: Known
    circle_of: dict[int, int]

    def same_circle(self, a: int, b: int) -> bool:
        if a in self.circle_of and b in self.circle_of:
            return self.circle_of[a] == self.circle_of[b]
        return self.network.same_org(a, b)


def _best(pairs: list[Pair], warm: dict[int, float], circled: Circled, room: int) -> list[Scored]:
    """The best pairs by exact score, evaluated in order of their bound until no pair left
    could enter the best KEEP_LOOKING; pairs that know each other, or probably do, are out."""
    network = circled.network
    if room == 0 or not pairs:
        return []
    line = known.ra_line(network, EDGE_SAMPLE, mesh_quantile=0.95)
    ordered = sorted(pairs, key=lambda p: -intros.upper_bound(p, warm[p.u], warm[p.v]))
    scored: list[Scored] = []
    for pair in ordered:
        bound = intros.upper_bound(pair, warm[pair.u], warm[pair.v])
        if len(scored) >= KEEP_LOOKING and bound < scored[KEEP_LOOKING - 1].score:
            break
        if bound <= 0 or network.knows(pair.u, pair.v):
            continue
        overlap = network.overlap(pair.u, pair.v)
        if line > 0 and overlap.ra > line:
            continue  # probably know each other already
        same = circled.same_circle(pair.u, pair.v)
        found = intros.score_from(pair, warm[pair.u], warm[pair.v], overlap, line, same)
        scored.append(found)
        scored.sort(key=lambda s: -s.score)
    return intros.chosen(scored, room, intros.STRUCTURAL_PER_WEEK)


def suggestion(scored: Scored, heads: dict[int, PersonHead]) -> Suggestion:
    """A first (asked first): the side that gains more, so that its need is never told to
    the other before it agreed."""
    pair = scored.pair
    u_first = (pair.u_gets.score if pair.u_gets else 0.0) >= (
        pair.v_gets.score if pair.v_gets else 0.0
    )
    a, b = (heads[pair.u], heads[pair.v]) if u_first else (heads[pair.v], heads[pair.u])
    a_gets, b_gets = (pair.u_gets, pair.v_gets) if u_first else (pair.v_gets, pair.u_gets)
    return Suggestion(a, b, pair.kind, reason(a, b, a_gets, b_gets, pair, scored.shared), scored)


def reason(
    a: PersonHead, b: PersonHead, a_gets: Need | None, b_gets: Need | None, pair: Pair, shared: int
) -> str:
    """Why, in one sentence, for the user's eyes only (never drafted)."""
    x, y = _first(a), _first(b)
    if a_gets and b_gets and a_gets.answering and b_gets.answering:
        return f"Each answers the other: {x}, “{a_gets.need}”; {y}, “{b_gets.need}”."
    if a_gets and b_gets:
        return f"{x} needs {_met(a_gets, y)}, and {y} needs {_met(b_gets, x)}."
    if a_gets:
        return f"A favour: {x} needs {_met(a_gets, y)}."
    common = f", with {shared} contacts in common" if shared else ""
    return f"{x} and {y} might enjoy meeting: both care about “{pair.interest}”{common}."


def _met(need: Need, by: str) -> str:
    """“design review”, which Grace offers ("design reviews" when she put it otherwise)."""
    said = "" if need.met_by.casefold() == need.need.casefold() else f" (“{need.met_by}”)"
    return f"“{need.need}”, which {by} offers{said}"


def _first(person: PersonHead) -> str:
    return person.name.split()[0]
