"""The bulk path for chats writes what the long way writes, row for row.

Each chat below is generated (seeded) and imported twice into fresh databases: once as `kith
import` does (WhatsApp and Signal read in one pass, an SMS backup's conversations cut on
milliseconds, exchanges decided once per shape of parties, the idle staleness triggers lifted),
once the long way (`bulk=False`: the two-pass WhatsApp reader, every SMS through chat.Threads,
every exchange decided afresh, the triggers kept). Then every table an import writes is hashed,
row by row, and the hashes must be equal; so must the reports. A second import of the same file
must be a no-op on both.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kith.records import Conversations, ExchangeRecord, Record
from kith.services.importing.paths import import_path
from kith.services.imports import ImportReport, import_records
from kith.sources import messenger, registry, sms_backup, telegram, whatsapp
from kith.store import Store, open_store
from tests.conftest import NOW

ME = "Sam Rivera"
MY_NUMBER = "+447700909999"
NAMES = ["Ada Lovelace", "Grace Hopper", "Zoë Müller", "José Núñez", "李 雷", "Farid Okafor"]
# every table an import writes, less the person's uid (random) and the run's own bookkeeping
TABLES = (
    "interaction",
    "participant",
    "person",
    "identity",
    "person_channel",
    "tie",
    "seen_identity",
    "seen_message",
    "link",
    "merge_candidate",
    "meta",
)
LEFT_OUT = {"uid"}


def moments(rng: random.Random, count: int) -> list[datetime]:
    """Message times: bursts a few minutes apart, pauses of hours and days between them."""
    at, found = datetime(2024, 1, 3, 8, tzinfo=UTC), []
    for _ in range(count):
        pause = rng.choice([60, 240, 600, 3_600 * 5, 3_600 * 30, 3_600 * 23])
        at += timedelta(seconds=rng.randrange(30, pause))
        found.append(at)
    return found


def whatsapp_group(folder: Path) -> Path:
    """A group, day first, with media, lines that continue a message, and one line whose date
    is no date (skipped, with its line)."""
    rng = random.Random(14)
    lines = [f"{datetime(2024, 1, 3, 7, 0):%d/%m/%Y, %H:%M} - Ada Lovelace created group"]
    for at in moments(rng, 600):
        who = ME if rng.random() < 0.3 else rng.choice(NAMES)
        lines.append(f"{at:%d/%m/%Y, %H:%M} - {who}: {rng.choice(['ok', 'see you', 'ha'])}")
        if rng.random() < 0.1:
            lines.append("and a second line")
        if rng.random() < 0.05:
            lines.append(f"{at:%d/%m/%Y, %H:%M} - {who}: <Media omitted>")
    lines.insert(300, "31/04/2024, 10:00 - Ada Lovelace: dated 31 April, which is no date")
    path = folder / "WhatsApp Chat with Friends.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def whatsapp_pair(folder: Path) -> Path:
    """A chat between two, month first and on the 12-hour clock; the file's name says who the
    other one is."""
    rng = random.Random(15)
    lines = []
    for at in moments(rng, 300):
        who = rng.choice(["Ada Lovelace", "Sam"])
        hour = at.hour % 12 or 12
        lines.append(
            f"{at.month}/{at.day}/{at:%y}, {hour}:{at:%M}\u202f{'AM' if at.hour < 12 else 'PM'}"
            f" - {who}: hello"
        )
    path = folder / "WhatsApp Chat with Ada Lovelace.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def whatsapp_undecided(folder: Path) -> Path:
    """No day above 12 in the file: the order comes from which way the dates run forward."""
    rng = random.Random(20)
    lines = []
    for at in moments(rng, 400):
        if at.day > 12:
            continue
        who = rng.choice([ME, *NAMES[:3]])
        lines.append(f"{at:%m/%d/%y, %H:%M} - {who}: hello")
    path = folder / "WhatsApp Chat with Friends.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def sms(folder: Path) -> Path:
    """SMS both ways with a few numbers, SMS one way to another, group MMS the user sent and
    received."""
    rng = random.Random(16)
    numbers = [f"+4477009001{n:02d}" for n in range(8)]
    rows = []
    for at in moments(rng, 500):
        ms = int(at.timestamp() * 1000)
        who = rng.randrange(len(numbers))
        if rng.random() < 0.05:  # a number the user only writes to: seen, kept one-way
            rows.append(f'<sms address="+447700900199" date="{ms}" type="2" body="hi" />')
            continue
        if rng.random() < 0.85:
            rows.append(
                f'<sms address="{numbers[who]}" date="{ms}" type="{rng.choice("12")}" '
                f'body="hi" contact_name="{NAMES[who % len(NAMES)]}" />'
            )
            continue
        group, box = rng.sample(numbers, 3), rng.choice("12")
        sender = MY_NUMBER if box == "2" else group[0]
        addrs = "".join(
            f'<addr address="{n}" type="{137 if n == sender else 151}" />'
            for n in (MY_NUMBER, *group)
        )
        rows.append(
            f'<mms date="{ms}" msg_box="{box}" address="{"~".join(group)}">'
            f"<addrs>{addrs}</addrs></mms>"
        )
    return backup(folder / "sms-20240101.xml", "smses", rows)


def calls(folder: Path) -> Path:
    rng = random.Random(17)
    rows = [
        f'<call number="+4477009001{rng.randrange(8):02d}" duration="{rng.choice([0, 30, 600])}" '
        f'date="{int(at.timestamp() * 1000)}" type="{rng.choice("12345")}" />'
        for at in moments(rng, 120)
    ]
    return backup(folder / "calls-20240101.xml", "calls", rows)


def backup(path: Path, root: str, rows: list[str]) -> Path:
    """An SMS Backup & Restore file of these entries."""
    xml = "<?xml version='1.0' encoding='UTF-8'?>"
    path.write_text(f"{xml}\n<{root}>\n" + "\n".join(rows) + f"\n</{root}>\n", encoding="utf-8")
    return path


def telegram_group(folder: Path) -> Path:
    rng = random.Random(18)
    entries: list[dict[str, object]] = []
    for n, at in enumerate(moments(rng, 500)):
        who = rng.randrange(len(NAMES) + 1)
        entry: dict[str, object] = {
            "id": n,
            "type": "message",
            "date": f"{at:%Y-%m-%dT%H:%M:%S}",
            "date_unixtime": str(int(at.timestamp())),
            "from": ME if who == len(NAMES) else NAMES[who],
            "from_id": f"user{who + 1}",
            "text": "hello",
        }
        if rng.random() < 0.05:
            entry = {
                "id": n,
                "type": "service",
                "date": entry["date"],
                "date_unixtime": entry["date_unixtime"],
                "actor": entry["from"],
                "actor_id": entry["from_id"],
                "action": "phone_call",
                "duration_seconds": rng.choice([0, 45, 300]),
            }
        entries.append(entry)
    export = {"name": "Friends", "type": "private_group", "id": 99, "messages": entries}
    path = folder / "result.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    return path


def messenger_thread(folder: Path) -> Path:
    rng = random.Random(19)
    people = [*NAMES[:4], ME]
    entries: list[dict[str, object]] = []
    for at in moments(rng, 400):
        entry: dict[str, object] = {
            "sender_name": rng.choice(people),
            "timestamp_ms": int(at.timestamp() * 1000),
            "content": "hello",
        }
        if rng.random() < 0.05:
            entry = {**entry, "type": "Call", "call_duration": rng.choice([0, 120])}
            entry.pop("content")
        entries.append(entry)
    thread = {
        "participants": [{"name": name} for name in people],
        "title": "Friends",
        "thread_type": "RegularGroup",
        "messages": entries[::-1],
    }
    path = folder / "message_1.json"
    path.write_text(json.dumps(thread), encoding="utf-8")
    return path


LongWay = Callable[[Path], Iterable[Record]]

CHATS: dict[str, tuple[Callable[[Path], Path], str, LongWay]] = {
    "a WhatsApp group": (
        whatsapp_group,
        "whatsapp",
        lambda p: whatsapp._read_twice(p, NOW, None, None, "WhatsApp", keep_text=False),
    ),
    "a WhatsApp chat between two": (
        whatsapp_pair,
        "whatsapp",
        lambda p: whatsapp._read_twice(p, NOW, None, None, "WhatsApp", keep_text=False),
    ),
    "a WhatsApp group whose dates leave the order open": (
        whatsapp_undecided,
        "whatsapp",
        lambda p: whatsapp._read_twice(p, NOW, None, None, "WhatsApp", keep_text=False),
    ),
    "an SMS backup with group MMS": (sms, "sms-backup", lambda p: sms_backup.read(p, each=True)),
    "a call log": (calls, "sms-backup", lambda p: sms_backup.read(p, each=True)),
    "a Telegram group with calls": (telegram_group, "telegram", lambda p: telegram.read(p, NOW)),
    "a Messenger thread with calls": (messenger_thread, "messenger", messenger.read),
}


def the_long_way(store: Store, path: Path, kind: str, records: Iterable[Record]) -> ImportReport:
    return import_records(
        store,
        records,
        kind=kind,
        path=str(path),
        now=NOW,
        me=(ME, MY_NUMBER, *registry.owners(kind, path)),
        bulk=False,
    )


def the_bulk_way(store: Store, path: Path, kind: str) -> ImportReport:
    (report,) = import_path(store, path, kind=kind, now=NOW, me=(ME, MY_NUMBER))
    return report


def rows_hash(store: Store) -> dict[str, str]:
    """Each table's rows, in a stable order, hashed; and the triggers there are."""
    hashes = {}
    db = store.connection
    for table in TABLES:
        columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})") if r[1] not in LEFT_OUT]
        listed = ", ".join(columns)
        rows = db.execute(f"SELECT {listed} FROM {table} ORDER BY {listed}").fetchall()
        hashes[table] = hashlib.sha256(repr(rows).encode()).hexdigest()
    triggers = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY 1")
    hashes["triggers"] = hashlib.sha256(repr(triggers.fetchall()).encode()).hexdigest()
    return hashes


