"""The query language translated to SQL, in one place: `Query` → ordered person ids."""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from kith.clock import to_utc_text
from kith.names import fold
from kith.query import Query, Term
from kith.relate.strength import (
    DORMANT_RECENCY,
    DORMANT_S_MAX,
    KIN_RECENCY_HALF_LIFE_DAYS,
    RECENCY_HALF_LIFE_DAYS,
)
from kith.store.cards import organisation_key
from kith.store.rows import IS_KIN_SQL, column
from kith.store.week import strength_blob
from kith.store.week.generation import named

TERM_SQL = {
    "tag": "p.id IN (SELECT pt.person_id FROM person_tag pt JOIN tag t ON t.id = pt.tag_id "
    "WHERE t.name = ?)",
    "interest": "p.id IN (SELECT person_id FROM facet WHERE kind = 'interest' AND text = ?)",
    "company": "p.id IN (SELECT e.person_id FROM employment e JOIN organisation o "
    "ON o.id = e.organisation_id WHERE e.end_day IS NULL AND instr(o.norm, ?) > 0)",
    "met": "instr(kith_fold(coalesce(p.how_met, '') || ' ' || coalesce(p.met_where, '') || ' ' "
    "|| coalesce((SELECT name FROM event WHERE id = p.met_event_id), '')), ?) > 0",
    "name": "instr(p.name_key, ?) > 0",
    "kind": "p.kind = ?",
    "archived": "p.archived = (? = 'yes')",
    # the stored layer (science.md §4); contacts the layers have not reached yet are L7
    "layer": "coalesce((SELECT upper(layer) FROM layer_state WHERE person_id = p.id), 'L7') "
    "IN (SELECT value FROM json_each(?))",
    # once strong (S_max ≥ 0.6) and now silent (R < 0.1: no contact since the cutoff; kin's
    # cutoff for kin, whose recency fades half as fast)
    "dormant": "coalesce(p.id IN (SELECT person_id FROM layer_state WHERE s_max >= ?) "
    f"AND p.last_contact_at < CASE WHEN {IS_KIN_SQL} THEN ? ELSE ? END, 0) = (? = 'yes')",
    # the people the plan found due (ids computed by the caller, services.week.plan.due_ids)
    "due": "p.id IN (SELECT value FROM json_each(?))",
}
# R < 0.1 ⇔ silent for more than h·log2(10) days: 199.3 (h = 60), kin 398.6 (h = 120)
DORMANT_SILENCE = tuple(
    h * math.log2(1 / DORMANT_RECENCY) for h in (RECENCY_HALF_LIFE_DAYS, KIN_RECENCY_HALF_LIFE_DAYS)
)
LAYER_GROUPS = {
    "strong": ("L1", "L2", "L3"),
    "weak": ("L4", "L5"),
    "acquaintance": ("L6", "L7"),
}


SORTS = ("name", "strength", "last", "due")
LAYER_NAMES = ("L1", "L2", "L3", "L4", "L5", "L6", "L7")
# Every list reads the stored layer beside the person (`s`, none before the layers reach them),
# the layer whose cadence makes someone due. S as stored at their latest Monday is one row of
# blobs (migration 0048, store/week/strength_blob.py), looked up in Python for the people with
# a layer row: the strength sort and the standings.
FROM_SQL = "FROM person p LEFT JOIN layer_state s ON s.person_id = p.id"
# the clauses of a list without terms: exactly the rows of person_listed (migration 36), which
# also holds every column `person_names` reads, in its order
LISTED = ["p.kind = 'contact'", "p.archived = 0"]
ORDER_SQL = {
    "name": "p.name_key, p.id",
    # by name here; then (`_by_strength`) the people the layers reached strongest first, the
    # others after them (a stable sort: ties stay by name, then id)
    "strength": "p.name_key, p.id",
    "last": "p.last_contact_at DESC, p.name_key, p.id",  # never in touch (NULL) last
    "due": "{due} IS NULL, {due}, p.name_key, p.id",  # never due last
}


