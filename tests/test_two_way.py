"""Messages and meetings: a correspondent becomes a person only after a two-way exchange."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from kith.errors import UserError
from kith.records import ExchangeRecord, Party, UpcomingRecord
from kith.services.imports import ImportReport, import_records
from kith.store import Store
from tests.conftest import NOW

ME = Party("email", "me@example.org", "Me Myself")
ADA = Party("email", "ada@example.org", "Ada Lovelace")
GRACE = Party("email", "grace@example.org", "Grace Hopper")
LIST = Party("email", "users@lists.example.org", "Users list")


def mail(n: int, sender: Party, *recipients: Party, **extra: object) -> ExchangeRecord:
    at = datetime(2026, 11, 1, 9, tzinfo=UTC) + timedelta(hours=n)
    return ExchangeRecord(
        f"m{n}@example.org",
        at,
        "email",
        f"message {n}",
        sender,
        tuple(recipients),
        origin="mail",
        **extra,
    )  # type: ignore[arg-type]


def load(store: Store, *records: object) -> ImportReport:
    return import_records(
        store,
        records,
        kind="mbox",
        path="test.mbox",
        now=NOW,  # type: ignore[arg-type]
        me=("me@example.org",),
    )


def names(store: Store) -> list[str]:
    return [name for _, name in store.people.all_names()]


def test_without_knowing_who_you_are_nothing_is_imported(store: Store) -> None:
    with pytest.raises(UserError, match="give --me ADDRESS"):
        import_records(store, [mail(1, ME, ADA)], kind="mbox", path="t.mbox", now=NOW)
    assert store.meta.is_empty()


def test_a_one_way_correspondent_is_seen_not_a_person(store: Store) -> None:
    report = load(store, mail(1, ME, ADA), mail(2, ME, ADA))
    assert names(store) == []
    assert [(s.value, s.name, s.n_out, s.n_in) for s in store.seen.all()] == [
        ("ada@example.org", "Ada Lovelace", 2, 0)
    ]
    assert report.created == {}


def test_a_reply_promotes_them_with_their_whole_history(store: Store) -> None:
    load(store, mail(1, ME, ADA), mail(2, ME, ADA))
    report = load(store, mail(3, ADA, ME, in_reply_to="m2@example.org"))
    assert names(store) == ["Ada Lovelace"]
    assert report.created == {"person": 1, "interaction": 3}
    person_id = store.people.ids_for_identity("email", "ada@example.org")[0]
    logged = store.interactions.for_person(person_id)
    assert [(i.summary, i.direction) for i in logged] == [
        ("message 3", "in"),
        ("message 2", "out"),
        ("message 1", "out"),
    ]
    assert store.seen.all() == []


def test_reimporting_the_same_messages_changes_nothing(store: Store) -> None:
    records = [mail(1, ME, ADA), mail(2, ADA, ME), mail(3, ME, GRACE)]
    load(store, *records)
    again = load(store, *records)
    assert (again.created, again.changed_anything) == ({}, False)
    assert [(s.value, s.n_out) for s in store.seen.all()] == [("grace@example.org", 1)]


def test_automated_and_unrelated_traffic_never_makes_people(store: Store) -> None:
    report = load(store, mail(1, LIST, ME, automated=True), mail(2, ADA, GRACE))
    assert (names(store), store.seen.all()) == ([], [])
    assert report.ignored == {"automated (list, bulk or no-reply)": 1, "neither side is you": 1}


def test_co_recipients_who_are_people_become_link_evidence(store: Store) -> None:
    load(store, mail(1, ADA, ME), mail(2, ME, ADA), mail(3, GRACE, ME), mail(4, ME, GRACE))
    load(store, mail(5, ME, ADA, GRACE))
    ada, grace = (store.people.ids_for_identity("email", p.value)[0] for p in (ADA, GRACE))
    assert store.imports.link_count(ada, grace, "co_recipient") == 1


def test_a_promoted_correspondent_joins_messages_already_logged_with_others(store: Store) -> None:
    load(store, mail(1, ADA, ME), mail(2, ME, ADA, GRACE))
    load(store, mail(3, GRACE, ME))
    message = store.interactions.get(2)
    assert message is not None
    assert [p.name for p in message.participants] == ["Ada Lovelace", "Grace Hopper"]


def test_a_small_meeting_makes_each_attendee_a_person_and_its_organiser_gives_direction(
    store: Store,
) -> None:
    def meeting(n: int, organiser: Party | None, *attendees: Party) -> ExchangeRecord:
        return ExchangeRecord(
            f"uid-{n}/20261101T090000Z",
            datetime(2026, 11, n, 9, tzinfo=UTC),
            "video",
            f"Planning {n}",
            organiser,
            attendees,
            meeting=True,
            origin="ics",
        )

    load(store, meeting(1, ME, ADA, GRACE), meeting(2, ADA, ME), meeting(3, None, ME, GRACE))
    assert names(store) == ["Ada Lovelace", "Grace Hopper"]
    logged = [store.interactions.get(n) for n in (1, 2, 3)]
    assert [(i.direction, i.channel) for i in logged if i] == [
        ("out", "video"),
        ("in", "video"),
        ("both", "video"),
    ]


def test_an_upcoming_meeting_becomes_an_event_with_the_people_known(store: Store) -> None:
    load(store, mail(1, ADA, ME), mail(2, ME, ADA))
    soon = UpcomingRecord("uid-2", "Design review", date(2026, 11, 30), "Room 4", (ADA, GRACE), ME)
    report = load(store, soon)
    event = store.events.get(store.imports.event_for_key("Design review", "2026-11-30") or 0)
    assert event is not None
    assert [p.name for p in event.attendees] == ["Ada Lovelace"]
    assert report.created == {"event": 1}


def test_a_new_company_on_reimport_moves_the_old_job_into_history(store: Store) -> None:
    from kith.model import Identity, Job
    from kith.records import PersonRecord

    def connection(company: str, title: str) -> PersonRecord:
        url = "https://www.linkedin.com/in/ada"
        return PersonRecord(
            url,
            "Ada Lovelace",
            identities=(Identity("linkedin", url, url),),
            jobs=(Job(company, title),),
        )

    import_records(
        store,
        [connection("Analytical Engines", "Analyst")],
        kind="linkedin",
        path="Connections.csv",
        now=NOW,
    )
    import_records(
        store,
        [connection("Analytical Engines Ltd", "Analyst")],
        kind="linkedin",
        path="Connections.csv",
        now=NOW,
    )
    import_records(
        store, [connection("Babbage & Co", "CTO")], kind="linkedin", path="Connections.csv", now=NOW
    )
    person = store.people.get(1)
    assert person is not None
    assert person.jobs == [
        Job("Analytical Engines", "Analyst", None, "2026-11-22"),
        Job("Babbage & Co", "CTO", "2026-11-22", None),
    ]
