"""CardDAV sync's figures (issue 16) against a real Radicale on loopback, each printed as a
ratio to the raw HTTP requests the same sync needs against the same server (so the figure
measures Kith, not Radicale), with the absolute time beside it and the issue's goals:

- a first sync of 5,000 contacts from an address book into an empty Kith (one PROPFIND for
  the ETags, addressbook-multiget of every card, the import): goal 60 s;
- a re-sync with nothing changed (one PROPFIND, nothing downloaded, nothing written): goal 5 s;
- a first sync the other way, Kith's people written into an empty book (one PUT per card).
  Radicale's PUT costs more the fuller the book is (it checks the new card's UID against every
  card), so writing 5,000 takes over an hour of the server's time whoever sends them; this
  one runs on --write contacts (default 300) and its ratio is what to read.

    python bench/sync_carddav.py                          # as `make bench`
    python bench/sync_carddav.py --people 1000 --write 100
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
from kith.model import Identity  # noqa: E402
from kith.records import PersonRecord  # noqa: E402
from kith.services import sync  # noqa: E402
from kith.services.imports import import_records  # noqa: E402
from kith.services.sync.carddav import snapshot  # noqa: E402
from kith.services.sync.carddav_client import _ETAGS, Client  # noqa: E402
from kith.store import Store, open_store  # noqa: E402
from tests.carddav_server import PASSWORD, USER, Radicale  # noqa: E402

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
FIRST_GOAL_S, AGAIN_GOAL_S = 60.0, 5.0
GIVEN = [
    "Ada",
    "Grace",
    "Mary",
    "Emmy",
    "Ines",
    "Joon",
    "Layla",
    "Min",
    "Tomas",
    "Wendy",
    "Yan",
    "Zuzanna",
    "Kofi",
    "Ravi",
    "Sven",
]
FAMILY = [
    "Lovelace",
    "Hopper",
    "Somerville",
    "Noether",
    "Ferreira",
    "Lee",
    "Haddad",
    "Song",
    "Cabrera",
    "Sun",
    "Pawlak",
]
CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:phone-{n}\r\nFN:{given} {family}-{n}\r\n"
    "N:{family}-{n};{given};;;\r\nEMAIL;TYPE=HOME:person{n}@example.org\r\n"
    "TEL;TYPE=CELL:+44 20 7946 {p:04d}\r\nORG:Example {c}\r\nCATEGORIES:bench\r\n"
    "X-PHONE-ONLY:kept\r\nEND:VCARD\r\n"
)


def people(count: int) -> list[PersonRecord]:
    return [
        PersonRecord(
            source_id=f"bench-{n}",
            name=f"{GIVEN[n % len(GIVEN)]} {FAMILY[(n // len(GIVEN)) % len(FAMILY)]}-k{n}",
            identities=(Identity("email", "", f"kith{n}@example.org"),),
            tags=("bench",),
        )
        for n in range(count)
    ]


def seeded(folder: Path, count: int) -> Radicale:
    """A Radicale whose book already holds `count` cards, written into its storage folder as
    a phone's sync over the years would have left them."""
    server = Radicale(folder)
    server.start()
    server.make_book()
    server.stop()
    book = folder / "collections" / "collection-root" / USER / "contacts"
    for n in range(count):
        given, family = GIVEN[n % len(GIVEN)], FAMILY[(n // len(GIVEN)) % len(FAMILY)]
        text = CARD.format(n=n, p=n % 10000, c=n % 97, given=given, family=family)
        (book / f"phone-{n}.vcf").write_text(text, newline="")
    server.start()
    return server


def timed(work: object) -> float:
    started = time.perf_counter()
    assert callable(work)
    work()
    return time.perf_counter() - started


def raw_list(server: Radicale) -> None:
    with httpx.Client(auth=(USER, PASSWORD), timeout=None) as client:
        client.request("PROPFIND", server.book, content=_ETAGS, headers={"Depth": "1"})


def raw_download(server: Radicale) -> None:
    """The requests of a first sync into Kith: the ETags, then every card by multiget."""
    with Client(server.book, USER, PASSWORD) as client:
        hrefs = sorted(client.etags(server.book))
        for _ in client.cards(server.book, hrefs):
            pass


def raw_upload(server: Radicale, texts: list[str]) -> None:
    with httpx.Client(auth=(USER, PASSWORD), timeout=None) as client:
        client.request("PROPFIND", server.book, content=_ETAGS, headers={"Depth": "1"})
        for number, text in enumerate(texts):
            client.put(
                f"{server.book}raw-{number}.vcf",
                content=text,
                headers={"If-None-Match": "*", "Content-Type": "text/vcard; charset=utf-8"},
            )


def kith_sync(store: Store, book: str) -> dict[str, int]:
    source = sync.configure(store, "carddav", "carddav", {"url": book, "user": USER}, NOW)
    return sync.run(store, source, sync.RunContext(NOW)).summary


def line(what: str, took: float, raw: float, goal: float | None) -> str:
    against = f"   goal {goal:.0f} s: {took / goal:.2f} of it" if goal else ""
    return (
        f"  {what:<34} {took:7.2f} s = {took / raw:5.2f} x the raw requests ({raw:.2f} s){against}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--write", type=int, default=300, help="0 leaves that figure out")
    options = parser.parse_args()
    os.environ["KITH_CARDDAV_PASSWORD"] = PASSWORD
    with tempfile.TemporaryDirectory() as folder:
        rows = read_in(Path(folder), options.people)
        if options.write:
            rows.append(write_out(Path(folder), options.write))
    print("CardDAV sync against Radicale on loopback (Kith, then the same requests bare)")
    print("\n".join(rows))


def read_in(folder: Path, count: int) -> list[str]:
    """A book of `count` cards synced into an empty Kith, then again with nothing changed."""
    server = seeded(folder / "read", count)
    try:
        raw_list(server)  # Radicale reads its folder into its cache once, for both
        store = open_store(folder / "read.db")
        first = timed(lambda: kith_sync(store, server.book))
        assert store.people.count() == count
        again = timed(lambda: kith_sync(store, server.book))
        store.close()
        raw_first, raw_again = timed(lambda: raw_download(server)), timed(lambda: raw_list(server))
    finally:
        server.stop()
    return [
        line(f"first sync, {count} cards in", first, raw_first, FIRST_GOAL_S),
        line(f"no-change sync, {count} cards", again, raw_again, AGAIN_GOAL_S),
    ]


def write_out(folder: Path, count: int) -> str:
    """Kith's people written into an empty book, and the same PUTs bare into another."""
    store = open_store(folder / "write.db")
    import_records(store, people(count), kind="bench", path=None, now=NOW)
    texts = [mine.text for mine in snapshot(store, NOW, False).values()]
    server = seeded(folder / "raw", 0)  # each into an empty book of its own
    try:
        raw = timed(lambda: raw_upload(server, texts))
    finally:
        server.stop()
    server = seeded(folder / "write", 0)
    try:
        out = timed(lambda: kith_sync(store, server.book))
    finally:
        server.stop()
        store.close()
    return line(f"first sync, {count} people out", out, raw, None)


if __name__ == "__main__":
    main()
