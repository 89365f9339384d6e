"""Review findings: letters without a combining accent fold, close misspellings get suggestions,
and a phone typed on the command line must be a number."""

from __future__ import annotations

import json

import pytest

from kith.cli.show_card import card_lines
from kith.errors import UserError
from kith.identities import Normalised, normalise
from kith.model import Identity, Person
from kith.names import fold
from kith.services.cards import identity_from
from kith.store import Store
from tests.conftest import Kith


@pytest.fixture
def nordic(kith: Kith) -> Kith:
    kith("add", "Zhi Wei")
    kith("add", "Łukasz Nowak")
    kith("add", "Søren Sørensen")
    kith("add", "Anna Berg")
    return kith


@pytest.fixture
def network(kith: Kith) -> Kith:
    kith("add", "Ada Lovelace")
    kith("add", "Ada Yonath")
    kith("add", "Grace Hopper")
    kith("add", "José Núñez")
    return kith


def names_found(kith: Kith, *args: str) -> list[str]:
    result = kith(*args, "--json")
    assert result.exit_code == 0, result.output
    return [r["person"]["name"] for r in json.loads(result.output)["results"]]


# folding ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Łukasz Nowak", "lukasz nowak"),
        ("Søren Sørensen", "soren sorensen"),
        ("ØRSTED", "orsted"),
        ("Đorđe Đoković", "dorde dokovic"),
        ("Guðrún Þórsdóttir", "gudrun thorsdottir"),
        ("Ħamrun", "hamrun"),
        ("Weiß", "weiss"),
        ("Æsa Cœur", "aesa coeur"),
        ("Œdipe", "oedipe"),
        ("Işıl Yılmaz", "isil yilmaz"),
        ("Zoë  Ärmel", "zoe armel"),
    ],
)
def test_fold_turns_letters_without_a_combining_accent_into_plain_letters(
    name: str, folded: str
) -> None:
    assert fold(name) == folded


def test_show_finds_lukasz_typed_without_the_stroke(nordic: Kith) -> None:
    result = nordic("show", "lukasz nowak", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.output)["person"]["name"] == "Łukasz Nowak"
    assert json.loads(nordic("show", "sorensen", "--json").output)["person"]["name"] == (
        "Søren Sørensen"
    )


def test_list_sorts_lukasz_among_the_ls_not_after_zhi(nordic: Kith) -> None:
    people = json.loads(nordic("list", "--json").output)["people"]
    assert [p["name"] for p in people] == [
        "Anna Berg",
        "Łukasz Nowak",
        "Søren Sørensen",
        "Zhi Wei",
    ]


@pytest.mark.parametrize("text", ["lukasz", "Łukasz", "LUKASZ", "nowak"])
def test_search_finds_lukasz_with_or_without_the_stroke(nordic: Kith, text: str) -> None:
    assert names_found(nordic, "search", text) == ["Łukasz Nowak"]


@pytest.mark.parametrize("text", ["sorensen", "Sørensen", "soren"])
def test_search_finds_soren_with_or_without_the_slashed_o(nordic: Kith, text: str) -> None:
    assert names_found(nordic, "search", text) == ["Søren Sørensen"]


# suggestions -----------------------------------------------------------------------------------


def test_a_close_misspelling_sharing_no_trigram_suggests_the_name(network: Kith) -> None:
    result = network("show", "Grce")
    assert (result.exit_code, result.stderr) == (
        3,
        "Error: Nobody called 'Grce'. Did you mean: Grace Hopper?\n",
    )


def test_three_letters_with_one_typo_suggest_the_names_they_nearly_start(network: Kith) -> None:
    result = network("show", "Adx")
    assert (result.exit_code, result.stderr) == (
        3,
        "Error: Nobody called 'Adx'. Did you mean: Ada Lovelace, Ada Yonath?\n",
    )


def test_two_letters_close_to_nobody_suggest_nothing(network: Kith) -> None:
    result = network("show", "Xu")
    assert (result.exit_code, result.stderr) == (3, "Error: Nobody called 'Xu'.\n")


