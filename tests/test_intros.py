"""Introductions: `kith intros` suggests pairs who would both gain, `kith intro A B` runs the
double opt-in, and no message ever tells one side what the other needs."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from kith.cli.main import cli
from kith.relate import intros
from kith.relate.intros import Need, Pair
from kith.store import migrations
from kith.store.connection import APPLICATION_ID
from tests.conftest import Kith

MARKER = "PRIVATE"


@pytest.fixture
def five(kith: Kith) -> Kith:
    """Five contacts each met over dinner on one day (each alone: a dinner with two of them is
    evidence that they know each other), Ada also on a call; needs, offers and interests."""
    for name in ("Ada Lovelace", "Grace Hopper", "Alan Turing", "Joan Clarke", "Hedy Lamarr"):
        kith("add", name)
    kith("config", "set", "me.name", "Sam Rivera")
    for name in ("Ada", "Grace", "Alan", "Joan", "Hedy"):
        kith("log", name, "dinner", "-c", "in_person", "-w", "2026-11-01")
    kith("log", "Ada", "call", "--channel", "call", "--when", "2026-10-01")
    kith("need", "Ada", "hiring a data engineer")
    kith("need", "Grace", "looking for a data role")
    kith("need", "Alan", "design review")
    kith("offer", "Joan", "design reviews")
    kith("interest", "Hedy", "jazz")
    kith("interest", "Alan", "jazz music")
    return kith


def test_intros_suggests_pairs_who_would_both_gain_with_a_reason_each(five: Kith) -> None:
    assert five("intros").output == (
        "Ada Lovelace and Grace Hopper (0.31): Each answers the other: Ada, “hiring a data "
        "engineer”; Grace, “looking for a data role”.\n"
        "Alan Turing and Joan Clarke (0.17): A favour: Alan needs “design review”, which Joan "
        "offers (“design reviews”).\n"
        "\n"
        'Begin one with `kith intro "Ada Lovelace" "Grace Hopper"`: it asks Ada Lovelace first.\n'
    )


def test_intros_json_has_each_pair_its_kind_reason_and_components(five: Kith) -> None:
    shown = json.loads(five("intros", "--json").output)
    assert shown["total"] == 2
    first = shown["intros"][0]
    assert (first["a"]["name"], first["b"]["name"], first["kind"]) == (
        "Ada Lovelace",
        "Grace Hopper",
        "mutual",
    )
    assert set(first["components"]) == {
        "complementarity",
        "overlap",
        "novelty",
        "structure",
        "warmth",
        "shared_contacts",
    }


def test_two_people_you_had_lunch_with_together_are_never_suggested_as_an_introduction(
    five: Kith,
) -> None:
    before = five("intros").output
    assert before.startswith("Ada Lovelace and Grace Hopper (0.31)")
    five("log", "Ada", "Grace", "lunch", "-c", "in_person", "-w", "2026-09-20")
    after = five("intros").output
    assert "Ada Lovelace and Grace Hopper" not in after
    assert after.startswith("Alan Turing and Joan Clarke (0.17)")
    assert (
        five("knows", "Ada").output
        == "Grace Hopper (#2): you met both: lunch on 2026-09-20 · 0.15\n"
    )


def test_a_large_group_or_an_event_still_to_come_is_no_evidence_that_they_know_each_other(
    five: Kith,
) -> None:
    crowd = [f"Guest {n}" for n in range(1, 10)]
    for name in crowd:
        five("add", name)
    five("log", "Ada", "Grace", *crowd, "the launch party", "-c", "in_person", "-w", "2026-09-20")
    five("event", "add", "Board dinner", "--date", "2026-12-01")
    five("event", "attend", "Board dinner", "Ada", "Grace")
    assert five("intros").output.startswith("Ada Lovelace and Grace Hopper")
    five("event", "add", "Supper club", "--date", "2026-11-20")
    five("event", "attend", "Supper club", "Ada", "Grace")
    assert "Ada Lovelace and Grace Hopper" not in five("intros").output
    assert "both came to: Supper club on 2026-11-20" in five("knows", "Ada").output


def test_a_pair_that_knows_each_other_or_was_asked_is_not_suggested(five: Kith) -> None:
    five("knows", "Alan", "Joan")
    five("intro", "Ada", "Grace")
    assert five("intros").output == (
        "Alan Turing and Hedy Lamarr (0.08): Alan and Hedy might enjoy meeting: both care "
        "about “jazz music”.\n"
        "\n"
        'Begin one with `kith intro "Alan Turing" "Hedy Lamarr"`: it asks Alan Turing first.\n'
    )


def test_with_nothing_recorded_intros_asks_for_needs_and_offers(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    assert kith("intros").output == (
        "No introduction to suggest: record what people need and offer "
        "(`kith need NAME TEXT`, `kith offer NAME TEXT`).\n"
    )


def test_with_needs_and_offers_recorded_intros_does_not_ask_to_record_them(kith: Kith) -> None:
    kith("add", "Tom Becker")
    kith("add", "Priya Natarajan")
    kith("log", "Tom", "Priya", "climbing", "--when", "2026-11-01")
    kith("need", "Tom", "a new job in robotics")
    kith("offer", "Priya", "climbing lessons")
    assert kith("intros").output == (
        "No introduction to suggest: no need meets an offer between two people close enough to "
        "ask who do not know each other and were not asked or introduced in the last 12 months. "
        "To introduce two people yourself: `kith intro A B`.\n"
    )


def test_three_introductions_begun_this_week_leave_no_room(five: Kith) -> None:
    for a, b in (("Ada", "Joan"), ("Grace", "Hedy"), ("Alan", "Joan")):
        five("intro", a, b)
    assert five("intros").output == "You began 3 introductions this week: enough for now.\n"


def test_the_double_opt_in_drafts_each_message_in_turn(five: Kith) -> None:
    assert five("intro", "Ada", "Grace").output == (
        "Asked Ada Lovelace whether they would like to meet Grace Hopper.\n\n"
        "To Ada Lovelace:\nSubject: An introduction?\nHi Ada,\n\n"
        "I hope you are well. Would you like me to introduce you to Grace Hopper? I think you "
        "two could help each other: [why, in one sentence you could say to both]. If you say "
        "yes, I will ask Grace too, and put you in touch only if they agree. No is a fine "
        "answer.\n\nSam Rivera\n\n"
        'Next: when Ada Lovelace answers, `kith intro "Ada Lovelace" "Grace Hopper" --agreed` or '
        '`kith intro "Ada Lovelace" "Grace Hopper" --declined`.\n'
    )
    assert five("intro", "Ada", "Grace", "--agreed").output.splitlines()[:5] == [
        "Ada Lovelace agreed to meet Grace Hopper. Now ask Grace Hopper:",
        "",
        "To Grace Hopper:",
        "Subject: An introduction?",
        "Hi Grace,",
    ]
    assert five("intro", "Ada", "Grace").output.splitlines()[0] == (
        "Asked Grace Hopper whether they would like to meet Ada Lovelace."
    )
    assert five("intro", "Grace", "Ada", "--agreed").output.splitlines()[:6] == [
        "Ada Lovelace and Grace Hopper both agreed. Introduce them:",
        "",
        "To Ada Lovelace and Grace Hopper:",
        "Subject: Introducing Ada and Grace",
        "Hi Ada and Grace,",
        "",
    ]
    made = five("intro", "Ada", "Grace", "--introduced").output
    assert made.splitlines()[0] == (
        "Introduced Ada Lovelace and Grace Hopper: a give to both. Follow up in a week or two:"
    )
    assert made.count("How did it go with") == 2
    assert five("intro", "Ada", "Grace", "--followed-up").output == (
        "Followed up with Ada Lovelace and Grace Hopper.\n\n"
        'Next: `kith intro "Ada Lovelace" "Grace Hopper" --outcome TEXT` says what came of it.\n'
    )
    shown = json.loads(five("intro", "Ada", "Grace", "--outcome", "Grace joined", "--json").output)
    assert (shown["state"], shown["previous"], shown["outcome"]) == (
        "outcome",
        "followed_up",
        "Grace joined",
    )


def test_a_one_way_favour_is_asked_as_who_could_help_whom_never_as_each_other(
    five: Kith,
) -> None:
    why = "[why, in one sentence you could say to both]."
    to_alan = five("intro", "Alan", "Joan").output  # Alan needs a design review; Joan offers
    assert f"I think Joan could help you: {why}" in to_alan
    to_joan = five("intro", "Alan", "Joan", "--agreed").output
    assert f"Alan would be glad to meet you, and I think you could help Alan: {why}" in to_joan
    to_hedy = five("intro", "Hedy", "Alan").output  # an interest shared, no need met
    assert f"I think you two would enjoy meeting: {why}" in to_hedy
    for said in (to_alan, to_joan, to_hedy):
        assert "each other" not in said
        assert "design" not in said  # never the need or the offer itself


def test_a_made_introduction_is_a_give_to_both_and_evidence_they_know_each_other(
    five: Kith,
) -> None:
    for flag in ((), ("--agreed",), (), ("--agreed",), ("--introduced",)):
        assert five("intro", "Ada", "Grace", *flag).exit_code == 0
    for name, other in (("Ada", "Grace Hopper"), ("Grace", "Ada Lovelace")):
        entries = json.loads(five("ledger", name, "--json").output)["ledger"]
        assert entries["intro"]["out"]["count"] == 1
        assert f"introduced to {other}" in five("ledger", name).output
    assert five("knows", "Ada").output == "Grace Hopper (#2): you introduced them · 0.40\n"


def test_a_decline_closes_it_and_says_who(five: Kith) -> None:
    five("intro", "Ada", "Grace")
    five("intro", "Ada", "Grace", "--agreed")
    five("intro", "Ada", "Grace")
    assert five("intro", "Ada", "Grace", "--declined").output == (
        "Grace Hopper declined; the introduction of Ada Lovelace and Grace Hopper is closed.\n\n"
        "Next: nothing: it is closed.\n"
    )
    refused = five("intro", "Ada", "Grace", "--agreed")
    assert (refused.exit_code, refused.stderr) == (
        1,
        "Error: There is no introduction of Ada Lovelace and Grace Hopper in progress for "
        '--agreed; `kith intro "Ada Lovelace" "Grace Hopper"` begins one by asking Ada '
        "Lovelace.\n",
    )


def test_a_step_out_of_turn_says_what_comes_next(five: Kith) -> None:
    five("intro", "Ada", "Grace")
    refused = five("intro", "Ada", "Grace", "--introduced")
    assert (refused.exit_code, refused.stderr) == (
        1,
        "Error: This introduction stands at 'you asked Ada Lovelace': --introduced does not "
        "apply; next: when Ada Lovelace answers, --agreed or --declined.\n",
    )


def test_a_step_out_of_turn_names_the_two_and_the_command_that_comes_next(five: Kith) -> None:
    five("intro", "Ada", "Grace")
    five("intro", "Ada", "Grace", "--agreed")
    refused = five("intro", "Grace", "Ada", "--agreed")
    assert (refused.exit_code, refused.stderr) == (
        1,
        "Error: This introduction stands at 'Ada Lovelace agreed; Grace Hopper not asked yet': "
        "--agreed does not apply; next: send the ask to Grace Hopper, then "
        '`kith intro "Ada Lovelace" "Grace Hopper"` records it.\n',
    )


def test_no_message_of_an_introduction_quotes_a_need_an_offer_or_the_reason(
    five: Kith,
) -> None:
    """Ada's quiet job search must never reach Grace, nor Grace's anything reach Ada; every
    private field of both carries a marker, and every step's drafts are read whole."""
    five("need", "Ada", f"a quiet job search {MARKER}-A")
    five("offer", "Ada", f"{MARKER}-A offer")
    five("need", "Grace", f"{MARKER}-G need")
    five("note", "Ada", f"{MARKER}-A note")
    five("edit", "Grace", "--company", f"{MARKER}-G Corp", "--title", f"{MARKER}-G title")
    five("log", "Ada", f"{MARKER}-A summary", "--channel", "email", "--topic", f"{MARKER}-A topic")
    drafts = []
    for flag in ((), ("--agreed",), (), ("--agreed",), ("--introduced",)):
        args = ("--why", f"{MARKER} why") if not flag else ()
        shown = json.loads(five("intro", "Ada", "Grace", *flag, *args, "--json").output)
        drafts += [f"{d['subject']}\n{d['draft']}" for d in shown["drafts"]]
    assert len(drafts) == 6
    assert [d for d in drafts if MARKER in d] == []


