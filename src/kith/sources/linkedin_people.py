"""LinkedIn people: Connections.csv rows as person records, Profile.csv as the export's owner."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from kith import identities
from kith.errors import UserError
from kith.model import Identity, Job
from kith.names import fold
from kith.records import Ignored, PersonRecord, Record, Skipped
from kith.sources.linkedin_csv import Row, Table, day, rows, stable_id

HOW_MET = "Connected on LinkedIn"
HIDDEN = "hidden LinkedIn member (no name, no URL)"
_PROFILE_URL = re.compile(r"(?:https?://)?[a-z.]*linkedin\.com/(?:in|pub)/[^\s,;\]\"']+", re.I)


@dataclass(frozen=True)
class Owner:
    """Whose export it is, as far as it says: their name and canonical profile URL."""

    name: str | None = None
    url: str | None = None


@dataclass
class Directory:
    """Connections' profile URLs by folded name, for files that name people without a URL."""

    urls: dict[str, str | None] = field(default_factory=dict)  # None: two people share it
    # connections without a profile URL (older exports): their source ids by folded name
    people: dict[str, str | None] = field(default_factory=dict)  # None: two share the name

    def add(self, name: str, url: str) -> None:
        key = fold(name)
        self.urls[key] = url if self.urls.get(key, url) == url else None

    def add_person(self, name: str, source_id: str) -> None:
        key = fold(name)
        self.people[key] = source_id if self.people.get(key, source_id) == source_id else None

    def url_for(self, name: str) -> str | None:
        return self.urls.get(fold(name))


def canonical(url: str) -> str | None:
    """The canonical profile URL, or None when `url` is empty or not a LinkedIn profile."""
    if not url.strip():
        return None
    try:
        return identities.linkedin(url)
    except UserError:
        return None


def profile_owner(table: Table) -> Owner:
    """The owner's name from the first row of Profile.csv, and a profile URL if it has one."""
    for row in rows(table):
        if isinstance(row, Row):
            name = " ".join(p for p in (row.get("first name"), row.get("last name")) if p)
            found = (_PROFILE_URL.search(cell) for cell in row.cells.values())
            url = next((canonical(match.group()) for match in found if match), None)
            return Owner(name or None, url)
    return Owner()


def connections(table: Table, owner: Owner, directory: Directory | None) -> Iterator[Record]:
    """A person per connection; hidden members and unreadable dates are skipped by line. With a
    `directory`, each profile URL is noted under the person's name."""
    for row in rows(table):
        record = row if isinstance(row, Skipped) else connection(row, table.name)
        if isinstance(record, PersonRecord):
            url = next((i.value for i in record.identities if i.kind == "linkedin"), "")
            if url and url == owner.url:
                continue  # the owner's own profile is never one of their people
            if directory is not None and url and (record.given_name or record.family_name):
                directory.add(record.name, url)
            elif directory is not None and not url:
                directory.add_person(record.name, record.source_id)
        yield record


def connection(row: Row, file_name: str) -> PersonRecord | Skipped | Ignored:
    first, last, raw_url = row.get("first name"), row.get("last name"), row.get("url")
    where = f"{file_name}:{row.line}"
    if not (first or last or raw_url):
        return Ignored(HIDDEN)
    connected = row.get("connected on")
    try:
        since = day(connected)
    except ValueError:
        return Skipped(
            where,
            f"Connected On {connected!r} is not a date Kith reads "
            "(expected 09 Oct 2024, 9-Sep-22 or 1/8/18)",
        )
    url = canonical(raw_url)
    name = " ".join(p for p in (first, last) if p) or url or raw_url
    return PersonRecord(
        source_id=url or stable_id("connection", first, last, since.isoformat() if since else ""),
        name=name,
        given_name=first or None,
        family_name=last or None,
        how_met=HOW_MET,
        known_since=since,
        identities=_identities(raw_url, url, row.get("email address")),
        jobs=_jobs(row.get("company"), row.get("position")),
    )


def _identities(raw_url: str, url: str | None, email: str) -> tuple[Identity, ...]:
    """The profile (raw when it is no profile URL, so the importer reports it) and the e-mail,
    which the importer normalises: role addresses are shared there."""
    found = []
    if raw_url:
        found.append(Identity("linkedin", url or "", raw_url))
    if email:
        found.append(Identity("email", "", email))
    return tuple(found)


def _jobs(company: str, position: str) -> tuple[Job, ...]:
    return (Job(company, position or None),) if company else ()
