"""Round trips: generate a chat export in an app's layout, read it back, get the same messages."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kith.records import ExchangeRecord, Ignored, Tally
from kith.sources import messenger, signal, sms_backup, telegram, whatsapp
from kith.sources.chat import GAP, SPAN
from tests.conftest import NOW

NAMES = ("Ada Lovelace", "Grace Hopper", "Zoë Müller", "José Núñez", "李 雷")
Message = tuple[datetime, int, bool]  # (time, writer, continued on a second line)


def android_dmy(at: datetime, name: str) -> str:
    return f"{at:%d/%m/%Y, %H:%M} - {name}: "


def android_mdy_12h(at: datetime, name: str) -> str:
    hour = at.hour % 12 or 12
    half = "AM" if at.hour < 12 else "PM"
    return f"{at.month}/{at.day}/{at:%y}, {hour}:{at:%M}\u202f{half} - {name}: "


def ios_dotted(at: datetime, name: str) -> str:
    return f"[{at:%d.%m.%y, %H:%M:%S}] {name}: "


LAYOUTS = {"dmy": (android_dmy, "dmy"), "mdy": (android_mdy_12h, "mdy"), "ios": (ios_dotted, "dmy")}


@st.composite
def chats(draw: st.DrawFn) -> list[Message]:
    count = draw(st.integers(1, 40))
    gaps = draw(st.lists(st.integers(0, 60 * 60 * 30), min_size=count, max_size=count))
    writers = draw(st.lists(st.integers(0, len(NAMES) - 1), min_size=count, max_size=count))
    multi = draw(st.lists(st.booleans(), min_size=count, max_size=count))
    at = datetime(2023, 1, 1, 8, tzinfo=UTC)
    found = []
    for gap, writer, more in zip(gaps, writers, multi, strict=True):
        at += timedelta(seconds=gap)
        found.append((at, writer, more))
    return found


def expected_conversations(messages: list[Message], step: timedelta) -> list[tuple[datetime, int]]:
    """(start, count) of each conversation by chat.py's rule, on the times the file gives."""
    starts: list[datetime] = []
    counts: list[int] = []
    last: datetime | None = None
    for written, _, _ in messages:
        at = written.replace(second=0) if step == timedelta(minutes=1) else written
        if last is None or at - last > GAP or at - starts[-1] >= SPAN:
            starts.append(at)
            counts.append(0)
        last = at
        counts[-1] += 1
    return list(zip(starts, counts, strict=True))


@settings(max_examples=60, deadline=None)
@given(chats(), st.sampled_from(sorted(LAYOUTS)))
def test_a_generated_whatsapp_export_reads_back_as_its_conversations(
    messages: list[Message], layout: str
) -> None:
    write, order = LAYOUTS[layout]
    lines = []
    for at, writer, more in messages:
        lines.append(write(at, NAMES[writer]) + "hello")
        if more:
            lines.append("a second line: not a new message")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "chat.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        records = list(whatsapp.read(path, NOW, date_order=order))
    step = timedelta(seconds=1) if layout == "ios" else timedelta(minutes=1)
    talks = [r for r in records if isinstance(r, ExchangeRecord)]
    assert [(t.at, int(t.summary.split(": ")[1].split()[0])) for t in talks] == (
        expected_conversations(messages, step)
    )
    assert records[-1] == Tally("message", len(messages))
    writers = {p.name for t in talks for p in t.spoke}
    assert writers == {NAMES[w] for _, w, _ in messages}


@settings(max_examples=40, deadline=None)
@given(chats())
def test_a_generated_sms_backup_reads_back_as_its_conversations(messages: list[Message]) -> None:
    rows = [
        f'<sms address="+4477009001{writer:02d}" date="{int(at.timestamp() * 1000)}" '
        f'type="{1 if more else 2}" body="x" />'
        for at, writer, more in messages
    ]
    text = "<?xml version='1.0' encoding='UTF-8'?>\n<smses>\n" + "\n".join(rows) + "\n</smses>\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sms.xml"
        path.write_text(text, encoding="utf-8")
        records = list(sms_backup.read(path))
    talks = [r for r in records if isinstance(r, ExchangeRecord)]
    for writer in {w for _, w, _ in messages}:
        own = [m for m in messages if m[1] == writer]
        mine = [
            t
            for t in talks
            if t.recipients[0].value == f"+4477009001{writer:02d}"
            or (t.sender and t.sender.value == f"+4477009001{writer:02d}")
        ]
        expected = expected_conversations(own, timedelta(seconds=1))
        assert sorted((t.at, int(t.summary.split(": ")[1].split()[0])) for t in mine) == expected
    assert records[-1] == Tally("message", len(messages))


def counted(talks: list[ExchangeRecord]) -> list[tuple[datetime, int]]:
    return [(t.at, int(t.summary.split(": ")[1].split()[0])) for t in talks]


