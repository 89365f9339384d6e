"""Android "SMS Backup & Restore" files: `sms-*.xml` (SMS and MMS) and `calls-*.xml`.

Streamed with expat's handlers, which take each entry's attributes and build no element tree
(the root's tag is read apart, with iterparse). An SMS's `type` says its side (1 received, 2
sent; drafts, outbox, failed and queued ones were never exchanged and are ignored), an MMS's
`msg_box` likewise, its `address` the other members joined by `~` (a group MMS), its `addrs`
(type 137) the sender. An RCS group chat's `address` is the group's own
(`group_8@rcs.google.com`), never a person: its members are the MMS's `<addr>` entries less the
user's own numbers, which the file shows as the sender (137) of the MMS the user sent and the
other side of one-to-one MMS. The file is the phone owner's own, so the owner is the user: Kith
needs no address of theirs.
Numbers become E.164 with `phone.default_region`; the phone's `contact_name` names them.

Messages are grouped per thread into conversations (chat.py); the backup lists SMS before MMS,
so the (time, thread, sender) of each message is gathered and sorted first: a few dozen bytes a
message. A call (`<call>`) of type 1 (incoming) or 2 (outgoing) that lasted is a call
interaction; missed (3), voicemail (4), rejected (5), blocked (6) and unanswered ones are not
conversations and are counted as ignored.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path
from pyexpat import ExpatError, ParserCreate, XMLParserType
from typing import Any
from xml.etree.ElementTree import ParseError, iterparse

from kith.errors import UserError
from kith.records import (
    OWNER,
    Conversations,
    Ignored,
    Party,
    Record,
    Skipped,
    Talk,
    Tally,
)
from kith.sources import chat

APP = "SMS"
_ROOT = re.compile(rb"<(smses|calls)[\s>]")
NO_NAME = frozenset({"", "null", "(unknown)"})
CALL_TYPES = {
    "3": "missed call",
    "4": "call to voicemail",
    "5": "rejected call",
    "6": "blocked call",
    "7": "call answered on another device",
}
MMS_FROM = "137"
ROOTS = ("smses", "calls")
EXPECTED = (
    "an SMS Backup & Restore XML file: <smses> holding <sms> and <mms> entries, or <calls> "
    "holding <call> entries, each with a date"
)
# expat's codes for input that ends too soon: no element found, unclosed token, partial character
CUT_SHORT = frozenset({3, 5, 6})

CHUNK = 64 * 1024  # bytes fed to expat at a time
BULK = 1_000  # conversations handed to the importer at once (`in_bulk`)
# an <sms>, <mms> or <call>: its tag, its attributes, an MMS's <addr> entries as (address,
# type), and its text/plain parts' text (gathered only when the text is kept)
Entry = tuple[str, dict[str, str], list[tuple[str, str | None]], list[str]]
# (ms, thread, sender, members, text: only when the user asked to keep it)
Message = tuple[int, str, Party, tuple[Party, ...], str | None]


def sniff(head: bytes, path: Path) -> bool:
    """An XML file whose root is `<smses>` or `<calls>`."""
    return head.lstrip().startswith(b"<?xml") and _ROOT.search(head[:4096]) is not None


def expected(path: Path) -> str | None:
    """What an SMS backup holds, for the error when nothing could be read; None for a backup
    whose <smses> or <calls> is there and empty."""
    return None if _root(path) in ROOTS else EXPECTED


def _root(path: Path) -> str | None:
    """The tag of the file's root element ("" when it has none); None when the XML breaks
    before it."""
    try:
        # the file opened here, closed here: iterparse's own handle, left with its iterator
        # unfinished, waits for the garbage collector (a ResourceWarning at some later moment)
        with path.open("rb") as source:
            for _, element in iterparse(source, events=("start",)):
                return str(element.tag)
    except ParseError:
        return None
    except LookupError as error:  # the XML declaration names an encoding Python lacks
        raise UserError(
            f"{path}: {error}; an SMS Backup & Restore file is UTF-8. Make the backup again."
        ) from None
    return ""


def read(
    path: Path,
    region: str | None = None,
    keep_text: bool = False,
    each: bool = False,
    bulk: bool = False,
) -> Iterator[Record]:
    """Conversations per thread and connected calls; the tallies of messages and calls. With
    `keep_text`, each conversation's messages (an SMS's body, an MMS's text parts) become its
    notes. With `each` (or `keep_text`) every message goes through chat.Threads, the longer way
    to the same conversations (tests/test_chat_bulk_path.py). With `bulk` (the importer's) the
    conversations come as `Conversations` rows, not a record each."""
    reader = _Reader(path, region, keep_text)
    yield from reader.entries()
    messages = reader.messages
    messages.sort(key=itemgetter(0))
    # with the text kept, each message goes through chat.Threads, which keeps it as a line
    grouped = per_message if keep_text or each else in_bulk if bulk else conversations
    yield from grouped(messages, reader.own)
    if reader.root == "smses":
        yield Tally("message", len(messages))
    elif reader.calls:
        yield Tally("call", reader.calls)


def per_message(messages: list[Message], mine: set[str]) -> Iterator[Record]:
    """The messages (in time order) grouped per thread by chat.Threads, a time made for each."""
    threads = chat.Threads(APP)
    for ms, thread, writer, parties, text in messages:
        # the user's own number, seen in a group's <addr> entries, is the user
        members = tuple(p for p in parties if p.value not in mine)
        sender = OWNER if writer.value in mine else writer
        yield from threads.add(thread, _moment(ms), sender, members, "", text)
    yield from threads.close()


def conversations(messages: list[Message], mine: set[str]) -> Iterator[Record]:
    """The messages (in time order, their text not kept) grouped per thread as chat.Threads
    groups them (`per_message`), each conversation an ExchangeRecord made from its row
    (`talks`)."""
    batch = Conversations(APP.lower(), "message", [])
    for row in talks(messages, mine):
        yield batch.record(row)


def in_bulk(messages: list[Message], mine: set[str]) -> Iterator[Record]:
    """The same conversations as `conversations`, handed over BULK rows at a time, with no
    record made per conversation (the importer makes one only for a conversation it cannot
    apply from the row)."""
    rows: list[Talk] = []
    for row in talks(messages, mine):
        rows.append(row)
        if len(rows) >= BULK:
            yield Conversations(APP.lower(), "message", rows)
            rows = []
    if rows:
        yield Conversations(APP.lower(), "message", rows)


def talks(messages: list[Message], mine: set[str]) -> Iterator[Talk]:
    """The messages (in time order, their text not kept) grouped per thread as chat.Threads
    groups them (`per_message`), on the milliseconds: a time is made for each conversation's
    start, not for every message, and what a conversation's parties make of its row (its
    sender and recipients) once per set of parties, the same objects each time.

    The reader makes each tuple of parties once (`_Reader.sms`), and every one stays alive in
    `messages` while this runs: so the look-ups below go by the objects' ids, which costs no
    hashing of parties (a dataclass's hash is Python code)."""
    app = APP.lower()
    gap, span = _MS * int(chat.GAP.total_seconds()), _MS * int(chat.SPAN.total_seconds())
    # open conversations, one per thread, in first-seen order: [start, last, count, members,
    # writers]
    open_: dict[str, list[Any]] = {}
    shown: dict[int, tuple[Party, ...]] = {}  # the parties less the user's numbers, by id
    # (first, recipients, writers, the id's text after the start) by the ids of the parties
    sides: dict[tuple[int, ...], tuple[Party, tuple[Party, ...], tuple[Party, ...], str]] = {}
    summaries: dict[int, str] = {}
    senders: dict[int, Party] = {}  # who sent it (the user for their own numbers), by id
    moment, hashed = datetime.fromtimestamp, hashlib.sha256

    def row(thread: str, talk: list[Any]) -> Talk:
        start_ms, _, count, members, spoke = talk
        key = (id(members), id(spoke[0])) if len(spoke) == 1 else (id(members), *map(id, spoke))
        found = sides.get(key)
        if found is None:
            first, recipients = chat.sides(members, spoke)
            # chat.conversation_id's text after the thread and the start
            after = f"\n{first.kind}\n{first.value}"
            found = sides[key] = (first, recipients, tuple(spoke), after)
        summary = summaries.get(count)
        if summary is None:
            summary = summaries[count] = chat.summary(APP, "", count)
        at = moment(start_ms / 1000, UTC)  # in range: _ms passed it
        iso = at.isoformat()  # UTC, a year of four digits: the stored text is its first 19
        text = thread + "\n" + iso + found[3]  # chat.conversation_id's, made here
        digest = hashed(text.encode("utf-8", "surrogatepass")).hexdigest()
        return (f"{app}:{digest[:32]}", at, iso[:19] + "Z", summary, *found[:3])

    for ms, thread, writer, parties, _ in messages:
        sender = senders.get(id(writer))
        if sender is None:
            # the user's own number, seen in a group's <addr> entries, is the user
            sender = senders[id(writer)] = OWNER if writer.value in mine else writer
        talk = open_.get(thread)
        if talk is not None:
            if ms - talk[1] <= gap and ms - talk[0] < span:
                talk[1] = max(talk[1], ms)
                talk[2] += 1
                if sender not in talk[4]:  # a thread's few writers: a list beats a set
                    talk[4].append(sender)
                continue
            yield row(thread, talk)
        members = shown.get(id(parties))
        if members is None:
            members = shown[id(parties)] = tuple(p for p in parties if p.value not in mine)
        open_[thread] = [ms, ms, 1, members, [sender]]
    for thread, talk in open_.items():
        yield row(thread, talk)


_MS = 1000


class _Reader:
    def __init__(self, path: Path, region: str | None, keep_text: bool = False) -> None:
        self.path, self.region, self.root, self.keep_text = path, region, "", keep_text
        self.parties: dict[tuple[str, str], Party] = {}
        self.pairs: dict[tuple[str, str | None], tuple[Party, Party]] = {}  # an SMS's parties
        self.groups: dict[tuple[int, ...], tuple[Party, ...]] = {}  # an MMS's (`group`)
        self.count = 0  # entries read so far
        self.calls = 0
        self.own: set[str] = set()  # the user's numbers, as the MMS entries show them
        self.messages: list[Message] = []  # in the file's order
        self.found: list[Record] = []  # what the entries read since the last chunk gave

    def entries(self) -> Iterator[Record]:
        """Read each <sms>, <mms> and <call>: a message goes to `messages`, anything else
        (a call, an entry ignored or skipped) is yielded, chunk by chunk. Read with expat's
        handlers, which get the attributes and nothing else: no element tree is built (it
        cost as much again as the parse), and an <sms> or <call> outside any other entry is
        read as its start tag comes, with no tuple or list made for it (`_parser`)."""
        root = _root(self.path)  # read apart: the pass below then needs only the entries
        if root is not None and root not in ROOTS:  # nothing read: the import says what it expected
            return
        self.root = root or ""
        parser = _parser(self)
        try:
            yield from self._parsed(parser)
        finally:  # the handlers hold the parser and this reader: a cycle, which would keep
            # every message read until the garbage collector (paused in a chat's import) ran
            parser.StartElementHandler = parser.EndElementHandler = None

    def _parsed(self, parser: XMLParserType) -> Iterator[Record]:
        found = self.found
        try:
            with self.path.open("rb") as source:
                while chunk := source.read(CHUNK):
                    parser.Parse(chunk, False)
                    yield from found
                    found.clear()
                parser.Parse(b"", True)
        except LookupError as error:  # the XML declaration names an encoding Python lacks
            raise UserError(
                f"{self.path}: {error}; an SMS Backup & Restore file is UTF-8. Make the "
                "backup again."
            ) from None
        except ExpatError as error:
            yield from found  # what was read before the error
            found.clear()
            if error.code in CUT_SHORT and self.root:  # the file stops mid-way
                yield self.cut_short(error.lineno)
                return
            raise UserError(
                f"{self.path}: not well-formed XML at line {error.lineno}, column "
                f"{error.offset} ({error}); the backup may be cut short. Make the backup "
                "again, or import the part before that line."
            ) from None
        yield from found
        found.clear()

    def take(self, entry: Entry) -> None:
        """One entry, closed: its message kept, or what else it gave."""
        if entry[0] == "mms":
            self.count += 1
            self.keep(self.mms(entry, self.count))
        else:
            self.take_plain(entry[0], entry[1])

    def take_plain(self, tag: str, attrs: dict[str, str]) -> None:
        """An <sms> or a <call>, whose attributes are all it says."""
        if tag == "sms":
            self.sms(attrs)
            return
        self.count += 1
        self.calls += 1
        self.keep(self.call(attrs, self.count))

    def keep(self, got: Message | Record | None) -> None:
        if type(got) is tuple:
            self.messages.append(got)
        elif got is not None:
            self.found.append(got)  # type: ignore[arg-type]

    def cut_short(self, line: int) -> Skipped:
        return Skipped(
            f"{self.path.name}:{line}",
            "the file ends inside an element (the backup was cut short): what it held after "
            f"<{self.root}> entry {self.count + 1} is lost; the entries before it are imported. "
            "Make the backup again for the rest.",
        )

    def party(self, raw: str, name: str | None) -> Party:
        key = (raw, name or "")
        if key not in self.parties:
            self.parties[key] = chat.number("sms", raw, _name(name), self.region)
        return self.parties[key]

    def where(self, tag: str, line: int) -> str:
        return f"{self.path.name}: <{tag}> number {line}"

    def sms(self, element: dict[str, str]) -> None:
        """The next entry, an <sms>: its message kept, or why not."""
        self.count += 1
        kind, address, ms = element.get("type"), element.get("address", ""), element.get("date")
        if kind not in ("1", "2"):
            self.found.append(Ignored("SMS draft, unsent or failed"))
            return
        # _ms, inline: a backup is mostly SMS
        stamp = int(ms) if ms is not None and ms.isascii() and ms.isdigit() else None
        if not address.strip() or stamp is None or stamp > _LAST_MS:
            where = self.where("sms", self.count)
            self.found.append(Skipped(where, "no address or no date (ms)"))
            return
        name = element.get("contact_name")
        pair = self.pairs.get((address, name))
        if pair is None:  # one tuple per number and name: `conversations` goes by its id
            pair = self.pairs[(address, name)] = (self.party(address, name), OWNER)
        other = pair[0]
        sender = other if kind == "1" else OWNER
        text = element.get("body", "") if self.keep_text else None
        self.messages.append((stamp, other.value, sender, pair, text))

    def mms(self, entry: Entry, line: int) -> Message | Record | None:
        _, element, addrs, parts = entry
        box, ms = element.get("msg_box"), element.get("date")
        if box not in ("1", "2"):
            return Ignored("MMS draft, unsent or failed")
        numbers = [n for n in element.get("address", "").split("~") if n.strip()]
        stamp = _ms(ms)
        if not numbers or stamp is None:
            return Skipped(self.where("mms", line), "no address or no date (ms)")
        self._learn_own(box, numbers, addrs)
        thread = ""
        if any("@" in n for n in numbers):  # an RCS group: the address is the group's, not a person
            thread = "~".join(sorted(numbers))
            numbers = list(dict.fromkeys(n for n, _ in addrs if n.strip() and "@" not in n))
            if not numbers:
                return Skipped(self.where("mms", line), "a group chat naming no member")
        name = element.get("contact_name") if len(numbers) == 1 else None
        members = tuple(self.party(n, name) for n in numbers)
        sender = OWNER
        if box == "1":
            raw = next((n for n, k in addrs if k == MMS_FROM), "")
            sender = next(
                (p for p in members if p.value == self.party(raw, None).value), members[0]
            )
        thread = thread or "~".join(sorted(p.value for p in members))
        text = " ".join(parts) if self.keep_text else None
        return stamp, thread, sender, self.group(members), text

    def group(self, members: tuple[Party, ...]) -> tuple[Party, ...]:
        """An MMS's parties (its members and the user), one tuple for each set of members
        that MMS name alike (by the ids of the parties, which `parties` keeps alive): so the
        conversations of a group chat share their parties, and what those decide is found
        by their ids (`talks`, ExchangeApplier.recall) instead of being decided afresh."""
        key = tuple(map(id, members))
        found = self.groups.get(key)
        if found is None:
            found = self.groups[key] = (*members, OWNER)
        return found

    def _learn_own(self, box: str, numbers: list[str], addrs: list[tuple[str, str | None]]) -> None:
        """The user's numbers: the sender of what they sent, the other side of a one-to-one."""
        if box == "2":
            mine = [n for n, k in addrs if k == MMS_FROM]
        elif len(numbers) == 1 and "@" not in numbers[0]:
            other = self.party(numbers[0], None).value
            mine = [n for n, _ in addrs if self.party(n, None).value != other]
        else:
            return
        self.own.update(self.party(n, None).value for n in mine if n.strip() and "@" not in n)

    def call(self, element: dict[str, str], line: int) -> Record:
        kind, ms = element.get("type"), element.get("date", "")
        seconds = element.get("duration", "0")
        if kind in CALL_TYPES:
            return Ignored(f"{CALL_TYPES[kind]} (did not connect)")
        if kind not in ("1", "2") or chat.epoch(ms, 1000) is None or chat.count(seconds) is None:
            return Skipped(self.where("call", line), f"call type {kind!r} or its date unknown")
        if int(seconds) == 0:
            return Ignored("call that was not answered (did not connect)")
        other = self.party(element.get("number", ""), element.get("contact_name"))
        caller, callee = (other, OWNER) if kind == "1" else (OWNER, other)
        at = _moment(int(ms))
        return chat.call("Phone", at, caller, (callee,), int(seconds), f"{ms}:{other.value}")


def _parser(reader: _Reader) -> XMLParserType:
    """An expat parser (with namespaces, as ElementTree's) that hands the reader each <sms>,
    <mms> and <call> when its end tag closes it (`_Reader.take`); an <addr> or <part> belongs
    to the entry open around it, as ElementTree's `iter` finds it there. An <sms> or <call>
    outside any other entry is taken as its start tag comes: what it holds (nothing, in a
    backup) is not read, and its end tag then closes nothing."""
    parser = ParserCreate(None, "}")
    open_: list[Entry] = []
    entries = ("sms", "mms", "call")
    keep_text, take, sms = reader.keep_text, reader.take, reader.sms

    def start(tag: str, attrs: dict[str, str]) -> None:
        if not open_:
            if tag == "sms":
                sms(attrs)
            elif tag == "call":
                reader.take_plain(tag, attrs)
            elif tag == "mms":
                open_.append((tag, attrs, [], []))
                parser.EndElementHandler = end  # only an open entry's end tag is asked for
        elif tag == "addr":
            open_[-1][2].append((attrs.get("address", ""), attrs.get("type")))
        elif tag == "part":
            if keep_text and attrs.get("ct") == "text/plain":
                open_[-1][3].append(attrs.get("text", ""))
        elif tag in entries:
            open_.append((tag, attrs, [], []))

    def end(tag: str) -> None:
        if open_ and open_[-1][0] == tag:
            take(open_.pop())
            if not open_:  # an <sms>'s end tag, 90% of a backup's, then calls no Python
                parser.EndElementHandler = None

    parser.StartElementHandler = start
    return parser


def _name(name: str | None) -> str | None:
    return None if name is None or name.strip().casefold() in NO_NAME else name.strip()


# the last millisecond of year 9999: datetime's range, as chat.epoch reads it
_LAST_MS = 253_402_300_799_999


def _ms(value: str | None) -> int | None:
    """Whole milliseconds since 1970 that make a time (what chat.epoch(value, 1000) accepts),
    read without making the time."""
    if value is None or not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if number <= _LAST_MS else None


def _moment(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)  # in range: chat.epoch passed it