@dataclass(frozen=True)
class Standing:
    """What the sorts read of one person: stored S, and the day the next contact is due."""

    strength: float
    due_at: str | None  # UTC instant text; None: never due


def due_sql(layer_days: Mapping[str, float | None]) -> str:
    """The next contact due, as a julian day: the last contact plus the person's own cadence,
    else their stored layer's (`layer_days`: the settings or science.md §4's defaults); NULL
    for someone never due. The days are numbers, written into the SQL as such."""
    cases = " ".join(
        f"WHEN '{layer}' THEN {float(days)!r}"
        for layer, days in layer_days.items()
        if layer in LAYER_NAMES and days is not None
    )
    cadence = f"CASE s.layer {cases} END" if cases else "NULL"
    return f"(julianday(p.last_contact_at) + coalesce(p.cadence_days, {cadence}))"


def day_sql(offset_minutes: int) -> str:
    """Each person's last contact as its local day (YYYY-MM-DD, '' for never) in a zone whose
    offset from UTC is always `offset_minutes`: what clock.local_days gives, worked out in the
    query (at UTC, the stored instant's first ten characters)."""
    if offset_minutes == 0:
        return "coalesce(substr(p.last_contact_at, 1, 10), '')"
    return f"coalesce(date(p.last_contact_at, '{offset_minutes:+d} minutes'), '')"


def person_ids(
    connection: sqlite3.Connection,
    query: Query,
    due: Mapping[str, Sequence[int]] | None = None,
    sort: str = "name",
    layer_days: Mapping[str, float | None] | None = None,
) -> list[int]:
    """Ids of the people matching every term, ordered by `sort` (SORTS): folded display name;
    stored strength, strongest first; last contact, newest first; due, soonest first (people
    never due last); ties by name, then id. `due` holds, for each due: value of the query, the
    ids the plan found due; `layer_days` each layer's cadence in days, for the due sort."""
    return [row[0] for row in _selected(connection, "p.id", FROM_SQL, query, due, sort, layer_days)]


def person_names(
    connection: sqlite3.Connection,
    query: Query,
    due: Mapping[str, Sequence[int]] | None = None,
    sort: str = "name",
    layer_days: Mapping[str, float | None] | None = None,
    last: str = "p.last_contact_at",
) -> list[tuple[int, str, str | None]]:
    """`person_ids` with each person's name and last contact as stored (or as the SQL `last`
    gives it, such as `day_sql`'s local day), in the same query: what a list of everyone reads
    first (store.people.named_lines adds the rest)."""
    driving = FROM_SQL
    if sort == "name" and where(query, due)[0] == LISTED:  # every listed contact: the lines
        driving = FROM_SQL.replace("person p", "person p INDEXED BY person_listed")  # in order
    elif sort == "name":  # reading every row in table order and sorting them beats the name
        driving = FROM_SQL.replace("person p", "person p NOT INDEXED")  # index's lookups
    columns = f"p.id, p.display_name, {last}"
    return _selected(connection, columns, driving, query, due, sort, layer_days)


def _selected(
    connection: sqlite3.Connection,
    columns: str,
    driving: str,
    query: Query,
    due: Mapping[str, Sequence[int]] | None,
    sort: str,
    layer_days: Mapping[str, float | None] | None,
) -> list[Any]:
    clauses, params = where(query, due or {})
    order = ORDER_SQL[sort].format(due=due_sql(layer_days or {}))
    if sort == "strength":
        columns = f"{columns}, s.person_id"
    sql = f"SELECT {columns} {driving}{_where(clauses)} ORDER BY {order}"
    found = connection.execute(named(connection, sql), tuple(params)).fetchall()
    return _by_strength(connection, found) if sort == "strength" else found


def _by_strength(connection: sqlite3.Connection, rows: list[Any]) -> list[Any]:
    """Rows in name order, each ending with its layer row's id (None: the layers have not
    reached them), as the strength sort orders them, without that last column: the people with
    S strongest first, then the others, ties in the order given."""
    ids, strength = strength_blob.read(connection)
    stored = dict(zip(ids, strength, strict=True))
    last = math.inf  # after every −S (a float key alone: the sort's fast comparison)

    def key(row: Any) -> float:
        s = stored.get(row[-1]) if row[-1] is not None else None
        return last if s is None else -s

    return [row[:-1] for row in sorted(rows, key=key)]


