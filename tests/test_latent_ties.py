"""A latent tie (trial 3, finding 3): one or two contact days years ago, as an old phone backup
brings in, is L7 — never due, never "at risk" — and real ties keep the week."""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner, Result

from kith.cli.main import cli
from kith.relate.layers import (
    LATENT_AFTER_DAYS,
    LayerState,
    Standing,
    Tie,
    advance,
    is_latent,
    raw_layers,
)
from kith.relate.network import Standings, step
from kith.services.ties import layers
from kith.services.week import plan
from kith.store import Store, open_store
from kith.store.week.ahead import PREPARED_KEY
from kith.store.week.generation import named
from kith.store.week.layers import STATE_COLUMNS, StateRow
from tests.test_week_prepared import prepared, rows_hash

SMS = Path(__file__).parent / "fixtures" / "chat"
BACKUPS = sorted(SMS.glob("*sms*.xml"))
IMPORTED_ON = "2026-10-05T09:00:00+00:00"
WEEK_42 = "2026-10-12T09:00:00+00:00"
# Five people logged by hand over a year: (name, every how many weeks, first week, channel)
REAL = (
    ("Ada Lovelace", 3, 0, "in_person"),
    ("Grace Hopper", 4, 1, "call"),
    ("Priya Shah", 6, 2, "in_person"),
    ("Tom Becker", 2, 0, "message"),
    ("Lena Fischer", 8, 3, "in_person"),
)
MONDAY = datetime(2025, 10, 6, 12, tzinfo=UTC)


def test_a_tie_is_latent_only_unqualified_and_silent_for_a_year() -> None:
    assert LATENT_AFTER_DAYS == 365.0
    assert is_latent(False, 365.0) is True
    assert is_latent(False, 364.9) is False
    assert is_latent(True, 3000.0) is False
    assert is_latent(False, None) is False


def test_a_latent_tie_ranks_into_l7_and_a_recent_one_off_into_l5() -> None:
    now = datetime(2026, 10, 12, tzinfo=UTC)
    ties = [
        Tie(1, 0.30, 0.30, now - timedelta(days=3236), False, True, latent=True),
        Tie(2, 0.25, 0.25, now - timedelta(days=40), False, True),
        Tie(3, 0.10, 0.40, now - timedelta(days=400), True, True),
    ]
    assert raw_layers(ties) == {1: "L7", 2: "L5", 3: "L5"}


def test_a_latent_tie_falls_from_l5_at_once_where_others_wait_106_mondays() -> None:
    moment = datetime(2026, 10, 12, tzinfo=UTC)
    state = LayerState(moment, {1: Standing("L5"), 2: Standing("L5")})
    later = advance(state, {1: "L7", 2: "L7"}, moment + timedelta(weeks=1), latent={1})
    assert later.layers() == {1: "L7", 2: "L5"}
    assert later.standings[2] == Standing("L5", below=1, bound="L7")


def test_the_step_for_everyone_lets_latent_ties_fall_as_the_scalar_step_does() -> None:
    rng = random.Random(14)
    layers = ("L4", "L5", "L6", "L7")
    state, standings = LayerState(), Standings.empty(6)
    for week in range(60):
        raw = {k: rng.choice(layers) for k in range(6)}
        latent = {k for k in range(6) if raw[k] == "L7" and rng.random() < 0.5}
        state = advance(
            state, raw, datetime(2026, 1, 5, tzinfo=UTC) + timedelta(weeks=week), latent
        )
        codes = np.array([int(raw[k][1]) for k in range(6)], np.int64)
        step(standings, codes, np.array([k in latent for k in range(6)]))
        assert [int(code) for code in standings.layer] == [
            int(state.standings[k].layer[1]) for k in range(6)
        ]
        assert [int(n) for n in standings.below] == [state.standings[k].below for k in range(6)]


Run = Callable[..., Result]


