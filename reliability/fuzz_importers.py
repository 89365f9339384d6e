"""Fuzzed importers: every input ends in a clean import or a clear error, never a traceback.

`run(scale, seed)` fuzzes each importer with inputs Hypothesis draws (reliability/fuzz_inputs.py:
real files mutated, their values replaced) and returns one row per importer: what it tried,
how many inputs, how many were lost (a traceback, past 10 s, past 300 MB, or a KithError that
does not name the file) and notes.

Each input runs in a worker process (two, one per core) under limits, rather than in-process
under a timer and tracemalloc: a worker's address space is capped at what it had after loading
Kith plus 300 MB (RLIMIT_AS, so a runaway allocation fails there as MemoryError, and a crash of
C code or the kernel's kill takes down a worker, not the run), and a timer of 10 seconds of
CPU (not of the wall clock, which counts a shared machine's load) interrupts an input that runs
past it. tracemalloc would see only Python's allocations (not
SQLite's) and slow every input twofold.

Every input is read through its reader, record by record (as `kith import` reads it; a zip
routed as the import routes it, taken whole by a reader or unpacked); one in WHOLE_EVERY also
goes through the whole import into the worker's scratch database (matching, writing, the
review queue, the staging of mail), which costs about five times as much. Inputs
that fail are saved under reliability/.found/ for a regression fixture.
"""

from __future__ import annotations

import atexit
import os
import resource
import shutil
import signal
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis.strategies import SearchStrategy

from reliability.fuzz_inputs import (
    FIXTURES,
    ROOT,
    SEED_BYTES,
    Target,
    json_files,
    seed_files,
    text_files,
    zip_files,
    zipped,
)

TITLE = "Fuzzed importers"
ORDER = 30
REDUCED_ELSEWHERE = (
    "tests/test_fuzz_importers.py"  # make test runs its small form there, per importer
)

COUNTS = {"full": 10_000, "reduced": 120}
WHOLE_EVERY = {"full": 10, "reduced": 4}
TIME_LIMIT = 10.0  # seconds of CPU an input may take
# The limit counts the process's CPU time (ITIMER_PROF: Python's and SQLite's, user and system),
# not the wall clock: on a shared machine at load 20 an iCalendar input that takes 3.7 s of CPU
# took 82 s, and was counted past the limit when the clock was the wall's
TIMER, TIMER_SIGNAL = signal.ITIMER_PROF, signal.SIGPROF
MEMORY_LIMIT = 300 * 2**20  # bytes an input may add to a worker
CHUNK = 100  # inputs a worker draws and tries as one task
FOUND = ROOT / "reliability" / ".found"
NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
RESET_EVERY = 40  # whole imports into one scratch database before it is made afresh


def _kith_json_seed() -> tuple[bytes, ...]:
    """A Kith JSON export of people, a chat and meetings imported from the fixtures."""
    from kith.services.exports.transfer import export_file
    from kith.services.importing.paths import import_path
    from kith.store import open_store

    with tempfile.TemporaryDirectory(prefix="kith-fuzz-seed-") as scratch:
        store = open_store(Path(scratch) / "seed.db")
        for path in (
            FIXTURES / "vcard" / "rfc6350-example.vcf",
            FIXTURES / "vcard" / "John_Doe_IPHONE.vcf",
            FIXTURES / "ics" / "people.ics",
            FIXTURES / "chat" / "Pustur__whatsapp-chat-parser__short-chat.txt",
        ):
            import_path(store, path, kind=None, now=NOW, me=["me@example.org", "Sample User"])
        export_file(store, Path(scratch) / "kith.json", NOW)
        store.close()
        return ((Path(scratch) / "kith.json").read_bytes(),)


def _folder_zips(*folders: str) -> tuple[bytes, ...]:
    return tuple(
        zipped({p.name: p.read_bytes() for p in sorted((FIXTURES / f).iterdir()) if p.is_file()})
        for f in folders
    )


