"""The week after someone picked is deleted (the third trial's finding 10): an import undone, a
`kith forget`, a merge of two people both picked. The week shown is numbered 1..n without gaps,
its heading counts those shown, and each place freed is chosen again by the next read; the
picks left keep their state and their reason."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import Run
from tests.test_plan_empty_week import chat_file

TUESDAY = "2026-11-03T09:00:00+00:00"
THURSDAY = "2026-11-05T09:00:00+00:00"
# each with a cadence of a week, last seen on these days of October: overdue in this order
LAST_SEEN = {"Ada": 20, "Grace": 21, "Priya": 22, "Tom": 23}
ENERGY_HINT = "Energy: {} (no weekly budget; `kith config set plan.energy_budget 8`)."


@pytest.fixture
def week(run: Run, tmp_path: Path) -> Run:
    """Four people added by hand and Ben Cole, whom import run 1 (a Signal chat) created, all
    due weekly; a budget of 3: Ben (the most overdue), Ada and Grace are picked, then Grace is
    done and Ada skipped."""
    run(TUESDAY, "config", "set", "plan.budget", "3")
    for name, day in LAST_SEEN.items():
        run(TUESDAY, "add", name)
        run(TUESDAY, "cadence", name, "--ideal", "7d")
        run(TUESDAY, "log", name, "caught up", "--when", f"2026-10-{day}")
    run(
        TUESDAY,
        "import",
        str(chat_file(tmp_path, "Ben Cole", datetime(2026, 10, 19))),
        "--me",
        "John Doe",
    )
    run(TUESDAY, "cadence", "Ben Cole", "--ideal", "7d")
    assert rows(run(TUESDAY, "plan", "--refresh")) == [
        "1  Ben Cole  L3     at risk, overdue by 7 days  message  open",
        "2  Ada       L5     overdue by 6 days           coffee   open",
        "3  Grace     L5     overdue by 5 days           coffee   open",
    ]
    run(TUESDAY, "done", "Grace")
    run(TUESDAY, "skip", "Ada")
    return run


def test_an_import_undone_leaves_its_picks_place_chosen_again_and_the_week_numbered_1_to_n(
    week: Run,
) -> None:
    week(TUESDAY, "import", "--undo", "1", "--yes")
    shown = week(TUESDAY, "plan")
    assert heading(shown) == "This week (2026-W45, Mon 2 Nov – Sun 8 Nov): 3 people"
    assert rows(shown) == [
        "1  Ada    L5     overdue by 6 days  coffee  skipped",
        "2  Grace  L5     overdue by 5 days  coffee  done",
        "3  Priya  L5     overdue by 4 days  coffee  open",
    ]
    assert ENERGY_HINT.format(8) in shown.output  # Grace done and Priya open: coffee, 4 each
    assert week(TUESDAY, "today").output.splitlines() == [
        "This week's plan (2026-W45)",
        "  Priya — overdue by 4 days — coffee",
        "  No address or number for Priya (so: coffee): `kith edit Priya --email ADDRESS` or "
        "`--phone NUMBER` adds one.",
    ]


def test_the_places_filled_are_counted_once_and_the_reasons_move_on_with_the_days(
    week: Run,
) -> None:
    week(TUESDAY, "import", "--undo", "1", "--yes")
    week(TUESDAY, "today")  # fills the place
    assert rows(week(THURSDAY, "plan")) == [
        "1  Ada    L5     overdue by 6 days  coffee  skipped",
        "2  Grace  L5     overdue by 5 days  coffee  done",
        "3  Priya  L5     overdue by 6 days  coffee  open",
    ]


def test_forgetting_someone_picked_frees_their_place_for_the_next_read(week: Run) -> None:
    week(TUESDAY, "forget", "Grace", "--yes")
    shown = week(TUESDAY, "plan")
    assert heading(shown) == "This week (2026-W45, Mon 2 Nov – Sun 8 Nov): 3 people"
    assert rows(shown) == [
        "1  Ben Cole  L3     at risk, overdue by 7 days  message  open",
        "2  Ada       L5     overdue by 6 days           coffee   skipped",
        "3  Priya     L5     overdue by 4 days           coffee   open",
    ]


def test_a_merge_of_two_people_picked_frees_the_absorbed_ones_place(week: Run) -> None:
    week(TUESDAY, "merge", "Ben Cole", "Ada")
    assert rows(week(TUESDAY, "plan")) == [
        "1  Ben Cole  L3     at risk, overdue by 7 days  message  open",
        "2  Grace     L5     overdue by 5 days           coffee   done",
        "3  Priya     L5     overdue by 4 days           coffee   open",
    ]


def test_a_merge_into_someone_not_picked_carries_the_pick_and_frees_no_place(week: Run) -> None:
    week(TUESDAY, "merge", "Priya", "Ben Cole")
    assert rows(week(TUESDAY, "plan")) == [
        "1  Priya  L3     at risk, overdue by 7 days  message  open",
        "2  Ada    L5     overdue by 6 days           coffee   skipped",
        "3  Grace  L5     overdue by 5 days           coffee   done",
    ]


def test_an_open_pick_archived_leaves_no_gap_in_the_numbers_and_no_place_chosen_again(
    week: Run,
) -> None:
    week(TUESDAY, "archive", "Ben Cole")
    shown = week(TUESDAY, "plan")
    assert heading(shown) == "This week (2026-W45, Mon 2 Nov – Sun 8 Nov): 2 people"
    assert rows(shown) == [
        "1  Ada    L5     overdue by 6 days  coffee  skipped",
        "2  Grace  L5     overdue by 5 days  coffee  done",
    ]


def heading(shown: Result) -> str:
    return shown.output.splitlines()[0]


def rows(shown: Result) -> list[str]:
    """The week's table rows, as printed (the numbered lines after the header)."""
    lines = shown.output.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("#"))
    end = next(n for n, line in enumerate(lines) if n > start and not line[:1].isdigit())
    return [line.rstrip() for line in lines[start + 1 : end]]


