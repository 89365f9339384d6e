"""Whatever a source says, importing it a second time changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kith.model import Identity, Job
from kith.records import ExchangeRecord, Party, PersonRecord, Record
from kith.services.imports import import_records
from kith.store import open_store
from tests.conftest import NOW

NAMES = st.sampled_from(["Ada Lovelace", "Grace Hopper", "Zoë Müller", "José Núñez", "Mei Chen"])
ADDRESSES = st.sampled_from([f"p{n}@example.org" for n in range(6)] + ["me@example.org"])
ME = "me@example.org"


@st.composite
def person(draw: st.DrawFn) -> PersonRecord:
    address = draw(ADDRESSES.filter(lambda a: a != ME))
    return PersonRecord(
        source_id=f"card-{address}",
        name=draw(NAMES),
        identities=(Identity("email", "", address),),
        tags=tuple(draw(st.lists(st.sampled_from(["a", "b", "c"]), max_size=2, unique=True))),
        jobs=tuple(
            draw(
                st.lists(
                    st.builds(
                        Job, st.sampled_from(["Acme", "Initech"]), st.sampled_from(["CTO", None])
                    ),
                    max_size=1,
                )
            )
        ),
    )


@st.composite
def message(draw: st.DrawFn) -> ExchangeRecord:
    n = draw(st.integers(0, 50))
    sender = Party("email", draw(ADDRESSES))
    to = tuple(Party("email", a) for a in draw(st.lists(ADDRESSES, min_size=1, max_size=3)))
    return ExchangeRecord(
        f"m{n}@example.org",
        datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=n),
        "email",
        f"subject {n}",
        sender,
        to,
        meeting=draw(st.booleans()),
        origin="mail",
    )


# Readers yield people before the records that involve them (kith.records), so a source is
# people, then messages and meetings, in any order within each.
SOURCES = st.tuples(
    st.lists(person(), max_size=10),
    st.lists(message(), max_size=20, unique_by=lambda m: m.source_id),  # Message-IDs are unique
).map(lambda parts: [*parts[0], *parts[1]])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=SOURCES)
def test_importing_the_same_records_twice_changes_nothing(records: list[Record]) -> None:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as scratch:
        store = open_store(Path(scratch) / "kith.db")
        import_records(store, records, kind="mixed", path="mixed", now=NOW, me=(ME,))
        before = snapshot(store)
        again = import_records(store, records, kind="mixed", path="mixed", now=NOW, me=(ME,))
        assert (dict(again.created), dict(again.updated)) == ({}, {})
        assert snapshot(store) == before
        store.close()


def snapshot(store: object) -> list[object]:
    db = store.connection  # type: ignore[attr-defined]
    return [
        db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
        for table in (
            "person",
            "identity",
            "person_tag",
            "employment",
            "participant",
            "seen_identity",
            "seen_message",
            "link",
        )
    ]
