"""The export's interactions are written as JSON text by SQLite (issue 15): each the very text
Python's encoder writes for the entry, and people's met-through read for many at once."""

from __future__ import annotations

from pathlib import Path

from kith.model import PersonDraft
from kith.services.exports import transfer
from kith.services.people import add_person, add_person_unchecked
from kith.store import Store, open_store
from kith.store.exports.dump import DumpReader
from kith.store.interactions import NewInteraction
from tests.conftest import NOW, Kith

AWKWARD = 'quote " backslash \\ tab \t newline \n bell \x07 accents é 😀 \u2028 </script>'


def entries_both_ways(store: Store) -> tuple[list[str], list[str]]:
    dump = DumpReader(store.connection)
    texts = [text for _, text in dump.interaction_texts(0, 1_000_000) if text is not None]
    python = [
        transfer._line(transfer._interaction(row))
        for row in dump.interactions(0, 1_000_000)
        if row.source_id
    ]
    return texts, python


def test_each_interaction_text_is_what_pythons_encoder_writes(demo: Kith, db_path: Path) -> None:
    store = open_store(db_path)
    try:
        texts, python = entries_both_ways(store)
    finally:
        store.close()
    assert len(texts) > 100
    assert texts == python


def test_awkward_text_and_many_participants_are_written_alike(store: Store) -> None:
    with store.transaction():
        ids = [add_person(store, PersonDraft(f"Zoë {n}"), NOW).id for n in range(3)]
        new = NewInteraction(
            "2026-11-01T10:00:00Z", "in_person", "both", "give", AWKWARD, tuple(ids), AWKWARD
        )
        store.interactions.insert(new, "2026-11-22T10:00:00Z")
        keyless = NewInteraction(
            "2026-11-02T10:00:00Z", "email", "out", "checkin", "no key", (ids[0],)
        )
        keyless_id = store.interactions.insert(keyless, "2026-11-22T10:00:00Z")
        store.connection.execute(
            "UPDATE interaction SET source_id = '' WHERE id = ?", (keyless_id,)
        )
    texts, python = entries_both_ways(store)
    assert texts == python
    assert len(texts) == 1
    document = transfer.export_document(store, NOW)
    keys = [entry["source_id"] for entry in document["interactions"]]
    assert keys[1].startswith("kith:")
    assert document["interactions"][0]["notes"] == AWKWARD


VCARDS = Path(__file__).parent / "fixtures" / "vcard"


def people_both_ways(store: Store) -> tuple[dict[int, str | None], dict[int, str]]:
    """Each person's entry as SQLite writes it (None: left to Python) and as the export's
    Python writes it from their card."""
    dump = DumpReader(store.connection)
    ids = store.people.all_ids()
    with store.reading():
        texts = dict(dump.person_texts(ids))
        everyone = [(i, None) for i in ids]
        python = {p.id: transfer._line(e) for p, e in transfer._people_built(store, dump, everyone)}
    return texts, python


def test_each_person_text_is_what_pythons_encoder_writes(demo: Kith, db_path: Path) -> None:
    store = open_store(db_path)
    try:
        texts, python = people_both_ways(store)
    finally:
        store.close()
    assert len(texts) > 100
    assert None not in texts.values()
    assert texts == python


def import_corpus_vcards(kith: Kith) -> None:
    """Every vCard of the corpus (tests/fixtures/vcard) imported into the test database."""
    for path in sorted(VCARDS.glob("*.vcf")):
        assert kith("import", str(path)).exit_code == 0, path.name


def written_alike(texts: dict[int, str | None], python: dict[int, str]) -> None:
    """Each text SQLite wrote is the one Python writes (None: left to Python)."""
    assert {i: t for i, t in texts.items() if t is not None} == {
        i: python[i] for i, t in texts.items() if t is not None
    }


