"""The database itself: damage is refused (exit 5) and never read as "nothing there", every schema
version upgrades with its data kept, backups round-trip, files stay private, logs hold no secret.

`run(scale, seed)` returns one row per group, each a dict: tried, count, lost (what was lost or
answered wrongly; empty means nothing), notes. The damage makers here are the ones
tests/test_database_damage.py uses.
"""

from __future__ import annotations

import hashlib
import logging
import os
import random
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from kith.cli.main import cli

TITLE = "The database: damage, schema versions, backups, privacy"
ORDER = 40
NOW = "2026-11-22T10:00:00Z"
PAGE = 4096


def kith(db: Path, *args: str) -> tuple[int, str, str]:
    """Run `kith` in this process (exit code, stdout, stderr); an exception is an exit 9."""
    result = CliRunner().invoke(cli, ["--db", str(db), "--now", NOW, *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return 9, result.stdout, f"{type(result.exception).__name__}: {result.exception}"
    return result.exit_code, result.stdout, result.stderr


def build_demo(folder: Path, seed: int = 1) -> Path:
    path = folder / "demo.db"
    code, out, err = kith(path, "demo", "--seed", str(seed))
    assert code == 0, err or out
    settle(path)
    return path


def settle(path: Path) -> None:
    """Fold the -wal into the file, so that damage made to the file is what Kith reads."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()


def _sql(path: Path, *statements: str) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.close()


def schema_not_utf8(path: Path) -> None:
    """A byte that is not UTF-8 in a comment of the schema text: SQLite still parses it."""
    _sql(
        path,
        "PRAGMA writable_schema = ON",
        "UPDATE sqlite_master SET sql = sql || CAST(X'0A2D2D20FF' AS TEXT) WHERE name = 'meta'",
    )


def negative_version(path: Path) -> None:
    _sql(path, "PRAGMA user_version = -3")


def lowered_version(path: Path) -> None:
    _sql(path, "PRAGMA user_version = 5")


def dropped_table(path: Path) -> None:
    _sql(path, "DROP TABLE person_channel")


def dropped_trigger(path: Path) -> None:
    _sql(path, "DROP TRIGGER interaction_fts_insert")


def zero_page(path: Path, page: int) -> None:
    """Page `page` (1-based) of the file overwritten with zeros, as a failing disk leaves it."""
    with path.open("r+b") as handle:
        handle.seek((page - 1) * PAGE)
        handle.write(b"\0" * PAGE)


SCHEMA_DAMAGE: dict[str, Callable[[Path], None]] = {
    "schema text that is not UTF-8": schema_not_utf8,
    "a negative user_version": negative_version,
    "a lowered user_version": lowered_version,
    "a dropped table": dropped_table,
    "a dropped trigger": dropped_trigger,
}
READS = (("list",), ("search", "Santoro"), ("list", "tag:university"), ("show", "#5"))


def data_tables(connection: sqlite3.Connection) -> list[str]:
    """The tables that hold data: no SQLite table, no full-text index nor its shadow tables."""
    rows = connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [name for name, sql in rows if str(sql).upper().startswith("CREATE VIRTUAL")]
    return sorted(
        name
        for name, _ in rows
        if not name.startswith("sqlite_")
        and name not in virtual
        and not any(name.startswith(f"{v}_") for v in virtual)
    )


def row_hashes(path: Path) -> dict[str, str]:
    """One hash per data table over all its rows, in a stable order."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        hashes = {}
        for table in data_tables(connection):
            digest = hashlib.sha256()
            for row in sorted(map(repr, connection.execute(f'SELECT * FROM "{table}"'))):
                digest.update(row.encode())
            hashes[table] = digest.hexdigest()[:16]
        return hashes
    finally:
        connection.close()


def damage_row(folder: Path, base: Path) -> dict[str, object]:
    """Each kind of schema damage: every read and `kith check` exit 5, the file untouched."""
    lost, tries = [], 0
    for name, make in SCHEMA_DAMAGE.items():
        path = folder / "damaged.db"
        shutil.copy(base, path)
        make(path)
        before = path.read_bytes()
        for args in (*READS, ("check",), ("backup", str(folder / "b.db"))):
            tries += 1
            code, _, err = kith(path, *args)
            if code != 5 or "is damaged" not in err or "kith restore" not in err:
                lost.append(f"{name}: `kith {' '.join(args)}` exit {code}: {err.strip()[:120]}")
        if path.read_bytes() != before:
            lost.append(f"{name}: the file was changed")
        if (folder / "b.db").exists():
            lost.append(f"{name}: a backup of the damaged file was written")
            (folder / "b.db").unlink()
    return {
        "tried": "schema damage (not UTF-8, negative or lowered version, dropped table or "
        "trigger): reads, check and backup",
        "count": tries,
        "lost": lost,
        "notes": "every one exit 5 'damaged … kith restore', the file unchanged, no backup made",
    }


def zeroed_page_row(folder: Path, base: Path, pages: int, seed: int) -> dict[str, object]:
    """A zeroed page: reads answer as before or exit 5, never a wrong answer; check finds it."""
    total = base.stat().st_size // PAGE
    chosen = sorted(random.Random(seed).sample(range(2, total + 1), min(pages, total - 1)))
    expected = [kith(base, *args) for args in READS]
    lost, found, tries = [], 0, 0
    for page in chosen:
        path = folder / "zeroed.db"
        shutil.copy(base, path)
        zero_page(path, page)
        for args, (want_code, want_out, _) in zip(READS, expected, strict=True):
            tries += 1
            code, out, err = kith(path, *args)
            wrong = (code, out) != (want_code, want_out) if code == 0 else "damaged" not in err
            if wrong:
                lost.append(f"page {page}: `kith {' '.join(args)}` exit {code}: {err[:80]}")
        found += kith(path, "check")[0] == 5
    return {
        "tried": "a zeroed page of the demo database: list, search, a tag list, show",
        "count": tries,
        "lost": lost,
        "notes": f"{len(chosen)} of {total} pages, each read {len(READS)} ways: the same answer "
        f"or exit 5, never a wrong one; `kith check` found {found} of the {len(chosen)}",
    }


def private_row(folder: Path) -> dict[str, object]:
    """Files 0600 and the data folder 0700, a looser existing file tightened."""
    home = folder / "home"
    env = {"XDG_DATA_HOME": str(home), "KITH_DB": ""}
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    os.environ.pop("KITH_DB")
    lost: list[str] = []
    try:
        result = CliRunner().invoke(cli, ["--now", NOW, "add", "Ada Lovelace"])
        data = home / "kith"
        files = [data / "kith.db", *[data / f"kith.db{s}" for s in ("-wal", "-shm")]]
        checks = [(data, 0o700)] + [(f, 0o600) for f in files if f.exists()]
        (data / "kith.db").chmod(0o644)
        data.chmod(0o755)
        result = CliRunner().invoke(cli, ["--now", NOW, "list"])
        if "tightened" not in result.stderr:
            lost.append("a looser file was not tightened with a note")
        for path, want in checks:
            got = stat.S_IMODE(path.stat().st_mode)
            if got != want:
                lost.append(f"{path.name} is {got:o}, not {want:o}")
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return {
        "tried": "modes of the data folder and its files, a loosened file tightened",
        "count": len(checks),
        "lost": lost,
        "notes": "folder 0700; database, -wal and -shm 0600",
    }


SECRET_BODY = "the-secret-body-7f3a"
PASSWORD = "hunter2-pass-91c"


class _Kept(logging.Handler):
    """Every record of every logger but the test client's own (which logs the URLs it asks)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith("httpx"):
            self.lines.append(f"{record.name} {record.getMessage()}")


def logs_row(folder: Path, base: Path) -> dict[str, object]:
    """Commands and web requests carrying a token, a password and a message body, with every
    logger at DEBUG: none of them in any log line."""
    from starlette.testclient import TestClient

    from kith.services import web_access
    from kith.store import open_store
    from kith.web.app import create_app
    from kith.web.config import WebSettings

    db = folder / "logs.db"
    shutil.copy(base, db)
    root, kept = logging.getLogger(), _Kept()
    level = root.level
    root.addHandler(kept)
    root.setLevel(logging.DEBUG)
    try:
        mbox = folder / "mail.mbox"
        mbox.write_text(
            "From ada@example.org Sat Nov 21 10:00:00 2026\n"
            "From: Ada Lovelace <ada@example.org>\nTo: me@example.org\n"
            f"Subject: hello\nDate: Sat, 21 Nov 2026 10:00:00 +0000\n\n{SECRET_BODY}\n"
        )
        kith(db, "config", "set", "me.emails", "me@example.org")
        kith(db, "import", str(mbox))
        kith(db, "log", "Ayaka Abe", SECRET_BODY, "--notes", PASSWORD)
        store = open_store(db)
        page, feed = web_access.issue_token(store), web_access.issue_feed_token(store)
        store.close()
        app = create_app(db, WebSettings(host="127.0.0.1", now=NOW))
        with TestClient(app, base_url="http://127.0.0.1:8765", follow_redirects=False) as web:
            asked = [
                f"/?token={page}",
                f"/calendar/{feed}.ics",
                f"/calendar/{feed[:-1]}x.ics",
                f"/people?q={SECRET_BODY}",
            ]
            for path in asked:
                web.get(path)
            web.get("/people", headers={"authorization": f"Bearer {page}"})
            form = web.get("/log").text.split('name="csrf" value="', 1)[-1][:64]
            web.post("/log", data={"csrf": form, "who": "Ayaka Abe", "what": SECRET_BODY})
            web.post("/log", data={"csrf": "wrong", "who": "x", "what": PASSWORD})
    finally:
        root.removeHandler(kept)
        root.setLevel(level)
    secrets = {
        "page token": page,
        "feed token": feed,
        "a wrong feed token": feed[:-1],
        "message body": SECRET_BODY,
        "password": PASSWORD,
    }
    lost = [
        f"the {what} in: {line}"
        for line in kept.lines
        for what, secret in secrets.items()
        if secret in line
    ]
    return {
        "tried": "an import, a log with notes, web requests with tokens in the URL, a header "
        "and a form, every logger at DEBUG",
        "count": len(asked) + 6,
        "lost": lost,
        "notes": f"{len(kept.lines)} log lines read; none holds a token, password or body",
    }


def round_trip_row(folder: Path, base: Path, times: int) -> dict[str, object]:
    """`kith backup` then `kith restore`, row hashes equal each time."""
    lost = []
    db = folder / "live.db"
    shutil.copy(base, db)
    want = row_hashes(db)
    for n in range(times):
        backup = folder / f"backup-{n}.db"
        steps = [
            ("backup", str(backup)),
            ("add", f"Changed Later{n}"),
            ("restore", str(backup), "--yes"),
        ]
        for args in steps:
            code, _, err = kith(db, *args)
            if code != 0:
                lost.append(f"`kith {args[0]}` exit {code}: {err.strip()[:100]}")
        got = row_hashes(db)
        if got != want:
            lost.append(f"round trip {n}: {sorted(k for k in want if got.get(k) != want[k])}")
    return {
        "tried": "kith backup, a change, kith restore: every table's row hash compared",
        "count": times,
        "lost": lost,
        "notes": "the restored file equals the backed-up one, row for row",
    }


def run(scale: str | float, seed: int) -> list[dict[str, object]]:
    """Every row of this group; `scale` "full" (or 1.0) tries more than the reduced form."""
    full = scale in ("full", 1.0, 1)
    from reliability.schema_versions import upgrade_row

    with tempfile.TemporaryDirectory(prefix="kith-reliability-") as name:
        folder = Path(name)
        base = build_demo(folder, seed)
        return [
            damage_row(folder, base),
            zeroed_page_row(folder, base, 400 if full else 12, seed),
            upgrade_row(folder),
            round_trip_row(folder, base, 20 if full else 2),
            private_row(folder),
            logs_row(folder, base),
        ]
