"""The servers the tutorial's mailbox and calendar section talks to: a Dovecot holding a little
generated mail, and an .ics file over plain HTTP, both on loopback for the tutorial's run.

Each is a context manager yielding a `Served`: the environment the commands need (the
password) and how the page spells what differs on every run (the port, the address), so the
page shows stable text while the commands reach the real servers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.calendar_servers import event, serving, together
from tests.dovecot_server import PASSWORD, Dovecot, conversations

SHOWN_IMAP_PORT = "10143"
SHOWN_CALENDAR = "https://calendar.example.org/team.ics"


@dataclass
class Served:
    env: dict[str, str] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)  # as the page says it → as it is now


@contextmanager
def imap_server(workdir: Path) -> Iterator[Served]:
    """A mailbox of ada@example.org: 30 generated messages, newsletters among them."""
    server = Dovecot()
    try:
        server.start()
        mail = conversations(30, contacts=3, seed="tutorial")
        server.append("INBOX", mail["INBOX"])
        server.append("Sent", mail["Sent"])
        yield Served(
            env={"KITH_IMAP_PASSWORD": PASSWORD}, shown={SHOWN_IMAP_PORT: str(server.port)}
        )
    finally:
        server.close()


@contextmanager
def calendar_server(workdir: Path) -> Iterator[Served]:
    """A team calendar: a review that happened, and a lunch ahead."""
    folder = workdir / "calendar"
    folder.mkdir()
    people = [("Contact 0", "c0@people.example"), ("Chidi Example", "chidi@example.org")]
    past = event("review@tutorial", "20261110T100000Z", "Project review", people)
    ahead = event("lunch@tutorial", "20261201T120000Z", "Team lunch", people[:1])
    (folder / "team.ics").write_text(together(past, ahead))
    with serving(folder) as base:
        yield Served(shown={SHOWN_CALENDAR: base + "team.ics"})
