"""Everyone as vCard 3.0: one .vcf file, or a vdir of `<UID>.vcf` cards for khard and vdirsyncer."""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from kith.clock import to_utc_text
from kith.errors import UserError
from kith.names import split_name
from kith.services.exports.target_file import check_folder, check_target
from kith.sources.vcard_values import (
    FOLD_OCTETS,
    TYPE_WORDS,
    as_types,
    components,
    content_line,
    fold,
)
from kith.sources.vcard_values import escape as escape_value
from kith.store import Store
from kith.store.exports.card_texts import block_sql, card_block, card_texts
from kith.store.files import replace_bytes, staged, sync_directory
from kith.store.rows import chunks

if TYPE_CHECKING:  # the cards written here (few of them) import the rest as they need it
    from kith.model import Identity, Person

VERSION = "3.0"
PRODID = "-//Kith//Kith//EN"
SAFE_NAME = frozenset(string.ascii_letters + string.digits + "_.-+")  # vdirsyncer's own set
_PROPERTY = {"email": "EMAIL", "phone": "TEL", "url": "URL", "linkedin": "URL"}
_GROUP = re.compile(r"^([A-Za-z0-9-]+)\.")
_ORG = re.compile(r"^(?:[A-Za-z0-9-]+\.)?ORG[;:]", re.IGNORECASE)


def write_vcards(store: Store, handle: TextIO, now: datetime) -> int:
    """Every person's card to `handle`, in id order; returns how many."""
    count = after = 0
    with store.reading():
        sql = block_sql(store.connection, TYPES)
        while (block := card_block(store.connection, sql, after, BLOCK, PRODID, TYPES)) is not None:
            pieces, cards, after = block
            if not cards:
                return count
            built = _built(store, [i for i in pieces if isinstance(i, int)], now)
            written = "".join(built[p] if isinstance(p, int) else _folded(p) for p in pieces)
            handle.write(written.replace("\x00", ""))
            count += cards
        ids = store.people.all_ids()  # a card SQLite wrote holds a NUL: each card on its own
        for chunk in chunks(ids[bisect_right(ids, after) :]):
            texts = card_texts(store.connection, chunk, PRODID, TYPES)
            built = _built(store, [i for i, text in texts if text is None], now)
            written = "".join(built[i] if t is None else _folded(t) for i, t in texts)
            handle.write(written.replace("\x00", ""))
            count += len(texts)
    return count


BLOCK = 500  # cards SQLite writes as one text


def _built(store: Store, ids: list[int], now: datetime) -> dict[int, str]:
    """The cards of these people, written here from their Person."""
    return {p.id: card_text(p, now) for p in store.people.load(ids, detail=True)} if ids else {}


# each kind's TYPE words, as store.card_texts reads them
TYPES = tuple(f"{kind}:{word}" for kind, words in TYPE_WORDS.items() for word in sorted(words))


def _folded(text: str) -> str:
    """A card SQLite wrote, its lines folded at 75 octets (as `card_text` folds them)."""
    lines = text.split("\r\n")
    longest = max(map(len, lines))  # in characters: at most 4 octets each, 1 when ASCII
    if longest <= FOLD_OCTETS // 4 or (longest <= FOLD_OCTETS and text.isascii()):
        return text
    return "".join(f"{piece}\r\n" for line in lines[:-1] for piece in fold(line))


def export_vcards(store: Store, path: Path, now: datetime) -> int:
    """Write every card to `path` (mode 0600), replacing it only once it is complete."""
    check_target(path, f"give a file name, or use --vdir {path}.")
    with staged(path) as staging, staging.open("w", encoding="utf-8", newline="") as handle:
        return write_vcards(store, handle, now)


def write_vdir(store: Store, directory: Path, now: datetime) -> int:
    """One `<UID>.vcf` per person in `directory`; a card that did not change is left as it is.

    Each file is written beside its target and renamed over it (mode 0600). Files of people no
    longer in Kith are left alone: Kith never deletes what it did not just write.
    """
    _prepare(directory)
    count = 0
    with store.reading():
        for person in _everyone(store):
            replace_bytes(directory / file_name(person.uid), card_text(person, now).encode())
            count += 1
    sync_directory(directory)
    return count


def file_name(uid: str) -> str:
    """`<UID>.vcf` when the UID is safe in a file name (as vdirsyncer judges), else its hash."""
    if uid and set(uid) <= SAFE_NAME and not uid.startswith("."):
        return f"{uid}.vcf"
    import hashlib

    return f"{hashlib.sha1(uid.encode()).hexdigest()}.vcf"


def card_text(person: Person, now: datetime) -> str:
    """The person's card, folded at 75 octets, with CRLF line ends, never a NUL (one kept
    before Kith refused them: kith.controls), which ends a text for many a reader."""
    pieces: list[str] = []
    for line in card_lines(person, now):
        if len(line) <= FOLD_OCTETS // 4 or len(line.encode()) <= FOLD_OCTETS:
            pieces.append(line)  # what fold gives back as it is: most lines
        else:
            pieces += fold(line)
    pieces.append("")
    return "\r\n".join(pieces).replace("\x00", "")


