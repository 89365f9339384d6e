"""rate and why: the closeness rating and one tie explained part by part, with the clock fixed."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kith.model import PersonDraft
from kith.relate import Event, tie_strength
from kith.services.interactions import LogEntry, log_interaction
from kith.services.people import add_person
from kith.services.ties import why
from kith.store import Store
from kith.store.week.ties import EVENTS_SQL
from tests.conftest import NOW, Kith

COMPONENTS = ("volume", "intensity", "recency", "duration", "balance", "multiplexity")


@pytest.fixture
def ada(kith: Kith) -> Kith:
    """Ada: coffee, then an e-mail out and one back, a week apart."""
    kith("add", "Ada Lovelace")
    kith("log", "Ada", "coffee at the station", "-c", "coffee", "--when", "2026-11-01")
    kith("log", "Ada", "sent the paper", "-c", "email", "--when", "2026-11-08")
    kith("log", "Ada", "her notes on it", "-c", "email", "-d", "in", "--when", "2026-11-15")
    return kith


def weekly_friend(kith: Kith, weeks: int = 53) -> list[Event]:
    """A weekly friend logged through `kith log`: coffee and e-mail alternating, the e-mails
    alternating in and out, the latest on 2026-11-18; the events tie strength should see."""
    kith("add", "Ada Lovelace")
    events = []
    for k in range(weeks):
        day = date(2026, 11, 18) - timedelta(days=7 * k)
        channel = "in_person" if k % 2 == 0 else "email"
        direction = "both" if k % 2 == 0 else ("in" if k % 4 == 1 else "out")
        kith("log", "Ada", f"week {k}", "-c", channel, "-d", direction, "--when", day.isoformat())
        noon = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
        events.append(Event(noon, channel, direction, others=1))
    return events


def rows_of(output: str) -> dict[str, list[str]]:
    """The component table's rows by component ("I intensity" → its cells)."""
    rows = {}
    for line in output.splitlines()[2:12]:
        cells = line.split()
        key, offset = (cells[0], 1) if cells[0] in ("S_behav",) else (" ".join(cells[:2]), 2)
        rows[key] = cells[offset:]
    return rows


def test_rating_then_why_shows_the_rating_formula_at_work(ada: Kith) -> None:
    assert ada("rate", "Ada", "4").output == (
        "Rated Ada Lovelace 4/5 for closeness (was not rated).\n"
    )
    assert ada("why", "Ada").output == (
        "Ada Lovelace (#1)\n"
        "component       value  weight  adds   meaning\n"
        "D volume        4.400                 3 interactions, "
        "one a day per channel, w_c·2^(−age/90 d)\n"
        "I intensity     0.520  0.35    0.182  1 − exp(−D/6), saturating\n"
        "R recency       0.923  0.20    0.185  last contact 6.9 days ago, 2^(−days/60)\n"
        "L duration      0.127  0.15    0.019  known 0.7 months, full at 60\n"
        "Q balance       0.997  0.15    0.149  2 out, 2 in, each 2^(−age/365 d); 1 when even\n"
        "M multiplexity  0.500  0.10    0.050  2 channels in the last 365 days: email, in_person\n"
        "E embeddedness  0.000  0.05    0.000  0 mutual contacts, full at 20\n"
        "S_behav         0.585                 the weighted parts added up\n"
        "S strength      0.684                 "
        "rated 4/5: 0.6·(4 − 1)/4 + 0.4·S_behav = 0.450 + 0.234\n"
        "W warmth        0.532                 "
        "1 − exp(−Σ w_c·2^(−age/14 d) / 3), one a day per channel: for scheduling only\n"
        "layer    L5 active network, a weak tie, as of 2026-11-16; "
        "from S alone L3: S 0.684 (0.754 of what its age and channels allow) ≥ 0.6\n"
        "cadence  14 days: a young tie (known under 90 days), due before L5's applies\n"
        "due      2026-11-29 (last contact 2026-11-15 + 14 days), ρ 0.49; "
        "they wrote last, 6 days ago, a reply owed\n"
        "dormant  no: S_max 0.690, R 0.923 (dormant: S_max ≥ 0.6 and R < 0.1)\n"
    )


