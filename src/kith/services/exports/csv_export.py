"""`kith export csv`: people as a spreadsheet, UTF-8 with a BOM and CRLF so Excel reads it."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, tzinfo
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from kith import query as query_language
from kith.clock import fixed_offset, from_utc_text
from kith.model import Person
from kith.services.browse import plan_inputs
from kith.services.exports.target_file import check_target
from kith.store import Store
from kith.store.exports.sheet_rows import LAST, MET, NOTES, TAGS, SheetChunk, sheet_chunks
from kith.store.listing import day_sql, person_ids
from kith.store.rows import chunks

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
_NUMBER = r"[+-]?[\s().\-/]*\d[\d\s().\-/]*"
_NUMBER_LIKE = re.compile(_NUMBER)
# in the cells joined by _SEPARATOR, one that `_safe` changes: starts with one of
# _FORMULA_START and is not a number to its end
_SEPARATOR = "\0"  # before each cell
_RISKY = re.compile(rf"\0(?=[{re.escape(_FORMULA_START)}])(?!{_NUMBER}(?:\0|\Z))")


def write_csv(store: Store, handle: BinaryIO, text: str, now: datetime, tz: tzinfo) -> int:
    """Write the people `text` selects to `handle`; returns how many rows were written."""
    parsed = query_language.parse(text, now)  # first: a bad query writes nothing
    due = plan_inputs(store, parsed, now)
    wrapper = io.TextIOWrapper(handle, encoding=ENCODING, newline="", write_through=True)
    count = 0
    try:
        wrapper.write(_lines([HEADERS]))
        with store.reading():
            ids = person_ids(store.connection, parsed, due)
            offset = fixed_offset(tz)
            last_sql = "p.last_contact_at" if offset is None else day_sql(offset)
            for chunk in sheet_chunks(store.connection, ids, last_sql):
                rows = sheet_cells(chunk, None if offset is not None else tz)
                wrapper.write(_lines(rows))
                count += len(rows)
    finally:
        wrapper.detach()  # the caller owns `handle`
    return count


def sheet_cells(chunk: SheetChunk, tz: tzinfo | None) -> list[list[str]]:
    """The chunk's rows with every cell in words, guarded (`_guarded`): the cells `row` writes,
    without a Person (tests/test_csv_rows.py holds them alike). `tz`: the zone to read each
    last contact in, None when the query gave it as a day."""
    rows = chunk.rows
    for cells, parts in chunk.met:
        cells[MET] = "; ".join(dict.fromkeys(part for part in parts if part))
    for cells, names in chunk.tags:
        cells[TAGS] = ", ".join(sorted(names, key=str.casefold))
    for cells, texts in chunk.notes:
        cells[NOTES] = "\n\n".join(texts)
    if tz is not None:
        for cells in rows:
            last = cells[LAST]
            cells[LAST] = from_utc_text(last).astimezone(tz).date().isoformat() if last else ""
    return _guarded(rows)


def _lines(rows: Iterable[Sequence[str]]) -> str:
    """The rows as CSV text, each line ended by CRLF."""
    text = io.StringIO(newline="")
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    return text.getvalue()


def _guarded(rows: list[list[str]]) -> list[list[str]]:
    """The rows with `_safe` applied to every cell, found in one search of all the cells
    joined when none needs it (a NUL in a cell, which could hide one, is looked at cell by
    cell)."""
    joined = _SEPARATOR.join(chain(("",), chain.from_iterable(rows)))
    if joined.count(_SEPARATOR) == len(rows) * len(HEADERS) and not _RISKY.search(joined):
        return rows
    return [[_safe(cell) for cell in cells] for cells in rows]


def export_file(store: Store, path: Path, text: str, now: datetime, tz: tzinfo) -> int:
    """Write the CSV to `path` (mode 0600), replacing it only once it is complete."""
    check_target(path, f"give a file name, e.g. {path / 'people.csv'}.")
    from kith.store.files import staged  # tempfile and shutil: only when writing a file

    with staged(path) as staging, staging.open("wb") as handle:
        return write_csv(store, handle, text, now, tz)


def people(store: Store, ids: list[int]) -> Iterator[Person]:
    """These people with their whole cards, 500 at a time (what `row` writes from)."""
    for chunk in chunks(ids):
        yield from store.people.load(chunk, detail=True)


def row(person: Person, tz: tzinfo) -> list[str]:
    """One person's cells, in the order of HEADERS, from the whole person (the path before
    issue 15, kept as the reference `sheet_cells` is tested against)."""
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
