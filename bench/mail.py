"""The mbox reader against the issue's baseline: throughput and peak memory at 10,000 and 100,000.

Generates (once, seeded) mbox files of realistic messages: a few hundred correspondents, threads
with In-Reply-To, mailing lists with List-Id, CCs, encoded words, `me@example.org` sending about
40%. Each run is a fresh child process, timed inside (start-up excluded), its peak RSS read with
os.wait4. The baseline is the issue's: split on `From ` lines, BytesHeaderParser(compat32) on each
header block, getaddresses on From/To/Cc, parsedate_to_datetime on Date. The issue asks Kith's
whole import to reach 0.25 of the baseline's throughput, and the reader's peak RSS at 100,000 to
stay within 20 MB of its peak at 10,000. Figures to read, not a test: nothing fails.

    .venv/bin/python bench/mail.py [--sizes 10000 100000] [--runs 3] [--no-import]
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from email.header import Header
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
GENERATOR_VERSION = 1
SEED = 20260501
ME = "me@example.org"
IMPORT_RATIO_TARGET = 0.25
RSS_GROWTH_LIMIT_MB = 20.0
MODES = ("baseline", "reader", "import")
T = TypeVar("T")
MIME_LINES = [
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "X-Mailer: Bench Mail 1.0",
    "",
]

FIRST = ["Ada", "Bob", "Chloé", "Dmitri", "Emma", "Farid", "Grace", "Hiro", "Inès", "Jonas", "Kofi"]
FIRST += ["Lena", "Marta", "Nils", "Olga", "Pablo", "Quinn", "Rosa", "Søren", "Tomás", "Uma"]
FIRST += ["Viktor", "Wen", "Xavier", "Yara", "Zoë", "Łukasz", "Ana", "Björn", "Céline"]
LAST = ["Smith", "Müller", "García", "Rossi", "Novak", "Dubois", "Kowalski", "Andersson", "Jensen"]
LAST += ["Tanaka", "Okafor", "Silva", "Nguyen", "Øvergaard", "Petrov", "Walsh", "Hughes", "Moreau"]
LAST += ["Schäfer", "Costa"]
DOMAINS = ["acme.example", "globex.example", "initech.example", "umbrella.example", "hooli.example"]
DOMAINS += ["stark.example", "gmail.com", "outlook.com", "posteo.de", "fastmail.fm"]
LISTS = ["python-dev", "sqlite-users", "local-runners", "book-club", "rust-users", "neighbours"]
TOPICS = ["lunch plans", "the quarterly report", "your talk", "the new release", "weekend trip"]
TOPICS += ["a quick question", "café on Friday", "Überweisung", "meeting notes", "the draft"]
TOPICS += ["invoice 2931", "the garden", "tickets", "Встреча в пятницу", "来週の打ち合わせについて"]
WORDS = ["the", "a", "we", "could", "meet", "at", "noon", "if", "that", "works", "for", "you"]
WORDS += ["I", "think", "draft", "looks", "good", "thanks"]


@dataclass(frozen=True)
class Person:
    name: str
    address: str


# Generating the mbox


def people(rng: random.Random, count: int = 300) -> list[Person]:
    found: dict[str, Person] = {}
    while len(found) < count:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        plain = unicodedata.normalize("NFKD", f"{first}.{last}".lower().replace("ł", "l"))
        local = plain.encode("ascii", "ignore").decode()
        address = f"{local}{rng.randint(1, 99)}@{rng.choice(DOMAINS)}"
        found[address] = Person(f"{first} {last}", address)
    return list(found.values())


def mailbox(person: Person) -> str:
    """`Name <address>`, the name an encoded word when it is not ASCII (as mail clients write)."""
    name = person.name if person.name.isascii() else Header(person.name, "utf-8").encode()
    return f"{name} <{person.address}>"


def subject_text(text: str, rng: random.Random) -> str:
    if text.isascii():
        return text
    if rng.random() < 0.5:
        return Header(text, "utf-8").encode()
    encoded = base64.b64encode(text.encode()).decode()
    return f"=?utf-8?B?{encoded}?="


class Generator:
    """Messages one by one: a timeline of personal mail, threads, lists and notifications."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.people = people(self.rng)
        self.me = Person("Me Myself", ME)
        self.at = datetime(2019, 1, 1, 8, tzinfo=UTC)
        self.threads: list[tuple[str, str, list[Person]]] = []  # (message id, subject, people)
        self.number = 0

    def messages(self, count: int) -> Iterator[str]:
        for _ in range(count):
            self.number += 1
            self.at += timedelta(seconds=self.rng.randint(30, 3000))
            yield self.message()

    def message(self) -> str:
        roll = self.rng.random()
        if roll < 0.18:
            return self.list_message()
        if roll < 0.22:
            return self.notification()
        return self.personal(mine=roll < 0.62)

    def personal(self, *, mine: bool) -> str:
        rng = self.rng
        reply = bool(self.threads) and rng.random() < 0.45
        if reply:
            parent, topic, group = rng.choice(self.threads)
            topic = topic if topic.startswith("Re: ") else f"Re: {topic}"
        else:
            parent, topic, group = "", rng.choice(TOPICS), rng.sample(self.people, 3)
        sender = self.me if mine else group[0]
        others = [p for p in [self.me, *group] if p != sender]
        to, cc = others[:1], others[1 : 1 + rng.choice((0, 0, 1, 2))]
        own_id = self.new_id(sender)
        self.remember(own_id, topic, group)
        extra = {"In-Reply-To": f"<{parent}>", "References": f"<{parent}>"} if reply else {}
        return self.render(sender, to, cc, topic, own_id, extra)

    def list_message(self) -> str:
        name = self.rng.choice(LISTS)
        sender = self.rng.choice([self.me, *self.people[:60]])
        topic = f"[{name}] " + self.rng.choice(TOPICS)
        post = Person(name, f"{name}@lists.example.org")
        extra = {
            "List-Id": f"<{name}.lists.example.org>",
            "List-Unsubscribe": f"<mailto:{name}-leave@lists.example.org>",
            "Precedence": "list",
        }
        return self.render(sender, [post], [], topic, self.new_id(sender), extra)

    def notification(self) -> str:
        sender = Person("Shop", "no-reply@shop.example")
        topic = f"Your order {self.number} has shipped"
        extra = {"Auto-Submitted": "auto-generated"}
        return self.render(sender, [self.me], [], topic, self.new_id(sender), extra)

    def new_id(self, sender: Person) -> str:
        return f"{self.number}.{self.rng.getrandbits(40):x}@{sender.address.split('@')[1]}"

    def remember(self, message_id: str, topic: str, group: list[Person]) -> None:
        self.threads.append((message_id, topic, group))
        if len(self.threads) > 400:
            self.threads.pop(0)

    def render(
        self,
        sender: Person,
        to: list[Person],
        cc: list[Person],
        topic: str,
        message_id: str,
        extra: dict[str, str],
    ) -> str:
        at = self.at.astimezone(timezone(timedelta(hours=self.rng.choice((-5, 0, 1, 2, 9)))))
        stamp = at.strftime("%a, %d %b %Y %H:%M:%S %z")
        lines = [
            f"From {sender.address} {self.at.strftime('%a %b %d %H:%M:%S %Y')}",
            *self.transport(sender, stamp),
            f"Message-ID: <{message_id}>",
            f"Date: {stamp}",
            f"From: {mailbox(sender)}",
            f"To: {', '.join(mailbox(p) for p in to)}",
            *([f"Cc: {', '.join(mailbox(p) for p in cc)}"] if cc else []),
            f"Subject: {subject_text(topic, self.rng)}",
            *(f"{key}: {value}" for key, value in extra.items()),
            *MIME_LINES,
            *self.body(bool(extra.get("In-Reply-To"))),
            "",
        ]
        return "\n".join(lines) + "\n"

    def transport(self, sender: Person, stamp: str) -> list[str]:
        """What servers add on the way: Return-Path, Received, a DKIM signature."""
        return [
            f"Return-Path: <{sender.address}>",
            f"Received: from mail.{sender.address.split('@')[1]} (192.0.2.{self.number % 250})",
            f"\tby mx.example.org with ESMTPS id {self.number:x}; {stamp}",
            "Received: from localhost by mail.example.org with LMTP",
            f"\tid {self.rng.getrandbits(64):x}; {stamp}",
            "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=mail;",
            f"\tbh={base64.b64encode(self.rng.randbytes(32)).decode()};",
            f"\tb={base64.b64encode(self.rng.randbytes(96)).decode()}",
        ]

    def body(self, reply: bool) -> list[str]:
        rng = self.rng
        lines = [
            " ".join(rng.choices(WORDS, k=rng.randint(6, 14))) for _ in range(rng.randint(3, 12))
        ]
        if reply:
            lines += ["", "On an earlier day, someone wrote:"]
            lines += [f"> {' '.join(rng.choices(WORDS, k=10))}" for _ in range(rng.randint(2, 8))]
        if rng.random() < 0.05:
            lines.append(">From the minutes: an mboxrd-quoted line.")
        return lines


