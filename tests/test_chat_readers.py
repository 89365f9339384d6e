"""The chat readers on hand-written files, one quirk each: what records they yield."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kith.errors import UserError
from kith.records import OWNER, ExchangeRecord, Ignored, Party, Record, Skipped, Tally
from kith.sources import messenger, registry, sms_backup, telegram, whatsapp
from tests.conftest import NOW

ADA = Party("handle", "whatsapp:ada lovelace", "Ada Lovelace")
SAM = Party("handle", "whatsapp:sam rivera", "Sam Rivera")
GRACE = Party("handle", "whatsapp:grace hopper", "Grace Hopper")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def talks(records: list[Record]) -> list[tuple[str, str, tuple[str, ...], str]]:
    """(start, first writer, everyone who wrote, summary) of each conversation."""
    return [
        (
            r.at.isoformat(),
            r.sender.value if r.sender else "",
            tuple(p.value for p in r.spoke),
            r.summary,
        )
        for r in records
        if isinstance(r, ExchangeRecord)
    ]


def others(records: list[Record]) -> list[Record]:
    return [r for r in records if not isinstance(r, ExchangeRecord)]


def read(path: Path, **options: str | None) -> list[Record]:
    return list(registry.records(registry.detect(path), path, NOW, **options))


ANDROID_DMY = """\
12/03/2024, 21:05 - Messages and calls are end-to-end encrypted. Tap to learn more.
12/03/2024, 21:05 - Ada Lovelace: Are you free on Friday?
12/03/2024, 21:07 - Sam Rivera: Yes!
Let's meet at the station.

