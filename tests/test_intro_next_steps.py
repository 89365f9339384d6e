"""`kith intro` ends with the next command whole, names and all (a new user's trial: "Next: send
the ask to Cher, then `kith intro A B` records it" left the reader to work out A and B)."""

from __future__ import annotations

from tests.conftest import Kith


def test_the_next_step_names_both_people_in_a_command_to_copy(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    kith("add", "Cher")
    kith("intro", "Ada", "Cher")
    assert kith("intro", "Ada", "Cher", "--agreed").output.endswith(
        'Next: send the ask to Cher, then `kith intro "Ada Lovelace" "Cher"` records it.\n'
    )


def test_a_name_with_quotes_in_it_is_given_by_its_id_in_the_next_command(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    kith("add", 'Robert "Bob" Smith')
    assert kith("intro", "Ada", "Robert").output.endswith(
        'Next: when Ada Lovelace answers, `kith intro "Ada Lovelace" "#2" --agreed` or '
        '`kith intro "Ada Lovelace" "#2" --declined`.\n'
    )


def test_today_says_the_step_to_take_before_the_day_the_other_side_said_yes(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    kith("add", "Cher")
    kith("intro", "Ada", "Cher")
    kith("intro", "Ada", "Cher", "--agreed")
    assert "  Ada Lovelace and Cher: ask Cher; Ada Lovelace said yes on 2026-11-22\n" in (
        kith("today").output
    )
