"""What the weekly plan reads (who could be due, and each candidate's facts) and what it keeps:
the week's picks, their states, and skips (science.md §5)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from kith.store.meta import MetaRepo
from kith.store.rows import IS_KIN_LISTED_SQL, IS_KIN_SQL, chunks, placeholders
from kith.store.week.generation import named
from kith.vocab import WRITTEN_CHANNELS

# Everyone who might be eligible this week, before any arithmetic: a stored layer that has a
# cadence (L1–L6), a pin, a cadence of their own, or a tie once strong and silent long enough
# to be dormant (S_max ≥ 0.6 and R < 0.1, so no contact for :silent_since); hooks and tag
# cadences are added by the caller. L7 contacts without any of these are never due (§4).
POOL_SQL = """
SELECT p.id FROM person p JOIN layer_state s ON s.person_id = p.id
 WHERE p.kind = 'contact' AND p.archived = 0 AND p.muted = 0
   AND s.layer IN ('L1', 'L2', 'L3', 'L4', 'L5', 'L6')
UNION
SELECT p.id FROM person p
 WHERE p.kind = 'contact' AND p.archived = 0 AND p.muted = 0
   AND (p.pinned = 1 OR p.cadence_days IS NOT NULL)
UNION
SELECT p.id FROM person p JOIN layer_state s ON s.person_id = p.id
 WHERE p.kind = 'contact' AND p.archived = 0 AND p.muted = 0
   AND p.last_contact_at < :silent_since AND s.s_max >= :dormant_s_max"""

# POOL_SQL and the hooks' and tag cadences' people (:extra, a JSON array) in one pass, with
# what eligibility reads of each (services/week/plan.py `_pool`; FACTS_SQL's columns as numbers,
# without the company): instants as whole seconds since the epoch.
POOL_COLUMNS = f"""p.id, s.layer, coalesce(s.s_max, 0), unixepoch(p.last_contact_at), p.pinned,
       unixepoch(p.snoozed_until), p.cadence_days, p.cadence_max_days, coalesce(t.warmth, 0),
       t.warmth_as_of, coalesce(t.sent, 0), coalesce(t.received, 0), t.days, {IS_KIN_SQL},
       unixepoch(t.first_at), p.known_since"""
# the people POOL_COLUMNS are read of, with the layers of table {state}, limited by {which}
POOL_FROM = """
  FROM person p
  LEFT JOIN {state} s ON s.person_id = p.id
  LEFT JOIN tie t ON t.person_id = p.id
 WHERE p.kind = 'contact' AND p.archived = 0 AND p.muted = 0
   AND {which}
 ORDER BY p.id"""
POOL_WHICH = """(s.layer IN ('L1', 'L2', 'L3', 'L4', 'L5', 'L6')
        OR p.pinned = 1 OR p.cadence_days IS NOT NULL
        OR (p.last_contact_at < :silent_since AND s.s_max >= :dormant_s_max)
        OR p.id IN (SELECT value FROM json_each(:extra)))"""
POOL_ROWS_SQL = f"SELECT {POOL_COLUMNS}" + POOL_FROM.format(state="layer_state", which=POOL_WHICH)
# POOL_ROWS_SQL in three parts, together its rows: NEAR, those in L1–L5, pinned, with a cadence
# of their own, or in :extra (found by index, not by reading every person); WEAK, the other L6
# ties; and DORMANT, the dormant ties (some of whom are NEAR or WEAK too); all with the kin
# listed once (IS_KIN_SQL's lookups of each row's relationships are ~10% of the read)
LISTED_COLUMNS = POOL_COLUMNS.replace(IS_KIN_SQL, IS_KIN_LISTED_SQL)
NEAR_ROWS_SQL = f"SELECT {LISTED_COLUMNS}" + POOL_FROM.format(
    state="layer_state",
    which="""p.id IN (
        SELECT person_id FROM layer_state WHERE layer IN ('L1', 'L2', 'L3', 'L4', 'L5')
        UNION ALL SELECT id FROM person WHERE pinned = 1
        UNION ALL SELECT id FROM person WHERE cadence_days IS NOT NULL
        UNION ALL SELECT value FROM json_each(:extra))""",
)
WEAK_ROWS_SQL = f"SELECT {LISTED_COLUMNS}" + POOL_FROM.format(
    state="layer_state",
    which="""p.id IN (SELECT person_id FROM layer_state WHERE layer = 'L6')
        AND p.pinned = 0 AND p.cadence_days IS NULL
        AND p.id NOT IN (SELECT value FROM json_each(:extra))""",
)
ROWS_OF_SQL = f"SELECT {LISTED_COLUMNS}" + POOL_FROM.format(
    state="layer_state", which="p.id IN (SELECT value FROM json_each(:ids))"
)
DORMANT_ROWS_SQL = f"SELECT {LISTED_COLUMNS}" + POOL_FROM.format(
    state="layer_state", which="p.last_contact_at < :silent_since AND s.s_max >= :dormant_s_max"
)

CADENCED_SQL = """
SELECT p.id FROM person p JOIN layer_state s ON s.person_id = p.id
 WHERE p.kind = 'contact' AND p.archived = 0
   AND s.layer IN ('L1', 'L2', 'L3', 'L4', 'L5', 'L6')