def _mixed_zip() -> tuple[bytes, ...]:
    """A zip of files of different kinds, some in folders, as a person might send one."""
    pick = {
        "contacts.vcf": FIXTURES / "vcard" / "John_Doe_ANDROID.vcf",
        "calendar/work.ics": FIXTURES / "ics" / "weekly_one_on_one.ics",
        "WhatsApp Chat with Sam.txt": FIXTURES
        / "chat"
        / "Pustur__whatsapp-chat-parser__short-chat.txt",
        "google.csv": FIXTURES / "google" / "current.csv",
        "notes/readme.txt": FIXTURES / "google" / "README.md",
    }
    return (zipped({name: path.read_bytes() for name, path in pick.items()}),)


@dataclass(frozen=True)
class Fuzzed:
    target: Target
    load: Any  # () -> tuple[bytes, ...]: the seeds' bytes


def _seeds(target: Target) -> tuple[bytes, ...]:
    return tuple(p.read_bytes()[:SEED_BYTES] for p in target.seeds)


def targets() -> dict[str, Fuzzed]:
    """Every importer `kith import` has, by the name its row gives."""

    def text(kind: str | None, name: str, *globs: str, me: tuple[str, ...] = ()) -> Fuzzed:
        target = Target(kind, seed_files(*globs), name, text_files, me or ("me@example.org",))
        return Fuzzed(target, lambda: _seeds(target))

    def json(kind: str, name: str, *globs: str, me: tuple[str, ...] = ()) -> Fuzzed:
        target = Target(kind, seed_files(*globs), name, json_files, me or ("me@example.org",))
        return Fuzzed(target, lambda: _seeds(target))

    chats = "fixtures:chat/"
    return {
        "vCard": text("vcard", "cards.vcf", "fixtures:vcard/**/*.vcf", "corpus:vcard/*.vcf"),
        "iCalendar": text("ics", "calendar.ics", "fixtures:ics/**/*.ics", "corpus:ics/*.ics"),
        "mbox": text("mbox", "mail.mbox", "fixtures:mail/**/*.mbox", "corpus:mbox/*.mbox"),
        "eml": text("eml", "message.eml", "fixtures:mail/**/*.eml", "corpus:eml/*.eml"),
        "Google CSV": text("google-csv", "google.csv", "fixtures:google/*.csv"),
        "Outlook CSV": text("outlook-csv", "outlook.csv", "fixtures:outlook/*.csv"),
        "CSV by content": text(
            None,
            "contacts.csv",
            "fixtures:google/*.csv",
            "fixtures:outlook/*.csv",
            "fixtures:linkedin/connections-*.csv",
        ),
        "LinkedIn zip": Fuzzed(
            Target("linkedin", (), "Basic_LinkedInDataExport.zip", zip_files),
            lambda: _folder_zips("linkedin/export", "linkedin/older-export"),
        ),
        "zip of files": Fuzzed(
            Target(None, (), "files.zip", zip_files, ("me@example.org", "Sample User")),
            _mixed_zip,
        ),
        "WhatsApp": text(
            "whatsapp",
            "WhatsApp Chat with Ada.txt",
            chats + "*short-chat.txt",
            chats + "*test_bracket*.txt",
            chats + "*test_dateformat2.txt",
            chats + "*test_mmdd*.txt",
            me=("Sample User", "John Doe"),
        ),
        "WhatsApp zip": Fuzzed(
            Target(
                "whatsapp", (), "WhatsApp Chat with Sample User.zip", zip_files, ("Sample User",)
            ),
            lambda: tuple(
                zipped({"_chat.txt": p.read_bytes(), "IMG-0001.jpg": b"\xff\xd8\xff"})
                for p in seed_files(chats + "*short-chat.txt", chats + "*test_bracket*.txt")
            ),
        ),
        "Telegram": json("telegram", "result.json", chats + "*result*.json"),
        "SMS Backup": text("sms-backup", "sms-20240101.xml", chats + "*.xml"),
        "Messenger": json("messenger", "message_1.json", chats + "*testlog.json", me=("John Doe",)),
        "Signal": text("signal", "signal.txt", chats + "*test_export.txt", me=("John Doe",)),
        "Kith JSON": Fuzzed(Target("kith-json", (), "kith.json", json_files), _kith_json_seed),
    }


# ---- the worker: one input at a time, under limits -------------------------------------------


class Overtime(BaseException):
    """An input ran past TIME_LIMIT (a BaseException, so no `except Exception` swallows it)."""


_WORKER: dict[str, Any] = {}


