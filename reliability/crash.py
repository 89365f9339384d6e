"""Crash safety: SIGKILL at seeded random moments during every kind of write that takes time.

For each operation: a base database (the demo network, me.emails set, this week's plan
chosen), one uninterrupted run of the operation on a copy (its 'done' state and how long it
takes), then kills. Each kill copies the base, starts the operation as a user would (a `kith`
child process, or POSTs to a real `kith serve`), sends SIGKILL at a moment drawn uniformly from
the run's length, and then checks: PRAGMA integrity_check, foreign_key_check and the full-text
indexes are clean; the database is the base or the done state and nothing between (all or
nothing; an interrupted mail import's stage is bookkeeping, not user data); re-running the
operation (again, for what is idempotent; only when it had not happened, for a merge, an
unmerge, an undo and a restore) reaches the done state exactly. The state is read after the
next command a user would run (`kith imports`): an import written in slices (store/journal.py)
is taken back by the next open, as SQLite's own journal is; the raw file is checked for damage
before that too.

A second row kills each command at chosen moments instead (POINTS: the call of what it prepares
after its last commit), every run, and also judges what is left by the next `kith today`: the
same exit code, output and rows as after the uninterrupted run (next_today).
"""

from __future__ import annotations

import contextlib
import json
import random
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from reliability import FULL, Row, count
from reliability._files import CHAT_ME, MAIL_ME, calendar, vcards, write_all
from reliability._kith import NOW, Server, copy_db, damage, differing, kill, state
from reliability._launch import SERVERS, launch, status_lost
from reliability._launch import run as run_kith
from reliability._servers import Books, Sync, sync_servers

TITLE = "Crash safety"
ORDER = 10
FULL_KILLS = 625  # over the operations below, evenly: 25 each
WORKERS = 2
NEXT_WEEK = "2026-11-30T09:00"
ONE_MONDAY_ON = "2026-11-29T10:00"  # a week after NOW: one Monday due, as prepared
WEB_WRITES = 40
LOST_STATUS: list[str] = []  # commands whose exit status the fork server lost (see _launch)
FULL_FILES = 0.5  # the files' size (reliability/_files.py's 1.0: an import of a few seconds);
# half: each operation is killed 25 times at moments spread over its length whatever it is, and
# a kill costs about one and a half runs of it, so halved files halve the proof's time
REDUCED_FILES = 0.25  # the reduced form's files
DAV_CARDS = 400  # the CardDAV book a sync pulls (the reduced form: REDUCED_FILES of it)
PUSHED = 40  # the people a CardDAV push writes to the server, a PUT each (the demo network's
# 150 took 22 s at load 11: a kill costs about one and a half runs of the operation)
IMAP_MAILS = 1_500  # the IMAP account's messages (the reduced form: REDUCED_FILES of it)


@dataclass
class Operation:
    """A write that is killed: its command, the base it starts from, when to run it again."""

    name: str
    base: Path
    args: tuple[str, ...]
    again: bool = True  # run again after a kill even when it had finished (idempotent)
    now: str = NOW
    before: dict[str, str] = field(default_factory=dict)
    done: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    output: Path | None = None  # a file the operation writes (a backup): whole or absent
    env: dict[str, str] = field(default_factory=dict)  # a sync's password
    books: Books | None = None  # a CardDAV push: a new book per run (@BOOK in args)
    cards: list[str] = field(default_factory=list)  # the cards the uninterrupted push left there
    ahead: bool = False  # prepares the next Monday after its output (cli/ahead.py): a cache
    done_db: Path | None = None  # the uninterrupted run's database (what the next `today` sees)


@dataclass
class Outcome:
    killed_running: bool
    landed: str  # "none", "all", or what was partial
    lost: list[str]