def ensure_mbox(count: int) -> Path:
    """The generated mbox of `count` messages, written once per generator version."""
    path = DATA / f"mail-{count}-v{GENERATOR_VERSION}.mbox"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    print(f"Generating {count:,} messages into {path} ...", flush=True)
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8", newline="\n") as handle:
        for text in Generator(SEED).messages(count):
            handle.write(text)
    partial.rename(path)
    return path


Outcome = dict[str, Any]  # {"messages": N} and, for the import, its report's summary

# The runs, each in a child process. Each imports only what it uses (inside the function), so
# that a run's peak memory is its own.


def run_baseline(path: Path) -> Outcome:
    """The issue's baseline: each header block through compat32, its addresses and its Date."""
    from email.parser import BytesHeaderParser
    from email.policy import compat32
    from email.utils import getaddresses, parsedate_to_datetime

    parser = BytesHeaderParser(policy=compat32)
    count = 0
    for block in baseline_blocks(path):
        message = parser.parsebytes(block)
        for field in ("From", "To", "Cc"):
            getaddresses([str(v) for v in message.get_all(field, [])])
        with contextlib.suppress(TypeError, ValueError):
            parsedate_to_datetime(str(message["Date"]))
        count += 1
    return {"messages": count}


def baseline_blocks(path: Path) -> Iterator[bytes]:
    header: list[bytes] | None = None
    with path.open("rb") as handle:
        for line in handle:
            if line.startswith(b"From "):
                if header is not None:
                    yield b"".join(header)
                header = []
            elif header is not None and header and line in (b"\n", b"\r\n"):
                yield b"".join(header)
                header = None
            elif header is not None:
                header.append(line)
    if header is not None:
        yield b"".join(header)


