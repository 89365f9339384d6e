"""`kith sync imap` against a real Dovecot on loopback (tests/dovecot_server.py)."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from kith.errors import UserError
from kith.services import sync
from kith.services.sync import imap
from kith.services.sync.imap_names import decoded, encoded
from kith.store import Store, migrations, open_store
from kith.store.connection import APPLICATION_ID
from tests.conftest import Kith
from tests.dovecot_server import PASSWORD, USER, Dovecot, as_mbox, conversations, message

HTTPD = Path(__file__).parent / "fixtures" / "mail" / "real" / "httpd-users-200606-part.mbox"
SEEN_TABLES = ("person", "identity", "interaction", "participant", "seen_identity", "link")


@pytest.fixture
def dovecot(monkeypatch: pytest.MonkeyPatch) -> Iterator[Dovecot]:
    server = Dovecot()
    server.start()
    monkeypatch.setenv("KITH_IMAP_PASSWORD", PASSWORD)
    yield server
    server.close()


def corpus_messages() -> list[bytes]:
    """The real list archive's twelve messages, each as it was delivered."""
    parts = re.split(rb"^From \S+ \w{3} \w{3} [^\n]*\n", HTTPD.read_bytes(), flags=re.MULTILINE)
    return [p.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n") for p in parts if p.strip()]


def seeded(server: Dovecot, count: int = 60) -> dict[str, list[bytes]]:
    mail = conversations(count, contacts=6)
    server.append("INBOX", [*corpus_messages(), *mail["INBOX"]])
    server.append("Sent", mail["Sent"])
    return mail


def connect_args(server: Dovecot) -> list[str]:
    return [
        "sync",
        "imap",
        "--host",
        "127.0.0.1",
        "--port",
        str(server.port),
        "--user",
        USER,
        "--plain-on-loopback",
    ]


def contents(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """The rows a sync may write (not the run records), for before/after comparisons."""
    connection = sqlite3.connect(db)
    try:
        return {
            table: sorted(connection.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in (*SEEN_TABLES, "imap_folder", "import_run")
        }
    finally:
        connection.close()


def logged(db: Path) -> list[tuple[str, str, int]]:
    """(source id, direction, participants) of every interaction."""
    connection = sqlite3.connect(db)
    try:
        return sorted(
            connection.execute(
                "SELECT i.source_id, i.direction, count(p.person_id) FROM interaction i "
                "JOIN participant p ON p.interaction_id = i.id GROUP BY i.id"
            ).fetchall()
        )
    finally:
        connection.close()


def test_the_first_sync_reads_the_inbox_and_the_sent_folder_and_ignores_list_mail(
    dovecot: Dovecot, kith: Kith
) -> None:
    seeded(dovecot)
    result = kith(*connect_args(dovecot), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)["sources"][0]["summary"]
    assert summary["messages_read"] == 12 + 60
    assert summary["people_created"] == 6
    assert summary["ignored"] == 12 + 6  # the httpd list's twelve and six of the generated
    assert summary["skipped"] == 0
    names = [p["name"] for p in json.loads(kith("list", "--json").output)["people"]]
    assert names == [f"Contact {k}" for k in range(6)]


def test_imap_sync_ends_where_importing_the_same_mail_from_an_mbox_ends(
    dovecot: Dovecot, kith: Kith, db_path: Path, tmp_path: Path
) -> None:
    mail = seeded(dovecot)
    assert kith(*connect_args(dovecot)).exit_code == 0
    mbox = tmp_path / "same.mbox"
    mbox.write_bytes(as_mbox([*corpus_messages(), *mail["INBOX"], *mail["Sent"]]))
    other = tmp_path / "file.db"
    imported = kith("--db", str(other), "import", str(mbox), "--me", USER)
    assert imported.exit_code == 0, imported.output
    assert logged(db_path) == logged(other)
    # 60 generated, less the 6 from a list: once a contact has written both ways, their mail
    # from before that is logged too
    assert len(logged(db_path)) == 54


def test_a_second_run_with_no_new_mail_changes_nothing(
    dovecot: Dovecot, kith: Kith, db_path: Path
) -> None:
    seeded(dovecot)
    assert kith(*connect_args(dovecot)).exit_code == 0
    before = contents(db_path)
    again = kith("sync", "imap")
    assert again.exit_code == 0, again.output
    assert "INBOX: no new mail" in again.output
    assert "Sent: no new mail" in again.output
    assert "imap: nothing to do" in again.output
    assert contents(db_path) == before


def test_new_mail_is_read_incrementally_by_uid(dovecot: Dovecot, kith: Kith, db_path: Path) -> None:
    mail = seeded(dovecot)
    assert kith(*connect_args(dovecot)).exit_code == 0
    dovecot.append(
        "INBOX",
        [
            message(
                "Contact 1 <c1@people.example>", USER, "Later", "2 Nov 2026 09:00 +0000", "n1@x"
            ),
            message("Stranger <s@else.example>", USER, "Hello", "2 Nov 2026 10:00 +0000", "n2@x"),
        ],
    )
    result = kith("sync", "--json")
    summary = json.loads(result.output)["sources"][0]["summary"]
    assert summary["messages_read"] == 2
    assert summary["interactions_created"] == 1
    assert summary["one_way"] == 1
    states = {row[1]: row[3] for row in contents(db_path)["imap_folder"]}
    assert states == {"INBOX": 12 + len(mail["INBOX"]) + 2, "Sent": len(mail["Sent"])}


def test_mail_dated_after_now_is_skipped_not_logged(
    dovecot: Dovecot, kith: Kith, db_path: Path
) -> None:
    seeded(dovecot)
    assert kith(*connect_args(dovecot)).exit_code == 0
    before = logged(db_path)
    dovecot.append(
        "INBOX",
        [message("Contact 1 <c1@people.example>", USER, "Soon", "2 Nov 2099 09:00 +0000", "f1@x")],
    )
    result = kith("sync", "--json")
    summary = json.loads(result.output)["sources"][0]["summary"]
    assert summary["messages_read"] == 1
    assert summary["interactions_created"] == 0
    assert logged(db_path) == before


def test_a_new_uidvalidity_reads_the_folder_again_without_counting_anything_twice(
    dovecot: Dovecot, kith: Kith, db_path: Path
) -> None:
    mail = seeded(dovecot)
    assert kith(*connect_args(dovecot)).exit_code == 0
    before = logged(db_path)
    extra = message(
        USER, "Contact 2 <c2@people.example>", "Again", "3 Nov 2026 09:00 +0000", "r1@x"
    )
    dovecot.recreate("Sent", [*mail["Sent"], extra])
    result = kith("sync", "imap", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)["sources"][0]["summary"]
    assert summary["folders_read_again"] == 1
    assert summary["messages_read"] == len(mail["Sent"]) + 1
    assert summary["interactions_created"] == 1
    assert summary["already_logged"] == len(mail["Sent"])
    assert logged(db_path) == sorted([*before, ("r1@x", "out", 1)])


def kill(server: Dovecot) -> Callable[[], None]:
    server.kill()
    return server.start


def stall(server: Dovecot) -> Callable[[], None]:
    server.pause()
    return lambda: server.pause(False)


@pytest.mark.parametrize(
    ("interrupt", "error"),
    [(kill, "dropped the connection"), (stall, "no answer in time")],
    ids=["killed", "stalled"],
)
def test_a_sync_cut_off_mid_way_keeps_whole_batches_and_the_next_run_resumes(
    dovecot: Dovecot,
    store: Store,
    now: datetime,
    tmp_path: Path,
    db_path: Path,
    interrupt: Callable[[Dovecot], Callable[[], None]],
    error: str,
) -> None:
    mail = seeded(dovecot)
    inbox = 12 + len(mail["INBOX"])
    source = dovecot.configured(store, now)
    restore: list[Callable[[], None]] = []

    def cut_after_the_second_batch(line: str) -> None:
        if line == f"INBOX: 20 of {inbox} new messages":
            restore.append(interrupt(dovecot))

    options = {"batch": 10, "timeout": 1}
    cut = sync.RunContext(now=now, progress=cut_after_the_second_batch, options=options)
    try:
        with pytest.raises(UserError, match=error):
            sync.run(store, source, cut)
    finally:
        restore[0]()
    state = store.mail_sync.folder("imap", "INBOX")
    assert state is not None
    assert state.last_uid == 20
    assert store.sync.last_runs()["imap"].outcome == "failed"
    resumed = sync.run(store, source, sync.RunContext(now=now, options={"batch": 10}))
    assert resumed.summary["messages_read"] == inbox - 20 + len(mail["Sent"])
    whole = tmp_path / "whole.db"
    other = open_store(whole)
    try:
        sync.run(other, dovecot.configured(other, now), sync.RunContext(now=now))
    finally:
        other.close()
    store.close()
    assert logged(db_path) == logged(whole)


def test_mail_already_imported_from_a_file_is_not_counted_again(
    dovecot: Dovecot, kith: Kith, tmp_path: Path
) -> None:
    mail = seeded(dovecot)
    mbox = tmp_path / "before.mbox"
    mbox.write_bytes(as_mbox([*mail["INBOX"], *mail["Sent"]]))
    assert kith("import", str(mbox), "--me", USER).exit_code == 0
    result = kith(*connect_args(dovecot), "--json")
    summary = json.loads(result.output)["sources"][0]["summary"]
    assert summary["interactions_created"] == 0
    assert summary["people_created"] == 0
    assert summary["already_logged"] == 54


def test_a_dry_run_reads_the_server_and_writes_nothing(
    dovecot: Dovecot, kith: Kith, db_path: Path
) -> None:
    seeded(dovecot)
    result = kith(*connect_args(dovecot), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "imap (dry run): 72 messages read, 6 people created, 54 interactions created" in (
        result.output
    )
    assert kith("list", "--json").output.count('"name"') == 0
    assert contents(db_path)["imap_folder"] == []


def test_the_password_never_appears_in_output_or_the_database(
    dovecot: Dovecot, kith: Kith, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded(dovecot, count=12)
    outputs = [
        kith(*connect_args(dovecot)).output,
        kith("sync", "--json").output,
        kith("sync", "status").output,
        kith("sync", "status", "--json").output,
        kith("--debug", "sync", "imap", "--dry-run").output,
    ]
    monkeypatch.setenv("KITH_IMAP_PASSWORD", "wrong-" + PASSWORD)
    refused = kith("sync", "imap")
    assert refused.exit_code == 1
    assert "refused the login" in refused.output
    outputs.append(refused.output)
    files = b"".join(p.read_bytes() for p in db_path.parent.glob("kith.db*"))
    assert PASSWORD not in "".join(outputs)
    assert PASSWORD.encode() not in files


def test_plain_text_to_another_machine_is_refused(kith: Kith) -> None:
    result = kith(
        "sync", "imap", "--host", "imap.example.org", "--user", USER, "--plain-on-loopback"
    )
    assert result.exit_code == 1
    assert "imap.example.org is not this machine" in result.output


@pytest.mark.parametrize("security", ["--ssl", "--starttls"])
def test_a_plain_server_on_this_machine_asked_for_tls_says_the_flag_it_needs(
    dovecot: Dovecot, kith: Kith, security: str
) -> None:
    args = ["--host", "127.0.0.1", "--port", str(dovecot.port), "--user", USER, security]
    result = kith("sync", "imap", *args)
    assert result.exit_code == 1
    assert f"Could not reach the IMAP server {USER}@127.0.0.1:{dovecot.port}" in result.output
    assert result.output.rstrip().endswith(
        "If this server on this machine speaks plain IMAP (no TLS), give --plain-on-loopback "
        "instead."
    )


def test_a_stopped_server_is_a_failed_run_that_says_so(dovecot: Dovecot, kith: Kith) -> None:
    seeded(dovecot, count=6)
    assert kith(*connect_args(dovecot)).exit_code == 0
    dovecot.kill()
    result = kith("sync")
    assert result.exit_code == 1
    assert f"imap: Could not reach the IMAP server {USER}@127.0.0.1:{dovecot.port}" in (
        result.output
    )


def test_migration_25_adds_the_imap_folder_table_to_a_version_22_file(tmp_path: Path) -> None:
    path = tmp_path / "kith.db"
    connection = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(connection, path, APPLICATION_ID, upto=22)
    connection.close()
    store = open_store(path)
    try:
        with store.transaction():
            store.sync.save_source("imap", "imap", {"host": "127.0.0.1"}, "2026-11-22T10:00:00Z")
            store.mail_sync.advance("imap", "INBOX", 7, 42, "2026-11-22T10:00:00Z")
        assert [(f.folder, f.uidvalidity, f.last_uid) for f in store.mail_sync.folders("imap")] == [
            ("INBOX", 7, 42)
        ]
    finally:
        store.close()


@pytest.fixture
def dovecot_tls(monkeypatch: pytest.MonkeyPatch) -> Iterator[Dovecot]:
    server = Dovecot(tls=True)
    server.start()
    monkeypatch.setenv("KITH_IMAP_PASSWORD", PASSWORD)
    yield server
    server.close()


def test_ssl_and_starttls_connect_only_to_a_server_whose_certificate_is_trusted(
    dovecot_tls: Dovecot, kith: Kith, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded(dovecot_tls, count=6)
    ssl_args = ["sync", "imap", "--host", "127.0.0.1", "--user", USER, "--ssl"]
    untrusted = kith(*ssl_args, "--port", str(dovecot_tls.tls_port))
    assert untrusted.exit_code == 1
    assert "CERTIFICATE_VERIFY_FAILED" in untrusted.output
    monkeypatch.setenv("SSL_CERT_FILE", str(dovecot_tls.certificate))
    over_ssl = kith(*ssl_args, "--port", str(dovecot_tls.tls_port))
    assert over_ssl.exit_code == 0, over_ssl.output
    assert "imap: 18 messages read" in over_ssl.output
    starttls = ["--port", str(dovecot_tls.port), "--starttls"]
    over_starttls = kith("sync", "imap", "--host", "127.0.0.1", "--user", USER, *starttls)
    assert over_starttls.exit_code == 0, over_starttls.output
    assert "imap: nothing to do" in over_starttls.output


def test_folder_names_travel_in_modified_utf7_both_ways() -> None:
    assert encoded("~peter/mail/台北/日本語") == "~peter/mail/&U,BTFw-/&ZeVnLIqe-"
    assert decoded("~peter/mail/&U,BTFw-/&ZeVnLIqe-") == "~peter/mail/台北/日本語"
    assert encoded("Tom & Jerry") == "Tom &- Jerry"
    assert decoded("Tom &- Jerry") == "Tom & Jerry"


def test_a_chosen_folder_with_an_accented_name_is_the_only_one_read(
    dovecot: Dovecot, kith: Kith
) -> None:
    mail = seeded(dovecot)
    dovecot.append(encoded("Envoyés"), mail["Sent"][:3])
    result = kith(*connect_args(dovecot), "--folder", "Envoyés")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "Envoyés: 3 of 3 new messages"
    assert "imap: 3 messages read" in result.output
    status = json.loads(kith("sync", "status", "--json").output)["sources"][0]
    assert status["config"]["folders"] == ["Envoy&AOk-s"]


def test_configuring_another_mailbox_forgets_where_the_old_one_stood(
    store: Store, now: datetime
) -> None:
    def configured(host: str) -> None:
        imap.configure(
            store,
            host=host,
            user=USER,
            port=993,
            security="ssl",
            folders=[],
            me=[],
            now=now,
        )

    configured("imap.example.org")
    with store.transaction():
        store.mail_sync.advance("imap", "INBOX", 7, 42, "2026-11-22T10:00:00Z")
    configured("imap.example.org")
    assert [f.last_uid for f in store.mail_sync.folders("imap")] == [42]
    configured("mail.example.net")
    assert store.mail_sync.folders("imap") == []
