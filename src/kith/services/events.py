"""Events: a talk, a conference, a dinner, and who was there."""

from __future__ import annotations

from datetime import datetime

from kith.clock import parse_day, to_utc_text
from kith.controls import refuse
from kith.errors import Ambiguous, Candidate, NotFound, UserError
from kith.model import Event
from kith.store import Store


def add_event(
    store: Store, name: str, on: str | None, place: str | None, kind: str | None, now: datetime
) -> Event:
    if not name.strip():
        raise UserError('An event needs a name: kith event add "PyCon 2026" --date 2026-05-14.')
    refuse([("event's name", name), ("place", place)])
    day = parse_day(on, now) if on else now.date()
    with store.transaction():
        for known in (store.events.get(i) for i in store.events.ids_named(name.strip())):
            if known is not None and known.day == day:  # the same event, twice
                raise UserError(
                    f"{known.name} on {known.day} is known already (#{known.id}); `kith event "
                    f'attend "#{known.id}" NAME` adds people to it.'
                )
        event_id = store.events.insert(name.strip(), day.isoformat(), place, kind, to_utc_text(now))
    return _loaded(store, event_id)


def resolve_event(store: Store, text: str) -> int:
    """`#ID`, an exact name (the newest if repeated), or a unique part of a name."""
    wanted = text.strip()
    if wanted.startswith("#") and wanted[1:].isdigit():
        if store.events.get(int(wanted[1:])) is None:
            raise NotFound(f"No event has the id {wanted}.")
        return int(wanted[1:])
    exact = store.events.ids_named(wanted)
    if exact:
        return exact[0]
    partial = store.events.ids_containing(wanted)
    if len(partial) == 1:
        return partial[0]
    if partial:
        events = [store.events.get(i) for i in partial]
        raise Ambiguous(
            f"{wanted!r} matches {len(partial)} events; say which with #ID.",
            [Candidate(e.id, f"{e.name} ({e.day})") for e in events if e],
        )
    raise NotFound(
        f"No event called {wanted!r}; `kith event list` shows them, `kith event add` creates one."
    )


def attend(store: Store, event_id: int, person_ids: list[int]) -> Event:
    with store.transaction():
        store.events.attend(event_id, person_ids)
    return _loaded(store, event_id)


def list_events(store: Store) -> list[Event]:
    return store.events.all()


def _loaded(store: Store, event_id: int) -> Event:
    event = store.events.get(event_id)
    assert event is not None
    return event
