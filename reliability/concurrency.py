"""Concurrency: CLI, web and sync writes at once, beside back-to-back imports of large files.

A real `kith serve` receives quick-log POSTs (with its CSRF token) sent at a steady rate (5 a
second, whether or not the ones before were answered, as people using the app would: a write
held up does not hide the ones that would have come meanwhile); two more threads run
`kith log`, `kith note`, `kith tag` and `kith add` as child processes; one runs `kith sync
calendar` against a calendar served over HTTP here that gains a meeting before each sync; one
more runs `kith import` on one large file after another (vCards, mailboxes, LinkedIn exports,
WhatsApp chats, each new to the database). Every write carries a unique text. A write is
acknowledged when the command exits 0 or the page answers 200; afterwards each acknowledged
write must be in the database, and no write may have failed ("database is locked" or any
other error reaching the user). The latency figures count only writes that were due while an
import ran: a web write's is from when it was due to its answer; a CLI or sync write's is the
whole command, Python's start-up included.
"""

from __future__ import annotations

import itertools
import random
import sqlite3
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from bench.imports import vcards
from reliability import FULL, REDUCED, Row, count
from reliability._files import CHAT_ME, MAIL_ME, linkedin_zip, mbox, whatsapp
from reliability._kith import Server, damage, kith
from tests.calendar_servers import serving

TITLE = "Concurrency"
ORDER = 20
FULL_WEB = 4_800
FULL_CLI = 200
FULL_SYNC = 100
WEB_CLIENTS = 16  # connections at most at once
WEB_RATE = 5.0  # web writes a second
CLI_WRITERS = 2
PEOPLE = 150  # the demo network's
IDLE = 8  # writes of each face before the imports start


@dataclass
class Write:
    face: str  # "web", "cli" or "sync"
    what: str  # log, note, tag, add
    text: str  # the unique text it wrote
    person: int
    began: float
    ended: float
    ok: bool
    error: str = ""


@dataclass
class Imports:
    spans: list[tuple[float, float, str]]  # (began, ended, the file's kind)
    failures: list[str]
    done: int = 0


def import_files(folder: Path, seed: int, size: float) -> list[tuple[Path, str]]:
    """Large files, each new to the database: (path, --me)."""
    found: list[tuple[Path, str]] = []
    cards = max(100, round(1_500 * size))
    for k in range(4):
        plain = vcards(cards, folder / f"plain-{k}.vcf").read_text(encoding="utf-8")
        card = folder / f"contacts-{k}.vcf"
        card.write_text(
            plain.replace("UID:card-", f"UID:card{k}-").replace("@example.org", f"@v{k}.example"),
            encoding="utf-8",
        )
        found.append((card, MAIL_ME))
        found.append(
            (mbox(folder / f"mail-{k}.mbox", max(200, round(3_000 * size)), seed + k), MAIL_ME)
        )
        scratch = folder / f"linkedin-{k}"
        scratch.mkdir()
        archive = linkedin_zip(folder / f"linkedin-{k}.zip", max(100, round(1_500 * size)), scratch)
        found.append((archive, MAIL_ME))
        chat = whatsapp(folder / f"WhatsApp Chat {k}.txt", max(500, round(8_000 * size)), seed + k)
        found.append((chat, CHAT_ME))
    return found


def importing(db: Path, files: list[tuple[Path, str]], stop: threading.Event, log: Imports) -> None:
    for path, me in itertools.cycle(files):
        if stop.is_set():
            return
        began = time.monotonic()
        done = kith(db, "import", str(path), "--me", me, check=False)
        log.spans.append((began, time.monotonic(), kind_of(path)))
        log.done += 1
        if done.returncode not in (0, 6):
            log.failures.append(f"import {path.name}: {done.stderr.strip()}")


def kind_of(path: Path) -> str:
    return {".vcf": "vCard", ".mbox": "mbox", ".zip": "LinkedIn", ".txt": "WhatsApp"}[path.suffix]


def web_client(
    server: Server, number: int, writes: int, rng: random.Random, out: list[Write]
) -> None:
    """Writes sent one after another; each one's latency from when it was sent."""
    for n in range(writes):
        web_write(server, f"web write {number}-{n}", rng.randint(1, PEOPLE), time.monotonic(), out)


def web_write(server: Server, text: str, person: int, due: float, out: list[Write]) -> None:
    status = server.log(f"#{person}", text)
    error = "" if status == 200 else f"HTTP {status}"
    out.append(Write("web", "log", text, person, due, time.monotonic(), status == 200, error))


