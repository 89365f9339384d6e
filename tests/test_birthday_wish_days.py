"""A birthday wish says the day it is for (a new user's trial: the plan picked someone whose
birthday was the next Monday, and its draft said "Happy birthday!" a week early)."""

from __future__ import annotations

from tests.conftest import Kith


def test_a_birthday_a_week_ahead_is_wished_early_with_its_date(kith: Kith) -> None:
    kith("add", "Ada Lovelace", "--email", "ada@example.org", "--birthday", "1815-11-29")
    drafted = kith("draft", "Ada").output
    assert drafted.startswith("Subject: Happy birthday\n\nHi Ada,\n\n")
    assert "An early happy birthday for Sunday 29 November! I hope" in drafted
    assert "\nHappy birthday!" not in drafted


def test_a_birthday_a_week_ago_is_wished_belatedly(kith: Kith) -> None:
    kith("add", "Grace Hopper", "--email", "grace@example.org", "--birthday", "1906-11-15")
    drafted = kith("draft", "Grace").output
    assert "A belated happy birthday! I hope" in drafted


def test_a_birthday_six_days_ahead_still_names_only_its_weekday(kith: Kith) -> None:
    kith("add", "Mary Somerville", "--email", "mary@example.org", "--birthday", "1780-11-28")
    assert "Happy birthday for Saturday! I hope" in kith("draft", "Mary").output


def test_a_birthday_wish_months_from_the_day_is_refused_with_a_check_in_offered(
    kith: Kith,
) -> None:
    kith("add", "Emmy Noether", "--email", "emmy@example.org", "--birthday", "1882-03-23")
    refused = kith("draft", "Emmy", "--kind", "birthday")
    assert refused.exit_code == 1
    assert " ".join(refused.stderr.split()) == (
        "Error: Emmy Noether's birthday is on Tuesday 23 March, in 121 days: a wish is written "
        "from a week before it to a week after. Draft a check-in instead: kith draft "
        '"Emmy Noether" --kind checkin.'
    )
    assert refused.stdout == ""


def test_a_birthday_wish_for_someone_whose_birthday_kith_does_not_know_is_still_written(
    kith: Kith,
) -> None:
    kith("add", "Ada Lovelace", "--email", "ada@example.org")
    drafted = kith("draft", "Ada", "--kind", "birthday")
    assert drafted.exit_code == 0
    assert "Happy birthday!" in drafted.output


def test_a_reply_in_the_week_of_their_birthday_wishes_them_a_happy_one(kith: Kith) -> None:
    kith("add", "Ada Lovelace", "--email", "ada@example.org", "--birthday", "1815-11-24")
    kith("log", "Ada", "She asked about the slides", "--direction", "in", "--channel", "email")
    drafted = kith("draft", "Ada").output
    assert drafted.startswith(
        "Subject: Getting back to you\n\nHi Ada,\n\nThank you for your e-mail."
    )
    assert "Happy birthday for Tuesday!" in drafted
