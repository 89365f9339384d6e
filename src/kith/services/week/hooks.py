"""The plan's hooks: what makes this week a good moment to write to someone (science.md §5
Ease) — a birthday, a follow-up due, an event with them, their news, an article for them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from kith.clock import birthdays_on, to_utc_text
from kith.services.week.weeks import day_said, monday_of
from kith.store import Store

# [H] Hooks (science.md §5 Ease): a birthday within 7 days, a news note in the last 30 days,
# an event with them in the next 14 days, a follow-up due by the end of this week.
BIRTHDAY_DAYS = 7
NEWS_DAYS = 30
EVENT_DAYS = 14


def hooks(store: Store, now: datetime) -> dict[int, dict[str, str]]:
    """Hook kind → its detail, per person: what makes this week a good moment to write."""
    today = now.date()
    hooks: dict[int, dict[str, str]] = {}

    def add(person: int, kind: str, detail: str) -> None:
        hooks.setdefault(person, {}).setdefault(kind, detail)

    days = [today + timedelta(days=k) for k in range(BIRTHDAY_DAYS + 1)]
    said = {day: day_said(day) for day in days}  # profile L: ~250 birthdays, 8 days
    for person, day in store.plan.birthdays(birthdays_on(days)).items():
        add(person, "birthday", said[day])
    sunday = monday_of(today) + timedelta(days=6)
    for follow_up in store.follow_ups.due_by(sunday.isoformat()):
        whose = "you promised" if follow_up.owner == "mine" else "they promised"
        add(follow_up.person_id, "follow_up", f"{whose} {follow_up.text!r}")
    last = (today + timedelta(days=EVENT_DAYS)).isoformat()
    for person, (name, on) in store.plan.attending(today.isoformat(), last).items():
        add(person, "event", f"{name} on {day_said(date.fromisoformat(on[:10]))}")
    for person, text in store.plan.news(to_utc_text(now - timedelta(days=NEWS_DAYS))).items():
        add(person, "news", text)
    if store.plan.holds("article"):
        for person, hook in store.articles.people_with_matching_articles(
            store.plan.with_interests()
        ).items():
            add(person, "article", hook.article.title or hook.article.url)
    return hooks