def kith(
    db: Path, *args: str, now: str = NOW, env: dict[str, str] | None = None, check: bool = True
) -> tuple[int, str, str]:
    """Run one Kith command to its end in a forked process: exit code, stdout, stderr."""
    logs = db.parent / f"{db.name}.{time.monotonic_ns()}.{threading.get_ident()}"
    code, out, err = run_kith(["--db", str(db), "--now", now, *args], logs, env)
    for end in ("out", "err"):
        Path(f"{logs}.{end}").unlink(missing_ok=True)
    if status_lost(code, err):
        LOST_STATUS.append(" ".join(args))
        code = 0 if check else code  # what it did is judged by the database it left
    if check and code not in (0, 6):  # 6: some records skipped, the rest in
        raise RuntimeError(f"kith {' '.join(args)} exited {code}: {err}")
    return code, out, err


def prepare(folder: Path, seed: int, size: float, syncs: list[Sync]) -> list[Operation]:
    """The base databases and every operation, each measured once uninterrupted."""
    files = write_all(folder / "files", seed, size)
    base = folder / "base.db"
    kith(base, "demo")
    kith(base, "config", "set", "me.emails", MAIL_ME)
    kith(base, "plan")
    merged = copy_db(base, folder / "merged.db")
    kith(merged, "merge", "#2", "#3")
    imported = copy_db(base, folder / "imported.db")
    kith(imported, "import", str(files["vcard"]))
    logged = copy_db(imported, folder / "logged.db")  # the import's prepared step, then a log
    kith(logged, "log", "#4", "coffee")
    added = copy_db(imported, folder / "added.db")  # the import's prepared step, a new person
    kith(added, "add", "Nia Newcomer")
    other = folder / "other-backup.db"
    kith(imported, "backup", str(other))
    empty = folder / "empty.db"
    kith(empty, "config", "set", "me.emails", MAIL_ME)
    small = copy_db(empty, folder / "small.db")  # the CardDAV push's: PUSHED people, no more
    kith(small, "import", str(vcards(PUSHED, folder / "pushed.vcf")), "--me", MAIL_ME)
    undo_run = _newest_run(kith(imported, "imports", "--json")[1])
    merge_id = _newest_merge(kith(merged, "merges", "--json")[1])
    operations = [
        *(
            Operation(f"import {kind}", base, ("import", str(path), "--me", me))
            for kind, path, me in (
                ("mail (mbox)", files["mbox"], MAIL_ME),
                ("vCard", files["vcard"], MAIL_ME),
                ("CSV (Google)", files["csv"], MAIL_ME),
                ("LinkedIn zip", files["linkedin"], MAIL_ME),
                ("Kith JSON", files["kith-json"], MAIL_ME),
                ("WhatsApp chat", files["whatsapp"], CHAT_ME),
                ("SMS backup", files["sms"], MAIL_ME),
                ("iCalendar", files["ics"], MAIL_ME),
                ("Telegram export", files["telegram"], CHAT_ME),
                ("Messenger thread", files["messenger"], CHAT_ME),
            )
        ),
        *(
            Operation(
                sync.name,
                small if sync.books else (empty if sync.empty_base else base),
                sync.args,
                env=sync.env,
                books=sync.books,
            )
            for sync in syncs
        ),
        Operation("merge", base, ("merge", "#2", "#3"), again=False),
        Operation("unmerge", merged, ("unmerge", str(merge_id)), again=False),
        Operation(
            "undo an import", imported, ("import", "--undo", str(undo_run), "--yes"), again=False
        ),
        Operation("rebuild", stale(base, folder / "stale.db"), ("rebuild",)),
        Operation("the weekly step (plan, a week on)", base, ("plan",), now=NEXT_WEEK),
        # a log keeps the step the import prepared (naming #4); the week's first command patches
        # it for #4 and promotes it (services/ties/layer_patch.py)
        Operation("log (the next Monday's step kept)", imported, ("log", "#4", "tea"), again=False),
        Operation("the weekly step after a log (patched)", logged, ("plan",), now=ONE_MONDAY_ON),
        # the same log with the preparation it starts after it (inline here, so that the kill
        # can land in it): it patches the step for #4 aside (services/week/week_ahead.py); a kill
        # there leaves the patch to the week's first command
        Operation(
            "log, the next Monday's step patched after it",
            imported,
            ("log", "#4", "tea"),
            again=False,
            env={"KITH_PREPARE_AHEAD": "inline"},
            ahead=True,
        ),
        # a new person keeps it too (named, migration 0039): the patch ranks them in
        Operation("add (the next Monday's step kept)", imported, ("add", "Ada Newer"), again=False),
        Operation("the weekly step after an add (patched)", added, ("plan",), now=ONE_MONDAY_ON),
        # the week's first command, then the next Monday's step prepared in its own process
        # (inline here, so that the kill can land in it): a kill there leaves next week cold
        Operation(
            "the weekly step, the next Monday prepared after it",
            base,
            ("plan",),
            now=NEXT_WEEK,
            env={"KITH_PREPARE_AHEAD": "inline"},
            ahead=True,
        ),
        Operation("backup", base, ("backup", "@OUT", "--force"), output=folder / "out.db"),
        Operation("restore", base, ("restore", str(other), "--yes"), again=False),
    ]
    with ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(lambda o: measure(o[1], folder / f"reference-{o[0]}"), enumerate(operations)))
    return operations