def texts(messages: list[Message]) -> list[str]:
    return [f"message {n} ✓" for n in range(len(messages))]


@settings(max_examples=40, deadline=None)
@given(chats())
def test_a_generated_signal_transcript_reads_back_with_its_text(messages: list[Message]) -> None:
    lines = [
        f"[{at:%Y-%m-%d, %H:%M}] {NAMES[writer]}: {text}"
        for (at, writer, _), text in zip(messages, texts(messages), strict=True)
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "signal.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        records = list(signal.read(path, NOW, keep_text=True))
    talks = [r for r in records if isinstance(r, ExchangeRecord)]
    assert counted(talks) == expected_conversations(messages, timedelta(minutes=1))
    kept = [line.split(": ", 1)[1] for t in talks for line in (t.notes or "").splitlines()]
    assert kept == texts(messages)
    assert records[-1] == Tally("message", len(messages))


@settings(max_examples=40, deadline=None)
@given(chats())
def test_a_generated_telegram_chat_reads_back_with_its_writers_and_text(
    messages: list[Message],
) -> None:
    entries = [
        {
            "id": n,
            "type": "message",
            "date": f"{at:%Y-%m-%dT%H:%M:%S}",
            "date_unixtime": str(int(at.timestamp())),
            "from": NAMES[writer],
            "from_id": f"user{writer + 1}",
            "text": [text[:4], {"type": "bold", "text": text[4:]}] if more else text,
        }
        for n, ((at, writer, more), text) in enumerate(zip(messages, texts(messages), strict=True))
    ]
    export = {"name": "Group", "type": "private_group", "id": 99, "messages": entries}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "result.json"
        path.write_text(json.dumps(export), encoding="utf-8")
        records = list(telegram.read(path, NOW, keep_text=True))
    talks = [r for r in records if isinstance(r, ExchangeRecord)]
    assert counted(talks) == expected_conversations(messages, timedelta(seconds=1))
    assert {p.value for t in talks for p in t.spoke} == {
        f"telegram:{w + 1}" for _, w, _ in messages
    }
    kept = [line.split(": ", 1)[1] for t in talks for line in (t.notes or "").splitlines()]
    assert kept == texts(messages)
    assert records[-1] == Tally("message", len(messages))


@settings(max_examples=40, deadline=None)
@given(chats())
def test_a_generated_messenger_thread_reads_back_with_its_names_repaired(
    messages: list[Message],
) -> None:
    def mangled(text: str) -> str:  # Facebook's Latin-1-escaped UTF-8
        return text.encode("utf-8").decode("latin-1")

    entries = [
        {
            "sender_name": mangled(NAMES[writer]),
            "timestamp_ms": int(at.timestamp() * 1000),
            "content": mangled(text),
        }
        for (at, writer, _), text in zip(messages, texts(messages), strict=True)
    ]
    thread = {
        "participants": [{"name": mangled(name)} for name in NAMES],
        "title": "Group",
        "thread_type": "RegularGroup",
        "messages": entries[::-1],  # newest first, as Facebook writes them
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "message_1.json"
        path.write_text(json.dumps(thread), encoding="utf-8")
        records = list(messenger.read(path, keep_text=True))
    talks = [r for r in records if isinstance(r, ExchangeRecord)]
    assert counted(talks) == expected_conversations(messages, timedelta(seconds=1))
    assert {p.name for t in talks for p in t.spoke} == {NAMES[w] for _, w, _ in messages}
    kept = [line.split(": ", 1)[1] for t in talks for line in (t.notes or "").splitlines()]
    assert kept == texts(messages)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("1234567"), st.integers(0, 20_000)), max_size=30))
def test_a_generated_call_log_reads_back_as_its_connected_calls_and_their_seconds(
    calls: list[tuple[str, int]],
) -> None:
    start = 1_700_000_000_000
    rows = [
        f'<call number="+15551234{n:03d}" duration="{seconds}" date="{start + n * 60_000}" '
        f'type="{kind}" />'
        for n, (kind, seconds) in enumerate(calls)
    ]
    text = "<?xml version='1.0' encoding='UTF-8'?>\n<calls>\n" + "\n".join(rows) + "\n</calls>\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "calls.xml"
        path.write_text(text, encoding="utf-8")
        records = list(sms_backup.read(path))
    connected = [(k, s) for k, s in calls if k in "12" and s > 0]
    logged = [r for r in records if isinstance(r, ExchangeRecord)]
    assert [(r.channel, r.duration) for r in logged] == [("call", s) for _, s in connected]
    assert [r.sender.kind if r.sender else None for r in logged] == [
        "owner" if k == "2" else "phone" for k, _ in connected
    ]
    ignored = [r for r in records if isinstance(r, Ignored)]
    assert len(ignored) == len(calls) - len(connected)
