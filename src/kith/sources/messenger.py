"""Facebook Messenger's `message_N.json` from "Download your information" (JSON format).

A thread is `{"participants": [{"name"}], "messages": [...], "title", "thread_type",
"thread_path"}`, its messages newest first; a long thread is split over message_1.json,
message_2.json... Facebook writes non-ASCII text as UTF-8 bytes escaped one by one as Latin-1
(`"Zo\\u00c3\\u00ab"` for "Zoë"): names are repaired. People are known only by name; the user is
the participant who is not the title of a chat between two, else found by name (`me.name`,
`--me NAME`). A `Call` entry with a `call_duration` is a call; with none or 0 it did not
connect. Subscribe and unsubscribe entries are group changes, ignored. Message text is never
read (chat.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from kith.errors import UserError
from kith.names import fold
from kith.records import OWNER, Ignored, Party, Record, Skipped, Tally
from kith.sources import chat

APP = "Messenger"
GROUP_CHANGES = frozenset({"Subscribe", "Unsubscribe"})
EXPECTED = (
    'a Messenger message_1.json from "Download your information" (JSON): "participants" and '
    'a "messages" list, each with "sender_name" and "timestamp_ms"'
)


def expected(path: Path) -> str | None:
    """What a Messenger thread holds, for the error when nothing could be read; None for a
    thread whose "messages" list is there and empty."""
    try:
        with path.open("rb") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return EXPECTED
    empty = isinstance(data, dict) and data.get("messages") == []
    return None if empty else EXPECTED


def sniff(head: bytes, path: Path) -> bool:
    """JSON whose messages carry `sender_name` and `timestamp_ms`."""
    start = head.lstrip(b"\xef\xbb\xbf \r\n\t")[:1]
    return start == b"{" and b'"sender_name"' in head and b'"timestamp_ms"' in head


def repaired(text: str) -> str:
    """Facebook's Latin-1-escaped UTF-8 decoded; text that is not so is kept as it is."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def read(path: Path, keep_text: bool = False) -> Iterator[Record]:
    """Conversations and calls of the thread, then the tallies; with `keep_text`, each
    conversation's messages (their `content`) become its notes."""
    try:
        with path.open("rb") as handle:
            data = json.load(handle)
    except (ValueError, RecursionError) as error:  # not JSON, not UTF-8, a 4,300-digit number
        raise UserError(f"{path}: not valid JSON ({error}); download the data again.") from None
    messages = data.get("messages") if isinstance(data, dict) else None
    if not isinstance(messages, list):  # nothing to read: the import says what it expected
        return
    participants = data.get("participants")
    names = [
        repaired(str(p.get("name", "")))
        for p in (participants if isinstance(participants, list) else [])
        if isinstance(p, dict) and p.get("name")
    ]
    title = repaired(str(data.get("title") or ""))
    owner = _owner(names, title)
    members = {fold(name): _party(name, owner) for name in names}
    thread = str(data.get("thread_path") or title or path.parent.name)
    threads = chat.Threads(APP)
    group = len(names) > 2 or data.get("thread_type") == "RegularGroup"
    used = calls = 0
    # written newest first: reversed, then sorted stably (same-moment messages keep their
    # order), each with its index in the file, which a skipped message is named by
    entries = [(i, m) for i, m in reversed(list(enumerate(messages))) if isinstance(m, dict)]
    entries.sort(key=lambda entry: _stamp(entry[1]))
    for number, message in entries:
        stamp, name = message.get("timestamp_ms"), message.get("sender_name")
        at = chat.epoch(stamp, 1000)
        if at is None or not isinstance(name, str) or not name:
            yield Skipped(f"{path.name}: messages[{number}]", _unread(stamp, at is None))
            continue
        sender = members.setdefault(fold(repaired(name)), _party(repaired(name), owner))
        kind = message.get("type")
        if isinstance(kind, str) and kind in GROUP_CHANGES:
            yield Ignored("Messenger group change")
        elif kind == "Call":
            calls += 1
            seconds = message.get("call_duration")
            if not isinstance(seconds, int) or seconds <= 0:
                yield Ignored("Messenger call that did not connect")
                continue
            others = tuple(p for p in members.values() if p != sender)
            yield chat.call(APP, at, sender, others, seconds, f"{thread}:{stamp}:{fold(name)}")
        else:
            used += 1
            content = message.get("content")
            text = repaired(content if isinstance(content, str) else "") if keep_text else None
            yield from threads.add(
                thread, at, sender, tuple(members.values()), title if group else "", text
            )
    yield from threads.close()
    yield Tally("message", used)
    if calls:
        yield Tally("call", calls)


def _unread(stamp: object, untimed: bool) -> str:
    """Why a message cannot be read, naming the field to look at."""
    if stamp is None:
        return "no timestamp_ms"
    if untimed:
        return f"timestamp_ms {stamp!r} is not a time (milliseconds since 1970)"
    return "no sender_name"


def _stamp(message: dict[str, object]) -> int:
    stamp = message.get("timestamp_ms")
    return stamp if isinstance(stamp, int) else 0


def _owner(names: list[str], title: str) -> str | None:
    """In a chat between two titled with the other's name, the one who is not the title."""
    others = [name for name in names if fold(name) != fold(title)]
    return others[0] if len(names) == 2 and len(others) == 1 else None


def _party(name: str, owner: str | None) -> Party:
    if owner is not None and fold(name) == fold(owner):
        return Party(OWNER.kind, OWNER.value, name)
    return chat.person("messenger", name)
