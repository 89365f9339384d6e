"""The stored Dunbar layers: what a replay or a weekly step reads (every contact's tie inputs,
the whole log as arrays, or the tie rows), and the state it leaves (layer_state, and the
instant and staleness in meta)."""

from __future__ import annotations

import binascii
import json
import math
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timezone, tzinfo
from typing import TYPE_CHECKING, Any

from kith.relate.strength import S_MAX_MONTHS
from kith.relate.weights import channel_weight
from kith.store.rows import placeholders
from kith.store.week import blocks, peaks, strength_blob
from kith.store.week.ahead import INSTANT_KEY, PREPARED_KEY, STALE_KEY
from kith.store.week.generation import CURRENT_KEY, KINDS, PREPARED, current, named, on, other
from kith.store.week.packed import (
    DAY_WIDTH,
    INSTANT_WIDTH,
    banded,
    integers,
    unbanded,
    utc_seconds,
)
from kith.vocab import CHANNELS, KIN

if TYPE_CHECKING:  # numpy loads only when layers are computed, never for a quick read
    import numpy as np

    from kith.relate.network import Block, Floats, Ints

PEOPLE_SQL = """
SELECT p.id, p.closeness, p.known_since, p.pinned, unixepoch(p.created_at),
       unixepoch(t.first_at)
  FROM person p LEFT JOIN tie t ON t.person_id = p.id
 WHERE p.kind = 'contact' AND p.archived = 0
 ORDER BY p.id"""
# The same without the tie rows' first interaction, for a caller that reads the tie rows itself
# (`sums`): the join is a fifth of the read on profile L.
PEOPLE_ALONE_SQL = """
SELECT p.id, p.closeness, p.known_since, p.pinned, unixepoch(p.created_at)
  FROM person p
 WHERE p.kind = 'contact' AND p.archived = 0
 ORDER BY p.id"""

# The same as one row (store/week/packed.py): how many, the ids, the ratings (nan: none), the
# days known since ('' for none) joined by U+001F, the pins and the creation instants end to
# end, and whether a rating is a REAL (read row by row then; the pins can only be 0 or 1). A
# scan of the table in id order (the rowid's), not of the index on kind (a lookup a row).
PEOPLE_PACKED_SQL = """
SELECT count(*), group_concat(p.id), group_concat(ifnull(p.closeness, 'nan')),
       group_concat(ifnull(p.known_since, ''), char(31)), group_concat(p.pinned),
       CAST(group_concat(p.created_at, '') AS BLOB), max(typeof(p.closeness) = 'real')
  FROM person p NOT INDEXED
 WHERE p.kind = 'contact' AND p.archived = 0"""

KIN_TYPES = tuple(sorted(KIN))
KIN_SQL = f"""
SELECT a_id FROM relationship WHERE type IN ({placeholders(len(KIN_TYPES))})
UNION SELECT b_id FROM relationship WHERE type IN ({placeholders(len(KIN_TYPES))})"""

# Each contact's mutual contacts (store/week/ties.py MUTUAL_SQL for everyone at once).
MUTUALS_SQL = """
SELECT x, count(*) FROM (
  SELECT a_id AS x, b_id AS y FROM link WHERE kind != 'not'
  UNION SELECT b_id, a_id FROM link WHERE kind != 'not'
  UNION SELECT a_id, b_id FROM relationship UNION SELECT b_id, a_id FROM relationship
  EXCEPT SELECT a_id, b_id FROM link WHERE kind = 'not'
  EXCEPT SELECT b_id, a_id FROM link WHERE kind = 'not'
) JOIN person ON person.id = y AND person.kind = 'contact'
 GROUP BY x"""

# The range of the ids MUTUALS_SQL pairs (links hold a < b), for codes a · 2³² + b.
IDS_RANGE_SQL = """
SELECT min((SELECT min(a_id) FROM link), (SELECT min(min(a_id, b_id)) FROM relationship)),
       max((SELECT max(b_id) FROM link), (SELECT max(max(a_id, b_id)) FROM relationship))"""

# The same for some contacts only (:ids, a JSON array), each branch an index lookup.
IN_IDS = "IN (SELECT value FROM json_each(:ids))"
MUTUALS_AMONG_SQL = f"""
SELECT x, count(*) FROM (
  SELECT a_id AS x, b_id AS y FROM link WHERE kind != 'not' AND a_id {IN_IDS}
  UNION SELECT b_id, a_id FROM link WHERE kind != 'not' AND b_id {IN_IDS}
  UNION SELECT a_id, b_id FROM relationship WHERE a_id {IN_IDS}
  UNION SELECT b_id, a_id FROM relationship WHERE b_id {IN_IDS}
  EXCEPT SELECT a_id, b_id FROM link WHERE kind = 'not' AND a_id {IN_IDS}
  EXCEPT SELECT b_id, a_id FROM link WHERE kind = 'not' AND b_id {IN_IDS}
) JOIN person ON person.id = y AND person.kind = 'contact'
 GROUP BY x"""

CHANNEL_CASE = " ".join(f"WHEN '{c}' THEN {k}" for k, c in enumerate(CHANNELS))
LOG_SQL = f"""
SELECT p.person_id, p.interaction_id, unixepoch(i.at), CASE i.channel {CHANNEL_CASE} END,
       i.direction IN ('out', 'both'), i.direction IN ('in', 'both')
  FROM participant p JOIN interaction i ON i.id = p.interaction_id"""

# The days are fixed-width ASCII (YYYY-MM-DD, one space between): their count from the length
# alone (a tie row has at least one day), the last the last ten bytes. Both read as a blob, whose
# length and end SQLite takes without counting characters (as text: a third of the query).
TIES_SQL = """
SELECT t.person_id, unixepoch(t.first_at), t.volume, unixepoch(t.volume_as_of), t.kin_volume,
       t.sent, t.received, max(1, (length(CAST(t.days AS BLOB)) + 1) / 11),
       unixepoch(substr(CAST(t.days AS BLOB), -10)) / 86400
  FROM tie t"""

# The same as one row (store/week/packed.py): how many, the ids, the first and the volume's
# instants end to end, the days joined by '|' (numpy measures them and cuts the last: half the
# cost of SQLite doing it row by row), and the REALs each as integers in bands.
TIES_PACKED_SQL = f"""
SELECT count(*), group_concat(t.person_id), CAST(group_concat(t.first_at, '') AS BLOB),
       CAST(group_concat(t.volume_as_of, '') AS BLOB), CAST(group_concat(t.days, '|') AS BLOB),
       {banded("t.volume")}, {banded("t.kin_volume")}, {banded("t.sent")}, {banded("t.received")}
  FROM tie t"""


# The channels used since the earliest window start (?1), one id each, and with more than one
# window their times (what the later windows count, in numpy): all S reads of the channels (its
# multiplexity) as one row of text, not a Python row per person (half the time on profile L).
# The times are last_s, unixepoch(last_at) kept by the writers (migration 0050): a range of its
# index, which holds the ids too, not every row's text parsed. `among`: of the people in a JSON
# array (?2) alone.
def channel_uses_sql(windows: int, among: bool = False) -> str:
    times = ", group_concat(last_s)" if windows > 1 else ""
    only = " AND person_id IN (SELECT value FROM json_each(?2))" if among else ""
    return f"SELECT group_concat(person_id){times} FROM person_channel WHERE last_s >= ?1{only}"


