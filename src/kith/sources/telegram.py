"""Telegram Desktop's JSON export (`result.json`): one chat, or the whole account.

A single chat is `{"name", "type", "id", "messages"}`; the whole account adds
`personal_information` (whose `user_id` is the user), `contacts`, `frequent_contacts` and
`chats.list` (and `left_chats.list`). Ids are `"user123"` strings today and bare numbers in the
2020 schema: both read as `telegram:123`. The user is `personal_information.user_id`, else the
writer of a personal chat who is not its peer (a personal chat's id is the peer's), else found
by name (`me.name`, `--me NAME`).

An account's `contacts` is the user's address book as Telegram keeps it (first and last name,
phone number, and `user_id` when the contact is on Telegram; the 2020 schema has no `user_id`).
A contact who writes in the export's chats is a person, with their phone number and the Telegram
id the chats name them by (`telegram:42`), matched by phone to someone already known as a
vCard's card is: so a Telegram conversation is logged with the person an SMS backup or the
phone's contacts brought in. Without a `user_id`, the contact's id is that of the one chat
writer with the contact's exact name, if exactly one has it. The other contacts (not on
Telegram, or never in these chats) are counted and ignored: the phone's contacts come in as
vCards, and a chat import makes people only of those it shows the user in touch with. So is an
entry with neither a name nor a number (a contact deleted from the phone). `frequent_contacts`
is Telegram's rating of whom the user writes to most: each entry is counted and ignored (its
people are in the chats already, and a rating is not a contact).

Channels and saved messages are not conversations with anyone: their messages are ignored.
A `phone_call` service message that connected is a call; one with `discard_reason` missed or
busy, or no duration, did not connect. Message text is never read (chat.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from kith.errors import UserError
from kith.model import Identity
from kith.names import fold
from kith.records import OWNER, Ignored, Party, PersonRecord, Record, Skipped, Tally
from kith.sources import chat

APP = "Telegram"
_CHAT_TYPE = re.compile(
    rb'"type":\s*"(?:personal_chat|bot_chat|private_group|private_supergroup|public_supergroup|'
    rb'private_channel|public_channel|saved_messages)"'
)
CHANNELS = frozenset({"private_channel", "public_channel"})
EXPECTED = (
    "a Telegram Desktop export in JSON: result.json with a chat's \"messages\", or an account's "
    '"chats": {"list": [...]}, each message with a "date" and a "from_id"'
)


def expected(path: Path) -> str | None:
    """What a Telegram export holds, for the error when nothing could be read; None for an
    export whose chats are there but hold no message (it is empty, not wrong)."""
    try:
        with path.open("rb") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return EXPECTED
    return None if isinstance(data, dict) and (_chats(data) or _contacts(data)) else EXPECTED


NOT_CONNECTED = frozenset({"missed", "busy"})


def sniff(head: bytes, path: Path) -> bool:
    """JSON holding Telegram's chat types, or an account export's personal information."""
    start = head.lstrip(b"\xef\xbb\xbf \r\n\t")[:1]
    return start == b"{" and (
        _CHAT_TYPE.search(head) is not None
        or (b'"personal_information"' in head and b'"telegram' in head.lower())
    )


def read(path: Path, now: datetime, keep_text: bool = False) -> Iterator[Record]:
    """Conversations and calls of every chat, then the tallies; with `keep_text`, each
    conversation's messages become its notes."""
    try:
        with path.open("rb") as handle:
            data = json.load(handle)
    except (ValueError, RecursionError) as error:  # not JSON, not UTF-8, a 4,300-digit number
        raise UserError(f"{path}: not valid JSON ({error}); export the chat again.") from None
    if not isinstance(data, dict):
        raise UserError(f"{path}: expected a Telegram export (a JSON object), found a list.")
    chats, contacts = _chats(data), _contacts(data)
    if not chats and not contacts:  # nothing to read: the import says what was expected
        return
    tz = now.tzinfo
    assert tz is not None
    owner = _user_key(_dict(data.get("personal_information")).get("user_id")) or _owner(chats)
    yield from _people(path, contacts, chats, owner)
    for _ in _list(_dict(data.get("frequent_contacts")).get("list")):
        yield Ignored(NOT_A_CONTACT)
    reader = _Chats(path, owner, tz, keep_text)
    for index, one in enumerate(chats):
        yield from reader.chat(one, index)
    yield from reader.threads.close()
    yield Tally("message", reader.messages)
    if reader.calls:
        yield Tally("call", reader.calls)


def _chats(data: dict[str, Any]) -> list[dict[str, Any]]:
    if "messages" in data:
        return [data]
    found: list[dict[str, Any]] = []
    for key in ("chats", "left_chats"):
        found.extend(c for c in _list(_dict(data.get(key)).get("list")) if isinstance(c, dict))
    return found


NOT_A_CONTACT = "Telegram frequent-contacts rating (whom you write to most, not a contact)"
NO_CONTACT = "Telegram contact with neither a name nor a phone number"
NO_CHAT = "Telegram contact not in these chats (import your phone's contacts as a vCard)"


def _contacts(data: dict[str, Any]) -> list[Any]:
    return _list(_dict(data.get("contacts")).get("list"))


