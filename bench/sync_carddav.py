"""CardDAV sync's figures (issue 16) against a real Radicale on loopback: a first sync of 5,000
contacts from Kith into an empty address book, and a re-sync with nothing changed. Each is
printed as a ratio to the raw HTTP requests the same sync needs against the same server (one
PROPFIND for the ETags, and one PUT per card for the first sync), so the figure measures Kith
and not Radicale; the absolute times stand beside it, with the goals (60 s and 5 s).

    python bench/sync_carddav.py               # 5,000 contacts, as `make bench`
    python bench/sync_carddav.py --people 500
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.carddav_server import PASSWORD, USER, Radicale  # noqa: E402

from kith.model import Identity  # noqa: E402
from kith.records import PersonRecord  # noqa: E402
from kith.services import sync  # noqa: E402
from kith.services.imports import import_records  # noqa: E402
from kith.services.sync.carddav import snapshot  # noqa: E402
from kith.services.sync.carddav_client import _ETAGS  # noqa: E402
from kith.store import open_store  # noqa: E402

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
FIRST_GOAL_S, AGAIN_GOAL_S = 60.0, 5.0


def people(count: int) -> list[PersonRecord]:
    return [
        PersonRecord(
            source_id=f"bench-{n}",
            name=f"Person {n:05d} Example",
            identities=(
                Identity("email", "", f"person{n}@example.org"),
                Identity("phone", "", f"+44 20 7946 {n % 10000:04d}"),
            ),
            tags=("bench",),
        )
        for n in range(count)
    ]


def raw_first(server: Radicale, texts: list[str]) -> float:
    """The requests a first sync needs, made bare: list the book, then PUT every card."""
    started = time.perf_counter()
    with httpx.Client(auth=(USER, PASSWORD)) as client:
        client.request("PROPFIND", server.book, content=_ETAGS, headers={"Depth": "1"})
        for number, text in enumerate(texts):
            client.put(
                f"{server.book}raw-{number}.vcf",
                content=text,
                headers={"If-None-Match": "*", "Content-Type": "text/vcard; charset=utf-8"},
            )
    return time.perf_counter() - started


def raw_again(server: Radicale) -> float:
    started = time.perf_counter()
    with httpx.Client(auth=(USER, PASSWORD)) as client:
        client.request("PROPFIND", server.book, content=_ETAGS, headers={"Depth": "1"})
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=5000)
    count = parser.parse_args().people
    with tempfile.TemporaryDirectory() as folder:
        os.environ["KITH_CARDDAV_PASSWORD"] = PASSWORD
        server = Radicale(Path(folder) / "radicale")
        server.start()
        try:
            server.make_book()
            store = open_store(Path(folder) / "kith.db")
            import_records(store, people(count), kind="bench", path=None, now=NOW)
            texts = [mine.text for mine in snapshot(store, NOW, False).values()]
            source = sync.configure(
                store, "carddav", "carddav", {"url": server.book, "user": USER}, NOW
            )
            started = time.perf_counter()
            outcome = sync.run(store, source, sync.RunContext(NOW))
            first = time.perf_counter() - started
            assert outcome.summary["created_there"] == count, outcome.summary
            started = time.perf_counter()
            outcome = sync.run(store, source, sync.RunContext(NOW))
            again = time.perf_counter() - started
            assert not any(outcome.summary.values()), outcome.summary
            store.close()
            raw_list = raw_again(server)  # the book holds `count` cards, as for the re-sync
            raw_put = raw_first(server, texts)
        finally:
            server.stop()
    print(f"CardDAV sync, {count} contacts, against Radicale on loopback")
    print(
        f"  first sync      {first:7.2f} s  = {first / raw_put:5.2f} x the raw requests "
        f"({raw_put:.2f} s)   goal {FIRST_GOAL_S:.0f} s: {first / FIRST_GOAL_S:.2f} of it"
    )
    print(
        f"  no-change sync  {again:7.2f} s  = {again / raw_list:5.2f} x the raw requests "
        f"({raw_list:.2f} s)   goal {AGAIN_GOAL_S:.0f} s: {again / AGAIN_GOAL_S:.2f} of it"
    )


if __name__ == "__main__":
    main()
