"""After events and promises: claims (`kith claim`), let-go, follow-ups (`kith todo`)."""

from __future__ import annotations

from typing import Any

from kith.services import claims
from kith.services import follow_ups as service
from kith.services.resolve import resolve
from kith.shapes.claims import claim_json
from kith.shapes.follow_ups import todo_json
from kith.shapes.people import head_json, interaction_json
from kith.web.api.bodies import ClaimsQuery, LetGoBody, NewTodo, TodoDoneBody, TodosQuery
from kith.web.api.edge import Call


def list_claims(call: Call) -> dict[str, Any]:
    """`kith claim --json`: people met at events in the last `days` days, not claimed yet,
    each with a claim note."""
    days = call.query_as(ClaimsQuery).days
    context = call.context
    found = claims.claims(context.store, days, context.now(), context.settings.templates)
    return {"days": days, "claims": [claim_json(c) for c in found], "total": len(found)}


def let_go(call: Call) -> dict[str, Any]:
    """`kith let-go`: never raise them again to claim or decide (undo takes it back)."""
    undo = call.body_as(LetGoBody).undo
    done = claims.let_go(call.context.store, call.person_id(), call.context.now(), undo)
    return {"person": head_json(done.person), "let_go": done.let_go}


def list_todos(call: Call) -> dict[str, Any]:
    """`kith todos --json`: open follow-ups, the oldest due first (with all, the done ones
    after them)."""
    asked = call.query_as(TodosQuery)
    store = call.context.store
    person_id = resolve(store, asked.name) if asked.name else None
    found = service.list_follow_ups(
        store, call.context.now(), person_id, asked.owner, asked.include_done
    )
    return {"todos": [todo_json(t) for t in found], "total": len(found)}


def add_todo(call: Call) -> dict[str, Any]:
    """`kith todo`: a promise to keep, yours (mine) or theirs."""
    given = call.body_as(NewTodo)
    store = call.context.store
    person_id = resolve(store, given.name)
    made = service.add_follow_up(
        store, person_id, given.text, call.context.now(), given.due, given.owner
    )
    return {"todo": todo_json(made)}


def close_todo(call: Call) -> dict[str, Any]:
    """`kith todo-done`: close a follow-up and log the interaction that kept it."""
    given = call.body_as(TodoDoneBody)
    closed = service.close_follow_up(
        call.context.store,
        call.path["todo_id"],
        call.context.now(),
        given.note,
        given.channel,
        given.kind,
    )
    return {"todo": todo_json(closed.todo), "interaction": interaction_json(closed.interaction)}
