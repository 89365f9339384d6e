"""The weekly step reads everyone's inputs and tie rows as one row each (store/week/packed.py):
the arrays must be those read row by row, byte for byte, after any sequence of writes, and
whatever cannot pass exactly (an odd instant, a REAL out of the bands) must send the read back
to rows rather than change a value."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from kith.model import PersonDraft
from kith.services.interactions import LogEntry, delete_interaction, log_interaction
from kith.services.merging import merge_people, unmerge
from kith.services.people import PersonEdit, add_person, edit_person, forget, set_archived
from kith.services.ties import layers
from kith.services.week.outreach import set_flag
from kith.store import Store
from kith.store.week.generation import current, named
from kith.store.week.layers import (
    PEOPLE_PACKED_SQL,
    TIES_PACKED_SQL,
    LayerRepo,
    People,
    StoredState,
    _layers,
    _midnight,
    _midnights,
)
from kith.store.week.packed import banded, unbanded, utc_seconds

START = datetime(2026, 3, 2, 9, tzinfo=UTC)  # a Monday
ZONE = ZoneInfo("Europe/Berlin")
CHANNELS = ("message", "email", "in_person", "call", "social", "video")


def read_by_rows(store: Store) -> tuple[People, np.ndarray]:
    """People and tie rows read row by row (what the packed reads must equal)."""
    repo = LayerRepo(store.connection)
    repo._contacts_packed = lambda sql, given: None  # type: ignore[method-assign]
    return repo.people(ZONE, ties=False, cached=False), repo.tie_rows(packed=False)


def same_people(a: People, b: People) -> bool:
    return all(
        getattr(a, name).dtype == getattr(b, name).dtype
        and getattr(a, name).tobytes() == getattr(b, name).tobytes()
        for name in a.__dataclass_fields__
    )


def writes(store: Store, seed: int) -> None:
    """A seeded sequence of the writes that change the step's inputs: people added, rated,
    pinned, dated, renamed, archived, forgotten, merged and unmerged; interactions logged
    alone and in groups on every channel, edited away and deleted."""
    rng = random.Random(seed)
    ids = [add_person(store, PersonDraft(f"Person {seed}-{k}"), START).id for k in range(14)]
    logged = []
    for day in range(120):
        who = rng.sample(ids, rng.choice((1, 1, 1, 2, 4)))
        entry = LogEntry(f"talk {day}", channel=rng.choice(CHANNELS), direction=None)
        at = START - timedelta(days=400) + timedelta(days=day * 3, minutes=rng.randrange(900))
        logged.append(log_interaction(store, who, entry, at).id)
    for person in ids[:5]:
        fields: dict[str, object] = {"closeness": rng.randint(1, 5)}
        fields["known_since"] = f"20{rng.randint(10, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
        edit_person(store, person, PersonEdit(fields=fields), START)
    set_flag(store, ids[2], "pinned", True)
    edit_person(store, ids[5], PersonEdit(name=f"Renamed {seed}"), START)
    edit_person(store, ids[6], PersonEdit(fields={"known_since": ""}), START)
    set_archived(store, ids[7], True, START)
    delete_interaction(store, logged[3])
    delete_interaction(store, logged[40])
    forget(store, ids[8])
    merged = merge_people(store, ids[9], ids[10], START)
    merge_people(store, ids[11], ids[12], START)
    unmerge(store, merged, START)


def test_the_packed_reads_equal_the_row_reads_after_a_sequence_of_writes(store: Store) -> None:
    for seed in (1, 2):
        writes(store, seed)
        repo = LayerRepo(store.connection)
        assert repo._contacts_packed(PEOPLE_PACKED_SQL, ()) is not None  # the packed way was taken
        assert repo._tie_rows_packed(TIES_PACKED_SQL, ()) is not None
        people, ties = read_by_rows(store)
        assert len(people.ids) >= 10
        assert len(ties) >= 10
        assert same_people(repo.people(ZONE, ties=False), people)
        assert repo.tie_rows().tobytes() == ties.tobytes()
        some = people.ids[::3].tolist()
        chosen = (repr(some).replace(" ", ""),)
        assert repo.tie_rows(chosen).tobytes() == repo.tie_rows(chosen, packed=False).tobytes()
        assert same_people(
            repo.people(ZONE, only=some, ties=False),
            People(*(getattr(people, name)[::3] for name in people.__dataclass_fields__)),
        )


def test_a_tie_sum_out_of_the_bands_or_an_odd_instant_sends_the_read_to_rows(
    store: Store,
) -> None:
    writes(store, 3)
    repo = LayerRepo(store.connection)
    first = int(repo.tie_rows()[0, 0])
    store.connection.execute("UPDATE tie SET sent = ? WHERE person_id = ?", (2.0**-30, first))
    assert repo._tie_rows_packed(TIES_PACKED_SQL, ()) is None
    assert repo.tie_rows().tobytes() == read_by_rows(store)[1].tobytes()
    assert repo.tie_rows()[0, 5] == 2.0**-30
    store.connection.execute("UPDATE tie SET sent = 1.0, first_at = '2025-01-01T10:00:00.5Z'")
    assert repo._tie_rows_packed(TIES_PACKED_SQL, ()) is None
    assert repo.tie_rows().tobytes() == read_by_rows(store)[1].tobytes()
    person = int(repo.people(ZONE, ties=False).ids[0])
    store.connection.execute(
        "UPDATE person SET created_at = '2025-01-01 10:00:00' WHERE id = ?", (person,)
    )
    assert repo._contacts_packed(PEOPLE_PACKED_SQL, ()) is None
    assert same_people(repo.people(ZONE, ties=False), read_by_rows(store)[0])


def stored_by_rows(store: Store, only: list[int] | None = None) -> StoredState:
    """The stored state's arrays read row by row (what the packed read must equal)."""
    repo = LayerRepo(store.connection)
    repo._state_packed = lambda which, chosen: None  # type: ignore[method-assign]
    return repo.stored(only)


