"""The exports write many entries at once (issue 15): a batch of interactions as one JSON text
written by SQLite's json_object (compact, escaped as Python's encoder escapes), and the vCard
cards 500 to a text. Each file is the very text the entries written one by one give."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kith.model import Address, PersonDraft
from kith.services.exports import transfer, vcard_export
from kith.services.people import add_person, add_person_unchecked
from kith.store import Store, open_store
from kith.store.exports.card_texts import block_sql, card_block, escaped_ids, escaped_people
from kith.store.exports.dump import (
    BLOCK_RANGE_SQL,
    ENTRY_SEPARATOR,
    INTERACTION_BLOCK_SQL,
    ONE_PARTICIPANT_BLOCK_SQL,
    ONE_PARTICIPANT_SCAN_SQL,
    Block,
    DumpReader,
)
from kith.store.interactions import NewInteraction
from tests.conftest import NOW, Kith
from tests.test_export_texts import import_corpus_vcards


def one_by_one(store: Store, after: int, limit: int) -> list[str]:
    """The interactions' entries as the export writes each on its own (the path main took)."""
    dump = DumpReader(store.connection)
    rows = {row.id: row for row in dump.interactions(after, limit)}
    return [
        text if text is not None else transfer._line(transfer._interaction(rows[i]))
        for i, text in dump.interaction_texts(after, limit)
    ]


def reference_file(store: Store) -> str:
    """The JSON export as write_export lays it out, each entry encoded by Python's encoder."""
    document = transfer.export_document(store, NOW)
    lines = ["{"] + [
        f"  {transfer._line(key)}: {transfer._line(document[key])},"
        for key in ("format", "version", "schema", "exported_at", "settings")
    ]
    for position, name in enumerate(transfer.LISTS):
        entries = [transfer._line(entry) for entry in document[name]]
        body = ("\n    " + ENTRY_SEPARATOR.join(entries) + "\n  ]") if entries else "]"
        comma = "," if position < len(transfer.LISTS) - 1 else ""
        lines.append(f"  {transfer._line(name)}: [{body}{comma}")
    return "\n".join(lines) + "\n}\n"


def exported(store: Store) -> str:
    handle = io.StringIO()
    transfer.write_export(store, handle, NOW)
    return handle.getvalue()


def test_the_demos_json_export_is_each_entry_as_pythons_encoder_writes_it(
    demo: Kith, db_path: Path
) -> None:
    store = open_store(db_path)
    try:
        text, reference = exported(store), reference_file(store)
        interactions = store.connection.execute("SELECT count(*) FROM interaction").fetchone()[0]
    finally:
        store.close()
    assert interactions > 100
    assert text == reference


def test_a_block_is_the_entries_written_one_by_one_joined(demo: Kith, db_path: Path) -> None:
    store = open_store(db_path)
    try:
        dump = DumpReader(store.connection)
        ids = [row[0] for row in store.connection.execute("SELECT id FROM interaction")]
        held, after = 0, 0
        while after < max(ids):
            block = dump.interaction_block(after, 7)
            entries = one_by_one(store, after, 7)
            if block is not None:
                assert block.data.decode() == ENTRY_SEPARATOR.join(entries)
                assert block.count == len(entries) == 7 or block.last_id == max(ids)
                held += 1
            after = json.loads(entries[-1])["id"]
        assert dump.interaction_block(after, 7) == Block(b"", 0, after)
    finally:
        store.close()
    assert held > 10


def add_interactions(store: Store, summaries: list[str], duration: float | None = None) -> None:
    with store.transaction():
        person = add_person(store, PersonDraft("Zoë Example"), NOW).id
        for n, summary in enumerate(summaries):
            new = NewInteraction(
                f"2026-11-0{n + 1}T10:00:00Z", "email", "out", "checkin", summary, (person,)
            )
            store.interactions.insert(new, "2026-11-22T10:00:00Z")
        if duration is not None:
            store.connection.execute("UPDATE interaction SET duration = ?", (duration,))