def _newest_run(text: str) -> int:
    document = json.loads(text)
    runs = document.get("runs", document) if isinstance(document, dict) else document
    return max(int(run["id"]) for run in runs)


def _newest_merge(text: str) -> int:
    document = json.loads(text)
    merges = document.get("merges", document) if isinstance(document, dict) else document
    return max(int(merge["id"]) for merge in merges)


def args_for(operation: Operation, work: Path) -> tuple[str, ...]:
    """The operation's arguments in `work`: @OUT the file it writes, @BOOK a new address book
    on the server (made here, once per work folder)."""
    found = tuple(str(work / "out.db") if a == "@OUT" else a for a in operation.args)
    if operation.books is not None and "@BOOK" in found:
        url = operation.books.make(book_name(work))
        found = tuple(url if a == "@BOOK" else a for a in found)
    return found


def book_name(work: Path) -> str:
    return f"push-{work.name}"


def state_in(operation: Operation, db: Path, work: Path) -> dict[str, str]:
    """The database's state, its run's own address book's name masked (a CardDAV push)."""
    return state(db, (book_name(work),) if operation.books is not None else ())


def measure(operation: Operation, work: Path) -> None:
    work.mkdir(parents=True, exist_ok=True)
    db = copy_db(operation.base, work / "kith.db")
    operation.before = state_in(operation, db, work)
    started = time.monotonic()
    kith(db, *args_for(operation, work), now=operation.now, env=operation.env)
    operation.seconds = time.monotonic() - started
    operation.done = state(work / "out.db") if operation.output else state_in(operation, db, work)
    operation.done_db = db
    if operation.books is not None:
        operation.cards = operation.books.cards(book_name(work))
        if not operation.cards:
            raise RuntimeError(f"{operation.name} wrote no card to the server")
    if operation.done == operation.before and not operation.output:
        raise RuntimeError(f"{operation.name} changed nothing: nothing to kill")


def stale(base: Path, target: Path) -> Path:
    """The base with its aggregates lost (as after a repair): what `rebuild` is for."""
    import sqlite3

    copy_db(base, target)
    connection = sqlite3.connect(target)
    with connection:
        connection.execute("DELETE FROM tie")
        connection.execute("DELETE FROM person_channel")
    connection.close()
    return target


# What an import prepares after its own transaction (the layers and the week's choice, for the
# next `today`, and the next Monday's step in layer_prepared, migration 0033): a cache the next
# `plan` makes again, so a kill between the two is no loss; the weekly step refreshes them too
# before it chooses the week (a kill between: nothing chosen).
# gift_input: the week's gift's inputs (migration 0034), made again by the gift when stale;
# gift_strength: the S next week's gift was chosen ahead with (0037), checked before it is used.
# A sync that ran prepares the same after its own transactions (cli/sync/group.prepare_week).
# layer_prepared_rank and layer_prepared_touched (migration 0036): the ranking the preparation
# keeps for a patch, and the people named since, which a patch empties.
PREPARED_AFTER_IMPORT = {
    "layer_state_a",  # the two sets of the layers' tables (migration 0047)
    "layer_strength_a",
    "layer_peaks_a",
    "layer_state_b",
    "layer_strength_b",
    "layer_peaks_b",
    "layer_prepared_rank",
    "layer_prepared_touched",
    "meta",
    "gift_input",
    "gift_strength",
}
# The step's inputs kept by blocks of ids (migration 0051, store/week/blocks.py): a block is
# dropped by its rows' triggers and read again from them when it is next wanted.
INPUT_BLOCKS = {"people_block", "tie_block"}
PREPARED_AFTER_IMPORT |= INPUT_BLOCKS


