"""Shared by the contact CSV readers: decoding, cells by column name, building a person."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kith import identities
from kith.errors import UserError
from kith.model import Address, Birthday, Identity, Job
from kith.names import fold
from kith.records import NoteRecord, PersonRecord, Skipped

if TYPE_CHECKING:
    from _csv import Reader

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
MULTI = " ::: "  # Google's separator for several values in one cell
NO_DATE = frozenset({"0.0.00", "00.00.0000", "1/1/1601", "01/01/1601", "1.1.1601", "01.01.1601"})
_NUMBERED = re.compile(r"^(.+?) (\d+) - (.+)$")
_LABEL_PARTS = ("type", "label", "service")
_SPECIAL = (*_LABEL_PARTS, "value")
_SAMPLE = 4096


def encoding_of(data: bytes, *, complete: bool = True) -> str:
    """The codec to read `data` with; `complete=False` for the head of a longer file.

    The order in the formats notes: a byte-order mark; UTF-16 without one when every other byte
    is zero; valid UTF-8; else windows-1252.
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            return codec
    sample = data[:_SAMPLE]
    # checked before UTF-8: zero bytes are valid UTF-8, but no text file holds them
    if _mostly_zero(sample[1::2]) and not _mostly_zero(sample[0::2]):
        return "utf-16-le"
    if _mostly_zero(sample[0::2]) and not _mostly_zero(sample[1::2]):
        return "utf-16-be"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=complete)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _mostly_zero(half: bytes) -> bool:
    return len(half) > 1 and half.count(0) >= 0.9 * len(half)


def decode(data: bytes, *, complete: bool = True) -> str:
    decoder = codecs.getincrementaldecoder(encoding_of(data, complete=complete))("replace")
    return str(decoder.decode(data, final=complete))


def column_key(name: str) -> str:
    """How column names are compared: no BOM, case-folded, white space collapsed."""
    return " ".join(name.replace("\ufeff", "").split()).casefold()


def header_of(head: bytes) -> list[str]:
    """The column names on the first line of a file's head, whatever its encoding."""
    try:
        first = next(csv.reader(io.StringIO(decode(head, complete=False), newline="")), [])
    except csv.Error:
        return []
    return [column_key(name) for name in first]


@dataclass(frozen=True)
class Row:
    where: str  # "contacts.csv:12", the line the row starts on
    cells: dict[str, str]  # column key → value, non-empty cells only


@dataclass(frozen=True)
class Table:
    names: dict[str, str]  # column key → the column's name as the file writes it
    rows: list[Row | Skipped]


def read_table(path: Path, rename: Callable[[str], str] = column_key) -> Table:
    """Every row of the CSV at `path`; `rename` maps a column name to the key rows use."""
    text = decode(path.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, [])
    except csv.Error as exc:  # e.g. a quote never closed: the header runs on past the limit
        raise UserError(
            f"{path.name}:1: the header line is not readable as CSV ({exc}); check that its "
            "quotes are closed, or export the contacts again."
        ) from None
    keys = [rename(name) for name in header]
    names = {rename(name): " ".join(name.replace("\ufeff", "").split()) for name in header}
    if not any(keys):
        raise UserError(f"{path}: the file is empty; export the contacts again.")
    return Table(names, list(_rows(reader, keys, path.name)))


def _rows(reader: Reader, keys: list[str], name: str) -> Iterator[Row | Skipped]:
    while True:
        where = f"{name}:{reader.line_num + 1}"
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Skipped(where, f"not readable as CSV ({exc})")
            continue
        if any(cell.strip() for cell in cells[len(keys) :]):
            yield Skipped(where, f"{len(cells)} fields where the header has {len(keys)}")
            continue
        values = {k: v.strip() for k, v in zip(keys, cells, strict=False) if k and v.strip()}
        if values:
            yield Row(where, values)


def multi(cell: str | None, separator: str = MULTI) -> list[str]:
    """The values of a cell holding several (`a ::: b`), stripped, empty ones dropped."""
    return [part.strip() for part in (cell or "").split(separator) if part.strip()]