StateRow = tuple[int, str, int, int, str | None, float, bytes | None, float]
# A state is three tables (migration 0044): the layers and counters (layer_state), S
# (layer_strength: one row of two blobs since migration 0048, an id for each layer_state row,
# store/week/strength_blob.py) and the peaks that are not all 0 (layer_peaks, month-major
# since migration 0049: store/week/peaks.py); the prepared state the same under the names of
# PREPARED. SQL names them so and
# runs through generation.named, which names the set of tables that holds each (migration 0047).
STATE_TABLES = KINDS
NARROW_COLUMNS = "person_id, layer, above_since, below_since, bound, s_max"
STATE_COLUMNS = f"{NARROW_COLUMNS}, peaks, strength"  # a StateRow's, as STATE_SQL reads them
# the rows as StateRow but for S, with the peaks put back beside the layer; S (one row of
# blobs since migration 0048, store/week/strength_blob.py) follows in Python
STATE_SQL = """
SELECT s.person_id, s.layer, s.above_since, s.below_since, s.bound, s.s_max
  FROM layer_state s
 ORDER BY s.person_id"""  # the peaks come from store/week/peaks.py
PREPARED_STATE_SQL = STATE_SQL.replace("layer_state", PREPARED["layer_state"])
LAYER_CASE = " ".join(f"WHEN 'L{k}' THEN {k}" for k in range(1, 8))
STATE_NUMBERS_SQL = f"""
SELECT person_id, CASE layer {LAYER_CASE} END, above_since, below_since,
       CASE bound {LAYER_CASE} ELSE 0 END, s_max
  FROM layer_state ORDER BY person_id"""
# The same as one row (store/week/packed.py): how many, the ids, the layers end to end (each
# two characters, L1 to L7: the table's CHECK), the streaks' weeks, the bounds end to end as the
# layers (L0 for none: half the cost of a CASE; a row with another bound, which the CASE reads
# as 0, sends the read to rows), and S_max as integers in bands; a scan of the table in id order
# (the rowid's), not of the layer's index. No Python object and no sqlite3 step per row (3.5 M
# Python objects' worth on profile L).
STATE_PACKED_SQL = f"""
SELECT count(*), group_concat(person_id), CAST(group_concat(layer, '') AS BLOB),
       group_concat(above_since), group_concat(below_since),
       CAST(group_concat(ifnull(bound, 'L0'), '') AS BLOB), {banded("s_max")}
  FROM layer_state NOT INDEXED"""
