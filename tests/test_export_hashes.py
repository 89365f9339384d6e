"""The JSON and vCard exports of one seeded database of awkward values, byte for byte: their
SHA-256 are kept here as literals, so that a change made for speed cannot change a byte of either
file. The vCard's is the one main's export code wrote (a3cd6f9, before session 13's export
changes); the JSON's is that of session 14's compact entries (`,` and `:`), whose document is
the one the writer before them gave: tests/fixtures/export/awkward-before-compact.json.gz is
that writer's file (its SHA-256 the literal this test held until then), compared here parsed.
The JSON's schema version is the one field a new migration changes: it is checked to be the
newest and hashed as it was then (40)."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from datetime import timedelta
from pathlib import Path

from kith.model import Address, Birthday, PersonDraft
from kith.services.exports import transfer, vcard_export
from kith.services.people import add_person_unchecked
from kith.store import Store, open_store
from kith.store.interactions import NewInteraction
from kith.store.migrations import all_migrations
from tests.conftest import NOW

JSON_SHA256 = "28f974a02f4f65b20e1786ab171c68b7dba1a504448d97e3b11cdbfd4e418918"
VCARD_SHA256 = "a21244834e0643b7dd3de0bbf0eed03357ed9ac6477abf1f6c61db48154afa43"

BEFORE_COMPACT = Path(__file__).parent / "fixtures" / "export" / "awkward-before-compact.json.gz"

AWKWARD = [
    "plain",
    "Zoë Ångström",
    'quote " inside',
    "back\\slash",
    "tab\tbell\x07",
    "line\nend",
    "crlf\r\nend",
    "emoji 😀🧑‍🤝‍🧑",
    "",
    "comma, semi; colon: {braces} [brackets]",
    "long " + "Ωμέγα " * 20,
    "ascii long " + "x" * 90,
    "unit \x1f separator",
]
NOW_TEXT = "2026-11-22T10:00:00Z"
# what the first block of interactions holds: nothing to escape (the block stays one text)
PRINTED = [a for a in AWKWARD if not any(c in a for c in '"\\') and a.isprintable()]
LABELS = ["work", "home", "cell", None, "", "Büro", "other, odd"]


def seed(store: Store) -> None:
    """People with awkward values, several identities out of position order, jobs, tags,
    addresses, notes, birthdays, archived people; 2,100 interactions (more than one
    block: the first written as one text, the second, holding values to escape, entry by entry)
    with one to three participants, some without a source id."""
    with store.transaction():
        db = store.connection
        ids: list[int] = []
        for n in range(60):
            awkward = AWKWARD[n % len(AWKWARD)]
            draft = PersonDraft(
                f"{awkward} {n}".strip() or f"Person {n}",
                (
                    ("email", f"p{n}@example.org"),
                    ("phone", f"+44 7700 900{n:03}"),
                    ("url", f"https://example.org/{n}"),
                ),
                company=(awkward or None) if n % 3 else f"Company {n % 7}",
                title=awkward or None if n % 2 else None,
                tags=("friends", "Ärzte") if n % 11 == 0 else ("friends",) if n % 2 else (),
                birthday=Birthday(3, 1 + n % 28, 1950 + n if n % 2 else None) if n % 4 else None,
                addresses=(Address(LABELS[n % len(LABELS)], awkward, "Città", None, "N1", "UK"),)
                if n % 5 == 0
                else (),
            )
            ids.append(add_person_unchecked(store, draft, NOW).id)  # a BEL, as Kith kept then
        db.execute("UPDATE person SET uid = printf('uid-%04d', id)")
        db.execute("UPDATE person SET archived = 1 WHERE id % 6 = 0")
        db.execute("UPDATE person SET nickname = ? WHERE id % 4 = 1", (AWKWARD[5],))
        db.execute("UPDATE person SET family_name = '' WHERE id % 9 = 2")
        # N's parts holding a comma and a semicolon to escape, as split_name split "comma, semi;
        # … 9" before it read a comma as "Family, Given"
        db.execute(
            "UPDATE person SET given_name = ?, family_name = substr(display_name, ?) "
            "WHERE display_name LIKE ?",
            (AWKWARD[9], len(AWKWARD[9]) + 2, f"{AWKWARD[9]} %"),
        )
        db.execute("UPDATE person SET prefix = 'Dr.', suffix = 'Jr., PhD' WHERE id % 10 = 3")
        db.execute("UPDATE identity SET position = 5 - position, label = NULL")
        for n, (identity,) in enumerate(db.execute("SELECT id FROM identity").fetchall()):
            db.execute(
                "UPDATE identity SET label = ? WHERE id = ?",
                (LABELS[n // 5 % len(LABELS)] if n % 5 == 0 else ("work", "home")[n % 2], identity),
            )
        db.execute("UPDATE identity SET label = NULL WHERE kind = 'url' AND id % 10 != 0")
        for person in ids[::7]:
            db.execute(
                "INSERT INTO note (person_id, kind, text, created_at) VALUES (?, 'note', ?, ?)",
                (person, "Met at the fair; likes tea,\nand jazz", NOW_TEXT),
            )
        for n in range(2100):
            texts = AWKWARD if n >= 2000 else PRINTED
            people = tuple(ids[(n + k * 17) % len(ids)] for k in range(1 + n % 3))
            new = NewInteraction(
                f"2026-{1 + n % 11:02}-{1 + n % 28:02}T{n % 24:02}:00:00Z",
                ("email", "call", "message")[n % 3],
                ("out", "in", "both")[n % 3],
                "checkin",
                texts[n % len(texts)] or "empty",
                tuple(sorted(set(people))),
                notes=texts[(n + 3) % len(texts)] if n % 4 else None,
                source=f"seed {n % 5}",
                source_id=f"s{n}",
            )
            store.interactions.insert(new, "2026-11-22T10:00:00Z")
        db.execute(
            "UPDATE interaction SET source = 'manual ' || id, source_id = '' WHERE id % 13 = 0"
        )
        db.execute("UPDATE interaction SET duration = id * 7 WHERE id % 5 = 0")
        db.execute("UPDATE interaction SET topic = 'health' WHERE id % 8 = 0")


def test_the_json_export_of_awkward_values_is_the_one_main_wrote(
    store: Store, tmp_path: Path
) -> None:
    seed(store)
    path = tmp_path / "out.json"
    counts = transfer.export_file(store, path, NOW)
    assert counts["people"] == 60
    assert counts["interactions"] == 2100
    written = path.read_bytes()
    newest = max(migration.version for migration in all_migrations())
    assert f'"schema": {newest},'.encode() in written[:200]
    assert b'{"id":2001,"at":"2026-' in written
    as_then = re.sub(rb'"schema": \d+,', b'"schema": 40,', written, count=1)
    assert hashlib.sha256(as_then).hexdigest() == JSON_SHA256


def test_the_json_export_of_awkward_values_parses_to_the_document_written_before_compact_entries(
    store: Store, tmp_path: Path
) -> None:
    seed(store)
    path = tmp_path / "out.json"
    transfer.export_file(store, path, NOW)
    before = json.loads(gzip.decompress(BEFORE_COMPACT.read_bytes()))
    after = json.loads(path.read_bytes())
    before["schema"] = after["schema"]  # a migration since changes it alone
    assert len(after["interactions"]) == 2100
    assert after == before


def test_the_vcard_export_of_awkward_values_is_the_one_main_wrote(
    store: Store, tmp_path: Path
) -> None:
    seed(store)
    path = tmp_path / "out.vcf"
    assert vcard_export.export_vcards(store, path, NOW) == 60
    assert hashlib.sha256(path.read_bytes()).hexdigest() == VCARD_SHA256


def test_the_awkward_export_imported_into_an_empty_database_exports_the_same_document(
    store: Store, tmp_path: Path
) -> None:
    from kith.services.imports import import_file

    seed(store)  # interactions up to 2026-11-28: imported as of a later day
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    transfer.export_file(store, first, NOW)
    copy = open_store(tmp_path / "copy.db")
    try:
        report = import_file(copy, first, kind=None, now=NOW + timedelta(days=40))
        assert report.skipped == []
        transfer.export_file(copy, second, NOW)
    finally:
        copy.close()
    assert json.loads(second.read_bytes()) == json.loads(first.read_bytes())