def run_reader(path: Path) -> Outcome:
    from kith.sources import mbox

    return {"messages": sum(1 for _ in mbox.read(path))}


def run_import(path: Path) -> Outcome:
    from kith.services.imports import import_records
    from kith.services.settings import set_value
    from kith.sources import mbox
    from kith.store import open_store

    with tempfile.TemporaryDirectory(dir=DATA) as scratch:
        store = open_store(Path(scratch) / "kith.db")
        set_value(store, "me.emails", ME)
        counted = Tally()
        report = import_records(
            store, counted.wrap(mbox.read(path)), kind="mbox", path=str(path), now=datetime.now(UTC)
        )
        store.close()
    return {"messages": counted.count, "summary": report.summary()}


class Tally:
    """Counts the records an import consumes."""

    def __init__(self) -> None:
        self.count = 0

    def wrap(self, records: Iterator[T]) -> Iterator[T]:
        for record in records:
            self.count += 1
            yield record


RUNS: dict[str, Callable[[Path], Outcome]] = {
    "baseline": run_baseline,
    "reader": run_reader,
    "import": run_import,
}


def child(mode: str, path: Path) -> None:
    started = time.perf_counter()
    outcome = RUNS[mode](path)
    print(json.dumps(outcome | {"seconds": time.perf_counter() - started}))


