"""The next Monday's layers are worked out ahead at the end of an import (issue 15): kept beside
the current ones with a stamp of what they were computed from, and promoted by the first
command of that week when nothing the step reads changed meanwhile; otherwise that command steps
as before. Over seeded simulated weeks — logs (some backdated), imports, ratings, links said and
denied, merges and deletes, interleaved with preparations at random points — the layers and the
week a prepared database is left with are, row for row, those of a database that never
promoted one."""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path

import pytest
from click.testing import CliRunner

from kith.cli.main import cli
from kith.clock import from_utc_text, to_utc_text
from kith.model import PersonDraft
from kith.relate.layers import mondays_between
from kith.services.interactions import LogEntry, log_interaction
from kith.services.merging import merge_people
from kith.services.mesh.knows import set_knows
from kith.services.people import add_person, forget
from kith.services.ties import layer_patch, layers
from kith.services.ties.why import rate
from kith.services.week import outreach, plan
from kith.store import Store, journal, migrations, open_store
from kith.store.connection import APPLICATION_ID, _open_read_only
from kith.store.week import generation, strength_blob
from kith.store.week.ahead import PREPARED_KEY
from kith.store.week.generation import named
from tests.conftest import NOW, Kith
from tests.migration_support import STAMP, one_contact_at
from tests.test_week_fast_path import two_demos

BUILT_AT = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)  # the demo's clock (two_demos)
WEEKS = 14
WRITES = ("log", "log", "log", "backdated", "rate", "link", "merge", "forget", "import")
NEXT_WEEK = NOW + timedelta(days=7)  # the Sunday after: the layers step one Monday


def rows_hash(store: Store) -> str:
    """The stored state's rows, the instant and the peaks' months, hashed."""
    digest = hashlib.sha256()
    for row in store.layers.state():
        digest.update(repr(tuple(row)).encode())
    digest.update(repr((store.layers.instant(), store.layers.months())).encode())
    return digest.hexdigest()


def prepared(store: Store) -> bool:
    found = store.connection.execute("SELECT 1 FROM meta WHERE key = ?", (PREPARED_KEY,))
    return found.fetchone() is not None


def prepare(store: Store, now: datetime) -> None:
    """What the end of an import does for the next Monday (without its other work)."""
    with store.deriving():
        layers.prepare(store, now)


def contacts(store: Store) -> list[int]:
    found = store.connection.execute(
        "SELECT id FROM person WHERE kind = 'contact' AND archived = 0 ORDER BY id"
    )
    return [pid for (pid,) in found]


def imported(path: Path, card: Path, when: datetime) -> None:
    """`kith import` of one vCard (which prepares the next Monday at its end)."""
    result = CliRunner().invoke(
        cli, ["--db", str(path), "--now", when.isoformat(), "import", str(card)]
    )
    assert result.exit_code == 0, result.output


def one_write(stores: list[Store], paths: list[Path], when: datetime, rng: random.Random) -> None:
    """The same write, chosen by `rng`, on each store."""
    ids = contacts(stores[0])
    kind = rng.choice(WRITES)
    a, b = rng.sample(ids, 2)
    channel = rng.choice(["call", "email", "message"])
    level = rng.choice(["knows", "well", "not"])
    for store, path in zip(stores, paths, strict=True):
        if kind == "log":
            log_interaction(store, [a], LogEntry("met", channel=channel), when)
        elif kind == "backdated":  # a change to the past: the layers go stale, then replay
            log_interaction(store, [a], LogEntry("met", when="2026-09-14"), when)
        elif kind == "rate":
            rate(store, a, 5, when)
        elif kind == "link":
            set_knows(store, a, b, level, when)
        elif kind == "merge":
            merge_people(store, a, b, when)
        elif kind == "forget":
            forget(store, b)
        else:
            card = path.with_name(f"{path.stem}-{when:%Y%m%d%H}.vcf")
            card.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Wren {when:%j%H}\r\nEND:VCARD\r\n")
            imported(path, card, when)


