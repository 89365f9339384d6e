"""The give-first ledger: per-person counts in each direction, the overview most lopsided first,
the warning before an ask to someone never given to, and the gift ideas it suggests."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from kith.model import PersonDraft
from kith.services.interactions import LogEntry, log_interaction
from kith.services.ledger import gift_ideas, give_first_warning
from kith.services.people import add_facet, add_person
from kith.store import Store, open_store
from tests.conftest import NOW, Kith


def save_article(db_path: Path, url: str, title: str | None, topics: list[str]) -> int:
    """An article as `kith save` stores it (that command is not part of this module)."""
    store = open_store(db_path)
    try:
        with store.transaction():
            cursor = store.connection.execute(
                "INSERT INTO article (url, title, saved_at) VALUES (?, ?, ?)",
                (url, title, f"2026-11-{10 + len(topics):02d}T09:00:00Z"),
            )
            article_id = int(cursor.lastrowid or 0)
            store.connection.executemany(
                "INSERT INTO article_topic (article_id, topic) VALUES (?, ?)",
                [(article_id, t) for t in topics],
            )
    finally:
        store.close()
    return article_id


def share_article(db_path: Path, article_id: int, person_id: int) -> None:
    store = open_store(db_path)
    try:
        store.connection.execute(
            "INSERT INTO article_share (article_id, person_id, at) VALUES (?, ?, ?)",
            (article_id, person_id, "2026-11-15T09:00:00Z"),
        )
    finally:
        store.close()


def introduce(db_path: Path, a_id: int, b_id: int, state: str) -> None:
    """An introduction as the introductions workflow stores it."""
    store = open_store(db_path)
    try:
        store.connection.execute(
            "INSERT INTO introduction (a_id, b_id, state, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (a_id, b_id, state, "2026-10-01T09:00:00Z", "2026-10-03T09:00:00Z"),
        )
    finally:
        store.close()


@pytest.fixture
def ada(kith: Kith) -> Kith:
    """Ada: the user gave twice (one over coffee, a conversation), asked once; she gave once,
    asked twice and thanked once."""
    kith("add", "Ada Lovelace")
    log = [
        ("sent the paper", "email", "out", "give", "2026-10-01"),
        ("swapped books over coffee", "coffee", "both", "give", "2026-10-20"),
        ("asked for a review", "email", "out", "ask", "2026-11-01"),
        ("asked about Lisbon", "email", "in", "ask", "2026-09-01"),
        ("asked for the slides", "message", "in", "ask", "2026-11-05"),
        ("thanks for the paper", "email", "in", "thanks", "2026-10-02"),
        ("coffee", "coffee", "both", "checkin", "2026-11-10"),
    ]
    for summary, channel, direction, kind, when in log:
        kith("log", "Ada", summary, "-c", channel, "-d", direction, "-k", kind, "--when", when)
    return kith


def test_a_persons_ledger_counts_each_kind_on_each_side(ada: Kith) -> None:
    assert ada("ledger", "Ada").output == (
        "Ada Lovelace (#1)\n"
        "kind    you  your latest                           they  their latest\n"
        "give    2    2026-10-20 swapped books over coffee  1     "
        "2026-10-20 swapped books over coffee\n"
        "ask     1    2026-11-01 asked for a review         2     2026-11-05 asked for the slides\n"
        "thanks  0                                          1     2026-10-02 thanks for the paper\n"
        "intro   0                                          0\n"
        "You have given twice and asked once; Ada Lovelace has given once and asked twice.\n"
        "Ideas to give: none; record what they care about "
        "(`kith interest NAME TOPIC`, `kith need NAME NEED`).\n"
    )


def test_a_persons_ledger_json(ada: Kith) -> None:
    shown = json.loads(ada("ledger", "Ada", "--json").output)
    assert shown["person"]["name"] == "Ada Lovelace"
    del shown["person"]
    nothing = {"count": 0, "latest": None}
    assert shown == {
        "ledger": {
            "give": {
                "out": {
                    "count": 2,
                    "latest": {
                        "at": "2026-10-20T12:00:00Z",
                        "summary": "swapped books over coffee",
                        "direction": "both",
                        "interaction_id": 2,
                        "introduction_id": None,
                    },
                },
                "in": {
                    "count": 1,
                    "latest": {
                        "at": "2026-10-20T12:00:00Z",
                        "summary": "swapped books over coffee",
                        "direction": "both",
                        "interaction_id": 2,
                        "introduction_id": None,
                    },
                },
            },
            "ask": {
                "out": {
                    "count": 1,
                    "latest": {
                        "at": "2026-11-01T12:00:00Z",
                        "summary": "asked for a review",
                        "direction": "out",
                        "interaction_id": 3,
                        "introduction_id": None,
                    },
                },
                "in": {
                    "count": 2,
                    "latest": {
                        "at": "2026-11-05T12:00:00Z",
                        "summary": "asked for the slides",
                        "direction": "in",
                        "interaction_id": 5,
                        "introduction_id": None,
                    },
                },
            },
            "thanks": {
                "out": nothing,
                "in": {
                    "count": 1,
                    "latest": {
                        "at": "2026-10-02T12:00:00Z",
                        "summary": "thanks for the paper",
                        "direction": "in",
                        "interaction_id": 6,
                        "introduction_id": None,
                    },
                },
            },
            "intro": {"out": nothing, "in": nothing},
        },
        "you_gave": 2,
        "you_asked": 1,
        "they_gave": 1,
        "they_asked": 2,
        "balance": "You have given twice and asked once; "
        "Ada Lovelace has given once and asked twice.",
        "gift_ideas": [],
    }


@pytest.fixture
def network(ada: Kith, db_path: Path) -> Kith:
    """Ada (above); Grace, who only gave; Alan, whom the user introduced to Grace; Mary, who was
    only asked; Charles, archived after a give."""
    for name in ("Grace Hopper", "Alan Turing", "Mary Somerville", "Charles Babbage"):
        ada("add", name)
    ada("log", "Grace", "sent me her notes", "-c", "email", "-d", "in", "-k", "give")
    ada("log", "Grace", "lent me the book", "-c", "email", "-d", "in", "-k", "give")
    ada("log", "Alan", "thanked him", "-c", "email", "-k", "thanks")
    ada("log", "Mary", "asked for a quote", "-c", "email", "-k", "ask")
    ada("log", "Charles", "sent the engine plans", "-c", "email", "-k", "give")
    ada("archive", "Charles")
    introduce(db_path, 3, 2, "introduced")  # Alan and Grace
    return ada


def test_the_overview_puts_the_most_lopsided_first(network: Kith) -> None:
    assert network("ledger").output == (
        "person           you gave  they gave  you asked  they asked  you thanked  "
        "they thanked  your share\n"
        "Alan Turing      1         0          0          0           1            "
        "0             100%\n"
        "Grace Hopper     1         2          0          0           0            "
        "0             33%\n"
        "Ada Lovelace     2         1          1          2           0            "
        "1             67%\n"
        "Mary Somerville  0         0          1          0           0            0\n"
        "Of 3 people with gives either way, you gave more than 75% of the gives with 1 (33%) "
        "and less than 25% with 0 (0%). Lopsided ties are normal: this is information, not "
        "a score.\n"
    )


def test_the_overview_json(network: Kith) -> None:
    shown = json.loads(network("ledger", "--json").output)
    rows = [
        (r["person"]["name"], r["you_gave"], r["they_gave"], r["share"], r["counts"]["intro"])
        for r in shown.pop("ledger")
    ]
    assert rows == [
        ("Alan Turing", 1, 0, 1.0, {"out": 1, "in": 0}),
        ("Grace Hopper", 1, 2, 0.3333, {"out": 1, "in": 0}),
        ("Ada Lovelace", 2, 1, 0.6667, {"out": 0, "in": 0}),
        ("Mary Somerville", 0, 0, None, {"out": 0, "in": 0}),
    ]
    assert shown == {"total": 4, "with_gives": 3, "giving": 1, "taking": 0}


def test_an_introduction_made_counts_as_a_give_to_both_sides(network: Kith) -> None:
    lines = network("ledger", "Alan").output.splitlines()
    assert lines[5] == "intro   1    2026-10-03 introduced to Grace Hopper  0"
    assert network("ledger", "Grace").output.splitlines()[5] == (
        "intro   1    2026-10-03 introduced to Alan Turing  0"
    )


def test_empty_ledgers_say_how_to_start(kith: Kith) -> None:
    assert kith("ledger").output == (
        'Nothing in the ledger yet; `kith log NAME "SUMMARY" --kind give` records a give.\n'
    )
    assert json.loads(kith("ledger", "--json").output) == {
        "ledger": [],
        "total": 0,
        "with_gives": 0,
        "giving": 0,
        "taking": 0,
    }
    kith("add", "Ada Lovelace")
    kith("log", "Ada", "asked for a favour", "-c", "email", "-k", "ask")
    assert kith("ledger").output.splitlines()[-1] == (
        "Nobody has a give either way yet, so there is no share to show."
    )


def test_an_unknown_name_exits_3(kith: Kith) -> None:
    result = kith("ledger", "Nobody")
    assert (result.exit_code, result.stderr) == (3, "Error: Nobody called 'Nobody'.\n")


def test_an_ask_to_someone_never_given_to_warns_and_is_still_logged(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    result = kith("log", "Ada", "asked for a review", "-c", "email", "--kind", "ask")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "Logged #1: asked for a review (email, out) with Ada Lovelace.\n",
        "Give first: you have never given anything to Ada Lovelace (a give or an intro).\n"
        "No idea what to give yet: record what they care about "
        "(`kith interest NAME TOPIC`, `kith need NAME NEED`).\n",
    )
    assert json.loads(kith("interactions", "Ada", "--json").output)["total"] == 1


def test_no_warning_after_a_give_and_none_for_other_kinds(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    checkin = kith("log", "Ada", "coffee", "-c", "coffee")
    kith("log", "Ada", "sent the paper", "-c", "email", "--kind", "give", "--when", "2026-11-01")
    ask = kith("log", "Ada", "asked for a review", "-c", "email", "--kind", "ask")
    assert (checkin.stderr, ask.stderr) == ("", "")
    assert ask.stdout == "Logged #3: asked for a review (email, out) with Ada Lovelace.\n"


def test_their_gifts_do_not_count_as_yours(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    kith("log", "Ada", "she sent her notes", "-c", "email", "-d", "in", "--kind", "give")
    kith("log", "Ada", "thanked her", "-c", "email", "--kind", "thanks")
    ask = kith("log", "Ada", "asked for a review", "-c", "email", "--kind", "ask")
    assert ask.stderr.startswith("Give first: you have never given anything to Ada Lovelace")


def test_only_an_introduction_made_counts_not_one_suggested(kith: Kith, db_path: Path) -> None:
    kith("add", "Ada Lovelace")
    kith("add", "Grace Hopper")
    introduce(db_path, 1, 2, "suggested")
    first = kith("log", "Ada", "asked", "-c", "email", "-k", "ask")
    kith("add", "Alan Turing")
    introduce(db_path, 3, 1, "followed_up")
    second = kith("log", "Ada", "asked again", "-c", "email", "-k", "ask")
    assert first.stderr.startswith("Give first:")
    assert second.stderr == ""


def test_the_warning_suggests_an_article_and_an_introduction(kith: Kith, db_path: Path) -> None:
    kith("add", "Ada Lovelace", "--interest", "Compilers", "--working-on", "a book on Rust")
    kith("add", "Grace Hopper")
    kith("add", "Alan Turing")
    kith("need", "Ada", "design review")
    kith("offer", "Grace", "Design Review")  # the same phrase, another case
    kith("offer", "Alan", "legal advice")
    save_article(db_path, "https://example.org/c", "Compilers, simply", ["compilers"])
    save_article(db_path, "https://example.org/r", None, ["rust", "ownership"])
    save_article(db_path, "https://example.org/t", "Trust", ["trust"])  # not "rust"
    result = kith("log", "Ada", "asked for a review", "-c", "email", "-k", "ask")
    assert result.stderr == (
        "Give first: you have never given anything to Ada Lovelace (a give or an intro).\n"
        "Something you could give first:\n"
        "  - share https://example.org/r: on rust; they are working on a book on Rust\n"
        '  - share "Compilers, simply" (https://example.org/c): on compilers, one of their '
        "interests\n"
        "  - introduce them to Grace Hopper, who offers what they need: design review\n"
    )


def test_an_article_already_shared_is_not_suggested_again(kith: Kith, db_path: Path) -> None:
    kith("add", "Ada Lovelace", "--interest", "compilers")
    shared = save_article(db_path, "https://example.org/c", "Compilers", ["compilers"])
    save_article(db_path, "https://example.org/o", "Optimisers", ["compilers", "llvm"])
    share_article(db_path, shared, 1)
    ideas = json.loads(kith("ledger", "Ada", "--json").output)["gift_ideas"]
    assert ideas == [
        {
            "kind": "article",
            "because": "on compilers, one of their interests",
            "sentence": 'share "Optimisers" (https://example.org/o): on compilers, one of '
            "their interests",
            "article": {
                "id": 2,
                "url": "https://example.org/o",
                "title": "Optimisers",
                "topics": ["compilers", "llvm"],
            },
            "person": None,
        }
    ]


def test_introductions_already_made_and_archived_offerers_are_left_out(
    kith: Kith, db_path: Path
) -> None:
    for name in ("Ada Lovelace", "Grace Hopper", "Alan Turing", "Mary Somerville"):
        kith("add", name)
    kith("need", "Ada", "legal advice")
    for name in ("Grace", "Alan", "Mary"):
        kith("offer", name, "legal advice")
    introduce(db_path, 2, 1, "declined")  # Grace: already tried
    kith("archive", "Mary")
    ideas = json.loads(kith("ledger", "Ada", "--json").output)["gift_ideas"]
    assert [(i["kind"], i["person"]["name"], i["because"]) for i in ideas] == [
        ("introduction", "Alan Turing", "they need legal advice")
    ]


def test_more_than_three_ideas_point_to_the_ledger(store: Store, now: datetime) -> None:
    ada = add_person(store, PersonDraft("Ada Lovelace"), now)
    add_facet(store, ada.id, "need", "beta testers", now)
    for name in ("Grace Hopper", "Alan Turing", "Mary Somerville", "Charles Babbage"):
        other = add_person(store, PersonDraft(name), now)
        add_facet(store, other.id, "offer", "beta testers", now)
    warning = give_first_warning(store, ada.id, now)
    assert warning is not None
    assert warning.splitlines()[1] == (
        'Something you could give first (`kith ledger "Ada Lovelace"` lists all 4):'
    )
    assert len(gift_ideas(store, ada.id)) == 4
    assert len(warning.splitlines()) == 5
    entry = LogEntry("sent a tester", channel="email", kind="give")
    log_interaction(store, [ada.id], entry, now)
    assert give_first_warning(store, ada.id, now) is None


def test_a_give_after_now_does_not_count(store: Store) -> None:
    ada = add_person(store, PersonDraft("Ada Lovelace"), NOW)
    log_interaction(store, [ada.id], LogEntry("sent", channel="email", kind="give"), NOW)
    earlier = NOW.replace(month=10)
    assert give_first_warning(store, ada.id, earlier) is not None
    assert give_first_warning(store, ada.id, NOW) is None


def test_the_ledger_on_the_demo_network(kith: Kith) -> None:
    kith("demo")
    overview = kith("ledger").output.splitlines()
    assert overview[-1] == (
        "Of 71 people with gives either way, you gave more than 75% of the gives with 27 "
        "(38%) and less than 25% with 6 (8%). Lopsided ties are normal: this is information, "
        "not a score."
    )
    assert overview[1].split()[:2] == ["Rania", "Hamdan"]
    result = kith("log", "Solveig Holm", "asked about the grant", "-c", "email", "-k", "ask")
    assert result.stderr == (
        "Give first: you have never given anything to Solveig Holm (a give or an intro).\n"
        'Something you could give first (`kith ledger "Solveig Holm"` lists all 4):\n'
        "  - introduce them to Camille Lefèvre, who offers what they need: beta testers\n"
        "  - introduce them to Valentina Hendriks, who offers what they need: beta testers\n"
        "  - introduce them to Tao Weiß, who offers what they need: beta testers\n"
    )


def test_the_overview_shows_the_first_n_and_counts_everyone(network: Kith) -> None:
    shown = network("ledger", "--limit", "2").output.splitlines()
    assert [line.split()[:2] for line in shown[1:3]] == [
        ["Alan", "Turing"],
        ["Grace", "Hopper"],
    ]
    assert shown[3] == "(2 of 4; --all shows everyone)"
    assert shown[4].startswith("Of 3 people with gives either way")
    listed = json.loads(network("ledger", "--limit", "1", "--json").output)
    assert [r["person"]["name"] for r in listed["ledger"]] == ["Alan Turing"]
    assert (listed["total"], listed["with_gives"]) == (4, 3)
    assert len(json.loads(network("ledger", "--all", "--json").output)["ledger"]) == 4


def test_the_demo_overview_shows_fifty_unless_asked_for_all(kith: Kith) -> None:
    kith("demo")
    first = kith("ledger").output.splitlines()
    everyone = kith("ledger", "--all").output.splitlines()
    assert len(first) == 1 + 50 + 2
    assert first[-2] == f"({50} of {len(everyone) - 2}; --all shows everyone)"
    assert first[1:51] == everyone[1:51]


def test_the_overview_counts_through_the_ledgers_own_index(store: Store) -> None:
    from kith.store.mesh.ledger import PEOPLE_COUNTS_SQL

    plan = " ".join(
        r[-1] for r in store.connection.execute(f"EXPLAIN QUERY PLAN {PEOPLE_COUNTS_SQL}")
    )
    assert "SEARCH i USING COVERING INDEX interaction_ledger" in plan


def tom_needs_what_priya_offers_in_other_words(kith: Kith) -> None:
    kith("add", "Tom Becker")
    kith("add", "Priya Natarajan")
    kith("need", "Tom", "a job in robotics")
    kith("offer", "Priya", "robotics jobs")


def test_a_need_met_by_an_offer_in_other_words_is_an_idea_as_kith_intros_matches_it(
    kith: Kith,
) -> None:
    tom_needs_what_priya_offers_in_other_words(kith)
    ideas = json.loads(kith("ledger", "Tom", "--json").output)["gift_ideas"]
    assert [(i["kind"], i["person"]["name"], i["because"]) for i in ideas] == [
        ("introduction", "Priya Natarajan", "they need a job in robotics")
    ]


def test_after_an_introduction_the_ledger_names_who_offers_it_instead_of_denying_it(
    kith: Kith,
) -> None:
    tom_needs_what_priya_offers_in_other_words(kith)
    for step in ((), ("--agreed",), (), ("--agreed",), ("--introduced",)):
        assert kith("intro", "Tom", "Priya", *step).exit_code == 0
    said = kith("ledger", "Tom").output
    assert "no contact offers what they need" not in said
    assert (
        "Ideas to give: none; no saved article matches their interests or work, and no other "
        "contact offers what they need: Priya Natarajan, who offers “robotics jobs”, is in an "
        "introduction with them already (you introduced them).\n"
    ) in said


OLD_OFFERERS_SQL = """
SELECT o.person_id, p.uid, p.display_name, o.text, (
  SELECT i.id FROM introduction i
  WHERE (i.a_id = :id AND i.b_id = o.person_id) OR (i.b_id = :id AND i.a_id = o.person_id)
  ORDER BY i.updated_at DESC, i.id DESC LIMIT 1)
{live} AND o.text IN ({texts})
ORDER BY p.last_contact_at DESC NULLS LAST, p.name_key, p.id"""


def test_the_offerers_carry_the_newest_introduction_as_the_subquery_for_each_found_it(
    demo: Kith, db_path: Path
) -> None:
    from kith.store.mesh.ledger import LIVE_OFFER

    store = open_store(db_path)
    try:
        ask = store.connection.execute
        asker = ask("SELECT id FROM person WHERE display_name = 'Zhi Gao'").fetchone()[0]
        texts = [r[0] for r in ask("SELECT DISTINCT text FROM facet WHERE kind = 'offer'")]
        named = {f"t{k}": text for k, text in enumerate(texts)}
        offering = [r[0] for r in ask(f"SELECT person_id {LIVE_OFFER}", {"id": asker})][:6]
        stamps = ["2026-10-03T09:00:00Z", "2026-10-05T09:00:00Z", "2026-10-05T09:00:00Z"]
        for k, other in enumerate(offering[:5]):  # each way round, some twice, ties on time
            for stamp in stamps[: 1 + k % 3]:
                pair = (asker, other) if k % 2 else (other, asker)
                ask(
                    "INSERT INTO introduction (a_id, b_id, state, created_at, updated_at) "
                    "VALUES (?, ?, 'introduced', ?, ?)",
                    (*pair, stamp, stamp),
                )
        ask(  # between two others: nobody's newest for the asker
            "INSERT INTO introduction (a_id, b_id, state, created_at, updated_at) "
            "VALUES (?, ?, 'introduced', '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z')",
            (offering[0], offering[5]),
        )
        old_sql = OLD_OFFERERS_SQL.format(live=LIVE_OFFER, texts=", ".join(f":{k}" for k in named))
        old = ask(old_sql, {"id": asker} | named).fetchall()
        new = store.ledger.offerers(asker, texts)
    finally:
        store.close()
    found = [(o.person_id, o.uid, o.name, o.offered, o.introduction_id) for o in new]
    assert found == [tuple(row) for row in old]
    assert len(found) > 20
    assert sum(o.introduction_id is not None for o in new) == 5