MONTHS_KEY = "layers.months"
# The counters (a StateRow's and StoredState's `above` and `below`: weekly instants in a row
# with the raw layer inside or outside the current one) are kept as the week their streak
# began (above_since, below_since, migration 0052), so that a streak that goes on changes no
# row: 0 for none (a counter of 0), else week − counter + 1, where week is the one the set's
# rows are as of (meta WEEK_KEY + the set; NO_WEEK where none is); `streak` maps either way.
WEEK_KEY = "layers.week."
NO_WEEK = 1_000_000
ORDINAL_EPOCH = 719_162  # days from Monday 0001-01-01 to 1970-01-01
# a meta row set as an UPDATE when it is there (see `promote`)
SET_META_SQL = (
    "INSERT INTO meta (key, value) VALUES (?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)
MUTUALS_KEY = "layers.mutuals"  # "version base64(id, count, id, count, ...)" as int64
NETWORK_VERSION_KEY = "network.version"  # store/mesh/network.py's: bumped by migration 0020's
# triggers


@dataclass(frozen=True)
class People:
    """Every contact's tie inputs, by id (ascending)."""

    ids: Ints
    kin: np.ndarray
    rating: Floats
    mutual: Ints
    known_since: Floats
    pinned: np.ndarray
    entry: Floats  # the earlier of the first interaction and the person's creation (the
    # creation alone when read without the tie rows: `LayerRepo.people`'s `ties`)


@dataclass(frozen=True)
class StoredState:
    """layer_state as arrays by person id (ascending): the layers and bounds as numbers (1 for
    L1 …, 0 for no bound); `held`, the people whose peaks are stored (ascending), and their
    peaks (`values`, a row each, as peaks.read gives them; read for a step within `month`,
    two columns: the month's and the rest's max, peaks.read_month). Not S (layer_strength): a
    step writes it anew."""

    ids: Ints
    layer: Ints
    above: Ints
    below: Ints
    bound: Ints
    s_max: Floats
    held: Ints
    values: Floats
    week: int  # the week the counters were kept as of (`streak`)
    month: int | None = None  # `values` are the month's column and the rest's max

    @property
    def peaks(self) -> bytes:
        """The held people's peaks end to end (60 float64 each)."""
        import numpy as np

        return np.ascontiguousarray(self.values).tobytes()


@dataclass(frozen=True)
class TieSums:
    """The tie rows as arrays aligned with People (zeros and ±inf without history)."""

    first: Floats
    last: Floats
    volume: Floats
    kin_volume: Floats
    sent: Floats
    received: Floats
    days: Ints
    last_day: Ints
    channel_last: Floats


class LayerRepo:
    def __init__(
        self, connection: sqlite3.Connection, writing: Callable[[], bool] = lambda: False
    ) -> None:
        self.db = connection
        self.moved = False  # this connection wrote the layers' instant (a step or a replay)
        # whether a write transaction is open (the inputs' blocks read are then kept: blocks.py)
        self.writing = writing

    def people(
        self,
        zone: tzinfo,
        only: Sequence[int] | None = None,
        keep: bool = False,
        ties: bool = True,
        cached: bool = True,
    ) -> People:
        """Every contact's tie inputs; `only`: those of these people alone. Everyone's mutual
        counts are read from where they were kept while nothing they count changed (the
        network's version, migration 0020), else counted; `keep` (a writer) keeps them.
        Without `ties`, the tie rows are not read: `entry` is the creation alone, for a caller
        that takes the first interaction in from `sums`
        (services/ties/layer_replay._current_ties); everyone's then from the blocks kept
        (store/week/blocks.py) unless not `cached`."""
        import numpy as np

        chosen = None if only is None else json.dumps(list(only))
        if chosen is None and not ties and cached:
            matrix = self.people_matrix()
            ids, rating = matrix[:, 0].astype(np.int64), matrix[:, 1].copy()
            known_since = _day_midnights(matrix[:, 2], zone)
            pinned, created = matrix[:, 3].astype(bool), matrix[:, 4].copy()
            first = np.full(len(ids), np.nan)
        else:
            given: tuple[str, ...] = () if chosen is None else (chosen,)
            narrowed = _unranged if chosen is None else _among
            packed_sql = narrowed(PEOPLE_PACKED_SQL, "p.id")
            packed = None if ties else self._contacts_packed(packed_sql, given)
            sql = narrowed(PEOPLE_SQL if ties else PEOPLE_ALONE_SQL, "p.id")
            columns = packed or self._contacts(sql, given)
            ids = np.array(columns[0], np.int64)
            rating = np.array(columns[1], np.float64)  # None reads as nan: unrated
            known_since = _midnights(columns[2], zone)
            pinned = np.array(columns[3], bool)
            created = np.array(columns[4], np.float64)
            # None reads as nan: no tie row
            first = np.array(columns[5], np.float64) if ties else np.full(len(ids), np.nan)
        if chosen is None:
            mutuals = self._mutual_pairs(keep)
        else:
            found = self.db.execute(MUTUALS_AMONG_SQL, {"ids": chosen}).fetchall()
            mutuals = np.array(found, np.int64).reshape(-1, 2)
        kin = np.array(self.db.execute(KIN_SQL, KIN_TYPES + KIN_TYPES).fetchall(), np.int64)
        mutual = np.zeros(len(ids), np.int64)
        at, known = positions(ids, mutuals[:, 0])
        mutual[at] = mutuals[known, 1]
        is_kin = np.zeros(len(ids), bool)
        is_kin[positions(ids, kin.reshape(-1))[0]] = True
        return People(
            ids=ids,
            kin=is_kin,
            rating=rating,
            mutual=mutual,
            known_since=known_since,
            pinned=pinned,
            entry=np.minimum(created, np.where(np.isnan(first), np.inf, first)),
        )

    def people_matrix(self) -> Floats:
        """Every contact's inputs but the mutual counts and kin, a row each (id, rating, the
        day known since as its proleptic ordinal, pinned, created; nan for none), from the
        blocks kept (store/week/blocks.py), the rest read and, in a write transaction, kept."""
        found = blocks.read(
            self.db, blocks.PEOPLE, blocks.PEOPLE_SPAN_SQL, 5, self._people_rows, self.writing()
        )
        return self._people_rows() if found is None else found

    def _people_rows(
        self, low: int | None = None, high: int | None = None, among: str | None = None
    ) -> Floats:
        """`people_matrix`'s rows read from the source (the ids low … high, or those in the
        JSON array `among`, if given)."""
        import numpy as np

        given: tuple[Any, ...] = ()
        ranged = _unranged
        if low is not None and high is not None:
            given, ranged = (low, high), _ranged
        elif among is not None:
            given, ranged = (among,), _among
        packed = self._contacts_packed(ranged(PEOPLE_PACKED_SQL, "p.id"), given)
        columns = packed or self._contacts(ranged(PEOPLE_ALONE_SQL, "p.id"), given)
        ids, rating, known, pinned, created = columns[:5]  # None reads as nan: unrated
        found = [np.array(column, np.float64) for column in (ids, rating)]
        found += [_days(known), np.array(pinned, np.float64), np.array(created, np.float64)]
        return np.stack(found, axis=1).reshape(-1, 5)

    def _contacts(self, sql: str, given: tuple[Any, ...]) -> Sequence[Any]:
        """The contacts' columns read row by row (PEOPLE_SQL or PEOPLE_ALONE_SQL, narrowed)."""
        rows = self.db.execute(sql, given).fetchall()
        return list(zip(*rows, strict=True)) if rows else [()] * 6

    def _contacts_packed(self, sql: str, given: tuple[Any, ...]) -> Sequence[Any] | None:
        """PEOPLE_ALONE_SQL's columns from one row (PEOPLE_PACKED_SQL, narrowed), as arrays
        where they are numbers; None where any value cannot pass so (the caller reads row by
        row)."""
        import numpy as np

        n, ids, ratings, days, pins, created, odd = self.db.execute(sql, given).fetchone()
        if odd:
            return None
        known = days.split("\x1f") if n else []
        rating = np.fromstring(ratings, np.float64, sep=",") if n else np.zeros(0)
        people, pinned = integers(ids, n), integers(pins, n)
        since = utc_seconds(created, n, INSTANT_WIDTH)
        if people is None or pinned is None or since is None:
            return None
        if len(known) != n or len(rating) != n or (np.diff(people) <= 0).any():
            return None  # (id order, as PEOPLE_ALONE_SQL's)
        return people, rating, known, pinned, since.astype(np.float64)

    def mutual_counts(self) -> dict[int, int]:
        """Everyone's mutual contacts, from those kept when current (read only)."""
        return self._mutuals(keep=False)

    def keep_mutuals(self) -> None:
        """Count and keep everyone's mutual contacts unless those kept are current."""
        kept = self._meta(MUTUALS_KEY)
        if kept is None or kept.partition(" ")[0] != (self._meta(NETWORK_VERSION_KEY) or "0"):
            self._mutuals(keep=True)

    def _mutuals(self, keep: bool) -> dict[int, int]:
        pairs = self._mutual_pairs(keep)
        return dict(zip(pairs[:, 0].tolist(), pairs[:, 1].tolist(), strict=True))

    def _mutual_pairs(self, keep: bool) -> Ints:
        """Everyone's mutual contacts as (id, count) rows, kept in meta with the network
        version they were counted at (links, relationships and people added, removed or changed
        in kind all bump it), else counted."""
        import numpy as np

        version = self._meta(NETWORK_VERSION_KEY) or "0"
        kept = self._kept_mutuals(version)
        if kept is not None:
            return np.frombuffer(kept, np.int64).reshape(-1, 2)
        mutual = self._count_mutuals()
        flat = np.array(list(mutual.items()), np.int64).reshape(-1)
        if keep:
            import base64  # only when counted again: binascii decodes the kept ones

            self.db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                (MUTUALS_KEY, f"{version} {base64.b64encode(flat.tobytes()).decode()}"),
            )
        return flat.reshape(-1, 2)

    def _kept_mutuals(self, version: str) -> bytes | None:
        """The (id, count) pairs kept in meta ("version base64"), decoded, when kept at
        `version`: read as bytes and decoded in place, not as text (on profile L 632 KB, which
        a str would copy three times before decoding)."""
        row = self.db.execute(
            "SELECT CAST(value AS BLOB) FROM meta WHERE key = ?", (MUTUALS_KEY,)
        ).fetchone()
        if row is None or row[0] is None:
            return None
        kept: bytes = row[0]
        space = kept.find(b" ")
        if (kept if space < 0 else kept[:space]) != version.encode():
            return None
        return binascii.a2b_base64(memoryview(kept)[space + 1 :] if space >= 0 else b"")

    def _count_mutuals(self) -> dict[int, int]:
        """MUTUALS_SQL's counts on arrays: its UNION and EXCEPT over the ordered pairs as sorted
        codes a · 2³² + b (half a second of SQL on L's 212,000 links, twice this)."""
        import numpy as np

        low, top = self.db.execute(IDS_RANGE_SQL).fetchone()
        if (low is not None and low < 0) or (top is not None and top >= 1 << 31):
            return dict(self.db.execute(MUTUALS_SQL).fetchall())  # beyond the codes' range

        def codes(sql: str) -> Ints:  # one row of text: no Python object per pair
            return id_list(self.db.execute(f"SELECT group_concat(code) FROM ({sql})").fetchone()[0])

        known = _both_ways(
            np.concatenate(
                [
                    codes("SELECT a_id << 32 | b_id AS code FROM link WHERE kind != 'not'"),
                    codes("SELECT a_id << 32 | b_id AS code FROM relationship"),
                ]
            )
        )
        gone = _both_ways(codes("SELECT a_id << 32 | b_id AS code FROM link WHERE kind = 'not'"))
        if len(gone):
            at = np.minimum(np.searchsorted(gone, known), len(gone) - 1)
            known = known[gone[at] != known]
        x, y = known >> 32, known & 0xFFFFFFFF
        ids = np.sort(codes("SELECT id AS code FROM person WHERE kind = 'contact'"))
        _, counted = positions(ids, y)
        x = x[counted]  # sorted, as the codes are
        if not len(x):
            return {}
        starts = np.flatnonzero(np.concatenate([[True], x[1:] != x[:-1]]))
        counts = np.diff(np.append(starts, len(x)))
        return dict(zip(x[starts].tolist(), counts.tolist(), strict=True))

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def log(self, ids: Ints) -> Block:
        """Every interaction of these people, one row per participant, sorted by time, with the
        channel weight of its head count (participants besides the user)."""
        import numpy as np

        rows = self.db.execute(LOG_SQL).fetchall()
        if not rows:
            empty = np.zeros(0)
            from kith.relate.network import Block

            return Block(
                empty.astype(np.int64),
                empty,
                empty,
                empty.astype(np.int64),
                empty.astype(bool),
                empty.astype(bool),
            )
        person, interaction, t, channel, sends, receives = (
            np.array(c) for c in zip(*rows, strict=True)
        )
        others = np.bincount(interaction)[interaction]
        weight = weights(channel.astype(np.int64), others)
        _, known = positions(ids, person)
        order = np.argsort(t[known], kind="stable")
        parts = (
            np.searchsorted(ids, person),
            t.astype(np.float64),
            weight,
            channel.astype(np.int64),
            sends.astype(bool),
            receives.astype(bool),
        )
        from kith.relate.network import Block

        return Block(*(part[known][order] for part in parts))

    def latest_at(self) -> str | None:
        row = self.db.execute("SELECT max(at) FROM interaction").fetchone()
        return None if row is None else row[0]

    def sums(self, ids: Ints, windows: Sequence[float], only: bool = False) -> TieSums:
        """The tie rows aligned with `ids`, and the channels used since each of `windows`
        (epoch seconds, ascending: the start of S's multiplexity window at each instant to be
        evaluated); `only`: read only the rows of `ids` (for a few people), not everyone's.

        `channel_last` does not hold each channel's latest use but what S reads of it (how many
        channels were used within each window), as times that count alike: for each person the
        first c_k channels hold windows[k], the latest window they were used in (c_k, the count
        of channels used since windows[k], cannot grow as the windows move on), the rest −inf."""
        import numpy as np

        channels_sql = channel_uses_sql(len(windows))
        chosen: tuple[str, ...] = ()
        if only:
            chosen = (json.dumps(ids.tolist()),)
            channels_sql = channel_uses_sql(len(windows), among=True)

        n = len(ids)
        first, last = np.full(n, np.inf), np.full(n, -np.inf)
        volume, kin_volume, sent, received = (np.zeros(n) for _ in range(4))
        days, last_day = np.zeros(n, np.int64), np.full(n, -1, np.int64)
        rows = self.tie_rows(chosen)
        k, known = positions(ids, rows[:, 0])
        rows = rows[known]
        first[k], volume[k], last[k], kin_volume[k] = rows[:, 1], rows[:, 2], rows[:, 3], rows[:, 4]
        sent[k], received[k] = rows[:, 5], rows[:, 6]
        days[k], last_day[k] = rows[:, 7].astype(np.int64), rows[:, 8].astype(np.int64)
        bounds = tuple(float(window) for window in windows)
        used = _channels_used(self.db.execute(channels_sql, bounds[:1] + chosen).fetchone(), bounds)
        return TieSums(
            first,
            last,
            volume,
            kin_volume,
            sent,
            received,
            days,
            last_day,
            _channel_times(ids, used, bounds),
        )

    def tie_rows(
        self, chosen: tuple[str, ...] = (), packed: bool = True, cached: bool = True
    ) -> Floats:
        """TIES_SQL's rows as a matrix (of the people in `chosen`'s JSON array, if given): from
        one row (TIES_PACKED_SQL) where every value passes so exactly, else row by row; all of
        them (unless not `cached`) from the blocks kept (store/week/blocks.py), the rest read so
        and, in a write transaction, kept."""
        if not chosen and packed and cached:
            found = blocks.read(
                self.db, blocks.TIES, blocks.TIES_SPAN_SQL, 9, self._tie_rows_of, self.writing()
            )
            if found is not None:
                return found
        narrowed = _among if chosen else _unranged
        return self._tie_rows_of(given=chosen, narrowed=narrowed, packed=packed)

    def _tie_rows_of(
        self,
        low: int | None = None,
        high: int | None = None,
        among: str | None = None,
        given: tuple[Any, ...] = (),
        narrowed: Callable[[str, str], str] | None = None,
        packed: bool = True,
    ) -> Floats:
        """`tie_rows`' rows of the ids low … high, or in the JSON array `among` (or those
        `given`, `narrowed` so)."""
        import numpy as np

        if low is not None and high is not None:
            given, narrowed = (low, high), _ranged
        elif among is not None:
            given, narrowed = (among,), _among
        narrowed = narrowed or _unranged
        if packed:
            found = self._tie_rows_packed(narrowed(TIES_PACKED_SQL, "t.person_id"), given)
            if found is not None:
                return found
        sql = narrowed(TIES_SQL, "t.person_id")
        return np.array(self.db.execute(sql, given).fetchall(), np.float64).reshape(-1, 9)

    def _tie_rows_packed(self, sql: str, given: tuple[Any, ...]) -> Floats | None:
        import numpy as np

        n, ids, first, as_of, days, *numbers = self.db.execute(sql, given).fetchone()
        kept, last = _days_kept(days, n)
        columns = [
            integers(ids, n),
            utc_seconds(first, n, INSTANT_WIDTH),
            unbanded(numbers[0], n),
            utc_seconds(as_of, n, INSTANT_WIDTH),
            unbanded(numbers[1], n),
            unbanded(numbers[2], n),
            unbanded(numbers[3], n),
            kept,
            None if last is None else utc_seconds(last, n, DAY_WIDTH),
        ]
        if any(column is None for column in columns):
            return None
        rows = np.stack([np.asarray(column, np.float64) for column in columns], axis=1)
        counted = np.asarray(columns[7], np.int64)  # as TIES_SQL counts the days and takes the last
        rows[:, 7] = np.maximum(1, (counted + 1) // 11)
        rows[:, 8] = np.asarray(columns[8], np.int64) // 86_400  # midnights: no rounding
        return rows.reshape(-1, 9)

    def instant(self) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (INSTANT_KEY,)).fetchone()
        return None if row is None else str(row[0])

    def stale(self) -> bool:
        return self.stale_count() is not None

    def stale_count(self) -> str | None:
        """How many changes have made the layers stale since they were last saved (counted by
        the triggers of migration 0028); None when they are not stale."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (STALE_KEY,)).fetchone()
        return None if row is None else str(row[0])

    def state(self, prepared: bool = False) -> list[StateRow]:
        """The state's rows, S and the peaks beside the layer (NULL peaks where none is kept);
        `prepared`: the prepared state's. A row without S is left out (as the join with the
        table of S's rows left it)."""
        sql, table = (PREPARED_STATE_SQL, S_PREPARED) if prepared else (STATE_SQL, S_CURRENT)
        kept = PREPARED["layer_peaks"] if prepared else "layer_peaks"
        which = current(self.db)
        week = self.week(other(which) if prepared else which)
        rows = self.db.execute(on(sql, which)).fetchall()
        ids, values = peaks.read(self.db, kept)
        held = dict(zip(ids.tolist(), (row.tobytes() for row in values), strict=True))
        s_ids, strength = strength_blob.read(self.db, table)
        found = dict(zip(s_ids, strength, strict=True))
        return [
            (p, layer, streak(up, week), streak(down, week), bound, s_max, held.get(p), found[p])
            for p, layer, up, down, bound, s_max in rows
            if p in found
        ]

    def week(self, which: str) -> int:
        """The week set `which`'s counters are kept as of (WEEK_KEY)."""
        kept = self._meta(WEEK_KEY + which)
        return NO_WEEK if kept is None else int(kept)

    def _week_is(self, which: str, week: int) -> None:
        self.db.execute(SET_META_SQL, (WEEK_KEY + which, str(week)))

    def stored(self, only: Sequence[int] | None = None, month: int | None = None) -> StoredState:
        """The state as arrays (what a weekly step compares with and starts from): one scan of
        layer_state, the columns turned to arrays whole, and the peaks' rows (peaks.read),
        each person's joined into one buffer; `only`: the rows of these people alone. `month`:
        for a step within it, of the peaks only its column and the rest's max when the stored
        ring's newest column is that month's (peaks.read_month), else the whole ring."""
        import numpy as np

        chosen: tuple[str, ...] = ()
        if only is not None:
            chosen = (json.dumps(list(only)),)
        which = current(self.db)
        week = self.week(which)
        columns = self._state_packed(which, chosen) or self._state_rows(which, chosen)
        ids = np.array(columns[0], np.int64)
        # the held people of the state's rows alone (a deleted person's may linger: peaks.py)
        found = None if month is None or only is not None else self._month_peaks(month)
        if found is None:
            month = None
            found = peaks.read(self.db, "layer_peaks", only)
        held, values = peaks.of(*found, ids)
        return StoredState(
            ids=ids,
            layer=np.array(columns[1], np.int64),
            above=streaks(np.array(columns[2], np.int64), week),
            below=streaks(np.array(columns[3], np.int64), week),
            bound=np.array(columns[4], np.int64),
            s_max=np.array(columns[5], np.float64),
            held=held,
            values=values,
            week=week,
            month=month,
        )

    def _month_peaks(self, month: int) -> tuple[Ints, Floats] | None:
        """The held people and, a row each, their peaks in `month`'s column and their rest's
        max (peaks.read_month), when the ring's newest column is that month's."""
        import numpy as np

        ring = self.months()
        if len(ring) != S_MAX_MONTHS or max(ring) != month or ring[month % S_MAX_MONTHS] != month:
            return None
        found = peaks.read_month(self.db, "layer_peaks", ring, month)
        if found is None:
            return None
        ids, column, rest = found
        return ids, np.stack([column, rest], axis=1)

    def _state_rows(self, which: str, chosen: tuple[str, ...]) -> Sequence[Any]:
        """STATE_NUMBERS_SQL's columns, read row by row."""
        sql = _among(STATE_NUMBERS_SQL, "person_id") if chosen else STATE_NUMBERS_SQL
        rows = self.db.execute(on(sql, which), chosen).fetchall()
        return list(zip(*rows, strict=True)) if rows else [()] * 6

    def _state_packed(self, which: str, chosen: tuple[str, ...]) -> Sequence[Any] | None:
        """STATE_NUMBERS_SQL's columns from one row (STATE_PACKED_SQL) as arrays; None where
        any value cannot pass so (the caller reads row by row)."""
        import numpy as np

        sql = _among(STATE_PACKED_SQL, "person_id") if chosen else STATE_PACKED_SQL
        n, *found = self.db.execute(on(sql, which), chosen).fetchone()
        maybe = [integers(found[0], n), _layers(found[1], n)]
        maybe += [integers(text, n) for text in found[2:4]] + [_layers(found[4], n, 0)]
        s_max = unbanded(found[5], n)
        columns: list[np.ndarray] = [column for column in maybe if column is not None]
        if s_max is None or len(columns) < len(maybe) or (np.diff(columns[0]) <= 0).any():
            return None  # (a value that cannot pass; or not in id order, as STATE_NUMBERS_SQL)
        return [*columns, s_max]

    def months(self) -> list[int]:
        """The month (year·12 + month − 1) each column of the stored peaks holds, −1 if none."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (MONTHS_KEY,)).fetchone()
        return [int(month) for month in row[0].split()] if row else []

    def save(
        self,
        instant: str,
        months: Sequence[int],
        rows: Iterator[StateRow] | Sequence[StateRow],
        stored: Sequence[StateRow] | None = None,
    ) -> None:
        """Replace the whole state with `rows`, as of `instant`, no longer stale. With the
        `stored` state (as `state()` read it in this transaction), only the rows that changed
        are written: a weekly step changes S for everyone with history, and the layer, the
        counters and the peaks for few, so most rows take an update of S alone."""
        if stored is None:
            for table in STATE_TABLES:
                self.db.execute(named(self.db, f"DELETE FROM {table}"))
            self.write_changes(instant, months, rows, (), ())
        else:
            weeks = (self.week(current(self.db)), week_of(instant))
            self.write_changes(instant, months, *_changes(rows, stored, weeks))

    def write_changes(
        self,
        instant: str,
        months: Sequence[int],
        whole: Iterable[StateRow],
        strengths: Iterable[tuple[float, int]],
        gone: Sequence[int],
        same_layer: Iterable[StateRow] = (),
        columns: peaks.Columns | None = None,
    ) -> None:
        """`save` of a step that found the changes itself: the rows to write `whole` (in each of
        the state's tables), the (S, person) of other rows whose S changed, the people whose
        rows go, (`same_layer`) stored rows whose counters or S_max changed but not their
        layer, updated without touching the layer's index (an UPDATE that sets the layer moves
        its index entry even to the same value: half the cost of these rows), and (`columns`)
        everyone's peaks as the step left them, written by the month (peaks.put_columns; the
        rows written whole then write no peaks of their own)."""
        self.db.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
            (MONTHS_KEY, " ".join(str(month) for month in months)),
        )
        which, week = current(self.db), week_of(instant)
        self._write(whole, strengths, gone, week, with_peaks=columns is None, months=months)
        self.db.executemany(
            on(SAME_LAYER_SQL, which),
            (
                (streak(row[2], week), streak(row[3], week), row[4], row[5], row[0])
                for row in same_layer
            ),
        )
        self._week_is(which, week)
        if columns is not None:
            peaks.put_columns(self.db, "layer_peaks", columns)
        self._instant_is(instant)
        self.db.execute("DELETE FROM meta WHERE key IN (?, ?)", (STALE_KEY, PREPARED_KEY))

    def _instant_is(self, instant: str) -> None:
        self.db.execute(SET_META_SQL, (INSTANT_KEY, instant))
        self.moved = True

    def stamp(self, start: str, target: str, zone: str) -> str:
        """What a step from the state as of `start` to `target` in `zone` is from, besides the
        rows the triggers of migrations 0033, 0036 and 0039 watch (everything else it reads:
        the links among them, not as the network's version, which a rename also bumps)."""
        return json.dumps([start, target, zone])

    def keep_prepared(self, stamp: str, months: Sequence[int], rows: Iterable[StateRow]) -> None:
        """Keep the state a step would leave (`rows`, the peaks' `months`) beside the current
        one, stamped; the previous generation's rows (left there by a promotion) go first."""
        for table in STATE_TABLES:
            self.db.execute(named(self.db, f"DELETE FROM {PREPARED[table]}"))
        self.db.execute("DELETE FROM layer_prepared_touched")
        rows = list(rows)
        week = week_of(json.loads(stamp)[1])  # the target's (`stamp`)
        _put(self.db, PREPARED, rows, week, replace=False, months=months)
        self._week_is(other(current(self.db)), week)
        strength_blob.write(self.db, S_PREPARED, [(row[0], row[7]) for row in rows], clear=True)
        kept = json.dumps({"stamp": stamp, "months": list(months)})
        self.db.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (PREPARED_KEY, kept)
        )

    def prepared_months(self, stamp: str) -> list[int] | None:
        """The prepared state's month ring when it was kept with this `stamp` and nothing it
        was computed from changed since; None otherwise. A journaled run (store/journal.py)
        takes it too: `promote` writes meta rows only (migration 0047), which its temporary
        triggers note like any other row, where it once renamed the tables they are on."""
        kept = self._meta(PREPARED_KEY)
        if kept is None:
            return None
        found = json.loads(kept)
        return list(found["months"]) if found["stamp"] == stamp else None

    def touched(self) -> list[int]:
        """The people whose tie rows changed since the step was prepared (migration 0036)."""
        found = self.db.execute("SELECT person_id FROM layer_prepared_touched ORDER BY person_id")
        return [int(person) for (person,) in found]

    def contacts_among(self, ids: Sequence[int]) -> list[int]:
        """Which of these people are contacts the layers rank (not archived), ascending."""
        found = self.db.execute(
            "SELECT id FROM person WHERE kind = 'contact' AND archived = 0 "
            "AND id IN (SELECT value FROM json_each(?)) ORDER BY id",
            (json.dumps(list(ids)),),
        )
        return [int(person) for (person,) in found]

    def keep_ranking(self, stamp: str, columns: dict[str, np.ndarray]) -> None:
        """The prepared instant's ranking (layer_prepared_rank), each column's bytes; no one is
        touched since."""
        self.db.execute("DELETE FROM layer_prepared_rank")
        self.db.executemany(
            "INSERT INTO layer_prepared_rank (name, stamp, data) VALUES (?, ?, ?)",
            [(name, stamp, column.tobytes()) for name, column in columns.items()],
        )
        self.forget_touched()

    def forget_touched(self) -> None:
        self.db.execute("DELETE FROM layer_prepared_touched")

    def ranking(self, stamp: str, kinds: dict[str, type]) -> dict[str, np.ndarray] | None:
        """The ranking kept with `stamp`, each column as an array of its kind; None when it was
        kept with another (or none is)."""
        import numpy as np

        found = self.db.execute(
            "SELECT name, data FROM layer_prepared_rank WHERE stamp = ?", (stamp,)
        ).fetchall()
        columns: dict[str, np.ndarray] = {
            str(name): np.frombuffer(data, kinds[name]).copy() for name, data in found
        }
        return columns if set(columns) == set(kinds) else None

    def patch_prepared(self, rows: Sequence[StateRow], gone: Sequence[int]) -> None:
        """Rows of the prepared state written again (a patch, services/ties/layer_patch.py),
        the rest's max of the peaks' blocks written made again for its ring (peaks.py)."""
        kept = self._meta(PREPARED_KEY)
        months = json.loads(kept)["months"] if kept is not None else ()
        _delete(self.db, PREPARED, gone, months=months)
        week = self.week(other(current(self.db)))
        _put(self.db, PREPARED, rows, week, replace=True, months=months)
        strength_blob.write(self.db, S_PREPARED, [(row[0], row[7]) for row in rows], gone=gone)

    def promote(self, instant: str, months: Sequence[int]) -> None:
        """Make the prepared state the current one as of `instant`: the set of tables that
        holds it becomes the current one (meta 'layers.current', migration 0047), and the
        current rows the next preparation's scratch, emptied by it. No schema change: one meta
        row, in the caller's transaction (three pairs of renames cost ~50 ms CPU on profile L).
        Its meta rows are upserts: a journaled run (store/journal.py) notes an UPDATE, and
        takes it back, where it sees only the INSERT of an INSERT OR REPLACE (SQLite fires no
        delete trigger for the row that REPLACE removes), and taking it back lost the row."""
        self.db.execute(SET_META_SQL, (CURRENT_KEY, other(current(self.db))))
        self.db.execute(SET_META_SQL, (MONTHS_KEY, " ".join(str(month) for month in months)))
        self._instant_is(instant)
        self.db.execute("DELETE FROM meta WHERE key IN (?, ?)", (STALE_KEY, PREPARED_KEY))

    def _write(
        self,
        whole: Iterable[StateRow],
        strengths: Iterable[tuple[float, int]],
        gone: Sequence[int],
        week: int,
        with_peaks: bool = True,
        months: Sequence[int] = (),
    ) -> None:
        rows = list(whole)
        _delete(self.db, CURRENT, gone, with_peaks, months)
        _put(self.db, CURRENT, rows, week, replace=True, with_peaks=with_peaks, months=months)
        put = [(row[0], row[7]) for row in rows]
        strength_blob.write(self.db, S_CURRENT, put, strengths, gone)


