"""Reading calendar files: real exports, repeats, time zones, who counts, and damaged events."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kith.errors import UserError
from kith.records import ExchangeRecord, Ignored, Party, Record, Skipped, UpcomingRecord
from kith.sources import ics
from kith.sources.ics_parse import Entry, entries

NOW = datetime(2026, 11, 22, 10, tzinfo=UTC)  # a Sunday
FIXTURES = Path(__file__).parent / "fixtures" / "ics"
REAL = FIXTURES / "real"
ADA = Party("email", "ada@example.org", "Ada Lovelace")
BEN = Party("email", "ben@example.org", "Ben Sample")
GRACE = Party("email", "grace@example.org", "Grace Hopper")


def read(path: Path, now: datetime = NOW) -> list[Record]:
    return list(ics.read(path, now))


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def meeting(
    source_id: str,
    when: datetime,
    summary: str,
    sender: Party | None,
    *recipients: Party,
    channel: str = "in_person",
) -> ExchangeRecord:
    return ExchangeRecord(
        source_id, when, channel, summary, sender, recipients, meeting=True, origin="ics"
    )


def kinds(records: list[Record]) -> tuple[int, int, int]:
    """(exchanges, upcoming, skipped)."""
    return (
        sum(isinstance(r, ExchangeRecord) for r in records),
        sum(isinstance(r, UpcomingRecord) for r in records),
        sum(isinstance(r, Skipped) for r in records),
    )


# The real files


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("alarm_google_future.ics", (0, 0, 0)),  # 2024, and it names nobody but in its alarm
        ("bom_calendar.ics", (0, 0, 0)),
        ("issue_101_icalendar_chokes_on_umlauts_in_organizer.ics", (1, 0, 0)),
        ("issue_165_missing_event.ics", (0, 0, 0)),  # names nobody: a personal appointment
        ("issue_350.ics", (0, 0, 0)),  # names nobody
        ("property_params.ics", (1, 0, 0)),
    ],
)
def test_every_real_calendar_reads_into_what_it_holds(
    name: str, expected: tuple[int, int, int]
) -> None:
    assert kinds(read(REAL / name)) == expected


def test_an_empty_calendar_behind_a_byte_order_mark_yields_nothing() -> None:
    assert read(REAL / "bom_calendar.ics") == []


def test_a_bare_event_turns_its_organisers_last_comma_first_name_with_an_umlaut() -> None:
    assert read(REAL / "issue_101_icalendar_chokes_on_umlauts_in_organizer.ics") == [
        meeting(
            "20130416112341.10064jz0k4j7uem8@acmenet.de/2013-04-16T10:00:00Z",
            at(2013, 4, 16, 10),
            "wichtiger termin 1",
            Party("email", "adm-acme@mydomain.de", "ädmin acme"),
        )
    ]


def test_upper_case_mailto_attendees_with_quoted_names_make_an_all_day_meeting() -> None:
    assert read(REAL / "property_params.ics") == [
        meeting(
            "XRIMCAL-628059586-522954492-9750559/2012-08-14T00:00:00Z",
            at(2012, 8, 14),
            "Test meeting from BB",
            Party("email", "rembrand@daxlab.com"),
            Party("email", "rembrand@xs4all.nl", "RembrandXS"),
            Party("email", "rembrand@daxlab.com", "RembrandDX"),
            Party("email", "rembspam@xs4all.nl", "RembrandSB"),
        )
    ]


def test_an_attendee_inside_an_alarm_does_not_make_an_event_a_meeting() -> None:
    assert read(REAL / "alarm_google_future.ics", now=at(2024, 10, 1)) == [
        Ignored("only you (a personal appointment or a note to self)")
    ]


def test_a_future_meeting_is_upcoming_and_its_alarms_attendee_is_not_a_guest() -> None:
    assert read(FIXTURES / "upcoming_with_alarm.ics") == [
        UpcomingRecord(
            "dinner-plans@kith.test/2026-12-03T15:00:00Z",
            "Dinner with Ben",
            date(2026, 12, 3),
            "Trattoria Roma",
            (BEN,),
            ADA,
        )
    ]


def test_tab_folded_lines_and_text_after_the_calendar_are_read_by_the_library() -> None:
    text = (REAL / "issue_350.ics").read_text("utf-8")
    [entry] = list(entries(text, "issue_350.ics"))
    assert isinstance(entry, Entry)
    assert entry.line == 10
    assert str(entry.event["URL"]) == (
        "https://podio.com/xxxxxxyyyyyy/zpodio-testgelande/apps/calendar/items/5"
    )
    assert str(entry.event["DESCRIPTION"]) == 'Toller Termin fürmal zu\\"gucken\\"und so'


def test_an_exchange_rule_with_spaces_in_its_weekday_list_is_repaired() -> None:
    text = (REAL / "issue_165_missing_event.ics").read_text("utf-8")
    [entry] = list(entries(text, "issue_165_missing_event.ics"))
    assert isinstance(entry, Entry)
    assert entry.event["RRULE"]["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
    assert entry.event.start.isoformat() == "2015-07-03T10:00:00+02:00"


def test_an_exchange_series_in_its_own_windows_style_zone_expands_on_weekdays() -> None:
    ben = Party("email", "ben@example.org", "Ben Sample")
    ada = Party("email", "ada@example.org", "Ada Lovelace")
    title = "Sprint 25 Daily Standup"
    days = [3, 6, 7, 8, 9, 10]  # Friday, then Monday to Friday: 10:00 at +02:00
    assert read(FIXTURES / "exchange_standup.ics", now=at(2015, 7, 10, 12)) == [
        *(
            meeting(
                f"sprint-25-standup@kith.test/2015-07-{d:02}T08:00:00Z",
                at(2015, 7, d, 8),
                title,
                ben,
                ada,
            )
            for d in days
        ),
        UpcomingRecord(
            "sprint-25-standup@kith.test/2015-07-13T08:00:00Z",
            title,
            date(2015, 7, 13),
            None,
            (ada,),
            ben,
        ),
    ]


# Repeats


def test_a_weekly_meeting_expands_in_its_own_zone_across_the_clock_change() -> None:
    records = read(FIXTURES / "weekly_one_on_one.ics")
    title, uid = "Ada / Grace 1:1", "one-on-one@kith.test"
    summer = [(9, 1), (9, 8), (9, 29), (10, 13), (10, 20)]  # 10:00 in Berlin is 08:00 UTC
    winter = [(10, 27), (11, 3), (11, 10), (11, 17)]  # and 09:00 UTC after 25 October
    moved = meeting(
        f"{uid}/2026-09-22T08:00:00Z",
        at(2026, 9, 23, 12),
        "Ada / Grace 1:1 (moved to Wednesday)",
        ADA,
        ADA,
        GRACE,
    )
    expected = [
        *(
            meeting(
                f"{uid}/2026-{m:02}-{d:02}T08:00:00Z", at(2026, m, d, 8), title, ADA, ADA, GRACE
            )
            for m, d in summer
        ),
        *(
            meeting(
                f"{uid}/2026-{m:02}-{d:02}T09:00:00Z", at(2026, m, d, 9), title, ADA, ADA, GRACE
            )
            for m, d in winter
        ),
        moved,
    ]
    assert records[:-1] == sorted(expected, key=lambda r: r.at)  # in time order; then upcoming


def test_an_exdate_and_a_cancelled_occurrence_are_left_out() -> None:
    ids = [r.source_id for r in read(FIXTURES / "weekly_one_on_one.ics")]
    assert "one-on-one@kith.test/2026-09-15T08:00:00Z" not in ids  # EXDATE
    assert "one-on-one@kith.test/2026-10-06T08:00:00Z" not in ids  # STATUS:CANCELLED
    assert len(ids) == 11


def test_an_overridden_occurrence_keeps_its_original_id_and_takes_its_new_time() -> None:
    [moved] = [r for r in read(FIXTURES / "weekly_one_on_one.ics") if "2026-09-22" in r.source_id]
    assert moved == meeting(
        "one-on-one@kith.test/2026-09-22T08:00:00Z",
        at(2026, 9, 23, 12),
        "Ada / Grace 1:1 (moved to Wednesday)",
        ADA,
        ADA,
        GRACE,
    )


def test_only_the_next_occurrence_after_now_is_upcoming_and_it_is_not_an_interaction() -> None:
    records = read(FIXTURES / "weekly_one_on_one.ics")
    assert records[-1] == UpcomingRecord(
        "one-on-one@kith.test/2026-11-24T09:00:00Z",
        "Ada / Grace 1:1",
        date(2026, 11, 24),
        "Café Einstein, Berlin",
        (ADA, GRACE),
        ADA,
    )
    assert all(r.at <= NOW for r in records if isinstance(r, ExchangeRecord))


def test_a_daily_meeting_keeps_only_its_latest_500_occurrences() -> None:
    records = read(FIXTURES / "daily_standup.ics")
    assert kinds(records) == (500, 1, 0)
    assert records[0] == meeting(
        "standup@kith.test/2025-07-11T09:30:00Z",
        at(2025, 7, 11, 9, 30),
        "Standup",
        ADA,
        Party("email", "ben@example.org", "Ben Sample"),
    )
    assert records[-2].source_id == "standup@kith.test/2026-11-22T09:30:00Z"  # ended 09:45
    assert records[-1].source_id == "standup@kith.test/2026-11-23T09:30:00Z"


def test_a_series_started_eight_years_ago_expands_from_five_years_back() -> None:
    records = read(FIXTURES / "old_weekly_series.ics")
    assert kinds(records) == (260, 1, 0)
    # 22 November 2021 09:00 is before the window opens at 10:00 that day.
    assert [r.source_id for r in records[:2]] == [
        "book-club@kith.test/2021-11-29T09:00:00Z",
        "book-club@kith.test/2021-12-06T09:00:00Z",
    ]
    assert records[-2].source_id == "book-club@kith.test/2026-11-16T09:00:00Z"
    assert records[-1].source_id == "book-club@kith.test/2026-11-23T09:00:00Z"


def test_cancelled_meetings_and_cancelled_series_are_ignored_with_why() -> None:
    assert read(FIXTURES / "cancelled_meeting.ics") == [
        Ignored("no occurrence left (cancelled or excluded)"),
        Ignored("no occurrence left (cancelled or excluded)"),
    ]


def test_a_calendar_sent_to_cancel_its_events_ignores_each_as_cancelled(tmp_path: Path) -> None:
    text = (FIXTURES / "video_meetings.ics").read_text("utf-8")
    path = tmp_path / "cancel.ics"
    path.write_text(text.replace("VERSION:2.0", "VERSION:2.0\nMETHOD:CANCEL"), "utf-8")
    assert set(read(path)) == {Ignored("cancelled")}


def test_a_rule_repeating_every_minute_is_skipped_not_expanded(tmp_path: Path) -> None:
    path = tmp_path / "minutely.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:tick\nDTSTART:20260101T000000Z\n"
        "RRULE:FREQ=MINUTELY\nORGANIZER:mailto:ada@example.org\nEND:VEVENT\nEND:VCALENDAR\n",
        "utf-8",
    )
    assert read(path) == [
        Skipped(
            "minutely.ics: event tick (line 2)",
            "its dates could not be read: it repeats more often than hourly, which no meeting does",
        )
    ]


# Channels, times and people


def test_a_meet_or_zoom_link_makes_a_video_meeting_and_a_zoom_lens_does_not() -> None:
    assert read(FIXTURES / "video_meetings.ics") == [
        meeting(
            "meet@kith.test/2026-11-10T15:00:00Z",
            at(2026, 11, 10, 15),
            "Catch-up",
            ADA,
            BEN,
            channel="video",
        ),
        meeting(
            "zoom@kith.test/2026-11-11T15:00:00Z",
            at(2026, 11, 11, 15),
            "Pairing",
            ADA,
            BEN,
            channel="video",
        ),
        meeting("coffee@kith.test/2026-11-12T15:00:00Z", at(2026, 11, 12, 15), "Coffee", ADA, BEN),
    ]


def test_a_floating_time_is_read_as_utc() -> None:
    assert read(FIXTURES / "floating_time.ics") == [
        meeting(
            "floating@kith.test/2026-10-15T10:00:00Z",
            at(2026, 10, 15, 10),
            "Walk in the park",
            BEN,
            ADA,
        )
    ]


def test_windows_and_non_ascii_zone_names_and_all_day_dates_become_utc() -> None:
    assert read(FIXTURES / "time_zones.ics") == [
        meeting(
            "windows-zone@kith.test/2026-03-10T13:00:00Z", at(2026, 3, 10, 13), "Planning", ADA, BEN
        ),
        meeting(
            "non-ascii-zone@kith.test/2026-07-01T07:00:00Z",
            at(2026, 7, 1, 7),
            "Frühstück",
            Party("email", "juergen@example.de", "Jürgen Beispiel"),
            ADA,
        ),
        meeting("all-day@kith.test/2026-05-04T00:00:00Z", at(2026, 5, 4), "Offsite", ADA, BEN),
    ]


def test_rooms_decliners_and_non_mail_addresses_are_not_people_and_nobody_is_named_twice() -> None:
    records = read(FIXTURES / "people.ics")
    assert records[0] == meeting(
        "project-review@kith.test/2026-11-02T13:00:00Z",
        at(2026, 11, 2, 13),
        "Project review",
        Party("email", "ada@example.org"),  # its CN was the address itself
        ADA,
        BEN,
    )


def test_appointments_naming_nobody_or_only_a_room_are_ignored_as_personal() -> None:
    records = read(FIXTURES / "people.ics")
    assert kinds(records) == (2, 0, 0)  # of four events: the dentist and the focus time are not
    assert [r for r in records if isinstance(r, Ignored)] == [
        Ignored("only you (a personal appointment or a note to self)")
    ] * 2
    ids = [r.source_id for r in records if not isinstance(r, Ignored)]
    assert not any("dentist" in i or "focus" in i for i in ids)


def test_a_meeting_without_a_uid_gets_the_same_digest_id_on_every_read() -> None:
    first, second = read(FIXTURES / "people.ics")[-1], read(FIXTURES / "people.ics")[-1]
    assert (
        first
        == second
        == meeting(
            "no-uid-b251807ae91b5576/2026-11-05T17:00:00Z",
            at(2026, 11, 5, 17),
            "(meeting)",
            Party("email", "ben@example.org"),
            Party("email", "ada@example.org"),
        )
    )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_a_calendar_in_any_common_encoding_keeps_its_accented_names(
    tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / "old-outlook.ics"
    text = (
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261101T100000Z\r\n"
        "SUMMARY:Réunion\r\nORGANIZER;CN=Jürgen:mailto:j@example.de\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )
    path.write_bytes(text.encode(encoding))
    assert ics.sniff(path.read_bytes(), path)
    assert read(path) == [
        meeting(
            "x/2026-11-01T10:00:00Z",
            at(2026, 11, 1, 10),
            "Réunion",
            Party("email", "j@example.de", "Jürgen"),
        ),
    ]


# Damage


def test_bad_events_are_skipped_with_their_line_and_the_rest_is_read() -> None:
    organiser = Party("email", "ada@example.org")
    assert read(FIXTURES / "bad_events.ics") == [
        Skipped(
            "bad_events.ics: event bad-start@kith.test (line 12)",
            "DTSTART '2026-13-45' is not valid",
        ),
        Skipped(
            "bad_events.ics: event bad-rule@kith.test (line 26)",
            "RRULE 'FREQ=SOMETIMES' is not valid",
        ),
        meeting(
            "good-before@kith.test/2026-11-01T10:00:00Z",
            at(2026, 11, 1, 10),
            "Good before",
            organiser,
        ),
        Skipped(
            "bad_events.ics: event mars-time@kith.test (line 19)",
            "its time zone 'Mars/Olympus Mons' is not defined in the file nor a zone Kith knows",
        ),
        meeting(
            "good-after@kith.test/2026-11-04T10:00:00Z",
            at(2026, 11, 4, 10),
            "Good after",
            organiser,
        ),
        Skipped(
            "bad_events.ics: event no-start@kith.test (line 42)",
            "its dates could not be read: No DTSTART given.",
        ),
    ]


def test_an_event_cut_short_is_skipped_and_the_events_before_it_are_read() -> None:
    ada = Party("email", "ada@example.org")
    assert read(FIXTURES / "cut_short.ics") == [
        Skipped(
            "cut_short.ics: event cut-short@kith.test (line 30)", "it is cut short (no END:VEVENT)"
        ),
        meeting("complete@kith.test/2026-11-01T10:00:00Z", at(2026, 11, 1, 10), "Complete", ada),
        meeting("pair@kith.test/2026-11-02T10:00:00Z", at(2026, 11, 2, 10), "Pairing", ada),
        meeting(
            "pair@kith.test/2026-11-09T10:00:00Z", at(2026, 11, 10, 15), "Pairing (moved)", ada
        ),
    ]


@pytest.mark.parametrize("path", sorted([*FIXTURES.glob("*.ics"), *REAL.glob("*.ics")]))
def test_reading_a_file_again_gives_identical_source_ids(path: Path) -> None:
    def ids() -> list[str]:
        return [r.source_id for r in read(path) if not isinstance(r, Skipped | Ignored)]

    assert ids() == ids()
    assert len(set(ids())) == len(ids())


def test_a_file_that_is_not_a_calendar_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cards.ics"
    path.write_text("BEGIN:VCARD\nFN:Ada\nEND:VCARD\n", "utf-8")
    with pytest.raises(UserError, match="is not a calendar"):
        read(path)


def test_now_without_a_time_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        read(REAL / "bom_calendar.ics", now=datetime(2026, 11, 22, 10))


# Sniffing


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", True),
        (b"\xef\xbb\xbfBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", True),
        (b"\n  BEGIN:VEVENT\r\nSUMMARY:x\r\n", True),
        (b"begin:vcalendar\nversion:2.0\n", True),
        (b"BEGIN:VCALENDAR", True),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\n", False),
        (b"BEGIN:VCALENDARS\r\n", False),
        (b'{"format": "kith", "version": 1}', False),
        (b"Subject: BEGIN:VCALENDAR\n", False),
    ],
)
def test_a_calendar_is_known_by_its_first_line_not_its_name(head: bytes, expected: bool) -> None:
    assert ics.sniff(head, Path("anything.txt")) is expected
