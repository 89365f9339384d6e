"""Kith's JSON export: the whole database as one versioned document, written as a stream.

Version 1 of the document (`kith.sources.kith_json` reads it back):

    {"format": "kith", "version": 1, "schema": <the database's schema version>,
     "exported_at": "2026-11-22T10:00:00Z", "settings": {"timezone": "Europe/London", ...},
     "people": [{"id", "uid", "uid_aliases", "name", "given_name", "family_name",
                 "additional_names", "prefix", "suffix", "nickname", "birthday" ("1815-12-10"
                 or "--12-10"), "how_met", "met_where", "met_through" (a uid), "met_event" (an
                 event key), "known_since", "depth", "kind", "archived", "created_at",
                 "updated_at", "identities": [{"kind", "value", "raw", "label", "shared",
                 "verified"}], "tags", "interests", "needs", "offers", "addresses": [{"label",
                 "street", "city", "region", "postcode", "country"}], "jobs": [{"organisation",
                 "title", "start", "end", "domain"}], "working_on": [{"text", "as_of"}],
                 "notes": [{"kind", "text", "created_at"}],
                 "vcard_extra": [lines of a vCard that Kith has no field for], "closeness",
                 "pinned", "muted", "snoozed_until", "cadence_days", "cadence_max_days",
                 "let_go_at" (when they were let go: `kith let-go`)}],
     "events": [{"id", "key", "name", "date", "place", "kind", "attendees" (uids),
                 "remarks" ({uid: what stood out, from `kith met --about`}), "created_at"}],
     "interactions": [{"id", "at", "channel", "direction", "kind", "summary", "notes", "topic",
                       "duration" (a call's seconds),
                       "participants" (uids), "event" (a key), "source", "source_id",
                       "created_at"}],
     "links": [{"a", "b", "kind", "count", "evidence", "last_at"}],
     "relationships": [{"a", "b", "type", "created_at"}],       # a is b's <type>
     "referrals": [{"referrer", "referred", "note", "created_at", "followed_up_at",
                    "thanked_at"}],
     "introductions": [{"a", "b", "why", "state" ("declined" by declined_by a or b, or by
                        nobody recorded; "let_go": the user stopped waiting, since schema
                        0045), "outcome", "created_at", "updated_at", "declined_by"}],
     "follow_ups": [{"id", "person", "text", "owner", "due", "created_at", "done_at",
                     "done_note", "interaction"}],
     "articles": [{"id", "url", "title", "note", "saved_at", "topics",
                   "shares": [{"person", "at", "interaction"}]}],
     "wants": [{"person", "why", "created_at", "met_at"}],
     "plan_skips": [{"person", "at"}]}

People are named by uid everywhere, events by key, and an interaction (the one that kept a
follow-up, or logged a share) by {"source", "source_id"} as its own entry has them.
The stored Dunbar layers and the weeks' picks are not exported: they are derived, and rebuilt
from the rest (`kith rebuild`, the next `kith plan`). Instants are ISO 8601 in UTC with a Z, days
YYYY-MM-DD. Every list is in id order (a person's working_on oldest first). An interaction that
has no source id of its own (one logged in Kith) gets a stable `kith:<hash>` one, so importing
the same export twice changes nothing. One entry per line, so the file diffs well; each entry is
compact (`,` and `:` with no space after them, since session 14).
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO, cast

from kith.clock import to_utc_text
from kith.services.exports.target_file import check_target
from kith.sources.kith_json_format import FORMAT, SECTIONS, VERSION
from kith.store import Store
from kith.store.exports.dump import ENTRY_SEPARATOR, Block, DumpReader, EventRow, InteractionRow
from kith.store.files import staged
from kith.store.rows import chunks

if TYPE_CHECKING:  # the entries built here (few of them) import the rest as they need it
    from kith.model import Person

INTERACTION_BATCH = 2000
WRITE_BATCH = 500  # entries joined into one write
LISTS = SECTIONS[1:]  # every section but the settings, which sit in the header

Entries = Iterator[dict[str, Any]]
# A section's entries: dicts, or entries already written as JSON text (the people and the
# interactions), or many entries' text at once (the interactions: a Block)
Written = Iterator[dict[str, Any] | str | Block]


def export_document(store: Store, now: datetime) -> dict[str, Any]:
    """The whole export as one dict: for tests and small databases (`write_export` streams)."""
    with store.reading():
        document = _header(store, now)
        for name, entries in _sections(store):
            document[name] = [entry for e in entries for entry in _parsed(e)]
    return document


def write_export(store: Store, handle: TextIO, now: datetime) -> dict[str, int]:
    """Write the export to `handle` a batch of entries at a time; how many of each it wrote."""
    counts: dict[str, int] = {}
    raw = _raw(handle)
    with store.reading():
        handle.write("{\n")
        for key, value in _header(store, now).items():
            handle.write(f"  {_line(key)}: {_line(value)},\n")
        for position, (name, entries) in enumerate(_sections(store)):
            handle.write(f"  {_line(name)}: [")
            counts[name] = 0
            batch: list[str] = []
            pending = 0  # how many entries the batch holds
            for entry in entries:
                if isinstance(entry, Block):
                    counts[name] += _write_batch(handle, batch, pending, counts[name])
                    pending = 0
                    _write_block(handle, raw, entry.data, counts[name])
                    counts[name] += entry.count
                    continue
                batch.append(entry if isinstance(entry, str) else _line(entry))
                pending += 1
                if pending >= WRITE_BATCH:
                    counts[name] += _write_batch(handle, batch, pending, counts[name])
                    pending = 0
            counts[name] += _write_batch(handle, batch, pending, counts[name])
            closing = "\n  ]" if counts[name] else "]"
            handle.write(closing + (",\n" if position < len(LISTS) - 1 else "\n"))
        handle.write("}\n")
    return counts


def _raw(handle: TextIO) -> BinaryIO | None:
    """The bytes under `handle` when it writes UTF-8 as it is given (a file, standard output):
    a Block's text then goes there without being decoded and encoded again."""
    raw = getattr(handle, "buffer", None)
    encoding = getattr(handle, "encoding", None)
    if raw is None or encoding is None or codecs.lookup(encoding).name != "utf-8":
        return None
    if getattr(handle, "errors", "strict") != "strict":
        return None
    return cast("BinaryIO", raw)


