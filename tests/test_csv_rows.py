"""The CSV export reads its cells in a few queries per 500 people, or from whole tables when it
writes most people (kith.store.exports.sheet_rows, issue 15),
and guards its cells against formulas in
one search: its output is byte for byte the one the export wrote from whole Person objects,
cell by cell, before."""

from __future__ import annotations

import csv
import io
from datetime import UTC, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from kith import query
from kith.model import Address, Birthday, PersonDraft
from kith.services.exports import csv_export
from kith.services.people import add_note, add_person
from kith.store import Store, open_store
from kith.store.exports.sheet_rows import sheet_chunks
from kith.store.listing import person_ids
from tests.conftest import NOW, Kith
from tests.test_export_texts import import_corpus_vcards

AWKWARD = 'comma, "quote" new\nline\r\nreturn é 😀 ;semi\t'
ZONES = (
    ZoneInfo("UTC"),
    ZoneInfo("America/Los_Angeles"),
    UTC,  # a fixed offset: the day is worked out in the query
    timezone(timedelta(hours=-3, minutes=-30)),
    ZoneInfo("Pacific/Auckland"),
)


def reference_output(store: Store, tz: tzinfo, text: str = "") -> bytes:
    """The whole CSV as the export wrote it before issue 15: csv_export.row of each Person."""
    written = io.StringIO(newline="")
    writer = csv.writer(written, lineterminator="\r\n")
    writer.writerow(csv_export.HEADERS)
    with store.reading():
        ids = person_ids(store.connection, query.parse(text, NOW))  # the export's, in order
        for person in csv_export.people(store, ids):
            writer.writerow([csv_export._safe(cell) for cell in csv_export.row(person, tz)])
    return written.getvalue().encode(csv_export.ENCODING)


def exported(store: Store, tz: tzinfo, text: str = "") -> bytes:
    handle = io.BytesIO()
    csv_export.write_csv(store, handle, text, NOW, tz)
    return handle.getvalue()


def rows_both_ways(
    store: Store, tz: tzinfo, whole: bool
) -> tuple[list[list[str]], list[list[str]]]:
    """Everyone's guarded cells (the archived too) from the few columns, read from whole tables
    or 500 people at a time, and from whole people."""
    with store.reading():
        ids = store.people.all_ids()
        chunks = sheet_chunks(store.connection, ids, "p.last_contact_at", whole)
        new = [cells for chunk in chunks for cells in csv_export.sheet_cells(chunk, tz)]
        old = [
            [csv_export._safe(cell) for cell in csv_export.row(p, tz)]
            for p in csv_export.people(store, ids)
        ]
    return new, old


def assert_alike(store: Store) -> list[list[str]]:
    """Holds the rows both ways and the whole output in each zone alike; the rows of the last
    zone."""
    for tz in ZONES:
        for whole in (True, False):
            new, old = rows_both_ways(store, tz, whole)
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
    zoe_cells, bob_cells = by_name["Zoë"], by_name["'@Bob"]  # guarded
    assert zoe_cells[3:5] == ["z0@example.org", "z1@example.org"]
    assert zoe_cells[9] == "alpha, b,c, Straße, strasse, Ärzte"
    assert zoe_cells[10:13] == ["--02-29", "", ""]
    assert zoe_cells[13] == "at a conference"
    assert zoe_cells[16] == f"{AWKWARD.strip()}\n\n"  # the empty note last
    assert bob_cells[3:7] == ["info@acme.example", "", "+442079460002", "ring 555, ext. 9"]
    assert bob_cells[7:9] == ["", ""]  # the only job has ended
    assert bob_cells[13] == f"{AWKWARD}; through {zoe_cells[0]}"
    assert bob_cells[14] == "2026-11-22"  # 11:30 UTC is past midnight in Auckland
    assert by_name["'-2+3"][3:] == [""] * 14  # nothing but a name
    written = exported(store, ZONES[-1])
    assert written.count(b"'=cmd") == 1
    assert written.count(b"\r\n'@Bob,") == 1
    assert written.count(b"\r\n'-2+3,") == 1
    assert written.count(b",+442079460002,") == 1  # a number stays as given


GUARD_CELLS = (
    "", "plain", "é 😀", "5", "=1+1", "=", "+", "-", "@", "@Bob", "+1 555 0100", "+44 (20) 7946",
    "--12-31", "-2+3", "-5", "+-", "- 5", "-\n5", "-5\n", "\t5", "\tx", "\r5", "\rx", "(555) 0100",
    " =x", "a\0=b", "-5\0abc", "x\0-", "\0", "=\0", "5\0", "-5\r\n=1",
)  # fmt: skip


