"""Reading the dates people type, against a fixed "now" (Sunday 2026-11-22 10:00 UTC)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from kith.clock import (
    duration_days,
    parse_moment,
    parse_now,
    parse_past_moment,
    parse_since,
    quick_day,
)
from kith.errors import UserError
from tests.conftest import NOW, Kith


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday", datetime(2026, 11, 21, 12, 0, tzinfo=UTC)),
        ("last friday", datetime(2026, 11, 20, 12, 0, tzinfo=UTC)),
        ("3 days ago", datetime(2026, 11, 19, 12, 0, tzinfo=UTC)),
        ("2026-11-02", datetime(2026, 11, 2, 12, 0, tzinfo=UTC)),
        ("2026-11-02T08:30", datetime(2026, 11, 2, 8, 30, tzinfo=UTC)),
        ("today", NOW),
        ("now", NOW),
    ],
)
def test_common_date_expressions_are_read_against_now(text: str, expected: datetime) -> None:
    assert parse_moment(text, NOW) == expected


def test_today_without_a_time_is_now_when_noon_has_not_come_yet() -> None:
    assert parse_moment("2026-11-22", NOW) == NOW


def test_an_unreadable_date_says_what_would_work() -> None:
    with pytest.raises(UserError, match="Could not read the date 'banana'; try `yesterday`"):
        parse_moment("banana", NOW)


def test_a_future_moment_is_refused_for_an_interaction() -> None:
    with pytest.raises(UserError, match="'next friday' is in the future"):
        parse_past_moment("next friday", NOW)


@pytest.mark.parametrize(
    ("text", "days"), [("7d", 7), ("2w", 14), ("3m", 90), ("1y", 365), ("90D", 90)]
)
def test_durations_count_back_from_now(text: str, days: int) -> None:
    assert parse_since(text, NOW) == NOW - timedelta(days=days)


@pytest.mark.parametrize(
    ("text", "days"),
    [("2 weeks", 14), ("1 week", 7), ("10 days", 10), ("3 months", 90), ("1 year", 365)],
)
def test_durations_in_words_count_back_from_now_as_their_short_forms_do(
    text: str, days: int
) -> None:
    assert parse_since(text, NOW) == NOW - timedelta(days=days)


def test_a_word_that_only_starts_like_a_unit_is_no_duration() -> None:
    assert duration_days("2 wears") is None
    assert duration_days("2 wks") is None


def test_the_timeline_since_two_weeks_in_words_shows_what_was_logged_three_days_ago(
    kith: Kith,
) -> None:
    kith("add", "Ada Lovelace")
    kith("log", "Ada", "coffee after her talk", "--when", "3 days ago")
    assert "coffee after her talk" in kith("timeline", "--since", "2 weeks").output


def test_a_cadence_in_words_is_read_as_its_short_form(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    assert kith("cadence", "Ada", "--ideal", "2 weeks").output == ("Ada Lovelace: every 14 days.\n")


def test_a_since_date_starts_at_midnight() -> None:
    assert parse_since("2026-11-01", NOW) == datetime(2026, 11, 1, 0, 0, tzinfo=UTC)


def test_now_without_a_zone_is_read_in_the_given_zone() -> None:
    berlin = timezone(timedelta(hours=1))
    assert parse_now("2026-11-22T10:00", berlin) == datetime(2026, 11, 22, 10, tzinfo=berlin)


def test_now_that_is_not_iso_is_refused() -> None:
    with pytest.raises(UserError, match="not an ISO date or datetime"):
        parse_now("tomorrow", UTC)


QUICK_FORMS = [
    "yesterday",
    "1 day ago",
    "3 days ago",
    "a week ago",
    "2 weeks ago",
    *(f"last {day}" for day in ("monday", "wednesday", "friday", "sunday")),
]


@pytest.mark.parametrize("text", QUICK_FORMS)
@pytest.mark.parametrize("day", range(16, 23))  # Monday 16 to Sunday 22 November 2026
def test_the_quick_reading_of_common_days_agrees_with_parsedatetime(text: str, day: int) -> None:
    import parsedatetime

    now = datetime(2026, 11, day, 10, 0)
    calendar = parsedatetime.Calendar(version=parsedatetime.VERSION_CONTEXT_STYLE)
    expected = calendar.parseDT(text, sourceTime=now)[0].date()
    assert quick_day(text, now.date()) == expected


def test_forms_the_quick_reading_does_not_know_go_to_parsedatetime() -> None:
    assert [quick_day(t, NOW.date()) for t in ("friday", "next friday", "last week")] == [
        None,
        None,
        None,
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("friday", datetime(2026, 11, 20, 12, 0, tzinfo=UTC)),
        ("on monday", datetime(2026, 11, 16, 12, 0, tzinfo=UTC)),
        ("Sunday", NOW),
    ],
)
def test_a_weekday_alone_is_the_latest_one_for_an_interaction(
    text: str, expected: datetime
) -> None:
    assert parse_past_moment(text, NOW) == expected


def test_a_weekday_alone_is_the_latest_one_since_its_midnight() -> None:
    assert parse_since("monday", NOW) == datetime(2026, 11, 16, 0, 0, tzinfo=UTC)


def test_a_coffee_logged_on_sunday_as_on_friday_is_not_refused_as_in_the_future(
    kith: Kith,
) -> None:
    kith("add", "Ada Lovelace")
    logged = kith("log", "Ada", "coffee after her talk", "--when", "friday")
    assert logged.exit_code == 0, logged.output
    assert kith("interactions", "Ada", "--json").output.count('"at": "2026-11-20T12:00:00Z"') == 1