UNION
SELECT p.id FROM person p
 WHERE p.kind = 'contact' AND p.archived = 0 AND p.cadence_days IS NOT NULL"""

TAGGED_SQL = """
SELECT pt.person_id FROM person_tag pt JOIN tag t ON t.id = pt.tag_id
 WHERE t.name IN ({marks})"""

FACTS_SQL = """
SELECT p.id, s.layer, coalesce(s.s_max, 0), p.last_contact_at, p.pinned, p.muted,
       p.snoozed_until, p.cadence_days, p.cadence_max_days, p.birthday_month, p.birthday_day,
       t.warmth, t.warmth_as_of, t.sent, t.received, t.days,
       (SELECT o.name FROM employment e JOIN organisation o ON o.id = e.organisation_id
         WHERE e.person_id = p.id AND e.end_day IS NULL ORDER BY e.position LIMIT 1),
       {is_kin}, t.first_at, p.known_since
  FROM person p
  LEFT JOIN layer_state s ON s.person_id = p.id
  LEFT JOIN tie t ON t.person_id = p.id
 WHERE p.id IN ({marks})"""

CLOSEST_SQL = """
SELECT p.id FROM person p JOIN layer_state s ON s.person_id = p.id
 WHERE p.kind = 'contact' AND p.archived = 0 AND p.muted = 0
   AND s.layer IN ('L1', 'L2', 'L3') ORDER BY p.id"""

LATEST_SQL = """
SELECT i.direction, i.channel FROM participant p JOIN interaction i ON i.id = p.interaction_id
 WHERE p.person_id = ? ORDER BY i.at DESC, i.id DESC LIMIT 1"""

# Each contact in touch since :since whose latest interaction (at their last contact; the last
# by id of those at that instant, as LATEST_SQL orders them) came in on a written channel: a
# note that may await a reply, with the first skip of them after it (NULL if none). Driven by
# the people, each latest found by the interactions' instant (index interaction_at): profile L,
# ~60 ms, where a window over the 91 days' ~150,000 interactions took ~400 ms.
WROTE_LAST = """
SELECT q.id, i.at, (SELECT min(k.at) FROM plan_skip k WHERE k.person_id = q.id AND k.at > i.at)
  FROM {people} CROSS JOIN interaction i CROSS JOIN participant p
 WHERE q.last_contact_at > :since AND q.kind = 'contact' AND q.archived = 0 AND q.muted = 0
   AND i.at = q.last_contact_at AND p.person_id = q.id AND p.interaction_id = i.id
   AND i.direction = 'in' AND i.channel IN ({written})
   AND NOT EXISTS (SELECT 1 FROM interaction j CROSS JOIN participant o
                    WHERE j.at = i.at AND j.id > i.id
                      AND o.person_id = q.id AND o.interaction_id = j.id)
 ORDER BY q.id"""
WRITTEN_SQL = ", ".join(f"'{channel}'" for channel in WRITTEN_CHANNELS)
WROTE_LAST_SQL = WROTE_LAST.format(people="person q", written=WRITTEN_SQL)
# the same of the people of :ids, driven by them (profile L's ~3,100 near rows: ~12 ms)
WROTE_LAST_AMONG_SQL = WROTE_LAST.format(
    people="json_each(:ids) e CROSS JOIN person q ON q.id = e.value", written=WRITTEN_SQL
)

# the weeks in which a person is picked (PlanRepo.release) and the meta fact that keeps, by
# week, how many places deleted people freed
FREED_WEEKS_SQL = "SELECT week FROM plan_pick WHERE person_id = ? ORDER BY week"
FREED_FACT = "plan.freed"
# the meta fact that keeps, of the week filled last (`_fill_freed`, which makes the week as of
# the fill), when each pick it kept was chosen: {week: {person id: instant}}
CHOSEN_FACT = "plan.chosen"

PICK_COLUMNS = (
    "week, person_id, position, layer, reason, channel, upgrades, priority, energy, at_risk, "
    "state, state_at"
)


@dataclass(frozen=True)
class Facts:
    """One candidate as stored: layer and S_max (None/0 before the layers know them), the pin,
    mute, snooze and cadence override, birthday, the tie row's warmth and balance sums and
    contact days, and their current company."""

    person_id: int
    layer: str | None
    s_max: float
    last_contact_at: str | None
    pinned: bool
    muted: bool
    snoozed_until: str | None
    cadence_days: float | None
    cadence_max_days: float | None
    birthday: tuple[int, int] | None
    warmth: float
    warmth_as_of: str | None
    sent: float
    received: float
    days: tuple[str, ...]
    company: str | None
    kin: bool
    first_at: str | None = None  # the first interaction
    known_since: str | None = None  # YYYY-MM-DD


@dataclass(frozen=True)
class StoredPick:
    """One stored pick of a week's plan."""

    week: str
    person_id: int
    position: int
    layer: str
    reason: str
    channel: str
    upgrades: tuple[str, ...]
    priority: float
    energy: float
    at_risk: bool
    state: str
    state_at: str | None


