"""One IMAP connection as Kith uses it: log in, list folders, examine one, fetch header blocks.

Built on the standard library's imaplib: Kith needs six commands (LOGIN, LIST, EXAMINE, UID
FETCH of UIDs and of header fields, LOGOUT), all read-only, and passes the header bytes as they
came to the mail importer's own header reader, so a client library's parsed message objects
would be work thrown away. Every network or protocol failure becomes `Dropped` (or a
`UserError` for a refused login), whose text names the server and never the password.
"""

from __future__ import annotations

import imaplib
import ipaddress
import re
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

from kith.errors import UserError
from kith.services.sync.imap_names import quoted
from kith.sources import mail

TIMEOUT = 60.0  # seconds a server may stay silent before the run stops (and resumes next time)
SECURITIES = ("ssl", "starttls", "plain-on-loopback")
# the fields the mail importer reads, and Received: (its date when Date: is unusable)
FIELDS = " ".join(sorted(name.decode().upper() for name in mail.WANTED | {b"received"}))
_LIST = re.compile(rb'\((?P<flags>[^)]*)\) (?:"(?:[^"\\]|\\.)*"|NIL) (?P<name>.*)$')
_UID = re.compile(rb"UID (\d+)")
_NUMBER = re.compile(rb"(\d+)")


class Dropped(UserError):
    """The server went away or stopped answering mid-sync; what was applied stays applied."""


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    user: str
    security: str  # one of SECURITIES

    @property
    def label(self) -> str:
        return f"{self.user}@{self.host}:{self.port}"


@dataclass(frozen=True)
class Folder:
    name: str  # as the server spells it (modified UTF-7)
    flags: frozenset[str]  # lower-case, such as "\\sent", "\\noselect"


@dataclass(frozen=True)
class Examined:
    uidvalidity: int
    uidnext: int | None
    exists: int


class Mailbox:
    """A logged-in connection; use through `connected`."""

    def __init__(self, client: imaplib.IMAP4, server: Server) -> None:
        self.client, self.server = client, server

    def folders(self) -> list[Folder]:
        data = self._ok(self.client.list())
        found = []
        for item in data:
            line = b" ".join(item) if isinstance(item, tuple) else item
            match = _LIST.match(line or b"")
            if match is None:
                continue
            name = match.group("name").strip()
            if name.startswith(b'"'):
                name = re.sub(rb"\\(.)", rb"\1", name[1:-1])
            flags = frozenset(f.lower() for f in match.group("flags").decode().split())
            found.append(Folder(name.decode("ascii", "replace"), flags))
        return found

    def examine(self, folder: str) -> Examined:
        """Open `folder` read-only; its UIDVALIDITY, UIDNEXT and message count."""
        data = self._ok(self.client.select(quoted(folder), readonly=True))
        validity = self._number("UIDVALIDITY")
        if validity is None:
            raise Dropped(f"{self.server.label} gave no UIDVALIDITY for {folder}.")
        exists = int(data[0] or 0) if data and data[0] is not None else 0
        return Examined(validity, self._number("UIDNEXT"), exists)

    def uids_after(self, last_uid: int) -> list[int]:
        """The UIDs above `last_uid` in the open folder, ascending."""
        data = self._ok(self.client.uid("FETCH", f"{last_uid + 1}:*", "(UID)"))
        found = (_UID.search(item) for item in data if isinstance(item, bytes))
        return sorted({int(m.group(1)) for m in found if m and int(m.group(1)) > last_uid})

    def headers(self, first: int, last: int) -> Iterator[tuple[int, bytes]]:
        """(UID, header block) of each message with a UID from `first` to `last`."""
        query = f"(UID BODY.PEEK[HEADER.FIELDS ({FIELDS})])"
        for item in self._ok(self.client.uid("FETCH", f"{first}:{last}", query)):
            if isinstance(item, tuple) and (uid := _UID.search(item[0])) is not None:
                yield int(uid.group(1)), item[1]

    def _number(self, code: str) -> int | None:
        _, data = self.client.response(code)
        match = _NUMBER.match(data[0]) if data and isinstance(data[0], bytes) else None
        return int(match.group(1)) if match else None

    def _ok(self, answer: tuple[str, list[Any]]) -> list[Any]:
        status, data = answer
        if status != "OK":
            said = b" ".join(d for d in data if isinstance(d, bytes)).decode("utf-8", "replace")
            raise UserError(f"{self.server.label} refused a command: {said}")
        return data


@contextmanager
def connected(server: Server, password: str, timeout: float = TIMEOUT) -> Iterator[Mailbox]:
    """A logged-in Mailbox; network and protocol failures become `Dropped`."""
    try:
        client = _open(server, timeout)
    except (OSError, imaplib.IMAP4.error) as exc:
        said = f"Could not reach the IMAP server {server.label}: {_reason(exc)}."
        raise Dropped(said + _plain_hint(server, exc)) from None
    try:
        try:
            client.login(server.user, password)
        except imaplib.IMAP4.abort:
            raise
        except imaplib.IMAP4.error as exc:
            raise UserError(
                f"The IMAP server {server.label} refused the login: {_reason(exc)}. "
                "Check the user name and the password (KITH_IMAP_PASSWORD or the keyring)."
            ) from None
        yield Mailbox(client, server)
    except (OSError, EOFError, imaplib.IMAP4.abort) as exc:
        raise Dropped(
            f"The IMAP server {server.label} dropped the connection ({_reason(exc)}); what was "
            "read before is kept, and the next `kith sync` resumes from there."
        ) from None
    finally:
        _close(client)


def _open(server: Server, timeout: float) -> imaplib.IMAP4:
    if server.security == "ssl":
        context = ssl.create_default_context()
        return imaplib.IMAP4_SSL(server.host, server.port, ssl_context=context, timeout=timeout)
    client = imaplib.IMAP4(server.host, server.port, timeout=timeout)
    if server.security == "starttls":
        try:
            client.starttls(ssl.create_default_context())
        except BaseException:  # a server without STARTTLS, or an untrusted one: not left open
            _close(client)
            raise
    return client


def loopback(host: str) -> bool:
    """Whether `host` is this machine (the only place a password may travel unencrypted)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _plain_hint(server: Server, exc: BaseException) -> str:
    """For TLS that a server on this machine did not speak (not one it spoke with an untrusted
    certificate, nor one that is not there), the flag for plain IMAP."""
    tls_failed = isinstance(exc, imaplib.IMAP4.error) or (
        isinstance(exc, ssl.SSLError) and not isinstance(exc, ssl.SSLCertVerificationError)
    )
    if server.security == "plain-on-loopback" or not tls_failed or not loopback(server.host):
        return ""
    return (
        " If this server on this machine speaks plain IMAP (no TLS), give --plain-on-loopback "
        "instead."
    )


def _close(client: imaplib.IMAP4) -> None:
    with suppress(OSError, EOFError, imaplib.IMAP4.error):  # already gone: closed below
        client.logout()
    with suppress(OSError):
        client.shutdown()


def _reason(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError | socket.timeout):
        return "no answer in time"
    text = str(exc).strip().removeprefix("b'").removeprefix('b"').rstrip("'\"")
    return text or type(exc).__name__
