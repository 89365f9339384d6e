"""kith config: settings stored in the database, checked before they are kept."""

from __future__ import annotations

import json

from tests.conftest import Kith


def test_get_prints_the_bare_value_or_the_default(kith: Kith) -> None:
    assert kith("config", "get", "plan.budget").output == "5\n"
    kith("config", "set", "plan.budget", "7")
    assert kith("config", "get", "plan.budget").output == "7\n"
    assert json.loads(kith("config", "get", "plan.budget", "--json").output) == {
        "key": "plan.budget",
        "value": "7",
    }


def test_an_unset_setting_prints_nothing(kith: Kith) -> None:
    assert kith("config", "get", "timezone").output == ""


def test_set_normalises_what_it_stores(kith: Kith) -> None:
    assert kith("config", "set", "me.emails", "Me@Example.org, me@work.test").output == (
        "me.emails = me@example.org,me@work.test\n"
    )
    assert kith("config", "set", "phone.default_region", "gb").output == (
        "phone.default_region = GB\n"
    )
    assert kith("config", "set", "cadence.tag.family", "14").output == (
        "cadence.tag.family = 14d\n"
    )


def test_bad_values_are_refused_with_what_would_work(kith: Kith) -> None:
    result = kith("config", "set", "plan.budget", "50")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: Expected a whole number from 1 to 10, not '50'.\n",
    )
    result = kith("config", "set", "timezone", "Mars/Olympus")
    assert result.stderr == (
        "Error: Unknown time zone 'Mars/Olympus'; set an IANA name, e.g. "
        "`kith config set timezone Europe/Berlin`.\n"
    )


def test_an_unknown_key_is_refused(kith: Kith) -> None:
    result = kith("config", "set", "colour", "blue")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Unknown setting 'colour'; known settings include ")


def test_unset_returns_to_the_default(kith: Kith) -> None:
    kith("config", "set", "plan.budget", "3")
    assert kith("config", "set", "plan.budget", "--unset").output == "plan.budget unset\n"
    assert kith("config", "get", "plan.budget").output == "5\n"


def test_list_shows_set_values_and_defaults(kith: Kith) -> None:
    kith("config", "set", "timezone", "Europe/London")
    assert kith("config", "list").output == (
        "key                value\n"
        "backups.keep       10\n"
        "chats.match_names  on\n"
        "claim.max_chars    200\n"
        "plan.budget        5\n"
        "timezone           Europe/London\n"
    )


def test_the_timezone_setting_decides_what_local_time_means(kith: Kith) -> None:
    kith("config", "set", "timezone", "America/New_York")
    kith("add", "Ada Lovelace")
    kith("log", "Ada", "late call", "-c", "call", "--when", "2026-11-21T23:30")
    shown = json.loads(kith("interactions", "Ada", "--json").output)["interactions"][0]
    assert shown["at"] == "2026-11-22T04:30:00Z"
    assert "2026-11-21 23:30" in kith("interactions", "Ada").output


def test_me_name_is_kept_stripped_and_refuses_an_empty_name(kith: Kith) -> None:
    assert kith("config", "set", "me.name", "  Charles Babbage ").output == (
        "me.name = Charles Babbage\n"
    )
    result = kith("config", "set", "me.name", "   ")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: Expected some text, not an empty value.\n",
    )
    assert kith("config", "get", "me.name").output == "Charles Babbage\n"
