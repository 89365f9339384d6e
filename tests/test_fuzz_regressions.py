"""Inputs the fuzzed importers found that ended in a traceback (reliability/fuzz_importers.py):
each now reads cleanly or is refused with a sentence naming the file."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kith.errors import UserError
from kith.records import ExchangeRecord, Ignored, Skipped
from kith.services.importing.paths import import_path
from kith.sources import messenger, registry, sms_backup, telegram
from kith.sources.ics_parse import repaired
from kith.sources.kith_json import read as read_kith_json
from kith.store import Store
from reliability.fuzz_inputs import zipped
from tests.conftest import NOW

FUZZ = Path(__file__).parent / "fixtures" / "fuzz"


@pytest.mark.parametrize("name", ["linkedin-offset-past-end.zip", "files-offset-past-end.zip"])
def test_a_zip_whose_offsets_point_outside_it_is_refused_as_damaged(
    name: str, store: Store, tmp_path: Path
) -> None:
    path = tmp_path / name
    shutil.copy(FUZZ / name, path)
    with pytest.raises(UserError, match=f"{path}: the zip is damaged"):
        import_path(store, path, kind=None, now=NOW, me=["me@example.org"])


def test_a_messenger_message_whose_type_is_a_list_is_read_as_a_message() -> None:
    records = list(messenger.read(FUZZ / "messenger-type-a-list.json"))
    assert [type(r).__name__ for r in records] == ["Skipped", "ExchangeRecord", "Tally"]


def _json(tmp_path: Path, name: str, document: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_a_messenger_time_past_any_calendar_skips_that_message(tmp_path: Path) -> None:
    path = _json(
        tmp_path,
        "message_1.json",
        {"messages": [{"sender_name": "Ada", "timestamp_ms": 10**20, "type": "Generic"}]},
    )
    assert next(iter(messenger.read(path))) == Skipped(
        "message_1.json: messages[0]",
        "timestamp_ms 100000000000000000000 is not a time (milliseconds since 1970)",
    )


def test_a_messenger_message_that_cannot_be_read_is_named_by_its_place_in_the_file(
    tmp_path: Path,
) -> None:
    messages = [
        {"sender_name": "Ada", "timestamp_ms": 1668628203612, "content": "newest"},
        {"timestamp_ms": 1668628100000, "content": "no sender"},
        {"sender_name": "Sam", "content": "no time"},
        {"sender_name": "Ada", "timestamp_ms": "x", "content": "a word for a time"},
        {"sender_name": "Sam", "timestamp_ms": 1668628000000, "content": "oldest"},
    ]
    path = _json(tmp_path, "message_1.json", {"messages": messages})
    skipped = [r for r in messenger.read(path) if isinstance(r, Skipped)]
    assert skipped == [
        Skipped(
            "message_1.json: messages[3]",
            "timestamp_ms 'x' is not a time (milliseconds since 1970)",
        ),
        Skipped("message_1.json: messages[2]", "no timestamp_ms"),
        Skipped("message_1.json: messages[1]", "no sender_name"),
    ]


def test_a_telegram_time_past_any_calendar_skips_that_message(tmp_path: Path) -> None:
    message = {"id": 1, "type": "message", "date_unixtime": "99999999999999", "from_id": "user1"}
    path = _json(tmp_path, "result.json", {"type": "personal_chat", "id": 1, "messages": [message]})
    records = list(telegram.read(path, NOW))
    assert records[0] == Skipped("result.json: chats[0] 0", "a message without a date or a sender")


def test_a_telegram_export_with_objects_where_lists_belong_is_read_around_them(
    tmp_path: Path,
) -> None:
    path = _json(
        tmp_path,
        "result.json",
        {"personal_information": [1], "chats": {"list": 7}, "left_chats": [], "messages": 3},
    )
    assert [type(r).__name__ for r in telegram.read(path, NOW)] == ["Tally"]


@pytest.mark.parametrize("date", ["99999999999999999999", "²³"])
def test_an_sms_whose_date_is_no_instant_is_skipped(tmp_path: Path, date: str) -> None:
    path = tmp_path / "sms-20240101.xml"
    path.write_text(
        f'<?xml version="1.0"?><smses count="1"><sms address="+15551234567" date="{date}" '
        'type="1" body="hi" /></smses>',
        encoding="utf-8",
    )
    assert next(iter(sms_backup.read(path))) == Skipped(
        "sms-20240101.xml: <sms> number 1", "no address or no date (ms)"
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [("[" * 100_000, "maximum recursion depth"), ("[" + "9" * 5_000 + "]", "4300")],
    ids=["nested", "a 5,000-digit number"],
)
def test_json_too_deep_or_a_number_too_long_is_refused_naming_the_file(
    tmp_path: Path, text: str, problem: str
) -> None:
    for name, read in (
        ("result.json", lambda p: list(telegram.read(p, datetime(2026, 1, 1, tzinfo=UTC)))),
        ("message_1.json", lambda p: list(messenger.read(p))),
        ("kith.json", lambda p: list(read_kith_json(p))),
    ):
        path = tmp_path / name
        path.write_text(text if name != "kith.json" else '{"format": "kith", "people": ' + text)
        with pytest.raises(UserError, match=str(path)) as refused:
            read(path)
        assert problem in str(refused.value) or "not valid JSON" in str(refused.value)


@pytest.mark.parametrize(
    ("name", "where", "twice"),
    [
        ("event-with-two-dtend.ics", "event standup@kith.test (line 353)", "DTEND"),
        ("event-with-two-dtstart.ics", "event one-on-one@kith.test (line 4)", "DTSTART"),
    ],
)
def test_an_event_with_a_date_given_twice_is_skipped_naming_it(
    name: str, where: str, twice: str
) -> None:
    records = list(registry.records("ics", FUZZ / name, NOW))
    assert [r for r in records if isinstance(r, Skipped)] == [
        Skipped(f"{name}: {where}", f"its dates could not be read: it has more than one {twice}")
    ]


def test_a_time_zone_ruled_from_1601_is_followed_from_2000_with_the_same_hours() -> None:
    text = (FUZZ / "open-daily-meeting-zone-from-1601.ics").read_text("utf-8", "replace")
    assert "DTSTART:16010101T030000" in text
    assert "DTSTART:20000101T030000" in repaired(text)
    assert "DTSTART:16010101T030000" not in repaired(text)
    records = list(registry.records("ics", FUZZ / "open-daily-meeting-zone-from-1601.ics", NOW))
    winter = next(r for r in records if isinstance(r, ExchangeRecord) and r.at.month == 1)
    summer = next(r for r in records if isinstance(r, ExchangeRecord) and r.at.month == 7)
    assert (winter.at.hour, summer.at.hour) == (9, 8)  # 10:00 at GMT+1, and at GMT+2 in summer


@pytest.mark.parametrize("name", ["zone-with-many-tzids.ics", "zone-the-library-cannot-make.ics"])
def test_a_time_zone_the_library_fails_on_leaves_the_events_read(name: str) -> None:
    assert list(registry.records("ics", FUZZ / name, NOW)) == [
        Ignored("only you (a personal appointment or a note to self)")
    ]


def test_an_sms_backup_cut_short_in_its_first_entry_is_skipped_there() -> None:
    records = list(sms_backup.read(FUZZ / "sms-a-broken-element-first.xml"))
    assert [type(r).__name__ for r in records] == ["Skipped"]
    assert records[0].where == "sms-a-broken-element-first.xml:3"  # type: ignore[union-attr]


def test_an_error_in_a_file_inside_a_zip_names_it_by_the_zip_not_a_scratch_folder(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "WhatsApp Chat with Sam.zip"
    path.write_bytes(zipped({"_chat.txt": b"no chat here\n", "IMG-0001.jpg": b"\xff\xd8\xff"}))
    with pytest.raises(UserError) as refused:
        import_path(store, path, kind="whatsapp", now=NOW, me=["Sam"])
    assert str(refused.value).startswith(f"{path / 'IMG-0001.jpg'}: no record could be read")


def test_a_series_reads_its_attendees_once_not_at_every_occurrence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kith.sources import ics

    calls = []
    real = ics._people

    def counted(event: object) -> ics.People:
        calls.append(event)
        return real(event)  # type: ignore[arg-type]

    monkeypatch.setattr(ics, "_people", counted)
    records = list(registry.records("ics", FUZZ / "weekly-series-of-600-attendees.ics", NOW))
    assert len(records) == 261  # five years of Mondays, and the next one
    assert len(calls) == 1


def test_an_sms_backup_declaring_an_unknown_encoding_is_refused_naming_the_file() -> None:
    path = FUZZ / "sms-unknown-encoding.xml"
    with pytest.raises(UserError) as refused:
        list(sms_backup.read(path))
    assert str(refused.value) == (
        f"{path}: unknown encoding: x-nonsense; an SMS Backup & Restore file is UTF-8. "
        "Make the backup again."
    )


def test_an_address_field_of_a_thousand_groups_is_read_without_a_traceback(
    tmp_path: Path,
) -> None:
    # the standard library's address parser recurses once a group (`name:`): a thousand of them
    # ran past Python's recursion limit (the fuzzer's mutated eml and mbox files)
    path = tmp_path / "message.eml"
    groups = "Team: " * 1_200
    path.write_text(
        f"From: {groups}ada@example.org\nTo: me@example.org\nSubject: hi\n"
        "Date: Mon, 01 Jan 2024 10:00:00 +0000\nMessage-ID: <a@example.org>\n\nhello\n"
    )
    records = list(registry.records("eml", path, NOW))
    assert [type(r).__name__ for r in records] == ["Skipped"]


def test_a_mail_whose_charset_holds_a_nul_is_read_as_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "message.eml"
    shutil.copy(FUZZ / "eml-charset-with-a-nul.eml", path)
    records = list(registry.records("eml", path, NOW))
    assert records, "the message was not read"


def test_an_outlook_birthday_with_a_number_past_a_c_long_is_read_without_it(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "outlook.csv"
    shutil.copy(FUZZ / "outlook-birthday-past-a-c-long.csv", path)
    [report] = import_path(store, path, kind="outlook-csv", now=NOW, me=["me@example.org"])
    assert report.kind == "outlook-csv"  # read to its end, no traceback