SAME_LAYER_SQL = (
    "UPDATE layer_state SET above_since = ?, below_since = ?, bound = ?, s_max = ? "
    "WHERE person_id = ?"
)
CURRENT = {table: table for table in STATE_TABLES}
S_CURRENT, S_PREPARED = strength_blob.CURRENT, strength_blob.PREPARED


def _put(
    db: sqlite3.Connection,
    names: dict[str, str],
    rows: Sequence[StateRow],
    week: int,
    replace: bool,
    with_peaks: bool = True,
    months: Sequence[int] = (),
) -> None:
    """Write `rows` into a state's tables of rows (`names`: the current or the prepared ones),
    their counters kept as of `week` (`streak`), not S (the caller writes its blob:
    strength_blob.write); `replace`: over rows that may be there (a row's peaks gone to all 0
    go too), else into empty tables; without `with_peaks`, not the peaks (the caller writes
    them); the blocks of peaks written keep their rest's max for the ring `months` if given
    (store/week/peaks.py)."""
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    which = current(db)
    db.executemany(
        on(
            f"{verb} INTO {names['layer_state']} ({NARROW_COLUMNS}) VALUES ({placeholders(6)})",
            which,
        ),
        (
            (row[0], row[1], streak(row[2], week), streak(row[3], week), row[4], row[5])
            for row in rows
        ),
    )
    if with_peaks:
        written = [(row[0], row[6]) for row in rows]
        peaks.put(db, names["layer_peaks"], written, not replace, months)


