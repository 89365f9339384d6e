"""Bringing records into the store: plan them against what is there, show or apply the plan.

`import_file(store, path, ...)` picks a reader through the registry and calls `import_records`.
Everything from one file is all-or-nothing: a crash or an error leaves nothing of it. Into a
database that holds something, the import is written in short slices (`Store.sliced`, with
the run journal of store/journal.py taking back the committed slices after an error or a
kill), so that other writers wait at most one slice; into an empty one, in one transaction.
With `dry_run` the same work is done and then rolled back, so the plan shown is exactly what an
import would do. Re-importing the same file plans nothing.
"""

from __future__ import annotations

import gc
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from kith.clock import to_utc_text
from kith.controls import scrubbed
from kith.errors import UserError
from kith.identities import guess_kind, normalise
from kith.names import fold
from kith.records import (
    ArticleRecord,
    Conversations,
    EventRecord,
    ExchangeRecord,
    FollowUpRecord,
    Ignored,
    InteractionRecord,
    OrganisationRecord,
    Party,
    PersonRecord,
    Record,
    SettingRecord,
    Skipped,
    SkipRecord,
    Tally,
    UpcomingRecord,
    WantRecord,
)
from kith.services import settings
from kith.services.importing import date_orders
from kith.services.importing.exchange import (
    NEITHER,
    WRITERS_NOTED,
    ExchangeApplier,
    check_chat_owner,
    future_skipped,
    names_owner,
    needs_owner,
    note_names,
    note_writers,
)
from kith.services.importing.log import LogApplier, Logged, ends_of, utc_text
from kith.services.importing.people import PersonApplier
from kith.services.importing.plan_data import PlanDataApplier, PlanRecord
from kith.services.merging import suggest
from kith.sources import registry
from kith.store import Store
from kith.store.rows import chunks
from kith.vocab import channel

Progress = Callable[[int], None]  # told how many records have gone by
PROGRESS_EVERY = 2_000
REFRESHED = 25  # people whose aggregates or search rows are refreshed between two breaths
SAMPLES = 5  # the plan shows counts, and this many examples of each kind of action
# What became of each record a reader yielded (a message, a card, an event, a row): every one is
# accounted for under exactly one of these, so `found` is their sum.
ACCOUNTS = ("imported", "known", "one_way", "ignored", "skipped")
_ACCOUNT_OF = {
    "created": "imported",
    "updated": "imported",
    "unchanged": "known",
    "skipped": "skipped",
    "ignored": "ignored",
    "one_way": "one_way",
}


@dataclass
class ImportReport:
    """What an import did (or, with dry_run, would do)."""

    kind: str
    path: str | None
    dry_run: bool
    run_id: int | None = None
    created: Counter[str] = field(default_factory=Counter)  # {"person": 3, "interaction": 9}
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    skipped: list[Skipped] = field(default_factory=list)
    ignored: Counter[str] = field(default_factory=Counter)  # messages not for Kith, by why
    to_review: int = 0  # pairs of people newly queued for `kith merge`
    read: Counter[str] = field(default_factory=Counter)  # chat messages and calls gone through
    actions: list[str] = field(default_factory=list)  # the plan, in words (capped)
    found: int = 0  # records the reader yielded: messages, cards, events, rows
    accounted: Counter[str] = field(default_factory=Counter)  # each found record, by ACCOUNTS
    dated_by: Counter[str] = field(default_factory=Counter)  # mail without a usable Date:, by
    # what dated it instead ("received", "postmark")
    remember: dict[str, str | None] = field(default_factory=dict)  # how the file was read
    # distinct phone numbers read without a country code while no `phone.default_region` is
    # set: they stay digits and cannot match a number known in E.164 (the CLI says what to do)
    phones_without_country: int = 0
    # chat correspondents joined to the one person known by their name, as "Wendy Weekly #1"
    matched_by_name: list[str] = field(default_factory=list)

    def account(self, outcome: str) -> None:
        """One found record's fate: an outcome ("created", "unchanged"...) or an account."""
        self.accounted[_ACCOUNT_OF.get(outcome, outcome)] += 1

    def note(self, outcome: str, what: str, label: str) -> None:
        counts: Counter[str] = getattr(self, outcome)
        counts[what] += 1
        if outcome != "unchanged" and counts[what] <= SAMPLES:
            verb = outcome.removesuffix("d")
            self.actions.append(f"{verb} {what} {label}".rstrip())

    @property
    def changed_anything(self) -> bool:
        return bool(sum(self.created.values()) + sum(self.updated.values()))

    def summary(self) -> dict[str, object]:
        return {
            "created": dict(self.created),
            "updated": dict(self.updated),
            "unchanged": dict(self.unchanged),
            "ignored": dict(self.ignored),
            "to_review": self.to_review,
            **({"matched_by_name": self.matched_by_name} if self.matched_by_name else {}),
            "skipped": len(self.skipped),
            **({"read": dict(self.read)} if self.read else {}),
            "found": self.found,
            "accounted": self.account_of_found(),
            "dated_by": dict(self.dated_by),
            **self.remember,
        }

    def account_of_found(self) -> dict[str, int]:
        """Every account, in ACCOUNTS order, zeros included: they add up to `found`."""
        return {name: self.accounted[name] for name in ACCOUNTS}