def _people(
    path: Path, contacts: list[Any], chats: list[dict[str, Any]], owner: str | None
) -> Iterator[Record]:
    """Each contact who writes in the chats as a person: their name, number and Telegram id."""
    writers = _writers_by_name(chats)
    ids = set().union(*writers.values())
    for index, entry in enumerate(contacts):
        if not isinstance(entry, dict):
            yield Skipped(f"{path.name}: contacts[{index}]", "a contact that is not a JSON object")
            continue
        first, last, number = (
            str(entry.get(key) or "").strip() for key in ("first_name", "last_name", "phone_number")
        )
        name = " ".join(part for part in (first, last) if part)
        if not name and not number:
            yield Ignored(NO_CONTACT)
            continue
        key = _user_key(entry.get("user_id"))
        if key in (None, "0"):  # the 2020 schema, or not on Telegram: the one writer of the name
            named = writers.get(fold(name), set()) if name else set()
            key = next(iter(named)) if len(named) == 1 else None
        if key not in ids or key == owner:
            yield Ignored(NO_CHAT)
            continue
        handle = f"telegram:{key}"
        identities = [Identity("phone", "", number)] if number else []
        yield PersonRecord(
            source_id=f"telegram:contact:{key}",  # the same in every export of the account
            name=name or number,
            given_name=first or None,
            family_name=last or None,
            identities=(*identities, Identity("handle", handle, handle)),
        )


def _writers_by_name(chats: list[dict[str, Any]]) -> dict[str, set[str]]:
    """The Telegram ids of those who write in the chats (channels and saved messages aside),
    by their folded name."""
    found: dict[str, set[str]] = {}
    for one in chats:
        kind = str(one.get("type", ""))  # a list or a number where a name belongs: no kind
        if kind in CHANNELS or kind == "saved_messages":
            continue
        for message in _list(one.get("messages")):
            if not isinstance(message, dict):
                continue
            key = _user_key(message.get("from_id") or message.get("actor_id"))
            name = message.get("from") or message.get("actor")
            if key:
                found.setdefault(fold(name) if isinstance(name, str) else "", set()).add(key)
    return found


def _dict(value: object) -> dict[str, Any]:
    """A JSON object where one belongs, or an empty one (a damaged export has anything)."""
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _user_key(value: object) -> str | None:
    """`user123`, `123` or 123 → `123`; None when absent."""
    if value is None or isinstance(value, bool):
        return None
    digits = re.sub(r"^[a-z]+", "", str(value))
    return digits or None


def _owner(chats: list[dict[str, Any]]) -> str | None:
    """The writer of a personal chat who is not its peer (its id)."""
    for one in chats:
        if one.get("type") != "personal_chat":
            continue
        peer = _user_key(one.get("id"))
        for message in _list(one.get("messages")):
            if not isinstance(message, dict):
                continue
            writer = _user_key(message.get("from_id") or message.get("actor_id"))
            if writer and writer != peer:
                return writer
    return None


class _Chats:
    def __init__(self, path: Path, owner: str | None, tz: tzinfo, keep_text: bool) -> None:
        self.path, self.owner, self.tz, self.keep_text = path, owner, tz, keep_text
        self.threads = chat.Threads(APP)
        self.messages = self.calls = 0

    def party(self, key: str, name: str | None) -> Party:
        if key == self.owner:
            return Party(OWNER.kind, OWNER.value, name)
        return Party("handle", f"telegram:{key}", name or None)

    def chat(self, one: dict[str, Any], index: int) -> Iterator[Record]:
        kind = str(one.get("type", ""))
        messages = [m for m in _list(one.get("messages")) if isinstance(m, dict)]
        if kind in CHANNELS or kind == "saved_messages":
            why = "channel post" if kind in CHANNELS else "saved message (a note to yourself)"
            for _ in messages:
                yield Ignored(f"Telegram {why}")
            return
        writers: dict[str, Party] = {}
        for message in messages:
            key = _user_key(message.get("from_id") or message.get("actor_id"))
            if key:
                name = message.get("from") or message.get("actor")
                writers.setdefault(key, self.party(key, name if isinstance(name, str) else None))
        title = str(one.get("name") or "") if kind != "personal_chat" else ""
        thread = f"{one.get('id', index)}"
        for number, message in enumerate(messages):
            yield from self.message(message, thread, writers, title, f"chats[{index}] {number}")

    def message(
        self, message: dict[str, Any], thread: str, writers: dict[str, Party], title: str, at: str
    ) -> Iterator[Record]:
        members = tuple(writers.values())
        where = f"{self.path.name}: {at}"
        moment = self.moment(message)
        key = _user_key(message.get("from_id") or message.get("actor_id"))
        if message.get("type") == "service":
            if message.get("action") not in ("phone_call", "group_call"):
                yield Ignored(f"Telegram service message ({message.get('action', 'unknown')})")
                return
            self.calls += 1
            seconds = message.get("duration_seconds")
            if str(message.get("discard_reason")) in NOT_CONNECTED or not isinstance(seconds, int):
                yield Ignored("Telegram call that did not connect")
                return
            if moment is None or key is None:
                yield Skipped(where, "a call without a date or a caller")
                return
            caller = writers.get(key) or self.party(key, None)
            others = tuple(p for p in members if p != caller) or (OWNER,)
            yield chat.call(APP, moment, caller, others, seconds, f"{thread}:{message.get('id')}")
            return
        if moment is None or key is None:
            yield Skipped(where, "a message without a date or a sender")
            return
        self.messages += 1
        sender = writers.get(key) or self.party(key, None)
        text = _text(message.get("text")) if self.keep_text else None
        yield from self.threads.add(thread, moment, sender, members, title, text)

    def moment(self, message: dict[str, Any]) -> datetime | None:
        stamp = message.get("date_unixtime")
        if isinstance(stamp, str) and chat.count(stamp) is not None:
            return chat.epoch(stamp)
        try:
            return datetime.fromisoformat(str(message.get("date"))).replace(tzinfo=self.tz)
        except ValueError:
            return None


def _text(value: object) -> str:
    """A message's text: a string, or a list of strings and entities (`{"text": ...}`)."""
    if isinstance(value, list):
        return "".join(
            _text(part.get("text") if isinstance(part, dict) else part) for part in value
        )
    return value if isinstance(value, str) else ""
