"""One person's tie as the store holds it: the closeness rating, their events, mutual contacts,
and the `tie` row of decayed sums that tie strength reads instead of the log."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING

from kith.clock import from_utc_text
from kith.relate import Event
from kith.relate.decay import SECONDS_PER_DAY, Decayed, decay_factor
from kith.relate.strength import (
    BALANCE_HALF_LIFE_DAYS,
    KIN_VOLUME_HALF_LIFE_DAYS,
    RECEIVES,
    RHYTHM_DAYS_KEPT,
    SENDS,
    VOLUME_HALF_LIFE_DAYS,
    WARMTH_HALF_LIFE_DAYS,
)
from kith.relate.tie_log import Day, SummedLog
from kith.relate.weights import channel_weight
from kith.store.rows import chunks, instant, placeholders
from kith.store.rows import column as column_of
from kith.store.week import tie_days
from kith.store.week.layers import CHANNEL_CASE, weights
from kith.vocab import KIN

if TYPE_CHECKING:  # numpy loads only when a tie is explained or charted
    from kith.relate.network import Block

# One indexed read of one person's log: the participant key (person_id, interaction_id) finds
# their interactions, and each head count is a lookup on participant(interaction_id). The user
# is never a participant row, so the count is §1's `others` (participants besides the user).
EVENTS_SQL = """
SELECT i.at, i.channel, i.direction,
       (SELECT count(*) FROM participant q WHERE q.interaction_id = i.id)
  FROM participant p JOIN interaction i ON i.id = p.interaction_id
 WHERE p.person_id = ?
 ORDER BY i.at, i.id"""

# The same as numbers for numpy: the interaction's id, seconds since the epoch, the channel's
# index in CHANNELS, whether it counts as sent and as received, and the head count. Sorted by
# the caller (numpy sorts the rows faster than SQLite does).
LOG_SQL = f"""
SELECT i.id, unixepoch(i.at), CASE i.channel {CHANNEL_CASE} END,
       i.direction IN ('out', 'both'), i.direction IN ('in', 'both'),
       (SELECT count(*) FROM participant q WHERE q.interaction_id = i.id)
  FROM participant p JOIN interaction i ON i.id = p.interaction_id
 WHERE p.person_id = ?"""

# The same for everyone, in one streaming pass ordered by person (the participant key's order);
# each interaction's head count counted once for all on it (a group chat's thirty members
# each counted the other twenty-nine again)
ALL_EVENTS_SQL = """
WITH heads AS (SELECT interaction_id, count(*) AS n FROM participant GROUP BY interaction_id)
SELECT p.person_id, i.at, i.channel, i.direction, h.n
  FROM participant p JOIN interaction i ON i.id = p.interaction_id
  JOIN heads h ON h.interaction_id = p.interaction_id
 ORDER BY p.person_id, i.at, i.id"""

TIE_COLUMNS = (
    "person_id, first_at, volume, volume_as_of, kin_volume, kin_volume_as_of, warmth, "
    "warmth_as_of, sent, sent_as_of, received, received_as_of, days"
)
INSERT_TIE_SQL = f"INSERT OR REPLACE INTO tie ({TIE_COLUMNS}) VALUES ({placeholders(13)})"
BATCH = 5_000  # tie rows, or UTC days, written per executemany in a recompute
TieRow = tuple[object, ...]
LogRow = tuple[str, str, str, int]  # at, channel, direction, head count: as EVENTS_SQL reads it
ChannelRow = tuple[int, str, str, int]  # person_channel's: person_id, channel, last_at, count

# Other contacts with link evidence or a typed relationship with this person, each counted once;
# every branch is an index lookup (a_id leads the unique keys, b_id has its own index).
# Prospects are not the user's contacts yet, so they are not mutual contacts; a pair the user
# marked "not" (`kith knows A B --not`) is none whatever else links it.
MUTUAL_SQL = """
SELECT count(*) FROM (
  SELECT b_id AS other FROM link WHERE a_id = :id AND kind != 'not'
  UNION SELECT a_id FROM link WHERE b_id = :id AND kind != 'not'
  UNION SELECT b_id FROM relationship WHERE a_id = :id
  UNION SELECT a_id FROM relationship WHERE b_id = :id
  EXCEPT SELECT b_id FROM link WHERE a_id = :id AND kind = 'not'
  EXCEPT SELECT a_id FROM link WHERE b_id = :id AND kind = 'not'
) JOIN person ON person.id = other AND person.kind = 'contact'"""

KIN_TYPES = tuple(sorted(KIN))
KIN_SQL = f"""
SELECT EXISTS (
  SELECT 1 FROM relationship WHERE a_id = ? AND type IN ({placeholders(len(KIN_TYPES))})
  UNION ALL
  SELECT 1 FROM relationship WHERE b_id = ? AND type IN ({placeholders(len(KIN_TYPES))}))"""


# What `append` reads: the new interaction with its head count, the people on it, a tie row as
# it stands, and whether a person already had an interaction on the same UTC day and channel
# (through the index on `at`: one day's interactions, each looked up in the participant key).
APPENDED_SQL = """
SELECT i.at, i.channel, i.direction,
       (SELECT count(*) FROM participant q WHERE q.interaction_id = i.id)
  FROM interaction i WHERE i.id = ?"""
PARTICIPANTS_SQL = "SELECT person_id FROM participant WHERE interaction_id = ? ORDER BY person_id"
# The half-lives of SUMS_SQL's sums, in its order.
SUM_HALF_LIVES = (
    VOLUME_HALF_LIFE_DAYS,
    KIN_VOLUME_HALF_LIFE_DAYS,
    WARMTH_HALF_LIFE_DAYS,
    BALANCE_HALF_LIFE_DAYS,
    BALANCE_HALF_LIFE_DAYS,
)
TIE_ROW_SQL = """
SELECT first_at, volume, volume_as_of, kin_volume, warmth, sent, received, days
  FROM tie WHERE person_id = ?"""
SAME_DAY_SQL = """
SELECT 1 FROM interaction i INDEXED BY interaction_at
 WHERE i.at >= ? AND i.at <= ? AND i.channel = ? AND i.id <> ?
   AND EXISTS (SELECT 1 FROM participant p WHERE p.person_id = ? AND p.interaction_id = i.id)
 LIMIT 1"""

# What `kith why` reads instead of the log (`summed`): the tie row's sums, each channel's latest
# use, and the log grouped by UTC day as tie_days keeps it beside the tie row.
SUMS_SQL = """
SELECT first_at, volume, volume_as_of, kin_volume, kin_volume_as_of, warmth, warmth_as_of,
       sent, sent_as_of, received, received_as_of
  FROM tie WHERE person_id = ?"""
CHANNELS_LAST_SQL = "SELECT channel, last_at FROM person_channel WHERE person_id = ?"
# Set by a migration that changes how tie rows are summed; cleared once they are recomputed.
STALE_KEY = "ties.stale"


class TieRepo:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def rating(self, person_id: int) -> int | None:
        """The user's closeness rating, 1 to 5, or None when unrated."""
        row = self.db.execute("SELECT closeness FROM person WHERE id = ?", (person_id,)).fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def set_rating(self, person_id: int, rating: int | None, now: str) -> None:
        """Rate closeness (None clears it); the database refuses anything outside 1 to 5."""
        self.db.execute(
            "UPDATE person SET closeness = ?, updated_at = ? WHERE id = ?",
            (rating, now, person_id),
        )

    def events(self, person_id: int) -> list[Event]:
        """Every interaction with this person as tie strength sees it, oldest first."""
        return [as_event(*row) for row in self.db.execute(EVENTS_SQL, (person_id,))]

    def log(self, person_id: int) -> Block:
        """`events` as arrays (relate.tie_log reads them), each row with its weight w_c."""
        import numpy as np

        from kith.relate.network import Block

        rows = np.array(self.db.execute(LOG_SQL, (person_id,)).fetchall(), np.int64)
        rows = rows.reshape(-1, 6)
        rows = rows[np.lexsort((rows[:, 0], rows[:, 1]))]  # by time, then by id
        t, channel, sends, receives, others = rows[:, 1:].T
        return Block(
            np.zeros(len(t), np.int64),
            t.astype(np.float64),
            weights(channel, others),
            channel,
            sends.astype(bool),
            receives.astype(bool),
        )

    def summed(self, person_id: int) -> SummedLog | None:
        """The person's log as the sums kept for it (relate.tie_log.SummedLog); None without a
        tie row (no history) or while a migration has them to be summed again."""
        row = self.db.execute(SUMS_SQL, (person_id,)).fetchone()
        if row is None or self.stale():
            return None
        first_at, *sums = row
        volume, kin_volume, warmth, sent, received = (
            Decayed(float(value), from_utc_text(as_of), half_life)
            for value, as_of, half_life in zip(sums[::2], sums[1::2], SUM_HALF_LIVES, strict=True)
        )
        channels = self.db.execute(CHANNELS_LAST_SQL, (person_id,))
        days = tie_days.read(self.db, person_id)
        return SummedLog(
            from_utc_text(first_at),
            volume.as_of,  # every sum is as of the latest interaction
            volume,
            kin_volume,
            warmth,
            sent,
            received,
            {channel: from_utc_text(at) for channel, at in channels},
            [Day(from_utc_text(lo), from_utc_text(hi), *counts) for lo, hi, *counts in days],
        )

    def recompute(
        self,
        person_ids: Iterable[int],
        days: bool = True,
        channels: list[ChannelRow] | None = None,
    ) -> None:
        """Rewrite these people's tie rows from their own logs, and with `days` their UTC days
        (tie_days); no history, no row. With `channels`, each one's totals per channel
        (`channel_totals`) go into it from the same logs."""
        for chunk in chunks(list(dict.fromkeys(person_ids))):
            marks = placeholders(len(chunk))
            self.db.execute(f"DELETE FROM tie WHERE person_id IN ({marks})", chunk)
            if days:
                self.db.execute(f"DELETE FROM tie_day WHERE person_id IN ({marks})", chunk)
            written = _Written(self.db, days, channels)
            for pid in chunk:
                log = self.db.execute(EVENTS_SQL, (pid,)).fetchall()
                if log:
                    written.add(pid, log)
            written.flush()

    def append(self, interaction_id: int) -> None:
        """Fold a new interaction into its participants' tie rows without reading their logs:
        each decayed sum is carried forward to the new instant and the new weight added
        (relate.decay's D(t) = D(t0)·2^(−(t−t0)/h) + w). That is exact only for the newest
        interaction of each person, so a person with one later than it (a backdated entry),
        or with no tie row yet, is recomputed from their log instead. Its UTC day takes it in
        either way (a day's counts, first and latest do not depend on the order of arrival)."""
        found = self.db.execute(APPENDED_SQL, (interaction_id,)).fetchone()
        if found is None:
            return
        at, channel, direction, others = found
        weight = channel_weight(channel, int(others))
        sent, received = int(direction in SENDS), int(direction in RECEIVES)
        people = column_of(self.db, PARTICIPANTS_SQL, (interaction_id,))
        recompute = []
        for person_id in people:
            row = self.db.execute(TIE_ROW_SQL, (person_id,)).fetchone()
            tie_days.add(self.db, person_id, at, sent, received)
            if row is None or at < row[2]:
                recompute.append(person_id)
                continue
            first_at, volume, as_of, kin, warmth, out, back, days = row
            apart = (from_utc_text(at) - from_utc_text(as_of)).total_seconds() / SECONDS_PER_DAY
            # a new point only on a UTC day and channel they had no interaction on (by_day)
            new_day = (
                self.db.execute(
                    SAME_DAY_SQL, (at[:10], at, channel, interaction_id, person_id)
                ).fetchone()
                is None
            )
            point = weight if new_day else 0.0
            kept = sorted({*days.split(), at[:10]})[-RHYTHM_DAYS_KEPT:]
            self.db.execute(
                INSERT_TIE_SQL,
                (
                    person_id,
                    first_at,
                    volume * decay_factor(apart, VOLUME_HALF_LIFE_DAYS) + point,
                    at,
                    kin * decay_factor(apart, KIN_VOLUME_HALF_LIFE_DAYS) + point,
                    at,
                    warmth * decay_factor(apart, WARMTH_HALF_LIFE_DAYS) + point,
                    at,
                    out * decay_factor(apart, BALANCE_HALF_LIFE_DAYS) + sent,
                    at,
                    back * decay_factor(apart, BALANCE_HALF_LIFE_DAYS) + received,
                    at,
                    " ".join(kept),
                ),
            )
        if recompute:
            self.recompute(recompute, days=False)

    def recompute_all(self, channels: list[ChannelRow] | None = None) -> None:
        """Rewrite every tie row and UTC day in one pass over the log, ordered by person; with
        `channels`, each person's totals per channel (`channel_totals`) go into it from the
        same pass."""
        self.db.execute("DELETE FROM tie")
        self.db.execute("DELETE FROM tie_day")
        written = _Written(self.db, True, channels)
        for pid, rows in groupby(self.db.execute(ALL_EVENTS_SQL), key=itemgetter(0)):
            written.add(int(pid), [row[1:] for row in rows])  # each row keeps its person id
        written.flush()

    def stale(self) -> bool:
        """Whether a migration asked for every tie row to be summed again (`ties.stale`)."""
        return (
            self.db.execute("SELECT 1 FROM meta WHERE key = ?", (STALE_KEY,)).fetchone() is not None
        )

    def refresh_if_stale(self) -> bool:
        """Recompute every tie row when a migration changed how they are summed (meta
        `ties.stale`, migration 0014); whether it did."""
        if not self.stale():
            return False
        self.recompute_all()
        self.db.execute("DELETE FROM meta WHERE key = ?", (STALE_KEY,))
        return True

    def rows(self) -> list[TieRow]:
        """Every tie row as stored, by person: what `kith rebuild` must reproduce."""
        return list(self.db.execute(f"SELECT {TIE_COLUMNS} FROM tie ORDER BY person_id"))

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM tie").fetchone()[0])

    def mutual_contacts(self, person_id: int) -> int:
        """How many other contacts are linked or related to this person."""
        return int(self.db.execute(MUTUAL_SQL, {"id": person_id}).fetchone()[0])

    def is_kin(self, person_id: int) -> bool:
        """Whether the user recorded a kin relationship (spouse, partner, parent, ...) for them."""
        params = (person_id, *KIN_TYPES, person_id, *KIN_TYPES)
        return bool(self.db.execute(KIN_SQL, params).fetchone()[0])


