"""A CardDAV server over HTTP: list the cards' ETags, fetch cards, write and delete them.

Every write is conditional (If-Match on the ETag Kith last saw, If-None-Match for a new card), so
a card someone changed meanwhile is never overwritten. Network failures become one `UserError`
that says nothing was lost and to run again; the password is handed to httpx's basic auth and
never appears in a message. httpx is imported here, and only `kith sync` imports this module.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx

from kith.errors import UserError

DAV, CARD = "DAV:", "urn:ietf:params:xml:ns:carddav"
NS = {"d": DAV, "c": CARD}
MULTIGET_CHUNK = 250  # cards asked for in one addressbook-multiget
TIMEOUT = httpx.Timeout(120.0, connect=10.0)  # a large book's first listing is slow

_ETAGS = (
    '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop>'
    "<d:getetag/><d:resourcetype/></d:prop></d:propfind>"
)
_MULTIGET = (
    '<?xml version="1.0" encoding="utf-8"?><c:addressbook-multiget xmlns:d="DAV:" '
    'xmlns:c="urn:ietf:params:xml:ns:carddav"><d:prop><d:getetag/><c:address-data/></d:prop>'
    "{hrefs}</c:addressbook-multiget>"
)


REFUSED = frozenset({400, 415, 422})  # a card's content the server will not store


class Changed(Exception):
    """The card is not as Kith last saw it (412): someone wrote it meanwhile."""


class Refused(Exception):
    """The server would not store this card as written (400, 415 or 422 to a PUT): a fault of
    the card (a photo whose base64 does not decode, kept from an old phone's export), not of
    the connection, so the other cards can still go (trial 5)."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


@dataclass(frozen=True)
class Entry:
    """One resource of a PROPFIND answer: its path, and the properties found for it."""

    href: str
    props: ET.Element

    def text(self, name: str) -> str | None:
        found = self.props.find(name, NS)
        return None if found is None or found.text is None else found.text.strip()

    def href_in(self, name: str) -> str | None:
        found = self.props.find(f"{name}/d:href", NS)
        return None if found is None or found.text is None else found.text.strip()

    def is_(self, kind: str) -> bool:
        return self.props.find(f"d:resourcetype/{kind}", NS) is not None


class Client:
    """One session with the server: connections kept alive, basic auth, a timeout per request."""

    def __init__(
        self, url: str, user: str, password: str, timeout: httpx.Timeout = TIMEOUT
    ) -> None:
        self.base = url
        self.host = urlsplit(url).netloc
        self.user = user
        self.http = httpx.Client(auth=(user, password), timeout=timeout, follow_redirects=True)
        self.requests = 0

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.http.close()

    def absolute(self, href: str) -> str:
        return urljoin(self.base, href)

    def request(
        self, method: str, url: str, body: str | None = None, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        self.requests += 1
        try:
            answer = self.http.request(method, url, content=body, headers=headers)
        except httpx.TimeoutException as exc:
            raise self._lost("did not answer in time") from exc
        except httpx.HTTPError as exc:
            raise self._lost(f"could not be reached ({type(exc).__name__})") from exc
        if answer.status_code == 401:
            raise UserError(
                f"The CardDAV server at {self.host} refused user {self.user}'s password; "
                "check KITH_CARDDAV_PASSWORD or the keyring entry."
            )
        if answer.status_code == 412:
            raise Changed(url)
        if answer.status_code == 403:
            raise UserError(
                f"The CardDAV server at {self.host} forbade {method} on {urlsplit(url).path} "
                f"({url}) to user {self.user} (403): check that --url is the address book's own "
                "path and that this user may read and write it; nothing more was changed."
            )
        if method == "PUT" and answer.status_code in REFUSED:
            raise Refused(answer.status_code)
        if answer.status_code >= 400:
            raise UserError(
                f"The CardDAV server at {self.host} answered {answer.status_code} to {method} "
                f"{urlsplit(url).path}; nothing more was changed. Run `kith sync` again later."
            )
        return answer

    def _lost(self, what: str) -> UserError:
        return UserError(
            f"The CardDAV server at {self.host} {what}; what was done so far is recorded on both "
            "sides, and `kith sync` resumes from there."
        )

    def propfind(self, url: str, body: str, depth: str) -> list[Entry]:
        headers = {"Depth": depth, "Content-Type": "application/xml; charset=utf-8"}
        answer = self.request("PROPFIND", url, body, headers)
        return list(_entries(answer.content))

    def etags(self, book: str) -> dict[str, str]:
        """Every card in the address book: its path → its ETag (no card is downloaded)."""
        own = urlsplit(book).path
        return {
            e.href: e.text("d:getetag") or ""
            for e in self.propfind(book, _ETAGS, "1")
            if e.href.rstrip("/") != own.rstrip("/") and not e.is_("d:collection")
        }

    def cards(self, book: str, hrefs: Sequence[str]) -> Iterator[tuple[str, str, str]]:
        """(path, ETag, vCard text) of each card asked for, in chunks of MULTIGET_CHUNK."""
        headers = {"Depth": "1", "Content-Type": "application/xml; charset=utf-8"}
        for start in range(0, len(hrefs), MULTIGET_CHUNK):
            chunk = hrefs[start : start + MULTIGET_CHUNK]
            asked = "".join(f"<d:href>{_escape(h)}</d:href>" for h in chunk)
            answer = self.request("REPORT", book, _MULTIGET.format(hrefs=asked), headers)
            for entry in _entries(answer.content):
                text = entry.text("c:address-data")
                if text is not None:
                    yield entry.href, entry.text("d:getetag") or "", text

    def put(self, href: str, text: str, etag: str | None) -> str:
        """Write a card (If-Match `etag`, or If-None-Match when new); its new ETag."""
        condition = {"If-Match": etag} if etag else {"If-None-Match": "*"}
        headers = {"Content-Type": "text/vcard; charset=utf-8", **condition}
        answer = self.request("PUT", self.absolute(href), text, headers)
        found = str(answer.headers.get("ETag") or "")
        if found:
            return found
        entries = self.propfind(self.absolute(href), _ETAGS, "0")
        return (entries[0].text("d:getetag") or "") if entries else ""

    def delete(self, href: str, etag: str) -> None:
        try:
            self.request("DELETE", self.absolute(href), headers={"If-Match": etag})
        except UserError as exc:
            if "answered 404" not in str(exc):
                raise


def _entries(content: bytes) -> Iterator[Entry]:
    try:
        root = ET.fromstring(content)
    except ET.ParseError as exc:
        raise UserError(f"The CardDAV server sent XML Kith cannot read ({exc}).") from exc
    for response in root.iterfind("d:response", NS):
        href = response.findtext("d:href", default="", namespaces=NS).strip()
        props = ET.Element("prop")
        for propstat in response.iterfind("d:propstat", NS):
            status = propstat.findtext("d:status", default="", namespaces=NS)
            found = propstat.find("d:prop", NS)
            if found is not None and " 200 " in f"{status} ":
                props.extend(list(found))
        yield Entry(href, props)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
