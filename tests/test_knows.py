"""Who knows whom among your contacts: evidence, the user's word, inferred ties."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kith.relate import mesh
from kith.relate.mesh import Evidence
from tests.conftest import Kith
from tests.web_support import web_client

TODAY = date(2026, 11, 22)


def test_evidence_combines_by_noisy_or_each_kind_once() -> None:
    assert mesh.knows([Evidence("explicit")]) == pytest.approx(0.4)
    assert mesh.knows([Evidence("co_attendee", 2), Evidence("co_attendee", 1)]) == (
        pytest.approx(0.3)
    )
    assert mesh.knows([Evidence("explicit"), Evidence("co_attendee", 5)]) == pytest.approx(
        1 - 0.6 * 0.55
    )
    assert mesh.knows([Evidence("co_recipient", 9)]) == pytest.approx(0.25)
    assert mesh.knows([Evidence("same_organisation", 12)]) == pytest.approx(0.25)
    assert mesh.knows([Evidence("same_organisation", 201)]) == pytest.approx(0.10)


def test_a_not_overrides_every_other_evidence() -> None:
    assert mesh.knows([Evidence("knows_well"), Evidence("not"), Evidence("co_attendee", 3)]) == 0


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (("2019-01", None), ("2020-06-01", None), True),
        (("2019", "2020-03"), ("2019-06", "2021"), False),
        (("2018-01", "2020-12"), ("2019-06-15", "2022"), True),
        ((None, None), (None, None), True),
        ((None, "2020"), ("2015", "2021"), False),
    ],
)
def test_jobs_overlap_when_a_year_or_more_at_once_or_both_current(
    a: tuple[str | None, str | None], b: tuple[str | None, str | None], expected: bool
) -> None:
    assert mesh.overlapped(a, b, TODAY) is expected


def test_an_inferred_tie_needs_two_contacts_in_common_and_ranks_by_resource_allocation() -> None:
    neighbours = {
        1: frozenset({2, 3, 4}),
        2: frozenset({1, 5, 6}),
        3: frozenset({1, 5}),
        4: frozenset({1, 6, 7, 8, 9}),
    }
    assert mesh.inferred_for(1, neighbours) == [
        (5, pytest.approx(1 / 3 + 1 / 2), 2),
        (6, pytest.approx(1 / 3 + 1 / 5), 2),
    ]


@pytest.fixture
def circle(kith: Kith) -> Kith:
    for name in ("Ada Lovelace", "Grace Hopper", "Alan Turing", "Joan Clarke"):
        kith("add", name)
    return kith


def test_knows_records_the_users_word_and_lists_it(circle: Kith) -> None:
    assert circle("knows", "Ada", "Grace").output == (
        "Ada Lovelace and Grace Hopper know each other.\n"
    )
    assert circle("knows", "Ada", "Alan", "--well").output == (
        "Ada Lovelace and Alan Turing know each other well.\n"
    )
    assert circle("knows", "Ada").output == (
        "Alan Turing (#3): knows well: you said so · 0.70\nGrace Hopper (#2): you said so · 0.40\n"
    )


def test_a_not_removes_the_pair_whatever_else_links_it(circle: Kith) -> None:
    circle("relate", "Ada", "Grace", "--as", "colleague")
    circle("knows", "Ada", "Grace")
    assert circle("knows", "Ada", "Grace", "--not").output == (
        "Ada Lovelace and Grace Hopper do not know each other: nothing else will say they do.\n"
    )
    assert circle("knows", "Ada").output == (
        "No evidence that they know any of your contacts yet.\n"
    )
    assert circle("knows", "Ada", "Grace", "--forget").exit_code == 0
    assert json.loads(circle("knows", "Ada", "--json").output)["knows"][0]["evidence"] == [
        {"kind": "relationship", "count": 1, "detail": "colleague", "says": "colleague"}
    ]


def test_shared_meetings_and_a_job_at_once_are_evidence_with_what_they_were(kith: Kith) -> None:
    kith("add", "Ada Lovelace", "--company", "Analytical Engines")
    kith("add", "Grace Hopper", "--company", "Analytical Engines")
    kith("event", "add", "PyCon", "--date", "2026-11-01")
    kith("event", "attend", "PyCon", "Ada", "Grace")
    kith("log", "Ada", "Grace", "dinner", "-w", "2026-11-02")
    shown = kith("show", "Ada").output
    assert (
        "  knows: Grace Hopper (you met both: dinner on 2026-11-02; both came to: PyCon on "
        "2026-11-01; both at Analytical Engines)\n"
    ) in shown
    # the two meetings are one kind of evidence, at its strongest: 1 − (1 − 0.15)(1 − 0.25)
    assert kith("knows", "Ada").output.endswith(" · 0.36\n")


def test_a_not_is_never_a_mutual_contact_in_embeddedness(circle: Kith) -> None:
    circle("knows", "Ada", "Grace")
    circle("log", "Ada", "coffee", "-w", "2026-11-01")
    before = json.loads(circle("why", "Ada", "--json").output)["components"]["embeddedness"]
    circle("knows", "Ada", "Grace", "--not")
    after = json.loads(circle("why", "Ada", "--json").output)["components"]["embeddedness"]
    assert (round(before, 3), after) == (0.228, 0)


def test_show_says_who_they_may_know_as_inferred_never_as_fact(circle: Kith) -> None:
    circle("add", "Edsger Dijkstra")
    for a, b in (("Ada", "Grace"), ("Ada", "Alan"), ("Joan", "Grace"), ("Joan", "Alan")):
        circle("knows", a, b)
    shown = circle("show", "Ada").output
    assert "  may know: Joan Clarke (inferred: 2 contacts in common)\n" in shown
    assert "  knows: Joan Clarke" not in shown
    listed = json.loads(circle("knows", "Ada", "--json").output)["knows"]
    assert [(k["person"]["name"], k["inferred"]) for k in listed] == [
        ("Alan Turing", False),
        ("Grace Hopper", False),
        ("Joan Clarke", True),
    ]


def test_knows_needs_two_different_people(circle: Kith) -> None:
    result = circle("knows", "Ada", "Ada Lovelace")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: Give two different people: someone always knows themselves.\n",
    )


def test_whom_a_prospect_knows_lists_the_contacts_said_to_know_them(kith: Kith) -> None:
    """Trial 5: `kith knows Grace Linus` was recorded and `kith path Linus` went through
    Grace, yet `kith knows Linus` and Linus's page said "nobody you know"."""
    kith("add", "Grace Hopper")
    kith("want", "Linus Torvalds")
    assert kith("knows", "Grace", "Linus").exit_code == 0
    said = kith("knows", "Linus")
    assert said.exit_code == 0
    assert said.output == "Grace Hopper (#1): you said so · 0.40\n"


def test_a_prospects_page_lists_the_contacts_who_know_them(kith: Kith, db_path: Path) -> None:
    kith("add", "Grace Hopper")
    kith("want", "Linus Torvalds")
    kith("knows", "Grace", "Linus")
    with web_client(db_path) as client:
        page = client.get("/people/2", headers={"accept": "application/json"}).json()
        assert page["mesh"]["knows_total"] == 1
        assert [k["person"]["name"] for k in page["knows"]] == ["Grace Hopper"]
        assert "<h3>Knows 1 of your contacts</h3>" in client.get("/people/2").text
