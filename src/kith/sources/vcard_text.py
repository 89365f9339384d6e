"""The bytes of a .vcf file as cards of decoded content lines: encodings, folding, quoted-printable.

Lines are split, unfolded and joined across quoted-printable soft breaks while still bytes (a soft
break can split a multi-byte character); each value is then decoded on its own, in the order
formats.md gives: byte-order mark, declared CHARSET, valid UTF-8, UTF-16 without a BOM, else the
8-bit codec that reads the bytes best (flagged). A line that opens no property continues the value
before it (a raw line break), and one that starts with a space and then a known property is a
property of its own (a broken fold), not the end of the value before.
"""

from __future__ import annotations

import binascii
import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

Params = dict[str, list[str]]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BEGIN = re.compile(rb"^\s*(?:[\w-]+\.)?BEGIN\s*:\s*VCARD\s*$", re.IGNORECASE)
_END = re.compile(rb"^\s*(?:[\w-]+\.)?END\s*:\s*VCARD\s*$", re.IGNORECASE)
_AGENT = re.compile(rb"^(?:[\w-]+\.)?AGENT[^:]*:\s*$", re.IGNORECASE)
_QP = re.compile(rb"^[^:]*QUOTED-PRINTABLE", re.IGNORECASE)
_BASE64 = re.compile(rb"^[^:]*(?:ENCODING=B|;BASE64)", re.IGNORECASE)
_NAME = re.compile(r"^(?:([\w-]+)\.)?([\w-]+)$")  # letters of any script: `X-ÉTAT`
_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
_CARETS = {"n": "\n", "N": "\n", "^": "^", "'": '"'}
UTF16_PROBE = 400  # bytes looked at to judge UTF-16 without a byte-order mark
# A line that opens a property: what a broken fold (a space, then a property) or a raw line break
# inside a value (a line that opens none) is told apart by. A name may have letters of another
# script (a vendor's `X-ÉTAT`, bytes over 0x7F): it opens a line of its own as an ASCII one does,
# since only a space or a tab folds a line (RFC 6350 §3.2).
_PROPERTY = re.compile(rb"^(?:[\w\x80-\xff-]+\.)?([A-Za-z\x80-\xff][\w\x80-\xff-]*)[ \t]*[;:]")
KNOWN_PROPERTIES = frozenset(
    b"""ADR AGENT ANNIVERSARY BDAY BEGIN CALURI CATEGORIES CLASS CLIENTPIDMAP EMAIL END FBURL FN
    GENDER GEO IMPP KEY KIND LABEL LANG LOGO MAILER MEMBER N NAME NICKNAME NOTE ORG PHOTO PRODID
    PROFILE RELATED REV ROLE SORT-STRING SOUND SOURCE TEL TITLE TZ UID URL VERSION XML""".split()
)
# 8-bit text that declares no charset and is not UTF-8: the codec whose reading has the most
# letters wins (cp1252 first on a tie), and the card is flagged for checking
EIGHT_BIT_CODECS = ("cp1252", "cp850", "mac_roman", "iso8859_2")


class CardError(ValueError):
    """A content line that cannot be read: the card it is in is skipped."""


@dataclass(frozen=True)
class Line:
    """One property (`item1.EMAIL;TYPE=HOME:ana@example.org`), decoded but not unescaped."""

    number: int  # the file's line where it starts
    group: str | None
    name: str  # upper case
    params: Params  # upper-case names; 2.1's bare parameters under TYPE; no ENCODING=QP, CHARSET
    value: str
    fallback: bool = False  # decoded as cp1252 only because nothing else fitted

    def types(self) -> list[str]:
        return [t.lower() for t in self.params.get("TYPE", ())]

    def param(self, name: str) -> str | None:
        values = self.params.get(name)
        return values[0] if values else None


@dataclass
class Card:
    number: int  # 1 for the file's first card
    line: int  # the line of its BEGIN:VCARD
    lines: list[Line] = field(default_factory=list)
    problem: str | None = None


def sniff_text(head: bytes) -> str:
    """The start of a file as text, enough to recognise it: BOM and UTF-16 handled."""
    codec, offset = file_codec(head)
    return head[offset:].decode(codec or "latin-1", "replace")


