"""Applying messages and meetings: who the user is, which way each went, and the two-way rule.

A correspondent becomes a person only after a two-way exchange (or a meeting); until then they
are "seen", with their messages kept, and promoted with that whole history the moment the
exchange becomes two-way, in this import or any later one.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from kith.clock import to_utc_text
from kith.controls import without_controls
from kith.errors import UserError
from kith.model import Identity
from kith.names import fold, name_columns, name_keys
from kith.records import OWNER, ExchangeRecord, Party, Skipped, UpcomingRecord
from kith.sources import registry
from kith.store import Store
from kith.store.interactions import NewInteraction
from kith.store.seen import Seen, SeenMessage

GROUP_LIMIT = 10  # co-recipients or attendees beyond this are not evidence of knowing each other
MEETING_LIMIT = 10  # a meeting with more others is a talk, not a conversation with each
PARTY_LIMIT = 1_000  # a message or meeting naming more people is a list's, about no one of them
CROWD = f"more than {PARTY_LIMIT:,} people on it (a list or an all-hands, about no one)"
NEITHER = "neither side is you"
ONLY_YOU = "only you (a personal appointment or a note to self)"
ONLY_YOU_WROTE = "a group chat's conversation only you wrote in"
APP_NAMES = {"whatsapp": "WhatsApp", "sms": "SMS", "imessage": "iMessage"}  # else Capitalised
WRITERS_NOTED = 20  # names a chat gives kept for the message when none is the user
CC = "cc"  # a seen message on which they were a co-recipient: kept, counted neither way
SHAPES_KEPT = 4_096  # exchange shapes remembered at most (ExchangeApplier.decided)
# An exchange's shape: (sender, recipients, spoke, automated, meeting, channel), all that
# decides who it is logged with and which way, once its people are known
Shape = tuple[Party | None, tuple[Party, ...], tuple[Party, ...], bool, bool, str]
# what a shape decided: why it is not for Kith, or (person ids, direction, others on it)
Decided = str | tuple[tuple[int, ...], str, int]


@dataclass
class ExchangeApplier:
    store: Store
    run_id: int | None  # None when a person promotes a correspondent by hand
    stamp: str
    me: frozenset[tuple[str, str]]
    ignored: dict[str, int]
    promoted: list[int] = field(default_factory=list)
    logged: int = 0  # interactions created by promotions
    flush: Callable[[], None] | None = None  # the log's flush, before history is replayed
    kind: str = "mail"  # the id space of records that name none (ExchangeRecord.origin)
    replayed: set[tuple[str, str]] = field(default_factory=set)  # logged by a promotion
    pending_links: dict[tuple[str, str], tuple[list[int], ExchangeRecord, int]] = field(
        default_factory=dict
    )
    owners: dict[tuple[str, str], int | None] = field(default_factory=dict)  # address → person
    decided: dict[Shape, Decided] = field(default_factory=dict)  # by shape, while it holds
    # the same, by the ids of the sender, recipients and writers (with those objects)
    decided_by_id: dict[tuple[object, ...], tuple[object, object, object, Decided]] = field(
        default_factory=dict
    )
    remember: bool = True  # False: decide every exchange afresh (the equivalence tests)
    mine: dict[Party, bool] = field(default_factory=dict)  # is_me of each party seen
    # the same by the party's id, with the party (so an id cannot come back as another's)
    mine_by_id: dict[int, tuple[Party, bool]] = field(default_factory=dict)
    by_name: bool = False  # a chat's names join the one known person of that name (imports)
    joined: list[tuple[int, str]] = field(default_factory=list)  # (person, the chat's name)

    def apply(self, record: ExchangeRecord, recalled: bool = False) -> tuple[list[int], str] | None:
        """The person ids this exchange is logged with, and its direction (None: not for
        Kith, counted under why). A chat gives the same parties on thousands of conversations:
        what they decide is remembered by their shape (`Decided`) while no one on it is only
        seen, and the next conversation of that shape costs a look-up. `recalled`: the caller
        asked `recall` already and it found nothing (asked again, it would hash the shape
        again)."""
        if not self.remember or len(record.recipients) > GROUP_LIMIT:  # a group's rarely repeats
            return self._decide(record, None)
        shape = (
            record.sender,
            record.recipients,
            record.spoke,
            record.automated,
            record.meeting,
            record.channel,
        )
        decided = None if recalled else self.recall(*shape)
        if decided is None:
            return self._decide(record, shape)
        if isinstance(decided, str):
            self.ignore(decided)
            return None
        people, direction, others = decided
        self._evidence(list(people), record, others)
        return list(people), direction

    def recall(
        self,
        sender: Party | None,
        recipients: tuple[Party, ...],
        spoke: tuple[Party, ...],
        automated: bool = False,
        meeting: bool = False,
        channel: str = "message",
    ) -> Decided | None:
        """What an exchange of these parties decided before, while remembered (None: it
        must be decided). A reader that makes each set of parties once (the SMS backup's)
        gives the same objects again: found by their ids, hashing no party; the objects are
        kept with the decision, so an id cannot come back as another object's while it is
        remembered."""
        if not self.remember or len(recipients) > GROUP_LIMIT:
            return None
        quick = (id(sender), id(recipients), id(spoke), automated, meeting, channel)
        known = self.decided_by_id.get(quick)
        if (
            known is not None
            and known[0] is sender
            and known[1] is recipients
            and known[2] is spoke
        ):
            return known[3]
        found = self.decided.get((sender, recipients, spoke, automated, meeting, channel))
        if found is None:
            return None
        if len(self.decided_by_id) >= SHAPES_KEPT:
            self.decided_by_id.clear()
        self.decided_by_id[quick] = (sender, recipients, spoke, found)
        return found

    def _decide(self, record: ExchangeRecord, shape: Shape | None) -> tuple[list[int], str] | None:
        listed = record.automated or crowded(record)
        everyone, mine = ([], False) if listed else self._sides(record)
        others = speakers(record, everyone)
        why = self._not_for_kith(record, others, mine)
        if why is not None:
            self.ignore(why)
            self._remember(shape, why)
            return None
        direction = direction_of(record, self._is_me)
        counted: set[Party] | None = None  # needed only for someone who is not yet a person
        people: list[int] = []
        for party in others:
            person = self._person_for(party)
            if person is None:  # a co-recipient is kept too, but does not count as an exchange
                if counted is None:
                    counted = set(counted_parties(record, others, direction))
                person = self._see(
                    party,
                    record,
                    direction if party in counted else CC,
                    len(others),
                    group=len(everyone) > 1,
                )
            if person is not None:
                people.append(person)
        if counted is None:  # everyone on it is a person: the same shape decides the same again
            self._remember(shape, (tuple(people), direction, len(others)))
        self._evidence(people, record, len(others))
        return people, direction

    def _not_for_kith(self, record: ExchangeRecord, others: list[Party], mine: bool) -> str | None:
        """Why an exchange is not for Kith (automated, crowded, only the user's, no side of
        theirs), or None; `others` are the people on it who count, `mine` whether the user
        is on it."""
        if record.automated:
            return "automated (list, bulk or no-reply)"
        if crowded(record):
            return CROWD
        if not others:
            return ONLY_YOU_WROTE if record.spoke else ONLY_YOU
        return None if mine else NEITHER

    def _remember(self, shape: Shape | None, decided: Decided) -> None:
        if shape is None:
            return
        if len(self.decided) >= SHAPES_KEPT:  # a mailbox's shapes rarely repeat: start afresh
            self.decided.clear()
            self.decided_by_id.clear()
        self.decided[shape] = decided

    def _evidence(self, people: list[int], record: ExchangeRecord, others: int) -> None:
        """Evidence counts each message once, however often it is imported: it is given when
        the message is first logged (link_new), or now if a promotion just logged it."""
        if len(people) < 2 or others > GROUP_LIMIT:  # no link evidence (`_link`)
            return
        key = (record.origin or self.kind, record.source_id)
        if key in self.replayed:
            self._link(people, record, others)
        else:
            self.pending_links[key] = (people, record, others)

    def link_new(self, keys: set[tuple[str, str]]) -> None:
        """The log wrote these messages for the first time: give their link evidence, in the
        order the file gave them (a set's order changes between runs, and so would the ids)."""
        for key, found in self.pending_links.items():
            if key in keys:
                self._link(*found)
        self.pending_links.clear()

    def ignore(self, why: str) -> None:
        self.ignored[why] = self.ignored.get(why, 0) + 1

    def _is_me(self, party: Party | None) -> bool:
        """is_me, remembered per party for the run (a group chat asks it of its members on
        every conversation)."""
        if party is None:
            return False
        known = self.mine_by_id.get(id(party))  # a chat reader gives the same objects again:
        if known is not None and known[0] is party:  # found with no hashing of a dataclass
            return known[1]
        found = self.mine.get(party)
        if found is None:
            found = self.mine[party] = is_me(party, self.me)
        if len(self.mine_by_id) < SHAPES_KEPT:
            self.mine_by_id[id(party)] = (party, found)
        return found

    def _sides(self, record: ExchangeRecord) -> tuple[list[Party], bool]:
        """Everyone on it but the user, each address once; and whether the user is on it."""
        unique: dict[tuple[str, str], Party] = {}
        mine = False
        for party in (record.sender, *record.recipients):
            if party is None:
                continue
            if self._is_me(party):
                mine = True
            else:
                unique.setdefault((party.kind, party.value), party)
        return list(unique.values()), mine

    def _person_for(self, party: Party) -> int | None:
        """Who has this address; remembered for the run (a mailbox names the same few hundred
        people again and again), forgotten when someone new may own it."""
        key = (party.kind, party.value)
        if key not in self.owners:
            found = self.store.people.ids_for_identity(party.kind, party.value)
            self.owners[key] = found[0] if found else None
        return self.owners[key]

    def forget_owners(self) -> None:
        """People were created or gained addresses: look addresses up afresh."""
        self.owners.clear()
        self.decided.clear()
        self.decided_by_id.clear()

    def _see(
        self, party: Party, record: ExchangeRecord, direction: str, others: int, group: bool
    ) -> int | None:
        message = SeenMessage(
            record.origin or self.kind,
            record.source_id,
            to_utc_text(record.at),
            record.channel,
            direction,
            record.summary,
            record.duration,
            record.notes,
        )
        seen = self.store.seen.note(party, message, self.run_id)
        if not is_two_way(record, seen, others, direction):
            return None
        return self.promote(seen, one_to_one=not group)

    def promote(self, seen: Seen, one_to_one: bool = False) -> int:
        """Make a seen correspondent a person, with every message kept for them; or, when
        `by_name` and a one-to-one chat knows them only by a name that is exactly one known
        person's, add their handle to that person (`joined`) with those messages. A group chat
        does not join by name: Telegram and Messenger show the name its members gave
        themselves, and a stranger in a group who shares a friend's name must not become them
        (a namesake goes to `kith merge`, as before)."""
        if self.flush is not None:
            self.flush()
        known = self._namesake(seen) if self.by_name and one_to_one else None
        if known is None:
            person_id = self._create_person(seen)
        else:
            person_id = known
            self.store.people.cards.add_identity(person_id, identity_of(seen))
        for message in self.store.seen.messages(seen.id):
            self._replay(person_id, message)
        self.store.seen.forget(seen.id)
        if known is None:
            self.promoted.append(person_id)
        else:
            self.joined.append((person_id, seen.name or seen.value))
        self.owners[(seen.kind, seen.value)] = person_id
        return person_id

    def _namesake(self, seen: Seen) -> int | None:
        """The one known person a chat's name for a correspondent names (name_keys: emoji,
        case, accents and "Last, First" aside), who has no other handle in that app; None when
        no one or several do (a namesake then goes to `kith merge` as before)."""
        app = chat_app(seen.kind, seen.value)
        if app is None or not seen.name:
            return None
        found = {
            person_id
            for key in name_keys(seen.name)
            for person_id in self.store.people.ids_for_name_key(key)
        }
        if len(found) != 1:
            return None
        (person_id,) = found
        return None if self.store.people.has_handle_of(person_id, app) else person_id

    def absorb_seen(self, person_id: int) -> int:
        """A person who now has an address seen one-way takes that history into their log."""
        found = self.store.seen.for_person(person_id)
        if found and self.flush is not None:
            self.flush()
        for seen in found:
            for message in self.store.seen.messages(seen.id):
                self._replay(person_id, message)
            self.store.seen.forget(seen.id)
        return len(found)

    def _create_person(self, seen: Seen) -> int:
        name = " ".join(without_controls(seen.name or name_from_address(seen.value)).split())
        person_id = self.store.people.insert(
            uid=str(uuid.uuid4()),
            name=name,
            name_key=fold(name),
            now=self.stamp,
            known_since=seen.first_at[:10],
            how_met=how_met(seen.kind, seen.value),
            **name_columns(name),
        )
        self.store.imports.set_person_run(person_id, self.run_id)
        self.store.people.cards.add_identity(person_id, identity_of(seen))
        return person_id

    def _replay(self, person_id: int, message: SeenMessage) -> None:
        existing = self.store.interactions.id_for_source(message.source, message.source_id)
        if existing is not None:
            self.store.interactions.add_participant(existing, person_id)
            return
        self.replayed.add((message.source, message.source_id))  # first logged now
        self.logged += 1
        self.store.interactions.insert(
            NewInteraction(
                at=message.at,
                channel=message.channel,
                direction="in" if message.direction == CC else message.direction,
                kind="checkin",
                summary=message.summary,
                participants=(person_id,),
                source=message.source,
                source_id=message.source_id,
                run_id=self.run_id,
                notes=message.notes,
                duration=message.duration,
            ),
            self.stamp,
        )

    def _link(self, people: list[int], record: ExchangeRecord, others: int) -> None:
        if others > GROUP_LIMIT or len(people) < 2:
            return
        kind = "co_attendee" if record.meeting else "co_recipient"
        at = to_utc_text(record.at)
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                self.store.relations.add_link(a, b, kind, record.summary[:80], at)

    def upcoming(self, record: UpcomingRecord) -> str:
        """A future meeting: an event with the attendees who are already people."""
        day = record.day.isoformat()
        event_id = self.store.imports.event_for_key(record.name, day)
        created = event_id is None
        if event_id is None:
            event_id = self.store.events.insert(
                record.name, day, record.place, "meeting", self.stamp
            )
            self.store.imports.set_event_run(event_id, self.run_id)
        parties = [p for p in (record.organiser, *record.attendees) if p and not self._is_me(p)]
        people = [pid for pid in (self._person_for(p) for p in parties) if pid is not None]
        self.store.events.attend(event_id, people)
        return "created" if created else "unchanged"


def is_me(party: Party | None, me: frozenset[tuple[str, str]]) -> bool:
    """Whether `party` is the user: one of their addresses or phones, the export's owner, or a
    chat handle under one of their names (`me` holds names as `("name", folded name)`)."""
    if party is None:
        return False
    if party.kind == OWNER.kind or (party.kind, party.value) in me:
        return True
    return party.kind == "handle" and party.name is not None and ("name", _fold(party.name)) in me


_fold = lru_cache(maxsize=4096)(fold)  # a chat names the same few writers on every conversation


def crowded(record: ExchangeRecord) -> bool:
    """More people on it than any conversation has (PARTY_LIMIT): ignored, and counted so."""
    return len(record.recipients) > PARTY_LIMIT


def direction_of(record: ExchangeRecord, mine: Callable[[Party | None], bool]) -> str:
    """Who reached out: the sender of a message; the organiser of a meeting (a meeting with
    no organiser named is a conversation, both ways); in a chat's conversation, `both` when
    the user and someone else wrote."""
    if record.meeting and record.sender is None:
        return "both"
    if record.spoke:
        me_spoke = any(mine(p) for p in record.spoke)
        others_spoke = any(not mine(p) for p in record.spoke)
        return "both" if me_spoke and others_spoke else "out" if me_spoke else "in"
    return "out" if mine(record.sender) else "in"


class Counts(Protocol):
    @property
    def n_out(self) -> int: ...
    @property
    def n_in(self) -> int: ...


def is_two_way(record: ExchangeRecord, seen: Counts, others: int, direction: str) -> bool:
    """A meeting of a few, messages both ways, a chat's conversation both wrote in, or a call
    that connected (a call is a conversation, whoever dialled)."""
    if (record.meeting and others <= MEETING_LIMIT) or record.channel == "call":
        return True
    return bool(seen.n_out and seen.n_in) or (bool(record.spoke) and direction == "both")


def speakers(record: ExchangeRecord, others: list[Party]) -> list[Party]:
    """Who a conversation was with: in a group chat, those who wrote in it (the silent
    members are not in touch with the user by it); elsewhere everyone on it."""
    if record.spoke and len(others) > 1:
        spoke = set(record.spoke)
        return [p for p in others if p in spoke]
    return others


def counted_parties(record: ExchangeRecord, others: list[Party], direction: str) -> list[Party]:
    """Whom the exchange counts for under the two-way rule: everyone at a meeting or on what
    the user sent, else the sender; in a group chat, those who wrote."""
    if record.spoke and len(others) > 1:
        spoke = set(record.spoke)
        return [p for p in others if p in spoke]
    if record.meeting or direction != "in":
        return others
    return [p for p in others if p == record.sender]


def name_from_address(address: str) -> str:
    """`ada.lovelace@example.org` → `Ada Lovelace`: the best name an address alone gives."""
    local = address.split("@", 1)[0].rsplit("/", maxsplit=1)[-1]
    words = [w for w in local.replace("_", ".").replace("-", ".").split(".") if w]
    return " ".join(w.capitalize() for w in words) or address


HOW_MET = {"email": "by e-mail", "linkedin": "LinkedIn messages", "phone": "by phone or text"}


def how_met(kind: str, value: str) -> str:
    """How a correspondent first reached the user, from the kind of address (a chat handle
    names its app: `telegram:user42`)."""
    if kind == "handle" and ":" in value:
        app = value.split(":", 1)[0]
        return f"on {APP_NAMES.get(app, app.capitalize())}"
    return HOW_MET.get(kind, "by message")


NAMED_APPS = frozenset({"whatsapp", "signal", "messenger", "telegram"})  # handles with names


def chat_app(kind: str, value: str) -> str | None:
    """The chat app whose handle this is (`whatsapp:ada lovelace` → whatsapp), else None."""
    app = value.split(":", 1)[0] if kind == "handle" and ":" in value else None
    return app if app in NAMED_APPS else None


def identity_of(seen: Seen) -> Identity:
    return Identity(seen.kind, seen.value, seen.value)


class NotInChat(UserError):
    """A chat file in which Kith did not find the user: a folder import skips it and goes on,
    listing it beside `reason` (the message without the file's name and the import's end)."""

    def __init__(self, path: str | None, reason: str) -> None:
        super().__init__(f"{path}: {reason} Nothing was imported.")
        self.reason = reason


def check_chat_owner(
    kind: str,
    path: str | None,
    strangers: int,
    exchanges: int,
    writers: set[str],
    my_name: str | None = None,
) -> None:
    """A chat in which no conversation is the user's (`strangers` of the `exchanges` were
    "neither side is you"): Kith did not find them in it. `my_name` is `me.name` when set: the
    message then says the name Kith looked for, rather than asking to set it."""
    if kind not in registry.CHAT_KINDS or not strangers or strangers < exchanges:
        return
    names = ", ".join(sorted(writers)[:8])
    if my_name and my_name.strip():
        advice = (
            f'Kith looked for you as "{my_name.strip()}" (me.name); give --me with the name the '
            "export gives you (or your number)."
        )
    else:
        advice = (
            "Give --me with the name the export gives you (or your number), or set `kith "
            "config set me.name`."
        )
    raise NotInChat(
        path,
        f"none of the people in this chat is you as Kith knows you (it names {names}). {advice}",
    )


def note_writers(writers: set[str], record: ExchangeRecord) -> None:
    """Remember a few of the names a chat gives, for the message when none is the user."""
    note_names(writers, record.sender, record.recipients)


def note_names(writers: set[str], sender: Party | None, recipients: tuple[Party, ...]) -> None:
    """note_writers, from an exchange's parties."""
    if len(writers) < WRITERS_NOTED:
        writers.update(p.name or p.value for p in (sender, *recipients) if p is not None)


def needs_owner(me: frozenset[tuple[str, str]], record: ExchangeRecord, where: str) -> None:
    """Stop when Kith cannot tell the user's side: no identity of theirs, no owner marked."""
    if not me and not _names_owner(record):
        raise UserError(
            f"{where} holds messages or meetings, and Kith "
            "needs to know which side is you: give --me ADDRESS (repeatable; a phone number "
            "or, for chats, the name the export gives you), or set `kith config set "
            f"me.emails you@example.org` (or me.name, me.phones).{_first_names(record)} "
            "Nothing was imported."
        )


def _first_names(record: ExchangeRecord) -> str:
    """For a chat, the names its first conversation gives: one of them is the user's."""
    parties = (record.sender, *record.recipients)
    names = sorted({p.name or p.value for p in parties if p is not None and p.kind != "email"})
    if not names:
        return ""
    shown = names[:8]
    listed = " and ".join(shown) if len(shown) < 3 else f"{', '.join(shown[:-1])} and {shown[-1]}"
    return f" Its first conversation names {listed}; give --me with yours."


def _names_owner(record: ExchangeRecord) -> bool:
    return names_owner(record.sender, record.recipients)


def names_owner(sender: Party | None, recipients: tuple[Party, ...]) -> bool:
    """Whether the export's owner is among these parties (then needs_owner never stops)."""
    return any(p is not None and p.kind == OWNER.kind for p in (sender, *recipients))


def in_the_future(record: ExchangeRecord, stamp: str, where: str) -> Skipped | None:
    """A message or conversation dated after now (`stamp`): skipped, never logged, so never
    the exchange that makes someone a person either."""
    at = to_utc_text(record.at)
    return None if at <= stamp else future_skipped(record, at, where)


def future_skipped(record: ExchangeRecord, at: str, where: str) -> Skipped:
    """Why a message or conversation dated after now (`at`, its stored UTC text) is skipped."""
    return Skipped(
        f"{where}: interaction {record.source_id}",
        f"is in the future ({at}); interactions never are",
    )
