"""A call's length (migration 0023): kept in seconds on the interaction by every reader whose
export carries calls, shown by show, timeline and their JSON, carried by a Kith JSON export, and
added to a database made before it. Calls that did not connect are not logged at all."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from kith.store import migrations
from kith.store.connection import APPLICATION_ID
from tests.conftest import Kith

CALLS = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<calls count="5">
  <call number="+15551234567" duration="125" date="1709000000000" type="1" contact_name="Ada" />
  <call number="+15551234567" duration="3725" date="1709100000000" type="2" contact_name="Ada" />
  <call number="+15551234567" duration="0" date="1709200000000" type="3" contact_name="Ada" />
  <call number="+15551234567" duration="0" date="1709300000000" type="5" contact_name="Ada" />
  <call number="+15551234567" duration="0" date="1709400000000" type="2" contact_name="Ada" />
</calls>
"""
MESSENGER = {
    "participants": [{"name": "Ada Lovelace"}, {"name": "Sam Rivera"}],
    "title": "Ada Lovelace",
    "messages": [
        {"sender_name": "Ada Lovelace", "timestamp_ms": 1709000000000, "type": "Call",
         "call_duration": 42},
        {"sender_name": "Sam Rivera", "timestamp_ms": 1709100000000, "type": "Call",
         "call_duration": 0},
    ],
}  # fmt: skip
TELEGRAM = {
    "name": "Ada Lovelace",
    "type": "personal_chat",
    "id": 4242,
    "messages": [
        {"id": 1, "type": "service", "date": "2024-02-27T10:00:00", "date_unixtime": "1709028000",
         "actor": "Sam Rivera", "actor_id": "user1", "action": "phone_call",
         "duration_seconds": 600},
        {"id": 2, "type": "service", "date": "2024-02-28T10:00:00", "date_unixtime": "1709114400",
         "actor": "Ada Lovelace", "actor_id": "user4242", "action": "phone_call",
         "discard_reason": "missed"},
    ],
}  # fmt: skip


def imported(kith: Kith, path: Path, *flags: str) -> dict[str, object]:
    result = kith("import", str(path), "--json", *flags)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["imports"][0]  # type: ignore[no-any-return]


def calls_of(kith: Kith, name: str) -> list[tuple[str, str, int | None]]:
    shown = json.loads(kith("show", name, "--json").stdout)
    return [(i["direction"], i["summary"], i["duration"]) for i in shown["interactions"]]


def test_an_sms_backup_keeps_the_seconds_of_each_call_that_connected(
    kith: Kith, tmp_path: Path
) -> None:
    path = tmp_path / "calls-1.xml"
    path.write_text(CALLS, encoding="utf-8")
    report = imported(kith, path)
    assert report["ignored"] == {
        "call that was not answered (did not connect)": 1,
        "missed call (did not connect)": 1,
        "rejected call (did not connect)": 1,
    }
    assert calls_of(kith, "Ada") == [
        ("out", "Phone call, 1 h 2 min", 3725),
        ("in", "Phone call, 2 min", 125),  # the first: logged when the call made Ada a person
    ]


def test_timeline_shows_a_calls_length_in_its_table_and_its_json(
    kith: Kith, tmp_path: Path
) -> None:
    path = tmp_path / "calls-1.xml"
    path.write_text(CALLS, encoding="utf-8")
    imported(kith, path)
    window = json.loads(kith("timeline", "--since", "2024-01-01", "--json").output)
    assert [i["duration"] for i in window["interactions"]] == [3725, 125]
    table = kith("timeline", "--since", "2024-01-01").output
    assert "call, 1 h 2 min" in table
    assert "call, 2 min" in kith("show", "Ada").output


