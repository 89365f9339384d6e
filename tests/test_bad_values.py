"""Huge numbers and impossible values are refused at the edge with one clear line, never a
traceback, and nothing is stored (issue 17, "Tracebacks on huge numbers and bad values")."""

from __future__ import annotations

import pytest

from tests.conftest import Kith

HUGE_ID = "99999999999999999999999"


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (("snooze", "#1", "99999y"), 1, "'99999y' is over a hundred years"),
        (("timeline", "--since", "99999y"), 1, "over a hundred years"),
        (("list", "since:99999y"), 1, "over a hundred years"),
        (("cadence", "#1", "--ideal", "99999y"), 1, "over a hundred years"),
        (("claim", "--days", "99999999"), 2, "not in the range 0<=x<=3650"),
        (("calendar", "export", "-", "--weeks", "999999"), 2, "not in the range 1<=x<=520"),
        (("show", f"#{HUGE_ID}"), 3, f"No person has the id #{HUGE_ID}."),
        (("todo-done", HUGE_ID), 2, "is not in the range 1<=x<=9223372036854775807"),
        (("log", "#1", "tea", "--when", "1800-01-01"), 1, "'1800-01-01' is before 1900"),
        (("edit", "#1", "--birthday", "2030-01-01"), 1, "A birthday in 2030 has not come yet"),
        (("add", "Zed", "--birthday", "2031-05-01"), 1, "A birthday in 2031 has not come yet"),
        (("edit", "#1", "--url", "javascript:alert(1)"), 1, "is not a web address"),
        (("config", "set", "phone.default_region", "XX"), 1, "two-letter country code"),
    ],
)
def test_a_bad_value_is_one_line_and_an_exit_code(
    demo: Kith, args: tuple[str, ...], code: int, says: str
) -> None:
    before = demo("show", "#1", "--json").output
    result = demo(*args)
    assert result.exit_code == code
    assert isinstance(result.exception, SystemExit)  # an exit, not an exception
    assert says in result.output
    assert "Traceback" not in result.output
    assert demo("show", "#1", "--json").output == before


def test_a_web_address_with_a_port_and_no_scheme_is_still_a_web_address(demo: Kith) -> None:
    assert demo("edit", "#1", "--url", "example.org:8080/talks").exit_code == 0
    assert "https://example.org:8080/talks" in demo("show", "#1").output


def test_a_region_given_in_lower_case_is_kept_in_upper_case(demo: Kith) -> None:
    assert demo("config", "set", "phone.default_region", "gb").exit_code == 0
    assert demo("config", "get", "phone.default_region").output.strip() == "GB"


def test_a_database_that_cannot_be_created_is_one_line(kith: Kith) -> None:
    result = kith("--db", "/proc/kith-cannot-be-here.db", "list")
    assert result.exit_code == 1
    assert result.output.startswith(
        "Error: Cannot create the database /proc/kith-cannot-be-here.db"
    )
    assert "Choose a folder you can write to with --db (or KITH_DB)." in result.output


@pytest.mark.parametrize("value", ["nan", "inf", "lots"])
def test_an_energy_setting_is_a_finite_number(kith: Kith, value: str) -> None:
    result = kith("config", "set", "energy.call", value)
    assert result.exit_code == 1
    assert result.output == f"Error: Expected a number of 0 or more, not {value!r}.\n"
