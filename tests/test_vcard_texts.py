"""The vCard export's cards are written by SQLite (kith.store.exports.card_texts,
issue 15): each the
very card services.exports.vcard_export writes from the person, folded alike; the cards SQLite would
write otherwise are left to Python."""

from __future__ import annotations

from pathlib import Path

from kith.model import PersonDraft
from kith.services.exports import vcard_export
from kith.services.people import add_person
from kith.store import Store, open_store
from kith.store.exports.card_texts import card_texts
from tests.conftest import NOW, Kith
from tests.test_export_texts import import_corpus_vcards, written_alike

AWKWARD = 'quote " back\\slash, semi; tab \t newline \n return \r accents é 😀 ' * 2


def cards_both_ways(store: Store) -> tuple[dict[int, str | None], dict[int, str]]:
    """Each card as SQLite writes it, folded (None: left to Python), and as Python writes it."""
    ids = store.people.all_ids()
    with store.reading():
        written = card_texts(store.connection, ids, vcard_export.PRODID, vcard_export.TYPES)
        python = {p.id: vcard_export.card_text(p, NOW) for p in store.people.load(ids, detail=True)}
    texts = {i: None if text is None else vcard_export._folded(text) for i, text in written}
    return texts, python


def test_each_card_text_is_the_card_python_writes(demo: Kith, db_path: Path) -> None:
    store = open_store(db_path)
    try:
        texts, python = cards_both_ways(store)
    finally:
        store.close()
    assert len(texts) > 100
    assert sum(text is not None for text in texts.values()) > len(texts) / 2
    written_alike(texts, python)


def test_cards_imported_from_every_corpus_vcard_are_written_alike(
    kith: Kith, db_path: Path
) -> None:
    import_corpus_vcards(kith)
    store = open_store(db_path)
    try:
        texts, python = cards_both_ways(store)
    finally:
        store.close()
    written_alike(texts, python)
    assert len(texts) >= 7
    assert sum(text is not None for text in texts.values()) >= 1


def test_awkward_cards_are_written_by_sqlite_or_left_to_python_alike(store: Store) -> None:
    names = [f"Zoë {AWKWARD}", "Custom Label", "Long " + "Ωμέγα " * 20, "Linked", "Tagged", "Ä"]
    identities = [  # (person, kind, value, raw, label)
        (0, "email", "z@x.org", "Z@x.org", "work"),
        (1, "phone", "+1555", "+1 555", "my boat"),  # an X-ABLabel: left to Python
        (2, "url", "https://a.b/" + "c" * 80, "", None),
        (3, "linkedin", "in/ada", "ada", None),
        (3, "linkedin", "in/bob", "https://www.LinkedIn.com/in/bob", None),
    ]
    with store.transaction():
        ids = [add_person(store, PersonDraft(name), NOW).id for name in names]
        db = store.connection
        for n, (person, kind, value, raw, label) in enumerate(identities):
            db.execute(
                "INSERT INTO identity (person_id, kind, value, raw, label, position) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (ids[person], kind, value, raw, label, n),
            )
        db.execute(
            "UPDATE person SET nickname = ?, birthday_month = 2, birthday_day = 29, "
            "family_name = 'O;Brien', given_name = 'Zo,ë' WHERE id = ?",
            (AWKWARD, ids[0]),
        )
        db.execute(
            "INSERT INTO note (person_id, kind, text, created_at) VALUES "
            "(?, 'note', ?, '2026-11-01T09:00:00Z'), (?, 'news', 'at, a; bar', "
            "'2026-11-02T09:00:00Z')",
            (ids[0], AWKWARD, ids[0]),
        )
        db.execute(
            "INSERT INTO address (person_id, label, street, city, country) VALUES "
            "(?, 'home', 'Rua, 1; 2', 'Lisboa', 'PT'), (?, 'boat', 'Pier 9', 'Oslo', 'NO')",
            (ids[2], ids[1]),
        )
        db.execute("INSERT INTO tag (name) VALUES ('zebra'), ('Alpha'), ('b,c'), ('Ärzte')")
        for person, tag in [(ids[4], "zebra"), (ids[4], "Alpha"), (ids[4], "b,c")]:
            db.execute(
                "INSERT INTO person_tag (person_id, tag_id) SELECT ?, id FROM tag WHERE name = ?",
                (person, tag),
            )
        db.execute(
            "INSERT INTO person_tag (person_id, tag_id) SELECT ?, id FROM tag WHERE name = 'Ärzte'",
            (ids[5],),
        )
    texts, python = cards_both_ways(store)
    assert [texts[i] is None for i in ids] == [False, True, False, False, False, True]
    written_alike(texts, python)
    assert "CATEGORIES:Alpha,b\\,c,zebra\r\n" in str(texts[ids[4]])
    assert any(len(line.encode()) > 70 for line in str(texts[ids[2]]).split("\r\n"))


def test_a_name_never_split_is_written_by_sqlite_or_python_split_alike(store: Store) -> None:
    names = ["Jane Doe", "山田 太郎", "Castro, Ana", "O'Brien; \\x, Jr.", "🌻", "+41 79 123 45 67"]
    names += ["Bob :printable :python_people", "Zoë 'quoted' Ångström"]
    with store.transaction():  # as a mail or chat import adds them: a name, no parts
        ids = [add_person(store, PersonDraft(name), NOW).id for name in names]
        store.connection.execute("UPDATE person SET given_name = NULL, family_name = NULL")
    texts, python = cards_both_ways(store)
    # split at the last space by SQLite; the names split otherwise by Python
    assert [texts[i] is None for i in ids] == [False, True, True, True, False, True, False, False]
    written_alike(texts, python)
    assert [line for i in ids for line in python[i].split("\r\n") if line[:2] == "N:"] == [
        "N:Doe;Jane;;;",
        "N:山田;太郎;;;",
        "N:Castro;Ana;;;",
        "N:\\\\x;O'Brien\\;;;;",
        "N:;🌻;;;",
        "N:;+41 79 123 45 67;;;",
        "N::python_people;Bob :printable;;;",
        "N:Ångström;Zoë 'quoted';;;",
    ]