@dataclass(frozen=True)
class StoredWeek:
    """A stored week's plan: when it was made and its budgets."""

    week: str
    made_at: str
    budget: int
    energy_budget: float | None


class PlanRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def pool(self, dormant_s_max: float, silent_since: str) -> list[int]:
        params = {"dormant_s_max": dormant_s_max, "silent_since": silent_since}
        return [int(r[0]) for r in self.db.execute(named(self.db, POOL_SQL), params)]

    def pool_rows(
        self, dormant_s_max: float, silent_since: str, extra: Sequence[int]
    ) -> list[tuple[Any, ...]]:
        """`pool` with `contacts(extra)`, each with the columns of POOL_ROWS_SQL, by id."""
        params = {
            "dormant_s_max": dormant_s_max,
            "silent_since": silent_since,
            "extra": json.dumps(sorted(set(extra))),
        }
        return self.db.execute(named(self.db, POOL_ROWS_SQL), params).fetchall()

    def near_rows(self, extra: Sequence[int]) -> list[tuple[Any, ...]]:
        """`pool_rows` of those in L1–L5, pinned, with a cadence of their own, or among
        `extra`."""
        extra_ids = {"extra": json.dumps(sorted(set(extra)))}
        return self.db.execute(named(self.db, NEAR_ROWS_SQL), extra_ids).fetchall()

    def weak_rows(self, extra: Sequence[int]) -> list[tuple[Any, ...]]:
        """`pool_rows` of the L6 ties not among `near_rows`."""
        extra_ids = {"extra": json.dumps(sorted(set(extra)))}
        return self.db.execute(named(self.db, WEAK_ROWS_SQL), extra_ids).fetchall()

    def rows_of(self, person_ids: Sequence[int]) -> list[tuple[Any, ...]]:
        """`pool_rows` of these people (those who are contacts, not archived nor muted)."""
        ids = {"ids": json.dumps(sorted(set(person_ids)))}
        return self.db.execute(named(self.db, ROWS_OF_SQL), ids).fetchall()

    def dormant_rows(self, dormant_s_max: float, silent_since: str) -> list[tuple[Any, ...]]:
        """`pool_rows` of the ties once strong and silent since before `silent_since`."""
        params = {"dormant_s_max": dormant_s_max, "silent_since": silent_since}
        return self.db.execute(named(self.db, DORMANT_ROWS_SQL), params).fetchall()

    def cadenced(self) -> list[int]:
        """Contacts with a cadence: a stored layer L1–L6 or an override of their own (tag
        overrides are the caller's to add); only they can be due (science.md §4)."""
        rows = self.db.execute(named(self.db, CADENCED_SQL))
        return [int(r[0]) for r in rows]

    def cadence_overrides(self) -> list[tuple[int, float, float | None]]:
        """People with a cadence of their own (`kith cadence NAME`): id, ideal and maximum."""
        rows = self.db.execute(
            "SELECT id, cadence_days, cadence_max_days FROM person "
            "WHERE cadence_days IS NOT NULL ORDER BY id"
        )
        return [(int(r[0]), float(r[1]), None if r[2] is None else float(r[2])) for r in rows]

    def closest(self) -> list[int]:
        """Contacts in the stored layers L1–L3, not archived and not muted: the load the
        budget must carry first."""
        rows = self.db.execute(named(self.db, CLOSEST_SQL))
        return [int(r[0]) for r in rows]

    def tagged(self, tags: Sequence[str]) -> list[int]:
        """People holding any of these tags (cadence overrides by tag)."""
        if not tags:
            return []
        sql = TAGGED_SQL.format(marks=placeholders(len(tags)))
        return [int(r[0]) for r in self.db.execute(sql, list(tags))]

    def contacts(self, person_ids: Iterable[int]) -> list[int]:
        """Those of these people who are contacts, not archived and not muted."""
        found: list[int] = []
        for chunk in chunks(list(dict.fromkeys(person_ids))):
            sql = (
                "SELECT id FROM person WHERE kind = 'contact' AND archived = 0 AND muted = 0 "
                f"AND id IN ({placeholders(len(chunk))})"
            )
            found += [int(r[0]) for r in self.db.execute(sql, chunk)]
        return found

    def facts(self, person_ids: Sequence[int]) -> dict[int, Facts]:
        found: dict[int, Facts] = {}
        for chunk in chunks(list(person_ids)):
            sql = FACTS_SQL.format(marks=placeholders(len(chunk)), is_kin=IS_KIN_SQL)
            for row in self.db.execute(named(self.db, sql), chunk):
                found[int(row[0])] = _facts(row)
        return found

    def holds(self, table: Literal["article", "circle"]) -> bool:
        """Whether any article is saved, or any circle found: the plan reads the article hooks
        and the circles only then (without loading their repositories)."""
        return bool(self.db.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0])

    def with_interests(self) -> list[int]:
        """Contacts with an interest or something they are working on (for article hooks)."""
        rows = self.db.execute(
            "SELECT person_id FROM facet WHERE kind = 'interest' "
            "UNION SELECT person_id FROM working_on"
        )
        return [int(r[0]) for r in rows]

    def birthdays(self, on: Mapping[tuple[int, int], date]) -> dict[int, date]:
        """Contacts whose birthday (month, day) is a key of `on`: the day it falls on."""
        pairs = " OR ".join("(birthday_month = ? AND birthday_day = ?)" for _ in on)
        values = [v for month_day in on for v in month_day]
        sql = (
            "SELECT id, birthday_month, birthday_day FROM person "
            f"WHERE kind = 'contact' AND archived = 0 AND ({pairs})"
        )
        return {int(r[0]): on[(int(r[1]), int(r[2]))] for r in self.db.execute(sql, values)}

    def attending(self, first: str, last: str) -> dict[int, tuple[str, str]]:
        """Contacts attending an event from day `first` to `last` (YYYY-MM-DD): the first
        one's name and day."""
        rows = self.db.execute(
            "SELECT a.person_id, e.name, e.day FROM event e JOIN attendee a ON a.event_id = e.id "
            "WHERE e.day BETWEEN ? AND ? ORDER BY e.day DESC, e.id DESC",
            (first, last),
        )
        return {int(person): (str(name), str(day)) for person, name, day in rows}

    def news(self, since: str) -> dict[int, str]:
        """People with a note marked as news since `since`: the newest note's text."""
        rows = self.db.execute(
            "SELECT person_id, text FROM note WHERE kind = 'news' AND created_at >= ? "
            "ORDER BY created_at",
            (since,),
        )
        return {int(person): str(text) for person, text in rows}

    def latest(self, person_id: int) -> tuple[str, str] | None:
        """Direction and channel of the person's latest interaction."""
        row = self.db.execute(LATEST_SQL, (person_id,)).fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    def wrote_last(
        self, since: str, among: Sequence[int] | None = None
    ) -> list[tuple[int, str, str | None]]:
        """Contacts (`among` these, else all) whose latest interaction since `since` is a written
        one from them: id, its instant, and the first skip of them after it (None if none)."""
        if among is None:
            rows = self.db.execute(WROTE_LAST_SQL, {"since": since})
        else:
            ids = json.dumps(sorted(set(among)))
            rows = self.db.execute(WROTE_LAST_AMONG_SQL, {"since": since, "ids": ids})
        return [(int(r[0]), str(r[1]), None if r[2] is None else str(r[2])) for r in rows]

    def identity_kinds(self, person_ids: Sequence[int]) -> dict[int, set[str]]:
        """The kinds of address Kith holds for each person ('email', 'phone', 'handle', …)."""
        found: dict[int, set[str]] = {}
        for chunk in chunks(list(person_ids)):
            sql = (
                "SELECT DISTINCT person_id, kind FROM identity "
                f"WHERE person_id IN ({placeholders(len(chunk))})"
            )
            for person, kind in self.db.execute(sql, chunk):
                found.setdefault(int(person), set()).add(str(kind))
        return found

    def channels(self, person_ids: Sequence[int]) -> dict[int, dict[str, str]]:
        """Each person's channels ever used, with the latest use of each."""
        found: dict[int, dict[str, str]] = {}
        for chunk in chunks(list(person_ids)):
            sql = (
                "SELECT person_id, channel, last_at FROM person_channel "
                f"WHERE person_id IN ({placeholders(len(chunk))})"
            )
            for person, channel, last in self.db.execute(sql, chunk):
                found.setdefault(int(person), {})[str(channel)] = str(last)
        return found

    def rarest_tags(
        self, person_ids: Sequence[int], sizes: dict[int, int] | None = None
    ) -> dict[int, str]:
        """Each person's rarest tag (the circle of one in no stored circle): of the tags they
        hold, the one the fewest people hold, then the first by name; those with no tag are left
        out. Holders are counted only for those who hold more than one (one's only tag is their
        rarest: nearly everyone on profile L, whose counts are scans of 30,000 rows). `sizes`:
        the counts of tags counted already in this transaction (by id), not counted again; those
        counted here are added to it (a week's choice asks twice)."""
        held: dict[int, list[tuple[str, int]]] = {}
        for person, name, tag_id in self._tags_held(person_ids):
            held.setdefault(int(person), []).append((str(name), int(tag_id)))
        counted = {} if sizes is None else sizes
        several = {tag_id for tags in held.values() if len(tags) > 1 for _, tag_id in tags}
        for ids in chunks(sorted(several - counted.keys())):
            sql = (
                "SELECT tag_id, count(*) FROM person_tag "
                f"WHERE tag_id IN ({placeholders(len(ids))}) GROUP BY tag_id"
            )
            counted.update(self.db.execute(sql, ids).fetchall())
        return {
            person: tags[0][0]
            if len(tags) == 1
            else min(tags, key=lambda tag: (int(counted[tag[1]]), tag[0]))[0]
            for person, tags in held.items()
        }

    def tag_names(self, person_ids: Sequence[int]) -> dict[int, list[str]]:
        """Each person's tags' names, without counting who holds each (a cadence reads only
        the names)."""
        found: dict[int, list[str]] = {}
        for person, name, _ in self._tags_held(person_ids):
            found.setdefault(int(person), []).append(str(name))
        return found

    def _tags_held(self, person_ids: Sequence[int]) -> list[tuple[int, str, int]]:
        """(person id, tag name, tag id) of each tag these people hold."""
        rows: list[tuple[int, str, int]] = []
        for chunk in chunks(list(person_ids)):
            sql = (
                "SELECT pt.person_id, t.name, t.id "
                "FROM person_tag pt JOIN tag t ON t.id = pt.tag_id "
                f"WHERE pt.person_id IN ({placeholders(len(chunk))})"
            )
            rows += self.db.execute(sql, chunk).fetchall()
        return rows

    def skips(self, since: str) -> dict[int, list[str]]:
        found: dict[int, list[str]] = {}
        rows = self.db.execute("SELECT person_id, at FROM plan_skip WHERE at > ?", (since,))
        for person, at in rows:
            found.setdefault(int(person), []).append(str(at))
        return found

    def undone(self, weeks: Sequence[str]) -> dict[int, list[str]]:
        """Picks left open in these (past) weeks: person → the weeks."""
        found: dict[int, list[str]] = {}
        if not weeks:
            return found
        rows = self.db.execute(
            "SELECT person_id, week FROM plan_pick WHERE state = 'open' "
            f"AND week IN ({placeholders(len(weeks))})",
            list(weeks),
        )
        for person, week in rows:
            found.setdefault(int(person), []).append(str(week))
        return found

    def open_in(self, weeks: Sequence[str]) -> list[tuple[str, int]]:
        """(week, person id) of the picks still open in these weeks."""
        if not weeks:
            return []
        rows = self.db.execute(
            "SELECT week, person_id FROM plan_pick WHERE state = 'open' "
            f"AND week IN ({placeholders(len(weeks))}) ORDER BY week, position",
            list(weeks),
        )
        return [(str(week), int(person)) for week, person in rows]

    def touches(
        self, person_ids: Sequence[int], since: str, until: str
    ) -> dict[int, list[tuple[str, str, str]]]:
        """Each person's interactions from `since` to `until` (UTC text, both included):
        (at, direction, channel), oldest first."""
        found: dict[int, list[tuple[str, str, str]]] = {}
        rows = self._between(person_ids, since, until, "i.direction, i.channel")
        for person, at, direction, channel in rows:
            found.setdefault(int(person), []).append((str(at), str(direction), str(channel)))
        return found

    def latest_recorded(
        self, person_ids: Sequence[int], since: str, until: str
    ) -> dict[int, tuple[str, str, str, str]]:
        """Each person's latest interaction from `since` to `until` (UTC text, both included):
        (at, direction, channel, created_at), the moment it was recorded last."""
        rows = self._between(person_ids, since, until, "i.direction, i.channel, i.created_at")
        return {  # oldest first: the latest one wins
            int(person): (str(at), str(way), str(channel), str(made))
            for person, at, way, channel, made in rows
        }

    def _between(
        self, person_ids: Sequence[int], since: str, until: str, columns: str
    ) -> Iterator[tuple[Any, ...]]:
        """(person_id, at, *columns) of each person's interactions from `since` to `until`,
        oldest first."""
        for chunk in chunks(list(dict.fromkeys(person_ids))):
            yield from self.db.execute(
                f"SELECT p.person_id, i.at, {columns} FROM participant p "
                "JOIN interaction i ON i.id = p.interaction_id "
                f"WHERE p.person_id IN ({placeholders(len(chunk))}) AND i.at BETWEEN ? AND ? "
                "ORDER BY i.at, i.id",
                [*chunk, since, until],
            )

    def add_skip(self, person_id: int, at: str) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO plan_skip (person_id, at) VALUES (?, ?)", (person_id, at)
        )

    def week(self, week: str) -> StoredWeek | None:
        row = self.db.execute(
            "SELECT week, made_at, budget, energy_budget FROM plan_week WHERE week = ?", (week,)
        ).fetchone()
        return None if row is None else StoredWeek(str(row[0]), str(row[1]), int(row[2]), row[3])

    def picks(self, week: str) -> list[StoredPick]:
        rows = self.db.execute(
            f"SELECT {PICK_COLUMNS} FROM plan_pick WHERE week = ? ORDER BY position", (week,)
        )
        return [_pick(row) for row in rows]

    def save_week(self, week: StoredWeek, picks: Sequence[StoredPick]) -> None:
        """Replace the week's plan with these picks."""
        self.db.execute("DELETE FROM plan_pick WHERE week = ?", (week.week,))  # the cascade,
        self.db.execute("DELETE FROM plan_week WHERE week = ?", (week.week,))  # said for copies
        self.db.execute(
            "INSERT INTO plan_week (week, made_at, budget, energy_budget) VALUES (?, ?, ?, ?)",
            (week.week, week.made_at, week.budget, week.energy_budget),
        )
        self.db.executemany(
            f"INSERT INTO plan_pick ({PICK_COLUMNS}) VALUES ({placeholders(12)})",
            [
                (
                    p.week,
                    p.person_id,
                    p.position,
                    p.layer,
                    p.reason,
                    p.channel,
                    " ".join(p.upgrades),
                    p.priority,
                    p.energy,
                    int(p.at_risk),
                    p.state,
                    p.state_at,
                )
                for p in picks
            ],
        )

    def release(self, person_id: int) -> None:
        """Before a person is deleted (an import undone, a merge, `kith forget`): each week
        whose picks hold them counts a place freed, for `take_freed`."""
        weeks = [str(r[0]) for r in self.db.execute(FREED_WEEKS_SQL, (person_id,))]
        if weeks:
            meta = MetaRepo(self.db)
            freed = json.loads(meta.fact(FREED_FACT) or "{}")
            for week in weeks:
                freed[week] = freed.get(week, 0) + 1
            meta.set_fact(FREED_FACT, json.dumps(freed, sort_keys=True))

    def take_freed(self, week: str) -> int:
        """The places freed in `week` since it was chosen or filled last, forgotten (with those
        of the weeks before it, which are past)."""
        meta = MetaRepo(self.db)
        said = meta.fact(FREED_FACT)
        if not said:
            return 0
        freed = json.loads(said)
        later = {key: count for key, count in freed.items() if key > week}
        meta.set_fact(FREED_FACT, json.dumps(later, sort_keys=True) if later else "")
        return int(freed.get(week, 0))

    def chosen_at(self, week: str) -> dict[int, str]:
        """When each pick of `week` kept by a fill was chosen (none for the others: they were
        chosen when the week was made, its `made_at`)."""
        said = json.loads(MetaRepo(self.db).fact(CHOSEN_FACT) or "{}")
        return {int(person): str(at) for person, at in said.get(week, {}).items()}

    def keep_chosen_at(self, week: str, chosen: Mapping[int, str]) -> None:
        """`chosen_at` of `week` (any other week's forgotten: only the current week is read)."""
        meta = MetaRepo(self.db)
        if chosen:
            said = {week: {str(person): at for person, at in sorted(chosen.items())}}
            meta.set_fact(CHOSEN_FACT, json.dumps(said))
        elif meta.fact(CHOSEN_FACT):
            meta.set_fact(CHOSEN_FACT, "")

    def restore(self, pick: Mapping[str, Any]) -> bool:
        """A pick given back by an unmerge (it went with the absorbed person, and `release`
        counted its place freed), at its old place in the week, only where the week stays
        within its budget: in the place it freed while that is not chosen again yet (the count
        taken back), else in a place the week has free, else — a pick acted on (done, skipped
        or snoozed), which is never dropped — in the place of the week's last open pick (the
        one a fill chose for it). An open pick with no place stays out (they are chosen again
        when due). True when it came back; over the budget only when acted on and no pick is
        open to make way."""
        week = str(pick["week"])
        stored = self.week(week)
        if (  # its own freed place taken back first, else is the week full?
            stored is not None
            and not self._untake_freed(week)
            and len(self.picks(week)) >= stored.budget
        ):
            if pick["state"] == "open":
                return False
            self.db.execute(
                "DELETE FROM plan_pick WHERE week = ? AND person_id = (SELECT person_id FROM "
                "plan_pick WHERE week = ? AND state = 'open' ORDER BY position DESC LIMIT 1)",
                (week, week),
            )
        names = ", ".join(pick)
        self.db.execute(
            f"INSERT OR IGNORE INTO plan_pick ({names}) VALUES ({placeholders(len(pick))})",
            tuple(pick.values()),
        )
        order = self.db.execute(  # numbered 1..n, the pick given back before those after it
            "SELECT person_id FROM plan_pick WHERE week = ? "
            "ORDER BY position, person_id <> ?, person_id",
            (week, pick["person_id"]),
        ).fetchall()
        self.db.executemany(
            "UPDATE plan_pick SET position = ? WHERE week = ? AND person_id = ?",
            [(n, week, person) for n, (person,) in enumerate(order, start=1)],
        )
        return True

    def _untake_freed(self, week: str) -> bool:
        """One place counted freed in `week` and not chosen again yet, taken back."""
        meta = MetaRepo(self.db)
        freed = json.loads(meta.fact(FREED_FACT) or "{}")
        if not freed.get(week):
            return False
        freed[week] -= 1
        left = {key: count for key, count in freed.items() if count}
        meta.set_fact(FREED_FACT, json.dumps(left, sort_keys=True) if left else "")
        return True

    def hidden(self, person_ids: Sequence[int]) -> set[int]:
        """Of these people, those archived or muted since: out of a plan chosen before."""
        if not person_ids:
            return set()
        rows = self.db.execute(
            "SELECT id FROM person WHERE (archived = 1 OR muted = 1) "
            f"AND id IN ({placeholders(len(person_ids))})",
            list(person_ids),
        )
        return {int(row[0]) for row in rows}

    def set_state(self, week: str, person_id: int, state: str, at: str) -> bool:
        """Mark a pick done, skipped or snoozed; False when they are not in that week's plan."""
        cursor = self.db.execute(
            "UPDATE plan_pick SET state = ?, state_at = ? WHERE week = ? AND person_id = ?",
            (state, at, week, person_id),
        )
        return cursor.rowcount > 0

    def set_person(self, person_id: int, **fields: object) -> None:
        """Pin, mute, snooze or a cadence override: person columns the plan owns."""
        allowed = {"pinned", "muted", "snoozed_until", "cadence_days", "cadence_max_days"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"not a plan column: {', '.join(sorted(unknown))}")
        assignments = ", ".join(f"{name} = ?" for name in fields)
        self.db.execute(
            f"UPDATE person SET {assignments} WHERE id = ?", (*fields.values(), person_id)
        )


