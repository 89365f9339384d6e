"""IMAP folder names: modified UTF-7 (RFC 3501 §5.1.3) both ways, and quoting for a command."""

from __future__ import annotations

import base64
import re

_SHIFTED = re.compile(r"&([A-Za-z0-9+,]*)-")


def encoded(name: str) -> str:
    """A folder name as typed (any Unicode) in the server's modified UTF-7."""
    out: list[str] = []
    run: list[str] = []
    for char in name:
        if 0x20 <= ord(char) <= 0x7E:
            if run:
                out.append(_shift("".join(run)))
                run = []
            out.append("&-" if char == "&" else char)
        else:
            run.append(char)
    if run:
        out.append(_shift("".join(run)))
    return "".join(out)


def decoded(name: str) -> str:
    """A folder name from the server, readable."""
    return _SHIFTED.sub(_unshift, name)


def quoted(name: str) -> str:
    """`name` as an IMAP quoted string (imaplib sends arguments as they are)."""
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _shift(text: str) -> str:
    raw = base64.b64encode(text.encode("utf-16-be")).decode("ascii").rstrip("=")
    return "&" + raw.replace("/", ",") + "-"


def _unshift(match: re.Match[str]) -> str:
    body = match.group(1)
    if not body:
        return "&"
    raw = body.replace(",", "/")
    return base64.b64decode(raw + "=" * (-len(raw) % 4)).decode("utf-16-be", "replace")
