"""Reading a Kith JSON export back into records: order, bad entries, refusals, streaming."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kith.errors import UserError
from kith.model import Identity
from kith.records import (
    ArticleRecord,
    EventRecord,
    FollowUpRecord,
    InteractionRecord,
    InteractionRef,
    PersonRecord,
    RelationshipRecord,
    SettingRecord,
    ShareRecord,
    Skipped,
    SkipRecord,
    WantRecord,
)
from kith.sources import json_stream, kith_json

ADA = "00000000-0000-4000-8000-00000000000a"
BOB = "00000000-0000-4000-8000-00000000000b"
AT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def export(**sections: Any) -> dict[str, Any]:
    return {"format": "kith", "version": 1, "schema": 1, "exported_at": "2026-11-22T10:00:00Z"} | (
        sections
    )


def person(uid: str, name: str, **fields: Any) -> dict[str, Any]:
    return {"uid": uid, "name": name} | fields


def write(tmp_path: Path, document: object, name: str = "export.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, indent=1), "utf-8")
    return path


def read(path: Path) -> list[object]:
    return list(kith_json.read(path))


def test_records_come_in_the_order_the_importer_needs(tmp_path: Path) -> None:
    document = export(
        settings={"timezone": "Europe/London"},
        people=[person(ADA, "Ada Lovelace"), person(BOB, "Bob Sample")],
        events=[{"key": "event-1", "name": "PyCon", "date": "2026-05-14", "attendees": [ADA]}],
        interactions=[
            {
                "at": "2026-11-20T09:30:00Z",
                "channel": "email",
                "direction": "out",
                "summary": "hello",
                "participants": [ADA, BOB],
                "event": "event-1",
                "source": "linkedin",
                "source_id": "msg-1",
            }
        ],
        relationships=[{"a": ADA, "b": BOB, "type": "friend"}],
    )
    assert read(write(tmp_path, document)) == [
        SettingRecord("timezone", "Europe/London"),
        PersonRecord(source_id=ADA, name="Ada Lovelace", uid=ADA),
        PersonRecord(source_id=BOB, name="Bob Sample", uid=BOB),
        EventRecord("event-1", "PyCon", date(2026, 5, 14), attendees=(ADA,)),
        InteractionRecord(
            "msg-1", AT, "email", "out", "hello", (ADA, BOB), event="event-1", origin="linkedin"
        ),
        RelationshipRecord(ADA, BOB, "friend"),
    ]


def test_sections_in_another_order_still_come_out_people_first(tmp_path: Path) -> None:
    document = {
        "relationships": [{"a": ADA, "b": BOB, "type": "sibling"}],
        "people": [person(ADA, "Ada"), person(BOB, "Bob")],
        "version": 1,
        "format": "kith",
    }
    assert [type(r).__name__ for r in read(write(tmp_path, document))] == [
        "PersonRecord",
        "PersonRecord",
        "RelationshipRecord",
    ]


def test_a_person_keeps_every_field_and_normalised_identities(tmp_path: Path) -> None:
    entry = person(
        ADA,
        "Ada Lovelace",
        id=7,
        birthday="--12-10",
        known_since="2020-01-31",
        identities=[{"kind": "email", "value": "ada@example.org", "raw": "Ada@Example.org"}],
        tags=["python"],
        notes=[{"kind": "news", "text": "moved", "created_at": "2026-11-01T08:00:00Z"}],
        met_through=BOB,
        archived=True,
    )
    (record,) = read(write(tmp_path, export(people=[entry])))
    assert isinstance(record, PersonRecord)
    assert (record.id, record.birthday and record.birthday.text(), record.known_since) == (
        7,
        "--12-10",
        date(2020, 1, 31),
    )
    assert record.identities == (Identity("email", "ada@example.org", "Ada@Example.org"),)
    assert (record.tags, record.notes[0].kind, record.met_through, record.archived) == (
        ("python",),
        "news",
        BOB,
        True,
    )


def test_bad_entries_are_skipped_with_their_index_and_the_rest_is_read(tmp_path: Path) -> None:
    document = export(
        people=[
            person(ADA, "Ada"),
            {"name": "No Uid"},
            person(BOB, "Bob", birthday="12/10"),
            "not an object",
            person(BOB, "Bob", identities=[{"kind": "fax", "raw": "123"}]),
        ],
        interactions=[
            {"at": "yesterday", "channel": "email", "direction": "out", "summary": "x"},
            {
                "at": "2026-11-20T09:30:00Z",
                "channel": "email",
                "direction": "out",
                "summary": "hi",
                "participants": [ADA, "ghost"],
            },
        ],
        links=[{"a": ADA, "b": ADA, "kind": "explicit"}],
        referrals={"not": "a list"},
    )
    skipped = [r for r in read(write(tmp_path, document)) if isinstance(r, Skipped)]
    assert skipped == [
        Skipped("export.json: people[1]", "uid is missing"),
        Skipped(
            "export.json: people[2]",
            "birthday '12/10' is not a date such as 1815-12-10 or --12-10",
        ),
        Skipped("export.json: people[3]", "expected an object, found text"),
        Skipped(
            "export.json: people[4]",
            "identities[0]: kind 'fax' is not one of email, phone, linkedin, url, handle",
        ),
        Skipped(
            "export.json: interactions[0]",
            "at 'yesterday' is not a time such as 2026-11-22T10:00:00Z",
        ),
        Skipped(
            "export.json: interactions[1]",
            "participants names 'ghost', who is not among the people of this export",
        ),
        Skipped(
            "export.json: links[0]",
            f"a and b are the same person ({ADA})",
        ),
        Skipped("export.json: referrals", "expected a list of entries"),
    ]


def test_an_interaction_without_a_source_id_gets_a_stable_content_key(tmp_path: Path) -> None:
    entry = {
        "at": "2026-11-20T09:30:00Z",
        "channel": "call",
        "direction": "both",
        "summary": "catch-up",
        "participants": [BOB, ADA],
        "source": "manual",
    }
    document = export(people=[person(ADA, "Ada"), person(BOB, "Bob")], interactions=[entry])
    first = read(write(tmp_path, document, "a.json"))[-1]
    again = read(write(tmp_path, document, "b.json"))[-1]
    assert isinstance(first, InteractionRecord)
    assert isinstance(again, InteractionRecord)
    assert (
        first.source_id
        == again.source_id
        == kith_json.interaction_key(
            "2026-11-20T09:30:00Z", "call", "both", "checkin", "catch-up", None, [ADA, BOB]
        )
    )
    assert (first.source_id.startswith("kith:"), first.origin) == (True, "manual")


def test_a_file_that_is_not_json_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Ada Lovelace, met at PyCon\n", "utf-8")
    with pytest.raises(UserError) as error:
        read(path)
    assert str(error.value) == (
        f"{path} is not a Kith JSON export: it is not a JSON object. Make one with "
        "`kith export json FILE`, or say what the file is with --as."
    )


def test_an_export_from_a_newer_kith_is_refused_before_any_record(tmp_path: Path) -> None:
    document = {"format": "kith", "version": 2, "people": [person(ADA, "Ada")]}
    records = kith_json.read(write(tmp_path, document))
    with pytest.raises(UserError) as error:
        next(records)
    assert str(error.value) == (
        "export.json was written by a newer Kith (export version 2; this Kith reads up to "
        "version 1). Upgrade Kith, then import it again."
    )


def test_json_of_another_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"is JSON but not a Kith export \(its format is 'vcf'\)"):
        read(write(tmp_path, {"format": "vcf", "version": 1}))


def test_a_json_object_without_a_header_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="is not a Kith export: it has no format and version"):
        read(write(tmp_path, {"people": []}))


def test_a_file_cut_short_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "cut.json"
    path.write_text(json.dumps(export(people=[person(ADA, "Ada")]), indent=1)[:-40], "utf-8")
    with pytest.raises(UserError) as error:
        read(path)
    assert str(error.value).startswith(f"{path} is not valid JSON (line 8: ")
    assert str(error.value).endswith(
        "It is not a Kith export, or it was cut short; export it again with `kith export json`."
    )


def test_sniff_looks_at_the_content_not_the_name(tmp_path: Path) -> None:
    head = b'\xef\xbb\xbf\n{\n  "format": "kith",\n  "version": 1,\n  "people": ['
    assert kith_json.sniff(head, tmp_path / "contacts.txt")
    assert not kith_json.sniff(b'{"format": "other"}', tmp_path / "kith.json")
    assert not kith_json.sniff(b'["format", "kith"]', tmp_path / "kith.json")


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(
    members=st.dictionaries(st.text(), st.lists(JSON_VALUES, max_size=6), max_size=4),
    indent=st.sampled_from([None, 0, 2]),
    chunk=st.integers(min_value=1, max_value=9),
)
def test_the_stream_reads_any_json_the_way_json_loads_does(
    members: dict[str, list[Any]], indent: int | None, chunk: int
) -> None:
    text = json.dumps(members, indent=indent)
    stream = json_stream.JsonStream(io.StringIO(text), Path("t.json"), "")
    stream_chunk = json_stream.CHUNK
    json_stream.CHUNK = chunk  # tiny reads: every value crosses a chunk boundary somewhere
    try:
        found = {key: list(stream.items()) for key in stream.members()}
    finally:
        json_stream.CHUNK = stream_chunk
    assert found == members
    assert stream.peek() == ""


def test_plan_data_becomes_records_naming_people_by_uid(tmp_path: Path) -> None:
    ref = {"source": "manual", "source_id": "m-1"}
    document = export(
        people=[person(ADA, "Ada Lovelace", pinned=True, cadence_days=14, snoozed_until=None)],
        follow_ups=[
            {"person": ADA, "text": "send it", "created_at": "2026-11-20T09:30:00Z"},
            {
                "person": ADA,
                "text": "done",
                "owner": "theirs",
                "due": "2026-11-30",
                "created_at": "2026-11-20T09:30:00Z",
                "done_at": "2026-11-20T09:30:00Z",
                "interaction": ref,
                "id": 7,
            },
        ],
        articles=[
            {
                "url": "https://example.org/a",
                "saved_at": "2026-11-20T09:30:00Z",
                "topics": ["rust"],
                "shares": [{"person": ADA, "at": "2026-11-20T09:30:00Z"}],
            }
        ],
        wants=[{"person": ADA, "why": "engines", "created_at": "2026-11-20T09:30:00Z"}],
        plan_skips=[{"person": ADA, "at": "2026-11-20T09:30:00Z"}],
    )
    assert read(write(tmp_path, document)) == [
        PersonRecord(ADA, "Ada Lovelace", uid=ADA, pinned=True, cadence_days=14.0),
        FollowUpRecord(ADA, "send it", AT),
        FollowUpRecord(
            ADA,
            "done",
            AT,
            "theirs",
            date(2026, 11, 30),
            AT,
            None,
            InteractionRef("manual", "m-1"),
            7,
        ),
        ArticleRecord(
            "https://example.org/a", AT, topics=("rust",), shares=(ShareRecord(ADA, AT),)
        ),
        WantRecord(ADA, AT, "engines"),
        SkipRecord(ADA, AT),
    ]


def test_bad_plan_entries_are_skipped_with_the_reason(tmp_path: Path) -> None:
    document = export(
        people=[person(ADA, "Ada Lovelace", cadence_days=0), person(BOB, "Bob Sample")],
        follow_ups=[{"person": ADA, "text": "send it"}],
        articles=[
            {
                "url": "https://example.org/a",
                "saved_at": "2026-11-20T09:30:00Z",
                "shares": [{"person": "someone-else", "at": "2026-11-20T09:30:00Z"}],
            }
        ],
        wants=[{"person": BOB, "created_at": "2026-11-20T09:30:00Z", "why": 3}],
        plan_skips=[{"person": BOB, "at": "friday"}],
    )
    assert read(write(tmp_path, document)) == [
        Skipped("export.json: people[0]", "cadence_days should be a number of days above 0, not 0"),
        PersonRecord(BOB, "Bob Sample", uid=BOB),
        Skipped(
            "export.json: follow_ups[0]",
            f"person {ADA!r} is not among the people of this export",
        ),
        Skipped(
            "export.json: articles[0]",
            "shares[0]: person 'someone-else' is not among the people of this export",
        ),
        Skipped("export.json: wants[0]", "why should be text, not a number"),
        Skipped(
            "export.json: plan_skips[0]",
            "at 'friday' is not a time such as 2026-11-22T10:00:00Z",
        ),
    ]
