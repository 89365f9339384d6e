"""bench/chats.py's SMS files: the bursty one is a backup in the app's order, and it groups into
conversations as CollegeMsg's threads do, where the uniform one makes nearly one a message."""

from __future__ import annotations

import io
import random
from pathlib import Path
from xml.etree.ElementTree import iterparse

from bench.chats import SEED, backup, bursty_backup, in_time
from bench.sms_shape import grouped_file


def written(make: object, tmp_path: Path, messages: int) -> Path:
    path = tmp_path / "sms.xml"
    with path.open("w", encoding="utf-8") as out:
        make(out, random.Random(SEED), messages)  # type: ignore[operator]
    return path


def test_entries_are_written_in_time_order_with_ties_in_the_order_made() -> None:
    out = io.StringIO()
    talks = [[(5, "a"), (9, "b")], [(5, "c"), (6, "d")], [(7, "e")], [(9, "f")]]

    in_time(out, iter(talks))

    assert out.getvalue() == "acdebf"


def test_the_bursty_backup_lists_every_sms_then_every_mms_each_in_time_order(
    tmp_path: Path,
) -> None:
    path = written(bursty_backup, tmp_path, 4_000)

    entries = [(e.tag, int(e.get("date", "-1"))) for _, e in iterparse(path) if e.get("date")]

    tags = [tag for tag, _ in entries]
    assert tags == ["sms"] * 3_600 + ["mms"] * 400
    sms_dates = [date for tag, date in entries if tag == "sms"]
    mms_dates = [date for tag, date in entries if tag == "mms"]
    assert sms_dates == sorted(sms_dates)
    assert mms_dates == sorted(mms_dates)


def test_the_bursty_backup_makes_less_than_half_a_conversation_a_message_and_the_uniform_most(
    tmp_path: Path,
) -> None:
    bursty = grouped_file(written(bursty_backup, tmp_path, 4_000))
    uniform = grouped_file(written(backup, tmp_path, 4_000))

    assert bursty == (4_000, 1_463)
    assert uniform == (4_000, 3_220)
