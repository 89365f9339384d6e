"""Normalising identities so that one person's e-mail, phone or profile is found however typed."""

from __future__ import annotations

import pytest

from kith.errors import UserError
from kith.identities import Normalised, guess_kind, is_role_address, normalise


def test_emails_are_lower_cased_and_stripped() -> None:
    assert normalise("email", "  Ada.Lovelace@Example.ORG ") == Normalised(
        "ada.lovelace@example.org"
    )


def test_a_mailto_link_gives_its_address() -> None:
    assert normalise("email", "mailto:ada@example.org").value == "ada@example.org"


def test_a_malformed_email_is_refused_with_the_expected_shape() -> None:
    with pytest.raises(UserError, match=r"'ada at example' is not an e-mail address"):
        normalise("email", "ada at example")


def test_international_phones_become_e164_without_a_region() -> None:
    assert normalise("phone", "+44 20 7946 0958") == Normalised("+442079460958")


def test_national_phones_use_the_default_region() -> None:
    assert normalise("phone", "020 7946 0958", "GB") == Normalised("+442079460958")


def test_national_phones_without_a_region_are_kept_raw_and_marked() -> None:
    assert normalise("phone", "(020) 7946-0958") == Normalised("02079460958", verified=False)


def test_a_phone_that_is_not_a_number_is_kept_raw_and_marked() -> None:
    assert normalise("phone", "ask reception", "GB") == Normalised("ask reception", verified=False)


@pytest.mark.parametrize(
    "raw",
    [
        "https://www.linkedin.com/in/Ada-Lovelace/",
        "http://linkedin.com/in/ada-lovelace?trk=abc",
        "www.linkedin.com/in/ada-lovelace",
        "de.linkedin.com/in/ada-lovelace/details",
    ],
)
def test_linkedin_profile_urls_are_made_canonical(raw: str) -> None:
    assert normalise("linkedin", raw).value == "https://www.linkedin.com/in/ada-lovelace"


def test_a_non_linkedin_url_is_refused_as_a_profile() -> None:
    with pytest.raises(UserError, match="not a LinkedIn profile URL"):
        normalise("linkedin", "https://example.org/ada")


def test_web_addresses_get_a_scheme_and_lose_a_trailing_slash() -> None:
    assert normalise("url", "Example.ORG/ada/").value == "https://example.org/ada"


def test_handles_lose_the_at_sign() -> None:
    assert normalise("handle", "@AdaL").value == "adal"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ada@example.org", "email"),
        ("+44 20 7946 0958", "phone"),
        ("linkedin.com/in/ada", "linkedin"),
        ("Ada Lovelace", None),
        ("1815", None),
    ],
)
def test_a_name_argument_is_recognised_as_an_identity_by_its_shape(text: str, kind: str) -> None:
    assert guess_kind(text) == kind


def test_role_addresses_are_recognised() -> None:
    assert [is_role_address(a) for a in ("info@acme.test", "ada@acme.test")] == [True, False]


def test_a_handle_of_only_at_signs_is_refused_with_what_to_give() -> None:
    with pytest.raises(UserError, match=r"The handle '@' has nothing after the @"):
        normalise("handle", "@")