class _RollBack(Exception):
    """Raised inside the transaction of a dry run so that nothing stays."""


def import_file(
    store: Store,
    path: Path,
    *,
    kind: str | None,
    now: datetime,
    dry_run: bool = False,
    strict: bool = False,
    me: Sequence[str] = (),
    progress: Progress | None = None,
    date_order: str | None = None,
    keep_text: bool = False,
) -> ImportReport:
    if not path.exists():
        raise UserError(f"{path}: no such file.")
    chosen = kind or registry.detect(path)
    region = store.meta.setting("phone.default_region")
    sha = None
    if registry.takes(chosen, "date_order") and path.is_file():
        sha, date_order = date_orders.remembered(
            store, path, date_order, kind=chosen, now=now, region=region
        )
    read = registry.records(
        chosen, path, now, date_order=date_order, region=region, keep_text=keep_text, bulk=True
    )
    records = refused_when_empty(read, chosen, path)
    me = (*me, *registry.owners(chosen, path))
    if progress is not None:
        records = counted(records, progress)
    national: set[str] = set()
    if region is None:
        records = _without_country(records, national)
    report = import_records(
        store,
        records,
        kind=chosen,
        path=str(path),
        now=now,
        dry_run=dry_run,
        strict=strict,
        me=me,
        remember={"date_order": date_order, "sha256": sha} if date_order else None,
    )
    report.phones_without_country = len(national)
    return report


def _without_country(records: Iterable[Record], found: set[str]) -> Iterator[Record]:
    """The records, passed through; the phone numbers of their parties that have no country
    code (no region to read them in) go into `found`."""
    for record in records:
        if isinstance(record, ExchangeRecord):
            _national_of((record.sender, *record.recipients), found)
        elif isinstance(record, Conversations):
            # a reader hands the same parties over again and again: each looked at once
            rows = record.rows
            _national_of({id(row[4]): row[4] for row in rows}.values(), found)
            for parties in {id(row[5]): row[5] for row in rows}.values():
                _national_of(parties, found)
        yield record


def _national_of(parties: Iterable[Party | None], found: set[str]) -> None:
    for party in parties:
        if party is not None and party.kind == "phone" and party.value[:1] != "+":
            found.add(party.value)