def test_a_promoted_week_leaves_the_layers_and_picks_of_the_step_over_seeded_weeks(
    tmp_path: Path,
) -> None:
    fast_path, step_path = tmp_path / "prepared.db", tmp_path / "stepped.db"
    fast, step = two_demos(fast_path, step_path)
    rng = random.Random(15)
    promoted = stepped = 0
    try:
        for week in range(1, WEEKS + 1):
            monday = BUILT_AT.replace(hour=9) + timedelta(days=1, weeks=week - 1)
            for store in (fast, step):  # the week made and acted on first
                picks = plan.this_week(store, monday).open_picks()
                if picks:
                    outreach.done(store, picks[0].person.id, monday + timedelta(hours=1))
            prepare_after = rng.choice([0, 1, 2, 3, 3])  # writes before it; 3: none after
            for n in range(3):
                if n == prepare_after:
                    prepare(fast, monday + timedelta(days=n + 1))
                when, draw = monday + timedelta(days=n + 1), random.Random(rng.random())
                one_write([fast, step], [fast_path, step_path], when, draw)
                with step.transaction():  # the other never keeps a preparation
                    step.connection.execute("DELETE FROM meta WHERE key = ?", (PREPARED_KEY,))
            if prepare_after == 3:
                prepare(fast, monday + timedelta(days=5))
            next_monday = monday + timedelta(days=7)
            was_prepared = prepared(fast)
            made, expected = plan.this_week(fast, next_monday), plan.this_week(step, next_monday)
            promoted += was_prepared
            stepped += not was_prepared
            assert not prepared(fast)  # promoted, or never there
            assert rows_hash(fast) == rows_hash(step), week
            assert [(p.person.id, p.stored.reason) for p in made.picks] == [
                (p.person.id, p.stored.reason) for p in expected.picks
            ], week
            assert made.picks != []
        assert promoted >= 3
        assert stepped >= 3
    finally:
        fast.close()
        step.close()


def import_one_card(demo: Kith, folder: Path) -> None:
    """`kith import` of one new contact at the demo's clock (which prepares the next Monday)."""
    card = folder / "one.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Wendy Week\r\nEND:VCARD\r\n")
    assert demo("import", str(card)).exit_code == 0


def stepped_hash(db_path: Path, tmp_path: Path) -> str:
    """The state's row hash of a copy of `db_path` stepped to NEXT_WEEK as if nothing had been
    prepared (its stamp deleted first): what the week's first command must leave."""
    stepped = tmp_path / "stepped.db"
    shutil.copy(db_path, stepped)
    with closing(open_store(stepped)) as store:
        with store.transaction():
            store.connection.execute("DELETE FROM meta WHERE key = ?", (PREPARED_KEY,))
        assert layers.keep_current(store, NEXT_WEEK).how == "advanced"
        return rows_hash(store)


SCHEMA_SQL = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"


def first_today_next_week(db_path: Path) -> None:
    next_week = ["--db", str(db_path), "--now", NEXT_WEEK.isoformat(), "today"]
    assert CliRunner().invoke(cli, next_week).exit_code == 0


