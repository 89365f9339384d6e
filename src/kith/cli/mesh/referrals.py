"""Commands for people you want to meet and who suggested them: want, wants, refer, referrals."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

import click

from kith.cli.app import App
from kith.cli.options import json_option, pass_app
from kith.cli.render import day_of, emit_json, say, table
from kith.services import referrals as service
from kith.services.mesh import paths
from kith.services.resolve import resolve
from kith.shapes.paths import path_json
from kith.shapes.people import head_json

LIST = "your want-to-meet list"


@click.command()
@click.argument("name")
@click.option("--why", help="What you would like to talk about.")
@click.option("--company", help="Their company, when NAME is someone new.")
@json_option
@pass_app
def want(app: App, name: str, why: str | None, company: str | None) -> None:
    """Add someone to the people you want to meet.

    An unknown NAME becomes a prospect (someone you want to meet, not yet a contact).

    \b
    Example:
      kith want "Hedy Lamarr" --why "frequency hopping" --company "MGM"
    """
    wanted = service.want(app.store, name, app.now, why=why, company=company)
    wish, newcomer = wanted.wish, wanted.newcomer
    if app.json:
        emit_json({"want": wish_json(wish), "added": wanted.added, "created": newcomer.created})
        return
    who = f"{wish.person.name} (#{wish.person.id})"
    if newcomer.created:
        say(f"Added {who} as a prospect, on {LIST}.")
    elif wanted.added:
        say(f"Added {who} to {LIST}.")
    else:
        since = day_of(wish.since, app.tz)
        say(f"{who} is already on {LIST} (since {since}){'; reason updated' if why else ''}.")
    _warn_close_names(newcomer)


def _warn_close_names(newcomer: service.Newcomer) -> None:
    if newcomer.created and newcomer.close_names:
        say(
            f"Close to: {', '.join(newcomer.close_names)}; if you meant one of them, "
            f"`kith forget #{newcomer.person_id}` takes the new person back."
        )


@click.command()
@json_option
@pass_app
def wants(app: App) -> None:
    """List the people you want to meet, and whether you met them.

    Met: the first interaction with them on or after the day you added them. Until then,
    the best warm path to them (`kith path NAME` shows three, and drafts the ask).

    \b
    Example:
      kith wants
      kith wants --json
    """
    found = paths.wishes_with_paths(app.store, app.now, app.tz)
    if app.json:
        shown = [wish_json(f.wish) | {"path": _path_json(f.path)} for f in found]
        emit_json({"wants": shown, "total": len(shown)})
        return
    if not found:
        say('Nobody on your want-to-meet list; `kith want NAME --why "..."` adds someone.')
        return
    rows = [
        [
            str(f.wish.person.id),
            f.wish.person.name,
            f.wish.why or "",
            ", ".join(h.name for h in f.wish.referred_by),
            day_of(f.wish.since, app.tz),
            day_of(f.wish.met_at, app.tz) if f.wish.met_at else "not yet",
            _path_text(f),
        ]
        for f in found
    ]
    table(["id", "name", "why", "suggested by", "since", "met", "best path"], rows)


def _path_text(found: paths.WishPath) -> str:
    if found.wish.met_at is not None:
        return ""
    if found.path is None:
        return "none yet"
    people = " → ".join(link.target.name for link in found.path.links[:-1]) or "directly"
    return f"{people} (P {found.path.value:.2f}{', weak' if found.path.weak else ''})"


def _path_json(found: paths.WarmPath | None) -> dict[str, Any] | None:
    return None if found is None else path_json(found)


def wish_json(wish: service.Wish) -> dict[str, Any]:
    return {
        "person": head_json(wish.person),
        "why": wish.why,
        "since": wish.since,
        "met_at": wish.met_at,
        "referred_by": [head_json(h) for h in wish.referred_by],
    }


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--note", help="What they said about B.")
@click.option("--thanked", is_flag=True, help="Record that you thanked A for suggesting B.")
@json_option
@pass_app
def refer(app: App, a: str, b: str, note: str | None, thanked: bool) -> None:
    """Record that A suggested you meet B.

    B, if unknown, becomes a prospect; either way B joins your want-to-meet list. `kith
    referrals` then shows whether you followed up and reminds you to thank A.

    \b
    Example:
      kith refer Ada "Hedy Lamarr" --note "she knows everyone in radio"
      kith refer Ada Hedy --thanked
    """
    referrer_id = resolve(app.store, a)
    if thanked:
        referral = service.mark_thanked(app.store, referrer_id, resolve(app.store, b), app.now)
        if app.json:
            emit_json({"referral": referral_json(referral, app.tz)})
            return
        say(f"Thanked {referral.referrer.name} for suggesting {referral.referred.name}.")
        return
    referred = service.refer(app.store, referrer_id, b, app.now, note=note)
    if app.json:
        emit_json(
            {
                "referral": referral_json(referred.referral, app.tz),
                "added": referred.added,
                "created": referred.newcomer.created,
            }
        )
        return
    say(_referred_sentence(referred, app.tz))
    _warn_close_names(referred.newcomer)


def _referred_sentence(referred: service.Referred, tz: tzinfo) -> str:
    r = referred.referral
    pair = f"{r.referrer.name} suggested you meet {r.referred.name} (#{r.referred.id})"
    if not referred.added:
        return f"Already recorded on {day_of(r.created_at, tz)}: {pair}."
    if referred.newcomer.created:
        return f"Recorded: {pair}; added as a prospect to {LIST}."
    return f"Recorded: {pair}; {'added to' if referred.wished else 'already on'} {LIST}."


@click.command()
@click.option("--pending", is_flag=True, help="Only those not yet followed up or thanked.")
@json_option
@pass_app
def referrals(app: App, pending: bool) -> None:
    """List who suggested you meet whom, and where each stands.

    Followed up: any interaction with B on or after the day of the referral. Thanked: an
    interaction of kind thanks with A on or after the day you met B, or `kith refer
    --thanked A B`.

    \b
    Example:
      kith referrals --pending
    """
    found = service.referrals(app.store, app.now, pending=pending)
    if app.json:
        emit_json({"referrals": [referral_json(r, app.tz) for r in found], "total": len(found)})
        return
    if not found:
        say("No referrals pending." if pending else "No referrals; `kith refer A B` records one.")
        return
    rows = [
        [
            str(r.id),
            r.referrer.name,
            r.referred.name,
            day_of(r.created_at, app.tz),
            state(r, app.tz),
        ]
        for r in found
    ]
    table(["id", "suggested by", "to meet", "on", "state"], rows)


def state(referral: service.Referral, tz: tzinfo) -> str:
    """Where a referral stands, in words."""
    if referral.state == service.NOT_CONTACTED:
        return "not yet contacted"
    if referral.state == service.TO_THANK:
        return f"met on {day_of(referral.met_at, tz)} — thank {referral.referrer.name}"
    return "thanked"


def referral_json(referral: service.Referral, tz: tzinfo) -> dict[str, Any]:
    return {
        "id": referral.id,
        "referrer": head_json(referral.referrer),
        "referred": head_json(referral.referred),
        "note": referral.note,
        "created_at": referral.created_at,
        "met_at": referral.met_at,
        "thanked_at": referral.thanked_at,
        "state": referral.state,
        "text": state(referral, tz),
    }


COMMANDS = [want, wants, refer, referrals]