@pytest.fixture
def at(db_path: Path) -> Run:
    """Run kith at another moment: at(WEEK_42, "plan", "--json")."""

    def run(moment: str, *args: str) -> Result:
        return CliRunner().invoke(
            cli, ["--db", str(db_path), "--now", moment, *args], catch_exceptions=False
        )

    return run


def address_book(at: Run, weeks: int = 52) -> list[int]:
    """The trial's small address book: a year of logs with five people, then the corpus's four
    SMS Backup & Restore files; the imports' exit codes (6: one file is cut short)."""
    for name, *_ in REAL:
        assert at("2025-10-01T09:00:00+00:00", "add", name).exit_code == 0
    for week in range(weeks):
        day = (MONDAY + timedelta(weeks=week)).isoformat()
        for name, every, first, channel in REAL:
            if week % every == first:
                logged = at(
                    IMPORTED_ON, "log", name, "seen", "-c", channel, "-d", "both", "-w", day
                )
                assert logged.exit_code == 0, logged.output
    return [at(IMPORTED_ON, "import", str(backup)).exit_code for backup in BACKUPS]


def picks(shown: str) -> list[tuple[str, str, str]]:
    return [(p["name"], p["layer"], p["reason"]) for p in json.loads(shown)["picks"]]


def test_an_old_sms_backup_puts_no_stranger_from_years_ago_into_the_week(at: Run) -> None:
    assert address_book(at) == [6, 0, 0, 0]
    assert picks(at(WEEK_42, "plan", "--json").output) == [
        ("Tom Becker", "L2", "overdue by 9 days"),
        ("Grace Hopper", "L3", "due Wed 14 Oct"),
        ("Ada Lovelace", "L1", "due Thu 15 Oct"),
    ]
    why = at(WEEK_42, "why", "Contact A").output
    assert "layer    L7 recognisable names, an acquaintance tie, as of 2026-10-12" in why
    assert "latent, so L7: contact on 1 day, the latest 365+ days ago" in why
    assert "due      never by cadence" in why


def test_over_eight_weeks_of_acting_on_picks_only_real_ties_are_picked(at: Run) -> None:
    address_book(at)
    rng = random.Random(42)
    shown: list[str] = []
    for week in range(8):
        monday = datetime(2026, 10, 12, 9, tzinfo=UTC) + timedelta(weeks=week)
        week_picks = picks(at(monday.isoformat(), "plan", "--json").output)
        shown += [name for name, _, _ in week_picks]
        for name, _, _ in week_picks:
            when = monday + timedelta(days=rng.randrange(5), hours=rng.randrange(8))
            assert at(when.isoformat(), "done", name).exit_code == 0
    assert sorted(set(shown)) == sorted(name for name, *_ in REAL)


def one_day_chat(folder: Path, name: str, day: datetime) -> Path:
    """A two-way chat with `name` on one day, as Signal exports it: a latent tie a year on."""
    path = folder / f"{name.replace(' ', '-')}.txt"
    path.write_text(f"[{day:%Y-%m-%d}, 10:00] {name}: Hi!\n[{day:%Y-%m-%d}, 10:05] John Doe: Hi\n")
    return path


def layer_of(store: Store) -> dict[int, str]:
    rows = store.connection.execute(
        named(store.connection, "SELECT person_id, layer FROM layer_state")
    )
    return {int(person): str(layer) for person, layer in rows}


def once_met(store: Store) -> dict[str, str]:
    rows = store.connection.execute(
        named(
            store.connection,
            "SELECT p.display_name, s.layer FROM person p JOIN layer_state s ON s.person_id = p.id"
            " WHERE p.display_name LIKE 'Once Met %'",
        )
    )
    return {str(name): str(layer) for name, layer in rows}


def apart(store: Store, rows: list[StateRow], others: list[StateRow]) -> set[tuple[str, str]]:
    """Whose columns differ between two states of the same people: (name, column)."""
    names = dict(store.connection.execute("SELECT id, display_name FROM person"))
    columns = STATE_COLUMNS.split(", ")
    return {
        (names[mine[0]], column)
        for mine, theirs in zip(rows, others, strict=True)
        for column, a, b in zip(columns, mine, theirs, strict=True)
        if a != b
    }