def _delete(
    db: sqlite3.Connection,
    names: dict[str, str],
    gone: Sequence[int],
    with_peaks: bool = True,
    months: Sequence[int] = (),
) -> None:
    """Delete the rows of `gone` from a state's layer rows and, with `with_peaks`, its peaks
    (not S: strength_blob.write; the peaks' ring `months`: as `_put`)."""
    db.executemany(
        named(db, f"DELETE FROM {names['layer_state']} WHERE person_id = ?"), [(g,) for g in gone]
    )
    if with_peaks:
        peaks.put(db, names["layer_peaks"], [(g, None) for g in gone], months=months)


def _changes(
    rows: Iterator[StateRow] | Sequence[StateRow],
    stored: Sequence[StateRow],
    weeks: tuple[int, int],
) -> tuple[list[StateRow], list[tuple[float, int]], list[int]]:
    """What differs from the `stored` rows (their counters as of the first of `weeks`, the
    rows' as of the second): rows to write whole (the layer, the counters as kept (`streak`)
    or the peaks moved), (S, person) of rows whose S alone did, and the people whose rows go."""
    before = {row[0]: _kept_as(row, weeks[0]) for row in stored}
    whole: list[StateRow] = []
    strength: list[tuple[float, int]] = []
    for row in rows:
        old = before.pop(row[0], None)
        if old is None or old[:7] != _kept_as(row, weeks[1])[:7]:
            whole.append(row)
        elif old[7] != row[7]:
            strength.append((row[7], row[0]))
    return whole, strength, list(before)


