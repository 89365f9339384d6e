"""Finding the address book from what the user typed: the book itself, a server root (through
/.well-known/carddav), a principal, or an address-book home (RFC 6352 §7, RFC 6764)."""

from __future__ import annotations

from kith.errors import UserError
from kith.services.sync.carddav_client import Client, Entry

_WHAT = (
    '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:" '
    'xmlns:c="urn:ietf:params:xml:ns:carddav"><d:prop><d:resourcetype/>'
    "<d:current-user-principal/><c:addressbook-home-set/><d:displayname/></d:prop></d:propfind>"
)


def find_book(client: Client, url: str) -> str:
    """The address book's URL; the first one (by path) when the home holds several."""
    here = _look(client, url, "0")
    if here is not None and here.is_("c:addressbook"):
        return client.absolute(here.href)
    home = here.href_in("c:addressbook-home-set") if here else None
    principal = here.href_in("d:current-user-principal") if here else None
    if home is None and principal is None:
        known = _look(client, client.absolute("/.well-known/carddav"), "0")
        principal = known.href_in("d:current-user-principal") if known else None
    if home is None and principal is not None:
        found = _look(client, client.absolute(principal), "0")
        home = found.href_in("c:addressbook-home-set") if found else None
    books = _books(client, client.absolute(home or url))
    if not books:
        raise UserError(
            f"No address book found at {url}: give the address book's own URL "
            "(your server's settings show it), or create one there first."
        )
    return client.absolute(sorted(books)[0])


def _look(client: Client, url: str, depth: str) -> Entry | None:
    try:
        entries = client.propfind(url, _WHAT, depth)
    except UserError as exc:
        if "answered 404" in str(exc) or "answered 405" in str(exc):
            return None
        raise
    return entries[0] if entries else None


def _books(client: Client, home: str) -> list[str]:
    return [e.href for e in client.propfind(home, _WHAT, "1") if e.is_("c:addressbook")]