@pytest.mark.parametrize("code", range(32))
def test_every_control_character_in_a_text_is_escaped_in_its_block_as_python_escapes_it(
    store: Store, code: int
) -> None:
    add_interactions(store, ["plain", f"before {chr(code)} after", "plain"])
    assert DumpReader(store.connection).interaction_block(0, 100) is not None
    assert exported(store) == reference_file(store)
    assert json.loads(exported(store))["interactions"][1]["summary"] == f"before {chr(code)} after"


@pytest.mark.parametrize(
    "awkward",
    ['a "quote"', "back\\slash", "a\ttab", "a\nline", "a\rreturn", "bell\x07", "nul \x00 byte"],
)
def test_a_batch_holding_a_value_to_escape_stays_one_block(store: Store, awkward: str) -> None:
    add_interactions(store, ["plain", awkward, "plain é 😀 \u2028 </script>"])
    assert DumpReader(store.connection).interaction_block(0, 100) is not None
    assert exported(store) == reference_file(store)
    assert json.loads(exported(store))["interactions"][1]["summary"] == awkward


@pytest.mark.parametrize(
    "column", ["at", "summary", "notes", "topic", "source", "source_id", "created_at"]
)
def test_a_nul_in_any_text_of_an_interaction_is_escaped_in_its_block(
    store: Store, column: str
) -> None:
    add_interactions(store, ["plain", "second", "third"])
    with store.connection:
        store.connection.execute(
            f"UPDATE interaction SET {column} = coalesce({column}, '') || char(0) || 'tail' "
            "WHERE summary = 'second'"
        )
    assert DumpReader(store.connection).interaction_block(0, 100) is not None
    text = exported(store)
    assert text == reference_file(store)
    assert "\\u0000tail" in text


def test_a_batch_of_values_needing_no_escape_is_one_text(store: Store) -> None:
    add_interactions(store, ["plain", "accents é 😀 \u2028 </script> {}[],:"])
    block = DumpReader(store.connection).interaction_block(0, 100)
    assert block is not None
    assert block.count == 2
    assert exported(store) == reference_file(store)


def test_a_duration_that_is_not_whole_is_left_to_python(store: Store) -> None:
    add_interactions(store, ["call"], duration=61.5)
    assert DumpReader(store.connection).interaction_block(0, 100) is None
    assert '"duration":61.5,' in exported(store)
    assert exported(store) == reference_file(store)


def test_a_duration_that_is_not_whole_is_left_to_python_without_a_source_id_too(
    store: Store,
) -> None:
    add_interactions(store, ["first", "call"])
    store.connection.execute(
        "UPDATE interaction SET source_id = '', duration = 61.5 WHERE summary = 'call'"
    )
    assert DumpReader(store.connection).interaction_block(0, 100) is None
    assert exported(store) == reference_file(store)


def test_a_whole_duration_is_written_in_the_block(store: Store) -> None:
    add_interactions(store, ["call"], duration=61)
    assert DumpReader(store.connection).interaction_block(0, 100) is not None
    assert '"duration":61,' in exported(store)
    assert exported(store) == reference_file(store)


def test_an_interaction_without_a_source_id_stays_in_its_block_and_gets_its_kith_key(
    store: Store,
) -> None:
    add_interactions(store, ["first", "keyless", "last"])
    store.connection.execute("UPDATE interaction SET source_id = '' WHERE summary = 'keyless'")
    block = DumpReader(store.connection).interaction_block(0, 100)
    assert block is not None
    assert block.keyless == (2,)
    document = json.loads(exported(store))
    assert document["interactions"][1]["source_id"].startswith("kith:")
    assert [entry["summary"] for entry in document["interactions"]] == ["first", "keyless", "last"]
    assert exported(store) == reference_file(store)