# The week's gift keeps its inputs in a transaction of their own before it chooses (services/mesh/
# gift.py, gift_inputs.keep), after the week's plan is committed: a `plan` killed between the two
# has chosen the week and left the inputs to be made again by the next gift (a new person since
# the last import makes them stale, so the weekly step after an add writes them).
GIFT_CACHES = {"gift_input", "gift_strength"}


# What a sync commits before its data: the source's settings (`kith sync calendar URL` saves
# the URL, then fetches; a CardDAV sync also the address book discovery found). An IMAP sync
# commits folder by folder, in batches, each recorded in imap_folder.last_uid so that the next
# sync goes on from there (the re-run's check holds that it does).
SYNC_SETTINGS = {"sync_source", "carddav_book"}
# An import or a sync killed after its data committed and before its preparation chose the week
# (services/week/plan.prepare → this_week; only where the base had no week chosen: a CardDAV
# pull into an empty book) leaves the week to the next `plan` or `today`, which chooses it from
# the same rows as of the same clock: no loss when what the person sees next is the same
# (`next_today`, run for every such kill: the same output and, its preparation after it done,
# the same rows as after the uninterrupted run).
WEEK_CHOSEN = {"plan_week", "plan_pick"}
WEEK_LEFT = "all (the week left to the next today: the same output and rows)"
IMAP_BATCHES = "imap_folder"
# A CardDAV push writes card by card, each card's status saved in batches (and when it stops):
# a card written there whose status was lost is matched back by its UID on the next sync
CARD_BATCHES = "carddav_card"


def landed(operation: Operation, now: dict[str, str]) -> str:
    if now == operation.before:
        return "none"
    if now == operation.done:
        return "all"
    changed = set(differing(now, operation.before))
    if changed <= PREPARED_AFTER_IMPORT:
        return "none (the caches the next plan makes again refreshed)"
    if operation.name.startswith("sync") and changed <= SYNC_SETTINGS | PREPARED_AFTER_IMPORT:
        return "none (the source's settings saved, nothing synced)"
    if operation.name.startswith("sync IMAP") and IMAP_BATCHES in changed:
        return "whole batches (the next sync goes on from the last one)"
    if operation.books is not None and changed <= SYNC_SETTINGS | {CARD_BATCHES}:
        return "whole batches (the cards written there so far, each with its status)"
    if (operation.ahead or operation.name.startswith(("import", "sync"))) and set(
        differing(now, operation.done)
    ) <= PREPARED_AFTER_IMPORT:
        return "all (the week's preparation left to the next plan)"
    if set(differing(now, operation.done)) <= GIFT_CACHES:
        return "all (the gift's inputs left to the next plan)"
    if (
        operation.name.startswith(("import", "sync"))
        and set(differing(now, operation.done)) <= PREPARED_AFTER_IMPORT | WEEK_CHOSEN
    ):
        return WEEK_LEFT
    return (
        f"partial (differs from before in {', '.join(differing(now, operation.before))}; "
        f"from done in {', '.join(differing(now, operation.done))})"
    )


def kill_once(operation: Operation, work: Path, moment: float) -> Outcome:
    work.mkdir(parents=True, exist_ok=True)
    db = copy_db(operation.base, work / "kith.db")
    args = args_for(operation, work)
    child = launch(["--db", str(db), "--now", operation.now, *args], work / "killed", operation.env)
    time.sleep(moment)
    running = kill(child)
    return judged(operation, db, work, args, running)