def _write_batch(handle: TextIO, batch: list[str], count: int, written: int) -> int:
    """One write for `count` entries (texts of one or more), each on its own line; returns
    `count`; the batch is emptied."""
    if not batch:
        return 0
    handle.write(("," if written else "") + "\n    " + ENTRY_SEPARATOR.join(batch))
    batch.clear()
    return count


def _write_block(handle: TextIO, raw: BinaryIO | None, data: bytes, written: int) -> None:
    """A Block's entries, after the `written` ones before them."""
    handle.write(("," if written else "") + "\n    ")
    if raw is None:
        handle.write(data.decode())
        return
    handle.flush()
    raw.write(data)


def _parsed(entry: dict[str, Any] | str | Block) -> list[dict[str, Any]]:
    """The entry, or the entries of a Block, as dicts."""
    if isinstance(entry, Block):
        return list(json.loads(b"[" + entry.data + b"]"))
    return [json.loads(entry) if isinstance(entry, str) else entry]


def export_file(store: Store, path: Path, now: datetime) -> dict[str, int]:
    """Write the export to `path` (mode 0600), replacing it only once it is complete."""
    check_target(path, f"give a file name, e.g. {path / 'kith.json'}.")
    with staged(path) as staging, staging.open("w", encoding="utf-8") as handle:
        return write_export(store, handle, now)


# one encoder (json.dumps makes one a call); each entry compact, `,` and `:` (whitespace carries
# nothing in JSON, and SQLite's JSON, which writes most entries, writes none)
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _line(value: object) -> str:
    return _ENCODER.encode(value)


def _flat(row: Any) -> dict[str, Any]:
    """A flat row dataclass as a dict: `asdict`'s deep copy costs a third of an export."""
    kind = type(row)
    names = _FIELDS.get(kind) or _FIELDS.setdefault(kind, tuple(f.name for f in fields(row)))
    return {name: getattr(row, name) for name in names}


