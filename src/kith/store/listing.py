"""The query language translated to SQL, in one place: `Query` → ordered person ids."""

from __future__ import annotations

import sqlite3

from kith.clock import to_utc_text
from kith.names import fold
from kith.query import Query, Term
from kith.store.cards import organisation_key
from kith.store.rows import column

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
}


def person_ids(connection: sqlite3.Connection, query: Query) -> list[int]:
    """Ids of the people matching every term, ordered by folded display name, then id."""
    clauses, params = where(query)
    sql = "SELECT p.id FROM person p"
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    return column(connection, sql + " ORDER BY p.name_key, p.id", tuple(params))


def where(query: Query) -> tuple[list[str], list[object]]:
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
        sql, value = TERM_SQL[term.field], _value(term)
        clauses.append(f"NOT ({sql})" if term.negated else sql)
        params.append(value)
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


def _value(term: Term) -> str:
    if term.field == "company":
        return organisation_key(term.value)
    if term.field in ("met", "name"):
        return fold(term.value)
    return term.value