def compared(report: ImportReport) -> dict[str, object]:
    summary = report.summary()
    summary.pop("date_order", None)  # remembered by the file import only: not a row
    summary.pop("sha256", None)
    return summary


@pytest.mark.parametrize("chat", sorted(CHATS))
def test_the_bulk_path_writes_the_same_rows_as_the_long_way(tmp_path: Path, chat: str) -> None:
    make, kind, long_way = CHATS[chat]
    path = make(tmp_path)
    bulk, long = open_store(tmp_path / "bulk.db"), open_store(tmp_path / "long.db")
    first = the_bulk_way(bulk, path, kind)
    assert compared(first) == compared(the_long_way(long, path, kind, long_way(path)))
    assert sum(first.created.values()) > 0
    if chat == "an SMS backup with group MMS":
        assert first.accounted["one_way"] > 0
    if chat == "a WhatsApp group":
        assert [skip.reason for skip in first.skipped] == [
            "there is no day 31 in month 4 of 2024 (the dates are read day first: dmy)"
        ]
    if chat == "a WhatsApp group whose dates leave the order open":  # read month first
        first_at = bulk.connection.execute("SELECT min(at) FROM interaction").fetchone()[0]
        assert first_at[:10] == "2024-01-03"
    assert rows_hash(bulk) == rows_hash(long)
    again = the_bulk_way(bulk, path, kind)
    assert compared(again) == compared(the_long_way(long, path, kind, long_way(path)))
    assert sum(again.created.values()) == 0
    assert rows_hash(bulk) == rows_hash(long)
    bulk.close()
    long.close()


