"""A WhatsApp chat's conversations keep their ids however Kith learnt which writer is the user:
from the export's file name ("WhatsApp Chat with Ada"), from `--me`, or from `me.name`. A
conversation the user began was keyed on the user as owner one way and as a named handle the
other, so the same chat imported both ways came in twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Kith

CHAT = """\
12/03/2024, 21:05 - Ada Lovelace: Are you free on Friday?
12/03/2024, 21:07 - Sam Rivera: Yes!
20/03/2024, 18:00 - Sam Rivera: Thanks for Friday
20/03/2024, 18:30 - Ada Lovelace: Anytime
"""


def imported(kith: Kith, path: Path, *options: str) -> dict[str, object]:
    result = kith("import", str(path), *options, "--json")
    assert result.exit_code == 0, result.output
    report: dict[str, object] = json.loads(result.stdout)["imports"][0]
    return report


def interactions_with_ada(kith: Kith) -> int:
    shown = json.loads(kith("show", "Ada Lovelace", "--json").output)
    return len(shown["interactions"])


@pytest.mark.parametrize("second", [("--me", "Sam Rivera"), ()])
def test_a_chat_named_for_the_other_person_and_the_same_chat_given_me_are_one_import(
    kith: Kith, tmp_path: Path, second: tuple[str, ...]
) -> None:
    named = tmp_path / "WhatsApp Chat with Ada Lovelace.txt"
    named.write_text(CHAT, encoding="utf-8")
    plain = tmp_path / "_chat.txt"
    plain.write_text(CHAT, encoding="utf-8")
    if not second:
        kith("config", "set", "me.name", "Sam Rivera")
    first = imported(kith, named)
    again = imported(kith, plain, *second)
    assert (first["created"], again["created"], again["unchanged"]) == (
        {"interaction": 2, "person": 1},
        {},
        {"interaction": 2},
    )
    assert interactions_with_ada(kith) == 2


def test_the_same_chat_given_me_first_and_then_by_its_name_is_one_import(
    kith: Kith, tmp_path: Path
) -> None:
    plain = tmp_path / "_chat.txt"
    plain.write_text(CHAT, encoding="utf-8")
    named = tmp_path / "WhatsApp Chat with Ada Lovelace.txt"
    named.write_text(CHAT, encoding="utf-8")
    imported(kith, plain, "--me", "Sam Rivera")
    again = imported(kith, named)
    assert (again["created"], again["unchanged"]) == ({}, {"interaction": 2})
    assert interactions_with_ada(kith) == 2
