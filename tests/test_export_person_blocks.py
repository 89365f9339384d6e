"""The people's JSON export entries written by SQLite 500 to a text (issue 15): each block is
the entries PERSON_TEXT_SQL writes one by one, joined, and the file what Python's encoder
writes; a chunk holding someone left to Python is written one by one, as before."""

from __future__ import annotations

import json

import pytest

from kith.model import PersonDraft
from kith.services.people import add_person
from kith.store import Store
from kith.store.exports.dump import ENTRY_SEPARATOR, DumpReader
from tests.conftest import NOW
from tests.test_export_blocks import exported, reference_file
from tests.test_export_hashes import AWKWARD, seed


def everyone(store: Store) -> list[int]:
    return DumpReader(store.connection).person_ids()


def one_by_one(store: Store) -> bytes:
    texts = DumpReader(store.connection).person_texts(everyone(store))
    assert all(text is not None for _, text in texts)
    return ENTRY_SEPARATOR.join(str(text) for _, text in texts).encode()


def seed_every_field(store: Store) -> None:
    """test_export_hashes' awkward people (without its tag that is not ASCII, whose people
    Python writes), with every list and plan column a person's entry has filled in for some."""
    seed(store)
    with store.transaction():
        db = store.connection
        db.execute(
            "DELETE FROM person_tag WHERE tag_id IN (SELECT id FROM tag WHERE name = ?)", ("Ärzte",)
        )
        db.execute(
            "INSERT INTO event (name, day, created_at) VALUES ('Fair', '2026-05-01', ?)",
            (NOW.isoformat(),),
        )
        db.execute(
            "UPDATE person SET met_through_id = id - 1, met_event_id = 1, known_since = "
            "CASE WHEN id % 2 THEN '2020-01-02' ELSE '' END, depth = 'call', closeness = 3, "
            "pinned = 1, muted = id % 3 = 0, snoozed_until = '2026-12-01T10:00:00Z', "
            "cadence_days = 14.0, cadence_max_days = 30, vcard_extra = ? WHERE id % 4 = 2",
            ('X-ONE:a "b"\nX-TWO:é\\n',),
        )
        for n, awkward in enumerate(AWKWARD):
            person = 1 + n * 4
            db.execute(
                "INSERT INTO let_go (person_id, at) VALUES (?, ?)", (person, "2026-10-01T10:00:00Z")
            )
            db.execute(
                "INSERT INTO person_uid_alias (uid, person_id) VALUES (?, ?)",
                (f"old {awkward}", person),
            )
            db.execute(
                "INSERT INTO facet (person_id, kind, text, created_at) "
                "VALUES (?, 'interest', ?, ?)",
                (person, awkward or "tea", "2026-10-01T10:00:00Z"),
            )
            db.execute(
                "INSERT INTO working_on (person_id, text, as_of) VALUES (?, ?, '2026-09-0' || ?)",
                (person, awkward or "a book", 1 + n % 9),
            )


def test_a_block_of_awkward_people_is_their_entries_written_one_by_one_joined(store: Store) -> None:
    seed_every_field(store)
    ids = everyone(store)
    block = DumpReader(store.connection).person_block(ids)
    assert block is not None
    assert block.count == len(ids) == 60
    assert block.data == one_by_one(store)
    text = exported(store)
    assert text == reference_file(store)
    people = json.loads(text)["people"]
    assert people[1]["vcard_extra"] == ['X-ONE:a "b"', "X-TWO:é\\n"]
    assert people[1]["pinned"] is True
    assert people[1]["known_since"] is None
    assert people[0]["uid_aliases"] == ["old plain"]
    assert people[0]["let_go_at"] == "2026-10-01T10:00:00Z"
    assert people[4]["working_on"] == [{"text": "Zoë Ångström", "as_of": "2026-09-02"}]


def test_a_chunk_holding_someone_python_writes_is_not_a_block(store: Store) -> None:
    seed(store)  # its people tagged Ärzte are written by Python (NOCASE sorts it otherwise)
    reader = DumpReader(store.connection)
    ids = everyone(store)
    assert reader.person_block(ids) is None
    assert reader.person_block(ids[1:11]) is not None  # 2 to 11: none of them tagged so
    assert exported(store) == reference_file(store)


@pytest.mark.parametrize("code", range(32))
def test_every_control_character_in_a_persons_texts_is_escaped_in_the_block_as_python_does(
    store: Store, code: int
) -> None:
    awkward = f"before {chr(code)} after"
    with store.transaction():
        add_person(store, PersonDraft("Plain Person"), NOW)
        add_person(store, PersonDraft("Ann", (("email", "a@example.org"),), company="Acme"), NOW)
        db = store.connection
        db.execute("UPDATE person SET display_name = ?, how_met = ?", (awkward, awkward))
        db.execute("UPDATE identity SET label = ?", (awkward,))
        db.execute("UPDATE organisation SET name = ?", (awkward,))
    assert DumpReader(store.connection).person_block(everyone(store)) is not None
    assert exported(store) == reference_file(store)
    person = json.loads(exported(store))["people"][1]
    assert person["name"] == person["how_met"] == person["jobs"][0]["organisation"] == awkward
    assert person["identities"][0]["label"] == awkward


def test_a_json_object_that_escapes_otherwise_than_python_leaves_the_people_one_by_one(
    store: Store,
) -> None:
    with store.transaction():
        add_person(store, PersonDraft("Zoë Example", (("email", "z@example.org"),)), NOW)

    def ascii_object(*pairs: object) -> str:  # escapes é: what Python's encoder does not
        return json.dumps(dict(zip(pairs[::2], pairs[1::2], strict=True)), separators=(",", ":"))

    store.connection.create_function("json_object", -1, ascii_object)
    assert DumpReader(store.connection).person_block(everyone(store)) is None
    assert exported(store) == reference_file(store)
    assert '"name":"Zoë Example"' in exported(store)


def test_a_persons_text_that_is_not_utf8_is_not_a_block(store: Store) -> None:
    with store.transaction():
        add_person(store, PersonDraft("Zoë Example"), NOW)
        store.connection.execute("UPDATE person SET nickname = CAST(X'5AFF' AS TEXT)")
    assert DumpReader(store.connection).person_block(everyone(store)) is None


def test_ids_that_are_not_every_person_between_the_first_and_the_last_are_not_a_block(
    store: Store,
) -> None:
    with store.transaction():
        for name in ("Ann", "Bob", "Cy"):
            add_person(store, PersonDraft(name), NOW)
    reader = DumpReader(store.connection)
    assert reader.person_block([1, 3]) is None
    assert reader.person_block([]) is None
    block = reader.person_block([1, 2, 3])
    assert block is not None
    assert (block.count, block.last_id) == (3, 3)
