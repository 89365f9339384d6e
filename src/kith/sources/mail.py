"""Mail headers into `ExchangeRecord`s, shared by the mbox, Maildir and .eml readers."""

# Only the header block is read. Header bytes are UTF-8, else cp1252 (formats.md); RFC 2047 encoded
# words are decoded after the addresses are split, so a display name whose comma appears only once
# decoded stays one name. A message without a usable Date: is dated by its newest Received: header,
# else by its mbox postmark, and says which (`ExchangeRecord.dated_by`); one with none of these, or
# without a usable From:, becomes a `Skipped`: its time is never guessed. One without a
# Message-ID gets `no-message-id:` and a hash of its Date, From and Subject as its id, which says
# so wherever the id shows, and is the same from any mail source.

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path

from kith.errors import UserError
from kith.identities import email
from kith.records import ExchangeRecord, Party, Skipped

NO_SUBJECT = "(no subject)"  # the summary of a message without one
ORIGIN = "mail"  # one id space for every mail source: a message counts once wherever it was read
NO_DATE = "no usable Date: header nor a dated Received: header; not guessed"
MAX_HEADER_LINES = 5000  # past this a "header" is a body without its blank line
ADDRESS_FIELDS = frozenset({"to", "cc"})  # repeated fields whose occurrences add up
WANTED = frozenset(
    {
        b"from",
        b"to",
        b"cc",
        b"date",
        b"message-id",
        b"in-reply-to",
        b"subject",
        b"list-id",
        b"list-unsubscribe",
        b"list-post",
        b"mailing-list",
        b"precedence",
        b"auto-submitted",
        b"x-auto-response-suppress",
        b"return-path",
    }
)
_LIST_FIELDS = ("list-id", "list-unsubscribe", "list-post", "mailing-list")
_BULK = frozenset({"bulk", "list", "junk", "auto_reply"})
_SUPPRESSED = frozenset({"all", "oof", "autoreply"})  # DR, RN, NRN alone are ordinary mail
_NO_REPLY = re.compile(
    r"(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]?daemon|postmaster|bounces?)(?:[-+._][^@]*)?@"
)
_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_ANGLED = re.compile(r"<([^<>]*)>")
_NOT_SIMPLE = re.compile(r'["()\\;:\[\]]')
_RECEIVED = frozenset({b"received"})
_SPELLED_AT = re.compile(r"([\w.+-]+) at ([\w-]+(?:\.[\w-]+)+)")  # Pipermail hides the @
_INDENTED_FIELD = re.compile(rb"[ \t]+[!-9;-~]+[ \t]*:")  # a field written with a space before it

Fields = dict[str, str]  # lower-case field name -> unfolded, decoded (but not RFC 2047) value


@dataclass(frozen=True)
class Envelope:
    """What a message's headers say, decoded, before Kith judges whether it is usable."""

    source_id: str
    has_message_id: bool
    at: datetime | None
    summary: str
    sender: Party | None
    recipients: tuple[Party, ...]
    automated: bool
    in_reply_to: str | None


def header_lines(lines: Iterable[bytes]) -> list[bytes]:
    """The header block at the start of a file, after any whitespace padding before it."""
    block: list[bytes] = []
    for line in lines:
        if not block and line.isspace():
            continue
        if line.isspace() or not is_header_line(line) or len(block) >= MAX_HEADER_LINES:
            break
        block.append(line)
    return block


def is_header_line(line: bytes) -> bool:
    """A field (`Name: value`) or the continuation of one; anything else ends the block."""
    return line[:1] in (b" ", b"\t") or b":" in line


def fields(block: list[bytes]) -> Fields:
    """The fields Kith reads, unfolded; the first of each, except To and Cc, which add up."""
    found = _unfolded(block, WANTED)
    return {key.decode(): _joined(key.decode(), parts) for key, parts in found.items()}


def _unfolded(block: list[bytes], wanted: frozenset[bytes]) -> dict[bytes, list[bytearray]]:
    """Every occurrence of the `wanted` fields (lower-case names), unfolded, as bytes."""
    found: dict[bytes, list[bytearray]] = {}
    current: bytearray | None = None
    for line in _unindented(block):
        if line[:1] in (b" ", b"\t"):
            if current is not None:
                current += line.rstrip(b"\r\n")
            continue
        name, colon, value = line.partition(b":")
        key = name.rstrip().lower()
        current = bytearray(value.rstrip(b"\r\n")) if colon and key in wanted else None
        if current is not None:
            found.setdefault(key, []).append(current)
    return found