def test_many_interactions_without_a_source_id_across_blocks_are_what_python_writes(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    summaries = [f"logged {n}" for n in range(9)]
    add_interactions(store, summaries)
    store.connection.execute(  # one without a source id a source: (source, source_id) is unique
        "UPDATE interaction SET source = 'source ' || id, source_id = '' WHERE id % 3 != 0"
    )
    monkeypatch.setattr(transfer, "INTERACTION_BATCH", 4)
    text = exported(store)
    keys = [entry["source_id"] for entry in json.loads(text)["interactions"]]
    assert [key.startswith("kith:") for key in keys] == [True, True, False] * 3
    assert len(set(keys)) == 9
    assert text == reference_file(store)


def test_a_block_whose_interactions_have_one_participant_each_joins_them_to_the_rows(
    store: Store,
) -> None:
    add_interactions(store, ["first", "second é", "third"])
    db = store.connection
    window = {"after": 0, "limit": 100}
    assert db.execute(BLOCK_RANGE_SQL, window).fetchone() == (3, 3, 3, 3)
    joined = db.execute(ONE_PARTICIPANT_BLOCK_SQL, (0, 3)).fetchone()
    data, count, last, marks = db.execute(INTERACTION_BLOCK_SQL, (0, 100)).fetchone()
    assert joined == (data, count, None, marks)  # the block ends at the range's end
    assert last == 3
    assert b'"participants":["' in joined[0]
    assert db.execute(ONE_PARTICIPANT_SCAN_SQL, (0, 3)).fetchone() == joined
    reader = DumpReader(db)
    block = reader.interaction_block(0, 100)
    assert block is not None
    assert block.data.decode() == ENTRY_SEPARATOR.join(one_by_one(store, 0, 100))
    assert reader._joining is True
    assert reader.interaction_block(3, 100) == Block(b"", 0, 3)
    assert exported(store) == reference_file(store)


def test_the_joined_block_leaves_out_its_order_by_only_where_sqlite_reads_the_ids_ascending(
    store: Store,
) -> None:
    add_interactions(store, ["first", "second", "third"])
    db = store.connection
    in_order = DumpReader(db)
    assert in_order._joined() == ONE_PARTICIPANT_SCAN_SQL
    db.execute("PRAGMA reverse_unordered_selects = ON")  # the same plan, read backwards
    backwards = db.execute(ONE_PARTICIPANT_SCAN_SQL, (0, 3)).fetchone()[0]
    assert backwards.startswith(b'{"id":3,')
    reader = DumpReader(db)
    assert reader._joined() == ONE_PARTICIPANT_BLOCK_SQL
    block = reader.interaction_block(0, 100)
    assert block is not None
    assert block.data.decode() == ENTRY_SEPARATOR.join(one_by_one(store, 0, 100))
    assert block.data.startswith(b'{"id":1,')


def test_a_block_with_none_or_several_participants_to_an_interaction_is_the_entries_one_by_one(
    store: Store,
) -> None:
    add_interactions(store, ["one", "three", "none", "one again"])
    db = store.connection
    with store.transaction():
        others = [add_person(store, PersonDraft(f"Other {n}"), NOW).id for n in range(2)]
        db.executemany(
            "INSERT INTO participant (interaction_id, person_id) VALUES (2, ?)",
            [(i,) for i in others],
        )
        db.execute("DELETE FROM participant WHERE interaction_id = 3")
    assert db.execute(BLOCK_RANGE_SQL, {"after": 0, "limit": 100}).fetchone() == (4, 4, 5, 3)
    reader = DumpReader(db)
    block = reader.interaction_block(0, 100)
    assert block is not None
    assert block.data.decode() == ENTRY_SEPARATOR.join(one_by_one(store, 0, 100))
    assert reader._joining is False  # the next blocks go main's way without asking
    later = reader.interaction_block(2, 100)  # 3 and 4: none, then one participant
    assert later is not None
    assert later.data.decode() == ENTRY_SEPARATOR.join(one_by_one(store, 2, 100))
    assert reader.interaction_block(4, 100) == Block(b"", 0, 4)
    document = json.loads(exported(store))
    assert [len(entry["participants"]) for entry in document["interactions"]] == [1, 3, 0, 1]
    assert exported(store) == reference_file(store)


def test_a_participant_who_is_no_person_is_not_joined_and_the_block_leaves_them_out(
    store: Store,
) -> None:
    add_interactions(store, ["first", "orphaned", "third"])
    db = store.connection
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("UPDATE participant SET person_id = 999 WHERE interaction_id = 2")
    assert db.execute(BLOCK_RANGE_SQL, {"after": 0, "limit": 100}).fetchone() == (3, 3, 3, 3)
    assert db.execute(ONE_PARTICIPANT_BLOCK_SQL, (0, 3)).fetchone()[1] == 2
    # the subquery's block: no uid for them, as the entries written one by one have none
    block = DumpReader(db).interaction_block(0, 100)
    assert block is not None
    assert block.data.decode() == ENTRY_SEPARATOR.join(one_by_one(store, 0, 100))
    assert '"participants":[],' in exported(store)
    assert exported(store) == reference_file(store)


def test_the_file_written_through_its_bytes_is_the_text_written_as_text(
    store: Store, tmp_path: Path
) -> None:
    add_interactions(store, ["plain", "accents é 😀 \u2028", "third"])
    store.connection.execute("UPDATE interaction SET source_id = '' WHERE summary = 'third'")
    path = tmp_path / "kith.json"
    transfer.export_file(store, path, NOW)
    assert path.read_bytes() == exported(store).encode()
    assert path.read_text("utf-8") == reference_file(store)


def test_the_exports_event_keys_are_the_readers() -> None:
    from kith.sources.kith_json_entries import event_key

    assert transfer.event_key(12) == event_key(12) == "event-12"


def python_cards(store: Store) -> str:
    with store.reading():
        people = store.people.load(store.people.all_ids(), detail=True)
        return "".join(vcard_export.card_text(person, NOW) for person in people)


def sqlite_cards(store: Store) -> str:
    handle = io.StringIO()
    assert vcard_export.write_vcards(store, handle, NOW) == len(store.people.all_ids())
    return handle.getvalue()


def test_the_demos_vcard_export_is_every_card_python_writes(demo: Kith, db_path: Path) -> None:
    store = open_store(db_path)
    try:
        assert sqlite_cards(store) == python_cards(store)
    finally:
        store.close()


def test_the_corpus_cards_export_as_python_writes_them(kith: Kith, db_path: Path) -> None:
    import_corpus_vcards(kith)
    store = open_store(db_path)
    try:
        assert sqlite_cards(store) == python_cards(store)
    finally:
        store.close()


def test_a_card_holding_a_nul_leaves_every_card_to_python(store: Store) -> None:
    with store.transaction():
        for name in ("Ann Example", "Nul \x00 Name", "Bea Example", "Long " + "Ωμέγα " * 20):
            add_person_unchecked(store, PersonDraft(name), NOW)  # a NUL, as Kith kept then
    sql = block_sql(store.connection, vcard_export.TYPES)
    args = (vcard_export.PRODID, vcard_export.TYPES)
    pieces = ["", 1, "", 2, "", 3, "", 4, ""]
    assert card_block(store.connection, sql, 0, 10, *args) == (pieces, 4, 4)
    text = sqlite_cards(store)
    assert text == python_cards(store)
    assert "FN:Nul  Name\r\n" in text  # the NUL left out: a card never holds one
    assert "FN:Long Ωμέγα Ωμέγα" in text
    assert "\r\n " in text  # folded at 75 octets


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("person", "nickname"),
        ("person", "family_name"),
        ("person", "uid"),
        ("identity", "raw"),
        ("organisation", "name"),
        ("employment", "title"),
    ],
)
def test_a_nul_in_any_value_a_card_prints_leaves_the_cards_to_python(
    store: Store, table: str, column: str
) -> None:
    with store.transaction():
        add_person(store, PersonDraft("Plain Person", (("email", "plain@example.org"),)), NOW)
        add_person(
            store,
            PersonDraft("Odd Person", (("email", "odd@example.org"),), company="Acme", title="CTO"),
            NOW,
        )
        store.connection.execute(
            f"UPDATE {table} SET {column} = coalesce({column}, '') || char(0) || 'tail' "
            f"WHERE rowid = (SELECT max(rowid) FROM {table})"
        )
    sql = block_sql(store.connection, vcard_export.TYPES)
    block = card_block(store.connection, sql, 0, 10, vcard_export.PRODID, vcard_export.TYPES)
    assert block is not None
    assert block[0] == ["", 1, "", 2, ""]
    text = sqlite_cards(store)
    assert text == python_cards(store)
    assert "\x00" not in text  # left out of the card, the value's rest kept
    assert "tail" in text


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("identity", "label", "work\x00tail"),
        ("address", "street", "1 High St\x00tail"),
        ("tag", "name", "friends\x00tail"),
        ("note", "text", "met\x00tail"),
    ],
)
def test_a_nul_where_the_escape_scans_do_not_read_is_seen_by_sqlite(
    store: Store, table: str, column: str, value: str
) -> None:
    with store.transaction():
        add_person(store, PersonDraft("Plain Person", (("email", "plain@example.org"),)), NOW)
        odd = add_person(
            store,
            PersonDraft(
                "Odd Person",
                (("email", "odd@example.org"),),
                tags=("friends",),
                addresses=(Address("home", "1 High St", "Leeds"),),
            ),
            NOW,
        ).id
        store.connection.execute(
            "INSERT INTO note (person_id, kind, text, created_at) VALUES (?, 'note', 'met', ?)",
            (odd, "2026-11-22T10:00:00Z"),
        )
        store.connection.execute(
            f"UPDATE {table} SET {column} = ? WHERE rowid = (SELECT max(rowid) FROM {table})",
            (value,),
        )
    sql = block_sql(store.connection, vcard_export.TYPES)
    block = card_block(store.connection, sql, 0, 10, vcard_export.PRODID, vcard_export.TYPES)
    assert block is not None
    assert block[0][-2:] == [2, ""]  # the odd card is Python's, whether or not the first is
    assert sqlite_cards(store) == python_cards(store)