def import_records(
    store: Store,
    records: Iterable[Record],
    *,
    kind: str,
    path: str | None,
    now: datetime,
    dry_run: bool = False,
    strict: bool = False,
    me: Sequence[str] = (),
    remember: dict[str, str | None] | None = None,
    bulk: bool = True,
) -> ImportReport:
    """Apply `records` in one transaction (rolled back when `dry_run`); report what changed.

    `bulk` (the default) lets the run take its shortcuts: exchanges decided once per shape of
    parties, the idle staleness triggers lifted in an empty database. Without it every record
    goes the long way, which must write the same rows (tests/test_chat_bulk_path.py).

    `me` adds to the user's own addresses (the `me.emails` and `me.linkedin` settings), which
    decide the direction of messages and meetings; `remember` goes into the run's summary (the
    date order a chat file was read in, with its hash: date_orders.py).
    """
    report = ImportReport(kind, path, dry_run, remember=dict(remember or {}))
    sliced = not dry_run and not store.in_transaction and not store.meta.is_empty()
    if sliced:  # in slices, letting other writers in
        with store.sliced():
            run = ImportRun(store, report, now, my_identities(store, me), bulk=bulk)
            run.apply(records, strict)
        return report
    try:  # a dry run rolls back; a first import into an empty file indexes the log at the end
        with store.transaction():
            run = ImportRun(store, report, now, my_identities(store, me), bulk=bulk)
            run.apply(records, strict)
            if dry_run:
                raise _RollBack
    except _RollBack:
        report.run_id = None
    return report


def needs_me(store: Store, paths: Sequence[Path], kind: str | None, now: datetime) -> str | None:
    """When importing these files needs the user's own address (or, for a chat, name) and
    none is known: the first such kind (`mbox`, `whatsapp`...), for the face to ask the right
    thing; else None. A file that tells which side is the user (registry.names_its_owner)
    needs nothing, nor a calendar of meetings all still to come at `now` (registry.all_to_come):
    the one rule `kith import` on a terminal and the web's Import page both ask by."""
    if my_identities(store, ()):
        return None
    files = [path for path in paths if path.is_file()]
    if kind:  # a folder read as one kind: asked about as before, by the kind alone
        kinds = [(kind, path) for path in files] or [(kind, Path())]
    else:
        kinds = [(registry.detect(path), path) for path in files]
    for each, path in kinds:
        if each not in registry.EXCHANGE_KINDS or registry.names_its_owner(each, path):
            continue
        if not registry.all_to_come(each, path, now):
            return each
    return None


def counted(
    records: Iterable[Record], progress: Progress, every: int = PROGRESS_EVERY
) -> Iterator[Record]:
    """Pass `records` through, telling `progress` how many have gone by every so often."""
    count = told = 0
    for record in records:
        count += len(record.rows) if type(record) is Conversations else 1
        if count - told >= every:
            told = count - count % every
            progress(told)
        yield record
    progress(count)


def my_identities(store: Store, given: Sequence[str]) -> frozenset[tuple[str, str]]:
    """The user's own addresses, profile, phones and names: the settings (`me.emails`,
    `me.linkedin`, `me.phones`, `me.name`) plus what `--me` gave. A name is kept as
    `("name", folded)`: chat exports (WhatsApp, Signal, Messenger) know people only by name."""
    emails = (store.meta.setting("me.emails") or "").split(",")
    phones = (store.meta.setting("me.phones") or "").split(",")
    texts = [*emails, *phones, store.meta.setting("me.linkedin") or "", *given]
    region = store.meta.setting("phone.default_region")
    found = set()
    for text in (t.strip() for t in texts if t.strip()):
        kind = guess_kind(text) or "name"
        if kind == "name":
            found.add((kind, fold(text)))
        else:
            found.add((kind, normalise(kind, text, region).value))
    name = store.meta.setting("me.name")
    if name and name.strip():
        found.add(("name", fold(name)))
    return frozenset(found)