def test_messenger_and_telegram_calls_keep_their_seconds(kith: Kith, tmp_path: Path) -> None:
    messenger = tmp_path / "message_1.json"
    messenger.write_text(json.dumps(MESSENGER), encoding="utf-8")
    report = imported(kith, messenger, "--me", "Sam Rivera")
    assert report["ignored"] == {"Messenger call that did not connect": 1}
    telegram = tmp_path / "result.json"
    telegram.write_text(json.dumps(TELEGRAM), encoding="utf-8")
    report = imported(kith, telegram, "--me", "Sam Rivera")
    assert report["ignored"] == {"Telegram call that did not connect": 1}
    assert report["matched_by_name"] == ["Ada Lovelace #1"]  # the one Ada Lovelace known
    assert calls_of(kith, "#1") == [
        ("out", "Telegram call, 10 min", 600),
        ("in", "Messenger call, 42 s", 42),
    ]


def test_a_kith_json_export_carries_a_calls_length(kith: Kith, tmp_path: Path) -> None:
    path = tmp_path / "calls-1.xml"
    path.write_text(CALLS, encoding="utf-8")
    imported(kith, path)
    exported = tmp_path / "kith.json"
    kith("export", "json", str(exported))
    lengths = [i["duration"] for i in json.loads(exported.read_text())["interactions"]]
    assert sorted(lengths) == [125, 3725]
    again = kith("--db", str(tmp_path / "other.db"), "import", str(exported))
    assert again.exit_code == 0, again.output
    shown = kith("--db", str(tmp_path / "other.db"), "show", "Ada", "--json").output
    assert [i["duration"] for i in json.loads(shown)["interactions"]] == [3725, 125]


def test_a_database_from_before_migration_23_gains_the_length_and_keeps_its_log(
    kith: Kith, db_path: Path, tmp_path: Path
) -> None:
    connection = sqlite3.connect(db_path, isolation_level=None)
    migrations.migrate(connection, db_path, APPLICATION_ID, upto=21)
    connection.execute(
        "INSERT INTO person (id, uid, display_name, name_key, created_at, updated_at) "
        "VALUES (1, 'u1', 'Ada', 'ada', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')"
    )
    connection.execute(
        "INSERT INTO interaction (id, at, channel, direction, summary, source, source_id, "
        "created_at) VALUES (1, '2024-01-02T10:00:00Z', 'call', 'out', 'Phone call, 5 min', "
        "'manual', 'x', '2024-01-02T10:00:00Z')"
    )
    connection.execute("INSERT INTO participant (interaction_id, person_id) VALUES (1, 1)")
    assert connection.execute("PRAGMA user_version").fetchone() == (21,)
    connection.close()
    assert calls_of(kith, "Ada") == [("out", "Phone call, 5 min", None)]  # migrates on open
    path = tmp_path / "calls-1.xml"
    path.write_text(CALLS.replace('contact_name="Ada"', 'contact_name="Bob"'), encoding="utf-8")
    imported(kith, path)
    connection = sqlite3.connect(db_path)
    assert connection.execute("PRAGMA user_version").fetchone() == (migrations.latest_version(),)
    durations = connection.execute("SELECT summary, duration FROM interaction ORDER BY at")
    assert durations.fetchall() == [
        ("Phone call, 5 min", None),
        ("Phone call, 2 min", 125),
        ("Phone call, 1 h 2 min", 3725),
    ]
    connection.close()


def test_the_web_person_page_shows_a_calls_length_beside_its_channel(
    kith: Kith, tmp_path: Path, db_path: Path
) -> None:
    from tests.web_support import web_client  # the web app loads only for the web tests

    path = tmp_path / "calls-1.xml"
    path.write_text(CALLS, encoding="utf-8")
    imported(kith, path)
    kith("log", "Ada", "a quick word", "--channel", "call", "--when", "2024-03-05")
    with web_client(db_path) as client:
        page = client.get("/people/1").text
    assert '<span class="tag">call, 1 h 2 min</span>' in page
    assert '<span class="tag">call, 2 min</span>' in page
    assert re.search(r'<span class="tag">call</span>\s+a quick word', page)  # no length logged