def judged(
    operation: Operation, db: Path, work: Path, args: tuple[str, ...], running: bool
) -> Outcome:
    """What a kill left, judged: the file, the next command, the state, the operation run again."""
    lost = [f"{operation.name}: {d}" for d in damage(db)]  # the file as the kill left it
    lost += next_command(operation.name, db)
    now = state_in(operation, db, work)
    if operation.output:  # the database is untouched; the backup is whole or absent
        where = landed(operation, now) if now != operation.before else "none"
        out = work / "out.db"
        if where != "none":
            lost.append(f"{operation.name}: the database changed ({where})")
        if out.exists():
            lost += [f"{operation.name}: backup {d}" for d in damage(out)]
            where = "all" if state(out) == operation.done else "partial backup"
    else:
        where = landed(operation, now)
    if where.startswith("partial"):
        lost.append(f"{operation.name} left {where}")
    if where == WEEK_LEFT:
        lost += next_today(operation, db, work)
    if operation.again or where == "none":
        code, _, err = kith(db, *args, now=operation.now, env=operation.env, check=False)
        if code not in (0, 6) and not status_lost(code, err):
            lost.append(f"{operation.name}: running it again failed: {err.strip()}")
    after = state(work / "out.db") if operation.output else state_in(operation, db, work)
    if after != operation.done and not cache_only(operation, after):
        lost.append(f"{operation.name}: run again, differs in {differing(after, operation.done)}")
    if operation.books is not None and (there := operation.books.cards(book_name(work))) != (
        operation.cards
    ):
        extra, missing = set(there) - set(operation.cards), set(operation.cards) - set(there)
        lost.append(
            f"{operation.name}: the book on the server, run again, holds {len(extra)} cards "
            f"more and {len(missing)} fewer than the uninterrupted push's {len(operation.cards)}"
        )
    lost += [f"{operation.name} (run again): {d}" for d in damage(db)]
    return Outcome(running, where, lost)


# The next `today` runs its preparation after its output in the person's background
# (cli/ahead.py); here inline, so that the rows it leaves are judged once it is done.
TODAY_ENV = {"KITH_PREPARE_AHEAD": "inline"}


def next_today(operation: Operation, db: Path, work: Path) -> list[str]:
    """What a person sees next after a kill: `kith today` on a copy of the killed database and
    on one of the uninterrupted run's gives the same exit code, output and rows; else what
    differs."""
    assert operation.done_db is not None
    seen = []
    for name, source in (("killed", db), ("uninterrupted", operation.done_db)):
        copy = copy_db(source, work / f"today-{name}.db")
        code, out, _ = kith(copy, "today", now=operation.now, env=TODAY_ENV, check=False)
        seen.append((code, out, state_in(operation, copy, source.parent)))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
    (code, out, rows), (code_then, out_then, rows_then) = seen
    said = f"{operation.name}: the next today after the kill"
    lost = [f"{said} exited {code}, after the uninterrupted run {code_then}"] * (code != code_then)
    lost += [f"{said} printed other lines than after the uninterrupted run"] * (out != out_then)
    # which of the inputs' blocks are kept depends on what was read since (each kept one is
    # exact: its rows' triggers drop it), so those two tables may differ
    if other := [t for t in differing(rows, rows_then) if t not in INPUT_BLOCKS]:
        lost.append(f"{said} left other rows, in {', '.join(other)}")
    return lost


# The deterministic kills (a row of their own): each operation that reaches one of these points
# is killed as it calls it (reliability/_launch._die_at), every run: the moments after a
# command's last commit where what is left is a cache or the week's choice, which random moments
# rarely hit (one kill in 616, in two of five runs of session 17). Each is judged as a random
# kill is, and by the next `today` too (next_today).
POINTS = {
    "kith.services.week.plan:prepare": "the data committed, nothing prepared (the week may be "
    "unchosen)",
    "kith.services.ties.layers:prepare": "the week chosen, the next Monday's step not prepared",
    "kith.services.week.plan:gift_ahead": "the next Monday's step kept, the gift's inputs not",
    "kith.services.week.week_ahead:again": "the command's output written, the preparation after "
    "it not begun (cli/ahead.py)",
}
# the reduced form's: the window session 17 lost a kill in, an import's, and the preparation after
REDUCED_POINTS = {
    ("sync CardDAV (Radicale, pull)", "kith.services.week.plan:prepare"),
    ("sync CardDAV (Radicale, pull)", "kith.services.ties.layers:prepare"),
    ("import vCard", "kith.services.week.plan:prepare"),
    ("import vCard", "kith.services.week.plan:gift_ahead"),
    ("the weekly step, the next Monday prepared after it", "kith.services.week.week_ahead:again"),
}


