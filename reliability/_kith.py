"""What the proofs share: running Kith as a user would, copying databases, checking them.

Kith runs in child processes (`python -m kith`), killed with SIGKILL like a power cut would.
A database's state is compared as row hashes of its user-visible tables: every ordinary
table but SQLite's own, the full-text indexes' internals (checked with their own
'integrity-check' instead), the runs' bookkeeping (`import_run`, `sync_run`, `stage`,
`schema_migration`) and the caches of a read kept in `meta` (CACHES), with random
identifiers (UUIDs: a person's uid, a manual log's source id) masked, since two runs of the
same command draw different ones, and so are references to the runs (which run wrote a row).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

from reliability._launch import launch

NOW = "2026-11-22T10:00"
BOOKKEEPING = frozenset({"import_run", "stage", "schema_migration", "sync_run"})
# meta rows that are caches of a read, written after the command's own transaction and filled
# again by the next command that reads them: `kith plan` keeps the week's introduction gift
# (plan.gift) in a transaction of its own after the week's; a kill between leaves the week
# whole and the gift to the next `plan`
CACHES = frozenset({"plan.gift"})
UUID = re.compile(r"^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$")
CSRF = re.compile(r'name="csrf" value="([0-9a-f]{64})"')


def kith_command(db: Path, *args: str, now: str = NOW) -> list[str]:
    return [sys.executable, "-m", "kith", "--db", str(db), "--now", now, *args]


def kith(
    db: Path, *args: str, now: str = NOW, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run one Kith command to its end; its output."""
    done = subprocess.run(
        kith_command(db, *args, now=now),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    if check and done.returncode not in (0, 6):  # 6: some records skipped, the rest in
        raise RuntimeError(f"kith {' '.join(args)} exited {done.returncode}: {done.stderr}")
    return done


def start(command: Sequence[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        list(command),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def kill(child: Any) -> bool:
    """SIGKILL the child; whether it was still running (else it had finished)."""
    running = child.poll() is None
    if running:
        child.send_signal(signal.SIGKILL)
    child.wait()
    return running


def copy_db(source: Path, target: Path) -> Path:
    """A copy of a closed database (and its WAL, if one is left)."""
    for suffix in ("", "-wal"):
        src = Path(f"{source}{suffix}")
        dst = Path(f"{target}{suffix}")
        if src.exists():
            shutil.copyfile(src, dst)
        elif dst.exists():
            dst.unlink()
    Path(f"{target}-shm").unlink(missing_ok=True)
    os.chmod(target, 0o600)
    return target


def damage(db: Path) -> list[str]:
    """What SQLite finds wrong with the file: integrity, foreign keys, the full-text indexes."""
    connection = sqlite3.connect(db)
    try:
        found = [
            f"integrity: {row[0]}"
            for row in connection.execute("PRAGMA integrity_check")
            if row[0] != "ok"
        ]
        found += [f"foreign key: {row}" for row in connection.execute("PRAGMA foreign_key_check")]
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%'"
        ):
            try:
                connection.execute(f"INSERT INTO {name}({name}) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as error:
                found.append(f"full-text index {name}: {error}")
        return found
    finally:
        connection.close()


def visible_tables(connection: sqlite3.Connection) -> list[str]:
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE '%VIRTUAL TABLE%' ORDER BY name"
        )
    ]
    virtual = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%VIRTUAL TABLE%'"
        )
    ]
    shadow = tuple(f"{v}_" for v in virtual)
    return [n for n in names if n not in BOOKKEEPING and not n.startswith(shadow)]


def masked(value: object, replacing: tuple[str, ...] = ()) -> object:
    """A value as the state compares it: a UUID masked, and each of `replacing` (a name that
    differs from run to run by design, as a CardDAV push's own address book) put as <name>."""
    if not isinstance(value, str):
        return value
    if UUID.match(value):
        return "<uuid>"
    for name in replacing:
        value = value.replace(name, "<name>")
    return value


def run_columns(connection: sqlite3.Connection, table: str) -> set[int]:
    """The positions of `table`'s columns that point at bookkeeping (an import's run): which
    run wrote a row is bookkeeping too (a sync that commits folder by folder, killed and run
    again, has two runs where an uninterrupted one has one, and the same rows)."""
    names = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
    pointing = {
        row[3]
        for row in connection.execute(f'PRAGMA foreign_key_list("{table}")')
        if row[2] in BOOKKEEPING
    }
    return {n for n, name in enumerate(names) if name in pointing}


def state(db: Path, replacing: tuple[str, ...] = ()) -> dict[str, str]:
    """Each user-visible table's row hash (order-free, UUIDs and run ids masked, and each of
    `replacing` in a text)."""
    connection = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        hashes = {}
        for table in visible_tables(connection):
            runs = run_columns(connection, table)
            rows = sorted(
                repr(
                    tuple(
                        "<run>" if n in runs and v is not None else masked(v, replacing)
                        for n, v in enumerate(row)
                    )
                )
                for row in connection.execute(f'SELECT * FROM "{table}"')
                if not (table == "meta" and row[0] in CACHES)
            )
            hashes[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        return hashes
    finally:
        connection.close()


def differing(a: dict[str, str], b: dict[str, str]) -> list[str]:
    return sorted(t for t in a.keys() | b.keys() if a.get(t) != b.get(t))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """A real `kith serve` on a loopback port, and a browser-like session with it."""

    db: Path
    now: str = NOW
    forked: bool = False  # forked from reliability/_launch.py's server rather than started anew

    def __post_init__(self) -> None:
        self.port = free_port()
        args = ("serve", "--port", str(self.port))
        self.child: Any = (
            launch(["--db", str(self.db), "--now", self.now, *args], self.db.parent / "serve")
            if self.forked
            else start(kith_command(self.db, *args, now=self.now))
        )
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        self.base = f"http://127.0.0.1:{self.port}"
        self.csrf = ""

    def ready(self, timeout: float = 60.0) -> None:
        """Wait until the app answers, and take its form token."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                page = self.opener.open(f"{self.base}/log", timeout=5).read().decode()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if self.child.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("kith serve did not start") from None
                time.sleep(0.05)
        found = CSRF.search(page)
        if found is None:
            raise RuntimeError("no form token on /log")
        self.csrf = found.group(1)

    def log(self, who: str, what: str, timeout: float = 60.0) -> int:
        """POST the quick log; the status (0 when the connection failed)."""
        body = urllib.parse.urlencode(
            {"csrf": self.csrf, "who": who, "channel": "in_person", "what": what}
        ).encode()
        request = urllib.request.Request(
            f"{self.base}/log", data=body, headers={"Origin": self.base}, method="POST"
        )
        try:
            with self.opener.open(request, timeout=timeout) as answer:
                return int(answer.status)
        except urllib.error.HTTPError as error:
            return int(error.code)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return 0

    def stop(self) -> None:
        if self.child.poll() is None:
            self.child.send_signal(signal.SIGTERM)
            try:
                self.child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                kill(self.child)