def test_the_rating_weighs_sixty_percent_and_clearing_it_restores_the_behaviour(
    ada: Kith,
) -> None:
    unrated = json.loads(ada("why", "Ada", "--json").output)
    ada("rate", "Ada", "5")
    rated = json.loads(ada("why", "Ada", "--json").output)
    assert rated["strength"] == pytest.approx(0.6 + 0.4 * unrated["s_behav"], abs=1e-4)
    assert ada("rate", "Ada", "--clear").output == (
        "Cleared Ada Lovelace's closeness rating (was 5/5).\n"
    )
    assert json.loads(ada("why", "Ada", "--json").output)["strength"] == unrated["strength"]
    assert ada("rate", "Ada").output == (
        "Ada Lovelace is not rated; `kith rate NAME 1..5` rates them.\n"
    )


def test_a_weekly_friend_has_the_components_section_2_implies(kith: Kith) -> None:
    events = weekly_friend(kith)
    for friend in ("Grace Hopper", "Alan Turing", "Mary Somerville"):
        kith("add", friend)
        kith("relate", friend, "Ada", "--as", "friend")
    expected = tie_strength(events, NOW, mutual_contacts=3)
    shown = json.loads(kith("why", "Ada", "--json").output)
    assert shown["strength"] == pytest.approx(expected.s, abs=5e-4)
    for name in COMPONENTS:
        assert shown["components"][name] == pytest.approx(getattr(expected, name), abs=5e-4)
    assert shown["components"]["embeddedness"] == pytest.approx(expected.embeddedness, abs=5e-4)
    rows = rows_of(kith("why", "Ada").output)
    assert rows["S strength"][0] == f"{expected.s:.3f}"
    assert rows["I intensity"][0] == f"{expected.intensity:.3f}"
    assert rows["Q balance"][0] == f"{expected.balance:.3f}"
    assert rows["M multiplexity"][:3] == ["0.500", "0.10", "0.050"]
    assert rows["E embeddedness"][:3] == ["0.455", "0.05", "0.023"]  # ln 4 / ln 21


def test_a_weekly_friend_is_due_by_their_layer_and_their_rhythm(kith: Kith) -> None:
    weekly_friend(kith)
    output = kith("why", "Ada").output
    assert output.splitlines()[-4:] == [
        "layer    L1 intimate, a strong tie, as of 2026-11-16; from S alone L1: "
        "S 0.833 (0.988 of what its age and channels allow) ≥ 0.85",
        "cadence  7 days, L1's default (τ = 7 days; 0.8·τ is less)",
        "due      2026-11-25 (last contact 2026-11-18 + 7 days), ρ 0.56",
        "dormant  no: S_max 0.833, R 0.956 (dormant: S_max ≥ 0.6 and R < 0.1)",
    ]


def test_why_on_someone_with_no_history(kith: Kith) -> None:
    kith("add", "Grace Hopper")
    assert kith("why", "Grace").output == (
        "Grace Hopper (#1)\n"
        "component       value  weight  adds   meaning\n"
        "D volume        0.000                 0 interactions, "
        "one a day per channel, w_c·2^(−age/90 d)\n"
        "I intensity     0.000  0.35    0.000  1 − exp(−D/6), saturating\n"
        "R recency       0.000  0.20    0.000  no contact yet\n"
        "L duration      0.000  0.15    0.000  known 0.0 months, full at 60\n"
        "Q balance       0.000  0.15    0.000  0 out, 0 in, each 2^(−age/365 d); 1 when even\n"
        "M multiplexity  0.000  0.10    0.000  0 channels in the last 365 days\n"
        "E embeddedness  0.000  0.05    0.000  0 mutual contacts, full at 20\n"
        "S_behav         0.000                 no history: no interaction yet\n"
        "S strength      0.000                 "
        "not rated: S = S_behav (`kith rate NAME 1..5` adds yours)\n"
        "W warmth        0.000                 "
        "1 − exp(−Σ w_c·2^(−age/14 d) / 3), one a day per channel: for scheduling only\n"
        "layer    not placed yet (layers are evaluated on Mondays); from S alone L6: "
        "no interaction yet, so never above L6\n"
        "cadence  none: L7 is never due\n"
        "due      never by cadence without history "
        "(the plan reaches them through a hook or a pin)\n"
        "dormant  no: no history\n"
    )