See you
13/03/2024, 08:00 - Ada Lovelace: <Media omitted>
"""


def test_a_day_first_android_export_groups_messages_into_conversations(tmp_path: Path) -> None:
    records = read(write(tmp_path, "WhatsApp Chat with Ada Lovelace.txt", ANDROID_DMY))
    assert talks(records) == [
        (
            "2024-03-12T21:05:00+00:00",
            "whatsapp:ada lovelace",
            ("whatsapp:ada lovelace", "owner"),
            "WhatsApp chat: 2 messages",
        ),
        (
            "2024-03-13T08:00:00+00:00",
            "whatsapp:ada lovelace",
            ("whatsapp:ada lovelace",),
            "WhatsApp chat: 1 message",
        ),
    ]
    assert others(records) == [
        Ignored("WhatsApp system line (encryption notice)"),
        Tally("message", 3),
    ]


def test_the_files_name_tells_which_writer_is_the_owner(tmp_path: Path) -> None:
    records = read(write(tmp_path, "WhatsApp Chat with Ada Lovelace.txt", ANDROID_DMY))
    first = records[1]
    assert isinstance(first, ExchangeRecord)
    assert first.recipients == (Party(OWNER.kind, OWNER.value, "Sam Rivera"),)


def test_without_a_telling_file_name_writers_are_handles(tmp_path: Path) -> None:
    records = read(write(tmp_path, "chat.txt", ANDROID_DMY))
    first = records[1]
    assert isinstance(first, ExchangeRecord)
    assert (first.sender, first.recipients) == (ADA, (SAM,))


def test_a_12_hour_month_first_export_with_a_narrow_no_break_space(tmp_path: Path) -> None:
    text = (
        "3/14/24, 9:05\u202fPM - Ada Lovelace: hello\n"
        "3/14/24, 11:59\u202fPM - Sam Rivera: hi\n"
        "3/15/24, 12:10\u202fAM - Ada Lovelace: late\n"
        "3/15/24, 12:30\u202fPM - Ada Lovelace: lunch?\n"
    )
    records = read(write(tmp_path, "chat.txt", text))
    assert [t[0] for t in talks(records)] == [
        "2024-03-14T21:05:00+00:00",
        "2024-03-15T12:30:00+00:00",
    ]
    assert talks(records)[0][3] == "WhatsApp chat: 3 messages"


def test_an_ios_export_in_brackets_with_seconds_and_dots(tmp_path: Path) -> None:
    text = (
        "\u200e[14.03.24, 21:05:10] Ada Lovelace: \u200eMessages and calls are end-to-end "
        "encrypted.\n"
        "[14.03.24, 21:05:10] Ada Lovelace: hello\n"
        "[14.03.24, 21:06:00] Sam Rivera: \u200eimage omitted\n"
    )
    records = read(write(tmp_path, "_chat.txt", text), date_order="dmy")
    assert talks(records) == [
        (
            "2024-03-14T21:05:10+00:00",
            "whatsapp:ada lovelace",
            ("whatsapp:ada lovelace", "whatsapp:sam rivera"),
            "WhatsApp chat: 2 messages",
        )
    ]
    assert Ignored("WhatsApp system line (encryption notice)") in records


def test_spanish_a_m_and_p_m_and_time_before_date(tmp_path: Path) -> None:
    text = "21:05, 25/12/2023 - Ada Lovelace: feliz navidad\n"
    spanish = "25/12/2023, 9:05 p. m. - Ada Lovelace: hola\n"
    assert talks(read(write(tmp_path, "a.txt", text)))[0][0] == "2023-12-25T21:05:00+00:00"
    assert talks(read(write(tmp_path, "b.txt", spanish)))[0][0] == "2023-12-25T21:05:00+00:00"


def test_the_order_of_day_and_month_is_judged_from_the_whole_file(tmp_path: Path) -> None:
    text = "".join(f"0{d}/0{d + 1}/2024, 10:00 - Ada Lovelace: x\n" for d in range(1, 8))
    ambiguous = write(tmp_path, "chat.txt", text + "05/01/2024, 10:00 - Ada Lovelace: x\n")
    with pytest.raises(UserError, match="--date-order dmy"):
        read(ambiguous)
    assert talks(read(ambiguous, date_order="mdy"))[0][0] == "2024-01-02T10:00:00+00:00"
    decided = write(tmp_path, "later.txt", text + "31/12/2024, 10:00 - Ada Lovelace: x\n")
    assert talks(read(decided))[0][0] == "2024-02-01T10:00:00+00:00"


def test_dates_that_only_run_forward_one_way_decide_the_order(tmp_path: Path) -> None:
    text = "06/03/2017, 00:45 - Ada Lovelace: x\n08/05/2017, 01:48 - Ada Lovelace: y\n"
    text += "09/04/2017, 01:50 - Ada Lovelace: z\n"
    assert [t[0][:10] for t in talks(read(write(tmp_path, "chat.txt", text)))] == [
        "2017-06-03",
        "2017-08-05",
        "2017-09-04",
    ]


def test_a_file_mixing_day_first_and_month_first_is_refused(tmp_path: Path) -> None:
    text = "25/01/2024, 10:00 - Ada Lovelace: x\n01/25/2024, 10:00 - Ada Lovelace: y\n"
    with pytest.raises(UserError, match="mixes day-first and month-first"):
        read(write(tmp_path, "chat.txt", text))


def test_a_group_chat_names_every_writer_and_its_changes_are_ignored(tmp_path: Path) -> None:
    text = (
        '01/02/2024, 10:00 - Ada Lovelace created group "Engines"\n'
        "01/02/2024, 10:01 - Ada Lovelace added Grace Hopper\n"
        "01/02/2024, 10:02 - Ada Lovelace: welcome\n"
        "01/02/2024, 10:03 - Grace Hopper: thanks\n"
        "13/02/2024, 10:03 - Sam Rivera: hello all\n"
    )
    records = read(write(tmp_path, "WhatsApp Chat with Engines.txt", text))
    first = records[2]
    assert isinstance(first, ExchangeRecord)
    assert (first.sender, first.recipients, first.spoke) == (ADA, (GRACE, SAM), (ADA, GRACE))
    assert others(records)[:2] == [
        Ignored("WhatsApp system line (group change)"),
        Ignored("WhatsApp system line (notice)"),
    ]


def test_ios_group_changes_written_as_if_by_the_group_are_ignored(tmp_path: Path) -> None:
    text = (
        "[01/02/2024, 10:00:00] Engines: \u200eAda Lovelace created group \u201cEngines\u201d\n"
        "[01/02/2024, 10:00:05] Engines: \u200eAda Lovelace added you\n"
        "[13/02/2024, 10:02:00] Ada Lovelace: welcome\n"
        "[13/02/2024, 10:03:00] Grace Hopper: \u200eimage omitted\n"
    )
    records = read(write(tmp_path, "WhatsApp Chat - Engines.txt", text))
    assert [t[2] for t in talks(records)] == [("whatsapp:ada lovelace", "whatsapp:grace hopper")]
    assert others(records)[:2] == [Ignored("WhatsApp system line (group change)")] * 2


def test_a_phone_number_writer_becomes_a_phone_party(tmp_path: Path) -> None:
    text = "31/01/2024, 10:00 - +44 7700 900123: hi\n"
    record = read(write(tmp_path, "chat.txt", text))[0]
    assert isinstance(record, ExchangeRecord)
    assert record.sender == Party("phone", "+447700900123", None)


def test_a_zip_export_is_read_through_its_chat_text(tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat - Ada Lovelace.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("_chat.txt", ANDROID_DMY)
        archive.writestr("IMG-20240313-WA0001.jpg", b"\xff\xd8")
    assert registry.detect(path) == "whatsapp"
    assert next(t[2] for t in talks(read(path))) == ("whatsapp:ada lovelace", "owner")


def test_a_text_file_without_a_message_line_gives_no_record(tmp_path: Path) -> None:
    path = write(tmp_path, "chat.txt", "hello\n")
    assert list(whatsapp.read(path, NOW)) == []  # the import says what it expected


SMS = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<smses count="6">
  <sms address="07700 900123" date="1709000000000" type="1" body="hi" contact_name="Ada" />
  <sms address="+447700900123" date="1709000600000" type="2" body="hey" contact_name="Ada" />
  <sms address="+447700900999" date="1709000000000" type="3" body="draft" />
  <mms date="1709100000000" msg_box="1" address="+447700900123~+447700900456">
    <parts><part ct="text/plain" text="group" /></parts>
    <addrs><addr address="+447700900456" type="137" /><addr address="+447700900123" type="151" />
    </addrs>
  </mms>
</smses>
"""