def _kept_as(row: StateRow, week: int) -> StateRow:
    """A row with its counters as kept as of `week` (`streak`)."""
    return (row[0], row[1], streak(row[2], week), streak(row[3], week), *row[4:])


def week_of(instant: str) -> int:
    """The week of a Monday instant (UTC text) the counters are kept as of: weeks from Monday
    0001-01-01 (week 1) to its Monday (a local midnight is within ±14 hours of UTC's)."""
    moment = datetime.fromisoformat(instant)
    seconds = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()
    return round((seconds / 86_400 + ORDINAL_EPOCH) / 7) + 1


def streak(value: int, week: int) -> int:
    """A counter as the week its streak began as of `week`, or such a week as the counter: the
    same map both ways (0 stays 0: no streak)."""
    return 0 if value == 0 else week - value + 1


def streaks(values: Ints, week: int) -> Ints:
    """`streak` of each."""
    import numpy as np

    return np.where(values == 0, 0, week + 1 - values)


def _layers(joined: bytes | None, n: int, lowest: int = 1) -> Ints | None:
    """n layers (L1 … L7; from L0 with `lowest` 0) end to end as their numbers; None unless
    each is one of those."""
    import numpy as np

    if not n:
        return np.zeros(0, np.int64)
    if joined is None or len(joined) != 2 * n:
        return None
    pairs = np.frombuffer(joined, np.uint8).reshape(n, 2)
    number = pairs[:, 1].astype(np.int64) - ord("0")
    if (pairs[:, 0] != ord("L")).any() or ((number < lowest) | (number > 7)).any():
        return None
    return number