def test_a_misspelt_accented_name_suggests_it(network: Kith) -> None:
    result = network("show", "Nunx")
    assert (result.exit_code, result.stderr) == (
        3,
        "Error: Nobody called 'Nunx'. Did you mean: José Núñez?\n",
    )


def test_no_more_than_five_close_names_are_suggested(kith: Kith) -> None:
    for family in ("Leu", "Les", "Len", "Lei", "Lee", "Lea", "Le", "Li"):
        kith("add", f"Bo {family}")
    result = kith("show", "Lex")
    assert (result.exit_code, result.stderr) == (
        3,
        "Error: Nobody called 'Lex'. Did you mean: Bo Le, Bo Lea, Bo Lee, Bo Lei, Bo Len?\n",
    )


# phones ----------------------------------------------------------------------------------------


def test_add_refuses_a_phone_with_no_digits(kith: Kith) -> None:
    result = kith("add", "Ada Lovelace", "--phone", "abc")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: 'abc' is not a phone number; write it with its country code, e.g. "
        "+44 20 7946 0958, or set `kith config set phone.default_region GB`.\n",
    )
    assert json.loads(kith("list", "--json").output)["people"] == []


def test_with_a_region_set_add_refuses_a_phone_with_no_digits_without_advising_a_region(
    kith: Kith,
) -> None:
    kith("config", "set", "phone.default_region", "GB")
    result = kith("add", "Ada Lovelace", "--phone", "xyz")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: 'xyz' is not a phone number; write it with its country code, e.g. "
        "+44 20 7946 0958.\n",
    )


def test_edit_refuses_a_phone_that_cannot_be_parsed_although_its_country_is_known(
    kith: Kith,
) -> None:
    kith("add", "Ada Lovelace")
    result = kith("edit", "Ada", "--phone", "+999 123 456")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: '+999 123 456' is not a phone number; write it with its country code, e.g. "
        "+44 20 7946 0958.\n",
    )


def test_a_national_phone_without_a_region_is_still_stored_unverified(kith: Kith) -> None:
    assert kith("add", "Ada Lovelace", "--phone", "020 7946 0958").exit_code == 0
    assert "  phone: 02079460958 [not E.164: set phone.default_region]\n" in (
        kith("show", "Ada").output
    )


@pytest.mark.parametrize(
    ("raw", "region"),
    [("abc", None), ("xyz", "GB"), ("12", "GB"), ("+999 123 456", None)],
)
def test_strict_normalise_refuses_what_lenient_normalise_keeps_raw_and_flagged(
    raw: str, region: str | None
) -> None:
    assert normalise("phone", raw, region).verified is False
    with pytest.raises(UserError, match="is not a phone number"):
        normalise("phone", raw, region, strict=True)


def test_strict_normalise_still_reads_a_good_number() -> None:
    assert normalise("phone", "020 7946 0958", "GB", strict=True) == Normalised("+442079460958")


def test_identity_from_is_strict_unless_an_importer_says_otherwise(store: Store) -> None:
    with pytest.raises(UserError, match="'via the front desk' is not a phone number"):
        identity_from(store, "phone", "via the front desk")
    assert identity_from(store, "phone", "via the front desk", "work", strict=False) == Identity(
        "phone", "via the front desk", "via the front desk", "work", False, False
    )


def unread_phone_card(region_set: bool) -> list[str]:
    person = Person(
        id=1,
        uid="u1",
        name="Ada Lovelace",
        identities=[Identity("phone", "ask reception", "ask reception", verified=False)],
    )
    return card_lines(person, region_set=region_set)


def test_the_card_asks_for_a_region_only_when_none_is_set() -> None:
    assert unread_phone_card(region_set=False) == [
        "Ada Lovelace  (#1)",
        "  phone: ask reception [not E.164: set phone.default_region]",
    ]
    assert unread_phone_card(region_set=True) == [
        "Ada Lovelace  (#1)",
        "  phone: ask reception [not a number Kith can read]",
    ]
