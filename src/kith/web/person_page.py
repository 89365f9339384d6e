"""The Person page as a dict: `kith show --json` (the card, how you met, the newest
interactions, whom they know among your contacts) with the events, the tie as `kith why`
explains it and over time (the chart's points), the ledger as `kith ledger NAME` has it, a
draft of the kind and for the channel chosen, and the edit form's values; the chart's points
are a page of their own (chart_page), which the person page's script fetches. Also the edit and
the note: the form's fields turned into what kith.services.people takes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from kith.drafts.mailto import mailto
from kith.drafts.render import KINDS
from kith.errors import UserError
from kith.model import Birthday, Person
from kith.services import browse, people
from kith.services.ledger import person_ledger
from kith.services.mesh import knows
from kith.services.resolve import resolve
from kith.services.ties import tie_history, why
from kith.services.week import drafts
from kith.shapes.drafts import draft_json
from kith.shapes.ledger import ledger_json
from kith.shapes.people import event_json, interaction_json, known_json, person_json
from kith.shapes.ties import why_json
from kith.web import mesh_pages
from kith.web.config import Context

DRAFT_KINDS = tuple(kind for kind in KINDS if kind != "path_ask")  # that one needs a target
EDIT_FIELDS = ("name", "emails", "phones", "company", "title", "tags", "how_met", "birthday")


@dataclass(frozen=True)
class Edit:
    """What the edit form sent, each field as typed (lists one value a line or a comma)."""

    values: dict[str, str]

    def listed(self, name: str, separator: str = "\n") -> list[str]:
        text = self.values.get(name, "").replace("\r", "")
        return [item.strip() for item in text.split(separator) if item.strip()]


def person_page(
    context: Context,
    person_id: int,
    kind: str | None = None,
    channel: str | None = None,
    edit: Edit | None = None,
    problem: str | None = None,
) -> dict[str, Any]:
    """`edit`/`problem`: a refused edit, shown again beside the form with what was typed."""
    _known(context, person_id)
    store, now = context.store, context.now()
    card = browse.show(store, person_id, now.date(), knows=False)
    known = context.remembered(  # the mesh section's costliest part: kept until a write
        f"knows/{person_id}", lambda: knows.known_by(store, person_id, now.date())
    )  # a prospect's too: whom they know is how to reach them (trial 5)
    card = replace(card, knows=known)
    tie = why_json(why.explain(store, person_id, now))
    shown = person_json(card.person, detail=True)
    return {
        "person": shown,
        "interactions": [interaction_json(i) for i in card.interactions],
        "total_interactions": card.total_interactions,
        "knows": [known_json(known) for known in card.knows],
        "events": [event_json(event) for event in card.events],
        "tie": {key: value for key, value in tie.items() if key != "person"},  # `kith why`
        "chart": f"/people/{person_id}/chart",  # its points: chart_page, fetched by the script
        "ledger": {
            k: v for k, v in ledger_json(person_ledger(store, person_id)).items() if k != "person"
        },
        "draft": draft_panel(context, person_id, kind, channel),
        "edit": {"values": edit.values if edit else form_values(card.person), "problem": problem},
        "mesh": mesh_pages.person_mesh(context, person_id, card.knows),  # person_mesh.html
    }


def chart_page(context: Context, person_id: int) -> dict[str, Any]:
    """The chart's data, apart from the page (which stays fast; the script fetches it): the
    person, and S and warmth at monthly points as `chart` has them."""
    _known(context, person_id)
    head = browse.head(context.store, person_id)
    return {"person": {"id": head.id, "name": head.name}, "chart": chart(context, person_id)}


def chart(context: Context, person_id: int) -> dict[str, Any]:
    """S and warmth at monthly points: seconds since the epoch and the two series, as uPlot
    takes them (columns, not rows), and each point's month for the table of figures."""
    now = context.now()
    points = tie_history.monthly(context.store, person_id, now)
    return {
        "t": [int(point.at.timestamp()) for point in points],
        "months": [point.at.astimezone(now.tzinfo).strftime("%b %Y") for point in points],
        "strength": [point.strength for point in points],
        "warmth": [point.warmth for point in points],
    }


