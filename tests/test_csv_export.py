"""`kith export csv`: the whole output for a small store, with a query, to a file (mode 0600)."""

from __future__ import annotations

import stat
from datetime import datetime
from pathlib import Path

import pytest

from kith.model import Address, Birthday, PersonDraft
from kith.services import interactions, people
from kith.store import Store
from tests.conftest import Kith

HEADER = (
    "\ufeffName,Given name,Family name,E-mail,E-mail 2,Phone,Phone 2,Company,Title,Tags,Birthday,"
    "City,Country,How we met,Last contact,LinkedIn,Notes\r\n"
)
ADA = (
    "Ada Lovelace,Ada,Lovelace,ada@example.org,ada@engines.example,+442079460001,,"
    'Analytical Engines,Analyst,"maths, python",--12-10,London,United Kingdom,PyCon 2026,'
    '2026-11-20,https://www.linkedin.com/in/ada-example,"Likes poetry.\n\nMoving to Lisbon."\r\n'
)
ZOE = "Zoë Ärmel,Zoë,Ärmel,,,+49301234567,,Beispiel AG,,design,1990-05-17,Berlin,Germany,,,,\r\n"


def small_store(store: Store, now: datetime) -> None:
    ada = people.add_person(
        store,
        PersonDraft(
            "Ada Lovelace",
            identities=(
                ("email", "ada@example.org"),
                ("email", "ada@engines.example"),
                ("phone", "+44 20 7946 0001"),
                ("linkedin", "linkedin.com/in/ada-example"),
            ),
            company="Analytical Engines",
            title="Analyst",
            how_met="PyCon 2026",
            tags=("python", "maths"),
            birthday=Birthday(12, 10),
            addresses=(Address("home", None, "London", None, None, "United Kingdom"),),
        ),
        now,
    )
    people.add_note(store, ada.id, "Likes poetry.", "note", now)
    people.add_note(store, ada.id, "Moving to Lisbon.", "news", now)
    entry = interactions.LogEntry("coffee", when="2026-11-20T09:30")
    interactions.log_interaction(store, [ada.id], entry, now)
    people.add_person(
        store,
        PersonDraft(
            "Zoë Ärmel",
            identities=(("phone", "+49 30 1234567"),),
            company="Beispiel AG",
            tags=("design",),
            birthday=Birthday(5, 17, 1990),
            addresses=(Address("home", None, "Berlin", None, None, "Germany"),),
        ),
        now,
    )
    people.add_person(store, PersonDraft("Pat Prospect", kind="prospect"), now)


def test_the_export_of_a_small_store_is_exactly_this_text(
    kith: Kith, store: Store, now: datetime
) -> None:
    small_store(store, now)
    result = kith("export", "csv")
    assert result.exit_code == 0
    assert result.stdout_bytes == (HEADER + ADA + ZOE).encode("utf-8")


def test_a_query_picks_the_people_exported(kith: Kith, store: Store, now: datetime) -> None:
    small_store(store, now)
    assert kith("export", "csv", "tag:design").stdout_bytes == (HEADER + ZOE).encode("utf-8")
    assert kith("export", "csv", "-", "ada").stdout_bytes == (HEADER + ADA).encode("utf-8")
    assert kith("export", "csv", "-tag:design").stdout_bytes == (HEADER + ADA).encode("utf-8")


def test_the_file_is_written_private_with_the_same_bytes(
    kith: Kith, store: Store, now: datetime, tmp_path: Path
) -> None:
    small_store(store, now)
    target = tmp_path / "people.csv"
    result = kith("export", "csv", str(target), "tag:python")
    assert result.output == f"Exported 1 person to {target}.\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes() == (HEADER + ADA).encode("utf-8")
    again = kith("export", "csv", str(target), "--json")
    assert again.output == f'{{\n  "export": "{target}",\n  "total": 2\n}}\n'
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".people.csv")] == []


def test_a_bad_query_writes_no_file(
    kith: Kith, store: Store, now: datetime, tmp_path: Path
) -> None:
    small_store(store, now)
    target = tmp_path / "people.csv"
    result = kith("export", "csv", str(target), "colour:blue")
    assert result.exit_code == 1
    assert not target.exists()


@pytest.mark.parametrize(
    ("name", "cell"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3+cmd", "'-2+3+cmd"),
        ("+44 20 7946 0001", "+44 20 7946 0001"),
        ("- 12", "- 12"),
    ],
)
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_quoted(
    kith: Kith, store: Store, now: datetime, name: str, cell: str
) -> None:
    people.add_person(store, PersonDraft(name), now, same_name=True)
    lines = kith("export", "csv").stdout_bytes.decode("utf-8-sig").split("\r\n")
    assert lines[1].split(",")[0] == cell
