"""On a real terminal (a pseudo-terminal driven by pexpect) Kith asks; elsewhere it never waits."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pexpect

from tests.conftest import NOW_TEXT


def spawn(db: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "KITH_DB": str(db), "KITH_NOW": NOW_TEXT, "TERM": "dumb"}
    return pexpect.spawn(
        sys.executable, ["-m", "kith", *args], env=env, encoding="utf-8", timeout=20
    )


def listed(db: Path) -> list[dict[str, object]]:
    out = subprocess.run(
        [sys.executable, "-m", "kith", "--db", str(db), "--now", NOW_TEXT, "list", "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return list(json.loads(out)["people"])


def test_add_with_a_name_alone_asks_for_the_rest_on_a_terminal(tmp_path: Path) -> None:
    child = spawn(tmp_path / "kith.db", "add", "Ada Lovelace")
    for prompt, answer in [
        ("E-mail", "ada@example.org"),
        ("Phone", ""),
        ("Company", "Analytical Engines"),
        ("Title", "Analyst"),
        ("How did you meet", "PyCon 2026"),
        ("Tags \\(comma-separated\\)", "python, founders"),
    ]:
        child.expect(prompt)
        child.sendline(answer)
    child.expect("Added Ada Lovelace \\(#1\\).")
    child.expect(pexpect.EOF)
    person = listed(tmp_path / "kith.db")[0]
    assert (person["emails"], person["company"], person["title"], person["tags"]) == (
        ["ada@example.org"],
        "Analytical Engines",
        "Analyst",
        ["founders", "python"],
    )


def test_add_with_a_name_alone_and_no_terminal_never_waits(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kith",
            "--db",
            str(tmp_path / "kith.db"),
            "--now",
            NOW_TEXT,
            "add",
            "Ada Lovelace",
        ],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, "Added Ada Lovelace (#1).\n")


def test_forget_asks_on_a_terminal_and_a_no_keeps_the_person(tmp_path: Path) -> None:
    db = tmp_path / "kith.db"
    subprocess.run(
        [sys.executable, "-m", "kith", "--db", str(db), "add", "Ada Lovelace", "--tag", "x"],
        check=True,
        capture_output=True,
    )
    child = spawn(db, "forget", "Ada")
    child.expect("Forget Ada Lovelace \\(#1\\) and their 0 interactions for good\\? \\[y/N\\]")
    child.sendline("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert [p["name"] for p in listed(db)] == ["Ada Lovelace"]
    child = spawn(db, "forget", "Ada")
    child.expect("for good\\?")
    child.sendline("y")
    child.expect("Forgot Ada Lovelace.")
    child.expect(pexpect.EOF)
    assert listed(db) == []


def test_met_without_about_asks_on_a_terminal_what_stood_out(tmp_path: Path) -> None:
    db = tmp_path / "kith.db"
    subprocess.run(
        [sys.executable, "-m", "kith", "--db", str(db), "--now", NOW_TEXT, "event", "add", "Conf"],
        check=True,
        capture_output=True,
    )
    child = spawn(db, "met", "Priya Natarajan", "--at", "Conf")
    child.expect("What stood out\\? Said back in the claim note")
    child.sendline("she gave the keynote")
    child.expect("Added Priya Natarajan \\(#1\\), met at Conf")
    child.expect(pexpect.EOF)
    claims = subprocess.run(
        [sys.executable, "-m", "kith", "--db", str(db), "--now", NOW_TEXT, "claim", "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert json.loads(claims)["claims"][0]["draft"] == (
        "Hi Priya, good to meet you at Conf. I'm glad you gave the keynote. "
        "I'd like to stay in touch."
    )


def test_a_chat_whose_dates_read_either_way_asks_the_order_on_a_terminal(tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(
        "03/04/2024, 21:05 - Ada Lovelace: Are you free on Friday?\n"
        "03/04/2024, 21:07 - Sam Rivera: Yes!\n",
        encoding="utf-8",
    )
    child = spawn(tmp_path / "kith.db", "import", str(chat), "--me", "Sam Rivera")
    child.expect("no date in the file tells whether the day or the month comes first")
    child.expect("Day first \\(dmy")
    child.sendline("ymd")
    child.expect("not one of")
    child.sendline("dmy")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    db = str(tmp_path / "kith.db")
    shown = subprocess.run(
        [sys.executable, "-m", "kith", "--db", db, "--now", NOW_TEXT, "show", "Ada", "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert [i["at"][:10] for i in json.loads(shown)["interactions"]] == ["2024-04-03"]
