"""The demo generator as a pure function: reproducible, the archetypes exact, the story complete."""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import pytest

from kith.demo.archetypes import ARCHETYPES
from kith.demo.names import CULTURES, RESERVED_GIVEN
from kith.demo.profiles import GENERATOR_VERSION, generate
from kith.demo.vocabulary import RARE_TAG, RARE_WORD
from kith.names import fold
from kith.records import (
    EventRecord,
    InteractionRecord,
    IntroductionRecord,
    LinkRecord,
    PersonRecord,
    Record,
    ReferralRecord,
    RelationshipRecord,
)
from kith.services.demo import build_demo, demo_stamp
from kith.store import Store

T = TypeVar("T")
NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
DEMO = list(generate("demo", seed=7, now=NOW))


def of_type(kind: type[T], records: list[Record] = DEMO) -> list[T]:
    return [r for r in records if isinstance(r, kind)]


PEOPLE = of_type(PersonRecord)
INTERACTIONS = of_type(InteractionRecord)
BY_NAME = {p.name: p for p in PEOPLE}


def digest(records: Iterator[Record] | list[Record]) -> str:
    return hashlib.sha256("\n".join(map(repr, records)).encode()).hexdigest()


def log_of(sid: str) -> list[InteractionRecord]:
    return sorted((i for i in INTERACTIONS if sid in i.participants), key=lambda i: i.at)


def test_the_same_seed_and_clock_give_the_same_records() -> None:
    assert digest(generate("demo", seed=7, now=NOW)) == digest(DEMO)


def test_another_seed_or_clock_gives_other_records() -> None:
    assert digest(generate("demo", seed=8, now=NOW)) != digest(DEMO)
    later = NOW + timedelta(days=1)
    assert digest(generate("demo", seed=7, now=later)) != digest(DEMO)


def test_the_demo_has_150_people_with_unique_display_names() -> None:
    assert len(PEOPLE) == 150
    assert len({fold(p.name) for p in PEOPLE}) == 150


def test_names_come_from_several_cultures_with_accents() -> None:
    accented = [p.name for p in PEOPLE if p.name != fold(p.name).title()]
    assert len(CULTURES) == 15
    assert len(accented) > 10
    every_given = " ".join(f"{fem} {masc}" for fem, masc, _ in CULTURES.values()).lower()
    assert RESERVED_GIVEN.isdisjoint(every_given.split())


EXPECTED_ARCHETYPES = [
    # name, count, period, days before now of the latest, channels in turn, directions in turn
    ("Wendy Weekly", 260, 7, 3.5, ("email", "in_person"), ("out", "in")),
    ("Monty Monthly", 36, 30, 15, ("email", "call"), ("out", "in")),
    ("Quinn Quarterly", 4, 91, 45.5, ("email",), ("out", "in")),
    ("Yara Yearly", 3, 365, 182.5, ("email",), ("out", "in")),
    ("Fiona Formerly", 156, 7, 733.5, ("email", "in_person"), ("out", "in")),
    ("Otto Oneway", 12, 30, 15, ("email",), ("out",)),
]


@pytest.mark.parametrize(
    ("name", "count", "period", "latest", "channels", "directions"),
    EXPECTED_ARCHETYPES,
    ids=[row[0] for row in EXPECTED_ARCHETYPES],
)
def test_each_archetype_has_exactly_the_conventional_log(
    name: str,
    count: int,
    period: float,
    latest: float,
    channels: tuple[str, ...],
    directions: tuple[str, ...],
) -> None:
    log = log_of(BY_NAME[name].source_id)
    assert len(log) == count
    assert NOW - log[-1].at == timedelta(days=latest)
    gaps = {later.at - earlier.at for earlier, later in itertools.pairwise(log)}
    assert gaps <= {timedelta(days=period)}
    assert [i.channel for i in log] == [channels[k % len(channels)] for k in range(count)]
    assert [i.direction for i in log] == [directions[k % len(directions)] for k in range(count)]
    assert {len(i.participants) for i in log} == {1}


def test_each_archetype_has_its_stated_mutual_contacts_and_no_other_tie() -> None:
    sids = {BY_NAME[a.name].source_id: a.name for a in ARCHETYPES}
    links = of_type(LinkRecord)
    mutual = {name: len({k.b for k in links if k.a == sid}) for sid, name in sids.items()}
    assert mutual == {
        "Wendy Weekly": 20,
        "Monty Monthly": 10,
        "Quinn Quarterly": 5,
        "Yara Yearly": 0,
        "Fiona Formerly": 10,
        "Otto Oneway": 0,
    }
    assert {k.kind for k in links if k.a in sids} == {"explicit"}
    assert not any(k.b in sids for k in links)
    attendees = {sid for event in of_type(EventRecord) for sid in event.attendees}
    assert attendees.isdisjoint(sids)
    others = of_type(RelationshipRecord) + of_type(IntroductionRecord)
    assert not any({r.a, r.b} & set(sids) for r in others)
    assert not any({r.referrer, r.referred} & set(sids) for r in of_type(ReferralRecord))
    companies = Counter(job.organisation for p in PEOPLE for job in p.jobs)
    assert all(companies[a.company] == 1 for a in ARCHETYPES)


