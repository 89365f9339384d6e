"""Which reader reads which kind of file: `module:function` strings resolved only when used.

A kind has a sniffer (`sniff(head: bytes, path: Path) -> bool`, looking at content, not the
extension) and a reader (`read(path: Path) -> Iterator[Record]`), and may say what it expected
in a file from which it read nothing (`expected(path: Path) -> str | None`).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from datetime import datetime
from importlib import import_module
from pathlib import Path
from typing import cast

from kith.errors import UserError
from kith.records import Record

Reader = Callable[[Path], Iterator[Record]]
Sniffer = Callable[[bytes, Path], bool]

# kind → module; each module has `sniff(head, path)` and `read(path[, now])`. Sniffers are tried
# in this order, the strictest first: an .eml sniffer would accept too much if asked early.
KINDS: dict[str, str] = {
    "kith-json": "kith.sources.kith_json",
    "vcard": "kith.sources.vcard",
    "ics": "kith.sources.ics",
    "linkedin": "kith.sources.linkedin",
    "google-csv": "kith.sources.google_csv",
    "outlook-csv": "kith.sources.outlook_csv",
    "telegram": "kith.sources.telegram",
    "messenger": "kith.sources.messenger",
    "sms-backup": "kith.sources.sms_backup",
    "maildir": "kith.sources.maildir",
    "mbox": "kith.sources.mbox",
    "eml": "kith.sources.eml",
    "whatsapp": "kith.sources.whatsapp",
    "signal": "kith.sources.signal",
}
# what a file of each kind holds: the words of the report on one that held none ("no events")
HOLDS: dict[str, str] = {
    "kith-json": "people or interactions",
    "vcard": "contact cards",
    "ics": "events",
    "linkedin": "connections or messages",
    "google-csv": "contacts",
    "outlook-csv": "contacts",
    "telegram": "chats",
    "messenger": "messages",
    "sms-backup": "messages or calls",
    "maildir": "messages",
    "mbox": "messages",
    "eml": "messages",
    "whatsapp": "messages",
    "signal": "messages",
}
READERS: dict[str, str] = {kind: f"{module}:read" for kind, module in KINDS.items()}
SNIFFERS: dict[str, str] = {kind: f"{module}:sniff" for kind, module in KINDS.items()}
HEAD_BYTES = 64 * 1024
# kinds whose records are messages or meetings: importing them needs the user's own address
# (LinkedIn's export names its owner in Profile.csv, so it does not ask)
EXCHANGE_KINDS = frozenset({"mbox", "maildir", "eml", "ics", "whatsapp", "signal", "messenger"})
# chat exports: one file is one person's chats, so a file in which no conversation is the user's
# means Kith did not recognise the user there (wrong --me), not that nothing was for Kith
CHAT_KINDS = frozenset({"whatsapp", "signal", "messenger", "telegram", "sms-backup"})
# kinds `--as` may swap for one another: one reader reads both (a Signal transcript is read by
# the WhatsApp reader), or their files are close cousins (contact CSVs; a mailbox and one mail)
COUSINS = (
    frozenset({"whatsapp", "signal"}),
    frozenset({"google-csv", "outlook-csv", "linkedin"}),
    frozenset({"mbox", "eml"}),
)


def _resolve(target: str) -> object:
    module, _, name = target.partition(":")
    return getattr(import_module(module), name)


def reader(kind: str) -> Reader:
    if kind not in READERS:
        raise UserError(f"Kith cannot read {kind!r} files; known kinds: {', '.join(READERS)}.")
    return cast(Reader, _resolve(READERS[kind]))


def owners(kind: str, path: Path) -> tuple[str, ...]:
    """Whose export this is, when the file says so (a LinkedIn export's Profile.csv)."""
    find = getattr(import_module(KINDS[kind]), "find_owner", None) if kind in KINDS else None
    url = find(path).url if find is not None else None
    return (url,) if url else ()


def names_its_owner(kind: str, path: Path) -> bool:
    """Whether the file itself may tell which side is the user, before any is known (the
    reader's `names_its_owner(path)`: a WhatsApp export named for the other person)."""
    tells = getattr(import_module(KINDS[kind]), "names_its_owner", None) if kind in KINDS else None
    return bool(tells(path)) if tells is not None else False


def all_to_come(kind: str, path: Path, now: datetime) -> bool:
    """Whether every exchange in the file is still to come at `now` (the reader's
    `all_to_come(path, now)`: a calendar of meetings not yet held), so that which side is the
    user decides nothing: a meeting to come is only matched to people Kith knows."""
    found = getattr(import_module(KINDS[kind]), "all_to_come", None) if kind in KINDS else None
    return bool(found(path, now)) if found is not None and path.is_file() else False


def unread(kind: str, path: Path) -> str | None:
    """When no record at all could be read from `path` as `kind`: what Kith expected there (the
    reader's `expected(path)`), or None when the file is valid and empty (a calendar with no
    events)."""
    expected = getattr(import_module(KINDS[kind]), "expected", None) if kind in KINDS else None
    return cast(Callable[[Path], str | None], expected)(path) if expected is not None else None


def takes(kind: str, option: str) -> bool:
    """Whether the reader of `kind` takes `option` (`date_order`, `keep_text`...)."""
    return option in inspect.signature(reader(kind)).parameters


def records(kind: str, path: Path, now: datetime, **options: str | bool | None) -> Iterator[Record]:
    """The records of `path` read as `kind`; readers that need the clock are given it, and
    those that take them the options (`date_order`, `region`, `keep_text`)."""
    read = reader(kind)
    wanted = inspect.signature(read).parameters
    given = {name: value for name, value in (("now", now), *options.items()) if name in wanted}
    return cast(Callable[..., Iterator[Record]], read)(path, **given)


def detect(path: Path) -> str:
    """The kind of the file, folder or zip at `path`, judged by its content."""
    found = claim(path)
    if found is None and path.is_file() and path.stat().st_size == 0:
        raise UserError(
            f"{path} is empty (0 bytes): there is nothing in it to import; export it again."
        )
    if found is None:
        raise UserError(
            f"{path}: Kith does not recognise this file's content; known kinds: "
            f"{', '.join(READERS)}. Use --as KIND to say what it is."
        )
    return found


def refuse_another_kind(kind: str, path: Path) -> None:
    """Refuse `--as KIND` for a file whose content is plainly another kind Kith reads: read as
    KIND, it would come to nothing, or to messages that blame the file ("the backup may be
    cut short") rather than the flag."""
    if kind not in SNIFFERS or not path.is_file():
        return
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if cast(Sniffer, _resolve(SNIFFERS[kind]))(head, path):
        return
    other = claim(path)
    if other is None or other == kind or any({kind, other} <= group for group in COUSINS):
        return
    raise UserError(
        f"{path}: its content is a {other} file, not {kind}: leave out --as to import it as "
        f"{other}, or give the {kind} file. Nothing was imported."
    )


def claims(kind: str, path: Path) -> bool:
    """Whether the reader of `kind` takes `path` (a folder or zip) whole."""
    if kind not in SNIFFERS:
        raise UserError(f"Kith cannot read {kind!r} files; known kinds: {', '.join(READERS)}.")
    return bool(cast(Sniffer, _resolve(SNIFFERS[kind]))(b"", path))


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
