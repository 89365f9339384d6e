"""Google Contacts CSV, legacy (`Name,Given Name,...`) and current (`First Name,...,Labels`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from kith.model import Address, Job
from kith.records import Record
from kith.sources.contacts_csv import (
    Cells,
    Draft,
    Row,
    header_of,
    multi,
    read_people,
)

SYSTEM_GROUPS = frozenset({"mycontacts", "my contacts", "starred", "other contacts"})
VAGUE_LABELS = frozenset({"", "internet", "*"})
ADDRESS_PARTS = (
    "type",
    "label",
    "formatted",
    "street",
    "city",
    "po box",
    "region",
    "postal code",
    "country",
    "extended address",
)
_VALUE = re.compile(r"^(e-mail|phone) \d+ - value$")


def sniff(head: bytes, path: Path) -> bool:
    """A header with `E-mail 1 - Value`-style columns, or Google's name columns."""
    keys = set(header_of(head))
    return (
        any(_VALUE.match(key) for key in keys)
        or {"name", "given name", "family name", "group membership"} <= keys
        or {"first name", "last name", "labels"} <= keys
    )


def read(path: Path) -> Iterator[Record]:
    """One PersonRecord per row with a name, an e-mail or a phone; Skipped for the others.

    Columns are found by name (`E-mail N - Type|Label|Value`, however many there are); a cell can
    hold several values joined by ` ::: `; system groups (`* myContacts`, `* starred`) are not
    tags. A row with only a phone and a company is named from them: `Acme Corp (+44 20 ...)`.
    """
    yield from read_people(path, _draft)


def _draft(row: Row, names: dict[str, str]) -> Draft:
    cells, draft = Cells(row, names), Draft(row.where)
    _names(cells, draft)
    _contacts(cells, draft)
    _work(cells, draft)
    for parts in cells.numbered("address", ADDRESS_PARTS):
        draft.addresses.extend(_address(each) for each in _each(parts))
    draft.add_birthday(cells.take("birthday"), "Birthday")
    draft.tags.extend(_tags(cells.take("group membership", "labels")))
    draft.interests.extend(multi(cells.take("hobby")))
    draft.notes.extend(n for n in [cells.take("notes")] if n)
    cells.drop("photo")  # a link to Google's copy; Kith does not keep photos
    draft.extra.extend(cells.leftovers())
    return draft


def _names(cells: Cells, draft: Draft) -> None:
    draft.name = cells.take("name")
    draft.given_name = cells.take("given name", "first name")
    draft.additional_names = cells.take("additional name", "middle name")
    draft.family_name = cells.take("family name", "last name")
    draft.prefix = cells.take("name prefix")
    draft.suffix = cells.take("name suffix")
    draft.nickname = cells.take("nickname")
    filed_as = cells.take("file as")
    if not (draft.name or draft.given_name or draft.family_name):
        draft.name = filed_as


def _contacts(cells: Cells, draft: Draft) -> None:
    for parts in cells.numbered("e-mail", ("type", "label", "value")):
        for raw, label in _labelled(parts):
            draft.add_email(raw, label, "E-mail")
    for parts in cells.numbered("phone", ("type", "label", "value")):
        for raw, label in _labelled(parts):
            draft.add_phone(raw, label)
    for parts in cells.numbered("website", ("type", "label", "value")):
        for raw, label in _labelled(parts):
            draft.add_web(raw, label, "Website")


def _labelled(parts: dict[str, str]) -> list[tuple[str, str | None]]:
    """Each value of a `Type`/`Label` + `Value` pair with its label (`* Home` → `home`)."""
    labels = [_label(text) for text in multi(parts.get("type") or parts.get("label"))]
    values = multi(parts.get("value"))
    labels += [labels[-1] if labels else None] * len(values)  # later values keep the last label
    return list(zip(values, labels, strict=False))


def _label(text: str) -> str | None:
    label = text.removeprefix("*").strip().casefold()
    return None if label in VAGUE_LABELS else label


def _work(cells: Cells, draft: Draft) -> None:
    organisations = cells.numbered("organization", ("name", "title", "type"))
    current = {"name": cells.take("organization name"), "title": cells.take("organization title")}
    found = [*organisations, {part: value for part, value in current.items() if value}]
    department = cells.take("organization department")
    for parts in found:
        name, title = parts.get("name"), parts.get("title")
        if name:
            draft.jobs.append(Job(name, title))
        elif title:
            draft.extra.append(f"Title: {title}")
    draft.company = draft.jobs[0].organisation if draft.jobs else None
    if department:
        draft.extra.append(f"Department: {department}")


def _each(parts: dict[str, str]) -> list[dict[str, str]]:
    """An address group whose cells hold several values (`a ::: b`), one dict per address."""
    split = {part: multi(value) for part, value in parts.items()}
    count = max((len(values) for values in split.values()), default=0)
    return [{p: v[i] for p, v in split.items() if i < len(v)} for i in range(count)]


def _address(parts: dict[str, str]) -> Address:
    label = _label(parts.get("type") or parts.get("label") or "")
    lines = [parts.get(p, "") for p in ("street", "extended address", "po box")]
    street = ", ".join(" ".join(line.split()) for line in lines if line)
    has_parts = street or any(parts.get(p) for p in ("city", "region", "postal code", "country"))
    if not has_parts and parts.get("formatted"):
        street = ", ".join(line.strip() for line in parts["formatted"].splitlines() if line.strip())
    return Address(
        label=label,
        street=street or None,
        city=parts.get("city"),
        region=parts.get("region"),
        postcode=parts.get("postal code"),
        country=parts.get("country"),
    )


def _tags(groups: str | None) -> list[str]:
    """Group memberships: `* myContacts` and `* starred` are Google's own, not the user's."""
    tags = []
    for group in multi(groups):
        name = group.removeprefix("* ").strip()
        if not (group.startswith("* ") and name.casefold() in SYSTEM_GROUPS):
            tags.append(name)
    return tags
