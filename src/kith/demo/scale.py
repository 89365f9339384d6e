"""Benchmark-sized networks (profiles S, M, L), streamed: nothing holds the interactions.

People come in circle blocks; each has a heavy-tailed number of interactions (a Pareto draw
scaled to the profile's total: a few people with thousands, most with a handful, some none),
spread between when they were first met and their latest contact (recent for the busiest, long
ago for many: most ties go quiet), with most of the log in the last two years. Who knows whom
among them (organisations, mail threads, events) is scale_mesh's.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta

from kith.demo.circles import CIRCLES, CardDraft, CardMaker, company_names
from kith.demo.names import NameMaker
from kith.demo.rhythms import HISTORY_DAYS, InteractionMaker
from kith.demo.scale_mesh import Organisations, meeting_links, organisations, past_job, thread_links
from kith.demo.vocabulary import RARE_TAG, RARE_TAG_SHARE
from kith.records import EventRecord, InteractionRecord, LinkRecord, PersonRecord, Record

CIRCLE_SHARES = (0.25, 0.2, 0.15, 0.2, 0.15, 0.05)  # of people, in the order of CIRCLES
SILENT_SHARE = 0.05  # people with no interaction at all
PARETO_ALPHA = 1.2  # the tail of interactions per person
TOP_SHARE = 0.01  # nobody leads more than about 1% of all interactions (10,000 in L)
RECENCY = 1.4  # ages are latest + (history - latest) × u**RECENCY: most near the latest
QUIET = 2.0  # the latest contact is history × u**QUIET days ago: a third within 90 days
BUSY = 100  # people with more interactions than this are in touch now (latest within 2 weeks)
GROUP_SHARE = 0.08  # interactions with one to three more people from the same block
PEOPLE_PER_EVENT = 150
COMPANIES = company_names()
LINK_SHARE = 0.5  # people with one to three explicit links in their block


@dataclass(frozen=True)
class Plan:
    """What is decided up front, one small number per person (30,000 at most)."""

    circles: list[int]  # index into CIRCLES
    counts: list[int]  # interactions led by each person
    history: list[int]  # days since each person was first met
    latest: list[int]  # days since each person's latest contact
    block_start: list[int]  # first person index of each circle's block
    block_end: list[int]

    def block_of(self, index: int) -> tuple[int, int]:
        circle = self.circles[index]
        return self.block_start[circle], self.block_end[circle]

    @property
    def blocks(self) -> list[tuple[int, int]]:
        return list(zip(self.block_start, self.block_end, strict=True))


def scale_records(people: int, interactions: int, seed: int, now: datetime) -> Iterator[Record]:
    rng = random.Random(seed)
    plan = make_plan(rng, people, interactions)
    knowing = random.Random(f"{seed}-mesh")  # its own stream: the rest is drawn as before
    orgs = organisations(knowing, plan.blocks)
    yield from person_records(rng, knowing, plan, orgs, now)
    events = list(event_records(rng, plan, now))
    yield from events
    sids = [person_sid(i) for i in range(people)]
    yield from link_records(rng, plan)
    yield from thread_links(knowing, plan.blocks, sids, now)
    yield from meeting_links([_attended(e, now) for e in events], sids)
    yield from interaction_records(rng, plan, now)


def make_plan(rng: random.Random, people: int, interactions: int) -> Plan:
    starts: list[int] = []
    ends: list[int] = []
    circles: list[int] = []
    for index, share in enumerate(CIRCLE_SHARES):
        size = round(people * share) if index < len(CIRCLE_SHARES) - 1 else people - len(circles)
        starts.append(len(circles))
        circles += [index] * size
        ends.append(len(circles))
    history = [max(30, int(HISTORY_DAYS * rng.random() ** 0.8)) for _ in range(people)]
    counts = allocate(rng, people, interactions)
    latest = [
        rng.randint(0, 14) if count > BUSY else int(days * rng.random() ** QUIET)
        for days, count in zip(history, counts, strict=True)
    ]
    return Plan(circles, counts, history, latest, starts, ends)


def allocate(rng: random.Random, people: int, total: int) -> list[int]:
    """Interactions per person: a Pareto weight each, scaled so that they sum to `total`."""
    weights = [
        0.0 if rng.random() < SILENT_SHARE else rng.paretovariate(PARETO_ALPHA)
        for _ in range(people)
    ]
    for _ in range(3):  # capping lowers the sum, which raises the cap: three rounds settle it
        cap = TOP_SHARE * sum(weights)
        weights = [min(cap, w) for w in weights]
    scale = total / sum(weights)
    counts = [max(1, round(w * scale)) if w else 0 for w in weights]
    top = max(range(people), key=counts.__getitem__)
    counts[top] += total - sum(counts)
    return counts


def person_records(
    rng: random.Random, knowing: random.Random, plan: Plan, orgs: Organisations, now: datetime
) -> Iterator[PersonRecord]:
    names = NameMaker(rng)
    cards = CardMaker(rng, now.date())
    for index, circle_index in enumerate(plan.circles):
        circle = CIRCLES[circle_index]
        rng.choice(circle.companies or COMPANIES)  # the draw of earlier versions, kept
        company = orgs.names[orgs.current[index]]
        known = (now - timedelta(days=plan.history[index])).date()
        draft = CardDraft.in_circle(person_sid(index), names.next(), circle, company, known)
        if rng.random() < RARE_TAG_SHARE:
            draft.tags = (*draft.tags, RARE_TAG)
        record = cards.record(draft)
        before = past_job(knowing, orgs, plan.block_of(index), now.date())
        yield replace(record, jobs=(*before, *record.jobs)) if before else record


def person_sid(index: int) -> str:
    return f"p{index + 1:06d}"


def event_records(rng: random.Random, plan: Plan, now: datetime) -> Iterator[EventRecord]:
    """Meetups, dinners and conferences, each drawing its attendees from one circle's block."""
    for number in range(len(plan.circles) // PEOPLE_PER_EVENT):
        circle_index = rng.randrange(len(CIRCLES))
        start, end = plan.block_start[circle_index], plan.block_end[circle_index]
        size = min(end - start, rng.randint(5, 40))
        attendees = rng.sample(range(start, end), size)
        day = (now - timedelta(days=rng.randint(1, HISTORY_DAYS))).date()
        yield EventRecord(
            f"e{number + 1:05d}",
            f"{CIRCLES[circle_index].tag.capitalize()} gathering #{number + 1}",
            day,
            "Bristol",
            "meetup",
            tuple(person_sid(i) for i in sorted(attendees)),
        )


def _attended(event: EventRecord, now: datetime) -> tuple[list[int], datetime]:
    """Who was at an event (their indexes), and when (its evening, in the user's zone)."""
    at = datetime.combine(event.day, time(19), tzinfo=now.tzinfo)
    return [int(sid[1:]) - 1 for sid in event.attendees], at


def link_records(rng: random.Random, plan: Plan) -> Iterator[LinkRecord]:
    for index, circle_index in enumerate(plan.circles):
        if rng.random() >= LINK_SHARE:
            continue
        end = plan.block_end[circle_index]
        for offset in rng.sample(range(1, 20), rng.randint(1, 3)):
            if index + offset < end:
                yield LinkRecord(person_sid(index), person_sid(index + offset), "explicit")


def interaction_records(
    rng: random.Random, plan: Plan, now: datetime
) -> Iterator[InteractionRecord]:
    maker = InteractionMaker(rng, now)
    for index, count in enumerate(plan.counts):
        circle = CIRCLES[plan.circles[index]]
        end = plan.block_end[plan.circles[index]]
        sid, p_out = person_sid(index), 0.3 + 0.4 * rng.random()
        latest = plan.latest[index]
        span = plan.history[index] - latest
        for _ in range(count):
            days_ago = latest + int(span * rng.random() ** RECENCY)
            who = _group(rng, plan, index, end) if rng.random() < GROUP_SHARE else (sid,)
            yield maker.make(who, circle, days_ago, p_out)


def _group(rng: random.Random, plan: Plan, index: int, end: int) -> tuple[str, ...]:
    """The person and up to three neighbours in their block who have a history of their own."""
    nearby = range(index + 1, min(end, index + 4))
    others = [i for i in nearby if plan.counts[i] and rng.random() < 0.7]
    return tuple(person_sid(i) for i in (index, *others))
