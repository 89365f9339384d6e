"""Round trips: generate a chat export in an app's layout, read it back, get the same messages."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kith.records import ExchangeRecord, Tally
from kith.sources import sms_backup, whatsapp
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