def test_the_guard_in_one_search_changes_the_cells_that_the_cell_by_cell_guard_changes() -> None:
    width = len(csv_export.HEADERS)
    rows = [
        [cell if n == at else "x" for n in range(width)]
        for cell in GUARD_CELLS
        for at in (0, 7, width - 1)
    ]
    rows.append([*GUARD_CELLS[:width]])
    for chosen in [[row] for row in rows] + [rows]:
        expected = [[csv_export._safe(cell) for cell in cells] for cells in chosen]
        assert csv_export._guarded([list(cells) for cells in chosen]) == expected
    changed = {cell for cell in GUARD_CELLS if csv_export._safe(cell) != cell}
    assert changed == {
        "=1+1", "=", "+", "-", "@", "@Bob", "-2+3", "+-", "\tx", "\rx", "-5\0abc", "=\0",
        "-5\r\n=1",
    }  # fmt: skip


def test_the_guard_returns_rows_that_need_nothing_as_they_are() -> None:
    rows = [["+1 555 0100", "--12-31", "-5", "\t5", *["x"] * 13], ["é"] * 17]
    assert csv_export._guarded(rows) is rows
    nul = [["-5\0abc", *[""] * 16]]
    assert csv_export._guarded(nul) == [["'-5\0abc", *[""] * 16]]


def test_over_a_thousand_people_are_exported_alike_from_whole_tables_and_500_at_a_time(
    store: Store,
) -> None:
    count = 1234
    with store.transaction():
        db = store.connection
        db.executemany(
            "INSERT INTO person (id, uid, display_name, name_key, given_name, birthday_month, "
            "birthday_day, birthday_year, how_met, last_contact_at, archived, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    n, f"u{n}", f"P{n % 97} {AWKWARD if n % 50 == 0 else n}", f"p{n % 97}",
                    None if n % 4 else f"=G{n}", 1 + n % 12, 1 + n % 28,
                    None if n % 3 else 1900 + n % 120, "at work" if n % 7 == 0 else None,
                    None if n % 5 == 0
                    else f"2026-03-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}:00Z",
                    int(n % 11 == 0), "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z",
                )
                for n in range(1, count + 1)
            ],
        )  # fmt: skip
        db.executemany(
            "INSERT INTO identity (person_id, kind, value, raw, shared, verified, position) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (n, kind, f"{kind}{n}-{k}", f"raw {n}-{k}", int(k == 1), int(k != 2), (5 - k) % 3)
                for n in range(1, count + 1, 2)
                for k, kind in enumerate(("email", "phone", "email", "linkedin", "phone", "email"))
            ],
        )
        db.execute("INSERT INTO organisation (id, name, norm) VALUES (1, 'One', 'one')")
        db.execute("INSERT INTO organisation (id, name, norm) VALUES (2, '@Two', '@two')")
        db.executemany(
            "INSERT INTO employment (person_id, organisation_id, title, position) "
            "VALUES (?, ?, ?, ?)",
            [(n, 1 + n % 2, f"T{n}", n % 3) for n in range(1, count + 1, 3)]
            + [(n, 2 - n % 2, None, 1) for n in range(1, count + 1, 6)],
        )
        db.executemany("INSERT INTO tag (id, name) VALUES (?, ?)", [(1, "mentor"), (2, "Ärzte")])
        db.executemany(
            "INSERT INTO person_tag (person_id, tag_id) VALUES (?, ?)",
            [(n, 1 + n % 2) for n in range(1, count + 1, 9)],
        )
    new = assert_alike(store)
    assert len(new) == count
    assert sum(bool(cells[3]) and bool(cells[4]) for cells in new) == count // 2  # two e-mails
    assert sum(cells[7] == "'@Two" for cells in new) > 100
    for tz in ZONES[:3]:  # a few of them: looked up 500 at a time
        written = exported(store, tz, "tag:mentor")
        assert written == reference_output(store, tz, "tag:mentor")
        assert written.count(b"\r\n") == 1 + 65  # the header, those tagged and not archived


def test_rows_left_by_a_person_deleted_without_foreign_keys_are_not_written(store: Store) -> None:
    with store.transaction():
        ann = add_person(store, PersonDraft("Ann", identities=(("email", "ann@example.org"),)), NOW)
        add_note(store, ann.id, "kept", "note", NOW)
    db = store.connection
    db.execute("PRAGMA foreign_keys = OFF")
    with store.transaction():
        for table in ("identity", "note"):
            db.execute(f"UPDATE {table} SET person_id = 999 WHERE person_id = ?", (ann.id,))
        db.execute(
            "INSERT INTO identity (person_id, kind, value, raw, position) "
            "VALUES (?, 'email', 'ann@new.example', 'ann@new.example', 0)",
            (ann.id,),
        )
    db.execute("PRAGMA foreign_keys = ON")
    new = assert_alike(store)
    assert new == [["Ann", "Ann", "", "ann@new.example", *[""] * 13]]