def same_state(a: StoredState, b: StoredState) -> bool:
    return all(
        getattr(a, name).dtype == getattr(b, name).dtype
        and getattr(a, name).tobytes() == getattr(b, name).tobytes()
        for name in a.__dataclass_fields__
        if name not in ("peaks", "week", "month")
    ) and (a.peaks, a.week, a.month) == (b.peaks, b.week, b.month)


def test_the_stored_state_read_packed_equals_the_rows_in_either_set_after_writes_and_steps(
    store: Store,
) -> None:
    writes(store, 4)
    for weeks in (0, 1, 5):
        layers.keep_current(store, START + timedelta(weeks=weeks))
        repo = LayerRepo(store.connection)
        which = current(store.connection)
        assert repo._state_packed(which, ()) is not None  # the packed way was taken
        found = repo.stored()
        assert len(found.ids) >= 8
        assert (found.layer > 0).all()
        assert same_state(found, stored_by_rows(store))
        some = found.ids[::2].tolist()
        assert same_state(repo.stored(some), stored_by_rows(store, some))
        assert found.ids[::2].tobytes() == repo.stored(some).ids.tobytes()
    store.connection.execute("INSERT OR REPLACE INTO meta VALUES ('layers.current', 'b')")
    store.connection.execute("DELETE FROM layer_state_b")
    assert len(LayerRepo(store.connection).stored().ids) == 0  # the other set, empty
    store.connection.execute("INSERT OR REPLACE INTO meta VALUES ('layers.current', 'a')")
    assert same_state(LayerRepo(store.connection).stored(), stored_by_rows(store))


def test_an_s_max_out_of_the_bands_sends_the_state_read_to_rows(store: Store) -> None:
    writes(store, 5)
    layers.keep_current(store, START)
    repo = LayerRepo(store.connection)
    first = int(repo.stored().ids[0])
    for odd in (2.0**-30, 0.0, 70_000.5):
        store.connection.execute(
            named(store.connection, "UPDATE layer_state SET s_max = ? WHERE person_id = ?"),
            (odd, first),
        )
        declined = repo._state_packed(current(store.connection), ()) is None
        assert declined == (odd != 0.0)  # 0 passes as 0
        found = repo.stored()
        assert same_state(found, stored_by_rows(store))
        assert found.s_max[0] == odd


def test_a_bound_that_is_no_layer_sends_the_state_read_to_rows_which_read_it_as_none(
    store: Store,
) -> None:
    writes(store, 5)
    layers.keep_current(store, START)
    repo = LayerRepo(store.connection)
    first, last = (int(person) for person in repo.stored().ids[[0, -1]])
    for odd, number in (("L6", 6), ("L0", 0), ("L8", 0), ("X", 0), ("L12", 0)):
        store.connection.execute(
            named(store.connection, "UPDATE layer_state SET bound = ? WHERE person_id = ?"),
            (odd, first),
        )
        store.connection.execute(
            named(store.connection, "UPDATE layer_state SET bound = NULL WHERE person_id = ?"),
            (last,),
        )
        declined = repo._state_packed(current(store.connection), ()) is None
        assert declined == (odd not in ("L6", "L0"))
        found = repo.stored()
        assert same_state(found, stored_by_rows(store))
        assert (found.bound[0], found.bound[-1]) == (number, 0)


def test_layers_end_to_end_pass_as_their_numbers_and_anything_else_declines() -> None:
    assert _layers(b"L1L7L3", 3).tolist() == [1, 7, 3]  # type: ignore[union-attr]
    assert _layers(None, 0).tolist() == []  # type: ignore[union-attr]
    assert _layers(b"L1L8", 2) is None
    assert _layers(b"L1L0", 2) is None
    assert _layers(b"L1X2", 2) is None
    assert _layers(b"L1L2", 3) is None
    assert _layers(None, 1) is None
    assert _layers(b"L0L7", 2, 0).tolist() == [0, 7]  # type: ignore[union-attr]  # (bounds)


