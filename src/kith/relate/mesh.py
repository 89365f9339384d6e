"""Who knows whom among the user's contacts, pure: each pair's evidence combined into the
chance that they know each other, and ties inferred from shared contacts.

Per-kind probabilities and the noisy-OR are science.md §7's (s(contact→target) = 1 − Π(1 − p_k));
the kinds science.md does not name ([H] below) are weighed like the user's own word they stand
for. A pair the user marked "not" knows nobody, whatever else suggests it. Ties inferred from
the graph (resource allocation, Zhou, Lü & Zhang 2009) are labelled as inferred and never count
as evidence of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

# The user's word (science.md §7).
KNOWS_WELL = 0.7
KNOWS = 0.4
# [H] A typed relationship (spouse, colleague, ...) is the user's word that they know each other
# well; a referral (A suggested you meet B) or an introduction you made, that they know each other.
RELATIONSHIP = 0.7
REFERRAL = 0.4
INTRODUCTION = 0.4
# Shared meetings and mail threads, capped (science.md §7).
PER_MEETING, MAX_MEETINGS = 0.15, 3
PER_THREAD, MAX_THREADS = 0.05, 5
# [H] Meeting both, with you: a small meeting you logged with both (`kith log A B "lunch"`) or
# one of your events both came to is a shared meeting (science.md §7's 0.15 each, up to 3). It
# counts with the imported shared meetings as one kind, at the strongest of them: a meeting you
# logged may be one a calendar import counted already.
MEETING_KINDS = ("co_attendee", "met_with_you", "same_event")
# The same organisation at overlapping times: more telling in a small one (science.md §7).
ORG_SMALL, ORG_LARGE, ORG_SMALL_SIZE = 0.25, 0.10, 200
# An inferred tie is evidence of 0.5·A in a warm path (science.md §7), never shown as fact.
INFERRED_SHARE = 0.5

# Evidence kinds as the store names them (link kinds, plus the rows of other tables).
FIXED = {
    "knows_well": KNOWS_WELL,
    "explicit": KNOWS,
    "relationship": RELATIONSHIP,
    "referral": REFERRAL,
    "introduction": INTRODUCTION,
}
NOT = "not"
EVIDENCE_ORDER = (
    "knows_well",
    "explicit",
    "relationship",
    "introduction",
    "referral",
    "met_with_you",
    "same_event",
    "co_attendee",
    "same_organisation",
    "co_recipient",
)

# Each kind as a number, as relate.mesh_arrays.combine reads them: the meetings one kind (as
# `knows` counts them), "not" -1.
KIND_CODES = {kind: n for n, kind in enumerate(EVIDENCE_ORDER)} | {NOT: -1}
KIND_CODES |= dict.fromkeys(MEETING_KINDS, KIND_CODES["co_attendee"])


@dataclass(frozen=True)
class Evidence:
    """One kind of evidence that two contacts know each other."""

    kind: str  # a key of FIXED, one of MEETING_KINDS, co_recipient, same_organisation, or "not"
    count: int = 1  # meetings, threads; for same_organisation, how many contacts work there
    detail: str | None = None  # what the user is shown: the event, the organisation, ...


def probability(evidence: Evidence) -> float:
    """The chance this one piece of evidence alone means they know each other."""
    if evidence.kind in FIXED:
        return FIXED[evidence.kind]
    if evidence.kind in MEETING_KINDS:
        return min(evidence.count, MAX_MEETINGS) * PER_MEETING
    if evidence.kind == "co_recipient":
        return min(evidence.count, MAX_THREADS) * PER_THREAD
    if evidence.kind == "same_organisation":
        return ORG_SMALL if evidence.count <= ORG_SMALL_SIZE else ORG_LARGE
    if evidence.kind == NOT:
        return 0.0
    raise ValueError(f"unknown evidence kind {evidence.kind!r}")


def knows(evidence: Iterable[Evidence]) -> float:
    """Noisy-OR over the evidence, each kind once (its strongest; the meetings are one kind);
    0 when marked "not"."""
    best: dict[str, float] = {}
    for item in evidence:
        if item.kind == NOT:
            return 0.0
        kind = "co_attendee" if item.kind in MEETING_KINDS else item.kind
        best[kind] = max(best.get(kind, 0.0), probability(item))
    missing = 1.0
    for p in best.values():
        missing *= 1.0 - p
    return 1.0 - missing


def ordered(evidence: Sequence[Evidence]) -> list[Evidence]:
    """Strongest kinds first, as a person reads them."""
    rank = {kind: n for n, kind in enumerate(EVIDENCE_ORDER)}
    return sorted(evidence, key=lambda e: (rank.get(e.kind, len(rank)), -e.count, e.detail or ""))


def resource_allocation(
    neighbours: Mapping[int, frozenset[int]], pairs: Iterable[tuple[int, int]]
) -> dict[tuple[int, int], float]:
    """RA(u, v) = Σ over shared neighbours z of 1 / degree(z), for each pair."""
    found = {}
    for u, v in pairs:
        shared = neighbours.get(u, frozenset()) & neighbours.get(v, frozenset())
        score = sum(1.0 / len(neighbours[z]) for z in shared if neighbours[z])
        if score > 0:
            found[(u, v)] = score
    return found


def inferred_for(
    person: int, neighbours: Mapping[int, frozenset[int]], limit: int = 5
) -> list[tuple[int, float, int]]:
    """Contacts `person` may know but has no evidence with: (other, RA, shared contacts), best
    first, at most `limit`, each with at least two shared contacts (one is chance)."""
    mine = neighbours.get(person, frozenset())
    scores: dict[int, float] = {}
    shared: dict[int, int] = {}
    for z in mine:  # z is shared with `other` exactly when `other` is among z's contacts
        theirs = neighbours.get(z, frozenset())
        for other in theirs - mine - {person}:
            scores[other] = scores.get(other, 0.0) + 1.0 / len(theirs)
            shared[other] = shared.get(other, 0) + 1
    found = [(other, score, shared[other]) for other, score in scores.items() if shared[other] >= 2]
    return sorted(found, key=lambda item: (-item[1], item[0]))[:limit]


# Two jobs at the same organisation count when they overlapped a year or more (science.md §7),
# or when both are current (they work there together now, however long).
OVERLAP_DAYS = 365


def overlapped(
    a: tuple[str | None, str | None], b: tuple[str | None, str | None], today: date
) -> bool:
    """Whether two (start, end) spans at one organisation overlapped for a year or more;
    dates are YYYY, YYYY-MM or YYYY-MM-DD, an end of None means "still there"."""
    if a[1] is None and b[1] is None:
        return True
    starts = [day_of(a[0], first=True), day_of(b[0], first=True)]
    if None in starts:
        return False
    ends = [day_of(a[1], first=False) or today, day_of(b[1], first=False) or today]
    start = max(d for d in starts if d is not None)
    return (min(ends) - start).days >= OVERLAP_DAYS


def overlap_end(
    a: tuple[str | None, str | None], b: tuple[str | None, str | None], today: date
) -> date:
    """The last day two spans at one organisation overlapped: today while both are current."""
    ends = [day_of(a[1], first=False) or today, day_of(b[1], first=False) or today]
    return min(*ends, today)


@cache  # a whole mesh asks for the same few hundred months hundreds of thousands of times
def day_of(text: str | None, first: bool) -> date | None:
    """A partial date as its first (or last) day; None when absent or unreadable."""
    if not text:
        return None
    parts = text.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else (1 if first else 12)
        day = int(parts[2]) if len(parts) > 2 else (1 if first else _month_days(year, month))
        return date(year, month, day)
    except (ValueError, IndexError):
        return None


def _month_days(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - date(year, month, 1)).days