def test_an_unmerge_after_the_fill_gives_back_the_skipped_pick_in_the_place_the_fill_took(
    week: Run,
) -> None:
    week(TUESDAY, "merge", "Ben Cole", "Ada")
    week(TUESDAY, "plan")  # Priya fills Ada's place
    week(TUESDAY, "unmerge", "1")
    shown = week(TUESDAY, "plan")
    assert heading(shown) == "This week (2026-W45, Mon 2 Nov – Sun 8 Nov): 3 people"
    assert rows(shown) == [
        "1  Ben Cole  L3     at risk, overdue by 7 days  message  open",
        "2  Ada       L5     overdue by 6 days           coffee   skipped",
        "3  Grace     L5     overdue by 5 days           coffee   done",
    ]


def test_an_unmerge_before_any_read_gives_back_the_pick_and_its_place_is_not_chosen_again(
    week: Run,
) -> None:
    week(TUESDAY, "merge", "Ben Cole", "Ada")
    week(TUESDAY, "unmerge", "1")
    assert rows(week(TUESDAY, "plan")) == [
        "1  Ben Cole  L3     at risk, overdue by 7 days  message  open",
        "2  Ada       L5     overdue by 6 days           coffee   skipped",
        "3  Grace     L5     overdue by 5 days           coffee   done",
    ]


def test_an_unmerge_after_the_fill_leaves_an_open_pick_out_of_a_full_week(week: Run) -> None:
    week(TUESDAY, "merge", "Grace", "Ben Cole")  # Ben's open pick goes with him
    assert rows(week(TUESDAY, "plan")) == [
        "1  Ada    L5     overdue by 6 days  coffee  skipped",
        "2  Grace  L5     overdue by 5 days  coffee  done",
        "3  Priya  L5     overdue by 4 days  coffee  open",
    ]
    week(TUESDAY, "unmerge", "1")
    assert rows(week(TUESDAY, "plan")) == [
        "1  Ada    L5     overdue by 6 days  coffee  skipped",
        "2  Grace  L5     overdue by 5 days  coffee  done",
        "3  Priya  L5     overdue by 4 days  coffee  open",
    ]


def test_an_unmerge_gives_back_a_done_pick_over_the_budget_when_no_open_pick_can_make_way(
    week: Run,
) -> None:
    week(TUESDAY, "merge", "Ben Cole", "Grace")  # Grace's done pick goes with her; her
    week(TUESDAY, "plan")  # touch today makes Ben's done, and Priya fills Grace's place
    week(TUESDAY, "done", "Priya")
    week(TUESDAY, "unmerge", "1")
    assert rows(week(TUESDAY, "plan")) == [
        "1  Ben Cole  L3     at risk, overdue by 7 days  message  done",
        "2  Ada       L5     overdue by 6 days           coffee   skipped",
        "3  Grace     L5     overdue by 5 days           coffee   done",
        "4  Priya     L5     overdue by 4 days           coffee   done",
    ]


def test_a_note_recorded_after_the_choice_still_asks_for_a_reply_after_a_fill(week: Run) -> None:
    """Ben's message of Sunday, logged after the week was chosen, makes his reason the reply to
    write; a fill of the place Ada's deletion frees (the week made again as of Tuesday noon)
    keeps it so."""
    noon = "2026-11-03T12:00:00+00:00"
    note = ("asked about the trip", "--channel", "message", "--direction", "in")
    week(noon, "log", "Ben Cole", *note, "--when", "2026-11-01")
    week(noon, "forget", "Ada", "--yes")
    assert rows(week(THURSDAY, "plan")) == [
        "1  Ben Cole  L3     they wrote, 4 days ago: reply (at risk)  message  open",
        "2  Grace     L5     overdue by 5 days                        coffee   done",
        "3  Priya     L5     overdue by 6 days                        coffee   open",
    ]


def test_a_gap_left_in_a_week_stored_before_places_were_counted_is_filled_by_the_next_read(
    week: Run, db_path: Path
) -> None:
    week(TUESDAY, "forget", "Ada", "--yes")
    with closing(sqlite3.connect(db_path)) as db, db:  # a file of session 13: no count kept
        db.execute("DELETE FROM meta WHERE key = 'plan.freed'")
    assert rows(week(TUESDAY, "plan")) == [
        "1  Ben Cole  L3     at risk, overdue by 7 days  message  open",
        "2  Grace     L5     overdue by 5 days           coffee   done",
        "3  Priya     L5     overdue by 4 days           coffee   open",
    ]
