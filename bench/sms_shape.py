"""How many conversations a message makes: real chat files against bench/chats.py's SMS files.

The SMS import's cost is per message (the reading) and per conversation (the rows written, the
tie pass), so the file it is timed on must group into conversations as real threads do. This
groups by the import's rule (kith.sources.chat: a thread's conversation ends after GAP without a
message, or SPAN after it began) and prints, for each, messages, conversations and their ratio:

- CollegeMsg (../shared/data/college-msg: 59,835 messages among 1,899 students, a thread per
  pair), with the statistics bench/chats.py's bursty generator is calibrated to (the sizes of
  conversations, the log-normal pause within one, how often the other side writes next, how a
  student's messages spread over their contacts) beside the constants chats.py holds;
- every chat file of ../shared/corpus/chat that gives messages (small files: a few dozen at most);
- bench/chats.py's two SMS files: `sms` (v2: each message to a number picked anew) and `bursty`.

Figures to read, not a test: nothing fails.

    .venv/bin/python bench/sms_shape.py [--messages 100000]
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import chats

SHARED = chats.ROOT.parent / "shared"
COLLEGE = SHARED / "data" / "college-msg" / "CollegeMsg.txt"
CORPUS = SHARED / "corpus" / "chat"
EGO_MESSAGES = 500  # the students whose contacts are weighed: as many messages as a phone's


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=100_000, help="the generated files' size")
    args = parser.parse_args()
    college()
    corpus()
    for make in (chats.sms, chats.bursty):
        path = make(args.messages)
        messages, talks = grouped_file(path)
        print(f"{path.name:<58}{messages:>8,}{talks:>8,}  {talks / messages:.3f}")


def college() -> None:
    from kith.sources import chat

    gap, span = chat.GAP.total_seconds(), chat.SPAN.total_seconds()
    with COLLEGE.open() as lines:
        rows = sorted(
            (tuple(map(int, line.split())) for line in lines if line[:1].isdigit()),
            key=lambda row: row[2],
        )
    open_: dict[tuple[int, int], list[int]] = {}  # a pair's [start, last, size, last writer]
    sizes, pauses, writers = [], [], Counter[bool]()
    contacts: dict[int, Counter[int]] = defaultdict(Counter)
    talks: Counter[int] = Counter()  # conversations per student
    for sender, receiver, at in rows:
        pair = (min(sender, receiver), max(sender, receiver))
        contacts[sender][receiver] += 1
        contacts[receiver][sender] += 1
        talk = open_.get(pair)
        if talk is None or at - talk[1] > gap or at - talk[0] >= span:
            if talk is not None:
                sizes.append(talk[2])
            open_[pair] = [at, at, 1, sender]
            talks[sender] += 1
            talks[receiver] += 1
            continue
        pauses.append(math.log(max(at - talk[1], 1)))
        writers[sender != talk[3]] += 1
        talk[1], talk[2], talk[3] = at, talk[2] + 1, sender
    sizes += [talk[2] for talk in open_.values()]
    tail = [size for size in sizes if size > 10]
    egos = [ego for ego, seen in contacts.items() if seen.total() >= EGO_MESSAGES]
    top = statistics.median(top_tenth(contacts[ego]) for ego in egos)
    ratios = sorted(talks[ego] / contacts[ego].total() for ego in egos)
    print(f"{'file':<58}{'messages':>8}{'convs':>8}  ratio")
    print(
        f"{'CollegeMsg (a thread per pair)':<58}{len(rows):>8,}{len(sizes):>8,}  "
        f"{len(sizes) / len(rows):.3f}"
    )
    print(
        f"  its students with {EGO_MESSAGES}+ messages ({len(egos)}), each as a phone's owner: "
        f"ratio {ratios[0]:.2f} to {ratios[-1]:.2f}, median {statistics.median(ratios):.2f}"
    )
    print("  calibration, measured (chats.py's constant):")
    print(
        f"    conversations of 1..10 messages {[sizes.count(n) for n in range(1, 11)]}"
        f" ({list(chats.BURST_SIZES)})"
    )
    print(
        f"    of 11+: {len(tail)}, mean {statistics.mean(tail):.1f} "
        f"({chats.BURST_OVER}, 11 + {chats.BURST_TAIL})"
    )
    print(
        f"    ln seconds between a conversation's messages: mean {statistics.mean(pauses):.2f}, "
        f"deviation {statistics.stdev(pauses):.2f} ({chats.BURST_GAP})"
    )
    print(
        f"    the next message by the other side {writers[True] / writers.total():.3f} "
        f"({chats.REPLY})"
    )
    print(
        f"    top tenth of contacts' share of a student's messages, median {top:.3f}: "
        f"Zipf exponent over 100 numbers {zipf(top):.3f} ({chats.ZIPF}); median contacts "
        f"{statistics.median(len(contacts[ego]) for ego in egos)}"
    )


def top_tenth(seen: Counter[int]) -> float:
    counts = sorted(seen.values(), reverse=True)
    return sum(counts[: max(1, len(counts) // 10)]) / sum(counts)


def zipf(share: float, numbers: int = 100) -> float:
    """The exponent s whose weights 1/n**s over `numbers` give their top tenth `share`."""
    low, high = 0.0, 4.0
    for _ in range(50):
        s = (low + high) / 2
        weights = [1 / n**s for n in range(1, numbers + 1)]
        low, high = (s, high) if sum(weights[: numbers // 10]) / sum(weights) < share else (low, s)
    return s


def corpus() -> None:
    from kith.records import Conversations, ExchangeRecord, Tally
    from kith.sources import registry

    now = datetime(2030, 1, 1, tzinfo=UTC)
    for path in sorted(p for p in CORPUS.rglob("*") if p.is_file()):
        kind = registry.detect(path)
        messages = talks = 0
        for record in registry.records(kind, path, now, bulk=True, region="GB"):
            if isinstance(record, Conversations):
                talks += len(record.rows)
            elif isinstance(record, ExchangeRecord) and record.channel == "message":
                talks += 1
            elif isinstance(record, Tally) and record.what == "message":
                messages += record.count
        if messages:
            name = f"{kind}: {path.name}"
            print(f"{name[:58]:<58}{messages:>8,}{talks:>8,}  {talks / messages:.3f}")


def grouped_file(path: Path) -> tuple[int, int]:
    """(messages, conversations) of an SMS backup, as the import reads it."""
    from kith.records import Conversations, Tally
    from kith.sources import sms_backup

    messages = talks = 0
    for record in sms_backup.read(path, bulk=True):
        if isinstance(record, Conversations):
            talks += len(record.rows)
        elif isinstance(record, Tally):
            messages += record.count
    return messages, talks


if __name__ == "__main__":
    main()
