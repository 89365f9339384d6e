"""A subscribed calendar's text over HTTP(S): an .ics URL, or a CalDAV calendar collection.

Read-only, with the standard library's urllib (GET, PROPFIND and one REPORT; nothing is ever
written to the server). A URL is asked first whether it is a CalDAV calendar (PROPFIND, depth
0); a server that answers anything but a multistatus naming a calendar is read with a plain
GET. A CalDAV calendar gives its events through one calendar-query REPORT (each resource's
calendar data). Failures become `Unreachable`, whose text names the URL without credentials.
"""

from __future__ import annotations

import base64
import ssl
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit, urlunsplit

from kith.errors import UserError
from kith.sources.ics_parse import decode

TIMEOUT = 60.0
DAV, CALDAV = "DAV:", "urn:ietf:params:xml:ns:caldav"
_PROPFIND = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/></D:prop></D:propfind>'
)
_QUERY = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
    "<D:prop><D:getetag/><C:calendar-data/></D:prop>"
    '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/>'
    "</C:comp-filter></C:filter></C:calendar-query>"
)
MULTISTATUS = 207


class Unreachable(UserError):
    """The calendar could not be fetched this time; nothing was changed."""


def clean_url(url: str) -> tuple[str, str | None]:
    """(URL without user info, the user it named); `webcal:` read as https. A password in the
    URL is refused: it would be kept in the configuration."""
    parts = urlsplit(url.strip())
    scheme = {"webcal": "https", "webcals": "https"}.get(parts.scheme.lower(), parts.scheme)
    if scheme.lower() not in ("http", "https") or not parts.hostname:
        raise UserError(f"{url} is not an http(s) address of a calendar (.ics or CalDAV).")
    if parts.password:
        raise UserError(
            "Leave the password out of the calendar's address: Kith reads it from "
            "KITH_CALENDAR_PASSWORD or the system keyring."
        )
    host = parts.hostname if parts.port is None else f"{parts.hostname}:{parts.port}"
    if ":" in parts.hostname:  # an IPv6 address
        host = f"[{parts.hostname}]" + ("" if parts.port is None else f":{parts.port}")
    return urlunsplit((scheme.lower(), host, parts.path or "/", parts.query, "")), parts.username


def calendar_texts(url: str, user: str | None, password: str | None) -> tuple[str, list[str]]:
    """("caldav" or "ics", the calendar texts: one per event resource, or the one file)."""
    auth = _auth(user, password)
    status, body = _request(url, "PROPFIND", auth, _PROPFIND, {"Depth": "0"})
    if status == MULTISTATUS and _is_calendar(body, url):
        status, body = _request(url, "REPORT", auth, _QUERY, {"Depth": "1"})
        if status != MULTISTATUS:
            raise Unreachable(f"{url} answered the calendar query with HTTP {status}.")
        return "caldav", _calendar_data(body, url)
    status, body = _request(url, "GET", auth, None, {})
    if status != 200:
        raise Unreachable(f"{url} answered HTTP {status}; nothing was changed.")
    return "ics", [decode(body)]


def _auth(user: str | None, password: str | None) -> str | None:
    if not user or password is None:
        return None
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return f"Basic {token}"


def _request(
    url: str, method: str, auth: str | None, body: str | None, headers: dict[str, str]
) -> tuple[int, bytes]:
    request = urllib.request.Request(url, method=method, data=body.encode() if body else None)
    for key, value in headers.items():
        request.add_header(key, value)
    if body:
        request.add_header("Content-Type", "application/xml; charset=utf-8")
    if auth:
        request.add_header("Authorization", auth)
    context = ssl.create_default_context() if url.startswith("https:") else None
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT, context=context) as answer:
            return int(answer.status), bytes(answer.read())
    except urllib.error.HTTPError as exc:
        exc.close()  # its body is not read: the status says enough
        if exc.code in (401, 403):
            raise UserError(
                f"{url} refused the login (HTTP {exc.code}): give --user NAME and set "
                "KITH_CALENDAR_PASSWORD, or store the password in the system keyring."
            ) from None
        return int(exc.code), b""
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise Unreachable(f"Could not fetch {url}: {reason}; nothing was changed.") from None


def _is_calendar(body: bytes, url: str) -> bool:
    tree = _xml(body, url)
    return tree.find(f".//{{{DAV}}}resourcetype/{{{CALDAV}}}calendar") is not None


def _calendar_data(body: bytes, url: str) -> list[str]:
    tree = _xml(body, url)
    return [
        found.text
        for found in tree.iter(f"{{{CALDAV}}}calendar-data")
        if found.text and found.text.strip()
    ]


def _xml(body: bytes, url: str) -> ET.Element:
    try:
        return ET.fromstring(body)
    except ET.ParseError as exc:
        raise Unreachable(f"{url} answered with XML Kith cannot read ({exc}).") from None