def test_prepared_patched_stepped_and_replayed_layers_agree_as_ties_turn_latent(
    at: Run, db_path: Path, tmp_path: Path
) -> None:
    """Seeded ten weeks in which one-off chats of late 2025 turn latent one by one and one is
    written to again: a database that prepares each next Monday ahead (and has logs patched
    into it) leaves the layers and the week of one that only steps, and a replay of the log
    leaves the same layers, streaks and bounds (S and its peaks to rounding)."""
    address_book(at, weeks=20)
    for k, day in enumerate(
        (datetime(2025, 10, 20), datetime(2025, 11, 3), datetime(2025, 11, 24))
    ):
        chat = one_day_chat(tmp_path, f"Once Met {k}", day)
        assert at(IMPORTED_ON, "import", str(chat), "--me", "John Doe").exit_code == 0
    step_path = tmp_path / "stepped.db"
    shutil.copy(db_path, step_path)
    fast, stepped = open_store(db_path), open_store(step_path)
    rng = random.Random(21)
    names = [name for name, *_ in REAL]
    promoted, weekly = 0, []
    try:
        for week in range(10):
            monday = datetime(2026, 10, 12, 9, tzinfo=UTC) + timedelta(weeks=week)
            for store in (fast, stepped):
                plan.this_week(store, monday)
            with fast.deriving():
                layers.prepare(fast, monday + timedelta(days=1))
            seed = rng.random()  # the same logs in both databases
            for path in (db_path, step_path):
                draw = random.Random(seed)
                logs = [
                    (monday + timedelta(days=2, hours=draw.randrange(48)), draw.choice(names))
                    for _ in range(draw.randrange(3))
                ]
                if week == 6:  # Once Met 0, latent since week 2, is written to again
                    logs.append((monday + timedelta(days=3), "Once Met 0"))
                for when, name in logs:
                    logged = CliRunner().invoke(
                        cli, ["--db", str(path), "--now", when.isoformat(), "log", name, "hi"]
                    )
                    assert logged.exit_code == 0, logged.output
            with stepped.transaction():
                stepped.connection.execute("DELETE FROM meta WHERE key = ?", (PREPARED_KEY,))
            next_monday = monday + timedelta(days=7)
            promoted += prepared(fast)
            made, expected = plan.this_week(fast, next_monday), plan.this_week(stepped, next_monday)
            assert rows_hash(fast) == rows_hash(stepped), week
            weekly.append(once_met(fast)["Once Met 0"])
            assert [(p.person.id, p.stored.reason) for p in made.picks] == [
                (p.person.id, p.stored.reason) for p in expected.picks
            ], week
        rows = stepped.layers.state()
        with stepped.transaction():
            layers.rebuild(stepped, datetime(2026, 12, 21, 9, tzinfo=UTC))
        replay = stepped.layers.state()
        assert layer_of(stepped) == layer_of(fast)
        # a replay leaves everyone's layer, streak and bound as the steps did, to the bit; S and
        # S's peaks in the last bits only (a replay carries the decayed sums from Monday to
        # Monday, a step reads the tie rows: science.md §4; tests/test_replay_step_agree.py)
        assert [row[:5] for row in replay] == [row[:5] for row in rows]
        assert apart(stepped, rows, replay) == {
            ("Ada Lovelace", "peaks"),
            ("Contact D", "peaks"),
            ("Contact D", "strength"),
            ("Lena Fischer", "strength"),
            ("Priya Shah", "peaks"),
        }
        assert once_met(fast) == {"Once Met 0": "L5", "Once Met 1": "L7", "Once Met 2": "L7"}
        # latent from Mon 26 Oct (its chat of 20 Oct 2025 a year old), written to Thu 26 Nov,
        # back in L5 after the two Mondays a rise waits
        assert " ".join(weekly) == "L5 L7 L7 L7 L7 L7 L7 L5 L5 L5"
        assert promoted >= 5
    finally:
        fast.close()
        stepped.close()
