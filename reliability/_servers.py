"""The servers a sync is killed against, on loopback, each started once for the whole proof:
an .ics URL (plain HTTP in a thread), Dovecot (IMAP, when installed: scripts/dovecot.sh) and
Radicale (CardDAV). The pull, IMAP and calendar syncs only read their server, so one serves
every kill: a CardDAV sync into a database with nobody in it pulls the book and pushes nothing,
and IMAP and calendar syncs never write to the server. The CardDAV push (the demo network's
people into an empty book) writes: each of its runs pushes into a new book of its own."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from reliability._files import MAIL_ME
from tests import carddav_server, dovecot_server
from tests.calendar_servers import serving


@dataclass
class Books:
    """Radicale's address books for the CardDAV push: each run (the uninterrupted one, each
    kill) pushes into a new empty book of its own, named for its work folder."""

    dav: carddav_server.Radicale

    def make(self, name: str) -> str:
        return self.dav.make_book(name)

    def cards(self, name: str) -> list[str]:
        """The cards the book holds on the server (their file names in Radicale's storage)."""
        folder = self.dav.folder / "collections" / "collection-root" / carddav_server.USER / name
        return sorted(p.name for p in folder.glob("*.vcf"))


@dataclass
class Sync:
    """One sync to kill: its name, its arguments, the password it reads from the environment."""

    name: str
    args: tuple[str, ...]
    env: dict[str, str] = field(default_factory=dict)
    empty_base: bool = False  # starts from a database with nobody in it (CardDAV: pull only)
    books: Books | None = None  # pushes into a new book per run: @BOOK in args is its URL


def card(n: int) -> str:
    return (
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:dav-{n}\r\nFN:Dav Person {n}\r\nN:Person {n};Dav;;;"
        f"\r\nEMAIL:dav{n}@example.net\r\nTEL:+44 20 7946 {n:04d}\r\nORG:Firm {n % 40}\r\n"
        "END:VCARD\r\n"
    )


@contextlib.contextmanager
def sync_servers(folder: Path, ics: Path, cards: int, mails: int) -> Iterator[list[Sync]]:
    """Every server that can start here, filled; the syncs against them."""
    with contextlib.ExitStack() as stack:
        served = folder / "served"
        served.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ics, served / "team.ics")
        base = stack.enter_context(serving(served))
        url = f"{base}team.ics"
        syncs = [Sync("sync calendar (.ics URL)", ("sync", "calendar", url, "--me", MAIL_ME))]
        dav = carddav_server.Radicale(folder / "radicale")
        dav.start()
        stack.callback(dav.stop)
        dav.make_book()
        with httpx.Client(auth=(carddav_server.USER, carddav_server.PASSWORD)) as client:
            for n in range(cards):
                client.put(f"{dav.book}dav-{n}.vcf", content=card(n)).raise_for_status()
        syncs.append(
            Sync(
                "sync CardDAV (Radicale, pull)",
                ("sync", "carddav", "--url", dav.root, "--user", carddav_server.USER),
                {"KITH_CARDDAV_PASSWORD": carddav_server.PASSWORD},
                empty_base=True,
            )
        )
        syncs.append(
            Sync(
                "sync CardDAV (Radicale, push)",
                ("sync", "carddav", "--url", "@BOOK", "--user", carddav_server.USER),
                {"KITH_CARDDAV_PASSWORD": carddav_server.PASSWORD},
                books=Books(dav),
            )
        )
        if Path(dovecot_server.DOVECOT).exists():
            imap = dovecot_server.Dovecot()
            imap.start()
            stack.callback(imap.close)
            mail = dovecot_server.conversations(mails, contacts=40)
            imap.append("INBOX", mail["INBOX"])
            imap.append("Sent", mail["Sent"])
            args = ("sync", "imap", "--host", "127.0.0.1", "--port", str(imap.port))
            syncs.append(
                Sync(
                    "sync IMAP (Dovecot)",
                    (*args, "--user", dovecot_server.USER, "--plain-on-loopback"),
                    {"KITH_IMAP_PASSWORD": dovecot_server.PASSWORD},
                )
            )
        yield syncs