def test_the_escape_scans_see_a_nul_in_what_they_read_by_its_count(store: Store) -> None:
    with store.transaction():
        for name in ("Ann Example", "Bea Example", "Cid Example"):
            add_person(store, PersonDraft(name), NOW)
    assert escaped_ids(store.connection, "escaped_people") == ""
    store.connection.execute("UPDATE person SET suffix = 'a' || char(0) || 'b' WHERE id = 2")
    with pytest.raises(ValueError, match="holds a NUL"):
        escaped_ids(store.connection, "escaped_people")


def test_a_unit_separator_in_a_value_the_escape_scans_read_leaves_them_to_read_by_nuls(
    store: Store,
) -> None:
    with store.transaction():
        for name in ("Ann Example", "Bea Example", "Cid Example", "Dee Example"):
            add_person(store, PersonDraft(name), NOW)
    store.connection.execute("UPDATE person SET nickname = 'a' || char(31) || 'b' WHERE id = 2")
    store.connection.execute("UPDATE person SET suffix = 'Jr., PhD' WHERE id = 3")
    assert escaped_people(store.connection) == "3"  # not 2 or 4: the rows counted by NULs
    assert sqlite_cards(store) == python_cards(store)
    store.connection.execute("UPDATE person SET prefix = 'x' || char(0) WHERE id = 4")
    with pytest.raises(ValueError, match="holds a NUL"):
        escaped_ids(store.connection, "escaped_people")


