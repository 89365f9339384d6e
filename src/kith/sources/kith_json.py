"""Kith's own JSON export (`kith export json`): its names and keys, and the reader that turns an
export back into records. `kith.services.exports.transfer` writes it and documents its shape.

The reader streams: it holds one entry at a time as long as the sections come in the order the
writer puts them (`SECTIONS`). A file with another order still reads; its early sections wait in
memory until their turn. Records name people by uid and events by their `key`. A bad entry
becomes a `Skipped` naming it (`export.json: people[12]`); a file that is not a Kith export, or
one from a newer Kith, raises `UserError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kith.errors import UserError
from kith.records import Record, Skipped
from kith.sources.json_stream import JsonStream
from kith.sources.kith_json_entries import EntryReader, event_key, interaction_key
from kith.sources.kith_json_format import FORMAT, SECTIONS, VERSION

ADVICE = "It is not a Kith export, or it was cut short; export it again with `kith export json`."
_SNIFF = re.compile(rb'"format"\s*:\s*"kith"')

Entry = tuple[str, Any] | Skipped  # (where, the entry as parsed), or a section of the wrong shape

__all__ = ["FORMAT", "SECTIONS", "VERSION", "event_key", "interaction_key", "read", "sniff"]


def sniff(head: bytes, path: Path) -> bool:
    """A JSON object whose start says `"format": "kith"`, whatever the file is called."""
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return text.startswith(b"{") and _SNIFF.search(text) is not None


def read(path: Path) -> Iterator[Record]:
    """Settings, people, events, interactions, links, relationships, referrals, introductions,
    follow-ups, articles (with their topics and shares), wants and the plan's skips."""
    try:
        with path.open(encoding="utf-8-sig") as handle:
            stream = JsonStream(handle, path, ADVICE)
            if stream.peek() != "{":
                raise UserError(
                    f"{path} is not a Kith JSON export: it is not a JSON object. Make one with "
                    "`kith export json FILE`, or say what the file is with --as."
                )
            yield from _Document(path.name).records(stream)
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{path} is not a Kith JSON export: it is not UTF-8 text ({exc.reason})."
        ) from exc


class _Document:
    """The top-level object: checks the header, then yields each section's records in turn."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.header: dict[str, Any] = {}
        self.done: set[str] = set()
        self.held: dict[str, list[Entry]] = {}
        self.entries = EntryReader()

    def records(self, stream: JsonStream) -> Iterator[Record]:
        for key in stream.members():
            if key in ("format", "version"):
                self.header[key] = stream.value()
                self._check_header(final=False)
            elif key in SECTIONS and self._ready(key):
                yield from self._convert(key, self._entries(key, stream))
            elif key in SECTIONS:
                self.held[key] = list(self._entries(key, stream))
            else:
                stream.value()  # schema, exported_at, and whatever a later version adds
            yield from self._release()
        if stream.peek():
            raise stream.broken("more text after the end of the export")
        self._check_header(final=True)
        self.done.update(s for s in SECTIONS if s not in self.held)
        yield from self._release()

    def _ready(self, section: str) -> bool:
        earlier = SECTIONS[: SECTIONS.index(section)]
        return len(self.header) == 2 and all(s in self.done for s in earlier)

    def _release(self) -> Iterator[Record]:
        for section in SECTIONS:
            if section in self.held and self._ready(section):
                yield from self._convert(section, self.held.pop(section))

    def _convert(self, section: str, found: Iterable[Entry]) -> Iterator[Record]:
        for entry in found:
            yield entry if isinstance(entry, Skipped) else self.entries.record(section, *entry)
        self.done.add(section)

    def _entries(self, section: str, stream: JsonStream) -> Iterator[Entry]:
        where = f"{self.name}: {section}"
        if section == "settings":
            settings = stream.value()
            if not isinstance(settings, dict):
                yield Skipped(where, "expected an object of settings")
                return
            yield from ((f"{where}.{key}", (key, value)) for key, value in settings.items())
        elif stream.peek() != "[":
            stream.value()
            yield Skipped(where, "expected a list of entries")
        else:
            yield from ((f"{where}[{i}]", raw) for i, raw in enumerate(stream.items()))

    def _check_header(self, *, final: bool) -> None:
        kind, version = self.header.get("format"), self.header.get("version")
        if "format" in self.header and kind != FORMAT:
            raise UserError(
                f"{self.name} is JSON but not a Kith export (its format is {kind!r}); "
                "say what the file is with --as."
            )
        if "version" in self.header and (type(version) is not int or version < 1):
            raise UserError(f"{self.name}: the export's version {version!r} is not a version.")
        if isinstance(version, int) and version > VERSION:
            raise UserError(
                f"{self.name} was written by a newer Kith (export version {version}; this Kith "
                f"reads up to version {VERSION}). Upgrade Kith, then import it again."
            )
        if final and len(self.header) < 2:
            missing = " and ".join(k for k in ("format", "version") if k not in self.header)
            raise UserError(
                f"{self.name} is not a Kith export: it has no {missing}. "
                "Make one with `kith export json FILE`."
            )
