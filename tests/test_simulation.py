"""The weekly plan over a simulated year (kith.demo.simulate): the properties of issue 9 as
counts on seeded runs of the real services. One test per behaviour, so that each year is
simulated once whichever worker runs it."""

from __future__ import annotations

from kith.demo.simulate import Report, simulate


def assert_a_good_plan(report: Report) -> None:
    """No overdue L1–L3 tie waits more than a week behind a lower-layer pick, no pick survives
    an interaction the user took part in, no week is empty while someone is due."""
    assert report.longest_wait_weeks <= 1
    assert (report.stale_picks, report.empty_weeks_while_due) == (0, 0)


def test_a_user_who_acts_on_every_pick_gets_a_good_plan_and_decides_on_everyone_met():
    report = simulate("acts on every pick")
    assert_a_good_plan(report)
    assert report.unresolved_acquaintances == 0


def test_a_user_with_a_budget_covering_the_load_keeps_the_inner_circle_within_twice_its_cadence():
    report = simulate("acts on every pick, budget 10")
    assert_a_good_plan(report)
    assert report.strong_kept_share() >= 0.95


def test_a_user_who_sees_the_inner_circle_organically_keeps_it_and_is_not_told_twice():
    report = simulate("sees the inner circle organically")
    assert_a_good_plan(report)
    assert report.strong_kept_share() >= 0.95


def test_a_user_who_acts_on_half_still_never_sees_a_close_tie_wait_behind_a_weaker_one():
    report = simulate("acts on half")
    assert_a_good_plan(report)
    assert report.unresolved_acquaintances == 0


def test_a_user_away_for_three_weeks_finds_the_closest_people_first_on_return():
    assert_a_good_plan(simulate("away three weeks, then acts"))


def test_a_new_user_with_only_imports_gets_a_full_first_week():
    report = simulate("new user with only imports")
    assert_a_good_plan(report)
    assert report.first_week_picks == 5


def test_the_same_seed_gives_the_same_year():
    assert simulate("acts on every pick", weeks=3) == simulate("acts on every pick", weeks=3)