def test_the_people_whose_own_values_need_escaping_are_found_by_their_values(
    store: Store,
) -> None:
    with store.transaction():
        ids = [add_person(store, PersonDraft(f"Person {n}"), NOW).id for n in range(7)]
        for person, (column, value) in zip(
            ids[1:],
            [
                ("display_name", "Smith, Jr."),
                ("nickname", "two\nlines"),
                ("suffix", "back\\slash"),
                ("prefix", "semi;colon"),
                ("uid", "uid\rreturn"),
                ("given_name", "Ann, Bea; Cy"),
            ],
            strict=True,
        ):
            store.connection.execute(
                f"UPDATE person SET {column} = ? WHERE id = ?", (value, person)
            )
    assert escaped_people(store.connection) == ", ".join(str(i) for i in ids[1:])
    assert sqlite_cards(store) == python_cards(store)


def test_the_identities_and_jobs_whose_values_need_escaping_are_found_by_their_values(
    store: Store,
) -> None:
    with store.transaction():
        for n in range(6):
            identities = (("email", f"p{n}@example.org"), ("phone", f"+4420790000{n:02d}"))
            add_person(store, PersonDraft(f"Person {n}", identities, company=f"Org {n}"), NOW)
        edits = [  # (table, column, value, rowid): one special character each, rows apart
            ("identity", "raw", "p1@example.org, ext", 3),
            ("identity", "value", "semi;colon", 6),
            ("identity", "raw", "back\\slash", 7),
            ("identity", "raw", "two\nlines", 10),
            ("identity", "raw", "carriage\rreturn", 12),
            ("organisation", "name", "Acme, Inc.", 2),
            ("employment", "title", "CEO; founder", 4),
        ]
        for table, column, value, rowid in edits:
            store.connection.execute(
                f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (value, rowid)
            )
    assert escaped_ids(store.connection, "escaped_identities") == "3, 6, 7, 10, 12"
    assert escaped_ids(store.connection, "escaped_jobs") == "2, 4"
    assert escaped_people(store.connection) == ""
    text = sqlite_cards(store)
    assert text == python_cards(store)
    assert "EMAIL:p1@example.org\\, ext\r\n" in text
    assert "ORG:Acme\\, Inc.\r\n" in text
    assert "TITLE:CEO\\; founder\r\n" in text


