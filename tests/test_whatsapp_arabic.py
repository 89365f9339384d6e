"""WhatsApp exports in Arabic write the 12-hour clock's half as ص (AM) and م (PM), often with a
narrow no-break space before it, may use Arabic-Indic digits with right-to-left marks beside
the slashes, and the Arabic comma after the date. Kith did not recognise such a file at all
("does not recognise this file's content"), and with `--as whatsapp` read no message."""

from __future__ import annotations

from pathlib import Path

import pytest

from kith.records import ExchangeRecord
from kith.sources import registry
from tests.conftest import NOW

# 31/12/2023 9:05 PM, written in Arabic-Indic digits with a right-to-left mark after each part
INDIC = "\u0663\u0661\u200f/\u0661\u0662\u200f/\u0662\u0660\u0662\u0663"


@pytest.mark.parametrize(
    "text",
    [
        "31/12/2023, 9:05 \u0645 - Omar Ali: \u0645\u0631\u062d\u0628\u0627\n"
        "31/12/2023, 9:10 \u0645 - Sam Rivera: hello\n",
        "[31/12/2023, 9:05:00\u202f\u0645] Omar Ali: hi\n"
        "[31/12/2023, 9:10:00\u202f\u0645] Sam Rivera: hello\n",
        f"{INDIC}\u060c \u0669:\u0660\u0665 \u0645 - Omar Ali: hi\n"
        f"{INDIC}\u060c \u0669:\u0661\u0660 \u0645 - Sam Rivera: hello\n",
    ],
)
def test_an_arabic_export_is_recognised_and_read_on_the_24_hour_clock(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "chat.txt"
    path.write_text(text, encoding="utf-8")
    assert registry.detect(path) == "whatsapp"
    talks = [r for r in registry.records("whatsapp", path, NOW) if isinstance(r, ExchangeRecord)]
    assert [(t.at.isoformat(), t.summary) for t in talks] == [
        ("2023-12-31T21:05:00+00:00", "WhatsApp chat: 2 messages")
    ]


def test_the_morning_half_is_read_as_the_morning(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_text(
        "31/12/2023, 12:05 \u0635 - Omar Ali: hi\n31/12/2023, 9:10 \u0635 - Sam Rivera: yo\n",
        encoding="utf-8",
    )
    talks = [r for r in registry.records("whatsapp", path, NOW) if isinstance(r, ExchangeRecord)]
    assert [t.at.isoformat() for t in talks] == [
        "2023-12-31T00:05:00+00:00",
        "2023-12-31T09:10:00+00:00",
    ]
