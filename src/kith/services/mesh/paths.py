"""Warm paths: the best ways to reach someone through the people you know (relate.paths), each
link with its evidence and how recent it is. Only the target's neighbourhood is read: the
people with evidence of knowing the target, and the people they know, which is every path of at
most three hops. The target may be a contact, a prospect known only through contacts, or
everyone at an organisation now."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from itertools import chain
from pathlib import Path

from kith.clock import from_utc_text
from kith.errors import NotFound, UserError
from kith.model import PersonHead
from kith.relate import mesh, paths
from kith.relate.mesh import Evidence
from kith.services.referrals import Wish, wants
from kith.services.ties.layer_replay import strengths_of
from kith.services.week import drafts
from kith.store import Store

Pair = tuple[int, int]
# An organisation with more people than this is searched through its first ones only [H]: a
# path to "anyone at" a large company is found among them as well, and it keeps `path` fast.
COMPANY_TARGETS = 200
SHOWN_ORGANISATIONS = 5


@dataclass(frozen=True)
class Link:
    """One step of a path: from the user (`source` None) or a contact, to the next person."""

    source: PersonHead | None
    target: PersonHead
    chance: float  # S for the user's own tie; else the chance the two know each other
    evidence: tuple[Evidence, ...]  # empty for the user's own tie
    last: date | None  # the latest contact or evidence, in the user's days


@dataclass(frozen=True)
class WarmPath:
    links: tuple[Link, ...]
    value: float  # P
    bottleneck: float  # b, the weakest link's chance
    weakest: int  # its index in `links`

    @property
    def weak(self) -> bool:
        return self.bottleneck < paths.WEAK

    @property
    def introducer(self) -> PersonHead | None:
        """Whom to ask first; None when the target is a contact reached directly."""
        return self.links[0].target if len(self.links) > 1 else None

    @property
    def target(self) -> PersonHead:
        return self.links[-1].target


@dataclass(frozen=True)
class Paths:
    targets: tuple[PersonHead, ...]
    paths: tuple[WarmPath, ...]
    organisation: str | None = None


@dataclass
class _Ball:
    """Who knows whom around the targets, both ways, with each pair's evidence and latest day."""

    neighbours: dict[int, dict[int, float]] = field(default_factory=lambda: defaultdict(dict))
    evidence: dict[Pair, list[Evidence]] = field(default_factory=lambda: defaultdict(list))
    latest: dict[Pair, date] = field(default_factory=dict)
    read: set[int] = field(default_factory=set)


def to_person(store: Store, person_id: int, now: datetime, zone: tzinfo) -> Paths:
    """The best three paths to one person."""
    with store.reading():
        target = store.people.heads([person_id])[0]
        return Paths((target,), _search(store, [person_id], now, zone))


def to_organisation(store: Store, name: str, now: datetime, zone: tzinfo) -> Paths:
    """The best three paths to anyone at the organisation called `name` now."""
    with store.reading():
        found = store.mesh.organisations_named(name)
        if not found:
            raise NotFound(
                f"Nobody you know works at {name!r} now; `kith list company:...` "
                "shows who works where."
            )
        if len(found) > 1:
            shown = "; ".join(o for o, _ in found[:SHOWN_ORGANISATIONS])
            raise UserError(f"{name!r} matches {len(found)} organisations ({shown}); name one.")
        organisation, ids = found[0]
        people = ids[:COMPANY_TARGETS]
        targets = tuple(store.people.heads(people))
        return Paths(targets, _search(store, people, now, zone), organisation)


@dataclass(frozen=True)
class WishPath:
    wish: Wish
    path: WarmPath | None


def wishes_with_paths(store: Store, now: datetime, zone: tzinfo) -> list[WishPath]:
    """The want-to-meet list, each wish not yet met with its best warm path."""
    found = []
    wishes = wants(store, now)
    with store.reading():
        for wish in wishes:
            best = None
            if wish.met_at is None:
                chosen = _search(store, [wish.person.id], now, zone, k=1)
                best = chosen[0] if chosen else None
            found.append(WishPath(wish, best))
    return found


