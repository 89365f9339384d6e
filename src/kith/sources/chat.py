"""What every chat reader shares: messages grouped into conversations, and people as parties.

A chat holds thousands of messages; counting each as a contact would let one busy chat saturate a
tie's intensity (science.md counts contacts, not words). So messages of one chat less than
`GAP` apart are one conversation, cut when it has run for `SPAN` (a chat that never pauses
counts about one contact a day, as a daily call would), and a conversation is one interaction:
at its first message, from its first writer to the chat's other members, `both` when the user
and someone else wrote (the importer decides, from `ExchangeRecord.spoke`). Its summary names
the app and the number of messages, never their text. Message bodies are kept only when the user
asks (`kith import --keep-text`): then the conversation's messages, one line each
(`2024-02-13 10:00 Ada Lovelace: text`, continuation lines indented), become the interaction's
notes, which stay the user's own (drafts never quote notes).

A call is an interaction of its own on the `call` channel, its length in the summary. A call
that did not connect (missed, rejected, blocked, unanswered) is not a conversation: it is
counted as ignored, with its reason.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from kith.clock import call_length as length
from kith.identities import phone
from kith.names import fold
from kith.records import OWNER, ExchangeRecord, Party


def count(value: object) -> int | None:
    """A whole number as an export writes one (an int, or ASCII digits: `"²".isdigit()` holds
    too, and int() refuses it), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    return int(value) if isinstance(value, str) and value.isascii() and value.isdigit() else None


def epoch(value: object, per_second: int = 1) -> datetime | None:
    """The instant of a Unix time in seconds (or milliseconds, per_second=1000), or None when
    it is no whole number or lies outside the years a calendar holds."""
    number = count(value)
    if number is None:
        return None
    try:
        return datetime.fromtimestamp(number / per_second, UTC)
    except (OverflowError, OSError, ValueError):
        return None


# what an export writes in place of a photo, a voice note or a file, a message deleted after it
# was sent, or a call that connected: counted as a message (it was sent; a call is contact),
# never kept as its text (WhatsApp on Android and iPhone, in English and German, deleted
# messages in Spanish and French too; Signal likewise)
PLACEHOLDER = re.compile(
    r"^\u200e?(?:<(?:media omitted|medien ausgeschlossen|attached: [^>]*)>"
    r"|(?:image|video|audio|sticker|gif|document|contact card) omitted"
    r"|(?:bild|video|audio|sticker|gif|dokument) weggelassen"
    r"|(?:this message was deleted|you deleted this message|diese nachricht wurde gelöscht"
    r"|du hast diese nachricht gelöscht|se eliminó este mensaje|eliminaste este mensaje"
    r"|ce message a été supprimé|vous avez supprimé ce message)\.?"
    r"|(?:voice|video|group voice|group video) call(?:\W.*)?)$",
    re.IGNORECASE,
)
# a call the other side did not take, as iOS writes it in a chat (U+200E before it): no
# conversation, so ignored under its own name (as the call logs' missed calls are)
MISSED_CALL = re.compile(
    r"^\u200e?(?:missed (?:group )?(?:voice|video) call|verpasster (?:sprach|video)anruf)"
    r"(?:\W.*)?$",
    re.IGNORECASE,
)
GAP = timedelta(hours=4)  # a pause longer than this starts a new conversation
SPAN = timedelta(hours=24)  # and so does a message this long after the conversation began


def person(app: str, name: str, region: str | None = None) -> Party:
    """A chat member known by the name the export gives: a phone number when it is one (the
    app shows numbers for people not in the phone's contacts), else a handle under the app's
    name (`whatsapp:ada lovelace`), which the importer matches to people only by review."""
    bare = name.strip().strip("\u200e\u200f\u202a\u202c\u2068\u2069")
    digits = sum(ch.isdigit() for ch in bare)
    if bare.startswith("+") and digits >= 6 and digits >= len(bare.replace(" ", "")) - 6:
        return Party("phone", phone(bare, region).value, None)
    return Party("handle", f"{app}:{fold(bare) or bare}", bare or None)


def number(app: str, raw: str, name: str | None, region: str | None) -> Party:
    """A phone number as an SMS backup or a call log gives it, with the phone's contact name."""
    text = raw.strip()
    if "@" in text or sum(ch.isdigit() for ch in text) < 3:  # a name, an RCS group, a code
        return Party("handle", f"{app}:{fold(text) or text}", name or text or None)
    return Party("phone", _e164(text, region), name or None)


@lru_cache(maxsize=65536)  # a backup names the same few hundred numbers again and again
def _e164(text: str, region: str | None) -> str:
    return phone(text, region).value