def _start_worker(cap: bool = True, parent: str | None = None) -> None:
    """Load Kith, then cap the address space at what it uses now plus MEMORY_LIMIT (not when
    the inputs are tried in the caller's own process: `fuzz(..., workers=0)`; the peak RSS is
    checked after each input in both)."""
    import kith.services.importing.paths
    import kith.sources.registry

    for module in kith.sources.registry.KINDS.values():
        __import__(module)
    scratch = Path(tempfile.mkdtemp(prefix="kith-fuzz-", dir=parent))
    if parent is None:  # tried in this process: its scratch goes when the process ends
        atexit.register(shutil.rmtree, scratch, True)
    _WORKER.update(scratch=scratch, imports=0, store=None)
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[0])
    limit = pages * os.sysconf("SC_PAGE_SIZE") + MEMORY_LIMIT
    _WORKER["peak"] = _peak()
    if cap:
        resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
        signal.signal(TIMER_SIGNAL, _overtime)


def _peak() -> int:
    """The process's peak resident memory so far, in bytes."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class _Here:
    """An executor that runs each task at once in this process, the timer's signal handled
    only meanwhile: the reduced form's, which saves a worker's start-up per importer."""

    def __init__(self) -> None:
        if "scratch" not in _WORKER:
            _start_worker(cap=False)

    def submit(self, task: Any, *args: Any) -> Future[Any]:
        done: Future[Any] = Future()
        before = signal.signal(TIMER_SIGNAL, _overtime)
        try:
            done.set_result(task(*args))
        finally:
            signal.signal(TIMER_SIGNAL, before)
        return done

    def shutdown(self, cancel_futures: bool = False) -> None:
        pass


def _executor(workers: int, scratch: str) -> Any:
    """`workers` processes (their address space capped, their scratch folders in `scratch`),
    or this process when 0."""
    if not workers:
        return _Here()
    return ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(True, scratch))


def _overtime(signum: int, frame: FrameType | None) -> None:
    """Raise Overtime in the input's code; where Python swallows it (a garbage collector's
    callback), the flag still marks the input and the timer fires again soon."""
    _WORKER["overtime"] = True
    signal.setitimer(TIMER, 0.2)
    raise Overtime


def _store() -> Any:
    from kith.store import open_store

    if _WORKER["store"] is None or _WORKER["imports"] >= RESET_EVERY:
        if _WORKER["store"] is not None:
            _WORKER["store"].close()
        database = _WORKER["scratch"] / "kith.db"
        for leftover in _WORKER["scratch"].glob("kith.db*"):
            leftover.unlink()
        _WORKER.update(store=open_store(database), imports=0)
    _WORKER["imports"] += 1
    return _WORKER["store"]


def _try(job: tuple[str | None, str, bytes, bool, tuple[str, ...]]) -> tuple[str, str, float]:
    """(outcome, detail, seconds): outcome clean, error (a clear KithError), or a loss:
    crash, overtime, memory, unclear (an error that does not name the file)."""
    from kith.errors import KithError
    from kith.services.importing.paths import import_path

    kind, name, data, whole, me = job
    folder = _WORKER["scratch"] / "in"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    started, peak = time.process_time(), max(_peak(), _WORKER["peak"])
    _WORKER["overtime"] = False
    signal.setitimer(TIMER, TIME_LIMIT)
    try:
        if whole:
            import_path(_store(), path, kind=kind, now=NOW, me=me)
        else:
            _read(kind, path)
        outcome, detail = "clean", ""
    except KithError as error:
        message = str(error)
        outcome = "error" if name in message or path.stem in message else "unclear"
        detail = message[:300]
    except Overtime:
        outcome, detail = "overtime", f"past {TIME_LIMIT:.0f} s"
    except MemoryError:
        outcome, detail = "memory", f"past {MEMORY_LIMIT // 2**20} MB"
    except Exception as error:  # the very thing being looked for: a traceback
        frames = traceback.extract_tb(error.__traceback__)
        last = frames[-1] if frames else None
        where = f"{Path(last.filename).name}:{last.lineno}" if last else "?"
        outcome, detail = "crash", f"{type(error).__name__} at {where}: {str(error)[:200]}"
    finally:
        signal.setitimer(TIMER, 0)
        path.unlink(missing_ok=True)  # the folder kept for the next input (an rmdir a time
        if any(folder.iterdir()):  # cost a fifth of an input's time); anything else removed
            shutil.rmtree(folder, ignore_errors=True)
    if _WORKER["overtime"] and outcome != "overtime":
        outcome, detail = "overtime", f"past {TIME_LIMIT:.0f} s"
    if outcome in OK and _peak() - peak > MEMORY_LIMIT:
        outcome, detail = "memory", f"peak RSS past {MEMORY_LIMIT // 2**20} MB more"
    if outcome in ("crash", "memory", "overtime") and _WORKER["store"] is not None:
        _WORKER["imports"] = RESET_EVERY  # the scratch database made afresh after a failure
    return outcome, detail, time.process_time() - started


def _read(kind: str | None, path: Path) -> None:
    """Every record `kith import` would read from the file, none applied: a zip routed as
    import_path routes it (taken whole by a reader that claims it, else unpacked and each file
    in it recognised), so that a zip costs a reading, not a dry-run import (those are the one
    input in WHOLE_EVERY that is imported whole)."""
    from kith.services.importing.paths import each_file, unpacked
    from kith.services.imports import ImportReport
    from kith.sources import registry

    def read(target: Path, chosen: str | None) -> ImportReport:
        found = chosen or registry.detect(target)
        for _ in registry.records(found, target, NOW):
            pass
        return ImportReport(found, str(target), dry_run=True)

    if not zipfile.is_zipfile(path):
        read(path, kind)
        return
    claimed = registry.claim(path) if kind is None else kind
    if claimed is not None and registry.claims(claimed, path):
        read(path, claimed)
        return
    with unpacked(path) as folder:
        each_file(folder, path, read, forced=kind)


# ---- the run --------------------------------------------------------------------------------


@dataclass
class Tally:
    outcomes: Counter[str]
    losses: list[tuple[str, str, bytes]]  # outcome, detail, the input
    whole: int = 0
    slowest: float = 0.0

    @property
    def lost(self) -> int:
        return sum(n for o, n in self.outcomes.items() if o not in ("clean", "error"))


def _draw(strategy: SearchStrategy[bytes], want: int, seed: int) -> list[bytes]:
    """`want` inputs from Hypothesis, the same ones for the same seed."""
    batch: list[bytes] = []

    @settings(
        max_examples=want,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @hypothesis_seed(seed)
    @given(strategy)
    def collect(data: bytes) -> None:
        if len(batch) < want:
            batch.append(data)

    collect()
    return batch


Chunk = tuple[str, int, int, int, int]  # importer, Hypothesis seed, inputs, first input's number,
# one whole import in how many
Result = tuple[str, str, float, bytes]  # outcome, detail, seconds, the input when it was lost
_STRATEGIES: dict[str, tuple[Target, SearchStrategy[bytes]]] = {}


def _strategy(name: str) -> tuple[Target, SearchStrategy[bytes]]:
    if name not in _STRATEGIES:
        fuzzed = targets()[name]
        _STRATEGIES[name] = (fuzzed.target, fuzzed.target.inputs(fuzzed.load()))
    return _STRATEGIES[name]


def _inputs(chunk: Chunk) -> list[tuple[Any, ...]]:
    name, seed, want, first, whole_every = chunk
    target, strategy = _strategy(name)
    return [
        (target.kind, target.name, data, (first + i) % whole_every == 0, target.me)
        for i, data in enumerate(_draw(strategy, want, seed))
    ]


def _run_chunk(chunk: Chunk) -> list[Result]:
    """In a worker: draw the chunk's inputs (so both cores draw as well as import) and try each."""
    results = []
    for job in _inputs(chunk):
        outcome, detail, seconds = _try(job)
        results.append((outcome, detail, seconds, b"" if outcome in OK else job[2]))
    return results