def reaches(operation: Operation, point: str) -> bool:
    """Whether the operation calls the point: an import's and a sync's preparation, and the
    preparation after the output of an operation that runs it (`ahead`)."""
    if point.endswith("week_ahead:again"):
        return operation.ahead
    return operation.name.startswith(("import", "sync"))


def kill_at(operation: Operation, work: Path, point: str) -> Outcome:
    """The operation killed as it calls `point`; judged as a random kill, and by the next
    `today`. Lost if it never called it."""
    work.mkdir(parents=True, exist_ok=True)
    db = copy_db(operation.base, work / "kith.db")
    args = args_for(operation, work)
    child = launch(
        ["--db", str(db), "--now", operation.now, *args], work / "killed", operation.env, (point,)
    )
    try:
        child.wait(timeout=600)
    except subprocess.TimeoutExpired:  # hung: killed, and lost as never reaching the point
        kill(child)
    reached = Path(f"{work / 'killed'}.out.died").exists()
    outcome = judged(operation, db, work, args, reached)
    if not reached:
        outcome.lost.insert(0, f"{operation.name}: never called {point}")
    elif outcome.landed != WEEK_LEFT:  # (judged ran it already)
        outcome.lost += next_today(operation, db, work)
    return outcome


def window_kills(
    operations: list[Operation], folder: Path, full: bool
) -> list[tuple[Operation, str, Outcome]]:
    """Every deterministic kill (the reduced form: REDUCED_POINTS), two at a time."""
    jobs = [
        (operation, point, folder / f"at-{n}-{index}")
        for n, point in enumerate(POINTS)
        for index, operation in enumerate(operations)
        if reaches(operation, point) and (full or (operation.name, point) in REDUCED_POINTS)
    ]

    def one(job: tuple[Operation, str, Path]) -> tuple[Operation, str, Outcome]:
        operation, point, work = job
        outcome = kill_at(operation, work, point)
        if not outcome.lost:
            shutil.rmtree(work, ignore_errors=True)
        return operation, point, outcome

    with ThreadPoolExecutor(WORKERS) as pool:
        return list(pool.map(one, jobs))


def window_row(found: list[tuple[Operation, str, Outcome]], seconds: float) -> Row:
    ends: dict[str, int] = {}
    for _, _, outcome in found:
        ends[outcome.landed] = ends.get(outcome.landed, 0) + 1
    by_point = "; ".join(
        f"{sum(p == point for _, p, _ in found)} at `{point.split(':')[0].rsplit('.', 1)[-1]}."
        f"{point.split(':')[1]}` ({said})"
        for point, said in POINTS.items()
    )
    landed_said = ", ".join(f"{n} {end}" for end, n in sorted(ends.items(), key=lambda e: -e[1]))
    return Row(
        "SIGKILL at the moments after a command's last commit (its data in, the week's "
        "preparation not): every import and sync, and the preparation after the weekly step "
        "and a log, each killed as it calls the point",
        len(found),
        tuple(line for _, _, outcome in found for line in outcome.lost),
        f"{by_point}. Left: {landed_said}. Each judged as a random kill, and by what the person "
        "sees next: `kith today` on the killed copy and on the uninterrupted run's, its "
        "preparation after it done, gave the same exit code, output and rows (a week not "
        "chosen, a step or the gift's inputs not prepared is no loss: the next command makes "
        "them the same). The child is killed by a function put in place of the point's in its "
        f"own process (reliability/_launch._die_at), not by Kith's code. ({seconds:.0f} s)",
    )


def cache_only(operation: Operation, after: dict[str, str]) -> bool:
    """Run again after a kill in the preparation ahead, the command finds the week stepped
    and prepares nothing: what it lacks is only that cache (the next week steps cold)."""
    return operation.ahead and set(differing(after, operation.done)) <= PREPARED_AFTER_IMPORT


