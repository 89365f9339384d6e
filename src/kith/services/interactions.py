"""Logging what you did together: log, edit, delete, list, and the timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kith.clock import parse_past_moment, parse_since, to_utc_text
from kith.controls import refuse
from kith.drafts import phrases
from kith.errors import NotFound, UserError
from kith.model import Interaction
from kith.services.ties import layers
from kith.store import Store
from kith.store.interactions import NewInteraction
from kith.vocab import DIRECTIONS, INTERACTION_KINDS, channel, default_direction, one_of


@dataclass(frozen=True)
class LogEntry:
    """What `kith log` was told; None means "the default"."""

    summary: str
    channel: str | None = None
    direction: str | None = None
    kind: str | None = None
    when: str | None = None
    notes: str | None = None
    topic: str | None = None  # what it was about, in words a draft may say back to them


def _texts(entry: LogEntry) -> list[tuple[str, object]]:
    return [("summary", entry.summary), ("notes", entry.notes), ("topic", entry.topic)]


def log_interaction(
    store: Store, person_ids: list[int], entry: LogEntry, now: datetime
) -> Interaction:
    refuse(_texts(entry))
    if not person_ids:
        raise UserError('Log needs at least one person: kith log NAME "what you did".')
    if not entry.summary.strip():
        raise UserError(
            "The summary is empty; the last argument of `kith log` says what "
            'happened, e.g. kith log Ada "coffee at the station".'
        )
    chosen = channel(entry.channel or "in_person")
    moment = parse_past_moment(entry.when, now) if entry.when else now
    new = NewInteraction(
        at=to_utc_text(moment),
        channel=chosen,
        direction=one_of(entry.direction, DIRECTIONS, "direction")
        if entry.direction
        else default_direction(chosen),
        kind=one_of(entry.kind, INTERACTION_KINDS, "kind") if entry.kind else "checkin",
        summary=entry.summary.strip(),
        notes=(entry.notes or "").strip() or None,
        topic=phrases.one_line(entry.topic or "") or None,
        participants=tuple(person_ids),
        source="manual",
    )
    with store.transaction():
        layers.before_write(store, now)  # first, so the tie rows never run ahead of the layers
        interaction_id = store.interactions.insert(new, to_utc_text(now))
    return _loaded(store, interaction_id)


def edit_interaction(
    store: Store, interaction_id: int, entry: LogEntry, now: datetime
) -> Interaction:
    _loaded(store, interaction_id)
    refuse(_texts(entry))
    fields: dict[str, object] = {}
    if entry.summary:
        fields["summary"] = entry.summary.strip()
    if entry.channel:
        fields["channel"] = channel(entry.channel)
    if entry.direction:
        fields["direction"] = one_of(entry.direction, DIRECTIONS, "direction")
    if entry.kind:
        fields["kind"] = one_of(entry.kind, INTERACTION_KINDS, "kind")
    if entry.when:
        fields["at"] = to_utc_text(parse_past_moment(entry.when, now))
    if entry.notes is not None:
        fields["notes"] = entry.notes.strip() or None
    if entry.topic is not None:
        fields["topic"] = phrases.one_line(entry.topic) or None
    if not fields:
        raise UserError(
            "Nothing to change; give a new summary, --when, --channel, --direction, "
            "--kind, --notes or --topic."
        )
    with store.transaction():
        store.interactions.update(interaction_id, **fields)
    return _loaded(store, interaction_id)


def topic_warning(topic: str | None, shared: bool = False) -> str | None:
    """Why drafts will not quote this topic (of an interaction `shared` by several people),
    if they will not."""
    why = phrases.topic_withheld(topic or "", shared=shared)
    return f"Drafts will not quote the topic {topic!r}: {why}. It is kept." if why else None


def log_warnings(
    store: Store, people: list[int], logged: Interaction, topic: str | None, now: datetime
) -> list[str]:
    """What is said beside a logged interaction, for the faces that return it (MCP, the JSON
    API): a topic drafts will not quote, an ask to someone never given to."""
    from kith.services.ledger import give_first_warning

    warnings = [topic_warning(topic, shared=len(people) > 1)]
    if logged.kind == "ask" and logged.direction != "in":
        warnings += [give_first_warning(store, p, now) for p in people]
    return [w for w in warnings if w]


def delete_interaction(store: Store, interaction_id: int) -> Interaction:
    found = _loaded(store, interaction_id)
    with store.transaction():
        store.interactions.delete(interaction_id)
    return found


def interactions_of(store: Store, person_id: int, limit: int | None = None) -> list[Interaction]:
    return store.interactions.for_person(person_id, limit)


@dataclass(frozen=True)
class Timeline:
    """The interactions of a window, newest first, and how many there are in it."""

    interactions: list[Interaction]
    total: int  # how many there are in the window, whatever the limit


def timeline(store: Store, since: str, now: datetime, limit: int | None = None) -> Timeline:
    """Everything that happened from `since` (`7d`, `2026-11-01`) up to now, newest first."""
    start, end = to_utc_text(parse_since(since, now)), to_utc_text(now)
    with store.reading():
        found = store.interactions.since(start, end, limit)
        total = len(found) if limit is None else store.interactions.count_since(start, end)
    return Timeline(found, total)


def _loaded(store: Store, interaction_id: int) -> Interaction:
    found = store.interactions.get(interaction_id)
    if found is None:
        raise NotFound(
            f"No interaction has the id {interaction_id}; "
            "`kith interactions NAME` lists them with ids."
        )
    return found


def picks_completed(store: Store, found: Interaction, now: datetime) -> list[str]:
    """Whom of this week's open picks the interaction completes, by name: one they took part
    in (out or both) within the week, as the plan's next read settles it (services.week.weeks)."""
    from kith.services.week.weeks import span_of, week_key

    span = span_of(now)
    if found.direction == "in" or not span.start <= found.at < span.end:
        return []
    with store.reading():
        open_picks = {person for _, person in store.plan.open_in([week_key(now.date())])}
    return [p.name for p in found.participants if p.id in open_picks]
