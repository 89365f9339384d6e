"""Edges of the stored week: the SQL that finds a note awaiting a reply reads the channels the
plan's rule names (one list, vocab.WRITTEN_CHANNELS); the plan says how to reach the picks it
holds no address or number for."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kith.cli.main import cli
from kith.model import PersonDraft
from kith.relate.priority import WRITTEN
from kith.services import people
from kith.services.interactions import LogEntry, log_interaction
from kith.store import Store
from kith.vocab import CHANNELS

NOW = datetime(2026, 11, 3, 9, tzinfo=UTC)
Run = Callable[..., Result]


def test_the_sql_finds_a_note_on_exactly_the_channels_the_reply_rule_calls_written(
    store: Store,
) -> None:
    """One person a channel, each whose latest interaction is an inbound one on it."""
    ids = {}
    for channel in CHANNELS:
        ids[people.add_person(store, PersonDraft(f"Someone {channel}"), NOW).id] = channel
        entry = LogEntry("they got in touch", channel=channel, direction="in", when="2026-11-01")
        log_interaction(store, [max(ids)], entry, NOW)
    with store.reading():
        found = {ids[person] for person, _, _ in store.plan.wrote_last("2026-10-01T00:00:00Z")}
        among = store.plan.wrote_last("2026-10-01T00:00:00Z", among=list(ids))
    assert found == {"email", "message", "social"}
    assert found == WRITTEN
    assert {ids[person] for person, _, _ in among} == found


@pytest.fixture
def run(db_path: Path) -> Run:
    def at(moment: str, *args: str) -> Result:
        ran = CliRunner().invoke(
            cli, ["--db", str(db_path), "--now", moment, *args], catch_exceptions=False
        )
        assert ran.exit_code == 0, ran.output
        return ran

    return at


def test_the_plan_says_once_how_to_reach_the_picks_it_holds_no_address_for(run: Run) -> None:
    """Ada and Tom have no address and were only met: both are picked for coffee, and one line
    under the table names them; Grace has a number, for a message. An address added, or the
    pick done, and the line leaves them out."""
    tuesday = "2026-11-03T09:00:00+00:00"
    run(tuesday, "add", "Ada Lovelace")
    run(tuesday, "add", "Tom Becker")
    run(tuesday, "add", "Grace Hopper", "--phone", "+44 7700 900123")
    for name in ("Ada", "Tom", "Grace"):
        run(tuesday, "cadence", name, "--ideal", "7d")
        run(tuesday, "log", name, "coffee", "--when", "2026-10-20")
    shown = run(tuesday, "plan").output.splitlines()
    assert [line.rstrip() for line in shown if line.endswith("open")] == [
        "1  Ada Lovelace  L5     overdue by 6 days  coffee   open",
        "2  Tom Becker    L5     overdue by 6 days  coffee   open",
        "3  Grace Hopper  L5     overdue by 6 days  message  open",
    ]
    assert [line for line in shown if line.startswith("No address")] == [
        "No address or number for Ada Lovelace, Tom Becker (so: coffee): "
        "`kith edit NAME --email ADDRESS` or `--phone NUMBER` adds one."
    ]
    run(tuesday, "edit", "Tom", "--email", "tom@example.org")
    assert [line for line in run(tuesday, "plan").output.splitlines() if "No address" in line] == [
        "No address or number for Ada Lovelace (so: coffee): "
        "`kith edit 'Ada Lovelace' --email ADDRESS` or `--phone NUMBER` adds one."
    ]
    run(tuesday, "done", "Ada")
    assert "No address" not in run(tuesday, "plan").output
