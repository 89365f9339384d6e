"""IMAP sync against a local Dovecot: a first run over 20,000 messages, and a run with no new mail.

The messages are bench/mail.py's generator's (seeded: personal mail, threads, lists, CCs,
encoded words; the user sends about 40%), written straight into the throw-away server's Maildir
(the user's own in .Sent), which Dovecot indexes once before anything is timed. The first sync
(headers fetched in batches of 1,000 over loopback, planned and written batch by batch) is
printed as a throughput ratio to the mail file importer's (`kith import` of the same Maildir,
staged then applied) on the same messages, in the same process, each into a fresh database.
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

from tests.dovecot_server import PASSWORD, USER, Dovecot  # noqa: E402

from kith.services import sync  # noqa: E402
from kith.services.importing.paths import import_path  # noqa: E402
from kith.services.settings import set_value  # noqa: E402
from kith.store import Store, open_store  # noqa: E402
from mail import ME, SEED, Generator  # noqa: E402  (bench/mail.py)

NO_NEW_MAIL_GOAL_S = 2.0
NOW = datetime(2026, 11, 22, 10, tzinfo=UTC)


def fill_maildir(server: Dovecot, count: int) -> Path:
    """The generated messages as the server's Maildir (INBOX and .Sent); its path."""
    root = server.dir / "mail" / USER.split("@")[0]
    for folder in (root, root / ".Sent"):
        for sub in ("cur", "new", "tmp"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
    for number, text in enumerate(Generator(SEED).messages(count)):
        rest = text.partition("\n")[2]  # without the mbox postmark
        mine = f"From: Me Myself <{ME}>" in rest or f"From: {ME}" in rest
        folder = root / ".Sent" if mine else root
        name = f"{1_700_000_000 + number}.M{number}P1.bench:2,S"
        (folder / "cur" / name).write_bytes(rest.replace("\n", "\r\n").encode())
    if os.getuid() == 0:
        for path in [root, *root.rglob("*")]:
            os.chown(path, server.uid, server.gid)
    return root


def fresh(scratch: Path, name: str) -> Store:
    store = open_store(scratch / f"{name}.db")
    set_value(store, "me.emails", ME)
    return store


def timed_sync(store: Store, server: Dovecot) -> tuple[float, dict[str, int]]:
    source = server.configured(store, NOW)
    started = time.perf_counter()
    outcome = sync.run(store, source, sync.RunContext(now=NOW))
    return time.perf_counter() - started, outcome.summary


def timed_file_import(store: Store, maildir: Path) -> tuple[float, int]:
    """Seconds, and the interactions the import created."""
    started = time.perf_counter()
    reports = import_path(store, maildir, kind="maildir", now=NOW)
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
    try:
        maildir = fill_maildir(server, args.messages)
        server.start()
        warm(server)
        firsts, files, agains, summary = [], [], [], {}
        for run in range(args.runs):
            with tempfile.TemporaryDirectory() as scratch:
                store = fresh(Path(scratch), f"imap{run}")
                seconds, summary = timed_sync(store, server)
                firsts.append(seconds)
                agains.append(timed_sync(store, server)[0])
                store.close()
                other = fresh(Path(scratch), f"file{run}")
                seconds, logged = timed_file_import(other, maildir)
                files.append(seconds)
                other.close()
        report(args.messages, firsts, files, agains, summary)
        same = "the same" if logged == summary["interactions_created"] else "NOT the same"
        print(f"The file import logged {logged:,} interactions: {same} as the sync.")
    finally:
        server.close()


def report(
    count: int,
    firsts: list[float],
    files: list[float],
    agains: list[float],
    summary: dict[str, int],
) -> None:
    first, file, again = (statistics.median(x) for x in (firsts, files, agains))
    print(f"IMAP sync against a local Dovecot, {count:,} messages (median of {len(firsts)}):")
    print("| run | seconds | messages/s | vs the file importer | goal |")
    print("|---|---:|---:|---:|---:|")
    print(f"| `kith import` of the same Maildir | {file:.2f} | {count / file:,.0f} | 1.00 | |")
    print(
        f"| first `kith sync imap` | {first:.2f} | {count / first:,.0f} | "
        f"**{file / first:.2f}** | |"
    )
    print(
        f"| `kith sync imap`, no new mail | {again:.3f} | | | "
        f"{again / NO_NEW_MAIL_GOAL_S:.3f} of {NO_NEW_MAIL_GOAL_S:.0f} s |"
    )
    print(f"First sync: {summary}")


if __name__ == "__main__":
    main()
