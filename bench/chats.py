"""The chat readers against a minimal parse: a WhatsApp export and an SMS backup, two sizes each.

Generates (once, seeded) a WhatsApp group export (`dd/mm/yyyy, HH:MM - Name: text`, thirty
members, the user writing about a third, multi-line messages, media and system lines) and an
SMS Backup & Restore file (a hundred correspondents, SMS and group MMS). Each run is a fresh child
process, timed inside (start-up excluded: Kith's modules are imported, and the import's empty
database made, before the clock starts: `warm`, EMPTY), its peak RSS read with os.wait4. The
baseline is the issue's: a compiled regex over the lines into (time, sender) tuples, and
`iterparse` over the elements into (date, address) tuples. The issue asks the whole import to reach
0.25 of the baseline's throughput, with flat memory. Each ratio is given on wall time and on the
child's CPU time (`time.process_time`): on a shared, loaded machine the CPU ratio is the steadier
one. Figures to read, not a test: nothing fails.

The SMS file comes in two shapes (`--sms`); the import's cost is per message and per
conversation (a thread's messages less than 4 hours apart, within 24 hours), so the shape weighs:

- `uniform` (v2, `backup`; the stress case, `--sms uniform`): each SMS to one of a hundred
  numbers picked anew, one every ten minutes or so: 0.81 of the messages start a conversation
  of their own.
- `bursty` (`bursty_backup`, BURSTY_VERSION; the default since session 15, the file issue 14's
  0.25 is read on): the same hundred numbers, spacing of messages and tenth of group MMS, but
  the messages come in conversations whose sizes, pauses and replies are CollegeMsg's, to
  numbers weighted as a CollegeMsg student's contacts (the constants below say which statistic
  gives which value): 0.35 conversations a message.

Real files, by the same rule (bench/sms_shape.py prints them): CollegeMsg, 0.49 over its pairs,
0.18 to 0.81 (median 0.40) over its 39 students with 500 messages or more, each read as a
phone's owner; the corpus's two SMS backups of more than a few messages, 0.22 and 0.25 (49 and
12 messages). The uniform file is unlike all of them; the bursty one lies among them.

    .venv/bin/python bench/chats.py [--sizes 20000 200000] [--runs 3] [--kinds whatsapp]
        [--sms bursty]
"""

from __future__ import annotations

import argparse
import heapq
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
VERSION = 2  # 2: a sent MMS names the user's own number as its sender (137); an SMS's
# contact name is its number's (v1 named a number anew on each SMS)
SEED = 20261206
ME = "Sam Rivera"
OWN = "+447700909999"  # the user's own number, in the MMS entries
TARGET = 0.25
# flat memory (issue 14), judged between the smallest and the largest size run: the larger
# file's peak RSS at most GROWTH times the smaller's plus SLACK_MB (the interpreter's and
# allocator's noise); an import may add its page cache on top, which is capped whatever the
# file's size (kith.store.imports.runs.BULK_CACHE_KIB) and which the smaller file does not fill
GROWTH, SLACK_MB = 1.5, 16.0
FIRST = ["Ada", "Bob", "Chloé", "Dmitri", "Emma", "Farid", "Grace", "Hiro", "Inès", "Jonas"]
LAST = ["Smith", "Müller", "García", "Rossi", "Novak", "Tanaka", "Okafor", "Silva", "Nguyen"]
WORDS = ["the", "we", "could", "meet", "at", "noon", "if", "that", "works", "for", "you", "ok"]
BASELINE_LINE = re.compile(r"^(\d\d)/(\d\d)/(\d{4}), (\d\d):(\d\d) - ([^:]+): ")
Outcome = dict[str, Any]
# the bursty SMS file (`bursty_backup`), each figure measured on CollegeMsg (../shared/data/
# college-msg: 59,835 messages) with a thread per pair of students and the import's rule (a
# conversation ends after 4 hours' pause or 24 hours from its start): 29,109 conversations
BURSTY_VERSION = 1
START_MS = int(datetime(2018, 1, 1, tzinfo=UTC).timestamp() * 1000)  # as `backup`'s
BURST_SIZES = (19379, 4738, 1786, 954, 610, 370, 239, 188, 139, 112)  # of 1 to 10 messages
BURST_OVER, BURST_TAIL = 594, 7.5  # of 11 or more; their mean 18.5 = 11 + 7.5
MEAN_BURST = 59_835 / 29_109  # messages a conversation, 2.06
BURST_GAP = (5.82, 1.84)  # ln seconds between a conversation's messages: mean, deviation
REPLY = 0.657  # a conversation's next message is by the other side (else the same writes on)
# the weight of the n-th number is 1 / n**ZIPF: its ten numbers written to most take 0.461 of
# the messages, the median share of the top tenth of a CollegeMsg student's contacts among
# the 39 students with 500 messages or more (whose median count of contacts is 105)
ZIPF = 0.836