def web_clients(server: Server, writes: int, rng: random.Random, out: list[Write]) -> None:
    """Writes sent at a steady rate, whether or not the ones before were answered (as people
    using the app do); each one's latency from when it was due, so that a write held up does
    not hide the ones that would have come meanwhile."""
    start = time.monotonic()
    with ThreadPoolExecutor(WEB_CLIENTS) as pool:
        for n in range(writes):
            due = start + n / WEB_RATE
            time.sleep(max(0.0, due - time.monotonic()))
            pool.submit(web_write, server, f"web write 0-{n}", rng.randint(1, PEOPLE), due, out)


def cli_writer(db: Path, number: int, writes: int, rng: random.Random, out: list[Write]) -> None:
    for n in range(writes):
        person = rng.randint(1, PEOPLE)
        what = ("log", "note", "tag", "add")[n % 4]
        text = f"cli {what} {number}-{n}"
        args = {
            "log": ("log", f"#{person}", text),
            "note": ("note", f"#{person}", text),
            "tag": ("tag", f"#{person}", f"c{number}x{n}"),
            "add": ("add", f"Added Person {number} {n}", "--new"),
        }[what]
        began = time.monotonic()
        done = kith(db, *args, check=False)
        ok = done.returncode == 0
        label = (
            f"c{number}x{n}"
            if what == "tag"
            else (f"Added Person {number} {n}" if what == "add" else text)
        )
        out.append(
            Write("cli", what, label, person, began, time.monotonic(), ok, done.stderr.strip())
        )


def meeting(n: int) -> str:
    return (
        f"BEGIN:VEVENT\r\nUID:sync-{n}@example.org\r\nDTSTART:202611{1 + n % 20:02d}T"
        f"{8 + n % 9:02d}{n % 60:02d}00Z\r\nDURATION:PT30M\r\nSUMMARY:sync write {n}\r\n"
        f"ORGANIZER:mailto:{MAIL_ME}\r\nATTENDEE;CN=Guest {n}:mailto:guest{n}@sync.example\r\n"
        "END:VEVENT\r\n"
    )


def sync_writer(db: Path, url: str, folder: Path, writes: int, out: list[Write]) -> None:
    """`kith sync calendar` after the calendar gained a meeting, `writes` times: each sync
    logs one meeting (the earlier ones are known)."""
    for n in range(writes):
        body = "".join(meeting(k) for k in range(n + 1))
        (folder / "calendar.ics").write_text(
            f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//k//r//EN\r\n{body}END:VCALENDAR\r\n"
        )
        began = time.monotonic()
        args = ("sync", "calendar", url, "--me", MAIL_ME) if n == 0 else ("sync", "calendar")
        done = kith(db, *args, check=False)
        ok = done.returncode == 0
        out.append(
            Write("sync", "log", f"sync write {n}", 0, began, time.monotonic(), ok, done.stderr)
        )


def missing(db: Path, writes: list[Write]) -> list[str]:
    """The acknowledged writes not found in the database."""
    connection = sqlite3.connect(db)
    try:
        logged = {
            (row[0], row[1])
            for row in connection.execute(
                "SELECT i.summary, p.person_id FROM interaction i "
                "JOIN participant p ON p.interaction_id = i.id "
                "WHERE i.summary LIKE 'web write %' OR i.summary LIKE 'cli log %'"
            )
        }
        notes = {tuple(r) for r in connection.execute("SELECT text, person_id FROM note")}
        tags = {
            tuple(r)
            for r in connection.execute(
                "SELECT t.name, pt.person_id FROM tag t JOIN person_tag pt ON pt.tag_id = t.id"
            )
        }
        people = {r[0] for r in connection.execute("SELECT display_name FROM person")}
        synced = {
            r[0]
            for r in connection.execute(
                "SELECT summary FROM interaction WHERE summary LIKE 'sync write %'"
            )
        }
    finally:
        connection.close()
    lost = []
    for write in writes:
        if not write.ok:
            continue
        found = {
            "log": write.text in synced
            if write.face == "sync"
            else (write.text, write.person) in logged,
            "note": (write.text, write.person) in notes,
            "tag": (write.text, write.person) in tags,
            "add": write.text in people,
        }[write.what]
        if not found:
            lost.append(f"{write.face} {write.what} '{write.text}' acknowledged but not found")
    return lost


