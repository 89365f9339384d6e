"""A journaled run that REPLACEs rows (an INSERT OR REPLACE over a row that is there, which
deletes it without firing DELETE triggers) is taken back to the rows it replaced, whether it
fails or its process is killed (store/journal.py); every table Kith REPLACEs into is one the
journal notes the clashes of."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from kith.services.imports import import_records
from kith.sources import registry
from kith.store import journal, open_store
from kith.store.week.ties import INSERT_TIE_SQL, TIE_COLUMNS
from reliability._kith import damage, state
from tests.conftest import NOW_TEXT
from tests.test_sliced_import import journal_entries

NOW = datetime.fromisoformat(NOW_TEXT)
BOB = "From: Bob Brown <bob@example.com>\nTo: Ada Lovelace <ada@example.com>\n"


class Cut(Exception):
    """The failure the runs below end with."""


def mailbox(path: Path, days: range) -> Path:
    path.write_text(
        "".join(
            f"From bob@example.com Mon Jan  1 00:00:00 2024\n{BOB}Subject: note {day}\n"
            f"Date: Mon, {day:02d} Jan 2024 10:00:00 +0000\nMessage-ID: <n{day}@example.com>\n"
            f"\nhello {day}\n\n"
            for day in days
        ),
        encoding="utf-8",
    )
    return path


RANK = ("by-strength", "2026-11-23", b"\x01\x02")  # a prepared ranking's row, keyed by name


def known_bob(tmp_path: Path) -> Path:
    """A database where Bob is known, with a tie row from three messages, a tag and a prepared
    ranking's row."""
    db = tmp_path / "kith.db"
    add = ["add", "Bob Brown", "--email", "bob@example.com", "--tag", "python"]
    subprocess.run(
        [sys.executable, "-m", "kith", "--db", str(db), "--now", NOW_TEXT, *add],
        check=True,
        capture_output=True,
    )
    records = registry.records("mbox", mailbox(tmp_path / "bob.mbox", range(1, 4)), NOW)
    store = open_store(db)
    try:
        import_records(store, records, kind="mbox", path=None, now=NOW, me=("ada@example.com",))
    finally:
        store.close()
    connection = sqlite3.connect(db)
    with connection:
        connection.execute(
            "INSERT INTO layer_prepared_rank (name, stamp, data) VALUES (?, ?, ?)", RANK
        )
    connection.close()
    return db


def tie_rows(db: Path) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(db)
    try:
        return connection.execute("SELECT person_id, volume, days FROM tie").fetchall()
    finally:
        connection.close()


def replacing(db: sqlite3.Connection) -> None:
    """What the failing runs write: Bob's tie row replaced by the statement tie strength
    writes it with, a prepared ranking's row replaced through its UNIQUE name (a new rowid: a
    clash on an index other than the key), an upsert and an ignored insert over rows that are
    there."""
    tie = db.execute(f"SELECT {TIE_COLUMNS} FROM tie WHERE person_id = 1").fetchone()
    db.execute(INSERT_TIE_SQL, (*tie[:2], 99.0, *tie[3:12], "2024-01-09"))
    db.execute(
        "INSERT OR REPLACE INTO layer_prepared_rank (name, stamp, data) VALUES (?, ?, ?)",
        (RANK[0], "2026-11-30", b"\x03"),
    )
    db.execute("INSERT OR IGNORE INTO tag (name) VALUES ('Python')")
    db.execute(
        "INSERT INTO meta (key, value) VALUES ('network.version', '7') "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
    )


def test_a_failed_run_puts_back_the_rows_it_replaced_row_for_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = known_bob(tmp_path)
    before, ties = state(db), tie_rows(db)
    monkeypatch.setattr(journal, "SLICE", 0.0)
    monkeypatch.setattr(journal, "PAUSE", 0.0)
    seen: list[object] = []

    def failing_run() -> None:
        with store.sliced():
            store.breathe()  # a first slice committed: the run is journaled from here on
            replacing(store.connection)
            store.breathe()  # the replacing slice committed, with its journal
            seen.append(tie_rows(db)[0][1])
            raise Cut

    store = open_store(db)
    try:
        with pytest.raises(Cut):
            failing_run()
    finally:
        store.close()
    assert seen == [99.0]
    assert ties[0][2] == "2024-01-01 2024-01-02 2024-01-03"  # Bob's row, there before the run
    assert (tie_rows(db), state(db), journal_entries(db), damage(db)) == (ties, before, 0, [])


