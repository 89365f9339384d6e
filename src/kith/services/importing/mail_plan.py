"""Planning a staged mailbox outside the write lock, then applying it in one short transaction.

`plan_mail` reads the store (never writes) and works out every row the import will add: people
promoted by a two-way exchange, seen correspondents and their messages, interactions, new
participants of messages already logged, link evidence. `apply_mail` writes those rows in one
transaction, after checking that no other connection committed since planning began; if one
did, the caller plans again. The rules are those of `importing.exchange` (a test checks that both
paths end in the same database).
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from kith.clock import to_utc_text
from kith.controls import without_controls
from kith.model import Identity
from kith.names import fold, name_columns
from kith.records import ExchangeRecord, Ignored, Party, Record, Skipped, Tally
from kith.services.importing.exchange import (
    CC,
    CROWD,
    GROUP_LIMIT,
    NEITHER,
    ONLY_YOU,
    ONLY_YOU_WROTE,
    counted_parties,
    crowded,
    direction_of,
    how_met,
    in_the_future,
    is_me,
    is_two_way,
    name_from_address,
    needs_owner,
    note_writers,
    speakers,
)
from kith.store import Store
from kith.store.seen import SeenMessage

Address = tuple[str, str]  # (kind, value)
Key = tuple[str, str]  # (source, source_id) of an interaction
Ref = int  # a person: an id, or a negative number for someone this plan creates


@dataclass
class SeenPlan:
    name: str | None
    first_at: str
    last_at: str
    n_out: int = 0
    n_in: int = 0
    stored: bool = False  # already a seen_identity row
    messages: dict[Key, SeenMessage] = field(default_factory=dict)
    new: list[SeenMessage] = field(default_factory=list)  # to write


@dataclass
class NewPerson:
    ref: Ref
    address: Address
    name: str
    first_at: str


@dataclass
class Planned:
    at: str
    channel: str
    direction: str
    summary: str
    people: list[Ref]


@dataclass
class MailPlan:
    """Everything an import of staged mail will write."""

    people: list[NewPerson] = field(default_factory=list)
    seen: dict[Address, SeenPlan] = field(default_factory=dict)
    forget_seen: set[Address] = field(default_factory=set)
    interactions: dict[Key, Planned] = field(default_factory=dict)
    joins: dict[Key, set[Ref]] = field(default_factory=dict)
    links: list[tuple[Ref, Ref, str, str, str]] = field(default_factory=list)
    ignored: Counter[str] = field(default_factory=Counter)
    read: Counter[str] = field(default_factory=Counter)  # a chat reader's tallies
    skipped: list[Skipped] = field(default_factory=list)
    exchanges: int = 0
    writers: set[str] = field(default_factory=set)  # a few names, for a chat not the user's
    unchanged: int = 0
    found: int = 0  # records read, each accounted for below (as ImportReport.accounted)
    accounted: Counter[str] = field(default_factory=Counter)
    dated_by: Counter[str] = field(default_factory=Counter)  # messages dated by another header


class MailPlanner:
    """Reads only. One per plan; the same rules as ExchangeApplier, decided in memory."""

    def __init__(
        self,
        store: Store,
        me: frozenset[Address],
        kind: str,
        where: str | None,
        now: str,
    ) -> None:
        self.store, self.me, self.kind, self.plan = store, me, kind, MailPlan()
        self.where = where or kind  # the file, in errors
        self.now = now  # UTC text: a message dated after it is skipped
        self.owners: dict[Address, Ref | None] = {}
        self.logged: dict[Key, set[int] | None] = {}  # stored interactions' participants
        self.linked: set[Key] = set()  # messages that gave their link evidence
        self.one_way: set[Key] = set()  # messages of this plan accounted one-way so far

    def run(self, records: Iterable[Record]) -> MailPlan:
        for record in records:
            if isinstance(record, Tally):  # a chat reader's count of what it read: no record
                self.plan.read[record.what] += record.count
                continue
            self.plan.found += 1
            if isinstance(record, Skipped):
                self.plan.skipped.append(record)
                self.plan.accounted["skipped"] += 1
            elif isinstance(record, ExchangeRecord):
                needs_owner(self.me, record, self.where)
                self.plan.exchanges += 1
                note_writers(self.plan.writers, record)
                future = in_the_future(record, self.now, self.where)
                if future is not None:
                    self.plan.skipped.append(future)
                    self.plan.accounted["skipped"] += 1
                    continue
                self.plan.accounted[self.exchange(record)] += 1
                if record.dated_by:
                    self.plan.dated_by[record.dated_by] += 1
            elif isinstance(record, Ignored):
                self.plan.ignored[record.reason] += 1
                self.plan.accounted["ignored"] += 1
            else:
                raise TypeError(f"a mailbox gave a {type(record).__name__}")
        return self.plan

    def exchange(self, record: ExchangeRecord) -> str:
        """Plan one message or conversation; its account: imported, known, one_way or ignored."""
        if not record.automated and crowded(record):
            self.plan.ignored[CROWD] += 1
            return "ignored"
        others = speakers(record, self._others(record))
        if record.automated or not others or not self._mine(record):
            why = (
                "automated (list, bulk or no-reply)"
                if record.automated
                else ONLY_YOU_WROTE
                if record.spoke and not others
                else ONLY_YOU
                if not others
                else NEITHER
            )
            self.plan.ignored[why] += 1
            return "ignored"
        promoted = len(self.plan.people)
        direction = direction_of(record, self._is_me)
        counted = set(counted_parties(record, others, direction))
        key = (record.origin or self.kind, record.source_id)
        people = [
            ref
            for ref in (
                self._ref(p, record, key, direction if p in counted else CC, len(others))
                for p in others
            )
            if ref is not None
        ]
        if not people:
            self.one_way.add(key)
            return "one_way"  # kept for a correspondent who has not written both ways
        changed = self._log(key, record, direction, people, len(others))
        return "imported" if changed or len(self.plan.people) > promoted else "known"

    def _is_me(self, party: Party | None) -> bool:
        return is_me(party, self.me)

    def _mine(self, record: ExchangeRecord) -> bool:
        return self._is_me(record.sender) or any(self._is_me(p) for p in record.recipients)

    def _others(self, record: ExchangeRecord) -> list[Party]:
        unique: dict[Address, Party] = {}
        for party in (record.sender, *record.recipients):
            if party is not None and not self._is_me(party):
                unique.setdefault((party.kind, party.value), party)
        return list(unique.values())

    def _owner(self, address: Address) -> Ref | None:
        if address not in self.owners:
            found = self.store.people.ids_for_identity(*address)
            self.owners[address] = found[0] if found else None
        return self.owners[address]

    def _ref(
        self, party: Party, record: ExchangeRecord, key: Key, direction: str, others: int
    ) -> Ref | None:
        address = (party.kind, party.value)
        owner = self._owner(address)
        if owner is not None:
            return owner
        seen = self._seen(address, party)
        message = SeenMessage(
            key[0], key[1], to_utc_text(record.at), record.channel, direction, record.summary
        )
        if key not in seen.messages:
            seen.messages[key] = message
            seen.new.append(message)
            seen.first_at, seen.last_at = (
                min(seen.first_at, message.at),
                max(seen.last_at, message.at),
            )
            if direction == "out":
                seen.n_out += 1
            elif direction in ("in", "both"):
                seen.n_in += 1
        return self._promote(address, seen) if is_two_way(record, seen, others, direction) else None

    def _seen(self, address: Address, party: Party) -> SeenPlan:
        if address not in self.plan.seen:
            stored = self.store.seen.find(*address)
            plan = SeenPlan(party.name, "9999", "0000")
            if stored is not None:
                plan = SeenPlan(
                    stored.name or party.name,
                    stored.first_at,
                    stored.last_at,
                    stored.n_out,
                    stored.n_in,
                    stored=True,
                )
                plan.messages = {
                    (m.source, m.source_id): m for m in self.store.seen.messages(stored.id)
                }
            self.plan.seen[address] = plan
        return self.plan.seen[address]

    def _promote(self, address: Address, seen: SeenPlan) -> Ref:
        ref = -(len(self.plan.people) + 1)
        name = seen.name or name_from_address(address[1])
        self.plan.people.append(NewPerson(ref, address, name, seen.first_at))
        self.owners[address] = ref
        del self.plan.seen[address]
        if seen.stored:
            self.plan.forget_seen.add(address)
        for key, message in sorted(seen.messages.items(), key=lambda kv: kv[1].at):
            if key in self.one_way:  # one-way when read, imported now: its account moves
                self.one_way.discard(key)
                self.plan.accounted["one_way"] -= 1
                self.plan.accounted["imported"] += 1
            direction = "in" if message.direction == CC else message.direction
            self._attach(key, message.at, message.channel, direction, message.summary, [ref])
        return ref

    def _log(
        self, key: Key, record: ExchangeRecord, direction: str, people: list[Ref], others: int
    ) -> bool:
        """Log the message with these people; whether that changes anything."""
        changed = self._attach(
            key, to_utc_text(record.at), record.channel, direction, record.summary, people
        )
        first_time = key in self.plan.interactions and key not in self.linked
        self.linked.add(key)  # evidence counts each message once, when first logged
        if first_time and others <= GROUP_LIMIT and len(people) >= 2:
            kind = "co_attendee" if record.meeting else "co_recipient"
            at = to_utc_text(record.at)
            self.plan.links.extend(
                (a, b, kind, record.summary[:80], at)
                for i, a in enumerate(people)
                for b in people[i + 1 :]
            )
        return changed

    def _attach(
        self, key: Key, at: str, channel: str, direction: str, summary: str, people: list[Ref]
    ) -> bool:
        """Put these people on the interaction `key`; whether that changes anything."""
        planned = self.plan.interactions.get(key)
        if planned is not None:
            new = [p for p in people if p not in planned.people]
            planned.people.extend(new)
            return bool(new)
        stored = self._stored(key)
        if stored is None:
            self.plan.interactions[key] = Planned(at, channel, direction, summary, list(people))
            return True
        missing = {p for p in people if p not in stored}
        if missing:
            self.plan.joins.setdefault(key, set()).update(missing)
        else:
            self.plan.unchanged += 1
        return bool(missing)

    def _stored(self, key: Key) -> set[int] | None:
        if key not in self.logged:
            found = self.store.interactions.id_for_source(*key)
            self.logged[key] = (
                None if found is None else set(self.store.interactions.participant_ids(found))
            )
        return self.logged[key]


LOG_CHUNK = 100  # interactions written at once, between which a sliced write may commit


def apply_mail(store: Store, plan: MailPlan, run_id: int, stamp: str) -> dict[Ref, int]:
    """Write the plan (inside the caller's transaction); the ids the new people got."""
    ids: dict[Ref, int] = {}
    created: list[int] = []
    for person in plan.people:
        # written in slices, others write between them: someone another writer gave the
        # address meanwhile is the person, not a second one (the plan read an older snapshot)
        owners = store.people.ids_for_identity(*person.address)
        if owners:
            ids[person.ref] = owners[0]
            continue
        name = " ".join(without_controls(person.name).split())  # as a chat party's
        person_id = store.people.insert(
            uid=str(uuid.uuid4()),
            name=name,
            name_key=fold(name),
            now=stamp,
            known_since=person.first_at[:10],
            how_met=how_met(*person.address),
            **name_columns(name),
        )
        store.imports.set_person_run(person_id, run_id)
        store.people.cards.add_identity(person_id, Identity(*person.address, person.address[1]))
        ids[person.ref] = person_id
        created.append(person_id)
        store.breathe()  # in a sliced write, commit a slice now and then

    def real(ref: Ref) -> int:
        return ids.get(ref, ref)

    for address in plan.forget_seen:
        stored = store.seen.find(*address)
        if stored is not None:
            store.seen.forget(stored.id)
    for address, seen in plan.seen.items():
        store.seen.write(
            address, seen.name, seen.first_at, seen.last_at, seen.n_out, seen.n_in, seen.new, run_id
        )
        store.breathe()
    planned = [
        (key, p.at, p.channel, p.direction, p.summary, [real(r) for r in p.people])
        for key, p in plan.interactions.items()
    ]
    for start in range(0, len(planned), LOG_CHUNK):  # between them, a sliced write may commit
        store.imports.log_planned(planned[start : start + LOG_CHUNK], run_id, stamp)
        store.breathe()
    for key, refs in plan.joins.items():
        found = store.interactions.id_for_source(*key)
        if found is not None:
            store.interactions.add_participants(found, [real(r) for r in refs])
    for a, b, kind, evidence, at in plan.links:
        store.relations.add_link(real(a), real(b), kind, evidence, at)
    if created:  # known since their first interaction of any kind, as an import record by record
        store.imports.known_since_first_interaction(created)
    if len(created) < len(plan.people):  # the report counts the people it created
        plan.people[:] = [p for p in plan.people if ids[p.ref] in created]
    return ids
