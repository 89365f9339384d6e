"""Who knows whom in the benchmark profiles (M, L): the evidence a real address book holds.

Each circle's block of people is split into organisations of heavy-tailed size (most a handful
of the user's contacts, a few some dozens), in runs of neighbouring people, so that the people
who share mail threads also tend to share an employer; some people worked at a second
organisation of their circle before, with spans that overlap by chance. Mail threads have two to
five of the user's contacts from nearby in the block on them; the events' attendees met each
other there. Threads and meetings arrive as the links an import would write (co_recipient,
co_attendee, with their counts and the latest date).
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kith.demo.circles import company_names
from kith.demo.vocabulary import CITIES, TITLES
from kith.model import Job
from kith.records import LinkRecord

ORG_SMALLEST = 2
ORG_ALPHA = 1.7  # sizes are ORG_SMALLEST × Pareto(α): median 3, a few dozen at most
ORG_LARGEST = 80
PAST_JOB_SHARE = 0.4  # people who worked at another organisation of their circle before
THREAD_SHARE = 0.35  # people who started mail threads with other contacts
THREAD_REACH = 40  # co-recipients come from this many places either side in the block
EVIDENCE_DAYS = 1500  # threads and past jobs fall within about four years


@dataclass(frozen=True)
class Organisations:
    """Every person's current organisation (an index into `names`) and the names."""

    current: list[int]
    names: list[str]


def organisations(rng: random.Random, blocks: Sequence[tuple[int, int]]) -> Organisations:
    """Runs of neighbouring people within each block, one organisation per run."""
    current: list[int] = []
    names: list[str] = []
    pool = _names()
    for start, end in blocks:
        index = start
        while index < end:
            size = min(ORG_LARGEST, int(ORG_SMALLEST * rng.paretovariate(ORG_ALPHA)))
            size = min(size, end - index)
            current += [len(names)] * size
            names.append(next(pool))
            index += size
    return Organisations(current, names)


def _names() -> Iterator[str]:
    companies = company_names()
    for city in CITIES:
        for company in companies:
            yield f"{company} ({city})"
    number = 1
    while True:  # beyond 3,072 organisations, numbered
        for company in companies:
            yield f"{company} {number}"
        number += 1


def past_job(
    rng: random.Random, orgs: Organisations, block: tuple[int, int], today: date
) -> tuple[Job, ...]:
    """Maybe a job before the current one, at any organisation of the same circle (most are
    small, so most earlier colleagues are few)."""
    if rng.random() >= PAST_JOB_SHARE:
        return ()
    other = rng.randint(orgs.current[block[0]], orgs.current[block[1] - 1])
    start = today - timedelta(days=rng.randint(900, 900 + EVIDENCE_DAYS))
    end = start + timedelta(days=rng.randint(300, 900))
    return (Job(orgs.names[other], rng.choice(TITLES), _month(start), _month(end)),)


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def thread_links(
    rng: random.Random, blocks: Sequence[tuple[int, int]], sid: Sequence[str], now: datetime
) -> Iterator[LinkRecord]:
    """Co-recipients of mail threads: each pair once, with its thread count and latest day."""
    pairs: dict[tuple[int, int], tuple[int, datetime]] = {}
    for start, end in blocks:
        for index in range(start, end):
            if rng.random() >= THREAD_SHARE:
                continue
            for _ in range(rng.randint(1, 4)):
                low, high = max(start, index - THREAD_REACH), min(end, index + THREAD_REACH)
                others = rng.sample(range(low, high), min(high - low, rng.randint(1, 4)))
                at = now - timedelta(days=rng.randint(1, EVIDENCE_DAYS), hours=rng.randint(0, 9))
                _count(pairs, [index, *(o for o in others if o != index)], at)
    for (a, b), (count, at) in sorted(pairs.items()):
        yield LinkRecord(sid[a], sid[b], "co_recipient", count, "mail threads", at)


def meeting_links(
    attendees: Sequence[tuple[Sequence[int], datetime]], sid: Sequence[str]
) -> Iterator[LinkRecord]:
    """Co-attendees of the same events: each pair once, with its meetings and latest day."""
    pairs: dict[tuple[int, int], tuple[int, datetime]] = {}
    for people, at in attendees:
        _count(pairs, list(people), at)
    for (a, b), (count, at) in sorted(pairs.items()):
        yield LinkRecord(sid[a], sid[b], "co_attendee", count, "events", at)


def _count(
    pairs: dict[tuple[int, int], tuple[int, datetime]], people: list[int], at: datetime
) -> None:
    for n, a in enumerate(people):
        for b in people[n + 1 :]:
            key = (min(a, b), max(a, b))
            count, latest = pairs.get(key, (0, at))
            pairs[key] = (count + 1, max(latest, at))
