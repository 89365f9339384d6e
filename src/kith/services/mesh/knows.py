"""Who knows whom among the user's contacts: the user's word on a pair (`kith knows`), each
pair's evidence and the chance they know each other (relate.mesh), and the contacts someone
may know, inferred from shared contacts and labelled so."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from kith.clock import to_utc_text
from kith.errors import UserError
from kith.model import PersonHead
from kith.relate import mesh
from kith.relate.mesh import Evidence
from kith.store import Store
from kith.store.mesh.evidence import JobPair, PairRow

LEVELS = {"knows": "explicit", "well": "knows_well", "not": "not", "forget": None}
# Inferred ties are looked for among the neighbours of at most this many of a person's own
# contacts, so that `kith show` stays fast for someone who knows everyone [H].
INFERENCE_NEIGHBOURS = 60
INFERRED_SHOWN = 5

Pair = tuple[int, int]


@dataclass(frozen=True)
class Known:
    """Someone a person knows among the user's contacts, or may know (inferred)."""

    person: PersonHead
    chance: float  # that they know each other: noisy-OR of the evidence, or 0.5·RA share
    evidence: tuple[Evidence, ...]
    inferred: bool = False
    shared: int = 0  # contacts they both know, for an inferred tie


@dataclass(frozen=True)
class Word:
    """The user's word on whether two contacts know each other."""

    a: PersonHead
    b: PersonHead
    level: str  # knows, well, not, forget


def set_knows(store: Store, a_id: int, b_id: int, level: str, now: datetime) -> Word:
    """Record the user's word on whether two contacts know each other (`forget` takes it back).
    A "not" overrides every other evidence for the pair."""
    if a_id == b_id:
        raise UserError("Give two different people: someone always knows themselves.")
    if level not in LEVELS:
        raise UserError(f"Unknown level {level!r}; use one of {', '.join(LEVELS)}.")
    with store.transaction():
        store.mesh.set_word(a_id, b_id, LEVELS[level], to_utc_text(now))
        heads = store.people.heads([a_id, b_id])
    return Word(heads[0], heads[1], level)


def known_by(store: Store, person_id: int, today: date) -> list[Known]:
    """Whom this person knows among the user's contacts, likeliest first, with the evidence;
    then up to five they may know, inferred from shared contacts."""
    with store.reading():
        rows = [  # a prospect: whom they know (trial 5)
            *store.mesh.pairs(person_id, anyone=True),
            *store.mesh.met(person_id, today.isoformat(), anyone=True),
        ]
        evidence = _evidence(rows, store.mesh.job_pairs(person_id), today)
        mine = {_other(pair, person_id): items for pair, items in evidence.items()}
        known = {other: items for other, items in mine.items() if mesh.knows(items) > 0}
        neighbours = _neighbourhood(store, person_id, set(known), today)
        guesses = mesh.inferred_for(person_id, neighbours, INFERRED_SHOWN)
        guesses = [g for g in guesses if g[0] not in mine]  # a "not" is never guessed back
        heads = {h.id: h for h in store.people.heads([*known, *(g[0] for g in guesses)])}
    found = [
        Known(heads[other], mesh.knows(items), tuple(mesh.ordered(items)))
        for other, items in known.items()
    ]
    found.sort(key=lambda k: (-k.chance, k.person.name.casefold(), k.person.id))
    found += [
        Known(heads[other], mesh.INFERRED_SHARE * min(1.0, score), (), True, shared)
        for other, score, shared in guesses
    ]
    return found


def evidence_graph(store: Store, today: date) -> dict[Pair, list[Evidence]]:
    """Every pair of contacts with evidence (a < b), including pairs marked "not" (whose
    chance is 0): the graph circles, the report and warm paths are computed on."""
    with store.reading():
        rows = [*store.mesh.pairs(), *store.mesh.met_all(today.isoformat())]
        return _evidence(rows, store.mesh.job_pairs(), today)


def _evidence(
    rows: Iterable[PairRow], jobs: Iterable[JobPair], today: date
) -> dict[Pair, list[Evidence]]:
    found: dict[Pair, list[Evidence]] = defaultdict(list)
    for row in rows:
        found[(row.a, row.b)].append(Evidence(row.kind, row.count, row.detail))
    for job in jobs:
        if mesh.overlapped(job.a_span, job.b_span, today):
            pair = (min(job.a, job.b), max(job.a, job.b))
            found[pair].append(Evidence("same_organisation", job.size, job.organisation))
    return dict(found)


def _other(pair: Pair, person_id: int) -> int:
    return pair[1] if pair[0] == person_id else pair[0]


def _neighbourhood(
    store: Store, person_id: int, known: set[int], today: date
) -> dict[int, frozenset[int]]:
    """The person's contacts and, for up to INFERENCE_NEIGHBOURS of them, their contacts: the
    others they have evidence with (a colleague's only when the jobs overlapped, as
    `_evidence` counts it), but none marked "not" (`mesh.knows` is 0 for those). Read as
    bare tuples, not Evidence per pair: a contact at a large organisation has hundreds."""
    neighbours = {person_id: frozenset(known)}
    chosen = sorted(known)[:INFERENCE_NEIGHBOURS]
    found: dict[int, set[int]] = {other: set() for other in chosen}
    marked: dict[int, set[int]] = defaultdict(set)
    for a, b, a_start, a_end, b_start, b_end in store.mesh.job_spans_among(chosen):
        if mesh.overlapped((a_start, a_end), (b_start, b_end), today):
            found[a].add(b)
    for other in chosen:
        for a, b, kind, count in store.mesh.pair_ends(other):
            them = _other((a, b), other)
            if kind == mesh.NOT:
                marked[other].add(them)
            elif mesh.probability(Evidence(kind, count)) > 0:
                found[other].add(them)
    for other in chosen:
        neighbours[other] = frozenset(found[other] - marked[other])
    return neighbours