class _Written:
    """Tie rows, and with `days` their UTC days (tie_days.grouped), made from each person's
    log as it is read and written BATCH rows at a time: what is held stays a few MB whatever
    the log's size. With `channels`, each person's totals per channel are added to it."""

    def __init__(
        self, db: sqlite3.Connection, days: bool, channels: list[ChannelRow] | None
    ) -> None:
        self.db, self.keep_days, self.channels = db, days, channels
        self.ties: list[TieRow] = []
        self.days: list[tie_days.DayRow] = []

    def add(self, person_id: int, log: list[LogRow]) -> None:
        """One person's rows from their log (at least one row, oldest first)."""
        if self.channels is not None:
            self.channels += channel_totals(person_id, log)
        grouped = tie_days.grouped(person_id, log)
        if self.keep_days:
            self.days += grouped
        self.ties.append(tie_row(person_id, log, [day[1] for day in grouped]))
        if len(self.ties) >= BATCH or len(self.days) >= BATCH:
            self.flush()

    def flush(self) -> None:
        self.db.executemany(INSERT_TIE_SQL, self.ties)
        tie_days.insert(self.db, self.days)
        self.ties.clear()
        self.days.clear()


def as_event(at: str, channel: str, direction: str, others: int) -> Event:
    """One row of the log as tie strength sees it."""
    moment = instant(at)
    assert moment is not None  # interaction.at is NOT NULL
    return Event(moment, channel, direction, others=int(others))


