"""What the CSV export writes of each person, read in a few queries per 500 people (issue 15):
no Person object each, only the columns services.csv_export puts in a cell."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from kith.store.rows import TAGS_SQL, chunks, placeholders


@dataclass(slots=True)
class SheetRow:
    """One person's stored values as the CSV export reads them (store.people.load's, unparsed)."""

    name: str
    given_name: str | None
    family_name: str | None
    birthday: tuple[int | None, int | None, int | None]  # month, day, year as stored
    how_met: str | None
    met_where: str | None
    last_contact_at: str | None  # the stored instant
    met_event: str | None = None
    met_through: str | None = None  # the name of whom they were met through
    identities: list[tuple[str, str, bool]] = field(default_factory=list)  # kind, text, shared
    tags: list[str] = field(default_factory=list)  # in the order read; the caller sorts
    company: str | None = None  # the current job's (the first without an end)
    title: str | None = None
    city: str | None = None  # of the first address
    country: str | None = None
    notes: list[str] = field(default_factory=list)  # oldest first


_PERSON = (
    "SELECT p.id, p.display_name, p.given_name, p.family_name, p.birthday_month, "
    "p.birthday_day, p.birthday_year, p.how_met, p.met_where, p.last_contact_at, "
    "t.id, t.display_name, e.name FROM person p "
    "LEFT JOIN person t ON t.id = p.met_through_id "
    "LEFT JOIN event e ON e.id = p.met_event_id WHERE p.id IN ({})"
)
# an identity as the CSV writes it: as normalised, or as written when it could not be verified
_IDENTITIES = (
    "SELECT person_id, kind, CASE WHEN verified THEN value ELSE raw END, shared FROM identity "
    "WHERE person_id IN ({}) AND kind IN ('email', 'phone', 'linkedin') "
    "ORDER BY person_id, position, id"
)
_JOBS = (
    "SELECT e.person_id, o.name, e.title FROM employment e "
    "JOIN organisation o ON o.id = e.organisation_id "
    "WHERE e.person_id IN ({}) AND e.end_day IS NULL ORDER BY e.person_id, e.position, e.id"
)
_ADDRESSES = (
    "SELECT person_id, city, country FROM address WHERE person_id IN ({}) ORDER BY person_id, id"
)
_NOTES = (
    "SELECT person_id, text FROM note WHERE person_id IN ({}) ORDER BY person_id, created_at, id"
)


def sheet_rows(connection: sqlite3.Connection, ids: Sequence[int]) -> Iterator[SheetRow]:
    """The people of `ids`, in that order, six queries per 500."""
    for chunk in chunks(list(ids)):
        marks = placeholders(len(chunk))
        by_id: dict[int, SheetRow] = {}
        for r in connection.execute(_PERSON.format(marks), chunk):
            by_id[r[0]] = SheetRow(
                r[1], r[2], r[3], (r[4], r[5], r[6]), r[7], r[8], r[9], r[12],
                None if r[10] is None else str(r[11]),
            )  # fmt: skip
        for pid, kind, text, shared in connection.execute(_IDENTITIES.format(marks), chunk):
            by_id[pid].identities.append((kind, text, bool(shared)))
        for pid, name in connection.execute(TAGS_SQL.format(marks), chunk):
            by_id[pid].tags.append(name)
        for pid, company, title in _firsts(connection, _JOBS.format(marks), chunk):
            by_id[pid].company, by_id[pid].title = company, title
        for pid, city, country in _firsts(connection, _ADDRESSES.format(marks), chunk):
            by_id[pid].city, by_id[pid].country = city, country
        for pid, text in connection.execute(_NOTES.format(marks), chunk):
            by_id[pid].notes.append(text)
        yield from (by_id[i] for i in chunk if i in by_id)


def _firsts(
    connection: sqlite3.Connection, sql: str, chunk: list[int]
) -> Iterator[tuple[int, str | None, str | None]]:
    """Each person's first row of a query ordered by person."""
    seen: set[int] = set()
    for pid, a, b in connection.execute(sql, chunk):
        if pid not in seen:
            seen.add(pid)
            yield pid, a, b
