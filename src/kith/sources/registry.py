"""Which reader reads which kind of file: `module:function` strings resolved only when used.

A kind has a sniffer (`sniff(head: bytes, path: Path) -> bool`, looking at content, not the
extension) and a reader (`read(path: Path) -> Iterator[Record]`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import import_module
from pathlib import Path
from typing import cast

from kith.errors import UserError
from kith.records import Record

Reader = Callable[[Path], Iterator[Record]]
Sniffer = Callable[[bytes, Path], bool]

READERS: dict[str, str] = {
    "kith-json": "kith.sources.kith_json:read",
}
SNIFFERS: dict[str, str] = {
    "kith-json": "kith.sources.kith_json:sniff",
}
HEAD_BYTES = 64 * 1024
# kinds whose records are messages or meetings: importing them needs the user's own address
EXCHANGE_KINDS = frozenset({"mbox", "maildir", "eml", "ics", "linkedin"})


def _resolve(target: str) -> object:
    module, _, name = target.partition(":")
    return getattr(import_module(module), name)


def reader(kind: str) -> Reader:
    if kind not in READERS:
        raise UserError(f"Kith cannot read {kind!r} files; known kinds: {', '.join(READERS)}.")
    return cast(Reader, _resolve(READERS[kind]))


def detect(path: Path) -> str:
    """The kind of the file, folder or zip at `path`, judged by its content."""
    found = claim(path)
    if found is None:
        raise UserError(
            f"{path}: Kith does not recognise this file's content; known kinds: "
            f"{', '.join(READERS)}. Use --as KIND to say what it is."
        )
    return found


def claim(path: Path) -> str | None:
    """The kind that reads `path` as a whole, if any (a folder or zip may be claimed by none,
    and then holds files to read one by one)."""
    head = b""
    if path.is_file():
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    for kind, target in SNIFFERS.items():
        if cast(Sniffer, _resolve(target))(head, path):
            return kind
    return None
