"""Applying events, interactions (in batches, for speed) and what links people to each other."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import NamedTuple

from kith.clock import to_utc_text
from kith.errors import UserError
from kith.records import (
    EventRecord,
    InteractionRecord,
    IntroductionRecord,
    LinkRecord,
    ReferralRecord,
    RelationshipRecord,
    Skipped,
)
from kith.store import Store
from kith.vocab import DIRECTIONS, INTERACTION_KINDS, channel, one_of

# interactions written at once: one step no slice can split (5,000 held the lock 1.1 s beside
# the web's writes on a loaded machine, the longest hold a chat import left)
BATCH = 1000
# the bits of the keys a run has logged from a source new to the log (LogApplier.may_be_known):
# 8 Mi bits, 1 MiB however large the file; a chat's 100,000 keys set about 1% of them
KEY_BITS = 1 << 23


class Logged(NamedTuple):
    """A message or conversation the importer decided to log: valid by construction (an
    exchange's channel and direction), its people already ids. Cheaper than an
    InteractionRecord, and a chat gives tens of thousands."""

    key: tuple[str, str]  # (source, source_id)
    at: str  # UTC text
    channel: str
    direction: str
    summary: str
    notes: str | None
    duration: int | None
    people: tuple[int, ...]


@dataclass
class LogApplier:
    store: Store
    source: str
    run_id: int
    now: datetime
    people: dict[str, int]  # person source_id → id
    skipped: list[Skipped]
    where: str
    events: dict[str, int] = field(default_factory=dict)
    touched: set[int] = field(default_factory=set)
    pending: list[InteractionRecord | Logged] = field(default_factory=list)
    next_id: int = 0
    after_flush: Callable[[set[tuple[str, str]]], None] | None = None  # told the new keys
    told: Callable[[tuple[str, str], str], None] | None = None  # each record's key, outcome
    # the keys of a batch's records created, at once (else each is `told`)
    told_created: Callable[[list[tuple[str, str]]], None] | None = None
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    stamp: str = ""
    fresh: set[tuple[str, str]] = field(default_factory=set)  # first logged by a promotion now
    new_sources: dict[str, bool] = field(default_factory=dict)  # source → none in the log before
    logged_bits: bytearray | None = None  # the keys this run logged from new sources, hashed

    def __post_init__(self) -> None:
        self.stamp = to_utc_text(self.now)  # formatted once: a million rows share it

    # events -----------------------------------------------------------------------------------

    def apply_event(self, record: EventRecord) -> str:
        day = record.day.isoformat()
        event_id = self.store.imports.event_for_key(record.name, day)
        outcome = "unchanged"
        if event_id is None:
            wanted = (
                record.id if record.id and self.store.imports.event_id_free(record.id) else None
            )
            event_id = self.store.events.insert(
                record.name,
                day,
                record.place,
                record.kind,
                (to_utc_text(record.created_at) if record.created_at else self.stamp),
                wanted,
            )
            self.store.imports.set_event_run(event_id, self.run_id)
            outcome = "created"
        attendees = [self.people[a] for a in record.attendees if a in self.people]
        event = self.store.events.get(event_id)
        known = {p.id for p in event.attendees} if event else set()
        if set(attendees) - known:
            self.store.events.attend(event_id, attendees)
            outcome = "updated" if outcome == "unchanged" else outcome
        for source_id, about in record.remarks:  # what is already there wins
            if source_id in self.people and self.store.events.remark(
                event_id, self.people[source_id], about
            ):
                outcome = "updated" if outcome == "unchanged" else outcome
        self.events[record.source_id] = event_id
        return outcome

    # interactions -----------------------------------------------------------------------------

    def add_interaction(self, record: InteractionRecord | Logged) -> None:
        self.pending.append(record)
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        batch, self.pending = self.pending, []
        if not batch:
            return
        keys = [
            r.key if isinstance(r, Logged) else (r.origin or self.source, r.source_id)
            for r in batch
        ]
        known = self.store.imports.known_interaction_keys(self.may_be_known(keys))
        wanted = [r.id for r in batch if isinstance(r, InteractionRecord) and r.id]
        taken = self.store.imports.taken_interaction_ids(wanted)
        self.next_id = max(self.next_id, self.store.imports.max_interaction_id(), *wanted, 0)
        rows: list[tuple[object, ...]] = []
        plain: list[tuple[object, ...]] = []  # check-ins with no notes nor duration (a chat's)
        participants: list[tuple[int, int]] = []
        seen: set[tuple[str, str]] = set()
        created: list[tuple[str, str]] = []
        tell, touched, run_id, stamp = self._tell, self.touched, self.run_id, self.stamp
        for record, key in zip(batch, keys, strict=True):
            if key in known or key in seen:
                tell(key, self.join(key, self._people_of(record)))
                continue
            if type(record) is Logged:  # a chat's conversation: made here, checked as it can fail
                at, summary = record.at, record.summary
                if at > stamp or not summary.strip():
                    self._skip_logged(record, key)  # says why
                    tell(key, "skipped")
                    continue
                self.next_id += 1
                interaction_id = self.next_id
                made = _chat_row(interaction_id, record, key, run_id, stamp)
                (plain if len(made) == PLAIN else rows).append(made)
                people: Sequence[int] = record.people
            else:
                row = self._row(record, key, taken)  # type: ignore[arg-type]
                if row is None:
                    tell(key, "skipped")
                    continue
                interaction_id = int(str(row[0]))
                rows.append(row)
                people = self._people_of(record)
            created.append(key)
            seen.add(key)
            if len(people) == 1:  # most of a chat's conversations
                participants.append((interaction_id, people[0]))
            else:
                participants.extend((interaction_id, p) for p in people)
            touched.update(people)
        self._told_created(created)
        self.store.imports.insert_interactions(rows, participants, plain)
        self._mark_logged(created)
        self.created += len(rows) + len(plain)
        if self.after_flush is not None:
            self.after_flush(seen)

    def _skip_logged(self, record: Logged, key: tuple[str, str]) -> None:
        """Why an exchange's row is skipped: only what an exchange can get wrong is checked."""
        problem = (
            f"is in the future ({record.at}); interactions never are"
            if record.at > self.stamp
            else "has no summary"
        )
        self.skipped.append(Skipped(f"{self.where}: interaction {key[1]}", problem))

    def may_be_known(self, keys: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """The keys the log may hold already, to look up; the others it cannot. A source with
        no interaction in the log before this run holds only what this run logged: through
        this applier, whose keys set bits in `logged_bits` (a key whose bit is unset was never
        logged; one whose bit is set is looked up, and about 1% are there by chance), or by a
        promotion, whose keys are in `fresh`. Looking up a chat's 100,000 new keys cost 0.15 s
        of CPU, the bits 0.02 s, in 1 MiB whatever the file's size."""
        new_sources, bits, fresh = self.new_sources, self.logged_bits, self.fresh
        maybe: list[tuple[str, str]] = []
        for key in keys:
            new = new_sources.get(key[0])
            if new is None:
                logs = self.store.imports.logs_source(key[0], self.run_id)
                new = new_sources[key[0]] = not logs
            if not new or key in fresh:
                maybe.append(key)
            elif bits is not None:
                bit = hash(key) & (KEY_BITS - 1)
                if bits[bit >> 3] & (1 << (bit & 7)):
                    maybe.append(key)
        return maybe

    def _mark_logged(self, keys: list[tuple[str, str]]) -> None:
        new_sources = self.new_sources
        for key in keys:
            if new_sources.get(key[0]):
                if self.logged_bits is None:
                    self.logged_bits = bytearray(KEY_BITS // 8)
                bit = hash(key) & (KEY_BITS - 1)
                self.logged_bits[bit >> 3] |= 1 << (bit & 7)

    def _told_created(self, keys: list[tuple[str, str]]) -> None:
        if self.told_created is not None:
            self.told_created(keys)
            return
        for key in keys:
            self._tell(key, "created")

    def _tell(self, key: tuple[str, str], outcome: str) -> None:
        if self.told is not None:
            self.told(key, outcome)

    def _people_of(self, record: InteractionRecord | Logged) -> Sequence[int]:
        """The ids of the people on it (an InteractionRecord names them by source id)."""
        if isinstance(record, Logged):
            return record.people
        return [self.people[p] for p in record.participants if p in self.people]

    def join(self, key: tuple[str, str], people: Sequence[int]) -> str:
        """An interaction already logged: add anyone on it who was not yet (someone who has
        become a person since, or was promoted by this very message)."""
        interaction_id = self.store.interactions.id_for_source(*key)
        if key in self.fresh:  # a promotion in this run logged it: created, not found unchanged
            if interaction_id is not None and people:
                added = self.store.interactions.add_participants(interaction_id, people)
                self.touched.update(added)
            return "created"
        if interaction_id is None or not people:
            self.unchanged += 1
            return "unchanged"
        added = self.store.interactions.add_participants(interaction_id, people)
        self.touched.update(added)
        if added:
            self.updated += 1
            return "updated"
        self.unchanged += 1
        return "unchanged"

    def _row(
        self, record: InteractionRecord, key: tuple[str, str], taken: set[int]
    ) -> tuple[object, ...] | None:
        problem = self._problem(record)
        if problem:
            self.skipped.append(Skipped(f"{self.where}: interaction {record.source_id}", problem))
            return None
        try:
            values = (
                channel(record.channel),
                one_of(record.direction, DIRECTIONS, "direction"),
                one_of(record.kind, INTERACTION_KINDS, "kind"),
            )
        except UserError as error:
            self.skipped.append(
                Skipped(f"{self.where}: interaction {record.source_id}", str(error))
            )
            return None
        if record.id and record.id not in taken:
            interaction_id = record.id
            taken.add(record.id)
        else:
            self.next_id += 1
            interaction_id = self.next_id
        event_id = self.events.get(record.event) if record.event else None
        return (
            interaction_id,
            to_utc_text(record.at),
            *values,
            record.summary,
            record.notes,
            event_id,
            key[0],
            key[1],
            self.run_id,
            (to_utc_text(record.created_at) if record.created_at else self.stamp),
            record.topic,
            record.duration,
        )

    def _problem(self, record: InteractionRecord) -> str | None:
        missing = [p for p in record.participants if p not in self.people]
        if missing:
            return f"refers to people not in this file: {', '.join(missing[:3])}"
        if not record.participants:
            return "has no participants"
        if record.at > self.now:
            return f"is in the future ({to_utc_text(record.at)}); interactions never are"
        if not record.summary.strip():
            return "has no summary"
        return None

    # links between people ---------------------------------------------------------------------

    def apply_pair(
        self, record: LinkRecord | RelationshipRecord | ReferralRecord | IntroductionRecord
    ) -> str:
        a, b = ends_of(record)
        if a not in self.people or b not in self.people:
            self.skipped.append(
                Skipped(
                    f"{self.where}: {type(record).__name__}",
                    f"refers to people not in this file: {a}, {b}",
                )
            )
            return "skipped"
        return self._apply_pair(record, self.people[a], self.people[b])

    def _apply_pair(
        self,
        record: LinkRecord | RelationshipRecord | ReferralRecord | IntroductionRecord,
        a_id: int,
        b_id: int,
    ) -> str:
        repo, imports, stamp = self.store.relations, self.store.imports, self.stamp
        if isinstance(record, LinkRecord):
            count = imports.link_count(a_id, b_id, record.kind)
            if count is not None and count >= record.count:
                return "unchanged"
            if count is None:
                repo.add_link(
                    a_id, b_id, record.kind, record.evidence, _text(record.last_at), record.count
                )
                return "created"
            imports.set_link_count(a_id, b_id, record.kind, record.count)
            return "updated"
        if isinstance(record, RelationshipRecord):
            made = repo.relate(a_id, b_id, record.type, _text(record.created_at) or stamp)
            return "created" if made else "unchanged"
        if isinstance(record, ReferralRecord):
            if imports.referral_exists(a_id, b_id):
                return "unchanged"
            repo.add_referral(
                a_id,
                b_id,
                record.note,
                _text(record.created_at) or stamp,
                _text(record.followed_up_at),
                _text(record.thanked_at),
            )
            return "created"
        created = _text(record.created_at) or stamp
        if imports.introduction_exists(a_id, b_id, created):
            return "unchanged"
        repo.add_introduction(
            a_id,
            b_id,
            record.why,
            record.state,
            created,
            record.outcome,
            _text(record.updated_at),
            record.declined_by,
        )
        return "created"


def ends_of(
    record: LinkRecord | RelationshipRecord | ReferralRecord | IntroductionRecord,
) -> tuple[str, str]:
    if isinstance(record, ReferralRecord):
        return record.referrer, record.referred
    return record.a, record.b


PLAIN = 9  # the columns of a plain row (ImportRepo.insert_interactions)


def _chat_row(
    interaction_id: int, record: Logged, key: tuple[str, str], run_id: int, stamp: str
) -> tuple[object, ...]:
    """A logged exchange's row: plain (PLAIN columns) when it has no notes nor duration, as a
    chat's conversations have not, else the full row."""
    source, source_id = key
    if record.notes is None and record.duration is None:
        at, channel, direction, summary = record[1:5]
        return (interaction_id, at, channel, direction, summary, source, source_id, run_id, stamp)
    return (
        interaction_id,
        record.at,
        record.channel,
        record.direction,
        "checkin",
        record.summary,
        record.notes,
        None,
        source,
        source_id,
        run_id,
        stamp,
        None,
        record.duration,
    )


def utc_text(moment: datetime) -> str:
    """clock.to_utc_text, quicker for what chat readers give (a time in UTC, a year of four
    digits): isoformat is C code with nothing to parse, strftime reads its format each time."""
    if moment.tzinfo is UTC and moment.year >= 1000:
        return moment.isoformat(timespec="seconds")[:19] + "Z"
    return to_utc_text(moment)


def _text(moment: datetime | None) -> str | None:
    return to_utc_text(moment) if moment else None