def test_an_import_into_an_empty_database_puts_back_the_triggers_it_lifted(tmp_path: Path) -> None:
    store = open_store(tmp_path / "kith.db")
    before = store.connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY 1"
    ).fetchall()
    the_bulk_way(store, sms(tmp_path), "sms-backup")
    after = store.connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY 1"
    ).fetchall()
    assert after == before
    assert ("layers_stale_participant_added",) in [(name,) for name, _ in after]
    store.close()


def test_an_sms_backup_read_in_bulk_holds_the_records_it_gives_one_at_a_time(
    tmp_path: Path,
) -> None:
    path = sms(tmp_path)
    one_at_a_time = list(sms_backup.read(path))
    in_bulk = list(sms_backup.read(path, bulk=True))
    batches = [r for r in in_bulk if isinstance(r, Conversations)]
    assert len(batches) == 1
    assert [r for r in in_bulk if not isinstance(r, Conversations)] == [
        r for r in one_at_a_time if not isinstance(r, ExchangeRecord)
    ]
    assert [batches[0].record(row) for row in batches[0].rows] == [
        r for r in one_at_a_time if isinstance(r, ExchangeRecord)
    ]
    assert len(batches[0].rows) == 418


def sms_in_the_future(folder: Path) -> Path:
    """An SMS backup whose last conversations are dated after now: skipped, never logged."""
    rows = [
        f'<sms address="+4477009001{n % 3:02d}" date="{ms}" type="{1 + n % 2}" body="hi" />'
        for n, ms in enumerate(
            int((NOW + timedelta(days=day - 20)).timestamp() * 1000) for day in range(30)
        )
    ]
    return backup(folder / "sms-future.xml", "smses", rows)