def first_ids(
    connection: sqlite3.Connection,
    query: Query,
    due: Mapping[str, Sequence[int]] | None,
    sort: str,
    layer_days: Mapping[str, float | None],
    limit: int,
) -> tuple[list[int], int]:
    """The first `limit` of `person_ids` (the same order) and how many match in all, read
    through the indexes: by name on person(name_key); by strength from S's blob (`_strongest`:
    the strongest few checked against the terms), then the people the layers have not reached
    by name; by last contact on
    person(last_contact_at); by due over the people with a cadence only, then the others by
    name. So a page of 100 out of 30,000 people does not sort them all."""
    clauses, params = where(query, due or {})
    total = connection.execute(
        named(connection, f"SELECT count(*) FROM person p{_where(clauses)}"), params
    )
    count = int(total.fetchone()[0])
    if sort in ("name", "last"):
        driving = FROM_SQL
        if sort == "last":  # else the planner takes person_listed (name order) and sorts them all
            driving = FROM_SQL.replace("person p", "person p INDEXED BY person_last_contact")
        sql = f"SELECT p.id {driving}{_where(clauses)} ORDER BY {ORDER_SQL[sort]} LIMIT ?"
        return column(connection, named(connection, sql), (*params, limit)), count
    if sort == "strength":
        found = _strongest(connection, clauses, params, limit)
        rest = "s.person_id IS NULL"
    else:
        days = due_sql(layer_days)
        cadenced = [layer for layer, d in layer_days.items() if d is not None]
        driving = (
            "FROM (SELECT person_id AS id FROM layer_state WHERE layer IN "
            "(SELECT value FROM json_each(?)) UNION SELECT id FROM person WHERE "
            "cadence_days IS NOT NULL) c CROSS JOIN person p ON p.id = c.id "
            "LEFT JOIN layer_state s ON s.person_id = p.id"
        )
        first = f"SELECT p.id {driving}{_where([*clauses, f'{days} IS NOT NULL'])}"
        first += f" ORDER BY {days}, p.name_key, p.id LIMIT ?"
        params = [json.dumps(cadenced), *params]
        rest = f"{days} IS NULL"
        found = column(connection, named(connection, first), (*params, limit))
    if len(found) < limit:
        others = f"SELECT p.id {FROM_SQL}{_where([*clauses, rest])} ORDER BY p.name_key, p.id"
        given = params[1:] if sort == "due" else params
        others = named(connection, f"{others} LIMIT ?")
        found += column(connection, others, (*given, limit - len(found)))
    return found, count


ALL_STRONGEST_SQL = (
    "SELECT p.id, p.name_key FROM person p JOIN layer_state s ON s.person_id = p.id WHERE 1"
)
STRONGEST_SQL = ALL_STRONGEST_SQL + " AND p.id IN (SELECT value FROM json_each(?))"


def _strongest(
    connection: sqlite3.Connection, clauses: list[str], params: list[object], limit: int
) -> list[int]:
    """The first `limit` people with S (a layer row) matching `clauses`, strongest first, ties
    by name, then id: S's strongest ids taken from the blob (4 × `limit`, at least 256) and
    checked against the terms in one query, when the page fills and no one left out could tie
    with its last; otherwise every match read in one query and sorted by S here."""
    import heapq  # (a shared library to open: not for the other sorts)

    ids, strength = strength_blob.read(connection)
    n = len(ids)
    if limit <= 0:
        return []
    sql = STRONGEST_SQL + _and(clauses)
    top = heapq.nlargest(min(max(4 * limit, 256), n), range(n), key=strength.__getitem__)
    chosen = json.dumps([ids[k] for k in top])
    found = connection.execute(named(connection, sql), (chosen, *params)).fetchall()
    at = {ids[k]: strength[k] for k in top}
    if len(top) < n and not (
        len(found) >= limit and _page(found, at, limit)[-1][1] > (strength[top[-1]] if top else 0.0)
    ):
        every = connection.execute(named(connection, ALL_STRONGEST_SQL + _and(clauses)), params)
        at = dict(zip(ids, strength, strict=True))
        found = [row for row in every if row[0] in at]
    return [person for person, _ in _page(found, at, limit)]