def test_people_imported_from_every_corpus_vcard_are_written_alike(
    kith: Kith, db_path: Path
) -> None:
    import_corpus_vcards(kith)
    store = open_store(db_path)
    try:
        texts, python = people_both_ways(store)
        kept = store.connection.execute("SELECT count(*) FROM person WHERE vcard_extra != ''")
        assert kept.fetchone()[0] > 0  # lines Kith has no field for, written as a list
    finally:
        store.close()
    assert len(texts) >= 7
    written_alike(texts, python)
    assert None not in texts.values()


def test_awkward_cards_are_written_by_sqlite_or_left_to_python_alike(store: Store) -> None:
    with store.transaction():
        ids = [  # control characters and all, as Kith kept them before it refused them
            add_person_unchecked(store, PersonDraft(f"Zoë {n} {AWKWARD}"), NOW).id for n in range(6)
        ]
        db = store.connection
        db.execute(
            "UPDATE person SET closeness = 3, cadence_days = 14.0, depth = 'call' WHERE id = ?",
            (ids[0],),
        )
        db.execute("UPDATE person SET closeness = 1.5 WHERE id = ?", (ids[1],))  # to Python
        db.execute(
            "UPDATE person SET vcard_extra = ? WHERE id = ?", ("X-A:one\nX-B:two;three", ids[2])
        )
        db.execute(
            "UPDATE person SET vcard_extra = ? WHERE id = ?",
            ("X-A:back\\slash\\u001f\nX-B:two", ids[3]),
        )  # to Python
        db.execute("INSERT INTO tag (name) VALUES ('Ärzte'), ('zebra'), ('Alpha'), ('beta')")
        for name in ("zebra", "Alpha", "beta"):
            db.execute(
                "INSERT INTO person_tag (person_id, tag_id) SELECT ?, id FROM tag WHERE name = ?",
                (ids[4], name),
            )
        db.execute(
            "INSERT INTO person_tag (person_id, tag_id) SELECT ?, id FROM tag WHERE name = 'Ärzte'",
            (ids[5],),
        )  # to Python
        db.execute(
            "UPDATE person SET birthday_month = 2, birthday_day = 29, known_since = "
            "'2020-01-02', met_through_id = ?, nickname = ? WHERE id = ?",
            (ids[0], AWKWARD, ids[4]),
        )
        db.execute(
            "UPDATE person SET birthday_month = 12, birthday_day = 10, birthday_year = "
            "1815, pinned = 1, snoozed_until = '2026-12-01' WHERE id = ?",
            (ids[2],),
        )
        db.execute(
            "INSERT INTO let_go (person_id, at) VALUES (?, '2026-11-01T09:00:00Z')", (ids[2],)
        )
        db.execute(
            "INSERT INTO person_uid_alias (person_id, uid) VALUES (?, 'b'), (?, 'a')",
            (ids[0], ids[0]),
        )
    texts, python = people_both_ways(store)
    assert [texts[i] is None for i in ids] == [False, True, False, True, False, True]
    written_alike(texts, python)
    assert '"tags":["Alpha","beta","zebra"]' in str(texts[ids[4]])
    assert '"vcard_extra":["X-A:one","X-B:two;three"]' in str(texts[ids[2]])
    document = transfer.export_document(store, NOW)
    assert [transfer._line(p) for p in document["people"]] == [python[i] for i in sorted(python)]


def test_the_people_with_a_note_or_working_on_not_in_the_stored_form_are_left_to_python(
    store: Store,
) -> None:
    with store.transaction():
        ids = [add_person(store, PersonDraft(f"Person {n}"), NOW).id for n in range(5)]
        db = store.connection
        db.executemany(
            "INSERT INTO note (person_id, kind, text, created_at) VALUES (?, 'note', 'hi', ?)",
            [(ids[0], "2026-11-01T09:00:00Z"), (ids[1], "2026-11-01 09:00:00")],
        )
        db.executemany(
            "INSERT INTO working_on (person_id, text, as_of) VALUES (?, 'a book', ?)",
            [(ids[2], "2026-11-01"), (ids[3], "20261101")],
        )
    texts, python = people_both_ways(store)
    assert [texts[i] is None for i in ids] == [False, True, False, True, False]
    written_alike(texts, python)
    assert '"as_of":"2026-11-01"' in str(texts[ids[2]])
