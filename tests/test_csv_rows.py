"""The CSV export reads its cells in a few queries per 500 people (kith.store.sheet_rows, issue
15): its output is byte for byte the one the export wrote from whole Person objects before."""

from __future__ import annotations

import csv
import io
from datetime import tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from kith import query
from kith.model import Address, Birthday, PersonDraft
from kith.services import csv_export
from kith.services.people import add_note, add_person
from kith.store import Store, open_store
from kith.store.listing import person_ids
from kith.store.sheet_rows import sheet_rows
from tests.conftest import NOW, Kith
from tests.test_export_texts import import_corpus_vcards

AWKWARD = 'comma, "quote" new\nline\r\nreturn é 😀 ;semi\t'
ZONES = (ZoneInfo("UTC"), ZoneInfo("America/Los_Angeles"), ZoneInfo("Pacific/Auckland"))


def reference_output(store: Store, tz: tzinfo) -> bytes:
    """The whole CSV as the export wrote it before issue 15: csv_export.row of each Person."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(csv_export.HEADERS)
    with store.reading():
        ids = person_ids(store.connection, query.parse("", NOW))  # the export's people, in order
        for person in csv_export.people(store, ids):
            writer.writerow([csv_export._safe(cell) for cell in csv_export.row(person, tz)])
    return text.getvalue().encode(csv_export.ENCODING)


def exported(store: Store, tz: tzinfo) -> bytes:
    handle = io.BytesIO()
    csv_export.write_csv(store, handle, "", NOW, tz)
    return handle.getvalue()


def rows_both_ways(store: Store, tz: tzinfo) -> tuple[list[list[str]], list[list[str]]]:
    """Everyone's cells (the archived too) from the few columns and from whole people."""
    with store.reading():
        ids = store.people.all_ids()
        new = [csv_export.sheet_row(s, tz) for s in sheet_rows(store.connection, ids)]
        old = [csv_export.row(p, tz) for p in csv_export.people(store, ids)]
    return new, old


def assert_alike(store: Store) -> list[list[str]]:
    """Holds the rows and the whole output in each zone alike; the rows of the last zone."""
    for tz in ZONES:
        new, old = rows_both_ways(store, tz)
        assert new == old
        assert exported(store, tz) == reference_output(store, tz)
    return new


def alike_in_file(db_path: Path) -> list[list[str]]:
    store = open_store(db_path)
    try:
        return assert_alike(store)
    finally:
        store.close()


def test_the_demo_data_is_exported_byte_for_byte_as_before(demo: Kith, db_path: Path) -> None:
    new = alike_in_file(db_path)
    assert len(new) > 100
    assert sum(bool(cells[3]) for cells in new) > 50  # e-mails
    assert sum(bool(cells[14]) for cells in new) > 50  # last contacts
    assert sum(bool(cells[16]) for cells in new) > 10  # notes


def test_people_imported_from_every_corpus_vcard_are_exported_as_before(
    kith: Kith, db_path: Path
) -> None:
    import_corpus_vcards(kith)
    assert len(alike_in_file(db_path)) >= 7


def test_awkward_values_are_exported_as_before(store: Store) -> None:
    with store.transaction():
        zoe = add_person(
            store,
            PersonDraft(
                f"Zoë {AWKWARD}",
                identities=tuple(("email", f"z{n}@example.org") for n in range(6)),
                company=f"Acme {AWKWARD}",
                title="=cmd|' /C calc'!A0",
                how_met="at a conference",
                met_where="at a conference",  # said twice: written once
                tags=("Straße", "strasse", "b,c", "Ärzte", "alpha"),
                birthday=Birthday(2, 29),
                given_name="",
                family_name=AWKWARD,
                addresses=(
                    Address("home", None, "", None, None, None),
                    Address("work", None, "Lisboa", None, None, "PT"),
                ),
            ),
            NOW,
        )
        add_person(store, PersonDraft("-2+3"), NOW)
        bob = add_person(
            store,
            PersonDraft(
                "@Bob",
                identities=(
                    ("phone", "+44 20 7946 0002"),
                    ("linkedin", "https://LinkedIn.com/in/Bob/"),
                ),
                met_through_id=zoe.id,
                birthday=Birthday(12, 31, 1901),
            ),
            NOW,
        )
        add_note(store, zoe.id, AWKWARD, "note", NOW)
        db = store.connection
        db.execute(  # an empty note, as an old import may have left
            "INSERT INTO note (person_id, kind, text, created_at) VALUES (?, 'news', '', ?)",
            (zoe.id, "2026-11-22T10:00:00Z"),
        )
        db.execute(
            "INSERT INTO identity (person_id, kind, value, raw, shared, verified, position) "
            "VALUES (?, 'phone', '+15550100', '+1 555 0100 (switchboard)', 1, 1, 0), "
            "(?, 'phone', '555 ext. 9', 'ring 555, ext. 9', 0, 0, 5), "
            "(?, 'email', 'info@acme.example', 'Info@Acme.example', 1, 1, 0)",
            (bob.id, bob.id, bob.id),
        )
        db.execute("INSERT INTO organisation (name, norm) VALUES ('Old Co', 'old co')")
        db.execute(
            "INSERT INTO employment (person_id, organisation_id, title, end_day, position) "
            "SELECT ?, id, 'Was here', '2020-01-01', -1 FROM organisation WHERE norm = 'old co'",
            (bob.id,),
        )
        db.execute(
            "INSERT INTO event (name, day, created_at) VALUES (?, '2026-01-01', ?)",
            (AWKWARD, "2026-01-01T00:00:00Z"),
        )
        db.execute(
            "UPDATE person SET met_event_id = (SELECT max(id) FROM event), "
            "last_contact_at = '2026-11-21T11:30:00Z' WHERE id = ?",
            (bob.id,),
        )
    new = assert_alike(store)
    by_name = {cells[0].split()[0]: cells for cells in new}
    zoe_cells, bob_cells = by_name["Zoë"], by_name["@Bob"]
    assert zoe_cells[3:5] == ["z0@example.org", "z1@example.org"]
    assert zoe_cells[9] == "alpha, b,c, Straße, strasse, Ärzte"
    assert zoe_cells[10:13] == ["--02-29", "", ""]
    assert zoe_cells[13] == "at a conference"
    assert zoe_cells[16] == f"{AWKWARD.strip()}\n\n"  # the empty note last
    assert bob_cells[3:7] == ["info@acme.example", "", "+442079460002", "ring 555, ext. 9"]
    assert bob_cells[7:9] == ["", ""]  # the only job has ended
    assert bob_cells[13] == f"{AWKWARD}; through {zoe_cells[0]}"
    assert bob_cells[14] == "2026-11-22"  # 11:30 UTC is past midnight in Auckland
    assert by_name["-2+3"][3:] == [""] * 14  # nothing but a name
    written = exported(store, ZONES[-1])
    assert written.count(b"'=cmd") == 1
    assert written.count(b"\r\n'@Bob,") == 1
    assert written.count(b"\r\n'-2+3,") == 1
    assert written.count(b",+442079460002,") == 1  # a number stays as given