def file_codec(data: bytes) -> tuple[str | None, int]:
    """The whole file's codec and BOM length, or None when each value says (or is) its own."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    probe = data[: UTF16_PROBE - UTF16_PROBE % 2]
    if len(probe) >= 2:
        if probe[1::2].count(0) == len(probe) // 2 and probe[0::2].count(0) == 0:
            return "utf-16-le", 0
        if probe[0::2].count(0) == len(probe) // 2 and probe[1::2].count(0) == 0:
            return "utf-16-be", 0
    return None, 0


def cards(data: bytes) -> Iterator[Card]:
    """Every card in the file, in order; a card with a line that cannot be read has a problem."""
    codec, offset = file_codec(data)
    body = data[offset:] if codec is None else data[offset:].decode(codec, "replace").encode()
    found = _split_cards(_logical_lines(_physical_lines(body)))
    for number, (start, raw_lines, problem) in enumerate(found, start=1):
        card = Card(number, start, problem=problem)
        try:
            card.lines = [parse_line(n, raw, unicode=codec is not None) for n, raw in raw_lines]
        except CardError as error:
            card.problem = card.problem or str(error)
        yield card


def _physical_lines(body: bytes) -> list[bytes]:
    separator = b"\n" if b"\n" in body else b"\r"
    return [line.rstrip(b"\r") for line in body.split(separator)]


def _logical_lines(physical: list[bytes]) -> Iterator[tuple[int, bytes]]:
    """Unfolded lines with the number of the line each starts on; blank lines dropped."""
    current: bytearray | None = None  # grown in place: a long folded photo stays linear
    start = index = 0
    while index < len(physical):
        raw = physical[index]
        index += 1
        folded = raw[:1] in (b" ", b"\t")
        if current is not None and folded and not _broken_fold(raw):
            current += raw[1:]
        elif current is not None and raw and _continues_base64(current, raw):
            current += raw
        elif current is not None and raw.strip() and not folded and not _PROPERTY.match(raw):
            # a raw line break inside a value (a label, quoted-printable): kept as one
            current += (b"" if current[-6:].upper() == b"=0D=0A" else b"\n") + raw
        elif raw.strip():
            if current is not None:
                yield start, bytes(current)
            current, start = bytearray(raw.lstrip() if folded else raw), index
            while _soft_break(current) and index < len(physical) and _joinable(physical[index]):
                while current[-1] in b" \t":
                    current.pop()
                current.pop()  # the `=` of the soft break
                current += physical[index]
                index += 1
    if current is not None:
        yield start, bytes(current)


def _broken_fold(raw: bytes) -> bool:
    """A line starting with one space and then a property some writer meant as its own line
    (` FN:Ada`), not the continuation of the line before."""
    match = _PROPERTY.match(raw[1:])
    if match is None:
        return False
    name = match.group(1).upper()
    return name in KNOWN_PROPERTIES or name.startswith(b"X-")


def _soft_break(line: bytearray) -> bool:
    end = len(line)
    while end and line[end - 1] in b" \t":
        end -= 1
    return end > 0 and line[end - 1] == 0x3D and _QP.match(line) is not None


def _joinable(following: bytes) -> bool:
    return bool(following.strip()) and _END.match(following) is None


def _continues_base64(current: bytearray, raw: bytes) -> bool:
    """vCard 2.1 lets base64 run on over lines that are not indented (some phones do)."""
    return b":" not in raw and _BASE64.match(current) is not None


def _split_cards(
    lines: Iterator[tuple[int, bytes]],
) -> Iterator[tuple[int, list[tuple[int, bytes]], str | None]]:
    """(line of BEGIN, the card's lines, a problem or None); stray lines outside cards ignored."""
    card: list[tuple[int, bytes]] | None = None
    start = depth = 0
    for number, line in lines:
        if _BEGIN.match(line):
            if card is not None and card and _AGENT.match(card[-1][1]):
                depth += 1  # a 2.1 AGENT: a card inside the card, not kept
                continue
            if card is not None:
                yield start, card, f"it has no END:VCARD before line {number}"
            card, start, depth = [], number, 1
        elif card is not None and _END.match(line):
            depth -= 1
            if depth == 0:
                yield start, card, None
                card = None
        elif card is not None and depth == 1:
            card.append((number, line))
    if card is not None:
        yield start, card, "the file ends before its END:VCARD"


def parse_line(number: int, raw: bytes, *, unicode: bool) -> Line:
    """`group.NAME;PARAM=VALUE:value` read, its value decoded; `unicode`: the file already was."""
    colon = _value_start(raw)
    if colon < 0:
        raise CardError(f"line {number} has no ':' between a property and its value")
    head = _head_text(raw[:colon]).split(";")
    head = _rejoin_quoted(head)
    match = _NAME.match(head[0].strip())
    if match is None:
        raise CardError(f"line {number} does not start with a property name")
    params = _params(head[1:])
    value, fallback = _decode(raw[colon + 1 :], params, unicode)
    return Line(number, match.group(1), match.group(2).upper(), params, value, fallback)


def _head_text(head: bytes) -> str:
    """A property's name and parameters as text: UTF-8, else cp1252 (an 8-bit `X-ÉTAT`)."""
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError:
        return head.decode("cp1252", "replace")


def _value_start(raw: bytes) -> int:
    """The colon that ends the name and parameters: the first one outside double quotes."""
    colon = raw.find(b":")
    if colon < 0 or b'"' not in raw[:colon]:
        return colon
    quoted = False
    for index, byte in enumerate(raw):
        if byte == 0x22:
            quoted = not quoted
        elif byte == 0x3A and not quoted:
            return index
    return -1


def _rejoin_quoted(parts: list[str]) -> list[str]:
    """Put back together parameters split at a `;` that sat inside double quotes."""
    joined: list[str] = []
    for part in parts:
        if joined and joined[-1].count('"') % 2:
            joined[-1] += ";" + part
        else:
            joined.append(part)
    return joined


def _params(parts: list[str]) -> Params:
    params: Params = {}
    for part in parts:
        name, equals, text = part.partition("=")
        name = name.strip().upper()
        if not equals:  # vCard 2.1: `TEL;WORK;VOICE`, `PHOTO;ENCODING=BASE64;JPEG`, `;BASE64`
            name, text = ("ENCODING" if name in _ENCODINGS else "TYPE"), name
        if name:
            params.setdefault(name, []).extend(_param_values(name, text))
    return params


def _param_values(name: str, text: str) -> list[str]:
    values, quoted, current = [], False, ""
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == "," and (not quoted or name == "TYPE"):
            values.append(current)
            current = ""
        else:
            current += char
    values.append(current)
    return [uncaret(v.strip()) for v in values if v.strip()]


def uncaret(text: str) -> str:
    """RFC 6868 parameter escapes: ^n a new line, ^' a double quote, ^^ a caret."""
    if "^" not in text:
        return text
    return re.sub(r"\^([nN^'])", lambda m: _CARETS[m.group(1)], text)


def _decode(value: bytes, params: Params, unicode: bool) -> tuple[str, bool]:
    encoding = [e.upper() for e in params.pop("ENCODING", [])]
    charset = params.pop("CHARSET", [None])[0]
    quoted = "QUOTED-PRINTABLE" in encoding
    if quoted:
        value = binascii.a2b_qp(value)
    elif "BASE64" in encoding or "B" in encoding:
        params["ENCODING"] = ["b"]
    if unicode and not quoted:
        return value.decode("utf-8", "replace"), False
    text, fallback = decode_text(value, charset)
    return text.replace("\r\n", "\n").replace("\r", "\n") if quoted else text, fallback


def decode_text(value: bytes, charset: str | None) -> tuple[str, bool]:
    """Declared charset, else valid UTF-8, else cp1252 (True: the fallback was needed)."""
    if value.isascii():
        return value.decode("ascii"), False
    codec = _codec(charset)
    if codec:
        try:
            return value.decode(codec), False
        except UnicodeDecodeError:
            pass
    try:
        return value.decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    if codec:
        return value.decode(codec, "replace"), False
    return best_decoding(value), True


def best_decoding(value: bytes) -> str:
    """8-bit bytes in the codec that reads them with the most letters (the first on a tie)."""
    best, score = "", -1
    for codec in EIGHT_BIT_CODECS:
        text = value.decode(codec, "replace")
        letters = sum(char.isalpha() for char in text if not char.isascii())
        if letters > score:
            best, score = text, letters
    return best


def _codec(charset: str | None) -> str | None:
    if not charset:
        return None
    try:
        return codecs.lookup(charset.strip().strip('"')).name
    except (LookupError, ValueError):  # an unknown name, or one with a NUL in it
        return None
