"""The query language translated to SQL, in one place: `Query` → ordered person ids."""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import timedelta

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
    # the people the plan found due (ids computed by the caller, services.plan.due_ids)
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


# the orders a listing may take: by folded display name (the default), or by last contact,
# the longest silence first (never contacted before anyone: SQLite sorts NULL lowest) or the
# most recent first
ORDERS = {
    "name": "p.name_key, p.id",
    "-name": "p.name_key DESC, p.id DESC",
    "last_contact": "p.last_contact_at, p.name_key, p.id",
    "-last_contact": "p.last_contact_at DESC, p.name_key, p.id",
}


def person_ids(
    connection: sqlite3.Connection,
    query: Query,
    due: Mapping[str, Sequence[int]] | None = None,
    order: str = "name",
    limit: int | None = None,
    offset: int = 0,
) -> list[int]:
    """Ids of the people matching every term, in `order` (a key of ORDERS), from `offset`, at
    most `limit`. `due` holds, for each due: value of the query, the ids the plan found due."""
    sql, params = _matching("SELECT p.id", query, due)
    sql += f" ORDER BY {ORDERS[order]}"
    if limit is not None or offset:  # a page: SQLite stops early instead of sorting everyone
        sql += " LIMIT ? OFFSET ?"
        params += [-1 if limit is None else limit, offset]
    return column(connection, sql, tuple(params))


def count(
    connection: sqlite3.Connection, query: Query, due: Mapping[str, Sequence[int]] | None = None
) -> int:
    """How many people match every term (a listing's total beside one page)."""
    sql, params = _matching("SELECT count(*)", query, due)
    return int(connection.execute(sql, tuple(params)).fetchone()[0])


def _matching(
    select: str, query: Query, due: Mapping[str, Sequence[int]] | None
) -> tuple[str, list[object]]:
    clauses, params = where(query, due or {})
    sql = f"{select} FROM person p"
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    return sql, params


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