OK = ("clean", "error")


def fuzz(
    name: str, count: int, seed: int, whole_every: int, workers: int = 2, found: Path = FOUND
) -> Tally:
    """Fuzz one importer with `count` inputs, CHUNK to a task; what it lost saved in `found`."""
    tally = Tally(Counter(), [])
    base = seed * 100_000 + sum(map(ord, name)) * 1_000
    chunks = [
        (name, base + n, min(CHUNK, count - first), first, whole_every)
        for n, first in enumerate(range(0, count, CHUNK))
    ]
    scratch = tempfile.mkdtemp(prefix="kith-fuzz-run-")
    pool = _executor(workers, scratch)
    try:
        futures = [pool.submit(_run_chunk, chunk) for chunk in chunks]
        for n, chunk in enumerate(chunks):
            try:
                results = futures[n].result()
            except BrokenProcessPool:  # a worker died: which input did it, run each alone
                pool.shutdown(cancel_futures=True)
                pool = _executor(workers, scratch)
                results = [(*_alone(pool, job), job[2]) for job in _inputs(chunk)]
                futures[n + 1 :] = [pool.submit(_run_chunk, c) for c in chunks[n + 1 :]]
            tally.whole += sum(1 for i in range(chunk[2]) if (chunk[3] + i) % whole_every == 0)
            for outcome, detail, seconds, data in results:
                tally.outcomes[outcome] += 1
                tally.slowest = max(tally.slowest, seconds)
                if outcome not in OK:
                    tally.losses.append((outcome, detail, data))
    finally:
        pool.shutdown(cancel_futures=True)
        shutil.rmtree(scratch, ignore_errors=True)
    _save(name, _strategy(name)[0], tally, found)
    return tally