def _search(
    store: Store, targets: list[int], now: datetime, zone: tzinfo, k: int = paths.BEST
) -> tuple[WarmPath, ...]:
    """The best k paths to any of `targets`. Paths of one and two hops first; then the people
    the targets' neighbours know, only for the neighbours through whom a three-hop path could
    still beat the k-th (relate.paths.bar): on a company of 80 that is a few neighbours, not
    every one of them."""
    today = now.astimezone(zone).date()
    ball = _Ball()
    for target in targets:
        _read(store, ball, target, today, zone, anyone=True)
    middles = {m: max(ball.neighbours[m].get(t, 0.0) for t in targets) for m in _around(ball)}
    strength = strengths_of(store, sorted(set(middles) | set(targets)), now, zone)
    floor = paths.bar(paths.warm_paths(targets, strength, ball.neighbours, k), k)
    for middle in sorted(middles, key=lambda m: (-middles[m], m)):
        if paths.three_hop_bound(middles[middle]) <= floor:
            break
        _read(store, ball, middle, today, zone, anyone=False)
    firsts = {p for m in middles for p in ball.neighbours.get(m, {})} - set(strength)
    strength |= strengths_of(store, sorted(firsts), now, zone) if firsts else {}
    chosen = paths.warm_paths(targets, strength, ball.neighbours, k)
    people = {p for path in chosen for p in path.people}
    heads = {h.id: h for h in store.people.heads(sorted(people))}
    return tuple(_warm(path, heads, ball, zone) for path in chosen)


def _around(ball: _Ball) -> set[int]:
    return {m for theirs in ball.neighbours.values() for m in theirs}


def _read(store: Store, ball: _Ball, person: int, today: date, zone: tzinfo, anyone: bool) -> None:
    """`person`'s evidence with the contacts they know, into the ball (once per person)."""
    if person in ball.read:
        return
    ball.read.add(person)
    found: dict[Pair, list[Evidence]] = defaultdict(list)
    rows = chain(
        store.mesh.pairs(person, anyone=anyone), store.mesh.met(person, f"{today}", anyone)
    )
    for row in rows:
        found[(row.a, row.b)].append(Evidence(row.kind, row.count, row.detail))
        _later(
            ball,
            (row.a, row.b),
            from_utc_text(row.last_at).astimezone(zone).date() if row.last_at else None,
        )
    for job in store.mesh.job_pairs(person):
        if mesh.overlapped(job.a_span, job.b_span, today):
            pair = (min(job.a, job.b), max(job.a, job.b))
            found[pair].append(Evidence("same_organisation", job.size, job.organisation))
            _later(ball, pair, mesh.overlap_end(job.a_span, job.b_span, today))
    for pair, items in found.items():
        if pair in ball.evidence:
            continue  # read from the other side already
        ball.evidence[pair] = items
        chance = mesh.knows(items)
        if chance > 0:
            ball.neighbours[pair[0]][pair[1]] = chance
            ball.neighbours[pair[1]][pair[0]] = chance


def _later(ball: _Ball, pair: Pair, day: date | None) -> None:
    if day is not None and (pair not in ball.latest or day > ball.latest[pair]):
        ball.latest[pair] = day


def _warm(path: paths.Path, heads: dict[int, PersonHead], ball: _Ball, zone: tzinfo) -> WarmPath:
    first = heads[path.people[0]]
    seen = first.last_contact_at.astimezone(zone).date() if first.last_contact_at else None
    links = [Link(None, first, path.steps[0], (), seen)]
    for index, chance in enumerate(path.steps[1:], start=1):
        a, b = path.people[index - 1], path.people[index]
        pair = (min(a, b), max(a, b))
        items = tuple(mesh.ordered(ball.evidence[pair]))
        links.append(Link(heads[a], heads[b], chance, items, ball.latest.get(pair)))
    return WarmPath(tuple(links), path.value, path.bottleneck, path.weakest)


def first_ask(
    store: Store, found: Paths, folder: Path | None, now: datetime, channel: str | None = None
) -> drafts.Drafted | None:
    """The ask to the first person of the best path that goes through someone to someone you
    have never been in touch with: "I am hoping to meet Fiona" is not said of a friend of
    years (None when there is no such path); in `channel`, else as drafts.path_ask chooses."""
    through = next(
        (p for p in found.paths if p.introducer is not None and not in_touch(p.target)), None
    )
    if through is None or through.introducer is None:
        return None
    via = through.links[1].target.name
    return drafts.path_ask(
        store, through.introducer.id, through.target.name, via, folder, now, channel
    )


def in_touch(person: PersonHead) -> bool:
    """Whether you have been in touch with them: then you write to them yourself."""
    return person.last_contact_at is not None