def draft_panel(
    context: Context, person_id: int, kind: str | None, channel: str | None
) -> dict[str, Any]:
    """`kith draft NAME --kind K --channel C --json`, with the choices (no kind: the one `kith
    draft NAME` picks); a draft Kith cannot write (nothing to share, nothing to reply to) is
    said in the panel instead."""
    asked = channel if channel in drafts.CHANNELS else None
    store, folder, now = context.store, context.settings.templates, context.now()
    panel: dict[str, Any] = {
        "kinds": list(DRAFT_KINDS),
        "channels": list(drafts.CHANNELS),
        "draft": None,
        "subject": None,
        "mailto": None,
        "problem": None,
    }
    asked_kind = kind if kind in DRAFT_KINDS else None
    try:
        drafted = drafts.asked_for(store, person_id, asked_kind, folder, now, asked)
    except UserError as problem:
        shown_kind = asked_kind or "checkin"
        chosen = asked or drafts.default_channel(store, person_id, shown_kind)
        return panel | {"kind": shown_kind, "channel": chosen, "problem": str(problem)}
    link = None
    if drafted.channel == "email" and drafted.email:
        link = mailto(drafted.email, drafted.draft.subject, drafted.draft.body)
    shown = draft_json(drafted, link)
    return panel | {k: v for k, v in shown.items() if k != "person"}


def form_values(person: Person) -> dict[str, str]:
    """The edit form filled in from the card."""
    return {
        "name": person.name,
        "emails": "\n".join(person.emails),
        "phones": "\n".join(person.phones),
        "company": person.company or "",
        "title": person.title or "",
        "tags": ", ".join(person.tags),
        "how_met": person.how_met or "",
        "birthday": person.birthday.text() if person.birthday else "",
    }


def save_edit(context: Context, person_id: int, edit: Edit) -> dict[str, Any]:
    """The card changed as the form says, through kith.services.people (edit_person for the
    fields and identities, tag for the tags); UserError for what it refuses, changing
    nothing the edit itself would have changed."""
    _known(context, person_id)
    store, now = context.store, context.now()
    before = browse.show(store, person_id, now.date()).person
    change = _person_edit(before, edit)
    tags = edit.listed("tags", ",")
    person = people.edit_person(store, person_id, change, now)
    add = [tag for tag in tags if tag not in before.tags]
    drop = [tag for tag in before.tags if tag not in tags]
    if add or drop:
        person = people.tag(store, person_id, add, drop, now)
    return {"person": person_json(person, detail=True), "saved": True}


def save_note(context: Context, person_id: int, text: str) -> dict[str, Any]:
    _known(context, person_id)
    note_id = people.add_note(context.store, person_id, text, "note", context.now())
    return {"note": {"id": note_id, "kind": "note", "text": text.strip()}, "saved": True}


def _person_edit(before: Person, edit: Edit) -> people.PersonEdit:
    values = edit.values
    fields: dict[str, object] = {}
    how_met = values.get("how_met", "").strip()
    if how_met != (before.how_met or ""):
        fields["how_met"] = how_met
    fields |= _birthday(values.get("birthday", "").strip(), before)
    company, title = values.get("company", "").strip(), values.get("title", "").strip()
    if not company and before.company:
        raise UserError("A company cannot be cleared here: a new one keeps the old in history.")
    emails, phones = edit.listed("emails"), edit.listed("phones")
    return people.PersonEdit(
        name=values.get("name", "") if values.get("name", "").strip() != before.name else None,
        fields=fields,
        add_identities=_added("email", emails, before.emails)
        + _added("phone", phones, before.phones),
        remove_identities=_added("email", before.emails, emails)
        + _added("phone", before.phones, phones),
        company=company if company and company != before.company else None,
        title=title if title != (before.title or "") else None,
    )


def _birthday(text: str, before: Person) -> dict[str, object]:
    current = before.birthday.text() if before.birthday else ""
    if text == current:
        return {}
    if not text:
        return {"birthday_month": "", "birthday_day": "", "birthday_year": ""}
    try:
        day = Birthday.parse(text)
    except ValueError as exc:
        raise UserError(
            f"Could not read the birthday {text!r}; write 1815-12-10, or --12-10 without the year."
        ) from exc
    return {"birthday_month": day.month, "birthday_day": day.day, "birthday_year": day.year or ""}


def _added(kind: str, wanted: list[str], having: list[str]) -> tuple[tuple[str, str], ...]:
    return tuple((kind, value) for value in wanted if value not in having)


def _known(context: Context, person_id: int) -> None:
    """NotFound (a 404) for an id nobody has, through the CLI's own name resolution."""
    resolve(context.store, f"#{person_id}")