def _days_kept(joined: bytes | None, n: int) -> tuple[Ints | None, bytes | None]:
    """Each of n tie rows' days (joined by '|') measured in bytes, and the last ten bytes of
    each end to end; (None, None) unless there are n of at least ten bytes."""
    import numpy as np

    if not n:
        return np.zeros(0, np.int64), b""
    text = np.frombuffer((joined or b"") + b"|", np.uint8)
    ends = np.flatnonzero(text == ord("|"))
    if len(ends) != n:
        return None, None
    lengths = np.diff(ends, prepend=-1) - 1
    if (lengths < 10).any():
        return None, None
    return lengths.astype(np.int64), text[(ends[:, None] + np.arange(-10, 0)).ravel()].tobytes()


def _channels_used(found: tuple[str | None, ...], bounds: Sequence[float]) -> Ints:
    """How many channels each person used since each bound (a row each: the person, then a
    count per bound), from what channel_uses_sql found: the ids of the channels used since the
    first bound and, with more bounds, their times (epoch seconds)."""
    import numpy as np

    ids = id_list(found[0])
    if not len(ids):
        return np.zeros((0, len(bounds) + 1), np.int64)
    if ids.min() >= 0 and ids.max() < 4 * (len(ids) + 1024):  # ids not spread far apart
        return _channels_counted(ids, found, bounds)
    return _channels_sorted(ids, found, bounds)


def _channels_sorted(ids: Ints, found: tuple[str | None, ...], bounds: Sequence[float]) -> Ints:
    """`_channels_used` by a sort of the ids."""
    import numpy as np

    order = np.argsort(ids, kind="stable")  # a person's channels together, whatever the scan
    ids = ids[order]
    starts = np.flatnonzero(np.concatenate([[True], ids[1:] != ids[:-1]]))
    counts = [np.diff(np.append(starts, len(ids)))]  # all of them are since the first bound
    if len(bounds) > 1:
        times = id_list(found[1])[order]
        counts += [np.add.reduceat(times >= bound, starts, dtype=np.int64) for bound in bounds[1:]]
    return np.stack([ids[starts], *counts], axis=1)


def _channels_counted(ids: Ints, found: tuple[str | None, ...], bounds: Sequence[float]) -> Ints:
    """`_channels_used` counted by id (a bincount over the ids' range) rather than sorted: the
    same rows, ids ascending (tests/test_channels_counted.py holds it to the sort)."""
    import numpy as np

    counts = np.bincount(ids)
    present = np.flatnonzero(counts)
    columns = [present, counts[present]]
    if len(bounds) > 1:
        times = id_list(found[1])
        for bound in bounds[1:]:  # counts below 2⁵³: exact as float64
            columns.append(np.bincount(ids, times >= bound)[present].astype(np.int64))
    return np.asarray(np.stack(columns, axis=1), np.int64)


