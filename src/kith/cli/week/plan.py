"""The weekly plan's commands: plan, today, done, skip, snooze, pin, mute, cadence."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from kith.cli.app import App
from kith.cli.options import CHANNEL_METAVAR, json_option, pass_app, read_channel
from kith.cli.render import emit_json, say, weekday_day
from kith.cli.week.plan_text import print_plan, print_today
from kith.errors import UsageError
from kith.services.resolve import resolve_in_week
from kith.shapes.people import head_json, interaction_json
from kith.shapes.plan import cadence_json, skip_json

if TYPE_CHECKING:
    from kith.services.week.outreach import CadenceSetting


@click.command()
@click.option("--refresh", is_flag=True, help="Choose this week's people again, from now.")
@click.option("--drafts", is_flag=True, help="Under the table, a ready draft for each open pick.")
@json_option
@pass_app
def plan(app: App, refresh: bool, drafts: bool) -> None:
    """This week's people to reach out to, with why now and how.

    The plan is chosen on the first `plan` or `today` of each week (Monday start) within
    `plan.budget` people (default 5) and `plan.energy_budget`, if set, and kept all week:
    `done`, `skip` and `snooze` change it, `--refresh` chooses again. A week that holds nobody is
    chosen again by the next `plan` or `today`.

    L1–L3 people due this week come first. When they need more touches a week than the
    budget, the plan says so under the table. People met at events and not claimed are listed
    after it for four weeks (claim, log, or `kith let-go NAME`).

    With --drafts, each open pick gets the draft its reason calls for (a reply when they wrote,
    reconnect for a dormant tie or after a long silence, share for an article, birthday wishes,
    else a check-in), in the form of its channel, from the templates `kith draft` uses.

    \b
    Example:
      kith plan
      kith plan --drafts
      kith plan --refresh --json
    """
    print_plan(app, refresh, drafts)


@click.command()
@json_option
@pass_app
def today(app: App) -> None:
    """Follow-ups due today or overdue, the week's picks not done yet, and what's coming up.

    Then thank-yous you owe (someone suggested you meet a person, and you have met them),
    introductions waiting on your next step (`kith intro`), and "coming up": open follow-ups
    due within the next 7 days, and people met at events in the last four weeks, not claimed
    yet: claim, log, or `kith let-go NAME`. The first `today` of a week chooses the week's
    plan, as `kith plan` does.

    \b
    Example:
      kith today
      kith today --json
    """
    print_today(app)


@click.command()
@click.argument("name")
@click.option("--message", "-m", help="What you did (the logged summary, for you alone).")
@click.option(
    "--channel", "-c", callback=read_channel, metavar=CHANNEL_METAVAR, help="Default: the pick's."
)
@click.option(
    "--topic",
    "-t",
    help='What it was about, in words drafts may say back after "our chat about": "the launch".',
)
@json_option
@pass_app
def done(app: App, name: str, message: str | None, channel: str | None, topic: str | None) -> None:
    """Log that you reached out to NAME, and tick them off this week's plan.

    The interaction is logged now on the channel the plan suggested (or --channel), which
    resets their clock like any logged interaction.

    \b
    Example:
      kith done "Wendy Weekly"
      kith done Wendy -m "coffee, she starts in May" -c coffee -t "the Postgres migration"
    """
    from kith.services.week import outreach  # not `kith plan`'s import

    person_id = resolve_in_week(app.store, name, app.now)
    channel = outreach.channel_of(channel)
    result = outreach.done(app.store, person_id, app.now, message, channel, topic)
    from kith.services.interactions import topic_warning

    warning = topic_warning(topic)
    if warning:
        click.echo(warning, err=True)
    if app.json:
        emit_json(
            {
                "person": head_json(result.person),
                "interaction": interaction_json(result.interaction),
                "in_plan": result.in_plan,
            }
        )
        return
    logged = result.interaction
    where = "ticked off this week's plan" if result.in_plan else "not in this week's plan"
    say(f"Logged #{logged.id} with {result.person.name} ({logged.channel}); {where}.")


@click.command()
@click.argument("name")
@json_option
@pass_app
def skip(app: App, name: str) -> None:
    """Not this week: NAME rests a week for each skip in 8 weeks.

    A birthday, a follow-up due or a note from them brings them back sooner; for 8 weeks
    each skip also lowers their priority (×0.7).

    \b
    Example:
      kith skip "Piotr Obi"
    """
    from kith.services.week import outreach  # not `kith plan`'s import

    result = outreach.skip(app.store, resolve_in_week(app.store, name, app.now), app.now)
    if app.json:
        emit_json(skip_json(result))
        return
    times = "once" if result.skips == 1 else f"{result.skips} times"
    where = "Skipped in this week's plan" if result.in_plan else "Skipped (not in this week's plan)"
    say(f"{where}: {result.person.name}, skipped {times} in 8 weeks; {result.rest}.")


@click.command()
@click.argument("name")
@click.argument("words", nargs=-1, metavar="[FOR|UNTIL]")
@click.option("--off", is_flag=True, help="Wake them: back in the plan from now.")
@json_option
@pass_app
def snooze(app: App, name: str, words: tuple[str, ...], off: bool) -> None:
    """Hide NAME from the plan for a while: 2w, 10d, 3m, or until a day. FOR|UNTIL may be
    several words, quoted or not (2 weeks, next friday).

    \b
    Example:
      kith snooze "Piotr Obi" 2w
      kith snooze Piotr 2 weeks
      kith snooze Piotr 2027-01-10
      kith snooze Piotr --off
    """
    until = " ".join(words) or None
    if off == (until is not None):
        raise UsageError("Give how long (2w, a day) or --off.")
    from kith.services.week import outreach  # not `kith plan`'s import

    result = outreach.snooze(app.store, resolve_in_week(app.store, name, app.now), app.now, until)
    if app.json:
        emit_json(
            {
                "person": head_json(result.person),
                "snoozed_until": result.until,
                "in_plan": result.in_plan,
            }
        )
        return
    if result.until is None:
        say(f"{result.person.name} is awake: back in the plan when due.")
        return
    day = result.until.astimezone(app.tz).date()
    say(f"Snoozed {result.person.name} until {weekday_day(day)}.")


def _flag_command(flag: str, verb: str, words: tuple[str, str], doc: str) -> click.Command:
    @click.command(name=verb, help=doc)
    @click.argument("name")
    @click.option("--off", is_flag=True, help=f"Undo: {verb} no more.")
    @json_option
    @pass_app
    def command(app: App, name: str, off: bool) -> None:
        from kith.services.week import outreach  # not `kith plan`'s import

        person_id = resolve_in_week(app.store, name, app.now)
        person = outreach.set_flag(app.store, person_id, flag, not off)
        if app.json:
            emit_json({"person": head_json(person), flag: not off})
            return
        say(f"{words[1] if off else words[0]} {person.name}.")

    return command


pin = _flag_command(
    "pinned",
    "pin",
    ("Pinned", "Unpinned"),
    "Pin NAME: ranked first for the layers, and in the plan whenever the tie cools.\n\n"
    "A pin adds 0.2 to their value in the plan and makes them eligible whenever their warmth "
    'drops below 0.7.\n\n\b\nExample:\n  kith pin "Wendy Weekly"\n  kith pin Wendy --off',
)
mute = _flag_command(
    "muted",
    "mute",
    ("Muted", "Unmuted"),
    "Mute NAME: never in the plan (they stay in lists, search and layers).\n\n"
    '\b\nExample:\n  kith mute "Otto Oneway"\n  kith mute Otto --off',
)


@click.command()
@click.argument("words", nargs=-1, metavar="[NAME|tag:T]")
@click.option("--ideal", help="The gap you aim for: 30d, 6w, 3m.")
@click.option("--max", "most", help="Past this gap they are at risk: 60d.")
@click.option("--clear", is_flag=True, help="Back to the layer's cadence.")
@json_option
@pass_app
def cadence(
    app: App, words: tuple[str, ...], ideal: str | None, most: str | None, clear: bool
) -> None:
    """How often to be in touch with a person or a tag; without options, show it; without a
    name, list every cadence set.

    A person's cadence wins over a tag's; of several tags the shortest wins; either wins over
    the layer's default (L2 weekly, L3 monthly, L4 six-monthly, L5 yearly). Reaching --max
    flags them "at risk".

    \b
    Example:
      kith cadence "Monty Monthly" --ideal 30d --max 60d
      kith cadence tag:mentor --ideal 3m
      kith cadence Monty --clear
      kith cadence
    """
    from kith.services.week import outreach  # not `kith plan`'s import

    if len(words) > 1:  # `--ideal 2 weeks` leaves "weeks" here
        raise UsageError(
            f"Got {' '.join(words)!r} where one NAME goes: quote a name of several words, and "
            "give each length as one word: --ideal 2w --max 4w."
        )
    target = words[0] if words else None
    if target is None:
        if clear or ideal or most:
            raise UsageError("Name whose cadence to change: NAME or tag:T.")
        _list_cadences(app, outreach.cadence_overrides(app.store))
        return
    setting = outreach.cadence(app.store, target, ideal, most, clear)
    if app.json:
        emit_json(cadence_json(setting))
        return
    say(_cadence_line(setting))


def _list_cadences(app: App, found: list[CadenceSetting]) -> None:
    if app.json:
        emit_json({"cadences": [cadence_json(s) for s in found], "total": len(found)})
        return
    if not found:
        say("No cadence set: everyone follows their layer's.")
    for setting in found:
        say(_cadence_line(setting))


def _cadence_line(setting: CadenceSetting) -> str:
    override = setting.override
    if override is None:
        return f"{setting.target}: the layer's cadence (no override)."
    most_text = f", at risk after {override.max_days:g} days" if override.max_days else ""
    return f"{setting.target}: every {override.ideal_days:g} days{most_text}."


COMMANDS = [plan, today, done, skip, snooze, pin, mute, cadence]