def test_the_first_today_of_the_week_after_an_import_promotes_what_the_import_prepared(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    import_one_card(demo, tmp_path)
    with closing(open_store(db_path)) as store:
        assert prepared(store)
        schema = store.connection.execute(SCHEMA_SQL).fetchall()
    expected = stepped_hash(db_path, tmp_path)
    first_today_next_week(db_path)
    with closing(open_store(db_path)) as store:
        assert not prepared(store)
        assert rows_hash(store) == expected
        # the prepared set of tables is the current one now, and nothing in the schema moved
        assert generation.current(store.connection) == "b"
        assert store.connection.execute(SCHEMA_SQL).fetchall() == schema
    listed = CliRunner().invoke(cli, ["--db", str(db_path), "list", "--sort", "strength"])
    assert listed.exit_code == 0, listed.output


def test_a_read_only_database_steps_the_week_in_its_copies_and_leaves_the_preparation(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    import_one_card(demo, tmp_path)
    store = open_store(db_path)
    store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    writable = tmp_path / "writable.db"
    shutil.copy(db_path, writable)
    before = db_path.read_bytes()
    reader = _open_read_only(db_path, str(db_path.resolve()) + "#read-only")
    try:
        assert reader.read_only
        week = plan.this_week(reader, NEXT_WEEK)
        read_state = rows_hash(reader)
    finally:
        reader.close()
    with closing(open_store(writable)) as store:
        expected = plan.this_week(store, NEXT_WEEK)
        assert rows_hash(store) == read_state
        assert [p.person.id for p in week.picks] == [p.person.id for p in expected.picks]
    assert db_path.read_bytes() == before


def test_migration_33_from_32_keeps_the_state_and_a_stamp_goes_with_a_change_to_a_tie_row(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kith.db"
    connection = one_contact_at(path, 32, "P1")
    connection.execute(
        "INSERT INTO layer_state (person_id, layer, above, below, bound, s_max, peaks, strength) "
        "VALUES (1, 'L5', 2, 0, NULL, 0.25, NULL, 0.125)"
    )
    migrations.migrate(connection, path, APPLICATION_ID, upto=33)
    assert connection.execute("SELECT * FROM layer_state").fetchall() == [
        (1, "L5", 2, 0, None, 0.25, None, 0.125)
    ]
    assert connection.execute("SELECT count(*) FROM layer_prepared").fetchone() == (0,)
    connection.execute("INSERT INTO meta (key, value) VALUES (?, '{}')", (PREPARED_KEY,))
    connection.execute("UPDATE person SET display_name = 'P one' WHERE id = 1")  # not an input
    assert stamped(connection) == 1
    connection.execute(
        "INSERT INTO tie (person_id, first_at, volume, volume_as_of, kin_volume, "
        "kin_volume_as_of, warmth, warmth_as_of, sent, sent_as_of, received, received_as_of, "
        "days) VALUES (1, ?1, 1.0, ?1, 1.0, ?1, 1.0, ?1, 1.0, ?1, 0.0, ?1, '2026-11-21')",
        (STAMP,),
    )
    assert stamped(connection) == 0
    connection.close()


def stamped(connection: sqlite3.Connection) -> int:
    found = connection.execute("SELECT count(*) FROM meta WHERE key = ?", (PREPARED_KEY,))
    return int(found.fetchone()[0])


def test_a_journaled_run_promotes_the_prepared_week_exactly_and_taking_it_back_restores_all(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    import_one_card(demo, tmp_path)
    expected = stepped_hash(db_path, tmp_path)
    with closing(open_store(db_path)) as store:
        assert prepared(store)
        before = layer_rows(store)
        with store.deriving():
            journal.start(store.connection, 1)
            assert layers.advance(store, NEXT_WEEK).how == "advanced"
            journal.stop(store.connection)
        # promoted, not stepped: the prepared set is the current one, as a step would leave it
        assert not prepared(store)
        assert generation.current(store.connection) == "b"
        assert rows_hash(store) == expected
        with store.deriving():  # the run fails: everything it wrote is taken back
            assert journal.roll_back(store.connection, 1) > 0
        assert generation.current(store.connection) == "a"
        assert prepared(store)
        assert layer_rows(store) == before


def layer_rows(store: Store) -> list[tuple[object, ...]]:
    """Every row of both sets of layer tables and the meta, in order."""
    rows: list[tuple[object, ...]] = []
    for which in generation.SETS:
        for table in ("meta", *generation.tables(which)):
            found = store.connection.execute(f"SELECT * FROM {table} ORDER BY 1, 2")
            rows += [(table, *row) for row in found]
    return rows


def test_preparing_again_with_nothing_changed_writes_nothing(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    import_one_card(demo, tmp_path)
    with closing(open_store(db_path)) as store:
        assert prepared(store)
        before = store.connection.total_changes
        with store.deriving():
            assert layers.prepare(store, NOW)
        assert store.connection.total_changes == before
        assert prepared(store)


# what a log is to (a backdated one voids the step: the layers replay; a new person is ranked in)
LOGS = ("head",) * 4 + ("outer",) * 4 + ("any",) * 3 + ("burst",) * 3 + ("pair", "backdated", "new")


def ranked(store: Store) -> list[int]:
    """The contacts in the state by S, strongest first."""
    ids, strength = strength_blob.read(store.connection)
    live = {
        pid
        for (pid,) in store.connection.execute(
            "SELECT id FROM person WHERE kind = 'contact' AND archived = 0"
        )
    }
    held = zip(ids, strength, strict=True)
    return [pid for _, pid in sorted((-s, pid) for pid, s in held if pid in live)]


def logs_since(stores: list[Store], when: datetime, day_one: datetime, rng: random.Random) -> None:
    """The same log, chosen by `rng`, on each store: to someone at the head of the ranking or
    far out in L7, a few days running to one person (days that qualify them for an inner
    layer), two people at once, a backdated one (the past changed), or to someone new.
    `day_one`: the first day after the layers' instant."""
    order = ranked(stores[0])
    kind = rng.choice(LOGS)
    head, outer = order[: max(1, len(order) // 10)], order[len(order) // 2 :]
    a = rng.choice(head if kind == "head" else outer if kind in ("outer", "burst") else order)
    b = rng.choice(order)
    channel = rng.choice(["call", "email", "message", "in_person"])
    for store in stores:
        if kind == "burst":  # on three days of this week, after the layers' instant
            for day in (1, 2, 3):
                at = day_one.replace(hour=8) + timedelta(days=day - 1)
                log_interaction(store, [a], LogEntry("walk", channel=channel), at)
        elif kind == "pair":
            log_interaction(store, [a, b], LogEntry("dinner", channel=channel), when)
        elif kind == "backdated":
            log_interaction(store, [a], LogEntry("met", when="2026-09-14"), when)
        elif kind == "new":
            person = add_person(store, PersonDraft(f"Newcomer {when:%j%H%M}"), when)
            log_interaction(store, [person.id], LogEntry("hello", channel=channel), when)
        else:
            log_interaction(store, [a], LogEntry("met", channel=channel), when)


def still_prepared(store: Store, now: datetime) -> bool:
    """The step to the Monday before `now` is kept, its stamp unchanged, the layers not stale
    (a backdated log makes them stale: they replay, and the step goes)."""
    instant = store.layers.instant()
    assert instant is not None
    target = mondays_between(from_utc_text(instant), now, UTC)[0]
    stamp = store.layers.stamp(instant, to_utc_text(target), "UTC")
    return store.layers.prepared_months(stamp) is not None and not store.layers.stale()


def unpatched_hash(fast: Store, folder: Path, next_monday: datetime) -> str:
    """The state a promotion would leave if the patch were skipped (a copy of `fast` whose
    touched people are forgotten)."""
    copy = folder / "unpatched.db"
    copy.unlink(missing_ok=True)
    target = sqlite3.connect(copy)
    fast.connection.backup(target)
    target.close()
    with closing(open_store(copy)) as store:
        with store.transaction():
            store.connection.execute("DELETE FROM layer_prepared_touched")
        layers.keep_current(store, next_monday)
        return rows_hash(store)


class PatchSpy:
    """The real layer_patch.patch, its answers at the week's first command counted, and the
    patches that moved the raw layer of someone not logged (a cap's effect)."""

    def __init__(self, real: Callable[..., bool]) -> None:
        self.real, self.patches, self.pushed = real, list[bool](), 0

    def patch(self, store: Store, stamp: str, target: datetime, zone: tzinfo, keep: bool) -> bool:
        touched = store.layers.touched()
        before = store.layers.ranking(stamp, layer_patch.RANKING)
        done = self.real(store, stamp, target, zone, keep=True)  # (kept, to compare)
        assert done
        if not keep:  # the week's first command's (not an import's end)
            self.patches.append(done)
        after = store.layers.ranking(stamp, layer_patch.RANKING)
        assert before is not None
        assert after is not None
        was = dict(zip(before["ids"].tolist(), before["raw"].tolist(), strict=True))
        now = zip(after["ids"].tolist(), after["raw"].tolist(), strict=True)
        moved = {person for person, raw in now if person in was and was[person] != raw}
        self.pushed += bool(moved - set(touched))
        return done


def test_logs_after_the_preparation_keep_it_and_the_week_is_the_step_s_over_seeded_weeks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = PatchSpy(layer_patch.patch)
    monkeypatch.setattr(layer_patch, "patch", spy.patch)  # the real patch, its answers counted
    fast_path, step_path = tmp_path / "prepared.db", tmp_path / "stepped.db"
    fast, step = two_demos(fast_path, step_path)
    rng = random.Random(1515)
    patched = stepped = differs = 0
    try:
        for week in range(1, 17):
            monday = BUILT_AT.replace(hour=9) + timedelta(days=1, weeks=week - 1)
            for store in (fast, step):
                picks = plan.this_week(store, monday).open_picks()
                if picks:
                    outreach.done(store, picks[0].person.id, monday + timedelta(hours=1))
            prepare(fast, monday + timedelta(hours=2))
            for n in range(rng.randint(1, 6)):
                when = monday + timedelta(days=1 + n % 5, hours=n)
                day_one = monday + timedelta(days=1)
                logs_since([fast, step], when, day_one, random.Random(rng.random()))
                if n == 2:  # an import's end meanwhile: the step patched and kept for more logs
                    prepare(fast, when)
                with step.transaction():
                    step.connection.execute("DELETE FROM meta WHERE key = ?", (PREPARED_KEY,))
            next_monday = monday + timedelta(days=7)
            kept = still_prepared(fast, next_monday) and bool(fast.layers.touched())
            if kept:
                differs += unpatched_hash(fast, tmp_path, next_monday) != rows_hash_after(
                    step_path, next_monday
                )
            made, expected = plan.this_week(fast, next_monday), plan.this_week(step, next_monday)
            assert spy.patches == ([True] if kept else []), week  # patched and promoted, or stepped
            spy.patches.clear()
            patched += kept
            stepped += not kept
            assert not prepared(fast)
            assert rows_hash(fast) == rows_hash(step), week
            assert [(p.person.id, p.stored.reason) for p in made.picks] == [
                (p.person.id, p.stored.reason) for p in expected.picks
            ], week
        print(f"{patched} weeks patched ({spy.pushed} pushing others), {stepped} stepped")
        assert patched >= 8
        assert stepped >= 1  # a backdated log: the layers replay
        assert differs >= 6  # without the patch, those weeks' layers would be wrong
        assert spy.pushed >= 1
    finally:
        fast.close()
        step.close()


def rows_hash_after(path: Path, next_monday: datetime) -> str:
    """The state the step leaves at `next_monday`, worked out in a copy of the file at `path`."""
    copy = path.with_name("step-copy.db")
    copy.unlink(missing_ok=True)
    source, target = sqlite3.connect(path), sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    with closing(open_store(copy)) as store:
        layers.keep_current(store, next_monday)
        return rows_hash(store)


def test_migration_36_from_35_lets_a_tie_row_name_its_person_and_a_rating_still_void_the_step(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kith.db"
    connection = one_contact_at(path, 35, "P1")
    connection.execute("INSERT INTO meta (key, value) VALUES (?, '{}')", (PREPARED_KEY,))
    migrations.migrate(connection, path, APPLICATION_ID, upto=36)
    assert stamped(connection) == 1
    connection.execute(
        "INSERT INTO tie (person_id, first_at, volume, volume_as_of, kin_volume, "
        "kin_volume_as_of, warmth, warmth_as_of, sent, sent_as_of, received, received_as_of, "
        "days) VALUES (1, ?1, 1.0, ?1, 1.0, ?1, 1.0, ?1, 1.0, ?1, 0.0, ?1, '2026-11-21')",
        (STAMP,),
    )
    for _ in range(2):  # an upsert, as a log writes it (the second time, an update)
        connection.execute(
            "INSERT INTO person_channel (person_id, channel, last_at, count) "
            "VALUES (1, 'call', ?1, 1) ON CONFLICT (person_id, channel) DO UPDATE SET count = 2",
            (STAMP,),
        )
    connection.execute("UPDATE tie SET volume = 2.0 WHERE person_id = 1")
    assert stamped(connection) == 1
    touched = connection.execute("SELECT person_id FROM layer_prepared_touched")
    assert touched.fetchall() == [(1,)]
    connection.execute("UPDATE person SET closeness = 4 WHERE id = 1")
    assert stamped(connection) == 0
    connection.close()


def test_a_cli_log_after_an_import_is_patched_into_the_step_the_first_today_promotes(
    demo: Kith, db_path: Path, tmp_path: Path
) -> None:
    import_one_card(demo, tmp_path)
    for who in ("#4", "#2", "Wendy Week"):  # (Wendy's first interaction: she enters the ranking)
        assert demo("log", who, "tea").exit_code == 0
    with closing(open_store(db_path)) as store:
        last_week = store.connection.execute(
            named(store.connection, "SELECT * FROM layer_state")
        ).fetchall()
        assert prepared(store)  # the logs kept it
        assert len(store.layers.touched()) == 3
    expected = stepped_hash(db_path, tmp_path)
    first_today_next_week(db_path)
    with closing(open_store(db_path)) as store:
        assert not prepared(store)
        assert store.layers.touched() == []
        assert rows_hash(store) == expected
        # promoted, not stepped: last week's state is the scratch table now
        scratch = store.connection.execute(
            named(store.connection, "SELECT * FROM layer_prepared")
        ).fetchall()
        assert sorted(scratch) == sorted(last_week)


def test_more_people_named_than_the_patch_takes_make_the_first_today_step_as_before(
    demo: Kith, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(layer_patch, "PATCH_LIMIT", 2)
    import_one_card(demo, tmp_path)
    for who in ("#4", "#2", "#5"):
        assert demo("log", who, "tea").exit_code == 0
    expected = stepped_hash(db_path, tmp_path)
    first_today_next_week(db_path)
    with closing(open_store(db_path)) as store:
        assert not prepared(store)  # stepped: the step's write of the state voided it
        assert rows_hash(store) == expected
        assert store.layers.touched() == [2, 4, 5]  # left for the next preparation to empty
