"""An import that skips many records lists the first few on the terminal and says how many
more and where all of them are (found trying Kith as a new user: a chat export whose dates came
out in the future printed 33,758 lines, one per skipped conversation). `--json` lists them all."""

from __future__ import annotations

import json
from pathlib import Path

from kith.cli.exports.data import SKIPPED_SHOWN
from tests.conftest import Kith
from tests.test_mail_account import imported_exchange


def future_chat(path: Path, conversations: int) -> Path:
    lines = ["01/06/2026, 10:00 - Ada Lovelace: hello", "01/06/2026, 10:00 - Sam Rivera: hi"]
    for day in range(conversations):  # one conversation a day, in 2027: after the fixed now
        when = f"{1 + day % 28:02d}/{1 + day // 28:02d}/2027, 10:00"
        lines += [f"{when} - Ada Lovelace: hello {day}", f"{when} - Sam Rivera: hi {day}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_long_list_of_skipped_records_is_cut_short_with_how_many_more(
    kith: Kith, tmp_path: Path
) -> None:
    chat = future_chat(tmp_path / "chat.txt", 50)
    shown = kith("import", str(chat), "--me", "Sam Rivera").stdout.splitlines()
    listed = [line for line in shown if line.startswith(f"    {chat}: ")]
    assert (len(listed), SKIPPED_SHOWN) == (20, 20)
    assert shown[shown.index(listed[-1]) + 1] == (
        "    ... and 30 more (kith import --json lists every one)"
    )


def test_json_lists_every_skipped_record(kith: Kith, tmp_path: Path) -> None:
    chat = future_chat(tmp_path / "chat.txt", 50)
    found = json.loads(kith("import", str(chat), "--me", "Sam Rivera", "--json").stdout)
    assert len(found["imports"][0]["skipped"]) == 50


def test_a_first_conversation_in_the_future_is_skipped_not_made_into_a_person(
    kith: Kith, tmp_path: Path
) -> None:
    chat = tmp_path / "chat.txt"  # its first conversation would make Ada a person (two-way)
    chat.write_text(
        "13/01/2027, 10:00 - Ada Lovelace: hello\n13/01/2027, 10:01 - Sam Rivera: hi\n",
        encoding="utf-8",
    )
    found = json.loads(kith("import", str(chat), "--me", "Sam Rivera", "--json").stdout)
    report = found["imports"][0]
    assert (report["created"], report["accounted"]["skipped"]) == ({}, 1)
    assert [s["reason"] for s in report["skipped"]] == [
        "is in the future (2027-01-13T10:00:00Z); interactions never are"
    ]
    assert json.loads(kith("list", "--json").stdout)["people"] == []


def test_mail_dated_in_the_future_is_skipped_not_made_into_a_person(
    kith: Kith, tmp_path: Path
) -> None:
    report = imported_exchange(kith, tmp_path, "4 Jan 2027")
    assert (report["created"], report["accounted"]["skipped"]) == ({}, 2)
    assert json.loads(kith("list", "--json").stdout)["people"] == []
