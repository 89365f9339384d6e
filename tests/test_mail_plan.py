"""Staged mail is planned outside the write lock and applied at once; the result must be the
database the record-by-record importer gives, whatever the messages and whoever is known."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kith.model import Identity
from kith.record_codec import dumps
from kith.records import ExchangeRecord, Party, PersonRecord, Record
from kith.services.importing.staging import apply_staged
from kith.services.imports import import_records, my_identities
from kith.store import Store, open_store
from tests.conftest import NOW

ME = "me@example.org"
ADDRESSES = st.sampled_from([f"p{n}@example.org" for n in range(6)] + [ME])


@st.composite
def message(draw: st.DrawFn) -> ExchangeRecord:
    n = draw(st.integers(0, 60))
    return ExchangeRecord(
        f"m{n}@example.org",
        datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=n),
        "email",
        f"subject {n}",
        Party("email", draw(ADDRESSES)),
        tuple(Party("email", a) for a in draw(st.lists(ADDRESSES, min_size=1, max_size=4))),
        meeting=draw(st.booleans()),
        automated=draw(st.integers(0, 9)) == 0,
        origin="mail",
    )


MAILBOX = st.lists(message(), max_size=30, unique_by=lambda m: m.source_id)
KNOWN = st.lists(st.sampled_from([f"p{n}@example.org" for n in range(6)]), max_size=3, unique=True)


def known_people(addresses: list[str]) -> list[PersonRecord]:
    return [
        PersonRecord(f"card-{a}", f"Known {a}", identities=(Identity("email", a, a),))
        for a in addresses
    ]


def planned(store: Store, records: list[Record]) -> None:
    stamp = "2026-11-22T10:00:00Z"
    with store.transaction():
        run_id = store.imports.start_staging("mbox", "box", "fingerprint", stamp)
        if records:
            store.imports.stage(run_id, 1, [dumps(r) for r in records])
    apply_staged(store, run_id, my_identities(store, (ME,)), "mbox", NOW)


def snapshot(store: Store) -> list[object]:
    db = store.connection
    queries = [
        "SELECT id, display_name, known_since, how_met, last_contact_at, interaction_count "
        "FROM person",
        "SELECT person_id, kind, value FROM identity",
        "SELECT source, source_id, at, channel, direction, summary FROM interaction",
        "SELECT i.source_id, p.person_id FROM participant p JOIN interaction i "
        "ON i.id = p.interaction_id",
        "SELECT kind, value, name, first_at, last_at, n_out, n_in FROM seen_identity "
        "WHERE n_out + n_in > 0",
        "SELECT s.value, m.source_id, m.direction FROM seen_message m "
        "JOIN seen_identity s ON s.id = m.seen_id",
        "SELECT a_id, b_id, kind, count FROM link",
        "SELECT person_id, channel, last_at, count FROM person_channel",
    ]
    return [sorted(db.execute(sql).fetchall()) for sql in queries]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(known=KNOWN, first=MAILBOX, second=MAILBOX)
def test_planning_then_applying_gives_what_record_by_record_gives(
    known: list[str], first: list[Record], second: list[Record]
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        stores = [open_store(Path(scratch) / f"{name}.db") for name in ("classic", "planned")]
        for store in stores:
            import_records(store, known_people(known), kind="vcard", path="cards", now=NOW)
        for batch in (first, second):  # a second mailbox finds the first one's people and seen
            import_records(stores[0], batch, kind="mbox", path="box", now=NOW, me=(ME,))
            planned(stores[1], batch)
        assert snapshot(stores[1]) == snapshot(stores[0])
        for store in stores:
            store.close()