def channel_totals(person_id: int, log: Sequence[LogRow]) -> list[ChannelRow]:
    """A person's (person_id, channel, last at, count) rows of `person_channel`, by channel,
    from their log rows (oldest first): what the aggregate over the log gives
    (tests/test_import_sums.py keeps it), as the last row of a channel has its latest at."""
    last: dict[str, str] = {}
    counts: dict[str, int] = {}
    for at, channel, _, _ in log:
        last[channel] = at
        counts[channel] = counts.get(channel, 0) + 1
    return [(person_id, channel, last[channel], counts[channel]) for channel in sorted(last)]


def tie_row(person_id: int, log: Sequence[LogRow], days: Sequence[str] | None = None) -> TieRow:
    """The tie row of a person from their log rows (at least one, oldest first): every decayed
    sum as of the latest interaction, the first instant, and the latest distinct days (UTC);
    `days`, when given, are those distinct days in order (tie_days.grouped's).

    Each sum is relate.decay's Σ w·2^(−age/h), carried from interaction to interaction as
    `TieRepo.append` carries it (`carried`): a row is the same to the bit however its log was
    written (in order, appended one by one, or recomputed for a backdated entry), so two people
    with the same log have the same S to the bit, as a replay gives them."""
    as_of = log[-1][0]
    volume, kin_volume, warmth, sent, received = carried(log)
    if days is None:
        days = sorted({row[0][:10] for row in log})
    kept = days[-RHYTHM_DAYS_KEPT:]
    return (
        person_id,
        log[0][0],
        volume,
        as_of,
        kin_volume,
        as_of,
        warmth,
        as_of,
        sent,
        as_of,
        received,
        as_of,
        " ".join(kept),
    )