KILLED = """
import os, signal, sys
from kith.store import journal, open_store
from tests.test_journal_replace import replacing
journal.SLICE = 0.0
store = open_store(sys.argv[1])
with store.sliced():
    store.breathe()
    replacing(store.connection)
    store.breathe()
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_run_killed_after_replacing_rows_is_taken_back_to_them_by_the_next_open(
    tmp_path: Path,
) -> None:
    db = known_bob(tmp_path)
    before, ties = state(db), tie_rows(db)
    child = subprocess.run([sys.executable, "-c", KILLED, str(db)], check=False)
    assert child.returncode == -9
    assert journal_entries(db) > 0
    assert tie_rows(db)[0][1] == 99.0
    open_store(db).close()
    assert (tie_rows(db), state(db), journal_entries(db), damage(db)) == (ties, before, 0, [])


def test_the_journal_notes_the_clashes_of_the_tables_kith_replaces_into_and_no_others(
    tmp_path: Path,
) -> None:
    db = known_bob(tmp_path)
    found = {t.name: t.unique for t in journal.tables(sqlite3.connect(db))}
    assert found["tie"] == ((("person_id", "BINARY"),),)
    assert found["meta"] == ((("key", "BINARY"),),)
    assert found["layer_prepared_rank"] == ((("name", "BINARY"),),)  # not its rowid
    assert found["tag"] == ()
    assert found["person"] == ()


def test_a_unique_set_holding_another_is_left_out_and_each_keeps_its_collation(
    tmp_path: Path,
) -> None:
    connection = sqlite3.connect(known_bob(tmp_path))
    # (kind, value, person_id) holds (kind, value): a row the first finds, the second does
    assert journal._unique(connection, "identity", "id") == (
        (("id", "BINARY"),),
        (("kind", "BINARY"), ("value", "BINARY")),
    )
    assert journal._unique(connection, "tag", "id") == ((("id", "BINARY"),), (("name", "NOCASE"),))


SRC = Path(__file__).resolve().parent.parent / "src" / "kith"
# a statement that may replace rows, as Kith writes its SQL (in upper case, a string beginning
# with it, or a trigger's body): INSERT OR REPLACE INTO NAME, REPLACE INTO NAME, a column's ON
# CONFLICT REPLACE (a plain INSERT replaces), or an INSERT OR REPLACE whose INTO comes later
REPLACE = re.compile(
    r"""(?:["']|^[ \t]*|BEGIN )(?:INSERT OR REPLACE(?: INTO (\S+))?|REPLACE INTO (\S+))"""
    r"|ON CONFLICT REPLACE()",
    re.M,
)
# the statements whose table is named at run time: the layers' (store/week/generation.py)
NAMED_LATER = {
    ("store/week/peaks.py", "{table}"),  # layer_peaks_a or _b
    ("store/week/layers.py", ""),  # `{verb} INTO {names['layer_state']}`: layer_state_a or _b
    ("store/week/blocks.py", "{table}"),  # people_block or tie_block: not journaled (SKIPPED)
}


def test_every_insert_or_replace_in_kith_is_into_a_table_the_journal_notes_the_clashes_of() -> None:
    into: set[tuple[str, str]] = set()
    for path in [*SRC.rglob("*.py"), *SRC.rglob("*.sql")]:
        text = path.read_text(encoding="utf-8")
        into |= {
            (str(path.relative_to(SRC)), m.group(1) or m.group(2) or "")
            for m in REPLACE.finditer(text)
        }
    later = {(where, name) for where, name in into if "{" in name or not name}
    tables = {name.split("(")[0] for _, name in into - later}
    assert later == NAMED_LATER
    not_noted = sorted(
        t
        for t in tables
        if t not in journal.REPLACED | journal.SKIPPED and not t.startswith(journal.REPLACED_PREFIX)
    )
    assert not_noted == []
    assert {"meta", "tie", "tie_day", "gift_input"} <= tables