class Cells:
    """A row's cells, taken by the reader as it understands them; the rest are `leftovers`,
    kept as `Column: value` lines in a note so that nothing in the file is lost."""

    def __init__(self, row: Row, names: dict[str, str]) -> None:
        self.left = dict(row.cells)
        self.names = names

    def take(self, *keys: str) -> str | None:
        """The first non-empty cell among `keys`; all of them count as read."""
        found = [self.left.pop(key) for key in keys if key in self.left]
        return found[0] if found else None

    def drop(self, key: str, *defaults: str) -> None:
        """Forget a cell that holds only a default (`Normal`), or any value if none are given."""
        if key in self.left and (not defaults or self.left[key].casefold() in defaults):
            del self.left[key]

    def numbered(self, kind: str, parts: Iterable[str]) -> list[dict[str, str]]:
        """Takes `kind N - part` cells: one dict of part → value per N, in order of N."""
        found: dict[int, dict[str, str]] = defaultdict(dict)
        for key in list(self.left):
            match = _NUMBERED.match(key)
            if match and match.group(1) == kind and match.group(3) in parts:
                found[int(match.group(2))][match.group(3)] = self.left.pop(key)
        return [found[n] for n in sorted(found)]

    def leftovers(self) -> list[str]:
        """`Column: value` lines; a numbered group reads `Relation (Spouse): Ada`."""
        lines, groups = [], defaultdict[tuple[str, int], dict[str, str]](dict)
        for key, value in self.left.items():
            match = _NUMBERED.match(self.names.get(key, key))
            if match:
                groups[(match.group(1), int(match.group(2)))][match.group(3)] = value
            else:
                lines.append(f"{self.names.get(key, key)}: {value}")
        for (kind, _), parts in groups.items():
            lines.extend(_group_lines(kind, parts))
        return lines


def _group_lines(kind: str, parts: dict[str, str]) -> list[str]:
    """`Relation (Spouse): Ada`, `Pronouns: she/her` for a custom field, `Kind Part: value`."""
    found = {part.casefold(): value for part, value in parts.items()}
    label = " / ".join(found[p] for p in _LABEL_PARTS if p in found)
    lines = [f"{kind} {p}: {v}" for p, v in parts.items() if p.casefold() not in _SPECIAL]
    if "value" not in found:
        return lines
    if kind.casefold() == "custom field" and label:
        return [f"{label}: {found['value']}", *lines]
    return [f"{kind} ({label}): {found['value']}" if label else f"{kind}: {found['value']}", *lines]


@dataclass
class Draft:
    """What one row says about a person, gathered before the person is named."""

    where: str
    name: str | None = None
    given_name: str | None = None
    additional_names: str | None = None
    family_name: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    nickname: str | None = None
    company: str | None = None
    birthday: Birthday | None = None
    identities: list[Identity] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    jobs: list[Job] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)  # `Column: value` lines

    def add_email(self, raw: str, label: str | None, column: str) -> None:
        try:
            identities.email(raw)
        except UserError:
            self.extra.append(f"{column}: {raw}")
            return
        self.identities.append(Identity("email", "", raw, label))

    def add_phone(self, raw: str, label: str | None, shared: bool = False) -> None:
        """Kept as written: the importer reads it as a number, or keeps it raw, unverified."""
        self.identities.append(Identity("phone", "", raw, label, shared))

    def add_web(self, raw: str, label: str | None, column: str) -> None:
        kind = "linkedin" if "linkedin.com/" in raw.casefold() else "url"
        check = identities.linkedin if kind == "linkedin" else identities.url
        try:
            check(raw)
        except UserError:
            self.extra.append(f"{column}: {raw}")
            return
        self.identities.append(Identity(kind, "", raw, label))

    def add_birthday(self, text: str | None, column: str) -> None:
        try:
            self.birthday = birthday(text) or self.birthday
        except ValueError:
            self.extra.append(f"{column}: {text}")


def birthday(text: str | None) -> Birthday | None:
    """`1990-05-17`, `--05-17`, `5/17/1990` (US, or D/M when the first number is over 12),
    `17.05.1990`; None when empty or Outlook's no-date (`0.0.00`, `1/1/1601`)."""
    value = (text or "").strip()
    if not value or value in NO_DATE:
        return None
    if "/" in value or "." in value:
        numbers = [int(p) for p in re.split(r"[/.]", value) if p.isdigit()]
        if len(numbers) != 3 or not all(numbers):
            raise ValueError(value)
        first, second, year = numbers
        if year < 100:
            raise ValueError(value)  # a two-digit year: which century is a guess
        month, day = (first, second) if "/" in value and first <= 12 else (second, first)
        return Birthday.parse(f"{year:04d}-{month:02d}-{day:02d}")
    return Birthday.parse(value)


