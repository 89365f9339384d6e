"""Follow-ups: recording a promise, listing the open ones, and closing one with an interaction.

A follow-up is `mine` (the user promised something to the person) or `theirs` (the person
promised something to the user). Closing one logs the interaction that fulfilled it, in the
same transaction: by default a `give` by e-mail, out for a promise of the user's, in for theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from kith.clock import parse_day, to_utc_text, zone
from kith.controls import refuse
from kith.errors import NotFound, UserError
from kith.model import Interaction, PersonHead
from kith.store import Store
from kith.store.follow_ups import FollowUp

OWNERS = ("mine", "theirs")
DONE_CHANNEL = "email"  # promises are mostly kept by sending something
DONE_KIND = "give"  # a kept promise is a favour done: it counts in the give-first ledger
DONE_DIRECTION = {"mine": "out", "theirs": "in"}


@dataclass(frozen=True)
class Todo:
    """A follow-up with the person it is with, and whether it is overdue as of `now`."""

    follow_up: FollowUp
    person: PersonHead
    overdue: bool


@dataclass(frozen=True)
class Closed:
    """A follow-up just closed and the interaction logged for it."""

    todo: Todo
    interaction: Interaction


def local_day(store: Store, now: datetime) -> date:
    """Today in the `timezone` setting's zone: due dates are days there."""
    return now.astimezone(zone(store.meta.setting("timezone"))).date()


def add_follow_up(
    store: Store, person_id: int, text: str, now: datetime, due: str | None, owner: str = "mine"
) -> Todo:
    """Record a promise; `due` is anything `clock.parse_day` reads (`friday`, `2026-12-01`,
    `in 3 days`), read in the user's zone. A due date in the past is allowed: a promise
    remembered late is overdue at once."""
    if not text.strip():
        raise UserError('A follow-up needs a text: kith todo Ada "send her the paper".')
    refuse([("follow-up", text)])
    if owner not in OWNERS:
        raise UserError(f"Unknown owner {owner!r}; use mine or theirs.")
    day = _due_day(store, due, now) if due else None
    with store.transaction():
        follow_up_id = store.follow_ups.add(person_id, text.strip(), owner, day, to_utc_text(now))
    return _todo(store, _loaded(store, follow_up_id), now)


def list_follow_ups(
    store: Store,
    now: datetime,
    person_id: int | None = None,
    owner: str | None = None,
    with_done: bool = False,
) -> list[Todo]:
    """Open follow-ups (and done ones with `with_done`), open first, oldest due first, undated
    last; only one person's or one owner's when given."""
    with store.reading():
        found = store.follow_ups.listing(person_id, owner, with_done)
        heads = {h.id: h for h in store.people.heads([f.person_id for f in found])}
    today = local_day(store, now)
    return [Todo(f, heads[f.person_id], _overdue(f, today)) for f in found]


def close_follow_up(
    store: Store,
    follow_up_id: int,
    now: datetime,
    note: str | None = None,
    channel: str | None = None,
    kind: str | None = None,
) -> Closed:
    """Close a follow-up and log the interaction that kept it (summary: the note, else the
    follow-up's text), both in one transaction. Closing one already done is refused."""
    from kith.services.interactions import LogEntry, log_interaction  # not for `today`'s reads

    with store.transaction():
        found = _loaded(store, follow_up_id)
        if not found.is_open:
            raise UserError(_already_done(store, found))
        entry = LogEntry(
            summary=(note or "").strip() or found.text,
            channel=channel or DONE_CHANNEL,
            direction=DONE_DIRECTION[found.owner],
            kind=kind or DONE_KIND,
        )
        logged = log_interaction(store, [found.person_id], entry, now)
        clean_note = (note or "").strip() or None
        store.follow_ups.close(follow_up_id, to_utc_text(now), clean_note, logged.id)
        closed = _loaded(store, follow_up_id)
    return Closed(_todo(store, closed, now), logged)


def _due_day(store: Store, due: str, now: datetime) -> str:
    try:
        return parse_day(due, now.astimezone(zone(store.meta.setting("timezone")))).isoformat()
    except UserError as exc:
        raise UserError(
            f"Could not read the due date {due!r}; try `friday`, `in 3 days` or `2026-12-01`."
        ) from exc


def _already_done(store: Store, found: FollowUp) -> str:
    assert found.done_at is not None
    day = found.done_at.astimezone(zone(store.meta.setting("timezone"))).date()
    return (
        f"Follow-up #{found.id} is already done (closed {day.isoformat()}); "
        "`kith todos` lists the open ones."
    )


def _loaded(store: Store, follow_up_id: int) -> FollowUp:
    found = store.follow_ups.get(follow_up_id)
    if found is None:
        raise NotFound(
            f"No follow-up has the id {follow_up_id}; `kith todos --all` lists them with ids."
        )
    return found


def _todo(store: Store, found: FollowUp, now: datetime) -> Todo:
    head = store.people.heads([found.person_id])[0]
    return Todo(found, head, _overdue(found, local_day(store, now)))


def _overdue(found: FollowUp, today: date) -> bool:
    """Open and due before today (a follow-up due today is due, not overdue)."""
    return found.is_open and found.due is not None and found.due < today