def generated(name: str, write: Callable[[TextIO, random.Random], None]) -> Path:
    """bench/.data/NAME, written once (seeded) by `write`."""
    path = DATA / name
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as out:
            write(out, random.Random(SEED))
    return path


def whatsapp(lines: int) -> Path:
    """A group chat export of about `lines` lines."""
    return generated(f"whatsapp-{lines}-v{VERSION}.txt", lambda out, rng: chat(out, rng, lines))


def chat(out: TextIO, rng: random.Random, lines: int) -> None:
    members = [f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}" for n in range(30)]
    at = datetime(2018, 1, 1, 8)
    written = 0
    out.write(f"{at:%d/%m/%Y, %H:%M} - Messages and calls are end-to-end encrypted.\n")
    while written < lines:
        at += timedelta(minutes=rng.expovariate(1 / 25))
        who = ME if rng.random() < 0.33 else rng.choice(members)
        roll = rng.random()
        text = "<Media omitted>" if roll < 0.05 else " ".join(rng.choices(WORDS, k=8))
        out.write(f"{at:%d/%m/%Y, %H:%M} - {who}: {text}\n")
        written += 1
        if roll > 0.9:
            out.write(" ".join(rng.choices(WORDS, k=6)) + "\n\n")
            written += 2


def sms(messages: int) -> Path:
    """An SMS backup of `messages` SMS and MMS, in the app's order (SMS first, then MMS)."""
    return generated(f"sms-{messages}-v{VERSION}.xml", lambda out, rng: backup(out, rng, messages))