def test_why_for_a_one_way_tie_shows_the_cap(kith: Kith) -> None:
    kith("add", "Alan Turing")
    kith("log", "Alan", "wrote about the paper", "-c", "email", "--when", "2026-10-01")
    kith("log", "Alan", "wrote again", "-c", "email", "--when", "2026-11-01")
    assert kith("why", "Alan").output == (
        "Alan Turing (#1)\n"
        "component       value  weight  adds   meaning\n"
        "D volume        1.522                 2 interactions, "
        "one a day per channel, w_c·2^(−age/90 d)\n"
        "I intensity     0.224  0.35    0.078  1 − exp(−D/6), saturating\n"
        "R recency       0.785  0.20    0.157  last contact 20.9 days ago, 2^(−days/60)\n"
        "L duration      0.242  0.15    0.036  known 1.7 months, full at 60\n"
        "Q balance       0.000  0.15    0.000  2 out, 0 in, each 2^(−age/365 d); 1 when even\n"
        "M multiplexity  0.000  0.10    0.000  1 channel in the last 365 days: email\n"
        "E embeddedness  0.000  0.05    0.000  0 mutual contacts, full at 20\n"
        "S_behav         0.200                 "
        "one-way (out): capped at 0.2 (the parts add up to 0.272)\n"
        "S strength      0.200                 "
        "not rated: S = S_behav (`kith rate NAME 1..5` adds yours)\n"
        "W warmth        0.134                 "
        "1 − exp(−Σ w_c·2^(−age/14 d) / 3), one a day per channel: for scheduling only\n"
        "layer    L5 active network, a weak tie, as of 2026-11-16; from S alone L5: "
        "one-way (out), so never above L5\n"
        "cadence  365 days, L5's default (no steady rhythm: τ needs 3 gaps in 24 months)\n"
        "due      2027-11-01 (last contact 2026-11-01 + 365 days), ρ 0.06 "
        "(one-way: the plan suggests them only when pinned)\n"
        "dormant  no: S_max 0.200, R 0.785 (dormant: S_max ≥ 0.6 and R < 0.1)\n"
    )


def test_the_json_has_the_contracts_fields(ada: Kith) -> None:
    ada("rate", "Ada", "4")
    shown = json.loads(ada("why", "Ada", "--json").output)
    assert shown["person"]["name"] == "Ada Lovelace"
    del shown["person"]
    assert shown == {
        "strength": 0.6841,
        "warmth": 0.5319,
        "layer": "L5",
        "due": "2026-11-29T12:00:00Z",
        "components": {
            "volume": 4.4001,
            "intensity": 0.5197,
            "recency": 0.9232,
            "duration": 0.1274,
            "balance": 0.9966,
            "multiplexity": 0.5,
            "embeddedness": 0.0,
        },
        "weights": {
            "intensity": 0.35,
            "recency": 0.2,
            "duration": 0.15,
            "balance": 0.15,
            "multiplexity": 0.1,
            "embeddedness": 0.05,
        },
        "s_behav": 0.5851,
        "label": None,
        "rating": 4,
        "s_max": 0.6902,
        "dormant": False,
        "mutual_contacts": 0,
        "kin": False,
        "tau_days": None,
        "cadence_days": 14.0,
        "rho": 0.494,
        "at_risk": False,
        "rest": None,
    }


def test_rate_json_gives_the_person_and_the_rating(ada: Kith) -> None:
    shown = json.loads(ada("rate", "Ada", "3", "--json").output)
    assert (shown["person"]["name"], shown["rating"]) == ("Ada Lovelace", 3)