# The parent: runs, figures, the report


@dataclass(frozen=True)
class Figure:
    mode: str
    size: int
    messages: int
    seconds: float  # the median of the runs
    peak_mb: float  # the largest of the runs
    summary: dict[str, Any] | None = None  # what the import did

    @property
    def rate(self) -> float:
        return self.messages / self.seconds


def measure(mode: str, path: Path) -> tuple[Outcome, float] | str:
    """(the child's outcome with its seconds, its peak RSS in MB), or what went wrong."""
    argv = [sys.executable, __file__, "--child", mode, str(path)]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    out, err = process.stdout.read(), process.stderr.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stdout.close()  # type: ignore[union-attr]
    process.stderr.close()  # type: ignore[union-attr]
    if process.returncode != 0:
        return err.decode(errors="replace").strip().splitlines()[-1]
    return json.loads(out), usage.ru_maxrss / 1024


def figure(mode: str, size: int, path: Path, runs: int) -> Figure | str:
    results = [measure(mode, path) for _ in range(runs)]
    good = [r for r in results if not isinstance(r, str)]
    if not good:
        return str(results[0])
    seconds = statistics.median(outcome["seconds"] for outcome, _ in good)
    first = good[0][0]
    peak = max(peak for _, peak in good)
    return Figure(mode, size, first["messages"], seconds, peak, first.get("summary"))


def report(figures: dict[tuple[str, int], Figure | str], sizes: list[int]) -> None:
    print(f"\n{'messages':>9}  {'run':<9}{'seconds':>9}{'msgs/s':>10}{'peak MB':>9}  vs baseline")
    for size in sizes:
        base = figures.get(("baseline", size))
        for mode in MODES:
            found = figures.get((mode, size))
            if isinstance(found, Figure):
                ratio = found.rate / base.rate if isinstance(base, Figure) else float("nan")
                print(
                    f"{found.messages:>9,}  {mode:<9}{found.seconds:>9.2f}{found.rate:>10,.0f}"
                    f"{found.peak_mb:>9.1f}  {ratio:.2f}"
                )
                if found.summary:
                    print(f"{'':>11}{json.dumps(found.summary, sort_keys=True)}")
            elif found is not None:
                print(f"{size:>9,}  {mode:<9}unavailable: {found}")
    conclude(figures, sizes)


def conclude(figures: dict[tuple[str, int], Figure | str], sizes: list[int]) -> None:
    small, large = min(sizes), max(sizes)
    print()
    for mode in MODES:
        a, b = figures.get((mode, small)), figures.get((mode, large))
        if isinstance(a, Figure) and isinstance(b, Figure) and small != large:
            growth = b.peak_mb - a.peak_mb
            print(
                f"{mode}: peak RSS {a.peak_mb:.1f} MB at {small:,}, {b.peak_mb:.1f} MB at "
                f"{large:,} ({growth:+.1f} MB; limit +{RSS_GROWTH_LIMIT_MB:.0f} MB for the reader)"
            )
    for size in sizes:
        base, whole = figures.get(("baseline", size)), figures.get(("import", size))
        if isinstance(base, Figure) and isinstance(whole, Figure):
            ratio = whole.rate / base.rate
            print(
                f"whole import at {size:,}: {ratio:.2f} of the baseline's throughput "
                f"(target {IMPORT_RATIO_TARGET}; {ratio / IMPORT_RATIO_TARGET:.1f}x the target)"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median time)")
    parser.add_argument("--no-import", action="store_true", help="skip the whole import")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    modes = [m for m in MODES if not (args.no_import and m == "import")]
    figures: dict[tuple[str, int], Figure | str] = {}
    for size in args.sizes:
        path = ensure_mbox(size)
        print(f"{path.name}: {path.stat().st_size / 2**20:,.0f} MB", flush=True)
        for mode in modes:
            figures[(mode, size)] = figure(mode, size, path, args.runs)
    report(figures, args.sizes)


if __name__ == "__main__":
    main()