def _alone(pool: ProcessPoolExecutor, job: Any) -> tuple[str, str, float]:
    try:
        return pool.submit(_try, job).result()
    except BrokenProcessPool:
        return "crash", "the worker died (a crash in C code, or killed)", 0.0


def _save(name: str, target: Target, tally: Tally, found: Path) -> None:
    slug = name.lower().replace(" ", "-")
    for old in found.glob(f"{slug}-*"):
        old.unlink()
    if not tally.losses:
        return
    found.mkdir(parents=True, exist_ok=True)
    for n, (outcome, detail, data) in enumerate(tally.losses[:50]):
        stem = f"{slug}-{n:03d}-{outcome}"
        (found / f"{stem}-{target.name}").write_bytes(data)
        (found / f"{stem}.txt").write_text(detail + "\n", encoding="utf-8")


def row(name: str, count: int, tally: Tally) -> dict[str, object]:
    kinds = Counter(detail.split(":")[0] for _, detail, _ in tally.losses)
    losses = "; ".join(f"{n}× {what}" for what, n in kinds.most_common(4))
    return {
        "tried": f"fuzzed {name if name.endswith(' files') else f'{name} files'} (Hypothesis: "
        "fixtures and corpus mutated, values replaced)",
        "count": count,
        "lost": tally.lost,
        "notes": (
            f"{tally.outcomes['clean']:,} read cleanly, {tally.outcomes['error']:,} refused with "
            f"a clear error naming the file; {tally.whole:,} imported whole; slowest "
            f"{tally.slowest:.1f} s of CPU"
            + (f"; lost: {losses} (saved in reliability/.found)" if losses else "")
        ),
    }


def run(scale: str, seed: int) -> list[dict[str, object]]:
    """One row per importer: `scale` is "full" (10,000 inputs each) or "reduced" (200)."""
    count, whole_every = COUNTS[scale], WHOLE_EVERY[scale]
    names, rows, started = list(targets()), [], time.monotonic()
    for n, name in enumerate(names, 1):
        began = time.monotonic()
        rows.append(row(name, count, fuzz(name, count, seed, whole_every)))
        spent = time.monotonic() - started
        print(  # the row too: a run cut short still tells what each importer ended in
            f"  fuzz: {name} {count:,} inputs in {time.monotonic() - began:.0f} s; {n} of "
            f"{len(names)} importers in {spent:.0f} s, about {spent / n * (len(names) - n):.0f} "
            f"s left. Lost {rows[-1]['lost']}: {rows[-1]['notes']}",
            flush=True,
        )
    return rows


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=sorted(COUNTS), default="reduced")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--only", help="one importer, by its row's name")
    parser.add_argument("--count", type=int, help="inputs per importer (default: the scale's)")
    args = parser.parse_args()
    for name in [k for k in targets() if not args.only or k == args.only]:
        started = time.perf_counter()
        n = args.count or COUNTS[args.scale]
        tally = fuzz(name, n, args.seed, WHOLE_EVERY[args.scale])
        print(f"{time.perf_counter() - started:6.1f}s", row(name, n, tally), flush=True)
