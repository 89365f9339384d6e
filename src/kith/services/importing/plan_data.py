"""Applying the weekly plan's data from a Kith JSON export: a person's plan choices, follow-ups,
articles (topics, shares), wants and skips. Like every import it only adds: what the user
already has wins, and a second import of the same file changes nothing.

Matching: a follow-up is the same when it has the same person, text and creation time; an
article, the same URL; a want, the same person; a skip, the same person and time. A follow-up
or article already there is left as it is (only an article's missing topics and shares are
added). A person's plan choices fill in what is unset: a pin or mute is added, a snooze or a
cadence override is taken when the person has none.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kith.clock import to_utc_text
from kith.records import (
    ArticleRecord,
    FollowUpRecord,
    InteractionRef,
    PersonRecord,
    Skipped,
    SkipRecord,
    WantRecord,
)
from kith.store import Store
from kith.store.articles import topic_words

PlanRecord = FollowUpRecord | ArticleRecord | WantRecord | SkipRecord
WHAT = {FollowUpRecord: "follow_up", ArticleRecord: "article", WantRecord: "want"}
CADENCE = ("cadence_days", "cadence_max_days")


@dataclass
class PlanDataApplier:
    store: Store
    source: str  # the file's kind: the source of interactions that name none
    run_id: int
    people: dict[str, int]  # person source_id → id
    skipped: list[Skipped]
    where: str
    seen: Counter[tuple[int, str, str]] = field(default_factory=Counter)  # follow-ups in the file
    added: Counter[tuple[int, str, str]] = field(default_factory=Counter)  # ... created by it

    def person(self, person_id: int, record: PersonRecord, created: bool) -> bool:
        """Set or fill in the person's plan choices; True if anything changed. A let-go is
        added when they have none (the run notes the row, so an undo takes it back)."""
        let_go = record.let_go_at is not None and self.store.restore.add_let_go(
            person_id, _text(record.let_go_at)
        )
        return self._choices(person_id, record, created) or let_go

    def _choices(self, person_id: int, record: PersonRecord, created: bool) -> bool:
        have = self.store.restore.person_plan(person_id)
        wanted = _plan_of(record)
        fill = {k: v for k, v in wanted.items() if v and not have[k] and k not in CADENCE}
        if not any(have[k] for k in CADENCE):
            fill |= {k: wanted[k] for k in CADENCE if wanted[k] is not None}
        if not fill:
            return False
        self.store.restore.set_person_plan(person_id, fill)
        if not created:
            for field in fill:
                self.store.imports.note_fill(self.run_id, person_id, field)
        return True

    def apply(self, record: PlanRecord) -> tuple[str, str, str]:
        """(outcome, what, label): created, updated, unchanged or skipped."""
        missing = [p for p in _people_of(record) if p not in self.people]
        what = WHAT.get(type(record), "plan_skip")
        if missing:
            reason = f"refers to people not in this file: {', '.join(missing[:3])}"
            self.skipped.append(Skipped(f"{self.where}: {what}", reason))
            return "skipped", what, ""
        if isinstance(record, FollowUpRecord):
            return self._follow_up(record), what, record.text
        if isinstance(record, ArticleRecord):
            return self._article(record), what, record.url
        person_id = self.people[record.person]
        name = self.store.people.refs([person_id])[person_id].name
        if isinstance(record, WantRecord):
            added = self.store.restore.add_want(
                person_id, record.why, _text(record.created_at), _maybe(record.met_at)
            )
        else:
            added = self.store.restore.add_skip(person_id, _text(record.at))
        return ("created" if added else "unchanged"), what, name

    def _follow_up(self, record: FollowUpRecord) -> str:
        """The same promise made twice at once is two rows: the nth of a file is unchanged
        when the database had n of them before this import."""
        person_id, created = self.people[record.person], _text(record.created_at)
        key = (person_id, record.text, created)
        had = self.store.restore.follow_ups_like(*key) - self.added[key]
        self.seen[key] += 1
        if self.seen[key] <= had:
            return "unchanged"
        self.added[key] += 1
        values = (
            person_id,
            record.text,
            record.owner,
            record.due.isoformat() if record.due else None,
            created,
            _maybe(record.done_at),
            record.done_note,
            self._interaction(record.interaction),
        )
        self.store.restore.add_follow_up(record.id, values)
        return "created"

    def _article(self, record: ArticleRecord) -> str:
        restore = self.store.restore
        article_id = restore.article_for_url(record.url)
        outcome = "unchanged"
        if article_id is None:
            article_id = restore.add_article(
                record.id, record.url, record.title, record.note, _text(record.saved_at)
            )
            outcome = "created"
        topics = dict.fromkeys(t for t in (topic_words(t) for t in record.topics) if t)
        changed = restore.add_topics(article_id, topics) > 0
        for share in record.shares:
            interaction = self._interaction(share.interaction)
            person_id = self.people[share.person]
            changed |= restore.add_share(article_id, person_id, _text(share.at), interaction)
        return "updated" if changed and outcome == "unchanged" else outcome

    def _interaction(self, ref: InteractionRef | None) -> int | None:
        """The interaction the export names, if this database has it (imported or not)."""
        if ref is None:
            return None
        return self.store.interactions.id_for_source(ref.source or self.source, ref.source_id)


def _plan_of(record: PersonRecord) -> dict[str, Any]:
    return {
        "pinned": int(record.pinned),
        "muted": int(record.muted),
        "snoozed_until": _maybe(record.snoozed_until),
        "cadence_days": record.cadence_days,
        "cadence_max_days": record.cadence_max_days,
    }


def _people_of(record: PlanRecord) -> list[str]:
    if isinstance(record, ArticleRecord):
        return [share.person for share in record.shares]
    return [record.person]


def _text(moment: datetime) -> str:
    return to_utc_text(moment)


def _maybe(moment: datetime | None) -> str | None:
    return to_utc_text(moment) if moment else None