def finish(draft: Draft, noted_at: datetime) -> PersonRecord | Skipped:
    """The person a draft describes, or why it cannot be one (no name, e-mail or phone)."""
    name, named = _display_name(draft)
    if not name:
        return Skipped(draft.where, "no name, e-mail or phone")
    texts = [*draft.notes, "\n".join(draft.extra)] if draft.extra else draft.notes
    given = draft.given_name
    if given is None and (draft.family_name is not None or not named):
        given = ""  # not None: the importer would split the display name into given and family
    return PersonRecord(
        source_id=source_id(name, draft.identities),
        name=name,
        given_name=given,
        family_name=draft.family_name,
        additional_names=draft.additional_names,
        prefix=draft.prefix,
        suffix=draft.suffix,
        nickname=draft.nickname,
        birthday=draft.birthday,
        identities=tuple(draft.identities),
        tags=tuple(dict.fromkeys(draft.tags)),
        interests=tuple(dict.fromkeys(draft.interests)),
        addresses=tuple(dict.fromkeys(draft.addresses)),
        jobs=tuple(dict.fromkeys(draft.jobs)),
        notes=tuple(NoteRecord("note", text, noted_at) for text in texts),
    )


def _display_name(draft: Draft) -> tuple[str, bool]:
    """The name, and whether it is the person's own (not made from a company and a number)."""
    parts = (draft.given_name, draft.additional_names, draft.family_name, draft.suffix)
    own = draft.name or " ".join(p for p in parts if p) or draft.nickname
    if own:
        return " ".join(own.split()), True
    contacts = [i.raw for kind in ("email", "phone") for i in draft.identities if i.kind == kind]
    if not contacts:
        return "", False
    return (f"{draft.company} ({contacts[0]})" if draft.company else contacts[0]), False


def source_id(name: str, found: Iterable[Identity]) -> str:
    """A hash of the name and the first e-mail (else phone): the same in every re-export."""
    by_kind = {i.kind: i.raw for i in reversed(list(found))}
    contact = by_kind.get("email", "").casefold() or _phone_key(by_kind.get("phone", ""))
    digest = hashlib.sha256(f"{fold(name)}\n{contact}".encode()).hexdigest()
    return digest[:24]


def _phone_key(raw: str) -> str:
    digits = re.sub(r"[^\d+]", "", raw)
    return digits or raw.strip().casefold()


def share_repeated_phones(found: list[PersonRecord | Skipped]) -> list[PersonRecord | Skipped]:
    """A phone on several people in one file (a family's landline) is shared by them all."""
    owners: dict[str, set[str]] = defaultdict(set)
    for record in found:
        if isinstance(record, PersonRecord):
            for phone in (i for i in record.identities if i.kind == "phone"):
                owners[_phone_key(phone.raw)].add(record.source_id)
    repeated = {key for key, ids in owners.items() if len(ids) > 1}
    if not repeated:
        return found
    return [_sharing(r, repeated) if isinstance(r, PersonRecord) else r for r in found]


def _sharing(record: PersonRecord, repeated: set[str]) -> PersonRecord:
    shared = tuple(
        replace(i, shared=True) if i.kind == "phone" and _phone_key(i.raw) in repeated else i
        for i in record.identities
    )
    return replace(record, identities=shared)


def modified_at(path: Path) -> datetime:
    """When the file was written, to the second: the date of the notes it brings."""
    return datetime.fromtimestamp(int(path.stat().st_mtime), UTC)


def read_people(
    path: Path,
    draft: Callable[[Row, dict[str, str]], Draft],
    rename: Callable[[str], str] = column_key,
) -> Iterator[PersonRecord | Skipped]:
    """Every row of a contacts CSV through `draft`, finished; phones a file gives several
    differently named people are marked shared (Google and Outlook alike)."""
    table = read_table(path, rename)
    noted_at = modified_at(path)
    found: list[PersonRecord | Skipped] = [
        row if isinstance(row, Skipped) else finish(draft(row, table.names), noted_at)
        for row in table.rows
    ]
    yield from share_repeated_phones(found)