def test_the_follow_up_shows_in_the_digest_a_week_after_the_introduction(five: Kith) -> None:
    for flag in ((), ("--agreed",), (), ("--agreed",)):
        five("intro", "Ada", "Grace", *flag)
    assert "Ada Lovelace and Grace Hopper: introduce them; both said yes on 2026-11-22" in (
        five("digest").output
    )
    five("intro", "Ada", "Grace", "--introduced")
    assert "Ada Lovelace and Grace" not in five("digest").output
    later = five("--now", "2026-12-01T10:00", "digest").output
    assert "Ada Lovelace and Grace Hopper: follow up; you introduced them on 2026-11-22" in later


def test_intros_on_the_demo(kith: Kith) -> None:
    kith("demo")
    assert kith("intros").output == (
        "Valentina Hendriks and Sebastián Mendoza (0.53): Valentina needs “cloud cost "
        "reviews”, which Sebastián offers, and Sebastián needs “beta testers”, which Valentina "
        "offers.\n"
        "Zuzanna Pawlak and Seo-yeon Yoon (0.35): Zuzanna needs “rust mentoring”, which "
        "Seo-yeon offers, and Seo-yeon needs “ux research”, which Zuzanna offers.\n"
        "Min-ji Song and Harry Reid (0.34): Min-ji needs “data engineering hires”, which Harry "
        "offers, and Harry needs “rust mentoring”, which Min-ji offers.\n"
        "\n"
        'Begin one with `kith intro "Valentina Hendriks" "Sebastián Mendoza"`: it asks '
        "Valentina Hendriks first.\n"
    )


