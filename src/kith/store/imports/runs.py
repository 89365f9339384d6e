"""Import bookkeeping: runs, which source record is which person, and batched log writes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager

from kith.model import PERSON_SCALARS
from kith.store.imports import run_rows
from kith.store.rows import placeholders
from kith.vocab import CHANNELS, DIRECTIONS, INTERACTION_KINDS

BULK_CACHE_KIB = 32 * 1024  # the page cache of a bulk import (roomy_cache), at most
# staleness triggers on new log rows, and what would make each fire (idle_triggers_lifted)
IDLE_WHEN = {
    "layers_stale_participant_added": "SELECT 1 FROM meta WHERE key = 'layers.instant'",
    "results_stale_participant_added": "SELECT 1 FROM stored_result WHERE stale <> 1 LIMIT 1",
    "results_stale_interaction_added": "SELECT 1 FROM stored_result WHERE stale <> 1 LIMIT 1",
} | {  # migrations 0033's and 0039's: they only void the next Monday's stamp or name people for
    # its patch, and do nothing without the stamp, which a bulk import never sets
    f"layers_prepared_{table}_{change}": "SELECT 1 FROM meta WHERE key = 'layers.prepared'"
    for table in ("tie", "channel", "person", "link")
    for change in ("added", "changed")
}
# triggers on new log rows lifted while nothing they count is in the log, and the statement that
# does at the end, at once, what they would have done row by row (idle_triggers_lifted)
LEDGER_ROWS = (
    "FROM interaction i JOIN participant p ON p.interaction_id = i.id WHERE i.kind <> 'checkin'"
)
REPLAYED = {
    "ledger_participant_added": (
        f"SELECT 1 {LEDGER_ROWS} LIMIT 1",
        f"INSERT INTO ledger_change SELECT p.person_id, i.kind, i.direction, 1 {LEDGER_ROWS}",
    ),
}


class ImportRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def tracking(self, run_id: int) -> AbstractContextManager[None]:
        return tracking(self.db, run_id)

    @contextmanager
    def idle_triggers_lifted(self) -> Iterator[None]:
        """For a bulk import: drop the staleness triggers on new log rows that cannot fire
        while it runs, and recreate them after, inside the caller's transaction (so a failure
        rolls both back with everything else), as the search index's is (search.py).

        Migration 0008's `layers_stale_participant_added` compares each new participant's
        interaction with the stored layers' instant: with no instant (no layers yet) it never
        fires. The `results_stale_*_added` triggers mark stored results stale: with none that
        is fresh they never fire. An import sets neither, so nothing is left to fix at the
        end; the triggers cost a sub-query on each of a chat's tens of thousands of rows.

        Migration 0029's `ledger_participant_added` adds each participant of a give, ask,
        thanks or intro to the ledger's totals (a chat's rows are all check-ins, so it never
        fires for them, but asks each row's kind): lifted when no such participant is in the
        log yet, and replayed at the end for those the import wrote, in one statement (an
        import adds participants, never moves or removes them)."""
        idle = [
            trigger
            for trigger, fires in IDLE_WHEN.items()
            if self.db.execute(fires).fetchone() is None
        ]
        replayed = [
            trigger
            for trigger, (counted, _) in REPLAYED.items()
            if self.db.execute(counted).fetchone() is None
        ]
        idle += replayed
        made = {
            str(name): str(sql)
            for name, sql in self.db.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                f"AND name IN ({placeholders(len(idle))})",
                idle,
            )
        }
        for name in made:
            self.db.execute(f"DROP TRIGGER {name}")
        yield
        for name in replayed:
            if name in made:
                self.db.execute(REPLAYED[name][1])
        for sql in made.values():
            self.db.execute(sql)

    @contextmanager
    def roomy_cache(self) -> Iterator[None]:
        """For a bulk import: a page cache of BULK_CACHE_KIB while it runs (SQLite's default
        is 2 MiB), the connection's own size back after. The log's indexes take new rows at
        random places (a source id is a hash) and the sums at the end read the log back by
        person: with the default cache each of those reads pages again from the OS."""
        size = int(self.db.execute("PRAGMA cache_size").fetchone()[0])
        kib = size if size < 0 else -size * 4  # negative: KiB; positive: pages (of ~4 KiB)
        if -kib >= BULK_CACHE_KIB:
            yield
            return
        self.db.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
        try:
            yield
        finally:
            self.db.execute(f"PRAGMA cache_size = {size}")

    def start_run(self, kind: str, path: str | None, now: str) -> int:
        cursor = self.db.execute(
            "INSERT INTO import_run (kind, path, started_at) VALUES (?, ?, ?)", (kind, path, now)
        )
        return int(cursor.lastrowid or 0)

    def staging_run(self, fingerprint: str) -> tuple[int, int] | None:
        """(run id, records staged) of an unfinished run of the same file, to resume."""
        row = self.db.execute(
            "SELECT id, staged FROM import_run WHERE fingerprint = ? AND finished_at IS NULL "
            "ORDER BY id DESC LIMIT 1",
            (fingerprint,),
        ).fetchone()
        return (int(row[0]), int(row[1])) if row else None

    def interrupted(self) -> list[tuple[int, str, str | None, str, int]]:
        """(id, kind, path, started_at, records staged) of staged runs a kill left unfinished,
        newest first (not one killed after its write: the next import of the file finishes it)."""
        return [
            (int(r[0]), str(r[1]), r[2], str(r[3]), int(r[4] or 0))
            for r in self.db.execute(
                "SELECT id, kind, path, started_at, staged FROM import_run r "
                "WHERE finished_at IS NULL AND fingerprint IS NOT NULL AND (staged = 0 OR "
                "EXISTS (SELECT 1 FROM stage WHERE run_id = r.id)) ORDER BY id DESC"
            )
        ]

    def superseded(self, fingerprint: str) -> list[int]:
        """Unfinished staged runs of the same kind and path whose file has changed since (its
        size or time differs): their staging can never be resumed."""
        kind_and_path = fingerprint.rsplit(":", 2)[0] + ":"
        rows = self.db.execute(
            "SELECT id FROM import_run WHERE finished_at IS NULL AND fingerprint IS NOT NULL "
            "AND substr(fingerprint, 1, ?) = ? AND fingerprint != ?",
            (len(kind_and_path), kind_and_path, fingerprint),
        )
        return [int(row[0]) for row in rows]

    def discard(self, run_id: int) -> int:
        """Forget an unfinished staged run and its staged records (it wrote nothing else);
        how many records were staged."""
        staged = self.db.execute("DELETE FROM stage WHERE run_id = ?", (run_id,)).rowcount
        self.db.execute("DELETE FROM import_run WHERE id = ? AND finished_at IS NULL", (run_id,))
        return int(staged)

    def start_staging(self, kind: str, path: str, fingerprint: str, now: str) -> int:
        cursor = self.db.execute(
            "INSERT INTO import_run (kind, path, started_at, fingerprint) VALUES (?, ?, ?, ?)",
            (kind, path, now, fingerprint),
        )
        return int(cursor.lastrowid or 0)

    def stage(self, run_id: int, first_seq: int, records: Sequence[str]) -> None:
        """Keep a batch of records and move the checkpoint past them."""
        self.db.executemany(
            "INSERT OR REPLACE INTO stage (run_id, seq, record) VALUES (?, ?, ?)",
            [(run_id, first_seq + n, text) for n, text in enumerate(records)],
        )
        self.db.execute(
            "UPDATE import_run SET staged = ? WHERE id = ?", (first_seq + len(records) - 1, run_id)
        )

    def staged(self, run_id: int) -> Iterator[str]:
        for row in self.db.execute(
            "SELECT record FROM stage WHERE run_id = ? ORDER BY seq", (run_id,)
        ):
            yield str(row[0])

    def written(self, run_id: int) -> bool:
        """Whether an unfinished staged run was written already (its stage applied and
        cleared in the write's transaction) and only its finish is missing."""
        row = self.db.execute(
            "SELECT staged > 0 AND NOT EXISTS (SELECT 1 FROM stage WHERE run_id = r.id) "
            "FROM import_run r WHERE id = ? AND finished_at IS NULL",
            (run_id,),
        ).fetchone()
        return bool(row and row[0])

    def clear_stage(self, run_id: int) -> None:
        self.db.execute("DELETE FROM stage WHERE run_id = ?", (run_id,))

    def forget_run(self, run_id: int) -> None:
        """Drop the record of a finished run that wrote nothing (a sync that found nothing new)."""
        self.db.execute("DELETE FROM import_run WHERE id = ?", (run_id,))

    def finish_run(self, run_id: int, now: str, summary: str) -> None:
        self.db.execute(
            "UPDATE import_run SET finished_at = ?, summary = ? WHERE id = ?",
            (now, summary, run_id),
        )

    def note_fill(self, run_id: int, person_id: int, field: str) -> None:
        """Remember that this run filled in a field that was empty, so undo can empty it."""
        self.db.execute(
            "INSERT OR IGNORE INTO run_fill (run_id, person_id, field) VALUES (?, ?, ?)",
            (run_id, person_id, field),
        )

    def runs(self) -> list[tuple[int, str, str | None, str, str | None, str | None]]:
        """(id, kind, path, started_at, summary, undone_at), newest first: the finished runs,
        and a staged run killed after its write, before its finish (its summary None)."""
        return [
            tuple(r)
            for r in self.db.execute(
                "SELECT id, kind, path, started_at, summary, undone_at FROM import_run r "
                "WHERE finished_at IS NOT NULL OR (fingerprint IS NOT NULL AND staged > 0 "
                "AND NOT EXISTS (SELECT 1 FROM stage WHERE run_id = r.id)) ORDER BY id DESC"
            )
        ]

    def created_by_run(self, run_id: int) -> dict[str, int]:
        """The people and interactions a run created that are still there, by kind."""
        found = {
            kind: int(
                self.db.execute(
                    f"SELECT count(*) FROM {kind} WHERE run_id = ?", (run_id,)
                ).fetchone()[0]
            )
            for kind in ("interaction", "person")
        }
        return {kind: count for kind, count in found.items() if count}

    def under_way(self) -> bool:
        """Whether an import written in slices is under way (its journal has entries)."""
        return bool(self.db.execute("SELECT EXISTS (SELECT 1 FROM run_journal)").fetchone()[0])

    def run_state(self, run_id: int) -> tuple[bool, bool]:
        """(exists and finished, already undone)."""
        row = self.db.execute(
            "SELECT finished_at, undone_at FROM import_run WHERE id = ?", (run_id,)
        ).fetchone()
        return (row is not None and row[0] is not None, row is not None and row[1] is not None)

    def undo(self, run_id: int, now: str) -> dict[str, int]:
        """Delete every row the run added and empty the fields it filled; counts by kind.
        The caller recomputes aggregates and search rows for `affected_people` first."""
        counts: dict[str, int] = {}
        for field, person_id in self.db.execute(
            "SELECT field, person_id FROM run_fill WHERE run_id = ?", (run_id,)
        ).fetchall():
            self.db.execute(f"UPDATE person SET {_FILLABLE[field]} WHERE id = ?", (person_id,))
            counts["field"] = counts.get("field", 0) + 1
        counts.update(run_rows.undo(self.db, run_id))
        for table in UNDONE_TABLES:
            cursor = self.db.execute(f"DELETE FROM {table} WHERE run_id = ?", (run_id,))
            if cursor.rowcount:
                counts[table] = cursor.rowcount
        self.db.execute("UPDATE import_run SET undone_at = ? WHERE id = ?", (now, run_id))
        return counts

    def affected_people(self, run_id: int) -> list[int]:
        """People whose aggregates or search rows an undo of this run changes (who survive)."""
        return [
            int(r[0])
            for r in self.db.execute(
                "SELECT p.person_id FROM participant p JOIN interaction i "
                "ON i.id = p.interaction_id WHERE i.run_id = ? "
                "UNION SELECT person_id FROM run_fill WHERE run_id = ? "
                "UNION SELECT person_id FROM identity WHERE run_id = ? "
                "UNION SELECT person_id FROM facet WHERE run_id = ? "
                "UNION SELECT person_id FROM note WHERE run_id = ? "
                "UNION SELECT person_id FROM employment WHERE run_id = ?",
                (run_id,) * 6,
            )
        ]

    def people_in_run_log(self, run_id: int) -> list[int]:
        """Everyone on the interactions this run logged."""
        return [
            int(r[0])
            for r in self.db.execute(
                "SELECT DISTINCT p.person_id FROM participant p JOIN interaction i "
                "ON i.id = p.interaction_id WHERE i.run_id = ?",
                (run_id,),
            )
        ]

    def people_of_run(self, run_id: int) -> list[int]:
        return [
            int(r[0])
            for r in self.db.execute(
                "SELECT id FROM person WHERE run_id = ? ORDER BY id", (run_id,)
            )
        ]

    def person_for_source(self, source: str, source_id: str) -> int | None:
        row = self.db.execute(
            "SELECT person_id FROM person_source WHERE source = ? AND source_id = ?",
            (source, source_id),
        ).fetchone()
        return int(row[0]) if row else None

    def remember_source(self, source: str, source_id: str, person_id: int, run_id: int) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO person_source (source, source_id, person_id, run_id) "
            "VALUES (?, ?, ?, ?)",
            (source, source_id, person_id, run_id),
        )

    def person_id_free(self, person_id: int) -> bool:
        return self.db.execute("SELECT 1 FROM person WHERE id = ?", (person_id,)).fetchone() is None

    def uid_free(self, uid: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM person WHERE uid = ? UNION ALL "
            "SELECT 1 FROM person_uid_alias WHERE uid = ?",
            (uid, uid),
        ).fetchone()
        return row is None

    def set_person_run(self, person_id: int, run_id: int | None) -> None:
        self.db.execute("UPDATE person SET run_id = ? WHERE id = ?", (run_id, person_id))

    def known_since_first_interaction(self, person_ids: Sequence[int]) -> None:
        """Move these people's `known_since` back to their earliest interaction of any kind
        (a chat logged after a call it came before)."""
        for start in range(0, len(person_ids), 500):
            chunk = list(person_ids[start : start + 500])
            marks = ", ".join("?" * len(chunk))
            self.db.execute(
                "UPDATE person SET known_since = first FROM (SELECT pa.person_id AS who, "
                "min(substr(i.at, 1, 10)) AS first FROM participant pa JOIN interaction i "
                f"ON i.id = pa.interaction_id WHERE pa.person_id IN ({marks}) "
                "GROUP BY pa.person_id) WHERE person.id = who "
                "AND (person.known_since IS NULL OR first < person.known_since)",
                chunk,
            )

    def known_since_first_tie(self, person_ids: Sequence[int]) -> None:
        """known_since_first_interaction, read from the tie rows when every one was just
        summed from the whole log (`tie.first_at` is a person's earliest interaction): the
        same days without another pass over the log."""
        for start in range(0, len(person_ids), 500):
            chunk = list(person_ids[start : start + 500])
            self.db.execute(
                "UPDATE person SET known_since = first FROM (SELECT person_id AS who, "
                "substr(first_at, 1, 10) AS first FROM tie "
                f"WHERE person_id IN ({placeholders(len(chunk))})) WHERE person.id = who "
                "AND (person.known_since IS NULL OR first < person.known_since)",
                chunk,
            )

    def max_interaction_id(self) -> int:
        return int(self.db.execute("SELECT coalesce(max(id), 0) FROM interaction").fetchone()[0])

    def taken_interaction_ids(self, ids: Sequence[int]) -> set[int]:
        if not ids:
            return set()
        rows = self.db.execute(
            f"SELECT id FROM interaction WHERE id IN ({placeholders(len(ids))})", tuple(ids)
        )
        return {int(r[0]) for r in rows}

    def logs_source(self, source: str, run_id: int) -> bool:
        """Whether any interaction in the log came from `source` before run `run_id` (read
        through the source's index: only the run's own rows are passed over)."""
        sql = "SELECT 1 FROM interaction WHERE source = ? AND run_id IS NOT ? LIMIT 1"
        return self.db.execute(sql, (source, run_id)).fetchone() is not None

    def known_interaction_keys(self, keys: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
        """Which (source, source_id) pairs are already in the log."""
        found: set[tuple[str, str]] = set()
        by_source: dict[str, list[str]] = {}
        for source, source_id in keys:
            by_source.setdefault(source, []).append(source_id)
        for source, ids in by_source.items():
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                rows = self.db.execute(
                    "SELECT source_id FROM interaction WHERE source = ? AND source_id IN "
                    f"({placeholders(len(chunk))})",
                    (source, *chunk),
                )
                found.update((source, str(r[0])) for r in rows)
        return found

    def insert_interactions(
        self,
        rows: Iterable[tuple[object, ...]],
        participants: Iterable[tuple[int, int]],
        plain: Sequence[tuple[object, ...]] = (),
    ) -> None:
        """Rows of (id, at, channel, direction, kind, summary, notes, event_id, source, source_id,
        run_id, created_at, topic, duration), and `plain` rows of (id, at, channel, direction,
        summary, source, source_id, run_id, created_at): check-ins with no notes, event, topic
        or duration, as a chat's conversations and a mailbox's messages are, which go in
        through a statement of 9 columns (the others their defaults: 0.59-0.70 s → 0.43 s for
        75,000 rows, measured); the caller recomputes the participants' aggregates afterwards.

        The table's CHECKs on channel, direction and kind are `IN (...)` lists, which SQLite
        builds into a temporary index on every execution of the statement: half the cost of a
        row. So the batch's distinct values are checked here against the same vocabulary, and
        when all hold the rows go in with the checks lifted for that one statement (a batch
        with a value outside them goes in with the checks, and fails as it always did)."""
        rows = list(rows)
        lift = _within_checks(rows, plain)
        if lift:
            self.db.execute("PRAGMA ignore_check_constraints = ON")
        try:
            if rows:
                self.db.executemany(
                    "INSERT INTO interaction (id, at, channel, direction, kind, summary, notes, "
                    "event_id, source, source_id, run_id, created_at, topic, duration) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
            if plain:
                self.db.executemany(
                    "INSERT INTO interaction (id, at, channel, direction, summary, source, "
                    "source_id, run_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    plain,
                )
        finally:
            if lift:
                self.db.execute("PRAGMA ignore_check_constraints = OFF")
        self.db.executemany(
            "INSERT OR IGNORE INTO participant (interaction_id, person_id) VALUES (?, ?)",
            participants,
        )

    def log_planned(
        self,
        planned: Sequence[tuple[tuple[str, str], str, str, str, str, list[int]]],
        run_id: int,
        now: str,
    ) -> None:
        """Write planned interactions ((source, id), at, channel, direction, summary, people)
        with fresh ids, in two executemany calls."""
        next_id = self.max_interaction_id()
        rows: list[tuple[object, ...]] = []
        participants: list[tuple[int, int]] = []
        for (source, source_id), at, channel, direction, summary, people in planned:
            next_id += 1
            rows.append((next_id, at, channel, direction, summary, source, source_id, run_id, now))
            participants.extend((next_id, person) for person in dict.fromkeys(people))
        self.insert_interactions((), participants, rows)

    def event_for_key(self, name: str, day: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM event WHERE name = ? AND day = ?", (name, day)
        ).fetchone()
        return int(row[0]) if row else None

    def event_id_free(self, event_id: int) -> bool:
        return self.db.execute("SELECT 1 FROM event WHERE id = ?", (event_id,)).fetchone() is None

    def set_event_run(self, event_id: int, run_id: int | None) -> None:
        self.db.execute("UPDATE event SET run_id = ? WHERE id = ?", (run_id, event_id))

    def link_count(self, a_id: int, b_id: int, kind: str) -> int | None:
        low, high = sorted((a_id, b_id))
        row = self.db.execute(
            "SELECT count FROM link WHERE a_id = ? AND b_id = ? AND kind = ?", (low, high, kind)
        ).fetchone()
        return int(row[0]) if row else None

    def set_link_count(self, a_id: int, b_id: int, kind: str, count: int) -> None:
        low, high = sorted((a_id, b_id))
        self.db.execute(
            "UPDATE link SET count = ? WHERE a_id = ? AND b_id = ? AND kind = ?",
            (count, low, high, kind),
        )

    def referral_exists(self, referrer_id: int, referred_id: int) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM referral WHERE referrer_id = ? AND referred_id = ?",
            (referrer_id, referred_id),
        ).fetchone()
        return row is not None

    def introduction_exists(self, a_id: int, b_id: int, created_at: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM introduction WHERE a_id = ? AND b_id = ? AND created_at = ?",
            (a_id, b_id, created_at),
        ).fetchone()
        return row is not None


def _within_checks(
    rows: Sequence[tuple[object, ...]], plain: Sequence[tuple[object, ...]] = ()
) -> bool:
    """Whether every row's channel, direction, kind and duration pass the interaction table's
    CHECKs (migrations 0001 and 0023), read off the distinct values; worth it only for a batch.
    A plain row (`insert_interactions`) has its channel and direction where a row has them,
    the column's default kind and no duration."""
    if len(rows) + len(plain) < LIFT_CHECKS_FROM:
        return False
    return (
        {r[2] for r in rows} | {r[2] for r in plain} <= _CHANNELS
        and {r[3] for r in rows} | {r[3] for r in plain} <= _DIRECTIONS
        and {r[4] for r in rows} <= _KINDS
        and all(d is None or (type(d) is int and d >= 0) for d in {r[13] for r in rows})
    )


LIFT_CHECKS_FROM = 100  # rows in one insert before the checks are made in Python instead
_CHANNELS, _DIRECTIONS, _KINDS = (
    frozenset(CHANNELS),
    frozenset(DIRECTIONS),
    frozenset(INTERACTION_KINDS),
)

# what an undo deletes, children before the rows they hang on
UNDONE_TABLES = (
    "seen_message",
    "seen_identity",
    "interaction",
    "attendee",
    "link",
    "relationship",
    "referral",
    "introduction",
    "identity",
    "person_tag",
    "facet",
    "note",
    "address",
    "employment",
    "working_on",
    "person_source",
    "person",
    "event",
)
_FILLABLE = {
    name: f"{name} = NULL"
    for name in (
        *PERSON_SCALARS,
        "known_since",
        "snoozed_until",
        "cadence_days",
        "cadence_max_days",
    )
} | {
    "birthday": "birthday_month = NULL, birthday_day = NULL, birthday_year = NULL",
    "pinned": "pinned = 0",
    "muted": "muted = 0",
}

TRACKED = {  # table → how its inserted row is found again in the trigger
    "identity": "rowid = new.rowid",
    "facet": "rowid = new.rowid",
    "note": "rowid = new.rowid",
    "address": "rowid = new.rowid",
    "employment": "rowid = new.rowid",
    "working_on": "rowid = new.rowid",
    "link": "rowid = new.rowid",
    "relationship": "rowid = new.rowid",
    "referral": "rowid = new.rowid",
    "introduction": "rowid = new.rowid",
    "person_tag": "tag_id = new.tag_id AND person_id = new.person_id",
    "attendee": "event_id = new.event_id AND person_id = new.person_id",
}


@contextmanager
def tracking(connection: sqlite3.Connection, run_id: int) -> Iterator[None]:
    """Stamp `run_id` on every card row inserted while the block runs, so `--undo` can take
    back exactly what the run added. Temporary triggers: they live only on this connection."""
    connection.execute("CREATE TEMP TABLE IF NOT EXISTS current_run (run_id INTEGER)")
    connection.execute("DELETE FROM temp.current_run")
    connection.execute("INSERT INTO temp.current_run VALUES (?)", (run_id,))
    for table, match in TRACKED.items():
        connection.execute(
            f"CREATE TEMP TRIGGER IF NOT EXISTS track_{table} AFTER INSERT ON main.{table} "
            f"BEGIN UPDATE {table} SET run_id = (SELECT run_id FROM current_run) "
            f"WHERE {match}; END"
        )
    run_rows.track(connection)
    try:
        yield
    finally:
        # after a full disk or an I/O error SQLite has rolled back the whole transaction, the
        # temporary triggers and table with it: nothing is left to clear, and touching them
        # would hide the error that matters
        if connection.in_transaction:
            for table in TRACKED:
                connection.execute(f"DROP TRIGGER IF EXISTS temp.track_{table}")
            connection.execute("DELETE FROM temp.current_run")
            run_rows.keep(connection, run_id)