class ImportRun:
    """One file's import: the appliers for people, the log and messages, and the report."""

    def __init__(
        self,
        store: Store,
        report: ImportReport,
        now: datetime,
        me: frozenset[tuple[str, str]],
        run_id: int | None = None,
        bulk: bool = True,
    ) -> None:
        self.store, self.report, self.stamp = store, report, to_utc_text(now)
        self.bulk = bulk
        self.was_empty = store.meta.is_empty()
        self.open_before = store.merge_queue.count_open()
        self.run_id = run_id or store.imports.start_run(report.kind, report.path, self.stamp)
        where = report.path or report.kind
        self.people = PersonApplier(
            store, report.kind, self.run_id, self.stamp, report.skipped, where
        )
        self.log = LogApplier(
            store, report.kind, self.run_id, now, self.people.ids, report.skipped, where
        )
        self.exchanges = ExchangeApplier(
            store,
            self.run_id,
            self.stamp,
            me,
            report.ignored,
            flush=self.log.flush,
            kind=report.kind,
        )
        self.exchanges.remember = bulk
        # a chat's name joins the one known person of that name unless the user said not to
        self.exchanges.by_name = store.meta.setting("chats.match_names") != "off"
        self.log.after_flush = self.exchanges.link_new
        self.log.fresh = self.exchanges.replayed
        self.one_way: set[tuple[str, str]] = set()  # records kept one-way in this run
        self.exchanges_seen = 0
        self.exchanged: set[int] = set()  # people an exchange was logged with
        self.writers: set[str] = set()
        self.log.told = self.logged
        self.log.told_created = self.logged_created
        self.promoting: Counter[tuple[str, str]] = Counter()  # messages that promoted someone
        self.unlinked: list[int] = []  # LinkedIn connections made without a profile URL
        self.plan_data = PlanDataApplier(
            store, report.kind, self.run_id, self.people.ids, report.skipped, where
        )

    def apply(self, records: Iterable[Record], strict: bool) -> None:
        bulk = self.store.search.indexing_log_at_the_end() if self.was_empty else nullcontext()
        # an empty database is never written in slices: the triggers' DDL is all-or-nothing
        lift = self.was_empty and self.bulk
        idle = self.store.imports.idle_triggers_lifted() if lift else nullcontext()
        roomy = self.store.imports.roomy_cache() if self.bulk else nullcontext()
        chat = self.bulk and self.report.kind in registry.CHAT_KINDS
        with roomy, collector_paused() if chat else nullcontext():
            with self.store.imports.tracking(self.run_id), bulk, idle:
                for record in records:
                    self.dispatch(record)
                    self.store.breathe()
                    if strict and self.report.skipped:
                        first = self.report.skipped[0]
                        raise UserError(
                            f"{first.where}: {first.reason}. Nothing was imported (--strict); "
                            "fix the entry or import without --strict to skip it."
                        )
                self.log.flush()
            self._check_chat_owner()
            self.finish()

    def _check_chat_owner(self) -> None:
        report = self.report
        strangers = report.ignored.get(NEITHER, 0)
        name = self.store.meta.setting("me.name")
        check_chat_owner(
            report.kind, report.path, strangers, self.exchanges_seen, self.writers, name
        )

    def dispatch(self, record: Record) -> None:
        if isinstance(record, Tally):  # a chat reader's count of what it read: no record
            self.report.read[record.what] += record.count
            return
        if type(record) is Conversations:  # a chat reader's in bulk: each row is one found
            self.report.found += len(record.rows)
            self.conversations(record)
            return
        self.report.found += 1
        self.apply_record(record)

    def apply_record(self, record: Record) -> None:
        report = self.report
        if type(record) is ExchangeRecord and not record.dated_by:  # a chat's many: asked first
            self.exchange(record)
        elif isinstance(record, Skipped | Ignored):
            _account(report, record)
        elif isinstance(record, PersonRecord):
            self.person_record(record)
        elif isinstance(record, OrganisationRecord):
            self.noted(self.organisation(record), "organisation", record.name)
        elif isinstance(record, InteractionRecord):
            self.log.add_interaction(record)  # accounted when the log is flushed
        elif isinstance(record, ExchangeRecord):
            if record.dated_by:
                report.dated_by[record.dated_by] += 1
            self.exchange(record)
        elif isinstance(record, UpcomingRecord):
            self.noted(self.exchanges.upcoming(record), "event", record.name)
        elif isinstance(record, EventRecord):
            self.noted(self.log.apply_event(record), "event", record.name)
        elif isinstance(record, FollowUpRecord | ArticleRecord | WantRecord | SkipRecord):
            self.plan_record(record)
        elif isinstance(record, SettingRecord):
            self.noted(_apply_setting(self.store, record, report), "setting", record.key)
        elif not isinstance(record, Tally | Conversations):  # both applied by dispatch
            outcome = self.log.apply_pair(record)
            what = type(record).__name__.removesuffix("Record").lower()
            label = self._pair_label(ends_of(record)) if outcome != "skipped" else ""
            self.noted(outcome, what, label)

    def person_record(self, record: PersonRecord) -> None:
        """A contact, without a control character no keyboard makes (NUL, a bidi override:
        kith.controls) in what it says, except in Kith's own file: a restore gives back what
        it saved."""
        record = record if self.report.kind == "kith-json" else scrubbed(record)
        outcome = self.person(record)
        self.noted(outcome, "person", record.name)
        person_id = self.people.ids[record.source_id]
        linked = any(identity.kind == "linkedin" for identity in record.identities)
        if self.report.kind == "linkedin" and outcome == "created" and not linked:
            self.unlinked.append(person_id)
        self.exchanges.forget_owners()
        self.exchanges.absorb_seen(person_id)

    def noted(self, outcome: str, what: str, label: str) -> None:
        """One record's outcome, in the plan (unless skipped, which the list says) and the
        account of what was found."""
        if outcome != "skipped":
            self.report.note(outcome, what, label)
        self.report.account(outcome)

    def logged(self, key: tuple[str, str], outcome: str) -> None:
        """The log wrote (or found, or skipped) an interaction record: account for it. A message
        that promoted someone imported something, whatever the log then found."""
        if self.promoting.get(key):  # (a Counter's [] calls __missing__, Python code)
            self.promoting[key] -= 1
            outcome = "created"
        self.report.account(outcome)

    def logged_created(self, keys: list[tuple[str, str]]) -> None:
        """`logged` for a batch the log created: each one imported."""
        promoting = self.promoting
        if promoting:
            for key in keys:
                if promoting.get(key):
                    promoting[key] -= 1
        self.report.accounted[_ACCOUNT_OF["created"]] += len(keys)

    def person(self, record: PersonRecord) -> str:
        outcome = self.people.apply(record)
        person_id = self.people.ids[record.source_id]
        changed = self.plan_data.person(person_id, record, outcome == "created")
        return "updated" if changed and outcome == "unchanged" else outcome

    def organisation(self, record: OrganisationRecord) -> str:
        cards = self.store.people.cards
        if cards.has_organisation(record.name, record.domain):
            return "unchanged"
        known = cards.has_organisation(record.name)
        cards.organisation_id(record.name, record.domain)
        return "updated" if known else "created"

    def plan_record(self, record: PlanRecord) -> None:
        self.log.flush()  # follow-ups and shares name interactions: they must be in the log
        self.noted(*self.plan_data.apply(record))

    def _pair_label(self, ends: tuple[str, str]) -> str:
        ids = [self.people.ids[end] for end in ends if end in self.people.ids]
        refs = self.store.people.refs(ids)
        return " and ".join(refs[i].name for i in ids if i in refs)

    def exchange(
        self, record: ExchangeRecord, at: str | None = None, recalled: bool = False
    ) -> None:
        """One exchange decided and logged; `at` its stored UTC text when the reader made it
        (a chat's conversation in bulk), else made here; `recalled` as ExchangeApplier.apply
        takes it."""
        needs_owner(self.exchanges.me, record, self.report.path or self.report.kind)
        self.exchanges_seen += 1
        note_writers(self.writers, record)
        if at is None:
            at = utc_text(record.at)
        if at > self.stamp:
            self.report.skipped.append(future_skipped(record, at, self.log.where))
            self.report.account("skipped")
            return
        promoted = len(self.exchanges.promoted) + len(self.exchanges.joined)
        applied = self.exchanges.apply(record, recalled)
        if not applied:
            self.report.account("ignored")
            return
        people, direction = applied
        key = (record.origin or self.report.kind, record.source_id)
        if not people:  # kept for a correspondent who has not written both ways (`kith seen`)
            self.report.account("one_way")
            self.one_way.add(key)
            return
        if len(self.exchanges.promoted) + len(self.exchanges.joined) > promoted:
            self.promoting[key] += 1
        self.exchanged.update(people)
        self.log.add_interaction(
            Logged(
                key,
                at,
                _channel(record.channel),
                direction,
                record.summary,
                record.notes,
                record.duration,
                tuple(people),
            )
        )

    def conversations(self, batch: Conversations) -> None:
        """A chat's conversations from their rows, as `exchange` applies each one's record:
        a row whose parties decided before (everyone on it a person, or not for Kith) and
        which gives no link evidence is logged from the row; any other is made the record
        and goes through `exchange`."""
        exchanges, report, log, stamp = self.exchanges, self.report, self.log, self.stamp
        mine = bool(exchanges.me)  # else needs_owner may stop the import: asked per row
        channel, given = _channel(batch.channel), batch.channel
        recall, breathe, origin = exchanges.recall, self.store.breathe, batch.origin
        writers, exchanged = self.writers, self.exchanged
        for row in batch.rows:
            source_id, _, at, summary, sender, recipients, spoke = row
            asked = at <= stamp and (mine or names_owner(sender, recipients))
            decided = recall(sender, recipients, spoke, channel=given) if asked else None
            if decided is None or (not isinstance(decided, str) and len(decided[0]) != 1):
                # decided here (a shape recall did not find is not asked again), or link
                # evidence to give
                self.exchange(batch.record(row), at, asked and decided is None)
                breathe()
                continue
            self.exchanges_seen += 1
            if len(writers) < WRITERS_NOTED:
                note_names(writers, sender, recipients)
            if isinstance(decided, str):
                exchanges.ignore(decided)
                report.account("ignored")
                continue
            people, direction, _ = decided
            exchanged.update(people)
            log.add_interaction(
                Logged((origin, source_id), at, channel, direction, summary, None, None, people)
            )
            breathe()

    def matched_by_name(self) -> None:
        """Say whom a chat's names joined (in the report, and in the plan a dry run shows)."""
        joined = self.exchanges.joined
        refs = self.store.people.refs([person_id for person_id, _ in joined])
        if joined:
            self.report.updated["person"] += len({person_id for person_id, _ in joined})
        for person_id, written in joined:
            known = f"{refs[person_id].name} #{person_id}"
            self.report.matched_by_name.append(known)
            if len(self.report.matched_by_name) <= SAMPLES:
                self.report.actions.append(f"match {written} by name to {known}")

    def review_same_names(self) -> None:
        """Two people of one file with the same full name (LinkedIn connections without profile
        URLs, whose messages could not say which one): queued for `kith merge` to decide."""
        refs = self.store.people.refs(self.unlinked)
        for a, b in _same_name_pairs({pid: ref.name for pid, ref in refs.items()}):
            self.store.merge_queue.add(a, b, "the same name twice in one file", 100.0, self.stamp)

    def finish(self) -> None:
        report, log = self.report, self.log
        if log.created:
            report.created["interaction"] += log.created
        if log.updated:
            report.updated["interaction"] += log.updated
        if log.unchanged:
            report.unchanged["interaction"] += log.unchanged
        if self.exchanges.promoted:
            report.created["person"] += len(self.exchanges.promoted)
        if self.exchanges.logged:
            report.created["interaction"] += self.exchanges.logged
        promoted = self.exchanges.promoted
        if promoted and not self.was_empty:  # known since their first interaction, whatever
            # its kind (into an empty database, read from the tie rows summed below)
            self.store.imports.known_since_first_interaction(promoted)
        made_two_way = len(self.one_way & self.exchanges.replayed)  # one-way, then promoted
        report.accounted["one_way"] -= made_two_way
        report.accounted["imported"] += made_two_way
        self.matched_by_name()
        self.store.breathe()
        self.people.resolve_met(log.events)
        if self.unlinked:  # the messages of older LinkedIn exports name people, not link them
            self.review_same_names()
        changed = set(self.people.ids.values()) | set(self.exchanges.promoted) | self.exchanged
        report.to_review = (
            self.store.merge_queue.count_open()
            - self.open_before
            + suggest(self.store, changed, self.stamp)
        )
        self.store.breathe()
        _refresh_derived(
            self.store,
            self.was_empty,
            changed,
            log.touched | set(self.exchanges.promoted) | {p for p, _ in self.exchanges.joined},
        )
        if promoted and self.was_empty:  # every tie row summed afresh from the whole log
            self.store.imports.known_since_first_tie(promoted)
        report.run_id = self.run_id
        self.store.imports.finish_run(
            self.run_id, self.stamp, json.dumps(report.summary(), sort_keys=True)
        )


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a chat's bulk import runs, on again after (if
    it was on): the import makes hundreds of thousands of tuples that live until its end, and
    the collector went through them again and again for nothing (391 collections of the
    bench's 100,000-message SMS backup freed 60 objects and cost 0.14 s of 2.7 s of CPU; the
    200,000-line WhatsApp export's 204 freed none). Only chats: a mailbox's messages are
    parsed into objects that may hold cycles, and its import may run for long."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@lru_cache(maxsize=64)
def _channel(name: str) -> str:
    """vocab.channel, once per name a reader gives (an exchange's is already canonical)."""
    return channel(name)


def _account(report: ImportReport, record: Skipped | Ignored) -> None:
    if isinstance(record, Skipped):
        report.skipped.append(record)
        report.account("skipped")
    else:
        report.ignored[record.reason] += 1
        report.account("ignored")


def refused_when_empty(records: Iterable[Record], kind: str, path: Path) -> Iterator[Record]:
    """The records, then (read inside the import's transaction) `nothing_read` if none came (a
    chat reader's tallies are counts, not records)."""
    count = 0
    for record in records:
        count += not isinstance(record, Tally)
        yield record
    if not count:
        nothing_read(kind, path)


def nothing_read(kind: str, path: Path) -> None:
    """A file of a known kind gave no record at all: an error saying what Kith expected, unless
    the file is valid and empty (the report then says found nothing)."""
    expected = registry.unread(kind, path)
    if expected:
        raise UserError(
            f"{path}: no record could be read from it as {kind}; Kith expected {expected}. "
            "Nothing was imported."
        )


def _same_name_pairs(names: dict[int, str]) -> Iterator[tuple[int, int]]:
    """Pairs of these people whose full names are the same (folded), each group in a chain."""
    groups: dict[str, list[int]] = {}
    for person_id, name in names.items():
        groups.setdefault(fold(name), []).append(person_id)
    for members in groups.values():
        yield from pairwise(members)


def _apply_setting(store: Store, record: SettingRecord, report: ImportReport) -> str:
    current = store.meta.setting(record.key)
    if current is not None:
        return "unchanged"  # the user's own settings win over a file's
    try:
        value = settings.check(record.key, record.value)
    except UserError as error:
        report.skipped.append(
            Skipped(f"{report.path or report.kind}: setting {record.key}", str(error))
        )
        return "skipped"
    store.meta.set_setting(record.key, value)
    return "created"


def _refresh_derived(store: Store, was_empty: bool, people: set[int], touched: set[int]) -> None:
    """Aggregates and search rows, set-based: cheaper than row by row for large imports."""
    if was_empty:
        store.interactions.recompute_all()
        store.people.rebuild_search()
        return
    refreshed(store, touched, people)


def refreshed(store: Store, touched: Iterable[int], people: Iterable[int]) -> None:
    """The aggregates of `touched` and the search rows of `people`, REFRESHED at a time: between
    them a sliced write may commit (500 held the lock 1.2 s, 100 still 1.5 s at load 20)."""
    for chunk in chunks(sorted(set(touched)), REFRESHED):
        store.interactions.recompute(chunk)
        store.breathe()
    for chunk in chunks(sorted(set(people)), REFRESHED):
        store.people.refresh_search(chunk)
        store.breathe()