def carried(log: Sequence[LogRow]) -> tuple[float, float, float, float, float]:
    """The five sums of a log (volume, kin volume, warmth, sent, received), step by step with
    `append`'s arithmetic: at each interaction each sum is decayed from the one before,
    D·2^(−Δ/h) (decay_factor's expression inline: a chat gives thousands of rows), and the
    interaction's part added: its weight to the first three when it opens its UTC day on its
    channel (relate.by_day; the day is the stored UTC text's date), 1 to sent (out or both)
    and to received (in or both). A step of no time is skipped (2^−0 is 1: the same to the
    bit), so is a part of nothing (x + 0.0 is x)."""
    volume = kin_volume = warmth = sent = received = 0.0
    opened: set[tuple[str, str]] = set()
    previous = None
    for at, channel, direction, others in log:
        moment = from_utc_text(at)
        apart = 0.0 if previous is None else (moment - previous).total_seconds() / SECONDS_PER_DAY
        if apart:
            volume *= 2.0 ** (-apart / VOLUME_HALF_LIFE_DAYS)
            kin_volume *= 2.0 ** (-apart / KIN_VOLUME_HALF_LIFE_DAYS)
            warmth *= 2.0 ** (-apart / WARMTH_HALF_LIFE_DAYS)
            balance = 2.0 ** (-apart / BALANCE_HALF_LIFE_DAYS)
            sent, received = sent * balance, received * balance
        if (at[:10], channel) not in opened:
            opened.add((at[:10], channel))
            point = channel_weight(channel, others)
            volume, kin_volume, warmth = volume + point, kin_volume + point, warmth + point
        sent += direction in SENDS
        received += direction in RECEIVES
        previous = moment
    return volume, kin_volume, warmth, sent, received
