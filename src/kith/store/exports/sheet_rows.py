"""What the CSV export writes of each person, read in a few queries per 500 people (issue 15):
no Person object each, not even a record each: every person's cells as a list in the order of
services.exports.csv_export.HEADERS, filled in where the queries can say exactly what the cell
holds, and the few values still to be put in words (how they met, tags, notes) beside them."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from kith.store.rows import chunks, placeholders

# where each cell is in a row (services.exports.csv_export.HEADERS)
WIDTH = 17
EMAIL, PHONE, COMPANY, TITLE, TAGS, CITY, COUNTRY, MET, LAST, LINKEDIN, NOTES = (
    3, 5, 7, 8, 9, 11, 12, 13, 14, 15, 16
)  # fmt: skip

# the birthday as Birthday.text() writes it: 1815-12-10, or --12-10 without a year
_BIRTHDAY = (
    "CASE WHEN p.birthday_month AND p.birthday_day THEN CASE WHEN p.birthday_year "
    "THEN printf('%04d-%02d-%02d', p.birthday_year, p.birthday_month, p.birthday_day) "
    "ELSE printf('--%02d-%02d', p.birthday_month, p.birthday_day) END ELSE '' END"
)
# {0}: the LAST cell's expression; {1}: which people (`_among`)
_PERSON = (
    "SELECT p.id, p.display_name, coalesce(p.given_name, ''), coalesce(p.family_name, ''), "
    f"{_BIRTHDAY}, {{0}}, coalesce(p.how_met, '') != '' OR coalesce(p.met_where, '') != '' "
    "OR e.name IS NOT NULL OR t.id IS NOT NULL, p.how_met, p.met_where, e.name, "
    "CASE WHEN t.id IS NOT NULL THEN 'through ' || t.display_name END FROM person p "
    "LEFT JOIN person t ON t.id = p.met_through_id "
    "LEFT JOIN event e ON e.id = p.met_event_id {1}"
)
# an identity as the CSV writes it (as normalised, or as written when it could not be verified),
# with the first of the cells it may go in; `+kind`: a whole table is read in one scan
_IDENTITIES = (
    "SELECT person_id, CASE kind WHEN 'email' THEN 3 WHEN 'phone' THEN 5 ELSE 15 END, shared, "
    "position, id, CASE WHEN verified THEN value ELSE raw END FROM identity "
    "{} AND +kind IN ('email', 'phone', 'linkedin')"
)
_JOBS = (  # the current job is the first without an end
    "SELECT e.person_id, e.position, e.id, o.name, coalesce(e.title, '') FROM employment e "
    "JOIN organisation o ON o.id = e.organisation_id {} AND e.end_day IS NULL"
)
_ADDRESSES = "SELECT person_id, 0, id, coalesce(city, ''), coalesce(country, '') FROM address {}"
_TAGS = (
    "SELECT pt.person_id, t.name FROM person_tag pt JOIN tag t ON t.id = pt.tag_id {} "
    "ORDER BY pt.person_id, pt.tag_id"
)
_NOTES = "SELECT person_id, text FROM note {} ORDER BY person_id, created_at, id"
# a share of the people above which reading whole tables once costs less than looking each up
WHOLE = 1 / 3

Cells = list[str]


class SheetChunk(NamedTuple):
    """People's rows, in the order asked, and what is left to put in words."""

    rows: list[Cells]  # the cells; MET, TAGS and NOTES "", LAST as the query gave it
    met: list[tuple[Cells, tuple[str | None, ...]]]  # how met, where, the event, "through NAME"
    tags: list[tuple[Cells, list[str]]]  # in the order read (the caller sorts)
    notes: list[tuple[Cells, list[str]]]  # oldest first