def quantile(values: list[float], percent: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def p99(values: list[float]) -> float:
    return quantile(values, 99)


def during(write: Write, spans: list[tuple[float, float, str]]) -> str | None:
    """The kind of import running when the write began, if one was."""
    return next((kind for a, b, kind in spans if a <= write.began < b), None)


def spread(values: list[float]) -> str:
    """p50 / p95 / p99 / max in milliseconds, and how many."""
    marks = (statistics.median(values) if values else 0.0, quantile(values, 95), p99(values))
    shown = " / ".join(f"{value * 1000:.0f}" for value in (*marks, max(values, default=0.0)))
    return f"{shown} ms ({len(values):,})"


def measured(
    writes: list[Write],
    idle: list[Write],
    imports: Imports,
    seconds: float,
    totals: tuple[int, int, int],
) -> tuple[dict[str, float], str]:
    """The figures and the notes of a run."""
    web_total, cli_total, sync_total = totals
    spans = imports.spans
    taken = {
        face: [w.ended - w.began for w in writes if w.face == face and during(w, spans)]
        for face in ("web", "cli", "sync")
    }
    web_during = [(w.ended - w.began, during(w, spans)) for w in writes if w.face == "web"]
    by_kind = {
        kind: p99([took for took, running in web_during if running == kind])
        for kind in sorted({kind for _, _, kind in spans})
    }
    locked = sum("locked" in w.error for w in writes)
    alone = {
        face: statistics.median(w.ended - w.began for w in idle if w.face == face)
        for face in ("web", "cli")
    }
    web = taken["web"]
    figures = {
        "web_p99": p99(web),
        "web_p95": quantile(web, 95),
        "web_p50": statistics.median(web) if web else 0.0,
        "web_max": max(web, default=0.0),
        "cli_p99": p99(taken["cli"]),
        "cli_p50": statistics.median(taken["cli"]) if taken["cli"] else 0.0,
        "sync_p99": p99(taken["sync"]),
    }
    notes = (
        f"{len(writes):,} writes in {seconds:.0f} s ({web_total:,} web POSTs to `kith serve` "
        f"sent {WEB_RATE:.0f} a second, {cli_total:,} CLI log/note/tag/add from {CLI_WRITERS} "
        f"writers, {sync_total:,} `kith sync calendar` runs each logging a new meeting) beside "
        f"{imports.done} back-to-back imports (vCard, mbox, LinkedIn zip, WhatsApp) written in "
        f"slices; {locked} 'database is locked'. While an import ran, p50 / p95 / p99 / max: "
        f"web write {spread(web)}; CLI write (whole command, start-up included) "
        f"{spread(taken['cli'])}; sync (whole command) {spread(taken['sync'])}. Alone, before "
        f"the imports: web p50 {alone['web'] * 1000:.0f} ms, CLI p50 "
        f"{alone['cli'] * 1000:.0f} ms. Web p99 by the import running: "
        + ", ".join(f"{kind} {value * 1000:.0f} ms" for kind, value in by_kind.items())
        + "."
    )
    return figures, notes


def run(scale: float, seed: int) -> Row:
    rng = random.Random(seed)
    web_total, cli_total = count(FULL_WEB, scale, 100), count(FULL_CLI, scale, 8)
    sync_total = count(FULL_SYNC, scale, 4)
    size = 1.0 if scale > REDUCED else 0.3  # the reduced form: smaller files
    with tempfile.TemporaryDirectory(prefix="kith-concurrency-") as scratch:
        folder = Path(scratch)
        db = folder / "kith.db"
        kith(db, "demo")
        kith(db, "config", "set", "me.emails", MAIL_ME)
        kith(db, "plan")
        files = import_files(folder, seed, size)
        server = Server(db)
        server.ready()
        idle: list[Write] = []  # the same writes with nothing else running, for comparison
        web_client(server, 9, IDLE, random.Random(seed), idle)
        cli_writer(db, 9, IDLE, random.Random(seed), idle)
        stop, imports = threading.Event(), Imports([], [])
        importer = threading.Thread(target=importing, args=(db, files, stop, imports))
        calendar = folder / "calendar"
        calendar.mkdir()
        with serving(calendar) as base:
            url = f"{base}calendar.ics"
            importer.start()
            while not imports.spans and importer.is_alive():  # the first import is under way
                time.sleep(0.05)
            time.sleep(0.5)
            writes: list[Write] = []
            threads = [
                threading.Thread(
                    target=web_clients,
                    args=(server, web_total, random.Random(rng.random()), writes),
                ),
                threading.Thread(target=sync_writer, args=(db, url, calendar, sync_total, writes)),
            ] + [
                threading.Thread(
                    target=cli_writer,
                    args=(db, k, cli_total // CLI_WRITERS, random.Random(rng.random()), writes),
                )
                for k in range(CLI_WRITERS)
            ]
            began = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            seconds = time.monotonic() - began
            stop.set()
            importer.join()
        server.stop()
        writes += idle
        lost = [f"{w.face} {w.what} failed: {w.error}" for w in writes if not w.ok]
        lost += missing(db, writes)
        lost += damage(db)
        lost += imports.failures
    figures, notes = measured(writes, idle, imports, seconds, (web_total, cli_total, sync_total))
    slow = figures["web_p99"] >= 1.0
    if slow and scale >= FULL:  # the reduced form's few writes on a busy machine: a figure only
        lost.append(f"web write p99 {figures['web_p99']:.2f} s while importing (limit 1 s)")
    return Row(
        "CLI, web and sync writes at once beside back-to-back imports",
        len(writes),
        tuple(lost),
        notes,
        figures,
    )
