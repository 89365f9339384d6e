"""Turning options and answers at a prompt into the values services take."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from kith.cli.app import App
from kith.clock import parse_day
from kith.model import Address, PersonDraft
from kith.services.events import resolve_event
from kith.services.people import PersonEdit, birthday_fields, parse_birthday
from kith.services.resolve import resolve

F = TypeVar("F", bound=Callable[..., Any])


def birthday_option(func: F) -> F:
    return click.option(
        "--birthday", metavar="DATE", help="1815-12-10, or --12-10 without the year."
    )(func)


IDENTITY_OPTIONS = (
    ("email", "emails", "An e-mail address"),
    ("phone", "phones", "A phone number"),
    ("linkedin", "linkedins", "A LinkedIn profile URL"),
    ("url", "urls", "A web address"),
    ("handle", "handles", "A handle (@name)"),
)
ADDRESS_PARTS = ("street", "city", "region", "postcode", "country")
CARD_OPTIONS = (
    click.option("--company", help="Where they work now (the old job moves to history)."),
    click.option("--title", help="Their job title."),
    click.option("--met", help="How you met, in your words."),
    click.option("--met-where", help="Where you met."),
    click.option("--met-through", metavar="NAME", help="Who introduced you."),
    click.option("--working-on", help="What they are working on now (dated today)."),
    birthday_option,
    *(
        click.option(f"--{kind}", dest, multiple=True, help=f"{text} (repeatable).")
        for kind, dest, text in IDENTITY_OPTIONS
    ),
    *(click.option(f"--{part}", help=f"Postal address: {part}.") for part in ADDRESS_PARTS),
    click.option("--address-label", help="home, work, ... for the address given."),
)


def card_options(func: F) -> F:
    """Options `add` and `edit` share: identities, job, how you met, a postal address."""
    for option in reversed(CARD_OPTIONS):
        func = option(func)
    return func


def identities_from(options: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple((kind, raw) for kind, dest, _ in IDENTITY_OPTIONS for raw in options.get(dest, ()))


def address_from(options: dict[str, Any]) -> Address | None:
    parts = {part: options.get(part) or None for part in ADDRESS_PARTS}
    if not any(parts.values()):
        return None
    return Address(label=options.get("address_label"), **parts)


def ask_for_draft(name: str) -> PersonDraft:
    """The interactive form `kith add NAME` shows on a terminal; Enter skips a question."""

    def ask(question: str) -> str:
        return str(click.prompt(question, default="", show_default=False)).strip()

    email, phone = ask("E-mail"), ask("Phone")
    identities = tuple(x for x in (("email", email), ("phone", phone)) if x[1])
    company = ask("Company")
    title = ask("Title") if company else ""
    met = ask("How did you meet")
    tags = tuple(t.strip() for t in ask("Tags (comma-separated)").split(",") if t.strip())
    return PersonDraft(
        name=name,
        identities=identities,
        company=company or None,
        title=title or None,
        how_met=met or None,
        tags=tags,
    )


COLUMN_OPTIONS = {
    "met": "how_met",
    "met_where": "met_where",
    "depth": "depth",
    "nickname": "nickname",
    "kind": "kind",
}


def draft_from_options(app: App, name: str, options: dict[str, Any]) -> PersonDraft:
    address = address_from(options)
    through = options.get("met_through")
    return PersonDraft(
        name=name,
        identities=identities_from(options),
        company=options.get("company"),
        title=options.get("title"),
        how_met=options.get("met"),
        met_where=options.get("met_where"),
        met_through_id=resolve(app.store, through) if through else None,
        tags=tuple(options.get("tags", ())),
        interests=tuple(options.get("interests", ())),
        working_on=options.get("working_on"),
        birthday=parse_birthday(options.get("birthday")),
        kind="prospect" if options.get("prospect") else "contact",
        addresses=(address,) if address else (),
    )


def edit_from_options(app: App, options: dict[str, Any]) -> PersonEdit:
    fields: dict[str, object] = {
        column: options[name]
        for name, column in COLUMN_OPTIONS.items()
        if options.get(name) is not None
    }
    if options.get("known_since") is not None:
        text = str(options["known_since"])
        fields["known_since"] = parse_day(text, app.now).isoformat() if text else ""
    if options.get("met_through") is not None:
        text = str(options["met_through"])
        fields["met_through_id"] = resolve(app.store, text) if text else ""
    if options.get("met_event") is not None:
        text = str(options["met_event"])
        fields["met_event_id"] = resolve_event(app.store, text) if text else ""
    if options.get("birthday") is not None:
        fields |= birthday_fields(str(options["birthday"]))
    removes = [("email", e) for e in options.get("remove_email", ())]
    removes += [("phone", p) for p in options.get("remove_phone", ())]
    address = address_from(options)
    return PersonEdit(
        name=options.get("new_name"),
        fields=fields,
        add_identities=identities_from(options),
        remove_identities=tuple(removes),
        company=options.get("company"),
        title=options.get("title"),
        working_on=options.get("working_on"),
        add_addresses=(address,) if address else (),
        clear_addresses=bool(options.get("clear_addresses")),
        another=bool(options.get("another")),
    )
