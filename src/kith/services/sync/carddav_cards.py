"""What travels between a person and a server card, and the content hash that says whether a
card changed in any way Kith can see.

Kith writes a person's card with the vCard export (`services.exports.vcard_export.card_text`) and
reads a server's card with the vCard importer's reader (`sources.vcard.CardReader`), so a card means
the same here as in a file. What travels: the name and its parts, nickname, birthday, e-mail
addresses, phones, web and LinkedIn URLs, other handles (as X-KITH-HANDLE), postal addresses,
the current job (ORG, TITLE), tags (CATEGORIES) and every line of the server's card Kith has no
field for (kept verbatim and written back). What stays local: interactions, notes (unless the
source says `notes: true`; then each NOTE carries X-KITH-KIND and X-KITH-CREATED), how and where
you met, who introduced you, closeness, depth, cadences, pins and mutes, interests, needs and
offers, past jobs. A server's own NOTE stays a line of the card when notes do not travel, so
Kith never drops it. A kept binary line whose base64 does not decode (an old Android PHOTO) does
not travel either: a server refuses the whole card for it; the run says so and Kith keeps it.

The content hash is taken over the card as the reader maps it (fields, and the kept lines
normalised), never its bytes: a card another client re-serialises (properties reordered,
lines refolded, parameters respelt) hashes the same, so it is not taken for a change.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, replace
from datetime import datetime

from kith.model import Person
from kith.records import PersonRecord
from kith.services.exports.vcard_export import card_text
from kith.sources.vcard import CardReader
from kith.sources.vcard_text import CardError, cards, parse_line
from kith.sources.vcard_values import content_line, escape


@dataclass(frozen=True)
class Parsed:
    """A card as Kith reads it: the record (None for a company's card or an unreadable one),
    the lines no field holds, and the content hash."""

    text: str
    record: PersonRecord | None
    extra: tuple[str, ...]
    hash: str

    @property
    def uid(self) -> str | None:
        return self.record.uid if self.record else None


def outgoing(person: Person, now: datetime, *, notes: bool) -> str:
    """The card Kith sends for `person`: the export's card, less notes unless they travel, and
    less the kept lines a server would refuse (`unsendable`), which stay in Kith."""
    sent = person if notes or not person.notes else replace(person, notes=[])
    refused = unsendable(person)
    if refused:
        sent = replace(sent, vcard_extra=[x for x in person.vcard_extra if x not in refused])
    return card_text(sent, now)


def unsendable(person: Person) -> list[str]:
    """The kept lines of `person`'s card that a server refuses the whole card for: a binary
    value (ENCODING=b: a PHOTO, LOGO, KEY or SOUND) whose base64 does not decode. Trial 5: a
    corpus Android card's PHOTO got a 400 from Radicale (vobject decodes it) on every run."""
    return [line for line in person.vcard_extra if _undecodable(line)]


def _undecodable(line: str) -> bool:
    if "ENCODING=" not in line[: line.find(":")].upper():  # most lines: not parsed
        return False
    try:
        parsed = parse_line(0, line.encode("utf-8"), unicode=True)
    except CardError:
        return False
    if parsed.param("ENCODING") != "b":
        return False
    try:
        base64.b64decode(parsed.value)  # not strict: what vobject, so Radicale, accepts
    except ValueError:  # binascii.Error is one, as is a character outside ASCII
        return True
    return False


def property_names(lines: list[str]) -> str:
    """The properties of kept lines, as a card names them: "PHOTO", "PHOTO, LOGO"."""
    names = (line.partition(":")[0].split(";")[0].split(".")[-1].upper() for line in lines)
    return ", ".join(dict.fromkeys(names))


def parse(text: str, now: datetime, *, notes: bool) -> Parsed:
    """A card's text read as the vCard importer reads a file's card."""
    found = next(iter(cards(text.encode("utf-8"))), None)
    if found is None or found.problem:
        return Parsed(text, None, (), _digest(["unreadable", text]))
    try:
        mapped = CardReader(found.lines, now).read()
    except CardError:
        return Parsed(text, None, (), _digest(["unreadable", text]))
    if not isinstance(mapped, tuple):  # a company's own card: not a person, left alone
        return Parsed(text, None, (), _digest(["organisation", text]))
    record, extra = mapped
    if not notes and record.notes:  # the server's notes stay lines of its card
        kept = tuple(content_line("NOTE", escape(n.text)) for n in record.notes)
        record, extra = replace(record, notes=()), extra + kept
    record = replace(record, vcard_extra=extra)
    return Parsed(text, record, extra, content_hash(record, extra))


def content_hash(record: PersonRecord, extra: tuple[str, ...]) -> str:
    """The hash of what the card says, in the reader's terms."""
    birthday = record.birthday
    shape = [
        [record.name, record.given_name, record.family_name, record.additional_names],
        [record.prefix, record.suffix, record.nickname],
        [birthday.month, birthday.day, birthday.year] if birthday else None,
        sorted([i.kind, i.raw.strip(), i.label or ""] for i in record.identities),
        sorted(tag.casefold() for tag in record.tags),
        sorted(
            [a.label, a.street, a.city, a.region, a.postcode, a.country] for a in record.addresses
        ),
        [[j.organisation, j.title] for j in record.jobs],
        sorted([n.kind, n.text] for n in record.notes),
        sorted(_normal(line) for line in extra),
    ]
    return _digest(shape)


def _normal(line: str) -> str:
    """A kept line with its group, name and parameters spelt one way."""
    try:
        parsed = parse_line(0, line.encode("utf-8"), unicode=True)
    except CardError:
        return line
    params = sorted((k, sorted(v.lower() for v in vs)) for k, vs in parsed.params.items())
    return json.dumps([(parsed.group or "").lower(), parsed.name, params, parsed.value])


def text_hash(text: str) -> str:
    """The hash of a card's exact text."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _digest(shape: object) -> str:
    return hashlib.sha256(json.dumps(shape, ensure_ascii=False).encode()).hexdigest()[:32]
