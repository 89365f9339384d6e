"""IMAP sync against a local Dovecot: a first run over 20,000 messages, and a run with no new mail.

The messages are bench/mail.py's generator's (seeded: personal mail, threads, lists, CCs,
encoded words; the user sends about 40%), written straight into the throw-away server's Maildir
(the user's own in .Sent), which Dovecot indexes once before anything is timed. The first sync
(headers fetched in batches of 1,000 over loopback, planned and written batch by batch) is
printed as a throughput ratio to the mail file importer's (`kith import` of the same Maildir,
and of the same messages as an mbox, staged then applied), in the same process, each into a
fresh database.
The run with no new mail is printed against the issue's 2 s. Figures to read, not a test.

    .venv/bin/python bench/sync_imap.py [--messages 20000] [--runs 1]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from kith.services import sync  # noqa: E402
from kith.services.importing.paths import import_path  # noqa: E402
from kith.services.settings import set_value  # noqa: E402
from kith.store import Store, open_store  # noqa: E402
from mail import ME, SEED, Generator  # noqa: E402  (bench/mail.py)
from tests.dovecot_server import PASSWORD, USER, Dovecot  # noqa: E402

NO_NEW_MAIL_GOAL_S = 2.0
NOW = datetime(2026, 11, 22, 10, tzinfo=UTC)


def fill_maildir(server: Dovecot, count: int) -> tuple[Path, Path]:
    """The generated messages as the server's Maildir (INBOX and .Sent), and as an mbox."""
    root = server.dir / "mail" / USER.split("@")[0]
    for folder in (root, root / ".Sent"):
        for sub in ("cur", "new", "tmp"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
    mbox = server.dir / "same.mbox"
    with mbox.open("w", encoding="utf-8", newline="\n") as handle:
        for text in Generator(SEED).messages(count):
            handle.write(text)
    for number, text in enumerate(Generator(SEED).messages(count)):
        rest = text.partition("\n")[2]  # without the mbox postmark
        mine = f"From: Me Myself <{ME}>" in rest or f"From: {ME}" in rest
        folder = root / ".Sent" if mine else root
        name = f"{1_700_000_000 + number}.M{number}P1.bench:2,S"
        (folder / "cur" / name).write_bytes(rest.replace("\n", "\r\n").encode())
    if os.getuid() == 0:
        for path in [root, *root.rglob("*")]:
            os.chown(path, server.uid, server.gid)
    return root, mbox


def fresh(scratch: Path, name: str) -> Store:
    store = open_store(scratch / f"{name}.db")
    set_value(store, "me.emails", ME)
    return store


def timed_sync(store: Store, server: Dovecot) -> tuple[float, dict[str, int]]:
    source = server.configured(store, NOW)
    started = time.perf_counter()
    outcome = sync.run(store, source, sync.RunContext(now=NOW))
    return time.perf_counter() - started, outcome.summary


def timed_file_import(store: Store, path: Path, kind: str) -> tuple[float, int]:
    """Seconds, and the interactions the import created."""
    started = time.perf_counter()
    reports = import_path(store, path, kind=kind, now=NOW)
    return time.perf_counter() - started, sum(r.created["interaction"] for r in reports)


def warm(server: Dovecot) -> None:
    """Let Dovecot index the new Maildir (UIDs, caches) before anything is timed."""
    client = server.client()
    try:
        for folder in ("INBOX", "Sent"):
            client.select(folder, readonly=True)
            client.uid("FETCH", "1:*", "(UID BODY.PEEK[HEADER.FIELDS (FROM)])")
    finally:
        client.logout()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    os.environ["KITH_IMAP_PASSWORD"] = PASSWORD
    server = Dovecot()
    times: dict[str, list[float]] = {"maildir": [], "mbox": [], "first": [], "again": []}
    logged: dict[str, int] = {}
    try:
        maildir, mbox = fill_maildir(server, args.messages)
        server.start()
        warm(server)
        for run in range(args.runs):
            with tempfile.TemporaryDirectory() as scratch:
                store = fresh(Path(scratch), f"imap{run}")
                seconds, summary = timed_sync(store, server)
                times["first"].append(seconds)
                times["again"].append(timed_sync(store, server)[0])
                logged["sync"] = summary["interactions_created"]
                store.close()
                for kind, path in (("maildir", maildir), ("mbox", mbox)):
                    other = fresh(Path(scratch), f"{kind}{run}")
                    seconds, logged[kind] = timed_file_import(other, path, kind)
                    times[kind].append(seconds)
                    other.close()
        report(args.messages, {k: statistics.median(v) for k, v in times.items()}, args.runs)
        print(f"Interactions logged: {logged} (the same: {len(set(logged.values())) == 1}).")
    finally:
        server.close()


def report(count: int, median: dict[str, float], runs: int) -> None:
    print(f"IMAP sync against a local Dovecot, {count:,} messages (median of {runs}):")
    print("| run | seconds | messages/s | sync's throughput as a share of it | goal |")
    print("|---|---:|---:|---:|---:|")
    first = median["first"]
    for kind, label in (("maildir", "the same Maildir"), ("mbox", "the same mail as an mbox")):
        seconds = median[kind]
        print(
            f"| `kith import` of {label} | {seconds:.2f} | {count / seconds:,.0f} | "
            f"**{seconds / first:.2f}** | |"
        )
    print(f"| first `kith sync imap` | {first:.2f} | {count / first:,.0f} | | |")
    again = median["again"]
    print(
        f"| `kith sync imap`, no new mail | {again:.3f} | | | "
        f"{again / NO_NEW_MAIL_GOAL_S:.3f} of {NO_NEW_MAIL_GOAL_S:.0f} s |"
    )


if __name__ == "__main__":
    main()