_FIELDS: dict[type, tuple[str, ...]] = {}  # each row class's field names, read once


def _header(store: Store, now: datetime) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema": store.meta.schema_version(),
        "exported_at": to_utc_text(now),
        "settings": store.meta.settings(),
    }


def _sections(store: Store) -> Iterator[tuple[str, Written]]:
    dump = DumpReader(store.connection)
    writers: dict[str, Callable[[], Written]] = {
        "people": lambda: _people(store, dump),
        "events": lambda: (_event(row) for row in dump.events()),
        "interactions": lambda: _interactions(dump),
        "links": lambda: (_flat(row) for row in dump.links()),
        "relationships": lambda: (_flat(row) for row in dump.relationships()),
        "referrals": lambda: (_flat(row) for row in dump.referrals()),
        "introductions": lambda: (_flat(row) for row in dump.introductions()),
        "follow_ups": lambda: _follow_ups(dump),
        "articles": lambda: _articles(dump),
        "wants": lambda: (_flat(row) for row in dump.wants()),
        "plan_skips": lambda: (_flat(row) for row in dump.plan_skips()),
    }
    for name in LISTS:
        yield name, writers[name]()


def _people(store: Store, dump: DumpReader) -> Written:
    """The people's entries as JSON text written by SQLite, 500 at a time: as one text while
    that holds (dump.person_block), else each on its own, and the few SQLite would write
    otherwise (dump.PERSON_TEXT_SQL says which) built here from their cards."""
    for chunk in chunks(dump.person_ids()):
        block = dump.person_block(chunk)
        if block is not None:
            yield block
            continue
        texts = dump.person_texts(chunk)
        built = {person.id: _line(entry) for person, entry in _people_built(store, dump, texts)}
        yield from (built[i] if text is None else text for i, text in texts)


def _people_built(
    store: Store, dump: DumpReader, texts: list[tuple[int, str | None]]
) -> Iterator[tuple[Person, dict[str, Any]]]:
    """The entries of the people `texts` has no text for, from their cards."""
    missing = [i for i, text in texts if text is None]
    if not missing:
        return
    met, plan = dump.met(missing), dump.person_plan(missing)
    for person in store.people.load(missing, detail=True):
        through, event_id = met[person.id]
        head = _person_head(person, through, event_id)
        yield person, head | _person_card(person) | _flat(plan[person.id])


def _person_head(person: Person, through: str | None, event_id: int | None) -> dict[str, Any]:
    return {
        "id": person.id,
        "uid": person.uid,
        "uid_aliases": person.uid_aliases,
        "name": person.name,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "additional_names": person.additional_names,
        "prefix": person.prefix,
        "suffix": person.suffix,
        "nickname": person.nickname,
        "birthday": person.birthday.text() if person.birthday else None,
        "how_met": person.how_met,
        "met_where": person.met_where,
        "met_through": through,
        "met_event": event_key(event_id) if event_id else None,
        "known_since": person.known_since.isoformat() if person.known_since else None,
        "depth": person.depth,
        "kind": person.kind,
        "archived": person.archived,
        "created_at": _instant(person.created_at),
        "updated_at": _instant(person.updated_at),
    }


def _person_card(person: Person) -> dict[str, Any]:
    return {
        "identities": [_flat(identity) for identity in person.identities],
        "tags": person.tags,
        "interests": person.interests,
        "needs": person.needs,
        "offers": person.offers,
        "addresses": [_flat(address) for address in person.addresses],
        "jobs": [_flat(job) for job in person.jobs],
        "working_on": [
            {"text": item.text, "as_of": item.as_of.isoformat()}
            for item in reversed(person.working_on)  # the store gives them newest first
        ],
        "notes": [
            {"kind": note.kind, "text": note.text, "created_at": _instant(note.created_at)}
            for note in person.notes
        ],
        "vcard_extra": person.vcard_extra,
        "closeness": person.closeness,
    }