def sheet_chunks(
    connection: sqlite3.Connection,
    ids: Sequence[int],
    last_sql: str,
    whole: bool | None = None,
) -> Iterator[SheetChunk]:
    """The people of `ids`, in that order: 500 at a time, six queries each, or all at once
    from whole tables (`whole`; by default when they are more than WHOLE of the people).
    `last_sql`: the LAST cell from `p.last_contact_at` (listing.day_sql, or the column itself
    for the caller to read)."""
    ids = list(ids)
    if whole is None:
        (top,) = connection.execute("SELECT coalesce(max(id), 0) FROM person").fetchone()
        whole = len(ids) > top * WHOLE
    if whole:
        yield _chunk(connection, ids, None, last_sql)
        return
    for chunk in chunks(ids):
        yield _chunk(connection, chunk, chunk, last_sql)


def _chunk(
    connection: sqlite3.Connection, order: list[int], among: list[int] | None, last_sql: str
) -> SheetChunk:
    """The rows of `order`, read for the people `among` (None: from whole tables)."""

    def rows(sql: str, column: str) -> sqlite3.Cursor:
        return connection.execute(sql.format(_among(column, among)), among or ())

    # a row read for nobody of `order` (an identity left by a person deleted while foreign keys
    # were off) fills a row that is not written
    by_id: defaultdict[int, Cells] = defaultdict(lambda: [""] * WIDTH)
    met: dict[int, tuple[str | None, ...]] = {}
    for pid, name, given, family, born, last, has_met, how, where, event, through in rows(
        _PERSON.format(last_sql, "{}"), "p.id"
    ):
        by_id[pid] = [
            name, given, family, "", "", "", "", "", "", "", born, "", "", "", last, "", ""
        ]  # fmt: skip
        if has_met:
            met[pid] = (how, where, event, through)
    seen: dict[int, tuple[int, int, int, str]] = {}  # by person and cell: the first read
    more: dict[int, list[tuple[int, int, int, str]]] = {}  # and the others of that kind
    for pid, cell, shared, position, iid, text in rows(_IDENTITIES, "person_id"):
        key = pid << 5 | cell
        if key in seen:
            more.setdefault(key, [seen[key]]).append((shared, position, iid, text))
        else:
            seen[key] = (shared, position, iid, text)
            by_id[pid][cell] = text
    for key, found in more.items():
        found.sort()  # their own before shared ones (a switchboard, a fax), in card order
        pid, cell = key >> 5, key & 31
        by_id[pid][cell] = found[0][3]
        if cell != LINKEDIN:
            by_id[pid][cell + 1] = found[1][3]
    _place_firsts(by_id, rows(_JOBS, "e.person_id"), COMPANY)
    _place_firsts(by_id, rows(_ADDRESSES, "person_id"), CITY)
    return SheetChunk(
        [by_id[i] for i in order if i in by_id],
        [(by_id[pid], parts) for pid, parts in met.items()],
        [(by_id[pid], names) for pid, names in _grouped(rows(_TAGS, "pt.person_id")).items()],
        [(by_id[pid], texts) for pid, texts in _grouped(rows(_NOTES, "person_id")).items()],
    )


def _among(column: str, among: list[int] | None) -> str:
    """The WHERE of a query for the people `among` (None: everyone)."""
    return "WHERE 1" if among is None else f"WHERE {column} IN ({placeholders(len(among))})"


def _place_firsts(
    by_id: dict[int, Cells], rows: Iterable[tuple[int, int, int, str, str]], cell: int
) -> None:
    """Each person's two values of the row first by (position, id) put in `cell` and the next."""
    seen: dict[int, tuple[int, int]] = {}
    for pid, position, rid, a, b in rows:
        if pid not in seen or (position, rid) < seen[pid]:
            seen[pid] = position, rid
            by_id[pid][cell : cell + 2] = a, b


def _grouped(rows: Iterable[tuple[int, str]]) -> dict[int, list[str]]:
    """The second column of a query's rows, listed by the first (a person), in the order read."""
    found: dict[int, list[str]] = {}
    for pid, text in rows:
        if pid in found:
            found[pid].append(text)
        else:
            found[pid] = [text]
    return found