def test_the_event_two_days_ago_has_three_attendees_met_there_and_nowhere_else() -> None:
    day = (NOW - timedelta(days=2)).date()
    (event,) = [e for e in of_type(EventRecord) if e.day == day]
    assert event.name == "Local-first night at the Foundry"
    assert len(event.attendees) == 3
    for sid in event.attendees:
        assert [i.event for i in log_of(sid)] == [event.source_id]
        person = next(p for p in PEOPLE if p.source_id == sid)
        assert person.met_event == event.source_id
        assert person.how_met == "met at Local-first night at the Foundry"
        others = [e for e in of_type(EventRecord) if sid in e.attendees]
        assert others == [event]


def test_every_channel_and_direction_and_kind_occurs() -> None:
    assert sorted({i.channel for i in INTERACTIONS}) == [
        "call",
        "email",
        "event",
        "in_person",
        "message",
        "social",
        "video",
    ]
    assert sorted({i.direction for i in INTERACTIONS}) == ["both", "in", "out"]
    assert sorted({i.kind for i in INTERACTIONS}) == ["ask", "checkin", "give", "intro", "thanks"]


def test_most_interactions_are_in_the_last_two_years_none_in_the_future_or_beyond_five() -> None:
    recent = [i for i in INTERACTIONS if i.at >= NOW - timedelta(days=730)]
    assert len(recent) > 0.6 * len(INTERACTIONS)
    assert max(i.at for i in INTERACTIONS) < NOW
    assert min(i.at for i in INTERACTIONS) > NOW - timedelta(days=5 * 365)


def test_the_demo_has_circles_prospects_an_archived_person_and_ties_between_people() -> None:
    circles = Counter(p.tags[0] for p in PEOPLE)
    assert circles == {
        "colleagues": 31,
        "meetup": 30,
        "university": 21,
        "customers": 27,
        "open-source": 27,
        "neighbours": 14,
    }
    assert [p.kind for p in PEOPLE].count("prospect") == 2
    assert [p.archived for p in PEOPLE].count(True) == 1
    relationships = sorted(r.type for r in of_type(RelationshipRecord))
    assert relationships == ["colleague", "friend", "manager", "sibling", "spouse"]
    assert len(of_type(ReferralRecord)) == 5
    states = sorted(i.state for i in of_type(IntroductionRecord))
    assert states == ["asked_a", "declined", "followed_up", "introduced", "suggested"]


def test_cards_carry_notes_news_birthdays_interests_and_work() -> None:
    notes = [n for p in PEOPLE for n in p.notes]
    assert sum(n.kind == "news" for n in notes) == 8
    assert sum(n.text.startswith(("Promised", "Owe", "Said I would")) for n in notes) == 6
    assert sum(p.birthday is not None for p in PEOPLE) > 40
    assert sum(bool(p.interests) for p in PEOPLE) > 80
    assert sum(bool(p.working_on) for p in PEOPLE) > 25
    assert sum(bool(p.needs) for p in PEOPLE) > 20
    assert sum(bool(p.jobs) for p in PEOPLE) > 100


def test_the_small_benchmark_profile_has_200_people_and_4000_interactions() -> None:
    records = list(generate("S", seed=7, now=NOW))
    assert len(of_type(PersonRecord, records)) == 200
    interactions = of_type(InteractionRecord, records)
    assert len(interactions) == 4000
    assert max(i.at for i in interactions) < NOW
    assert sum(RARE_TAG in p.tags for p in of_type(PersonRecord, records)) == 2
    assert sum(RARE_WORD in (i.notes or "") for i in interactions) == 29


def test_the_large_profile_streams_people_first_without_building_the_log() -> None:
    stream = generate("L", seed=7, now=NOW)
    first = list(itertools.islice(stream, 1000))
    assert {type(r) for r in first} == {PersonRecord}
    assert first[0].source_id == "p000001"


def test_building_the_demo_marks_the_database_as_a_demo(store: Store) -> None:
    stamp, report = build_demo(store, profile="demo", seed=7, now=NOW)
    assert demo_stamp(store) == stamp
    assert (stamp.profile, stamp.seed, stamp.now, stamp.version) == (
        "demo",
        7,
        "2026-11-22T10:00:00Z",
        GENERATOR_VERSION,
    )
    assert report.skipped == []
    assert report.created["person"] == 150
    assert report.created["interaction"] == len(INTERACTIONS)
    wendy = store.people.get(store.people.ids_for_name_key("wendy weekly")[0])
    assert wendy is not None
    assert wendy.interaction_count == 260