def _channel_times(ids: Ints, used: Ints, bounds: Sequence[float]) -> Floats:
    """`channel_last` (see `sums`) from each person's row of counts of channels used since each
    bound: channel c of a person holds the latest bound whose count exceeds c."""
    import numpy as np

    times = np.full((len(CHANNELS), len(ids)), -np.inf)
    k, known = positions(ids, used[:, 0])
    counts = used[known, 1:]
    for window, bound in enumerate(bounds):  # later windows overwrite: the latest one counts
        for channel in range(int(counts[:, window].max(initial=0))):
            times[channel, k[counts[:, window] > channel]] = bound
    return times


def id_list(text: str | None) -> Ints:
    """Integers as group_concat joins them (NULL when there are none), as an array: numpy
    parses the text in one call."""
    import numpy as np

    if not text:
        return np.zeros(0, np.int64)
    return np.asarray(np.fromstring(text, dtype=np.int64, sep=","), np.int64)


def _both_ways(codes: Ints) -> Ints:
    """Pairs coded a · 2³² + b (ids below 2³¹), with each one's reverse, sorted and distinct."""
    import numpy as np

    both = np.sort(np.concatenate([codes, (codes & 0xFFFFFFFF) << 32 | codes >> 32]))
    return both[np.concatenate([[True], both[1:] != both[:-1]])] if len(both) else both


def positions(ids: Ints, wanted: np.ndarray) -> tuple[Ints, np.ndarray]:
    """Where each wanted id sits in the sorted `ids`, for those present, and which are."""
    looked_up = _looked_up(ids, wanted)
    return _searched(ids, wanted) if looked_up is None else looked_up


def _looked_up(ids: Ints, wanted: np.ndarray) -> tuple[Ints, np.ndarray] | None:
    """`positions` from a table of every id's place over the ids' range (no binary search for
    each: 30,000 on profile L, 8 times in a step), when at least a sixteenth as many are
    wanted, the ids are distinct, ascending and not spread far apart, and the wanted are whole
    numbers; else None (tests/test_positions.py holds it to `_searched`)."""
    import numpy as np

    n = len(ids)
    if not n or 16 * len(wanted) < n or ids.dtype != np.int64 or wanted.dtype.kind not in "if":
        return None  # (few wanted: a search each costs less than the table)
    low, high = int(ids[0]), int(ids[-1])
    if high - low >= 4 * (n + 1024) or not (ids[1:] > ids[:-1]).all():
        return None
    if wanted.dtype.kind == "f":  # ids as float64 (a matrix's column): exact below 2⁵³
        if max(-low, high) >= 1 << 53 or not (np.abs(wanted) < 1 << 53).all():
            return None  # (or nan)
        whole = wanted.astype(np.int64)
        if not (whole == wanted).all():
            return None  # (a fraction)
    else:
        whole = wanted.astype(np.int64, copy=False)
    table = np.full(high - low + 1, -1, np.int64)
    table[ids - low] = np.arange(n)
    inside = (whole >= low) & (whole <= high)
    at = table[np.where(inside, whole - low, 0)]
    known = inside & (at >= 0)
    return at[known], known


def _searched(ids: Ints, wanted: np.ndarray) -> tuple[Ints, np.ndarray]:
    """`positions` by a binary search for each wanted id."""
    import numpy as np

    at = np.searchsorted(ids, wanted)
    if not len(ids):  # none present
        return at[:0], np.zeros(len(at), bool)
    known = (at < len(ids)) & (ids[np.minimum(at, len(ids) - 1)] == wanted)
    return at[known], known


def _days(days: Sequence[str | None]) -> Floats:
    """Each YYYY-MM-DD date (what `_midnight` reads of it) as its proleptic ordinal, nan for
    none; worked out once per distinct day. A value that is no date raises, as `_midnight`."""
    import numpy as np

    found = {day: _ordinal(day) for day in set(days)}
    return np.fromiter(map(found.__getitem__, days), np.float64, len(days))


def _ordinal(day: str | None) -> float:
    return float(date.fromisoformat(day[:10]).toordinal()) if day else float("nan")


def _day_midnights(days: Floats, zone: tzinfo) -> Floats:
    """`_midnight` of each day given as its ordinal (`_days`), nan for none: worked out once
    per distinct day."""
    import numpy as np

    shift = _fixed_seconds(zone)
    if shift is not None:  # one midnight after another, 86,400 s apart: exact in float64
        return np.asarray((days - (ORDINAL_EPOCH + 1)) * 86_400.0 - shift, np.float64)
    return _each_midnight(days, zone)


def _each_midnight(days: Floats, zone: tzinfo) -> Floats:
    """`_day_midnights` in any zone: `_at_midnight` of each distinct day (tests/
    test_day_midnights.py holds the fixed offsets' arithmetic to it)."""
    import numpy as np

    distinct, at = np.unique(days, return_inverse=True)  # the nans as one
    found = [
        float("nan") if math.isnan(day) else _at_midnight(date.fromordinal(int(day)), zone)
        for day in distinct.tolist()
    ]
    return np.array(found, np.float64)[np.asarray(at, np.int64).reshape(-1)]


def _fixed_seconds(zone: tzinfo) -> int | None:
    """The zone's offset in whole seconds when it never changes (a `datetime.timezone`, the
    system's own zone read without a name), else None."""
    if not isinstance(zone, timezone):
        return None
    offset = zone.utcoffset(None)
    return None if offset.microseconds else offset.days * 86_400 + offset.seconds


def _midnights(days: Sequence[str | None], zone: tzinfo) -> Floats:
    """`_midnight` of each, worked out once per distinct day (30,000 contacts share 1,770 on
    profile L), then looked up for each without a Python loop."""
    import numpy as np

    found = {day: _midnight(day, zone) for day in set(days)}
    return np.fromiter(map(found.__getitem__, days), np.float64, len(days))


def _midnight(day: str | None, zone: tzinfo) -> float:
    """A YYYY-MM-DD date as the epoch seconds of its midnight in `zone`; nan for none."""
    if not day:
        return float("nan")
    return _at_midnight(date.fromisoformat(day[:10]), zone)


def _at_midnight(day: date, zone: tzinfo) -> float:
    return datetime.combine(day, time(), tzinfo=zone).timestamp()


def weights(channel: Ints, others: Ints) -> Floats:
    """w_c per row, from a table of (channel, head count) computed by channel_weight."""
    import numpy as np

    top = int(others.max()) if len(others) else 1
    table = np.array(
        [[channel_weight(name, count) for count in range(top + 1)] for name in CHANNELS]
    )
    return np.asarray(table[channel, others], dtype=np.float64)


def _among(sql: str, column: str) -> str:
    """`sql` kept to the rows whose `column` is in a JSON array of ids (the one parameter)."""
    return _where(sql, f"{column} IN (SELECT value FROM json_each(?))")


def _ranged(sql: str, column: str) -> str:
    """`sql` kept to the rows whose `column` is between its two parameters."""
    return _where(sql, f"{column} BETWEEN ? AND ?")


def _unranged(sql: str, column: str) -> str:
    return sql


def _where(sql: str, condition: str) -> str:
    head, order, tail = sql.partition(" ORDER BY")
    joiner = " AND " if " WHERE " in head else " WHERE "
    return f"{head}{joiner}{condition}{order}{tail}"
