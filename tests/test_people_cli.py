"""add, edit, show, archive, unarchive and forget, through the command line."""

from __future__ import annotations

import json

from tests.conftest import Kith


def add_ada(kith: Kith) -> None:
    result = kith(
        "add",
        "Ada Lovelace",
        "--email",
        "Ada@Example.org",
        "--company",
        "Analytical Engines",
        "--title",
        "Analyst",
        "--met",
        "PyCon 2026",
        "--tag",
        "python",
        "--tag",
        "founders",
        "--interest",
        "compilers",
        "--birthday",
        "1815-12-10",
        "--working-on",
        "a difference engine",
    )
    assert result.exit_code == 0, result.output


def test_add_says_who_was_added_with_their_id(kith: Kith) -> None:
    result = kith("add", "Ada Lovelace", "--email", "ada@example.org")
    assert (result.exit_code, result.output) == (0, "Added Ada Lovelace (#1).\n")


def test_show_prints_the_whole_card(kith: Kith) -> None:
    add_ada(kith)
    kith("add", "Annabella Milbanke")
    kith("relate", "Annabella", "Ada", "--as", "parent")
    kith("note", "Ada", "moving to Lisbon in spring", "--kind", "news")
    kith("need", "Ada", "a designer")
    kith("offer", "Ada", "reviews of Rust code")
    assert kith("show", "Ada").output == (
        "Ada Lovelace  (#1)\n"
        "  works at: Analytical Engines, Analyst\n"
        "  email: ada@example.org\n"
        "  birthday: 1815-12-10\n"
        "  met: PyCon 2026\n"
        "  tags: founders, python\n"
        "  interests: compilers\n"
        "  needs: a designer\n"
        "  offers: reviews of Rust code\n"
        "  working on: a difference engine (as of 2026-11-22)\n"
        "  parent: Annabella Milbanke\n"
        "  news (2026-11-22): moving to Lisbon in spring\n"
        "  knows: Annabella Milbanke (parent)\n"
        "\n"
        'No interactions yet: `kith log NAME "what you did"` records one.\n'
    )
    assert kith("show", "Annabella").output.splitlines()[1] == "  child: Ada Lovelace"


def test_show_json_has_the_person_and_interactions(kith: Kith) -> None:
    add_ada(kith)
    kith("log", "Ada", "coffee")
    shown = json.loads(kith("show", "Ada", "--json").output)
    assert sorted(shown) == ["interactions", "knows", "person", "total_interactions"]
    person = shown["person"]
    assert {k: person[k] for k in ("id", "name", "emails", "phones", "company", "tags")} == {
        "id": 1,
        "name": "Ada Lovelace",
        "emails": ["ada@example.org"],
        "phones": [],
        "company": "Analytical Engines",
        "tags": ["founders", "python"],
    }
    assert len(person["uid"]) == 36
    assert [i["summary"] for i in shown["interactions"]] == ["coffee"]


def test_show_lists_the_newest_20_interactions_unless_all(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    for day in range(1, 26):
        kith("log", "Ada", f"chat {day}", "--when", f"2026-10-{day:02d}")
    text = kith("show", "Ada").output
    assert "Interactions (20 of 25, newest first):" in text
    assert "chat 25" in text
    assert "chat 5\n" not in text
    assert "chat 1\n" in kith("show", "Ada", "--all").output


def test_an_email_that_belongs_to_someone_else_is_refused(kith: Kith) -> None:
    add_ada(kith)
    result = kith("add", "Grace Hopper", "--email", "ADA@example.org")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: The email ada@example.org already belongs to Ada Lovelace (#1); remove it there "
        'first (`kith edit "Ada Lovelace" --remove-email ada@example.org`), or `kith merge` the '
        "two if they are one person.\n"
    )
    assert json.loads(kith("list", "--json").output)["total"] == 1


def test_a_shared_role_address_may_belong_to_several_people(kith: Kith) -> None:
    kith("add", "Ada Lovelace", "--email", "info@engines.test")
    assert kith("add", "Charles Babbage", "--email", "info@engines.test").exit_code == 0


def test_editing_the_company_keeps_the_old_one_in_history(kith: Kith) -> None:
    add_ada(kith)
    result = kith("edit", "Ada", "--company", "Babbage & Co", "--title", "CTO")
    assert result.output == "Updated Ada Lovelace (#1).\n"
    card = kith("show", "Ada").output
    assert "  works at: Babbage & Co, CTO\n" in card
    assert "  formerly: Analytical Engines, Analyst (until 2026-11-22)\n" in card


def test_edit_adds_and_removes_identities_and_clears_fields(kith: Kith) -> None:
    add_ada(kith)
    kith("config", "set", "phone.default_region", "GB")
    kith(
        "edit",
        "Ada",
        "--phone",
        "020 7946 0958",
        "--remove-email",
        "ada@example.org",
        "--met",
        "",
        "--name",
        "Augusta Ada King",
    )
    person = json.loads(kith("show", "Augusta", "--json").output)["person"]
    assert (person["name"], person["emails"], person["phones"], person["how_met"]) == (
        "Augusta Ada King",
        [],
        ["+442079460958"],
        None,
    )


def test_removing_an_email_the_person_does_not_have_is_an_error(kith: Kith) -> None:
    add_ada(kith)
    result = kith("edit", "Ada", "--remove-email", "grace@example.org")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: Ada Lovelace has no email grace@example.org.\n",
    )