def test_sms_threads_become_conversations_with_the_owner_marked(tmp_path: Path) -> None:
    path = write(tmp_path, "sms-20240301.xml", SMS)
    records = list(sms_backup.read(path, region="GB"))
    assert talks(records) == [
        (
            "2024-02-27T02:13:20+00:00",
            "+447700900123",
            ("+447700900123", "owner"),
            "SMS chat: 2 messages",
        ),
        ("2024-02-28T06:00:00+00:00", "+447700900456", ("+447700900456",), "SMS chat: 1 message"),
    ]
    assert others(records) == [Ignored("SMS draft, unsent or failed"), Tally("message", 3)]


CALLS = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<calls count="5">
  <call number="+447700900123" duration="125" date="1709000000000" type="1" contact_name="Ada" />
  <call number="+447700900123" duration="3600" date="1709100000000" type="2" />
  <call number="+447700900123" duration="0" date="1709200000000" type="3" />
  <call number="+447700900123" duration="0" date="1709300000000" type="5" />
  <call number="+447700900123" duration="0" date="1709400000000" type="2" />
</calls>
"""


def test_calls_that_connected_are_calls_and_the_rest_are_ignored(tmp_path: Path) -> None:
    records = list(sms_backup.read(write(tmp_path, "calls-1.xml", CALLS)))
    calls = [
        (r.summary, r.sender == OWNER, r.channel) for r in records if isinstance(r, ExchangeRecord)
    ]
    assert calls == [("Phone call, 2 min", False, "call"), ("Phone call, 1 h 0 min", True, "call")]
    assert others(records) == [
        Ignored("missed call (did not connect)"),
        Ignored("rejected call (did not connect)"),
        Ignored("call that was not answered (did not connect)"),
        Tally("call", 5),
    ]


def test_a_backup_cut_short_imports_what_came_before_and_says_where(tmp_path: Path) -> None:
    path = write(tmp_path, "sms.xml", SMS[: SMS.index("<mms")] + '<mms date="1"')
    records = list(sms_backup.read(path))
    skipped = [r for r in records if isinstance(r, Skipped)]
    assert [(s.where, s.reason[:31]) for s in skipped] == [
        ("sms.xml:6", "the file ends inside an element")
    ]
    assert records[-1] == Tally("message", 2)


def telegram_chat(**extra: object) -> dict[str, object]:
    return {
        "name": "Ada Lovelace",
        "type": "personal_chat",
        "id": 42,
        "messages": [
            {"id": 1, "type": "message", "date": "2024-03-01T10:00:00", "from": "Ada Lovelace",
             "from_id": "user42", "text": "hi"},
            {"id": 2, "type": "message", "date": "2024-03-01T10:05:00", "from": "Sam",
             "from_id": "user7", "text": [{"type": "bold", "text": "hey"}]},
            {"id": 3, "type": "service", "date": "2024-03-02T10:00:00", "actor": "Sam",
             "actor_id": "user7", "action": "phone_call", "duration_seconds": 61},
            {"id": 4, "type": "service", "date": "2024-03-03T10:00:00", "actor": "Ada Lovelace",
             "actor_id": "user42", "action": "phone_call", "discard_reason": "missed"},
        ],
        **extra,
    }  # fmt: skip


def test_a_telegram_personal_chat_tells_its_owner_by_the_chats_id(tmp_path: Path) -> None:
    path = write(tmp_path, "result.json", json.dumps(telegram_chat()))
    records = list(telegram.read(path, NOW))
    calls = [r for r in records if isinstance(r, ExchangeRecord) and r.channel == "call"]
    assert [(c.summary, c.sender and c.sender.kind) for c in calls] == [
        ("Telegram call, 1 min", "owner")
    ]
    assert talks(records)[1] == (
        "2024-03-01T10:00:00+00:00",
        "telegram:42",
        ("telegram:42", "owner"),
        "Telegram chat: 2 messages",
    )
    assert others(records) == [
        Ignored("Telegram call that did not connect"),
        Tally("message", 2),
        Tally("call", 2),
    ]


def test_the_2020_telegram_schema_with_numeric_ids_reads_the_same(tmp_path: Path) -> None:
    chat = telegram_chat()
    for message in chat["messages"]:  # type: ignore[attr-defined]
        for key in ("from_id", "actor_id"):
            if key in message:
                message[key] = int(message[key].removeprefix("user"))
    old = write(tmp_path, "old.json", json.dumps(chat))
    new = write(tmp_path, "new.json", json.dumps(telegram_chat()))
    assert list(telegram.read(old, NOW)) == list(telegram.read(new, NOW))


def test_a_whole_telegram_account_names_its_owner(tmp_path: Path) -> None:
    account = {
        "personal_information": {"user_id": 7, "first_name": "Sam"},
        "contacts": {"list": []},
        "chats": {"list": [telegram_chat(type="private_group", name="Engines", id=9)]},
    }
    path = write(tmp_path, "result.json", json.dumps(account))
    assert registry.detect(path) == "telegram"
    summaries = [r.summary for r in telegram.read(path, NOW) if isinstance(r, ExchangeRecord)]
    assert summaries == ["Telegram call, 1 min", "Telegram group Engines: 2 messages"]


def test_messenger_repairs_its_mis_encoded_names_and_finds_the_owner(tmp_path: Path) -> None:
    thread = {
        "participants": [{"name": "Zo\u00c3\u00ab Ada"}, {"name": "Sam Rivera"}],
        "title": "Zo\u00c3\u00ab Ada",
        "thread_type": "Regular",
        "messages": [
            {"sender_name": "Sam Rivera", "timestamp_ms": 1709000600000, "type": "Call",
             "call_duration": 0},
            {"sender_name": "Sam Rivera", "timestamp_ms": 1709000300000, "content": "hey",
             "type": "Generic"},
            {"sender_name": "Zo\u00c3\u00ab Ada", "timestamp_ms": 1709000000000,
             "content": "hi", "type": "Generic"},
        ],
    }  # fmt: skip
    path = write(tmp_path, "message_1.json", json.dumps(thread))
    records = list(messenger.read(path))
    first = next(r for r in records if isinstance(r, ExchangeRecord))
    assert (first.sender, first.spoke[1]) == (
        Party("handle", "messenger:zoe ada", "Zoë Ada"),
        Party(OWNER.kind, OWNER.value, "Sam Rivera"),
    )
    assert others(records) == [
        Ignored("Messenger call that did not connect"),
        Tally("message", 2),
        Tally("call", 1),
    ]


def test_every_corpus_chat_file_is_recognised_as_its_app() -> None:
    folder = Path(__file__).parent / "fixtures" / "chat"
    kinds = {registry.detect(p) for p in folder.glob("*__*")}
    assert sorted(kinds) == [
        "messenger",
        "signal",
        "sms-backup",
        "telegram",
        "whatsapp",
    ]
    assert registry.detect(folder / "joweich__chat-miner__test_export.txt") == "signal"
    assert registry.detect(folder / "joweich__chat-miner__testlog.json") == "messenger"


def test_conversation_ids_do_not_depend_on_the_zone_the_file_was_read_in(tmp_path: Path) -> None:
    path = write(tmp_path, "chat.txt", ANDROID_DMY)
    one = [r for r in whatsapp.read(path, NOW) if isinstance(r, ExchangeRecord)]
    again = [
        r
        for r in whatsapp.read(path, datetime(2026, 1, 1, tzinfo=UTC))
        if isinstance(r, ExchangeRecord)
    ]
    assert [r.source_id for r in one] == [r.source_id for r in again]
