"""`kith digest`: the week at a glance, as plain text, Markdown or JSON.

Both text forms are built from the same sections; a `Style` says how a name and a piece of
free text are written (Markdown escapes what its syntax would read, and quotes the claim notes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

import click

from kith.cli.app import App, data_dir
from kith.cli.mesh.referrals import referral_json
from kith.cli.options import json_option, pass_app
from kith.cli.render import WEEKDAYS, emit_json, say, weekday_day
from kith.cli.week.drafts import TEMPLATES
from kith.cli.week.plan_text import MONTHS, how
from kith.errors import UsageError
from kith.services.claims import Claim
from kith.services.follow_ups import Todo
from kith.services.referrals import Reminder
from kith.services.week import digest as service
from kith.services.week.plan import Pick
from kith.shapes.claims import claim_json
from kith.shapes.follow_ups import todo_json
from kith.shapes.people import head_json
from kith.shapes.plan import pick_json

NOTHING = "Nothing this week: no plan, follow-ups, claims, referrals, introductions or birthdays."


@click.command()
@click.option("--markdown", is_flag=True, help="Markdown (CommonMark) with headings and lists.")
@json_option
@pass_app
def digest(app: App, markdown: bool) -> None:
    """The week at a glance: plan, follow-ups, claims, referrals, introductions, birthdays.

    Sections, each left out when empty: this week's plan (open and done picks), follow-ups due
    this week or overdue, people met at events in the last 7 days to claim, referrals to follow
    up or thank, introductions waiting on your next step, and birthdays from today to 14
    days ahead. The first digest of a week chooses the week's plan, as `kith plan` does.

    \b
    Example:
      kith digest
      kith digest --markdown > week.md
    """
    if markdown and app.json:
        raise UsageError("Give --markdown or --json, not both.")
    found = service.digest(app.store, app.now, data_dir() / TEMPLATES)
    if app.json:
        emit_json(digest_json(found, app))
        return
    style = Markdown() if markdown else Plain()
    say(render(found, style, app.now))


def digest_json(found: service.Digest, app: App) -> dict[str, Any]:
    week = found.week
    return {
        "week": week.key,
        "monday": week.monday,
        "sunday": week.sunday,
        "picks": [pick_json(pick) for pick in found.picks],
        "todos": [todo_json(todo) for todo in found.todos],
        "claims": [claim_json(item) for item in found.claims],
        "referrals": [
            {"action": r.action, "text": r.text, "referral": referral_json(r.referral, app.tz)}
            for r in found.referrals
        ],
        "introductions": [
            {
                "id": i.id,
                "a": head_json(i.a),
                "b": head_json(i.b),
                "why": i.why,
                "state": i.state,
                "since": i.since,
                "nudge": i.nudge,
            }
            for i in found.introductions
        ],
        "birthdays": [
            {"person": head_json(b.person), "date": b.day, "turns": b.turns}
            for b in found.birthdays
        ],
        "total": found.total,
    }


# The two ways of writing --------------------------------------------------------------------


class Plain:
    """Text as it is, for a terminal or a plain e-mail."""

    markdown = False

    def name(self, text: str) -> str:
        return text

    def text(self, text: str) -> str:
        return text


# CommonMark reads these anywhere in a line (emphasis, code, links, HTML, entities; `~` is
# GitHub's strikethrough); a backslash before any ASCII punctuation makes it a literal.
INLINE = re.compile(r"([\\`*_\[\]<>&~|])")
# ... and these only at the start of a line (headings, lists, quotes, thematic breaks).
LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


class Markdown:
    """CommonMark: names in bold, everything from the database escaped."""

    markdown = True

    def name(self, text: str) -> str:
        return f"**{self.text(text)}**"

    def text(self, text: str) -> str:
        return escape(" ".join(text.split()))


def escape(text: str) -> str:
    """`text` as a literal in CommonMark, wherever in a line it stands."""
    escaped = INLINE.sub(r"\\\1", text)
    return LINE_START.sub(_escape_start, escaped)


def _escape_start(match: re.Match[str]) -> str:
    space, mark = match.group(1), match.group(2)
    if mark[0].isdigit():  # "1." starts an ordered list: escape the dot after it
        return f"{space}{mark}\\"
    return f"{space}\\{mark}"


Style = Plain | Markdown


# Sections ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    line: str
    done: bool | None = None  # a pick: ticked or not; None: no box
    quote: str | None = None  # shown under the line in Markdown (a claim note)


@dataclass(frozen=True)
class Section:
    title: str
    items: list[Item]
    hint: str | None = None  # a last line in plain text


def render(found: service.Digest, style: Style, now: datetime) -> str:
    week, today, tz = found.week, now.date(), now.tzinfo
    assert tz is not None
    span = f"{week.key}, {_day(week.monday)} – {_day(week.sunday)}"
    sections = [
        s
        for s in (
            Section("This week's plan", [_pick(p, style) for p in found.picks]),
            Section(
                "Follow-ups due this week or overdue",
                [_todo(t, style, today) for t in found.todos],
            ),
            Section(
                "People to claim",
                [_claim(c, style) for c in found.claims],
                hint="`kith claim` prints each note.",
            ),
            Section("Referrals", [_referral(r, style, tz) for r in found.referrals]),
            Section(
                "Introductions in progress",
                [_introduction(i, style, tz) for i in found.introductions],
            ),
            Section(
                f"Birthdays in the next {service.BIRTHDAY_DAYS} days",
                [_birthday(b, style, today) for b in found.birthdays],
            ),
        )
        if s.items
    ]
    if style.markdown:
        return _markdown(f"Kith digest: {span}", sections)
    return _plain(f"Kith digest: {span}", sections)


def _plain(heading: str, sections: list[Section]) -> str:
    lines = [heading]
    for section in sections:
        lines += ["", section.title]
        lines += [f"  {_box(item.done)}{item.line}" for item in section.items]
        if section.hint:
            lines.append(f"  {section.hint}")
    if not sections:
        lines += ["", NOTHING]
    return "\n".join(lines)


def _markdown(heading: str, sections: list[Section]) -> str:
    lines = [f"# {escape(heading)}"]
    for section in sections:
        lines += ["", f"## {escape(section.title)}", ""]
        for item in section.items:
            lines.append(f"- {_box(item.done)}{item.line}")
            if item.quote:
                lines += [
                    f"  > {escape(line.strip())}".rstrip() for line in item.quote.splitlines()
                ]
    if not sections:
        lines += ["", escape(NOTHING)]
    return "\n".join(lines)


def _box(done: bool | None) -> str:
    return "" if done is None else "[x] " if done else "[ ] "


def _pick(pick: Pick, style: Style) -> Item:
    line = f"{style.name(pick.person.name)} — {style.text(pick.reason_said)} — {how(pick)}"
    return Item(line, done=pick.stored.state == "done")


def _todo(todo: Todo, style: Style, today: date) -> Item:
    f = todo.follow_up
    theirs = " (theirs)" if f.owner == "theirs" else ""
    late = ""
    if f.due is not None and f.due < today:
        days = (today - f.due).days
        late = f", {days} day{'s' if days != 1 else ''} overdue"
    due = f" — due {weekday_day(f.due)}{late}" if f.due else ""
    return Item(f"#{f.id} {style.name(todo.person.name)}: {style.text(f.text)}{theirs}{due}")


def _claim(item: Claim, style: Style) -> Item:
    event = item.event
    line = (
        f"{style.name(item.person.name)}, met at {style.text(event.name)} on "
        f"{event.day.isoformat()} (note: {item.draft.chars}/{item.limit} characters)"
    )
    return Item(line, quote=item.draft.body if style.markdown else None)


def _referral(reminder: Reminder, style: Style, tz: tzinfo) -> Item:
    r = reminder.referral
    by, to = style.name(r.referrer.name), style.name(r.referred.name)
    if reminder.action == "follow_up":
        return Item(f"Reach out to {to}: {by} suggested you meet.")
    met = r.met_at.astimezone(tz).date().isoformat() if r.met_at else ""
    return Item(f"Thank {by}: you met {to} on {met} through them.")


def _introduction(intro: service.Introduction, style: Style, tz: tzinfo) -> Item:
    a, b = style.name(intro.a.name), style.name(intro.b.name)
    state = intro.waiting(a, b)
    hint = f"; {intro.hint}" if intro.hint else ""
    why = f" — {style.text(intro.why)}" if intro.why else ""
    day = intro.since.astimezone(tz).date().isoformat()
    return Item(f"{a} and {b}: {state} on {day}{hint}{why}")


def _birthday(birthday: service.Birthday, style: Style, today: date) -> Item:
    when = "Today" if birthday.day == today else _day(birthday.day)
    turns = f", turns {birthday.turns}" if birthday.turns is not None else ""
    return Item(f"{when}: {style.name(birthday.person.name)}{turns}")


def _day(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


COMMANDS = [digest]