def test_complementarity_is_the_harmonic_mean_or_half_a_favour() -> None:
    both = Pair(1, 2, Need("x", "x", 1.0), Need("y", "y", 0.5))
    assert intros.complementarity(both) == pytest.approx(2 / 3)
    favour = Pair(1, 2, Need("x", "x", 0.8), None)
    assert (intros.complementarity(favour), favour.kind) == (pytest.approx(0.4), "favour")


def test_at_most_one_structural_pair_and_nobody_twice() -> None:
    def scored(u: int, v: int, value: float, structural: bool) -> intros.Scored:
        need = None if structural else Need("x", "x", 1.0)
        return intros.Scored(Pair(u, v, need, need, "jazz"), value, 0, 0, 0, 0, 0, 0)

    found = intros.chosen(
        [
            scored(1, 2, 0.9, True),
            scored(3, 4, 0.8, True),
            scored(1, 5, 0.7, False),
            scored(6, 7, 0.6, False),
            scored(8, 9, 0.5, False),
        ],
        3,
        1,
    )
    assert [(s.pair.u, s.pair.v) for s in found] == [(1, 2), (6, 7), (8, 9)]


def test_migration_0012_maps_accepted_and_keeps_ids_and_runs(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    connection = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(connection, path, APPLICATION_ID, upto=11)
    connection.executescript(
        "INSERT INTO person (id, uid, display_name, name_key, created_at, updated_at) "
        "VALUES (1, 'u1', 'Ada', 'ada', 'x', 'x'), (2, 'u2', 'Grace', 'grace', 'x', 'x');"
        "INSERT INTO import_run (id, kind, started_at) VALUES (4, 'json', 'x');"
        "INSERT INTO introduction (id, a_id, b_id, why, state, created_at, updated_at, run_id) "
        "VALUES (7, 1, 2, 'w', 'accepted', 'x', 'y', 4),"
        " (8, 2, 1, NULL, 'asked_b', 'x', 'y', NULL);"
    )
    migrations.migrate(connection, path, APPLICATION_ID, upto=12)
    rows = connection.execute(
        "SELECT id, a_id, b_id, why, state, declined_by, run_id FROM introduction ORDER BY id"
    ).fetchall()
    assert rows == [(7, 1, 2, "w", "agreed_b", None, 4), (8, 2, 1, None, "asked_b", None, None)]
    connection.close()


def test_an_export_carries_the_states_and_who_declined_back_in(five: Kith, tmp_path: Path) -> None:
    for flag in ((), ("--agreed",), (), ("--declined",)):
        five("intro", "Ada", "Grace", *flag)
    exported = tmp_path / "kith.json"
    five("export", "json", str(exported))
    shown = json.loads(exported.read_text("utf-8"))["introductions"]
    assert [(i["state"], i["declined_by"]) for i in shown] == [("declined", "b")]
    again = tmp_path / "again.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(again), "import", str(exported)]).exit_code == 0
    rows = sqlite3.connect(again).execute("SELECT state, declined_by FROM introduction")
    assert rows.fetchall() == [("declined", "b")]


def test_the_weeks_gift_is_the_best_introduction_and_goes_with_a_forgotten_person(
    five: Kith,
) -> None:
    gift = json.loads(five("plan", "--json").output)["gift"]
    assert (gift["a"]["name"], gift["b"]["name"], gift["reason"]) == (
        "Ada Lovelace",
        "Grace Hopper",
        "Each answers the other: Ada, “hiring a data engineer”; Grace, “looking for a data role”.",
    )
    assert five("forget", "Grace", "--yes").exit_code == 0
    assert json.loads(five("plan", "--json").output)["gift"] is None


def test_the_score_multiplies_complementarity_structure_and_the_weaker_tie() -> None:
    pair = Pair(1, 2, Need("x", "x", 1.0), Need("y", "y", 1.0))
    degrees = {3: 2, 4: 4}
    found = intros.score(pair, 0.81, 0.64, {3, 4, 5}, {3, 4, 6}, degrees.__getitem__, 1.5, False)
    # RA = 1/2 + 1/4 = 0.75, A = 0.5; N = 1 - 2/4 + 0.2 = 0.7; T = sqrt(0.35); Wi = 0.8
    assert (found.c, found.a, found.n, found.wi, found.shared) == (1.0, 0.5, 0.7, 0.8, 2)
    assert found.score == pytest.approx((0.5 + 0.5 * 0.35**0.5) * 0.8)
    assert intros.percentile([0.1, 0.2, 0.3, 0.4], 0.95) == 0.4
