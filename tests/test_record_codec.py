"""Staged records come back exactly as they went in."""

from __future__ import annotations

from datetime import UTC, date, datetime

from kith.model import Address, Birthday, Identity, Job, WorkingOn
from kith.record_codec import dumps, loads
from kith.records import (
    ArticleRecord,
    ExchangeRecord,
    FollowUpRecord,
    Ignored,
    InteractionRef,
    NoteRecord,
    Party,
    PersonRecord,
    ShareRecord,
    Skipped,
    SkipRecord,
    UpcomingRecord,
    WantRecord,
)

SAMPLES = [
    PersonRecord(
        "p1",
        "Zoë Müller",
        uid="u-1",
        birthday=Birthday(12, 10),
        identities=(Identity("email", "", "Zoe@Example.org", "work"),),
        tags=("a", "b"),
        addresses=(Address("home", city="Zürich"),),
        jobs=(Job("Ångström", "CTO", "2020-01-01"),),
        working_on=(WorkingOn("a book", date(2026, 1, 2)),),
        notes=(NoteRecord("news", "moved", datetime(2026, 1, 1, tzinfo=UTC)),),
        known_since=date(2020, 5, 1),
    ),
    ExchangeRecord(
        "m1@x",
        datetime(2026, 11, 1, 9, tzinfo=UTC),
        "email",
        "Привет",
        Party("email", "a@x.org", "A, B"),
        (Party("email", "me@x.org"),),
        in_reply_to="m0@x",
        origin="mail",
    ),
    UpcomingRecord("u1", "Review", date(2026, 12, 1), attendees=(Party("email", "a@x.org"),)),
    PersonRecord("p2", "Ada", pinned=True, cadence_days=14.0),
    FollowUpRecord(
        "p2",
        "send it",
        datetime(2026, 11, 1, tzinfo=UTC),
        due=date(2026, 12, 1),
        interaction=InteractionRef("manual", "m-1"),
        id=3,
    ),
    ArticleRecord(
        "https://example.org/a",
        datetime(2026, 11, 1, tzinfo=UTC),
        topics=("rust",),
        shares=(ShareRecord("p2", datetime(2026, 11, 2, tzinfo=UTC)),),
    ),
    WantRecord("p2", datetime(2026, 11, 1, tzinfo=UTC), "engines"),
    SkipRecord("p2", datetime(2026, 11, 1, tzinfo=UTC)),
    Skipped("f.mbox: message 3", "no date"),
    Ignored("hidden"),
]


def test_every_kind_of_record_survives_the_round_trip() -> None:
    assert [loads(dumps(record)) for record in SAMPLES] == SAMPLES