def _facts(row: tuple[Any, ...]) -> Facts:
    month, day = row[9], row[10]
    return Facts(
        person_id=int(row[0]),
        layer=None if row[1] is None else str(row[1]),
        s_max=float(row[2]),
        last_contact_at=None if row[3] is None else str(row[3]),
        pinned=bool(row[4]),
        muted=bool(row[5]),
        snoozed_until=None if row[6] is None else str(row[6]),
        cadence_days=None if row[7] is None else float(row[7]),
        cadence_max_days=None if row[8] is None else float(row[8]),
        birthday=(int(month), int(day)) if month and day else None,
        warmth=float(row[11] or 0.0),
        warmth_as_of=None if row[12] is None else str(row[12]),
        sent=float(row[13] or 0.0),
        received=float(row[14] or 0.0),
        days=tuple(str(row[15] or "").split()),
        company=None if row[16] is None else str(row[16]),
        kin=bool(row[17]),
        first_at=None if row[18] is None else str(row[18]),
        known_since=None if row[19] is None else str(row[19]),
    )


def _pick(row: tuple[Any, ...]) -> StoredPick:
    return StoredPick(
        week=str(row[0]),
        person_id=int(row[1]),
        position=int(row[2]),
        layer=str(row[3]),
        reason=str(row[4]),
        channel=str(row[5]),
        upgrades=tuple(str(row[6]).split()),
        priority=float(row[7]),
        energy=float(row[8]),
        at_risk=bool(row[9]),
        state=str(row[10]),
        state_at=None if row[11] is None else str(row[11]),
    )
