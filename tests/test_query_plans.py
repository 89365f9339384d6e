"""Issue 15: `kith show` and `kith search` read by indexed lookups only, and `kith list --limit`
reads its first page from an index in order, so their time does not grow with the network.
Every statement the command runs is captured (sqlite3's trace callback on the store the command
opens) and its EXPLAIN QUERY PLAN read: a `SCAN` of a table (a read of every row) is named by
the table behind its alias. Virtual tables (the full-text indexes, json_each) and the
statement's own subqueries and CTEs are not tables of the network and are left aside."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from kith.cli import app
from kith.cli.main import cli
from kith.store import migrations, open_store
from kith.store.connection import APPLICATION_ID
from kith.store.mesh.evidence import PAIRS_OF_SQL
from tests.conftest import NOW_TEXT, Kith
from tests.migration_support import STAMP, one_contact_at

# `FROM person p`, `JOIN participant AS pa`: the table behind each name a plan uses
_NAMED = re.compile(r"\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?", re.IGNORECASE)
_KEYWORDS = frozenset({"on", "where", "join", "left", "inner", "cross", "using", "group", "order"})
_KEYWORDS |= {"limit", "union", "natural", "outer"}


def statements(db_path: Path, monkeypatch: pytest.MonkeyPatch, *argv: str) -> list[str]:
    """Every statement `kith ARGV` runs, as SQLite ran it (parameters bound)."""
    ran: list[str] = []
    opened = app.open_store

    def tracing(*args: object, **options: bool) -> object:
        store = opened(*args, **options)  # type: ignore[arg-type]
        store.connection.set_trace_callback(ran.append)
        return store

    monkeypatch.setattr(app, "open_store", tracing)
    result = CliRunner().invoke(
        cli, ["--db", str(db_path), "--now", NOW_TEXT, *argv], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return ran


def plans(db_path: Path, ran: list[str]) -> list[tuple[str, list[str]]]:
    """Each query's text (on one line) and the lines of its plan."""
    connection = sqlite3.connect(db_path)
    queries = [" ".join(sql.split()) for sql in ran]
    try:
        return [
            (sql, [row[-1] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}")])
            for sql in queries
            if re.match(r"(?:SELECT|WITH)\b", sql, re.IGNORECASE)
        ]
    finally:
        connection.close()


def scanned_tables(db_path: Path, ran: list[str]) -> list[str]:
    """The tables of the database some query of `ran` reads whole (a SCAN), by name, each once."""
    connection = sqlite3.connect(db_path)
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    connection.close()
    found: set[str] = set()
    for sql, plan in plans(db_path, ran):
        names: dict[str, str] = {}
        for table, alias in _NAMED.findall(sql):
            if table in tables:
                names[table] = table
                if alias and alias.lower() not in _KEYWORDS:
                    names[alias] = table
        for line in plan:
            words = line.split()
            if words[0] == "SCAN" and "VIRTUAL TABLE" not in line and words[1] in names:
                found.add(names[words[1]])
    return sorted(found)


def test_show_reads_no_table_whole(
    demo: Kith, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran = statements(db_path, monkeypatch, "show", "Wendy Weekly")
    assert len(plans(db_path, ran)) > 10  # the card, its lines, the timeline, who they know
    assert scanned_tables(db_path, ran) == []


@pytest.mark.parametrize("words", [("Quayside",), ("Wendy", "Weekly"), ("coffee",)])
def test_search_reads_no_table_whole(
    demo: Kith, db_path: Path, monkeypatch: pytest.MonkeyPatch, words: tuple[str, ...]
) -> None:
    ran = statements(db_path, monkeypatch, "search", *words)
    assert scanned_tables(db_path, ran) == []


def test_the_first_page_of_list_walks_the_listing_index_in_order_and_stops(
    demo: Kith, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran = statements(db_path, monkeypatch, "list", "--limit", "50")
    read = {sql.split(" FROM ")[0]: plan for sql, plan in plans(db_path, ran) if "person p" in sql}
    # the total ("50 of 150") counts the listing index's entries; the page is its first 50, in
    # its order (no sort of people: no TEMP B-TREE), then each of the 50 by its id
    assert read["SELECT count(*)"] == ["SCAN p USING INDEX person_listed"]
    assert read["SELECT p.id"] == ["SCAN p USING INDEX person_listed"]
    page = next(sql for sql, _ in plans(db_path, ran) if sql.startswith("SELECT p.id FROM"))
    assert page.endswith("ORDER BY p.name_key, p.id LIMIT 50")
    lines = [plan for sql, plan in plans(db_path, ran) if sql.startswith("SELECT p.id, p.uid")]
    assert [line for line in lines[0] if "p " in line or line.endswith(" p")] == [
        "SEARCH p USING INTEGER PRIMARY KEY (rowid=?)"
    ]
    assert not any("TEMP B-TREE" in line for _, plan in plans(db_path, ran) for line in plan)


def test_migration_38_finds_a_persons_referrals_by_index_and_the_same_pairs(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kith.db"
    connection = one_contact_at(path, 35, "Ada Lovelace")
    for pid in (2, 3):
        connection.execute(
            "INSERT INTO person (id, uid, display_name, name_key, kind, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, 'contact', ?, ?)",
            (pid, f"u-{pid}", f"P{pid}", f"p{pid}", STAMP, STAMP),
        )
    connection.execute(
        "INSERT INTO referral (referrer_id, referred_id, created_at) VALUES (1, 2, ?), (3, 1, ?)",
        (STAMP, STAMP),
    )
    migrations.migrate(connection, path, APPLICATION_ID, upto=38)
    plan = [row[-1] for row in connection.execute(f"EXPLAIN QUERY PLAN {PAIRS_OF_SQL}", (1, None))]
    connection.close()
    assert [line for line in plan if " f " in f"{line} "] == [
        "SEARCH f USING INDEX referral_referrer (referrer_id=?)",
        "SEARCH f USING INDEX referral_referred (referred_id=?)",
    ]
    store = open_store(path)
    try:
        pairs = [(p.a, p.b, p.kind) for p in store.mesh.pairs(1)]
    finally:
        store.close()
    assert pairs == [(1, 2, "referral"), (1, 3, "referral")]
