"""Reading vCard 2.1, 3.0 and 4.0 files: one PersonRecord per card, a Skipped per bad card."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kith.errors import UserError
from kith.identities import email, linkedin, normalise, url
from kith.records import (
    Address,
    Birthday,
    Identity,
    Job,
    NoteRecord,
    OrganisationRecord,
    PersonRecord,
    Record,
    Skipped,
)
from kith.sources.vcard_text import Card, CardError, Line, cards, sniff_text
from kith.sources.vcard_values import components, label_of, render, unescape, values
from kith.vocab import NOTE_KINDS

REVIEW_TAG = "check-encoding"  # 8-bit text with no charset, read as best it could be: check it
SYSTEM_GROUPS = frozenset({"my contacts", "mycontacts", "* mycontacts"})
DROPPED = frozenset({"VERSION", "PRODID", "REV"})
NAMING = frozenset({"FN", "N", "ORG", "NICKNAME"})
SNIFF_LINES, STRAY_LINES = 20, 2
CARD_LINES = 5_000  # a card longer than this is no one's address book entry: skipped, and said
KITH_KIND, KITH_CREATED = "X-KITH-KIND", "X-KITH-CREATED"
KEEPS_EXTRA = "vcard_extra" in {f.name for f in fields(PersonRecord)}
_SNIFF = re.compile(r"^(?:[\w-]+\.)?BEGIN\s*:\s*VCARD", re.IGNORECASE)
_MAIL_FIELD = re.compile(r"^[!-9;-~]+:\s")  # `Name: value`: mail, not a stray vCard line
_DATE = re.compile(r"^(?:(\d{4})|-)-?(\d\d)-?(\d\d)(?:T.*)?$")
_LINKEDIN = re.compile(r"linkedin\.com/", re.IGNORECASE)

Mapped = tuple[PersonRecord, tuple[str, ...]]  # the record, and the lines Kith has no field for


def sniff(head: bytes, path: Path) -> bool:
    """BEGIN:VCARD after an optional byte-order mark, white space and at most two stray lines
    (some phones write a title, or a lone `ENCODING:UTF-8`, first; mail headers and mbox
    `From ` lines are not stray)."""
    lines = [line.strip() for line in sniff_text(head).splitlines()[:SNIFF_LINES] if line.strip()]
    for line in lines[: STRAY_LINES + 1]:
        if _SNIFF.match(line):
            return True
        if _MAIL_FIELD.match(line) or line.startswith("From "):
            return False
    return False


def read(path: Path) -> Iterator[Record]:
    """A PersonRecord for each card (in file order); a Skipped for each card that cannot be read."""
    for item in read_cards(path):
        yield item if isinstance(item, Skipped | OrganisationRecord) else with_extra(*item)


def with_extra(record: PersonRecord, extra: tuple[str, ...]) -> PersonRecord:
    """The record carrying its unmapped lines, once PersonRecord has a `vcard_extra` field."""
    kept: dict[str, Any] = {"vcard_extra": extra}
    return replace(record, **kept) if KEEPS_EXTRA and extra else record


def read_cards(path: Path) -> Iterator[Mapped | OrganisationRecord | Skipped]:
    """Each card as its record and the lines no field holds, or as why it was skipped."""
    data = path.read_bytes()
    stamp = datetime.fromtimestamp(int(path.stat().st_mtime), UTC)
    count = 0
    for card in cards(data):
        count += 1
        yield _mapped(card, f"{path.name}: card {card.number} (line {card.line})", stamp)
    if not count:
        raise UserError(
            f"{path} has no vCard in it (no BEGIN:VCARD line); say what the file is with --as."
        )


def _mapped(card: Card, where: str, stamp: datetime) -> Mapped | OrganisationRecord | Skipped:
    if card.problem:
        return Skipped(where, card.problem)
    if len(card.lines) > CARD_LINES:
        return Skipped(
            where,
            f"it has {len(card.lines):,} lines, more than the {CARD_LINES:,} Kith reads as one "
            "person (split the card, or remove what is not about them)",
        )
    try:
        return CardReader(card.lines, stamp).read()
    except CardError as error:
        return Skipped(where, str(error))


class CardReader:
    """One card's lines mapped onto Kith's fields; what no field holds is kept as lines."""

    def __init__(self, lines: list[Line], stamp: datetime) -> None:
        self.lines = lines
        self.stamp = stamp
        self.labels = {
            line.group.lower(): unescape(line.value)
            for line in lines
            if line.name == "X-ABLABEL" and line.group
        }
        self.used: set[int] = set()  # lines mapped onto a field
        self.kept: set[int] = set()  # mapped lines kept all the same, for what no field holds

    def read(self) -> Mapped | OrganisationRecord:
        fn, uid, parts = self._text("FN"), self._text("UID"), self._name_parts()
        identities = self._identities()
        jobs = self._jobs()
        if jobs and (self._shown_as_company() or not (fn or any(parts))):
            domain = next((_domain(i) for i in identities if _domain(i)), None)
            return OrganisationRecord(uid or self._content_hash(), jobs[0].organisation, domain)
        name = _display_name(fn, parts, jobs, identities)
        if not name:
            raise CardError("it has no name: no FN, N, ORG or e-mail address")
        record = PersonRecord(
            source_id=uid or self._content_hash(),
            name=name,
            uid=uid or None,
            given_name=parts[1],
            family_name=parts[0],
            additional_names=parts[2],
            prefix=parts[3],
            suffix=parts[4],
            nickname=self._nickname(),
            birthday=self._birthday(),
            identities=identities,
            tags=self._tags(),
            addresses=self._addresses(),
            jobs=jobs,
            notes=self._notes(),
        )
        return record, self._extra()

    def _shown_as_company(self) -> bool:
        """Apple Contacts' mark of a company's card."""
        return any(
            unescape(line.value).strip().upper() == "COMPANY"
            for _, line in self._each("X-ABSHOWAS")
        )

    def _each(self, *names: str) -> Iterator[tuple[int, Line]]:
        return ((i, line) for i, line in enumerate(self.lines) if line.name in names)

    def _first(self, name: str) -> Line | None:
        """The first such line, now mapped (any further ones stay as extra lines)."""
        for index, line in self._each(name):
            self.used.add(index)
            return line
        return None

    def _text(self, name: str) -> str:
        line = self._first(name)
        return unescape(line.value).strip() if line else ""

    def _nickname(self) -> str | None:
        line = self._first("NICKNAME")
        return ", ".join(v.strip() for v in values(line.value) if v.strip()) if line else None

    def _name_parts(self) -> list[str | None]:
        """N: family, given, additional, prefix, suffix (fewer or more parts are accepted)."""
        for index, line in self._each("N"):
            self.used.add(index)
            parts = components(line.value) + [[]] * 5
            joiners = (" ", " ", " ", ", ", ", ")
            return [_joined(part, joiner) for part, joiner in zip(parts, joiners, strict=False)]
        return [None] * 5

    def _identities(self) -> tuple[Identity, ...]:
        found: dict[Identity, None] = {}  # in order, each once (a set would lose the order)
        kinds = ("EMAIL", "TEL", "URL", "X-SOCIALPROFILE", "X-KITH-HANDLE")
        for index, line in self._each(*kinds):
            identity = _identity(line, label_of(line, self.labels))
            if identity is not None and identity not in found:
                found[identity] = None
                self.used.add(index)
        return tuple(found)

    def _addresses(self) -> tuple[Address, ...]:
        found: dict[Address, None] = {}
        for index, line in self._each("ADR"):
            parts = [_joined(part, ", ") for part in components(line.value)] + [None] * 7
            box, extended, street, city, region, postcode, country = parts[:7]
            lines = ", ".join(p for p in (street, extended, box) if p) or None
            address = Address(label_of(line, self.labels), lines, city, region, postcode, country)
            if any((lines, city, region, postcode, country)) and address not in found:
                found[address] = None
                self.used.add(index)
        return tuple(found)

    def _jobs(self) -> tuple[Job, ...]:
        """The current job: the first ORG, with the TITLE of its group (else the first TITLE).

        Kith holds one current job, so other ORG and TITLE lines stay as lines; an ORG with
        departments is kept as well, and the export writes it back in place of its own.
        """
        for index, line in self._each("ORG"):
            parts = components(line.value)
            organisation = _joined(parts[0], ", ")
            if organisation:
                self.used.add(index)
                if any(_joined(part, ", ") for part in parts[1:]):
                    self.kept.add(index)
                return (Job(organisation, self._title(line.group)),)
        return ()

    def _title(self, group: str | None) -> str | None:
        titles = list(self._each("TITLE"))
        chosen = next((t for t in titles if t[1].group == group), titles[0] if titles else None)
        if chosen is None:
            return None
        self.used.add(chosen[0])
        return unescape(chosen[1].value).strip() or None

    def _birthday(self) -> Birthday | None:
        for index, line in self._each("BDAY"):
            birthday = parse_birthday(line)
            if birthday is not None:
                self.used.add(index)
                return birthday
        return None

    def _tags(self) -> tuple[str, ...]:
        tags: list[str] = []
        known = set(SYSTEM_GROUPS)
        for index, line in self._each("CATEGORIES"):
            self.used.add(index)
            for tag in (v.strip() for v in values(line.value)):
                if tag and tag.casefold() not in known:
                    tags.append(tag)
                    known.add(tag.casefold())
        if any(line.fallback for line in self.lines):
            tags.append(REVIEW_TAG)
        return tuple(tags)

    def _notes(self) -> tuple[NoteRecord, ...]:
        notes: dict[NoteRecord, None] = {}
        default = _instant(self._revision()) or self.stamp
        for index, line in self._each("NOTE"):
            text = unescape(line.value)
            kind = (line.param(KITH_KIND) or "note").lower()
            if text.strip():
                self.used.add(index)
                created = _instant(line.param(KITH_CREATED)) or default
                note = NoteRecord(kind if kind in NOTE_KINDS else "note", text, created)
                notes.setdefault(note, None)
        return tuple(notes)

    def _revision(self) -> str | None:
        return next((line.value.strip() for _, line in self._each("REV")), None)

    def _extra(self) -> tuple[str, ...]:
        mapped_groups = {
            (line.group or "").lower()
            for i, line in enumerate(self.lines)
            if i in self.used and line.group
        }
        return tuple(
            render(line)
            for i, line in enumerate(self.lines)
            if (i not in self.used or i in self.kept)
            and line.name not in DROPPED
            and not (line.name == "X-ABLABEL" and (line.group or "").lower() in mapped_groups)
        )

    def _content_hash(self) -> str:
        digest = hashlib.sha256()
        for line in self.lines:
            if line.name != "REV":
                digest.update(f"{line.group}|{line.name}|{sorted(line.params.items())}|".encode())
                digest.update(line.value.encode() + b"\n")
        return "sha256:" + digest.hexdigest()[:32]


def _joined(part: list[str], joiner: str) -> str | None:
    return joiner.join(p.strip() for p in part if p.strip()) or None


def _display_name(
    fn: str, parts: list[str | None], jobs: tuple[Job, ...], identities: tuple[Identity, ...]
) -> str:
    """FN, else N in reading order, else the organisation, else an e-mail address."""
    family, given, additional, prefix, suffix = parts
    from_n = " ".join(p for p in (prefix, given, additional, family, suffix) if p)
    mail = next((i.raw for i in identities if i.kind == "email"), "")
    return " ".join((fn or from_n or (jobs[0].organisation if jobs else "") or mail).split())


def _identity(line: Line, label: str | None) -> Identity | None:
    raw = unescape(line.value).strip()
    if not raw:
        return None
    if line.name == "TEL":
        number = raw[4:] if raw.lower().startswith("tel:") else raw
        return Identity("phone", "", number, label)
    if line.name == "X-KITH-HANDLE":
        return Identity("handle", normalise("handle", raw).value, raw, label)
    try:
        if line.name == "EMAIL":
            return Identity("email", email(raw), raw.removeprefix("mailto:"), label)
        if _LINKEDIN.search(raw):
            return Identity("linkedin", linkedin(raw), raw, _without(label, "linkedin"))
        return Identity("url", url(raw), raw, label) if line.name == "URL" else None
    except UserError:
        return None  # not an address Kith can hold: the line is kept as it was


def _domain(identity: Identity) -> str | None:
    """The domain of an e-mail address or a web site, for an organisation."""
    if identity.kind == "email":
        return identity.value.rpartition("@")[2] or None
    if identity.kind == "url":
        host = identity.value.split("//", 1)[-1].split("/", 1)[0].lower()
        return host.removeprefix("www.") or None
    return None


def _without(label: str | None, word: str) -> str | None:
    return " ".join(w for w in (label or "").split() if w != word) or None


def parse_birthday(line: Line) -> Birthday | None:
    """`1980-03-22`, `19800322`, `--0322`, `--03-22`, a date-time; Apple's year 1604 means none."""
    match = _DATE.match(line.value.strip())
    if match is None or (line.param("VALUE") or "").lower() == "text":
        return None
    year = int(match.group(1)) if match.group(1) else None
    if year is not None and (year == 0 or str(year) == line.param("X-APPLE-OMIT-YEAR")):
        year = None
    try:
        datetime(year or 2000, int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    return Birthday(int(match.group(2)), int(match.group(3)), year)


def _instant(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
