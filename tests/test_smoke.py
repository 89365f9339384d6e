"""The first thing a new user does: add someone, log a coffee, find them again."""

from tests.conftest import Kith


def test_a_new_user_adds_logs_and_finds_a_person(kith: Kith) -> None:
    assert kith("add", "Ada Lovelace", "--email", "ada@example.org").output == (
        "Added Ada Lovelace (#1).\n"
    )
    assert kith("log", "Ada", "coffee at the station").output == (
        "Logged #1: coffee at the station (in_person, both) with Ada Lovelace.\n"
    )
    assert kith("list").output == (
        "id  name          company  tags  last contact\n"
        "1   Ada Lovelace                 2026-11-22\n"
    )