def test_an_unknown_name_exits_3(ada: Kith) -> None:
    for command in (("why", "Nobody"), ("rate", "Nobody", "3")):
        result = ada(*command)
        assert (result.exit_code, result.stderr) == (3, "Error: Nobody called 'Nobody'.\n")


def test_a_rating_of_6_is_a_usage_error_and_changes_nothing(ada: Kith) -> None:
    result = ada("rate", "Ada", "6")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for '[1..5]': 6 is not in the range 1<=x<=5.\n"
    )
    assert json.loads(ada("why", "Ada", "--json").output)["rating"] is None


def test_a_rating_and_clear_together_are_a_usage_error(ada: Kith) -> None:
    result = ada("rate", "Ada", "2", "--clear")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: Give a rating or --clear, not both.\n",
    )


def test_the_database_refuses_a_rating_outside_1_to_5(store: Store, now: datetime) -> None:
    person = add_person(store, PersonDraft("Ada Lovelace"), now)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        store.ties.set_rating(person.id, 6, "2026-11-22T10:00:00Z")


def test_a_kin_relationship_slows_the_decay(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    kith("add", "Annabella Milbanke")
    kith("log", "Ada", "lunch", "--when", "2026-06-01")
    before = json.loads(kith("why", "Ada", "--json").output)
    kith("relate", "Ada", "Annabella", "--as", "child")
    after = json.loads(kith("why", "Ada", "--json").output)
    assert (before["kin"], after["kin"]) == (False, True)
    assert after["components"]["recency"] > before["components"]["recency"]
    assert "one a day per channel, w_c·2^(−age/180 d) (kin)" in kith("why", "Ada").output


def log(store: Store, person_id: int, day: date, channel: str, direction: str) -> None:
    entry = LogEntry("seen", channel=channel, direction=direction, when=day.isoformat())
    log_interaction(store, [person_id], entry, NOW)


def test_a_formerly_close_friend_is_dormant(store: Store, now: datetime) -> None:
    person = add_person(store, PersonDraft("Ada Lovelace"), now)
    for k in range(104):  # weekly for two years, silent for the last year and a half
        day = date(2025, 5, 1) - timedelta(days=7 * k)
        log(store, person.id, day, "in_person", "both")
    explained = why.explain(store, person.id, now)
    assert explained.dormant
    assert explained.tie.s_max >= 0.6 > explained.strength.s
    assert explained.strength.recency < 0.1


def test_why_reads_only_that_persons_log(store: Store) -> None:
    plan = [row[3] for row in store.connection.execute("EXPLAIN QUERY PLAN " + EVENTS_SQL, (1,))]
    assert [step for step in plan if step.startswith("SCAN")] == []


def test_known_since_lengthens_the_duration(ada: Kith) -> None:
    ada("edit", "Ada", "--known-since", "2021-11-22")
    shown = json.loads(ada("why", "Ada", "--json").output)
    assert shown["components"]["duration"] == pytest.approx(1.0, abs=1e-3)  # 60 months: full
    assert "known 60.1 months (known since 2021-11-22), full at 60" in ada("why", "Ada").output


def test_a_rating_survives_export_import_and_a_merge(kith: Kith, tmp_path: Path) -> None:
    kith("add", "Ada Lovelace")
    kith("add", "A. Lovelace")
    kith("rate", "A. Lovelace", "4")
    kith("merge", "Ada Lovelace", "A. Lovelace")
    exported = tmp_path / "all.json"
    kith("export", "json", str(exported))
    from click.testing import CliRunner

    from kith.cli.main import cli

    other = ["--db", str(tmp_path / "other.db"), "--now", "2026-11-22T10:00:00+00:00"]
    CliRunner().invoke(cli, [*other, "import", str(exported)])
    shown = CliRunner().invoke(cli, [*other, "why", "Ada", "--json"]).output
    assert json.loads(shown)["rating"] == 4