def _and(clauses: list[str]) -> str:
    return "".join(f" AND {clause}" for clause in clauses)


def _page(found: list[Any], at: Mapping[int, float], limit: int) -> list[tuple[int, float]]:
    """The first `limit` of (person, name_key) rows by S (strongest first), name, id, each as
    (person, S)."""
    page = sorted(found, key=lambda row: (-at[row[0]], row[1], row[0]))[:limit]
    return [(int(row[0]), at[row[0]]) for row in page]


def standings(
    connection: sqlite3.Connection, ids: Sequence[int], layer_days: Mapping[str, float | None]
) -> dict[int, Standing]:
    """Stored strength and due day of these people (a page of a list, not everyone)."""
    found: dict[int, Standing] = {}
    sql = (
        f"SELECT p.id, s.person_id, strftime('%Y-%m-%dT%H:%M:%SZ', "
        f"{due_sql(layer_days)}) {FROM_SQL} WHERE p.id IN (SELECT value FROM json_each(?))"
    )
    stored, strength = strength_blob.read(connection)
    for person_id, layered, due_at in connection.execute(
        named(connection, sql), (json.dumps(list(ids)),)
    ):
        at = strength_blob.position(stored, person_id) if layered is not None else None
        found[person_id] = Standing(round(strength[at] if at is not None else 0, 3), due_at)
    return found


def _where(clauses: list[str]) -> str:
    return " WHERE " + " AND ".join(clauses) if clauses else ""


def where(
    query: Query, due: Mapping[str, Sequence[int]] | None = None
) -> tuple[list[str], list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if not query.values("kind"):
        clauses.append("p.kind = 'contact'")
    if not query.values("archived"):
        clauses.append("p.archived = 0")
    channels = query.values("channel")
    for term in query.terms:
        if term.field == "channel":
            continue
        sql = TERM_SQL[term.field]
        clauses.append(f"NOT ({sql})" if term.negated else sql)
        params.extend(_values(term, query, due or {}))
    for term in channels:
        sql, extra = _channel_clause(term, query)
        clauses.append(f"NOT ({sql})" if term.negated else sql)
        params.extend(extra)
    if not channels:
        if query.since is not None:
            clauses.append("p.last_contact_at >= ?")
            params.append(to_utc_text(query.since))
        if query.before is not None:
            clauses.append("p.last_contact_at < ?")
            params.append(to_utc_text(query.before))
    return clauses, params


def _channel_clause(term: Term, query: Query) -> tuple[str, list[object]]:
    sql = "p.id IN (SELECT person_id FROM person_channel WHERE channel = ?"
    params: list[object] = [term.value]
    if query.since is not None:
        sql += " AND last_at >= ?"
        params.append(to_utc_text(query.since))
    if query.before is not None:
        sql += " AND last_at < ?"
        params.append(to_utc_text(query.before))
    return sql + ")", params


def _values(term: Term, query: Query, due: Mapping[str, Sequence[int]]) -> list[object]:
    if term.field == "layer":
        return [json.dumps(LAYER_GROUPS.get(term.value, [term.value.upper()]))]
    if term.field == "due":
        return [json.dumps(sorted(due.get(term.value, ())))]
    if term.field == "dormant":
        if query.now is None:
            raise ValueError("dormant: needs the query's now")
        usual, kin = (to_utc_text(query.now - timedelta(days=d)) for d in DORMANT_SILENCE)
        return [DORMANT_S_MAX, kin, usual, term.value]
    return [_value(term)]


def _value(term: Term) -> str:
    if term.field == "company":
        return organisation_key(term.value)
    if term.field in ("met", "name"):
        return fold(term.value)
    return term.value
