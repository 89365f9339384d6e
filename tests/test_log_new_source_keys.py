"""A source new to the log is not looked up key by key: the keys a run logged from it are kept
as bits (LogApplier.may_be_known), and only those whose bit is set are looked up. An entry
logged earlier in the same run is still found, however far apart the two are."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from kith.services.importing.log import BATCH, KEY_BITS, LogApplier
from kith.services.importing.paths import import_path
from kith.store import Store, open_store
from tests.conftest import NOW

CALLS = BATCH + 500  # the second copy of each call comes batches after the first


def calls_twice(path: Path) -> Path:
    """A call log that lists each of its calls twice (two backups joined): all of them, then
    all of them again."""
    start = datetime(2024, 1, 3, 8, tzinfo=UTC)
    calls = [
        f'<call number="+4477009001{n % 20:02d}" duration="60" type="{1 + n % 2}" '
        f'date="{int((start + timedelta(minutes=7 * n)).timestamp() * 1000)}" />'
        for n in range(CALLS)
    ]
    rows = "\n".join(calls + calls)
    path.write_text(f"<?xml version='1.0' encoding='UTF-8'?>\n<calls>\n{rows}\n</calls>\n")
    return path


def logged(store: Store) -> int:
    return int(store.connection.execute("SELECT count(*) FROM interaction").fetchone()[0])


def test_a_call_listed_twice_batches_apart_is_logged_once_and_counted_known(
    tmp_path: Path,
) -> None:
    """As on main before the bits: the copy of each of the 20 calls that made its caller a
    person counts as imported (the promotion logged it), the other copies as known."""
    store = open_store(tmp_path / "kith.db")
    (report,) = import_path(
        store, calls_twice(tmp_path / "calls-1.xml"), kind="sms-backup", now=NOW
    )
    assert (report.found, report.account_of_found(), logged(store)) == (
        2 * CALLS,
        {"imported": CALLS + 20, "known": CALLS - 20, "one_way": 0, "ignored": 0, "skipped": 0},
        CALLS,
    )


def test_a_second_import_of_the_same_calls_finds_every_one_known(tmp_path: Path) -> None:
    store = open_store(tmp_path / "kith.db")
    path = calls_twice(tmp_path / "calls-1.xml")
    import_path(store, path, kind="sms-backup", now=NOW)
    (again,) = import_path(store, path, kind="sms-backup", now=NOW)
    assert (again.account_of_found(), logged(store)) == (
        {"imported": 0, "known": 2 * CALLS, "one_way": 0, "ignored": 0, "skipped": 0},
        CALLS,
    )


def test_only_keys_whose_bit_is_set_are_looked_up_in_a_source_new_to_the_log(
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path / "kith.db")
    log = LogApplier(store, "sms", 1, NOW, {}, [], "here")
    ours = [("sms", f"sms:{n:032x}") for n in range(300)]
    assert log.may_be_known(ours) == []  # nothing from "sms" in the log, nothing logged yet
    log._mark_logged(ours)
    others = [("sms", f"sms:{n:032x}") for n in range(300, 600)]
    asked = log.may_be_known(ours + others)
    chance = sum(1 for key in others if key in asked)
    assert asked[:300] == ours
    assert chance <= 3  # 300 bits of 8 Mi set: a key not logged is asked about by chance only
    assert KEY_BITS == 1 << 23
