"""A mailto: link (RFC 6068) that opens a draft in the user's mail program."""

from __future__ import annotations

from urllib.parse import quote


def mailto(address: str, subject: str | None, body: str) -> str:
    """Subject and body percent-encoded; line breaks as %0D%0A, as RFC 6068 asks."""
    fields = [f"subject={quote(subject, safe='')}"] if subject else []
    fields.append(f"body={quote(body.replace(chr(10), chr(13) + chr(10)), safe='')}")
    return f"mailto:{quote(address, safe='@')}?{'&'.join(fields)}"
