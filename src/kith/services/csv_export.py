"""`kith export csv`: people as a spreadsheet, UTF-8 with a BOM and CRLF so Excel reads it."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from datetime import datetime, tzinfo
from pathlib import Path
from typing import BinaryIO

from kith import query as query_language
from kith.clock import from_utc_text
from kith.errors import UserError
from kith.model import Birthday, Person
from kith.services.browse import plan_inputs
from kith.store import Store
from kith.store.listing import person_ids
from kith.store.rows import chunks
from kith.store.sheet_rows import SheetRow, sheet_rows

HEADERS = (
    "Name",
    "Given name",
    "Family name",
    "E-mail",
    "E-mail 2",
    "Phone",
    "Phone 2",
    "Company",
    "Title",
    "Tags",
    "Birthday",
    "City",
    "Country",
    "How we met",
    "Last contact",
    "LinkedIn",
    "Notes",
)
ENCODING = "utf-8-sig"  # the BOM tells Excel the file is UTF-8, so accents survive
_FORMULA_START = "=+-@\t\r"  # a cell starting with one of these may be run as a formula
_NUMBER_LIKE = re.compile(r"[+-]?[\s().\-/]*\d[\d\s().\-/]*")


def write_csv(store: Store, handle: BinaryIO, text: str, now: datetime, tz: tzinfo) -> int:
    """Write the people `text` selects to `handle`; returns how many rows were written."""
    parsed = query_language.parse(text, now)  # first: a bad query writes nothing
    due = plan_inputs(store, parsed, now)
    wrapper = io.TextIOWrapper(handle, encoding=ENCODING, newline="", write_through=True)
    writer = csv.writer(wrapper, lineterminator="\r\n")
    count = 0
    try:
        writer.writerow(HEADERS)
        with store.reading():
            ids = person_ids(store.connection, parsed, due)
            for sheet in sheet_rows(store.connection, ids):
                writer.writerow([_safe(cell) for cell in sheet_row(sheet, tz)])
                count += 1
    finally:
        wrapper.detach()  # the caller owns `handle`
    return count


def export_file(store: Store, path: Path, text: str, now: datetime, tz: tzinfo) -> int:
    """Write the CSV to `path` (mode 0600), replacing it only once it is complete."""
    if path.is_dir():
        raise UserError(f"{path} is a folder; give a file name, e.g. {path / 'people.csv'}.")
    if not path.parent.is_dir():
        raise UserError(f"The folder {path.parent} does not exist; create it or choose another.")
    from kith.store.files import staged  # tempfile and shutil: only when writing a file

    with staged(path) as staging, staging.open("wb") as handle:
        return write_csv(store, handle, text, now, tz)


def people(store: Store, ids: list[int]) -> Iterator[Person]:
    """These people with their whole cards, 500 at a time (what `row` writes from)."""
    for chunk in chunks(ids):
        yield from store.people.load(chunk, detail=True)


def sheet_row(sheet: SheetRow, tz: tzinfo) -> list[str]:
    """One person's cells, in the order of HEADERS, from the few columns the export reads:
    `row`'s cells without a Person (tests/test_csv_rows.py holds them alike)."""
    values = _kinds(sheet.identities)
    emails = [*values.get("email", ()), "", ""]
    phones = [*values.get("phone", ()), "", ""]
    month, day, year = sheet.birthday
    last = sheet.last_contact_at
    met = [sheet.how_met, sheet.met_where, sheet.met_event]
    if sheet.met_through is not None:
        met.append(f"through {sheet.met_through}")
    return [
        sheet.name,
        sheet.given_name or "",
        sheet.family_name or "",
        *emails[:2],
        *phones[:2],
        sheet.company or "",
        sheet.title or "",
        ", ".join(sorted(sheet.tags, key=str.casefold)),
        Birthday(month, day, year).text() if month and day else "",
        sheet.city or "",
        sheet.country or "",
        "; ".join(dict.fromkeys(part for part in met if part)),
        from_utc_text(last).astimezone(tz).date().isoformat() if last else "",
        next(iter(values.get("linkedin", ())), ""),
        "\n\n".join(sheet.notes),
    ]


def row(person: Person, tz: tzinfo) -> list[str]:
    """One person's cells, in the order of HEADERS, from the whole person (the path before
    issue 15, kept as the reference `sheet_row` is tested against)."""
    values = _by_kind(person)
    emails = [*values.get("email", ()), "", ""]
    phones = [*values.get("phone", ()), "", ""]
    address = person.addresses[0] if person.addresses else None
    last = person.last_contact_at
    return [
        person.name,
        person.given_name or "",
        person.family_name or "",
        *emails[:2],
        *phones[:2],
        person.company or "",
        person.title or "",
        ", ".join(person.tags),
        person.birthday.text() if person.birthday else "",
        (address.city or "") if address else "",
        (address.country or "") if address else "",
        _how_met(person),
        last.astimezone(tz).date().isoformat() if last else "",
        next(iter(values.get("linkedin", ())), ""),
        "\n\n".join(note.text for note in person.notes),
    ]


def _by_kind(person: Person) -> dict[str, list[str]]:
    """Each kind's values: an unverified phone as written."""
    return _kinds((i.kind, i.value if i.verified else i.raw, i.shared) for i in person.identities)


def _kinds(identities: Iterable[tuple[str, str, bool]]) -> dict[str, list[str]]:
    """Each kind's values in one pass: their own before shared ones (a switchboard, a fax), in
    card order."""
    own: dict[str, list[str]] = {}
    shared: dict[str, list[str]] = {}
    for kind, text, is_shared in identities:
        (shared if is_shared else own).setdefault(kind, []).append(text)
    for kind, values in shared.items():
        own.setdefault(kind, []).extend(values)
    return own


def _how_met(person: Person) -> str:
    parts = [person.how_met, person.met_where, person.met_event]
    if person.met_through:
        parts.append(f"through {person.met_through.name}")
    return "; ".join(dict.fromkeys(part for part in parts if part))


def _safe(cell: str) -> str:
    """A cell a spreadsheet would run as a formula (`=...`, `@...`, `-2+cmd|...`) gets a leading
    `'`, so text imported from elsewhere cannot run anything; numbers and phones stay as given."""
    if cell and cell[0] in _FORMULA_START and not _NUMBER_LIKE.fullmatch(cell):
        return "'" + cell
    return cell