def next_command(name: str, db: Path) -> list[str]:
    """The next command a user runs (it takes back a journaled import the kill cut short);
    what went wrong, if anything."""
    code, _, err = kith(db, "imports", check=False)
    if code != 0 and not status_lost(code, err):
        return [f"{name}: the next command failed: {err.strip()}"]
    return [f"{name} (next command): {d}" for d in damage(db)]


# The web write: POSTs to a real `kith serve`, which is killed while they arrive


def web_writes(server: Server, first: int, last: int, acked: list[int]) -> None:
    for n in range(first, last):
        if server.log("#1", f"web write {n}") != 200:
            return
        acked.append(n)


def written(db: Path) -> list[int]:
    import sqlite3

    connection = sqlite3.connect(db)
    try:
        rows = connection.execute(
            "SELECT i.summary, count(p.person_id) FROM interaction i LEFT JOIN participant p "
            "ON p.interaction_id = i.id WHERE i.summary LIKE 'web write %' GROUP BY i.id"
        ).fetchall()
    finally:
        connection.close()
    return sorted(
        int(summary.rsplit(" ", 1)[1]) * (1 if people else -1) for summary, people in rows
    )


def web_reference(base: Path, work: Path) -> Operation:
    work.mkdir(parents=True, exist_ok=True)
    operation = Operation("web write (POST /log to kith serve)", base, ())
    db = copy_db(base, work / "kith.db")
    operation.before = state(db)
    server = Server(db, forked=True)
    try:
        server.ready()
        started = time.monotonic()
        acked: list[int] = []
        web_writes(server, 0, WEB_WRITES, acked)
        operation.seconds = time.monotonic() - started
    finally:
        server.stop()
    if acked != list(range(WEB_WRITES)):
        raise RuntimeError(f"the uninterrupted web writes failed after {len(acked)}")
    operation.done = state(db)
    return operation


def web_kill_once(operation: Operation, work: Path, moment: float) -> Outcome:
    work.mkdir(parents=True, exist_ok=True)
    db = copy_db(operation.base, work / "kith.db")
    server = Server(db, forked=True)
    acked: list[int] = []
    try:
        server.ready()
        writer = threading.Thread(target=web_writes, args=(server, 0, WEB_WRITES, acked))
        writer.start()
        time.sleep(moment)
        running = kill(server.child)
        writer.join()
    finally:
        server.stop()
    lost = [f"web write: {d}" for d in damage(db)]
    lost += next_command("web write", db)
    found = written(db)
    if any(n < 0 for n in found):
        lost.append("web write: an interaction without its participant")
    missing = sorted(set(acked) - set(found))
    if missing:
        lost.append(f"web write: acknowledged writes missing: {missing}")
    if found != list(range(len(found))) or len(found) > len(acked) + 1:
        lost.append(f"web write: more or other writes than acknowledged ({found} vs {acked})")
    again = Server(db, forked=True)
    try:
        again.ready()
        web_writes(again, len(found), WEB_WRITES, [])
    finally:
        again.stop()
    if state(db) != operation.done:
        lost.append(f"web write: run again, differs in {differing(state(db), operation.done)}")
    where = (
        "all"
        if len(found) == WEB_WRITES
        else ("none" if not found else f"{len(found)} of {WEB_WRITES}")
    )
    return Outcome(running, where, lost)


def timings(operations: list[Operation], web: Operation) -> str:
    """Each operation's uninterrupted time, the longest first (where a kill's time goes: a kill
    runs it up to once and then again whole)."""
    ranked = sorted([*operations, web], key=lambda o: -o.seconds)
    return ", ".join(f"{o.name} {o.seconds:.1f} s" for o in ranked)


Kill = Callable[[Operation, Path, float], Outcome]


def kill_and_clear(kind: Kill, operation: Operation, work: Path, moment: float) -> Outcome:
    """One kill; its folder removed unless something was lost (kept for a look)."""
    outcome = kind(operation, work, moment)
    if not outcome.lost:
        shutil.rmtree(work, ignore_errors=True)
    return outcome