def imported_both_ways(
    tmp_path: Path, paths: list[Path], me: tuple[str, ...]
) -> tuple[list[ImportReport], list[ImportReport], Store, Store]:
    """The files imported in turn into two fresh databases, the bulk way and the long way."""
    bulk, long = open_store(tmp_path / "bulk.db"), open_store(tmp_path / "long.db")
    bulk_reports, long_reports = [], []
    for path in paths:
        (report,) = import_path(bulk, path, kind="sms-backup", now=NOW, me=me)
        bulk_reports.append(report)
        long_reports.append(
            import_records(
                long,
                sms_backup.read(path, each=True),
                kind="sms-backup",
                path=str(path),
                now=NOW,
                me=me,
                bulk=False,
            )
        )
    return bulk_reports, long_reports, bulk, long


@pytest.mark.parametrize("me", [(), (MY_NUMBER,)], ids=["without --me", "with --me"])
def test_an_sms_backup_in_bulk_writes_the_same_rows_with_or_without_the_users_number(
    tmp_path: Path, me: tuple[str, ...]
) -> None:
    bulk_reports, long_reports, bulk, long = imported_both_ways(tmp_path, [sms(tmp_path)], me)
    assert [compared(r) for r in bulk_reports] == [compared(r) for r in long_reports]
    assert bulk_reports[0].created["interaction"] > 100
    assert rows_hash(bulk) == rows_hash(long)
    bulk.close()
    long.close()


def test_an_sms_backup_in_bulk_into_a_database_that_holds_calls_writes_the_same_rows(
    tmp_path: Path,
) -> None:
    """The second file goes in slices (the database holds the first), its people known."""
    paths = [calls(tmp_path), sms(tmp_path), sms(tmp_path)]
    bulk_reports, long_reports, bulk, long = imported_both_ways(tmp_path, paths, (MY_NUMBER,))
    assert [compared(r) for r in bulk_reports] == [compared(r) for r in long_reports]
    assert bulk_reports[1].created["interaction"] > 100
    assert sum(bulk_reports[2].created.values()) == 0
    assert rows_hash(bulk) == rows_hash(long)
    bulk.close()
    long.close()


def test_an_sms_conversation_after_now_is_skipped_in_bulk_as_it_is_the_long_way(
    tmp_path: Path,
) -> None:
    paths = [sms_in_the_future(tmp_path)]
    bulk_reports, long_reports, bulk, long = imported_both_ways(tmp_path, paths, (MY_NUMBER,))
    assert [compared(r) for r in bulk_reports] == [compared(r) for r in long_reports]
    assert bulk_reports[0].accounted["skipped"] == 9
    assert {skip.reason[:16] for skip in bulk_reports[0].skipped} == {"is in the future"}
    assert rows_hash(bulk) == rows_hash(long)
    bulk.close()
    long.close()
