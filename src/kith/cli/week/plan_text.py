"""What `plan` and `today` print, without click (kith.cli.week.plan's commands and
kith.cli.fast_reads call `print_plan` and `print_today`)."""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING

from kith.cli.app import App
from kith.cli.render import echo, emit_json, say, table, weekday_day
from kith.cli.week.undecided import DECIDE_TITLE, decide_lines
from kith.services import claims
from kith.services.week import plan as service
from kith.vocab import PICK_CHANNEL_WORDS as CHANNEL_WORDS

if TYPE_CHECKING:
    from kith.drafts.render import Draft
    from kith.services.follow_ups import Todo
    from kith.services.week.digest import Introduction

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def print_plan(app: App, refresh: bool = False, drafts: bool = False) -> None:
    week = service.this_week(app.store, app.now, refresh=refresh)
    decide = claims.undecided(app.store, app.now)
    from kith.services.mesh.gift import weekly_gift

    gift = weekly_gift(app.store, app.now, app.tz, week.key, again=week.made_now)
    if app.json:
        from kith.shapes.plan import plan_json  # the JSON shapes: only for --json

        written = _drafts(app, week) if drafts else {}
        bodies = {p: d.body for p, (_, d) in written.items()}
        emit_json(plan_json(week, decide, gift, bodies, _first_steps(app, week)))
        return
    say(_week_heading(week))
    if not week.picks:
        say(f"Nobody is due this week: {_why_nobody(app, week)}")
        _section(DECIDE_TITLE, decide_lines(decide))
        return
    table(["#", "name", "layer", "why now", "how", "state"], _pick_rows(week.picks))
    advice = week.load.advice()
    if advice:
        say(advice)
    hint = service.no_way(app.store, week)
    if hint:
        say(hint)
    say(_energy_line(week))
    if gift is not None:
        say(f"Gift of the week: introduce {gift.a.name} to {gift.b.name}. {gift.reason}")
    _section(DECIDE_TITLE, decide_lines(decide))
    written = _drafts(app, week) if drafts else {}  # after the table: a broken template
    for pick in week.picks:  # still leaves the week on screen
        if pick.person.id in written:
            kind, draft = written[pick.person.id]
            channel = CHANNEL_WORDS.get(pick.stored.channel, pick.stored.channel)
            say(f"\n{pick.person.name} ({kind}, {channel}):")  # as the table's "how" says it
            say(draft.text)  # an e-mail with its subject, as `kith draft` prints it
    if written:
        say()
    say("Next: kith draft NAME · kith done NAME · kith skip NAME · kith snooze NAME 2w")


def _drafts(app: App, week: service.Week) -> dict[int, tuple[str, Draft]]:
    """Each open pick's draft: its kind (the one written, a reply or a reconnect included)
    and the draft."""
    from kith.cli.app import data_dir, interactive
    from kith.cli.week.drafts import TEMPLATES, UNSIGNED
    from kith.services.week import drafts

    picks = [pick.stored for pick in week.open_picks()]
    written = drafts.for_picks(app.store, picks, data_dir() / TEMPLATES, app.now)
    if any(not d.signed for d in written.values()) and interactive() and not app.json:
        echo(UNSIGNED, err=True)
    return {person: (drafted.kind, drafted.draft) for person, drafted in written.items()}


def print_today(app: App) -> None:
    from kith.services.week import outreach  # not `kith plan`'s import

    now = outreach.today(app.store, app.now)
    if app.json:
        from kith.shapes.plan import today_json

        emit_json(today_json(now))
        return
    if not (now.due or now.picks or now.thanks or now.coming_up or now.decide or now.introductions):
        first = _first_steps(app, now.week)
        if first:
            say(f"Nothing due today: {first}")
        else:  # an empty week was never a plan to be done
            week = "this week's plan is done" if now.week.picks else "nobody is due this week"
            say(f"Nothing due today, and {week}.")
        return
    _section("Due today or overdue", [_todo_line(t, app.now.date()) for t in now.due])
    _section(f"This week's plan ({now.week.key})", [_pick_line(p) for p in now.picks])
    hint = service.no_way(app.store, now.week) if now.picks else None
    if hint:
        say(f"  {hint}")
    _section("Thanks you owe", [reminder.text for reminder in now.thanks])
    _section("Introductions", _intro_lines(now.introductions))
    _section("Coming up", [_todo_line(t, app.now.date()) for t in now.coming_up])
    _section(DECIDE_TITLE, decide_lines(now.decide))


def _intro_lines(introductions: list[Introduction]) -> list[str]:
    """The introductions' lines, as `today --json` words them (kith.shapes.plan, imported
    only when there is one)."""
    if not introductions:
        return []
    from kith.shapes.plan import intro_line

    return [intro_line(intro) for intro in introductions]


def _why_nobody(app: App, week: service.Week) -> str:
    return _first_steps(app, week) or "every tie is within its cadence. Enjoy the quiet."


def _first_steps(app: App, week: service.Week) -> str | None:
    """What to do first, for a week with nobody in it (services.week.empty_week.of_week)."""
    if week.picks:
        return None  # the module is not imported for a week with picks
    from kith.services.week.empty_week import of_week

    return of_week(app.store, week)


def _week_heading(week: service.Week) -> str:
    count = len(week.picks)
    people = "1 person" if count == 1 else f"{count} people"
    return f"This week ({week.key}, {_span(week.monday, week.sunday)}): {people}"


def _span(monday: date, sunday: date) -> str:
    first = f"Mon {monday.day} {MONTHS[monday.month - 1]}"
    return f"{first} – Sun {sunday.day} {MONTHS[sunday.month - 1]}"


def _pick_rows(picks: list[service.Pick]) -> list[list[str]]:
    return [
        [
            str(pick.stored.position),
            pick.person.name,
            pick.stored.layer,
            pick.reason_said,
            how(pick),
            pick.stored.state,
        ]
        for pick in picks
    ]


def how(pick: service.Pick) -> str:
    """The channel in words, and the upgrade worth proposing: "message, or better a call"."""
    channel = CHANNEL_WORDS.get(pick.stored.channel, pick.stored.channel)
    if not pick.stored.upgrades:
        return channel
    better = " or ".join(CHANNEL_WORDS.get(u, u) for u in pick.stored.upgrades)
    return f"{channel}, or better a {better}"


ENERGY_EXAMPLE = 8  # the budget the hint offers, unless this week's plan needs more


def _energy_line(week: service.Week) -> str:
    planned = f"{week.energy_planned:g}"
    if week.energy_budget is None:
        example = max(ENERGY_EXAMPLE, math.ceil(week.energy_planned))
        return (
            f"Energy: {planned} (no weekly budget; `kith config set plan.energy_budget {example}`)."
        )
    return f"Energy: {planned} of {week.energy_budget:g}."


def _section(title: str, lines: list[str]) -> None:
    if not lines:
        return
    say(title)
    for line in lines:
        say(f"  {line}")


def _todo_line(item: Todo, today: date) -> str:
    f = item.follow_up
    whose = "" if f.owner == "mine" else " (theirs)"
    due = f.due
    late = ""
    if due is not None and due < today:
        days = (today - due).days
        late = f", {days} day{'s' if days != 1 else ''} overdue"
    when = f" — due {weekday_day(due)}{late}" if due else ""
    return f"#{f.id} {item.person.name}: {f.text}{whose}{when}"


def _pick_line(pick: service.Pick) -> str:
    return f"{pick.person.name} — {pick.reason_said} — {how(pick)}"