def conversation_id(
    app: str, thread: str, start: datetime, first: Party, iso: str | None = None
) -> str:
    """The same conversation gets the same id from any export of the chat that holds it
    (`iso`: start.isoformat(), when the caller has it already)."""
    text = "\n".join((thread, iso or start.isoformat(), first.kind, first.value))
    return f"{app}:{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()[:32]}"


@dataclass
class Conversation:
    """Messages of one chat, each less than GAP after the last."""

    start: datetime
    last: datetime
    spoke: list[Party] = field(default_factory=list)
    count: int = 0
    text: list[str] | None = None  # the messages' lines, when the user asked to keep them
    writers: set[Party] = field(default_factory=set)  # `spoke` as a set: asked every message
    kept_last: bool = False  # whether the last message's text was kept (its further lines too)

    def add(self, at: datetime, sender: Party, text: str | None = None) -> None:
        self.last = max(self.last, at)
        self.count += 1
        if sender not in self.writers:
            self.writers.add(sender)
            self.spoke.append(sender)
        self.kept_last = False
        if text is None or not text.strip() or PLACEHOLDER.match(text.strip()):
            return  # no text kept, or none to keep: a photo, a file, an empty body
        who = sender.name or ("you" if sender.kind == OWNER.kind else sender.value)
        first, *further = text.splitlines()
        if self.text is None:
            self.text = []
        self.text.append(f"{at:%Y-%m-%d %H:%M} {who}: {first}")
        self.text.extend(f"  {line}" for line in further)  # as a transcript's further lines
        self.kept_last = True


@dataclass
class Threads:
    """Open conversations, one per chat; `add` returns the ones a pause has closed."""

    app: str  # the id space and the name in summaries: "WhatsApp"
    channel: str = "message"
    open: dict[str, tuple[Conversation, tuple[Party, ...], str]] = field(default_factory=dict)
    # the party a conversation's id is made from, given its first writer: a reader that may
    # know the user's side either way (WhatsApp: by the file's name or by `--me`) keys both alike
    keyed: Callable[[Party], Party] | None = None

    def add(
        self,
        thread: str,
        at: datetime,
        sender: Party,
        members: tuple[Party, ...],
        title: str = "",
        text: str | None = None,
    ) -> Iterator[ExchangeRecord]:
        current = self.open.get(thread)
        if current is not None and (
            at - current[0].last > GAP or at - current[0].start >= SPAN or at < current[0].start
        ):
            yield self.record(thread, *current)
            current = None
        if current is None:
            current = (Conversation(at, at), members, title)
            self.open[thread] = current
        current[0].add(at, sender, text)

    def more_text(self, thread: str, line: str) -> None:
        """A continuation line of the last message of `thread` (kept text only)."""
        current = self.open.get(thread)
        if current is not None and current[0].text and current[0].kept_last:
            current[0].text.append(f"  {line}")

    def close(self) -> Iterator[ExchangeRecord]:
        for thread, current in self.open.items():
            yield self.record(thread, *current)
        self.open.clear()

    def record(
        self, thread: str, talk: Conversation, members: tuple[Party, ...], title: str
    ) -> ExchangeRecord:
        first, recipients = sides(members, talk.spoke)
        key = first if self.keyed is None else self.keyed(first)
        return ExchangeRecord(
            source_id=conversation_id(self.app.lower(), thread, talk.start, key),
            at=talk.start,
            channel=self.channel,
            summary=summary(self.app, title, talk.count),
            sender=first,
            recipients=recipients,
            spoke=tuple(talk.spoke),
            origin=self.app.lower(),
            notes="\n".join(talk.text) if talk.text else None,
        )


def sides(members: Sequence[Party], spoke: Sequence[Party]) -> tuple[Party, tuple[Party, ...]]:
    """A conversation's sender (its first writer) and its recipients: everyone else among its
    members and writers, each address once."""
    first = spoke[0]
    everyone = {(p.kind, p.value): p for p in (*members, *spoke)}
    return first, tuple(p for key, p in everyone.items() if key != (first.kind, first.value))


def summary(app: str, title: str, count: int) -> str:
    """A conversation's summary: the app, the group's title, how many messages; never text."""
    messages = "message" if count == 1 else "messages"
    where = f"{app} group {title}" if title else f"{app} chat"
    return f"{where}: {count} {messages}"


def call(
    app: str, at: datetime, caller: Party, callees: tuple[Party, ...], seconds: int, call_id: str
) -> ExchangeRecord:
    """A call that connected, from its caller, its length in the summary."""
    return ExchangeRecord(
        source_id=f"{app.lower()}:call:{call_id}",
        at=at,
        channel="call",
        summary=f"{app} call, {length(seconds)}",
        sender=caller,
        recipients=callees,
        origin=app.lower(),
        duration=seconds,
    )