def backup(out: TextIO, rng: random.Random, messages: int) -> None:
    numbers = [f"+44770090{n:04d}" for n in range(100)]
    start = int(datetime(2018, 1, 1, tzinfo=UTC).timestamp() * 1000)
    out.write("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n")
    out.write(f'<smses count="{messages}">\n')
    ms = start
    for _ in range(messages * 9 // 10):
        ms += int(rng.expovariate(1 / 600_000))
        body = " ".join(rng.choices(WORDS, k=8))
        who = rng.randrange(len(numbers))  # the phone's contact name for that number
        out.write(
            f'  <sms protocol="0" address="{numbers[who]}" date="{ms}" '
            f'type="{rng.choice("12")}" body="{body}" read="1" contact_name="C {who}" />\n'
        )
    ms = start
    for _ in range(messages - messages * 9 // 10):
        ms += int(rng.expovariate(1 / 6_000_000))
        group, box = rng.sample(numbers, 3), rng.choice("12")
        sender = OWN if box == "2" else group[0]  # the sender (137): the user when they sent it
        addrs = "".join(
            f'<addr address="{n}" type="{137 if n == sender else 151}" />' for n in (OWN, *group)
        )
        out.write(
            f'  <mms date="{ms}" msg_box="{box}" address="{"~".join(group)}">\n'
            '    <parts><part ct="text/plain" text="hi" /></parts>\n'
            f"    <addrs>{addrs}</addrs>\n  </mms>\n"
        )
    out.write("</smses>\n")


def bursty(messages: int) -> Path:
    """An SMS backup of `messages` SMS and MMS in bursts, as real threads come (`bursty_backup`)."""
    name = f"sms-bursty-{messages}-v{BURSTY_VERSION}.xml"
    return generated(name, lambda out, rng: bursty_backup(out, rng, messages))


def bursty_backup(out: TextIO, rng: random.Random, messages: int) -> None:
    """`backup`'s hundred numbers, ten-minute mean spacing of messages and tenth of group MMS,
    but each thread's messages in conversations as CollegeMsg's pairs have them (BURST_SIZES,
    BURST_GAP, REPLY) and the numbers written to as often as a CollegeMsg student's contacts
    (ZIPF): what the SMS file of v2 lacks (there each message is sent to a number picked
    anew, so 0.81 of them start a conversation of their own, against 0.49 in CollegeMsg)."""
    numbers = [f"+44770090{n:04d}" for n in range(100)]
    texts = messages * 9 // 10
    out.write("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n")
    out.write(f'<smses count="{messages}">\n')
    in_time(out, bursty_sms(rng, numbers, texts))  # the app's order: SMS first, then MMS
    in_time(out, bursty_mms(rng, numbers, messages - texts))
    out.write("</smses>\n")


Talk = list[tuple[int, str]]  # a conversation's (ms, entry), oldest first


def bursty_sms(rng: random.Random, numbers: list[str], count: int) -> Iterator[Talk]:
    weights = [1 / rank**ZIPF for rank in range(1, len(numbers) + 1)]
    at, made = START_MS, 0
    while made < count:
        at += int(rng.expovariate(1 / (600_000 * MEAN_BURST)))
        who = rng.choices(range(len(numbers)), weights)[0]
        box = rng.choice("12")
        talk = []
        for ms in burst(rng, at)[: count - made]:
            body = " ".join(rng.choices(WORDS, k=8))
            entry = (
                f'  <sms protocol="0" address="{numbers[who]}" date="{ms}" type="{box}" '
                f'body="{body}" read="1" contact_name="C {who}" />\n'
            )
            talk.append((ms, entry))
            box = ("21" if box == "1" else "12")[rng.random() < REPLY]  # replied, or written on
        made += len(talk)
        yield talk


def bursty_mms(rng: random.Random, numbers: list[str], count: int) -> Iterator[Talk]:
    """Group MMS as `backup` writes them (three numbers picked anew, either side writing), but
    a conversation's messages to the same group, in a burst."""
    at, made = START_MS, 0
    while made < count:
        at += int(rng.expovariate(1 / (6_000_000 * MEAN_BURST)))
        group = rng.sample(numbers, 3)
        talk = []
        for ms in burst(rng, at)[: count - made]:
            box = rng.choice("12")
            sender = OWN if box == "2" else rng.choice(group)
            addrs = "".join(
                f'<addr address="{n}" type="{137 if n == sender else 151}" />'
                for n in (OWN, *group)
            )
            entry = (
                f'  <mms date="{ms}" msg_box="{box}" address="{"~".join(group)}">\n'
                '    <parts><part ct="text/plain" text="hi" /></parts>\n'
                f"    <addrs>{addrs}</addrs>\n  </mms>\n"
            )
            talk.append((ms, entry))
        made += len(talk)
        yield talk


def in_time(out: TextIO, talks: Iterator[Talk]) -> None:
    """The conversations' entries written in time order (ties in the order made), holding only
    those of the conversations still open: each starts no earlier than the one before."""
    pending: list[tuple[int, int, str]] = []  # (ms, order made, entry): a heap
    made = 0
    for talk in talks:
        while pending and pending[0][0] <= talk[0][0]:
            out.write(heapq.heappop(pending)[2])
        for ms, entry in talk:
            heapq.heappush(pending, (ms, made, entry))
            made += 1
    while pending:
        out.write(heapq.heappop(pending)[2])


def burst(rng: random.Random, at: int) -> list[int]:
    """The times (ms) of one conversation's messages from `at`: its size drawn from
    BURST_SIZES (beyond them 11 and more, as an exponential of mean BURST_TAIL), each next one
    a log-normal BURST_GAP later (at most the 4 hours that would end it)."""
    size = rng.choices(range(1, len(BURST_SIZES) + 2), (*BURST_SIZES, BURST_OVER))[0]
    if size > len(BURST_SIZES):
        size += int(rng.expovariate(1 / BURST_TAIL))
    times = [at]
    while len(times) < size:
        gap = rng.lognormvariate(*BURST_GAP)
        if gap <= 4 * 3600:
            times.append(times[-1] + int(gap * 1000))
    return times


def baseline_whatsapp(path: Path) -> Outcome:
    found = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            m = BASELINE_LINE.match(line)
            if m:
                d, mo, y, h, mi, who = m.groups()
                found.append((datetime(int(y), int(mo), int(d), int(h), int(mi)), who))
    return {"messages": len(found)}


def baseline_sms(path: Path) -> Outcome:
    from xml.etree.ElementTree import iterparse

    found = []
    for _, element in iterparse(path):
        if element.tag in ("sms", "mms"):
            found.append((int(element.get("date", "0")), element.get("address")))
            element.clear()
    return {"messages": len(found)}


def reader(kind: str) -> Callable[[Path], Outcome]:
    def run(path: Path) -> Outcome:
        from kith.records import Tally
        from kith.sources import registry

        records = registry.records(kind, path, datetime.now(UTC))
        read = sum(r.count for r in records if isinstance(r, Tally))
        return {"messages": read}

    return run


# The empty database an import goes into, made by `warm` before the clock starts: making a
# file (every migration replayed on it, ~170 ms of CPU with 55 of them) is a first run's, not
# an import's (session 19: the new file's cost had grown with the migrations inside the timed
# import, from session 17 on). The import opens it as a person's import opens theirs.
EMPTY: list[Path] = []


def importer(kind: str) -> Callable[[Path], Outcome]:
    def run(path: Path) -> Outcome:
        from kith.services.importing.paths import import_path
        from kith.store import open_store

        store = open_store(EMPTY[0])
        (found,) = import_path(store, path, kind=kind, now=datetime.now(UTC), me=(ME,))
        store.close()
        return {"messages": sum(found.read.values()), "summary": found.summary()}

    return run


RUNS: dict[str, dict[str, Callable[[Path], Outcome]]] = {
    "whatsapp": {
        "baseline": baseline_whatsapp,
        "reader": reader("whatsapp"),
        "import": importer("whatsapp"),
    },
    "sms-backup": {
        "baseline": baseline_sms,
        "reader": reader("sms-backup"),
        "import": importer("sms-backup"),
    },
}


def child(kind: str, mode: str, path: Path) -> None:
    warm(kind, mode)
    with tempfile.TemporaryDirectory(dir=DATA) as scratch:
        if mode == "import":
            from kith.store import open_store

            EMPTY.append(Path(scratch) / "kith.db")
            open_store(EMPTY[0]).close()
        started, cpu = time.perf_counter(), time.process_time()
        outcome = RUNS[kind][mode](path)
        spent = {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu}
    print(json.dumps(outcome | spent))


def warm(kind: str, mode: str) -> None:
    """Import the modules a run needs before its clock starts: loading Kith's code (about
    0.15 s of CPU) is start-up, like the interpreter's, not reading the file."""
    import importlib
    from xml.etree import ElementTree  # noqa: F401  (the SMS baseline's)

    if mode == "baseline":
        return
    for module in ("kith.records", "kith.sources.registry", "kith.store"):
        importlib.import_module(module)
    reader = "whatsapp" if kind == "whatsapp" else "sms_backup"
    importlib.import_module(f"kith.sources.{reader}")
    if mode == "import":
        importlib.import_module("kith.services.importing.paths")


def measure(kind: str, mode: str, path: Path, runs: int) -> tuple[Outcome, float, float, float]:
    """(the first outcome, the median seconds, the median CPU seconds, the largest peak RSS in
    MB) of `runs` children."""
    outcomes, peaks = [], []
    for _ in range(runs):
        argv = [sys.executable, __file__, "--child", kind, mode, str(path)]
        process = subprocess.Popen(argv, stdout=subprocess.PIPE, cwd=ROOT)
        out = process.stdout.read()  # type: ignore[union-attr]
        _, status, usage = os.wait4(process.pid, 0)
        process.stdout.close()  # type: ignore[union-attr]
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{kind} {mode} failed on {path}")
        outcomes.append(json.loads(out))
        peaks.append(usage.ru_maxrss / 1024)
    seconds = statistics.median(o["seconds"] for o in outcomes)
    return outcomes[0], seconds, statistics.median(o["cpu"] for o in outcomes), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kinds", nargs="+", default=list(RUNS), choices=list(RUNS))
    parser.add_argument(
        "--sms", choices=("uniform", "bursty"), default="bursty", help="the SMS file's shape"
    )
    hidden = argparse.SUPPRESS
    parser.add_argument("--child", nargs=3, metavar=("KIND", "MODE", "PATH"), help=hidden)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], Path(args.child[2]))
        return
    print(
        f"{'file':<26}{'run':<9}{'messages':>9}{'seconds':>9}{'cpu s':>8}{'msgs/s':>10}"
        f"{'peak MB':>9}  ratio (wall, cpu)"
    )
    shaped = bursty if args.sms == "bursty" else sms
    files = (("whatsapp", whatsapp), ("sms-backup", lambda n: shaped(n // 2)))
    verdicts = []
    for kind, make in ((kind, make) for kind, make in files if kind in args.kinds):
        peaks: dict[str, list[tuple[str, float]]] = {}
        for size in args.sizes:
            path = make(size)
            base_wall = base_cpu = 0.0
            for mode in ("baseline", "reader", "import"):
                outcome, seconds, cpu, peak = measure(kind, mode, path, args.runs)
                peaks.setdefault(mode, []).append((path.name, peak))
                base_wall, base_cpu = base_wall or seconds, base_cpu or cpu
                print(
                    f"{path.name:<26}{mode:<9}{outcome['messages']:>9,}{seconds:>9.2f}{cpu:>8.2f}"
                    f"{outcome['messages'] / seconds:>10,.0f}{peak:>9.1f}  "
                    f"{base_wall / seconds:.2f}, {base_cpu / cpu:.2f}"
                    + (f" (target {TARGET})" if mode == "import" else "")
                )
                if "summary" in outcome:
                    print(f"{'':>26}{json.dumps(outcome['summary'], sort_keys=True)}")
        verdicts += [flat(mode, found) for mode, found in peaks.items() if mode != "baseline"]
    for verdict in verdicts:
        print(verdict)


def flat(mode: str, peaks: list[tuple[str, float]]) -> str:
    """Whether memory stays flat from the smallest size to the largest: the larger file's peak
    within GROWTH times the smaller's plus SLACK_MB (plus the import's capped page cache)."""
    from kith.store.imports.runs import BULK_CACHE_KIB

    if len(peaks) < 2:
        return f"memory, {mode}: one size run, nothing to compare"
    (small, low), (large, high) = peaks[0], peaks[-1]
    cache = BULK_CACHE_KIB / 1024 if mode == "import" else 0.0
    limit = GROWTH * low + SLACK_MB + cache
    verdict = "holds" if high <= limit else "OVER"
    return (
        f"memory, {mode}: {large} {high:.1f} MB against {small} {low:.1f} MB; limit "
        f"{GROWTH} × {low:.1f} + {SLACK_MB:.0f}"
        + (f" + {cache:.0f} (page cache)" if cache else "")
        + f" = {limit:.1f} MB: {verdict}"
    )


if __name__ == "__main__":
    main()