def _instant(moment: datetime | None) -> str | None:
    return to_utc_text(moment) if moment else None


def event_key(event_id: int) -> str:
    """kith_json_entries.event_key (a test holds them equal): how an export names an event."""
    return f"event-{event_id}"


def _event(row: EventRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "key": event_key(row.id),
        "name": row.name,
        "date": row.day,
        "place": row.place,
        "kind": row.kind,
        "attendees": list(row.attendees),
        "remarks": dict(row.remarks),
        "created_at": row.created_at,
    }


def _interactions(dump: DumpReader) -> Iterator[str | Block]:
    """The interactions' entries as JSON text written by SQLite, a batch at a time: as one
    text while that holds (dump.interaction_block), the few without a source id given their
    `kith:<hash>` key here; then each on its own (a batch that would not hold says the rest may
    well not either)."""
    after, blocks = 0, True
    while blocks:
        block = dump.interaction_block(after, INTERACTION_BATCH)
        if block is not None and not block.count:
            return
        if block is None:
            blocks = False
        else:
            yield _keyed(dump, block) if block.keyless else block
            after = block.last_id
    while batch := dump.interaction_texts(after, INTERACTION_BATCH):
        keyless = [i for i, text in batch if text is None]
        keyed = {row.id: _line(_interaction(row)) for row in dump.interactions_by_id(keyless)}
        yield from (keyed[i] if text is None else text for i, text in batch)
        after = batch[-1][0]


_NO_KEY = b'"source_id":""'


def _keyed(dump: DumpReader, block: Block) -> Block:
    """The block with the `kith:` key of each entry it wrote without a source id (inside a value
    every quote is escaped, so neither an entry's start nor `"source_id":""` can be found there:
    the key's place is the first empty source id after the entry's start)."""
    pieces: list[bytes] = []
    start = 0
    for row in dump.interactions_by_id(block.keyless):
        entry = block.data.index(b'{"id":%d,' % row.id, start)
        place = block.data.index(_NO_KEY, entry)
        key = _interaction(row)["source_id"]
        pieces += [block.data[start:place], b'"source_id":"%s"' % key.encode()]
        start = place + len(_NO_KEY)
    pieces.append(block.data[start:])
    return Block(b"".join(pieces), block.count, block.last_id)


def _interaction(row: InteractionRow) -> dict[str, Any]:
    from kith.sources.kith_json_entries import interaction_key

    key = row.source_id or interaction_key(
        row.at, row.channel, row.direction, row.kind, row.summary, row.notes, row.participants
    )
    return {
        "id": row.id,
        "at": row.at,
        "channel": row.channel,
        "direction": row.direction,
        "kind": row.kind,
        "summary": row.summary,
        "notes": row.notes,
        "topic": row.topic,
        "duration": row.duration,
        "participants": list(row.participants),
        "event": event_key(row.event_id) if row.event_id else None,
        "source": row.source,
        "source_id": key,
        "created_at": row.created_at,
    }


def _follow_ups(dump: DumpReader) -> Entries:
    rows = list(dump.follow_ups())
    refs = _interaction_refs(dump, (row.interaction_id for row in rows))
    for row in rows:
        entry = _flat(row)
        entry["interaction"] = refs.get(entry.pop("interaction_id"))
        yield entry


def _articles(dump: DumpReader) -> Entries:
    rows = list(dump.articles())
    refs = _interaction_refs(dump, (s.interaction_id for row in rows for s in row.shares))
    for row in rows:
        entry = _flat(row)
        entry["topics"] = list(row.topics)
        entry["shares"] = [
            {"person": share.person, "at": share.at, "interaction": refs.get(share.interaction_id)}
            for share in row.shares
        ]
        yield entry


def _interaction_refs(dump: DumpReader, ids: Iterable[int | None]) -> dict[int | None, Any]:
    """How the export names each of these interactions: its entry's source and source id."""
    found: dict[int | None, Any] = {}
    for row in dump.interactions_by_id(i for i in ids if i is not None):
        entry = _interaction(row)
        found[row.id] = {"source": entry["source"], "source_id": entry["source_id"]}
    return found