_SPECIAL = frozenset("\\\n,;\r")  # what escape changes


def escape(text: str) -> str:
    """vcard_values.escape, without its five replaces for text that has none of what they
    replace (most names, e-mails and phones)."""
    return escape_value(text) if not _SPECIAL.isdisjoint(text) else text


def card_lines(person: Person, now: datetime) -> list[str]:
    from kith.sources.vcard import KITH_CREATED, KITH_KIND

    kept: list[str] = list(getattr(person, "vcard_extra", ()))
    groups = _Groups({m.group(1).lower() for line in kept if (m := _GROUP.match(line))})
    lines = ["BEGIN:VCARD", f"VERSION:{VERSION}", f"PRODID:{PRODID}", f"UID:{escape(person.uid)}"]
    lines += _name_lines(person)
    for identity in person.identities:
        lines += _identity_lines(identity, groups)
    lines += _address_lines(person, groups)
    lines += _job_lines(person, kept)
    if person.tags:
        lines.append("CATEGORIES:" + ",".join(escape(tag) for tag in person.tags))
    for note in person.notes:
        params = {KITH_KIND: [note.kind]} if note.kind != "note" else {}
        params[KITH_CREATED] = [to_utc_text(note.created_at)]
        lines.append(content_line("NOTE", escape(note.text), params))
    revised = person.updated_at or now
    return [*lines, *kept, f"REV:{to_utc_text(revised)}", "END:VCARD"]


def _name_lines(person: Person) -> list[str]:
    parts = [person.family_name, person.given_name, person.additional_names]
    parts += [person.prefix, person.suffix]
    if not any(parts):  # never split (a mail or chat import names them): N is required in 3.0,
        # and an address book that names a card by its N (Apple's) would show it nameless
        given, family = split_name(person.name)
        parts = [family, given, None, None, None]
    lines = [f"FN:{escape(person.name)}", "N:" + ";".join(escape(p or "") for p in parts)]
    if person.nickname:
        lines.append(f"NICKNAME:{escape(person.nickname)}")
    if person.birthday:
        lines.append(f"BDAY:{person.birthday.text()}")
    return lines


class _Groups:
    """Fresh `itemN` group names, none of them one the kept lines already use."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken
        self.number = 0

    def new(self) -> str:
        self.number += 1
        while f"item{self.number}" in self.taken:
            self.number += 1
        return f"item{self.number}"


def _labelled(name: str, kind: str, value: str, label: str | None, groups: _Groups) -> list[str]:
    """The line with its label as TYPE words when they say it exactly, else an X-ABLabel."""
    types = as_types(kind, label)
    if types is not None:
        params = {"TYPE": [t.upper() for t in types]} if types else {}
        return [content_line(name, value, params)]
    group = groups.new()
    return [content_line(name, value, group=group), f"{group}.X-ABLabel:{escape(label or '')}"]


def _identity_lines(identity: Identity, groups: _Groups) -> list[str]:
    text = identity.raw or identity.value
    if identity.kind == "linkedin" and "linkedin.com/" not in text.lower():
        text = identity.value
    name = _PROPERTY.get(identity.kind, "X-KITH-HANDLE")
    return _labelled(name, identity.kind, escape(text), identity.label, groups)


def _address_lines(person: Person, groups: _Groups) -> Iterator[str]:
    for address in person.addresses:
        parts = (address.street, address.city, address.region, address.postcode, address.country)
        value = ";;" + ";".join(escape(p or "") for p in parts)
        yield from _labelled("ADR", "address", value, address.label, groups)


def _job_lines(person: Person, kept: list[str]) -> list[str]:
    """The current job as ORG and TITLE. A kept ORG with departments naming the same
    organisation is written instead of a bare one; kept ORGs naming another are dropped."""
    job = person.current_job
    own = [line for line in kept if _ORG.match(line)]
    for line in own:
        kept.remove(line)
    if job is None:
        return []
    same = [line for line in own if _organisation(line) == job.organisation]
    lines = same[:1] or [content_line("ORG", escape(job.organisation))]
    return lines + ([content_line("TITLE", escape(job.title))] if job.title else [])


def _organisation(line: str) -> str:
    from kith.sources.vcard_text import parse_line

    value = parse_line(0, line.encode(), unicode=True).value
    return ", ".join(p.strip() for p in components(value)[0] if p.strip())


def _everyone(store: Store) -> Iterator[Person]:
    for chunk in chunks(store.people.all_ids()):
        yield from store.people.load(chunk, detail=True)


def _prepare(directory: Path) -> None:
    if directory.exists() and not directory.is_dir():
        raise UserError(f"{directory} is a file; --vdir needs a folder (one card per file).")
    if not directory.exists():
        check_folder(directory.parent)
        directory.mkdir(mode=0o700)