def _unindented(block: list[bytes]) -> list[bytes]:
    """The header lines, with each field's indentation taken off when every field was written
    with a space before it (some exporters do); continuation lines stay indented."""
    if not block or _INDENTED_FIELD.match(block[0]) is None:
        return block
    return [line.lstrip(b" \t") if _INDENTED_FIELD.match(line) else line for line in block]


def _joined(key: str, parts: list[bytearray]) -> str:
    if key in ADDRESS_FIELDS:
        return ", ".join(text(bytes(part)).strip() for part in parts)
    return text(bytes(parts[0])).strip()


def text(raw: bytes) -> str:
    """Header bytes as text: UTF-8 (RFC 6532, and plain ASCII), else cp1252."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


def decode_words(value: str) -> str:
    """RFC 2047 encoded words decoded; neighbours in one charset are joined before decoding, so a
    character split across two words (and a fold) comes out whole."""
    if "=?" not in value:
        return value
    parts: list[str | tuple[str, bytes]] = []
    end = 0
    for match in _WORD.finditer(value):
        gap, data = value[end : match.start()], _word_bytes(match.group(2), match.group(3))
        last = parts[-1] if parts else None
        if gap and not (gap.isspace() and isinstance(last, tuple)):
            parts.append(gap)
        charset = match.group(1).split("*")[0].lower()
        if data is None:
            parts.append(match.group(0))
        elif isinstance(last, tuple) and last[0] == charset and (not gap or gap.isspace()):
            parts[-1] = (charset, last[1] + data)
        else:
            parts.append((charset, data))
        end = match.end()
    parts.append(value[end:])
    return "".join(part if isinstance(part, str) else _charset_text(*part) for part in parts)


def _word_bytes(encoding: str, data: str) -> bytes | None:
    raw = data.encode("utf-8")
    try:
        if encoding in "bB":
            return base64.b64decode(raw + b"=" * (-len(raw) % 4))
        return binascii.a2b_qp(raw, header=True)
    except (binascii.Error, ValueError):
        return None


def _charset_text(charset: str, data: bytes) -> str:
    try:
        return data.decode(charset, "replace")
    except (LookupError, ValueError):  # unknown-8bit, x-unknown; a NUL in the name (fuzzed)
        return text(data)


def envelope(found: Fields) -> Envelope:
    """Everything the headers say, decoded; `at` and `sender` are None when unusable."""
    senders = parties(found.get("from", ""))
    sender = senders[0] if senders else None
    own_id = message_id(found.get("message-id"))
    return Envelope(
        source_id=own_id or made_up_id(found),
        has_message_id=own_id is not None,
        at=date(found.get("date")),
        summary=" ".join(decode_words(found.get("subject", "")).split()) or NO_SUBJECT,
        sender=sender,
        recipients=recipients(found),
        automated=is_automated(found, sender),
        in_reply_to=reply_id(found.get("in-reply-to")),
    )


def exchange(
    block: list[bytes], name: str, line: int, postmark: datetime | None = None
) -> ExchangeRecord | Skipped:
    """The record of one message from its header lines, or why it has none; `name` and `line`
    say where it was, and `postmark` is the date of its mbox `From ` line, the last resort for
    its time (after the newest Received: header's, read only when the Date: is unusable)."""
    found = fields(block)
    read = envelope(found)
    at, dated_by = read.at, None
    if at is None:
        at, dated_by = received_date(block), "received"
    if at is None and postmark is not None:
        at, dated_by = postmark, "postmark"
    problem = _problem(found, read)
    if problem or at is None:
        return Skipped(_where(read, name, line), problem or NO_DATE)
    return ExchangeRecord(
        source_id=read.source_id,
        at=at,
        channel="email",
        summary=read.summary,
        sender=read.sender,
        recipients=read.recipients,
        automated=read.automated,
        in_reply_to=read.in_reply_to,
        origin=ORIGIN,
        dated_by=dated_by,
    )


def received_date(block: list[bytes]) -> datetime | None:
    """The newest date among the Received: headers (`...; Tue, 3 Jan 2006 10:00:00 +0000`)."""
    values = _unfolded(block, _RECEIVED).get(b"received", [])
    dates = [date(text(bytes(v)).rpartition(";")[2]) for v in values if b";" in v]
    known = [d for d in dates if d is not None]
    return max(known) if known else None


def _problem(found: Fields, read: Envelope) -> str | None:
    if "from" not in found:
        return "no From: header"
    if read.sender is None:
        return f"no usable address in From: {found['from']!r}"
    return None


def _where(read: Envelope, name: str, line: int) -> str:
    if read.has_message_id:
        return f"{name}: message <{read.source_id}> (line {line})"
    return f"{name}: message without Message-ID (line {line})"


def read_message(path: Path, name: str) -> ExchangeRecord | Skipped:
    """One message in a file of its own (.eml, a Maildir entry): its header block only."""
    try:
        with path.open("rb") as handle:
            block = header_lines(handle)
    except OSError as error:
        return Skipped(name, f"cannot be read ({error.strerror or error})")
    if not block:
        return Skipped(f"{name}: line 1", "no mail headers at the top of the file")
    return exchange(block, name, 1)


def parties(value: str) -> list[Party]:
    """The valid addresses of an address field, with their decoded display names (an archive's
    `user at example.org` read as `user@example.org`)."""
    if " at " in value and "@" not in value:
        value = _SPELLED_AT.sub(r"\1@\2", value)
    found = []
    for name, address in _simple_addresses(value) or _parsed(value):
        try:
            normalised = email(address)
        except UserError:
            continue
        display = " ".join(decode_words(name).split())
        found.append(Party("email", normalised, display or None))
    return found


def _parsed(value: str) -> list[tuple[str, str]]:
    """The RFC 5322 parser's addresses; none from a field it cannot read (it recurses once per
    group, `name:`, and a field of a thousand groups runs past Python's recursion limit)."""
    try:
        return getaddresses([value])
    except RecursionError:
        return []


def _simple_addresses(value: str) -> list[tuple[str, str]] | None:
    """`Name <address>, address, ...` split without the full RFC 5322 parser, which costs most of
    the reading time; None (use the parser) when quotes, comments, groups or escapes appear."""
    if _NOT_SIMPLE.search(value):
        return None
    found: list[tuple[str, str]] = []
    for part in value.split(","):
        item = part.strip()
        if item.endswith(">") and item.count("<") == 1 and item.count(">") == 1:
            name, _, address = item[:-1].partition("<")
        elif "<" in item or ">" in item:
            return None
        elif len(words := item.split()) > 1 and all("@" in word for word in words):
            found.extend(("", word) for word in words)  # `a@x.example b@y.example`: no comma
            continue
        else:
            name, address = "", item
        if address.strip():
            found.append((name.strip(), address.strip()))
    return found


def recipients(found: Fields) -> tuple[Party, ...]:
    """To then Cc, each address once (its first appearance kept)."""
    unique: dict[str, Party] = {}
    for party in parties(found.get("to", "")) + parties(found.get("cc", "")):
        unique.setdefault(party.value, party)
    return tuple(unique.values())


def message_id(value: str | None) -> str | None:
    """A Message-ID without its angle brackets and whitespace."""
    if not value:
        return None
    match = _ANGLED.search(value)
    cleaned = "".join((match.group(1) if match else value).split())
    return cleaned or None


def reply_id(value: str | None) -> str | None:
    """The first message id of In-Reply-To; a bare phrase ("your message of ...") is none."""
    if not value or (not _ANGLED.search(value) and (len(value.split()) != 1 or "@" not in value)):
        return None
    return message_id(value)


def made_up_id(found: Fields) -> str:
    """An id for a message without a Message-ID: the same headers give the same id anywhere."""
    parts = (" ".join(found.get(key, "").split()) for key in ("date", "from", "subject"))
    digest = hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return f"no-message-id:{digest[:32]}"


def date(value: str | None) -> datetime | None:
    """The Date: as an aware datetime (no zone, or -0000, is UTC); None when unusable."""
    if not value or value.isspace():
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def is_automated(found: Fields, sender: Party | None) -> bool:
    """Mailing-list, bulk, auto-submitted or no-reply traffic: never a personal exchange."""
    if any(key in found for key in _LIST_FIELDS):
        return True
    if found.get("precedence", "").strip().lower() in _BULK:
        return True
    if found.get("auto-submitted", "no").split(";")[0].strip().lower() not in ("no", ""):
        return True
    if _SUPPRESSED & set(re.split(r"[\s,]+", found.get("x-auto-response-suppress", "").lower())):
        return True
    return _is_no_reply(found.get("return-path")) or (
        sender is not None and _NO_REPLY.match(sender.value) is not None
    )


def _is_no_reply(return_path: str | None) -> bool:
    if return_path is None:
        return False
    address = return_path.strip().strip("<>").strip().lower()
    return not address or _NO_REPLY.match(address) is not None
