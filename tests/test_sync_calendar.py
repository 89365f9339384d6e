"""`kith sync calendar` against a plain HTTP server (.ics URLs) and Radicale (CalDAV)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.calendar_servers import (
    CAL_PASSWORD,
    CAL_USER,
    Radicale,
    event,
    serving,
    together,
)
from tests.conftest import Kith

PAST = event(
    "review@kith.test",
    "20261110T100000Z",
    "Project review",
    [("Ben Sample", "ben@example.org"), ("Chidi Example", "chidi@example.org")],
)
FUTURE = event("lunch@kith.test", "20261201T120000Z", "Lunch", [("Ben Sample", "ben@example.org")])
LATER = "2026-12-02T10:00:00+00:00"  # after the lunch
TABLES = ("person", "identity", "interaction", "participant", "event", "attendee", "import_run")


@pytest.fixture
def radicale(monkeypatch: pytest.MonkeyPatch) -> Iterator[Radicale]:
    server = Radicale()
    server.start()
    monkeypatch.setenv("KITH_CALENDAR_PASSWORD", CAL_PASSWORD)
    yield server
    server.close()


@pytest.fixture
def ics_url(tmp_path: Path) -> Iterator[str]:
    folder = tmp_path / "served"
    folder.mkdir()
    (folder / "team.ics").write_text(together(PAST, FUTURE))
    with serving(folder) as base:
        yield base + "team.ics"


def contents(db: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(db)
    try:
        return {t: connection.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in TABLES}
    finally:
        connection.close()


def summary(kith: Kith, *args: str) -> dict[str, int]:
    result = kith(*args, "--json")
    assert result.exit_code == 0, result.output
    found: dict[str, int] = json.loads(result.output)["sources"][-1]["summary"]
    return found


def meetings(kith: Kith) -> list[tuple[str, list[str]]]:
    shown = json.loads(kith("show", "Ben Sample", "--json").output)
    return [
        (i["summary"], sorted(p["name"] for p in i["participants"])) for i in shown["interactions"]
    ]


def test_an_ics_url_logs_past_meetings_and_keeps_future_ones_as_events(
    ics_url: str, kith: Kith
) -> None:
    found = summary(kith, "sync", "calendar", ics_url, "--me", "ada@example.org")
    assert found["meetings_logged"] == 1
    assert found["upcoming_events"] == 1
    assert found["people_created"] == 2
    assert meetings(kith) == [("Project review", ["Ben Sample", "Chidi Example"])]
    upcoming = kith("event", "list", "--json")
    assert "Lunch" in upcoming.output


def test_a_rerun_changes_nothing(ics_url: str, kith: Kith, db_path: Path) -> None:
    assert kith("sync", "calendar", ics_url, "--me", "ada@example.org").exit_code == 0
    before = contents(db_path)
    again = kith("sync", "calendar")
    assert again.exit_code == 0, again.output
    assert "calendar:1: 2 already known" in again.output
    assert contents(db_path) == before


def test_a_meeting_that_ended_since_the_last_run_is_logged_then(ics_url: str, kith: Kith) -> None:
    assert kith("sync", "calendar", ics_url, "--me", "ada@example.org").exit_code == 0
    found = summary(kith, "--now", LATER, "sync", "calendar")
    assert found["meetings_logged"] == 1
    assert [m[0] for m in meetings(kith)] == ["Lunch", "Project review"]


def test_a_subscription_ends_where_importing_the_same_file_ends(
    ics_url: str, kith: Kith, db_path: Path, tmp_path: Path
) -> None:
    assert kith("sync", "calendar", ics_url, "--me", "ada@example.org").exit_code == 0
    file = tmp_path / "team.ics"
    file.write_text(together(PAST, FUTURE))
    other = tmp_path / "file.db"
    assert kith("--db", str(other), "import", str(file), "--me", "ada@example.org").exit_code == 0
    mine, theirs = contents(db_path), contents(other)
    for table in ("interaction", "participant", "attendee"):
        assert [row[1:] for row in mine[table]] == [row[1:] for row in theirs[table]]


def test_a_caldav_calendar_is_read_with_its_login_and_a_rerun_changes_nothing(
    radicale: Radicale, kith: Kith, db_path: Path
) -> None:
    url = radicale.calendar("work", {"review.ics": PAST, "lunch.ics": FUTURE})
    args = ("sync", "calendar", url, "--user", CAL_USER, "--me", "ada@example.org")
    found = summary(kith, *args)
    counts = (found["meetings_logged"], found["upcoming_events"], found["people_created"])
    assert counts == (1, 1, 2)
    assert meetings(kith) == [("Project review", ["Ben Sample", "Chidi Example"])]
    before = contents(db_path)
    outputs = [kith("sync").output, kith("sync", "status", "--json").output]
    assert contents(db_path) == before
    files = b"".join(p.read_bytes() for p in db_path.parent.glob("kith.db*"))
    assert CAL_PASSWORD not in "".join(outputs)
    assert CAL_PASSWORD.encode() not in files


def test_a_wrong_calendar_password_is_refused_saying_what_to_set(
    radicale: Radicale, kith: Kith, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = radicale.calendar("work", {"review.ics": PAST})
    monkeypatch.setenv("KITH_CALENDAR_PASSWORD", "wrong")
    result = kith("sync", "calendar", url, "--user", CAL_USER, "--me", "ada@example.org")
    assert result.exit_code == 1
    assert "refused the login (HTTP 401)" in result.output
    assert "KITH_CALENDAR_PASSWORD" in result.output


def test_several_calendars_are_subscribed_as_calendar_1_and_calendar_2(
    ics_url: str, radicale: Radicale, kith: Kith
) -> None:
    url = radicale.calendar("home", {"lunch.ics": FUTURE})
    me = ("--me", "ada@example.org")
    assert kith("sync", "calendar", ics_url, *me).exit_code == 0
    assert kith("sync", "calendar", url, "--user", CAL_USER, *me).exit_code == 0
    assert kith("sync", "calendar", ics_url, *me).exit_code == 0  # the same URL: calendar:1
    shown = json.loads(kith("sync", "status", "--json").output)["sources"]
    assert [(s["source"], s["config"]["url"]) for s in shown] == [
        ("calendar:1", ics_url),
        ("calendar:2", url),
    ]
    both = kith("sync", "calendar")
    assert both.exit_code == 0, both.output
    assert "calendar:1: 2 already known" in both.output
    assert "calendar:2: 1 already known" in both.output


def test_a_password_in_the_url_is_refused(kith: Kith) -> None:
    result = kith("sync", "calendar", "https://ada:secret@dav.example.org/cal/")
    assert result.exit_code == 1
    assert "Leave the password out of the calendar's address" in result.output
    assert "secret" not in result.output


def test_a_meeting_cancelled_or_moved_on_the_server_leaves_the_upcoming_events(
    tmp_path: Path, kith: Kith
) -> None:
    folder = tmp_path / "served"
    folder.mkdir()
    team = folder / "team.ics"
    team.write_text(together(PAST, FUTURE))
    with serving(folder) as base:
        assert kith("sync", "calendar", base + "team.ics", "--me", "ada@example.org").exit_code == 0
        moved = FUTURE.replace("20261201T12", "20261203T12")
        team.write_text(together(PAST, moved))
        found = summary(kith, "sync", "calendar")
    assert found["upcoming_removed"] == 1
    assert found["upcoming_events"] == 1
    events = json.loads(kith("event", "list", "--json").output)
    assert [(e["name"], e["date"]) for e in events["events"] if e["name"] == "Lunch"] == [
        ("Lunch", "2026-12-03")
    ]


def prepared_for(db: Path) -> list[str]:
    """The stamp of the next Monday's step kept for the first command of that week (0033)."""
    connection = sqlite3.connect(db)
    try:
        rows = connection.execute("SELECT value FROM meta WHERE key = 'layers.prepared'")
        return [json.loads(value)["stamp"] for (value,) in rows]
    finally:
        connection.close()


def test_a_sync_prepares_the_next_monday_as_an_import_does_and_a_dry_run_does_not(
    ics_url: str, kith: Kith, db_path: Path
) -> None:
    dry = kith("sync", "calendar", ics_url, "--me", "ada@example.org", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert prepared_for(db_path) == []
    assert kith("sync", "calendar", ics_url, "--me", "ada@example.org").exit_code == 0
    [stamp] = prepared_for(db_path)
    assert json.loads(stamp)[1] == "2026-11-23T00:00:00Z"  # the Monday after the layers' instant
    week = kith("--now", "2026-11-24T09:00:00+00:00", "today")
    assert week.exit_code == 0, week.output
    assert prepared_for(db_path) == []  # promoted by the week's first command
