"""Turning options and answers at a prompt into the values services take."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from kith.cli.app import App
from kith.clock import parse_day
from kith.errors import UserError
from kith.model import Birthday, PersonDraft
from kith.services.people import PersonEdit
from kith.services.resolve import resolve

F = TypeVar("F", bound=Callable[..., Any])


def birthday_option(func: F) -> F:
    return click.option(
        "--birthday", metavar="DATE", help="1815-12-10, or --12-10 without the year."
    )(func)


def parse_birthday(text: str | None) -> Birthday | None:
    if not text:
        return None
    try:
        return Birthday.parse(text)
    except ValueError as exc:
        raise UserError(
            f"Could not read the birthday {text!r}; write 1815-12-10, or --12-10 without the year."
        ) from exc


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


COLUMN_OPTIONS = {"met": "how_met", "depth": "depth", "nickname": "nickname"}


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
    if options.get("birthday") is not None:
        _birthday_fields(fields, str(options["birthday"]))
    adds = [("email", e) for e in options.get("emails", ())]
    adds += [("phone", p) for p in options.get("phones", ())]
    adds += [("url", u) for u in options.get("urls", ())]
    if options.get("linkedin"):
        adds.append(("linkedin", options["linkedin"]))
    removes = [("email", e) for e in options.get("remove_email", ())]
    removes += [("phone", p) for p in options.get("remove_phone", ())]
    return PersonEdit(
        name=options.get("new_name"),
        fields=fields,
        add_identities=tuple(adds),
        remove_identities=tuple(removes),
        company=options.get("company"),
        title=options.get("title"),
        working_on=options.get("working_on"),
    )


def _birthday_fields(fields: dict[str, object], text: str) -> None:
    birthday = parse_birthday(text)
    fields["birthday_month"] = birthday.month if birthday else ""
    fields["birthday_day"] = birthday.day if birthday else ""
    fields["birthday_year"] = birthday.year if birthday and birthday.year else ""
