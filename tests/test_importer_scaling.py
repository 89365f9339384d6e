"""Every importer's work grows linearly with its input, and absurd records are refused or
ignored with a word in the report (issue 17: a card of 8,000 e-mails took 24 s, a meeting of
8,000 attendees 9 s, a CSV of 16,000 rows 13 s). Counts of SQL statements and of names
compared, and CPU time with room for a noisy machine: never wall times."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kith.records import ExchangeRecord, Party
from kith.services.importing.exchange import CROWD, PARTY_LIMIT
from kith.services.importing.paths import import_path
from kith.services.importing.staging import import_staged
from kith.services.imports import import_records
from kith.services.merging import BIG_BLOCK, _compared
from kith.store import Store
from reliability.inputs import CASES, ME, alike_rows, card_emails, csv_rows, meeting_attendees
from reliability.scaling import measure
from tests.conftest import NOW

QUADRATIC_SHOWS = 10.0  # n to 4n: linear work grows about 4-fold, quadratic 16-fold


@pytest.mark.parametrize("case", list(CASES))
def test_an_importers_sql_statements_grow_linearly_with_its_input(case: str) -> None:
    make, n, me = CASES[case]
    small, large = measure(make, n // 4, me), measure(make, n, me)
    assert small.statements > 0
    assert large.statements / small.statements < 4.6, (small, large)


@pytest.mark.parametrize(
    ("make", "n", "me"),
    [(card_emails, 500, ()), (meeting_attendees, 200, (ME,)), (csv_rows, 500, ())],
    ids=["vcard e-mails", "meeting attendees", "csv rows"],
)
def test_an_importers_cpu_time_grows_nowhere_near_quadratically(
    make: object, n: int, me: tuple[str, ...]
) -> None:
    measure(make, 10, me)  # type: ignore[arg-type]  # the readers loaded
    small = min(measure(make, n, me).cpu for _ in range(3))  # type: ignore[arg-type]
    large = min(measure(make, 4 * n, me).cpu for _ in range(3))  # type: ignore[arg-type]
    assert large / small < QUADRATIC_SHOWS


def test_names_alike_in_a_huge_block_are_compared_with_a_bounded_neighbourhood() -> None:
    def compared(n: int) -> int:
        group = [(i, f"first{i} last{i}") for i in range(n)]
        return sum(len(near) for _, _, near in _compared(group, {i for i, _ in group}))

    assert compared(1_000) <= 1_000 * (BIG_BLOCK + 1)
    assert compared(4_000) / compared(1_000) < 4.3


def test_names_alike_in_a_huge_block_are_still_queued_for_review(
    store: Store, tmp_path: Path
) -> None:
    import_path(store, alike_rows(600, tmp_path), kind=None, now=NOW)
    pairs = store.merge_queue.open()
    assert len(pairs) > 0
    assert all("similar names" in reason for _, _, _, reason, _ in pairs)


def test_a_card_of_100000_emails_is_skipped_saying_how_long_it_is(
    store: Store, tmp_path: Path
) -> None:
    [report] = import_path(store, card_emails(100_000, tmp_path), kind=None, now=NOW)
    assert report.created["person"] == 0
    [skipped] = report.skipped
    assert skipped.where == "emails-100000.vcf: card 1 (line 1)"
    assert "it has 100,003 lines, more than the 5,000 Kith reads as one person" in skipped.reason


def test_a_meeting_of_more_than_a_thousand_attendees_is_ignored_and_counted(
    store: Store, tmp_path: Path
) -> None:
    [report] = import_path(
        store, meeting_attendees(PARTY_LIMIT + 1, tmp_path), kind=None, now=NOW, me=[ME]
    )
    assert report.ignored == {CROWD: 1}
    assert report.summary()["ignored"] == {
        "more than 1,000 people on it (a list or an all-hands, about no one)": 1
    }
    assert store.seen.all() == []


def test_a_meeting_of_a_thousand_attendees_is_still_read(store: Store, tmp_path: Path) -> None:
    [report] = import_path(
        store, meeting_attendees(PARTY_LIMIT, tmp_path), kind=None, now=NOW, me=[ME]
    )
    assert report.ignored == {}
    assert report.accounted["one_way"] == 1


def _crowded_message(recipients: int) -> ExchangeRecord:
    return ExchangeRecord(
        "crowd@example.org",
        datetime(2026, 1, 1, tzinfo=UTC),
        "email",
        "to everyone",
        Party("email", ME),
        tuple(Party("email", f"p{i}@example.net") for i in range(recipients)),
        origin="mail",
    )


def test_a_message_to_more_than_a_thousand_people_is_ignored_by_the_record_applier(
    store: Store,
) -> None:
    report = import_records(
        store, [_crowded_message(PARTY_LIMIT + 1)], kind="mbox", path=None, now=NOW, me=[ME]
    )
    assert report.ignored == {CROWD: 1}


def test_a_message_to_more_than_a_thousand_people_is_ignored_by_the_staged_planner(
    store: Store, tmp_path: Path
) -> None:
    lines = [f"From: {ME}", "To: " + ", ".join(f"p{i}@example.net" for i in range(1_001))]
    mbox = tmp_path / "crowd.mbox"
    mbox.write_text(
        f"From {ME} Mon Jan  1 00:00:00 2024\n" + "\n".join(lines) + "\nSubject: all\n"
        "Date: Mon, 01 Jan 2024 10:00:00 +0000\nMessage-ID: <crowd@example.org>\n\nHi\n",
        encoding="utf-8",
    )
    report = import_staged(store, mbox, kind="mbox", now=NOW, me=[ME])
    assert report.ignored == {CROWD: 1}