def unixepoch(db: sqlite3.Connection, texts: list[str]) -> list[int | None]:
    return [db.execute("SELECT unixepoch(?)", (text,)).fetchone()[0] for text in texts]


def test_instants_and_days_are_read_as_sqlites_unixepoch_reads_them() -> None:
    db = sqlite3.connect(":memory:")
    rng = random.Random(7)
    base = datetime(1000, 1, 1, tzinfo=UTC)
    moments = [base + timedelta(seconds=rng.randrange(9_000 * 365 * 86_400)) for _ in range(3000)]
    moments += [datetime(2024, 2, 29, 23, 59, 59, tzinfo=UTC), datetime(2000, 3, 1, tzinfo=UTC)]
    moments += [datetime(1900, 2, 28, tzinfo=UTC), datetime(1969, 12, 31, 12, tzinfo=UTC)]
    instants = [moment.strftime("%Y-%m-%dT%H:%M:%SZ") for moment in moments]
    days = [text[:10] for text in instants]
    found = utc_seconds("".join(instants).encode(), len(instants), 20)
    assert found is not None
    assert found.tolist() == unixepoch(db, instants)
    found = utc_seconds("".join(days).encode(), len(days), 10)
    assert found is not None
    assert found.tolist() == unixepoch(db, days)


def test_an_instant_not_of_the_one_form_or_not_a_real_date_declines() -> None:
    good = "2025-06-30T12:00:00Z"
    odd = (
        "2025-02-29T12:00:00Z",  # not a leap year (SQLite would roll it on to March)
        "2025-06-31T12:00:00Z",
        "2025-13-01T12:00:00Z",
        "2025-00-10T12:00:00Z",
        "2025-06-30T24:00:00Z",
        "2025-06-30 12:00:00Z",
        "2025-06-30T12:00:60Z",
        "2025-06-30T12:00:00+",
        "0999-06-30T12:00:00Z",
        "2025-06-3aT12:00:00Z",
    )
    assert utc_seconds((good * 2).encode(), 2, 20) is not None
    for text in odd:
        assert utc_seconds((good + text).encode(), 2, 20) is None, text
    assert utc_seconds((good + good[:-1]).encode(), 2, 20) is None
    assert utc_seconds(b"2024-02-29", 1, 10) is not None
    assert utc_seconds(b"2023-02-29", 1, 10) is None


def test_reals_in_the_bands_pass_exactly_and_any_other_declines() -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, x REAL NOT NULL)")
    rng = random.Random(11)
    edges = [2.0**-24, 2.0**-14, 2.0**-4, 64.0, 65536.0 - 2.0**-36]
    edges += [np.nextafter(edge, np.inf) for edge in edges] + [0.0, np.nextafter(2.0**-14, 0.0)]
    edges += [np.nextafter(2.0**-4, 0.0), np.nextafter(64.0, 0.0), 0.1, 1 / 3, 1088.72]
    values = edges + [2.0 ** rng.uniform(-24, 16) for _ in range(4000)]
    db.executemany("INSERT INTO t (x) VALUES (?)", [(float(value),) for value in values])
    (text,) = db.execute(f"SELECT {banded('x')} FROM t").fetchone()
    read = unbanded(text, len(values))
    stored = np.array([x for (x,) in db.execute("SELECT x FROM t")], np.float64)
    assert read is not None
    assert read.tobytes() == stored.tobytes()
    for outside in (-1.0, 65536.0, np.nextafter(2.0**-24, 0.0), 5e-324, float("inf"), "text"):
        db.execute("UPDATE t SET x = ? WHERE k = 1", (outside,))
        (text,) = db.execute(f"SELECT {banded('x')} FROM t").fetchone()
        assert unbanded(text, len(values)) is None, outside


def test_the_days_known_since_are_each_days_midnight_as_one_at_a_time_gives_it() -> None:
    rng = random.Random(7)
    kept = [f"{rng.randint(1900, 2030)}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}"]
    kept += ["2026-03-29", "2026-10-25", "2024-02-29", "", None]  # clocks change; none
    days = [rng.choice(kept) for _ in range(3_000)] + [f"2025-01-{d:02}" for d in range(1, 32)]
    for zone in (UTC, ZONE, ZoneInfo("America/St_Johns"), ZoneInfo("Pacific/Kiritimati")):
        one_by_one = np.array([_midnight(day, zone) for day in days], np.float64)
        found = _midnights(days, zone)
        assert found.dtype == np.float64
        assert found.tobytes() == one_by_one.tobytes()
    assert _midnights([], UTC).tobytes() == b""
