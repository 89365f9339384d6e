"""The crash proof's deterministic kills (reliability/crash.kill_at): a command killed as it calls
a point, after its last commit; judged by the next `today` a person runs (crash.next_today)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reliability import crash
from reliability._files import MAIL_ME, vcards
from reliability._kith import copy_db

AFTER_COMMIT = "kith.services.week.plan:prepare"


def weeks(db: Path) -> int:
    connection = sqlite3.connect(db)
    try:
        return int(connection.execute("SELECT count(*) FROM plan_week").fetchone()[0])
    finally:
        connection.close()


def unplanned(tmp_path: Path) -> Path:
    """The demo network with no week chosen yet (as before a first `today`)."""
    base = tmp_path / "base.db"
    crash.kith(base, "demo")
    crash.kith(base, "config", "set", "me.emails", MAIL_ME)
    assert weeks(base) == 0
    return base


def test_an_import_killed_before_it_chose_the_week_leaves_the_next_today_as_it_would_be(
    tmp_path: Path,
) -> None:
    base = unplanned(tmp_path)
    cards = vcards(30, tmp_path / "cards.vcf")
    operation = crash.Operation("import vCard", base, ("import", str(cards), "--me", MAIL_ME))
    crash.measure(operation, tmp_path / "reference")
    assert operation.done_db is not None
    assert weeks(operation.done_db) == 1
    outcome = crash.kill_at(operation, tmp_path / "killed", AFTER_COMMIT)
    assert outcome.killed_running is True
    assert outcome.landed == crash.WEEK_LEFT  # its cards in, the week not chosen
    assert outcome.lost == []


def test_the_next_today_after_a_kill_is_a_loss_when_it_would_differ(tmp_path: Path) -> None:
    base = unplanned(tmp_path)
    other = copy_db(base, tmp_path / "other.db")
    crash.kith(other, "add", "Zora Elsewhere")
    operation = crash.Operation("add", base, ("add", "Zora Elsewhere"), done_db=other)
    work = tmp_path / "work"
    work.mkdir()
    lost = crash.next_today(operation, copy_db(base, work / "kith.db"), work)
    assert lost[0].startswith("add: the next today after the kill left other rows, in ")
    assert "person" in lost[0].split(" in ", 1)[1].split(", ")


def test_a_point_the_command_never_calls_is_counted_lost(tmp_path: Path) -> None:
    base = unplanned(tmp_path)
    operation = crash.Operation("add", base, ("add", "Nia Newcomer"), again=False)
    crash.measure(operation, tmp_path / "reference")
    outcome = crash.kill_at(operation, tmp_path / "killed", AFTER_COMMIT)
    assert outcome.killed_running is False
    assert outcome.lost[0] == f"add: never called {AFTER_COMMIT}"


def test_the_reduced_proof_kills_the_carddav_pull_before_it_chooses_the_week() -> None:
    assert ("sync CardDAV (Radicale, pull)", AFTER_COMMIT) in crash.REDUCED_POINTS
    assert {point for _, point in crash.REDUCED_POINTS} == set(crash.POINTS)