def test_an_unreadable_birthday_says_how_to_write_one(kith: Kith) -> None:
    result = kith("add", "Ada Lovelace", "--birthday", "December")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: Could not read the birthday 'December'; write 1815-12-10, or --12-10 "
        "without the year.\n",
    )


def test_archived_people_leave_lists_until_unarchived(kith: Kith) -> None:
    add_ada(kith)
    kith("add", "Grace Hopper")
    assert kith("archive", "Ada").output == "Archived Ada Lovelace (#1).\n"
    assert [p["name"] for p in json.loads(kith("list", "--json").output)["people"]] == [
        "Grace Hopper"
    ]
    assert [
        p["name"] for p in json.loads(kith("list", "archived:yes", "--json").output)["people"]
    ] == ["Ada Lovelace"]
    assert kith("unarchive", "Ada").output == "Unarchived Ada Lovelace (#1).\n"
    assert json.loads(kith("list", "--json").output)["total"] == 2


def test_prospects_stay_out_of_lists_unless_asked(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    kith("add", "Linus Torvalds", "--prospect")
    assert [p["name"] for p in json.loads(kith("list", "--json").output)["people"]] == [
        "Ada Lovelace"
    ]
    assert [
        p["name"] for p in json.loads(kith("list", "kind:prospect", "--json").output)["people"]
    ] == ["Linus Torvalds"]


def test_forget_without_a_terminal_needs_yes(kith: Kith) -> None:
    add_ada(kith)
    result = kith("forget", "Ada")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: Forgetting Ada Lovelace deletes them for good; add --yes to confirm "
        "(`kith archive` hides them instead).\n",
    )
    assert json.loads(kith("list", "--json").output)["total"] == 1


def test_forget_removes_the_person_and_only_their_own_interactions(kith: Kith) -> None:
    add_ada(kith)
    kith("add", "Grace Hopper")
    kith("log", "Ada", "coffee alone")
    kith("log", "Ada", "Grace", "dinner together")
    assert kith("forget", "Ada", "--yes").output == "Forgot Ada Lovelace.\n"
    timeline = json.loads(kith("timeline", "--json").output)["interactions"]
    assert [(i["summary"], [p["name"] for p in i["participants"]]) for i in timeline] == [
        ("dinner together", ["Grace Hopper"])
    ]
    assert kith("search", "Ada").output == "Nothing found.\n"


def test_adding_a_person_never_logs_an_interaction(kith: Kith) -> None:
    add_ada(kith)
    assert json.loads(kith("timeline", "--since", "10y", "--json").output)["total"] == 0


def test_add_and_edit_record_where_and_through_whom_you_met(kith: Kith) -> None:
    kith("add", "Grace Hopper")
    kith(
        "add",
        "Ada Lovelace",
        "--met",
        "her talk on engines",
        "--met-where",
        "PyCon",
        "--met-through",
        "Grace",
        "--handle",
        "@AdaL",
        "--city",
        "London",
        "--country",
        "UK",
        "--address-label",
        "home",
    )
    kith("event", "add", "PyCon 2026", "--date", "2026-05-14")
    kith(
        "edit",
        "Ada",
        "--met-event",
        "PyCon 2026",
        "--known-since",
        "2026-05-14",
        "--depth",
        "in_person",
    )
    assert kith("show", "Ada").output == (
        "Ada Lovelace  (#2)\n"
        "  handle: adal\n"
        "  address: London, UK\n"
        "  met: her talk on engines; PyCon\n"
        "  met at: PyCon 2026\n"
        "  met through: Grace Hopper\n"
        "  known since: 2026-05-14\n"
        "  depth: in person\n"
        "\n"
        'No interactions yet: `kith log NAME "what you did"` records one.\n'
    )


def test_edit_replaces_addresses_and_turns_a_prospect_into_a_contact(kith: Kith) -> None:
    kith("add", "Ada Lovelace", "--prospect", "--street", "1 Main St", "--city", "London")
    kith(
        "edit",
        "Ada",
        "--clear-addresses",
        "--city",
        "Lisbon",
        "--country",
        "Portugal",
        "--kind",
        "contact",
    )
    person = json.loads(kith("show", "Ada", "--json").output)["person"]
    assert (person["kind"], person["addresses"]) == (
        "contact",
        [
            {
                "label": None,
                "street": None,
                "city": "Lisbon",
                "region": None,
                "postcode": None,
                "country": "Portugal",
            }
        ],
    )


def test_relationships_read_from_each_side_and_say_which_are_kin(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    kith("add", "Annabella Milbanke")
    kith("add", "Charles Babbage")
    kith("relate", "Annabella", "Ada", "--as", "parent")
    kith("relate", "Charles", "Ada", "--as", "colleague")
    relations = json.loads(kith("show", "Ada", "--json").output)["person"]["relationships"]
    assert [(r["type"], r["kin"], r["person"]["name"]) for r in relations] == [
        ("parent", True, "Annabella Milbanke"),
        ("colleague", False, "Charles Babbage"),
    ]
    relations = json.loads(kith("show", "Annabella", "--json").output)["person"]["relationships"]
    assert [(r["type"], r["kin"], r["person"]["name"]) for r in relations] == [
        ("child", True, "Ada Lovelace")
    ]