@dataclass
class Progress:
    """Kills done so far, printed with a running estimate of the time left, every tenth."""

    total: int
    started: float
    done: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def tick(self, outcome: Outcome) -> Outcome:
        with self.lock:
            self.done += 1
            if self.done % max(1, self.total // 10) == 0 or self.done == self.total:
                spent = time.monotonic() - self.started
                left = spent / self.done * (self.total - self.done)
                print(
                    f"  crash: {self.done:,} of {self.total:,} kills in {spent:.0f} s, "
                    f"about {left:.0f} s left",
                    flush=True,
                )
        return outcome


def run(scale: float, seed: int) -> list[Row]:
    rng = random.Random(seed)
    size = FULL_FILES if scale >= FULL else REDUCED_FILES
    started = time.monotonic()
    with contextlib.ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kith-crash-")))
        files = folder / "server-files"
        files.mkdir()
        ics = calendar(files / "team.ics", max(50, round(400 * size)), seed + 1)
        syncs = stack.enter_context(
            sync_servers(folder, ics, round(DAV_CARDS * size), round(IMAP_MAILS * size))
        )
        operations = prepare(folder, seed, size, syncs)
        web = web_reference(operations[0].base, folder / "web-reference")
        prepared = time.monotonic() - started
        print(f"  crash: prepared in {prepared:.0f} s; {timings(operations, web)}", flush=True)
        every = len(operations) + 1
        per = count(FULL_KILLS, scale, every) // every
        jobs: list[tuple[Kill, Operation, Path, float]] = []
        for n in range(per):
            for index, operation in enumerate([*operations, web]):
                moment = rng.uniform(0.0, 1.05) * operation.seconds
                kind = web_kill_once if operation is web else kill_once
                jobs.append((kind, operation, folder / f"kill-{n}-{index}", moment))
        progress = Progress(len(jobs), time.monotonic())
        with ThreadPoolExecutor(WORKERS) as pool:
            outcomes = list(
                pool.map(lambda job: (job[1], progress.tick(kill_and_clear(*job))), jobs)
            )
        windows_began = time.monotonic()
        windows = window_kills(operations, folder, scale >= FULL)
        windows_took = time.monotonic() - windows_began
    lost = [line for _, outcome in outcomes for line in outcome.lost]
    running = sum(o.killed_running for _, o in outcomes)
    ends = {
        "none": sum(o.landed.startswith("none") for _, o in outcomes),
        "batches": sum(o.landed.startswith("whole batches") for _, o in outcomes),
        "all": sum(o.landed == "all" for _, o in outcomes),
        "week": sum(o.landed == WEEK_LEFT for _, o in outcomes),
    }
    kinds = ", ".join(o.name for o in [*operations, web])
    missing = "" if any("IMAP" in s.name for s in syncs) else " (no IMAP: Dovecot not installed)"
    notes = (
        f"{len(outcomes)} kills, {per} per operation ({kinds}){missing}; {running} while it ran, "
        f"{len(outcomes) - running} just after it ended; {ends['none']} left none of it, "
        f"{ends['all']} all of it, {ends['week']} all but the week's choice (judged by the next "
        f"today: next row), {ends['batches']} syncs whole batches (IMAP folder by "
        "folder, in batches, the next sync going on; a CardDAV push card by card, each push "
        "into a new empty book, the server's book checked card by card after the push run "
        "again), the web writes' kills some of "
        "their POSTs (each whole). "
        "After each: integrity_check, foreign_key_check and the full-text indexes clean; "
        "the operation run again reached the uninterrupted run's row hashes. Each command a "
        "process of its own, forked from one that had imported Kith (reliability/_launch.py); "
        f"preparing the bases and the servers took {prepared:.0f} s, the kills "
        f"{time.monotonic() - started - prepared - windows_took:.0f} s; an uninterrupted "
        "operation took "
        f"({timings(operations, web)}); fork servers {len(SERVERS)}, "
        f"exit statuses they lost {len(LOST_STATUS)} (judged by the database instead)."
    )
    return [
        Row(
            "SIGKILL during every kind of import, merge, unmerge, undo, rebuild, the weekly "
            "step, backup, restore, syncs (calendar, CardDAV, IMAP against local servers) and "
            "web writes",
            len(outcomes),
            tuple(lost),
            notes,
        ),
        window_row(windows, windows_took),
    ]