def test_the_people_whose_cards_python_writes_are_listed_once_by_their_rows(
    store: Store,
) -> None:
    with store.transaction():
        ids = [
            add_person(store, PersonDraft(f"Person {n}", (("email", f"p{n}@example.org"),)), NOW).id
            for n in range(5)
        ]
        store.connection.execute(
            "UPDATE identity SET label = 'My own words' WHERE person_id = ?", (ids[1],)
        )
        store.connection.execute(
            "UPDATE identity SET kind = 'linkedin', raw = 'linkedin.com/in/zoë', "
            "value = 'linkedin.com/in/zoë' WHERE person_id = ?",
            (ids[3],),
        )
    sql = block_sql(store.connection, vcard_export.TYPES)
    block = card_block(store.connection, sql, 0, 10, vcard_export.PRODID, vcard_export.TYPES)
    assert block is not None
    assert [piece for piece in block[0] if isinstance(piece, int)] == [ids[1], ids[3]]
    text = sqlite_cards(store)
    assert text == python_cards(store)
    assert "X-ABLabel:My own words" in text


# texts of what vcard escapes, plain letters, a space and a colon
AWKWARD = st.text(st.sampled_from(["a", "é", " ", ",", ";", "\\", "\n", "\r", ":"]), max_size=6)
CARDS = st.lists(st.tuples(AWKWARD, AWKWARD, AWKWARD, AWKWARD), min_size=1, max_size=6)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cards=CARDS)
def test_any_values_are_escaped_in_the_cards_sqlite_writes_as_python_escapes_them(
    cards: list[tuple[str, str, str, str]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "kith.db")
        try:
            with store.transaction():
                for n, (nickname, raw, organisation, title) in enumerate(cards):
                    draft = PersonDraft(
                        f"Person {n}", (("email", f"p{n}@example.org"),), f"Org {n}", "Title"
                    )
                    person = add_person(store, draft, NOW).id
                    for table, column, value, key in [
                        ("person", "nickname", nickname, "id"),
                        ("identity", "raw", raw, "person_id"),
                        ("employment", "title", title, "person_id"),
                    ]:
                        store.connection.execute(
                            f"UPDATE {table} SET {column} = ? WHERE {key} = ?", (value, person)
                        )
                    store.connection.execute(
                        "UPDATE organisation SET name = ? WHERE id = (SELECT organisation_id "
                        "FROM employment WHERE person_id = ?)",
                        (organisation or f"Org {n}", person),
                    )
            assert sqlite_cards(store) == python_cards(store)
        finally:
            store.close()


def test_the_cards_of_a_database_without_a_nul_are_written_by_sqlite(store: Store) -> None:
    with store.transaction():
        add_person(store, PersonDraft("Ann Example", company="Acme", title="CTO"), NOW)
    sql = block_sql(store.connection, vcard_export.TYPES)
    block = card_block(store.connection, sql, 0, 10, vcard_export.PRODID, vcard_export.TYPES)
    assert block is not None
    assert len(block[0]) == 1
    assert "ORG:Acme\r\nTITLE:CTO\r\n" in block[0][0]


def test_a_card_python_writes_sits_between_the_ones_sqlite_wrote(store: Store) -> None:
    with store.transaction():
        ids = [add_person(store, PersonDraft(f"Person {n}"), NOW).id for n in range(3)]
        store.connection.execute(
            "UPDATE person SET vcard_extra = 'X-KEPT:line' WHERE id = ?", (ids[1],)
        )
    sql = block_sql(store.connection, vcard_export.TYPES)
    block = card_block(store.connection, sql, 0, 10, vcard_export.PRODID, vcard_export.TYPES)
    assert block is not None
    pieces, count, last = block
    assert (count, last) == (3, ids[2])
    assert [type(piece) for piece in pieces] == [str, int, str]
    assert pieces[1] == ids[1]
    text = sqlite_cards(store)
    assert text == python_cards(store)
    assert text.index("FN:Person 0") < text.index("X-KEPT:line") < text.index("FN:Person 2")


@pytest.mark.parametrize(
    "awkward", ["Smith, Jr.", "semi;colon", "back\\slash", "two\nlines", "carriage\rreturn"]
)
def test_a_card_whose_own_values_need_escaping_is_what_python_writes(
    store: Store, awkward: str
) -> None:
    with store.transaction():
        add_person(store, PersonDraft("Plain Person", (("email", "plain@example.org"),)), NOW)
        odd = add_person(store, PersonDraft(awkward, company=awkward, title=awkward), NOW).id
        add_person(store, PersonDraft("Last Person", company="Acme Ltd", title="CTO"), NOW)
        store.connection.execute(
            "UPDATE person SET nickname = ?, family_name = ?, suffix = ? WHERE id = ?",
            (awkward, awkward, awkward, odd),
        )
    text = sqlite_cards(store)
    assert text == python_cards(store)
    assert "FN:Plain Person\r\n" in text
    assert "ORG:Acme Ltd\r\nTITLE:CTO\r\n" in text
    escaped = awkward.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,")
    escaped = escaped.replace(";", "\\;").replace("\r", "")
    assert f"NICKNAME:{escaped}\r\n" in text
    assert f"ORG:{escaped}\r\n" in text


def test_an_identity_or_an_address_needing_escaping_is_what_python_writes(
    store: Store,
) -> None:
    from kith.model import Address

    with store.transaction():
        add_person(
            store,
            PersonDraft(
                "Ann Example",
                (("email", "ann@example.org"), ("url", "https://example.org/a,b;c")),
                addresses=(Address(street="1 High St, Flat 2", city="Bath; Somerset"),),
            ),
            NOW,
        )
    text = sqlite_cards(store)
    assert text == python_cards(store)
    assert "https://example.org/a\\,b\\;c" in text
    assert "1 High St\\, Flat 2;Bath\\; Somerset" in text


AWKWARD = [
    'a "quote"',
    "back\\slash",
    "tab\tbell\x07",
    "nul \x00 byte",
    "line\nend",
    "crlf\r\nend",
    "emoji 😀🧑‍🤝‍🧑",
    "",
    "long " + "é" * 5000,
    "comma, semi; colon: {braces} [brackets]",
]


def test_a_database_of_awkward_values_exports_what_python_writes(store: Store) -> None:
    with store.transaction():
        plain = add_person(store, PersonDraft("Plain Person"), NOW).id
        for n, awkward in enumerate(AWKWARD):
            person = add_person_unchecked(  # control characters and all, as Kith kept them
                store,
                PersonDraft(
                    f"{awkward} {n}",
                    (("email", f"p{n}@example.org"),),
                    company=awkward or None,
                    title=awkward or None,
                    tags=("friends",),
                ),
                NOW,
            ).id
            store.connection.execute(
                "UPDATE person SET nickname = ?, family_name = ? WHERE id = ?",
                (awkward, awkward, person),
            )
            for m, (summary, notes) in enumerate([(awkward, None), ("plain", awkward)]):
                new = NewInteraction(
                    f"2026-11-{n + 1:02}T1{m}:00:00Z",
                    "email",
                    "out",
                    "checkin",
                    summary,
                    (person, plain),
                    notes=notes,
                    source=f"source {n}",
                )
                store.interactions.insert(new, "2026-11-22T10:00:00Z")
        # one a source logged in Kith: no source id of its own ((source, source_id) is unique)
        store.connection.execute("UPDATE interaction SET source_id = '' WHERE summary = 'plain'")
    text = exported(store)
    assert text == reference_file(store)
    document = json.loads(text)
    assert [entry["summary"] for entry in document["interactions"][::2]] == AWKWARD
    assert sum(entry["source_id"].startswith("kith:") for entry in document["interactions"]) == 10
    assert sqlite_cards(store) == python_cards(store)


def test_a_handle_that_does_not_write_utf8_gets_the_blocks_as_text(store: Store) -> None:
    add_interactions(store, ["plain", "accents é 😀", "third"])
    raw = io.BytesIO()
    handle = io.TextIOWrapper(raw, encoding="utf-16", newline="")
    assert transfer._raw(handle) is None
    transfer.write_export(store, handle, NOW)
    handle.flush()
    assert raw.getvalue().decode("utf-16") == reference_file(store)
    assert transfer._raw(io.TextIOWrapper(io.BytesIO(), encoding="UTF8")) is not None


def test_a_json_object_that_escapes_otherwise_than_python_leaves_the_interactions_entry_by_entry(
    store: Store,
) -> None:
    add_interactions(store, ["plain", "accents é 😀", "third"])

    def ascii_object(*pairs: object) -> str:  # escapes é: what Python's encoder does not
        return json.dumps(dict(zip(pairs[::2], pairs[1::2], strict=True)), separators=(",", ":"))

    store.connection.create_function("json_object", -1, ascii_object)
    reader = DumpReader(store.connection)
    assert reader.interaction_block(0, 100) is None
    assert exported(store) == reference_file(store)
    assert '"summary":"accents é 😀"' in exported(store)


def test_this_sqlites_json_object_escapes_as_python_does(store: Store) -> None:
    assert DumpReader(store.connection)._escapes_as_python() is True
