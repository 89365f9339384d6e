"""Files of a chosen size for the importers: one card with n e-mails, one meeting with n
attendees, a CSV of n rows, a mailbox of n messages, a chat of n messages. The scaling bench
and the scaling tests import each at n and 4n; the work must grow 4 times, not 16."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

GIVEN = ("Ada", "Grace", "Zoë", "José", "Mei", "Olu", "Anja", "Ravi", "Sofía", "Tom", "Ines")
ME = "me@example.org"


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(4, 9)))


def card_emails(n: int, folder: Path) -> Path:
    """One vCard with n e-mail addresses."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", "FN:Ada Many", "N:Many;Ada;;;"]
    lines += [f"EMAIL;TYPE=INTERNET:ada{i}@example{i % 97}.org" for i in range(n)]
    path = folder / f"emails-{n}.vcf"
    path.write_text("\r\n".join([*lines, "END:VCARD"]) + "\r\n", encoding="utf-8")
    return path


def meeting_attendees(n: int, folder: Path) -> Path:
    """One past meeting the user organised, with n attendees."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Kith//reliability//EN",
        "BEGIN:VEVENT",
        "UID:crowd@example.org",
        "DTSTART:20240105T100000Z",
        "DTEND:20240105T110000Z",
        "SUMMARY:All hands",
        f"ORGANIZER;CN=Me:mailto:{ME}",
    ]
    lines += [f"ATTENDEE;CN=Guest {i};PARTSTAT=ACCEPTED:mailto:g{i}@example.net" for i in range(n)]
    path = folder / f"attendees-{n}.ics"
    path.write_text("\r\n".join([*lines, "END:VEVENT", "END:VCALENDAR"]) + "\r\n", "utf-8")
    return path


def csv_rows(n: int, folder: Path) -> Path:
    """An Outlook-style CSV of n different people at three companies."""
    rng = random.Random(n)
    rows = ["First Name,Last Name,E-mail Address,Company,Mobile Phone"]
    for i in range(n):
        domain, company = (("gmail.com", ""), ("acme.test", "Acme"), ("corp.test", "Corp"))[i % 3]
        given, family = rng.choice(GIVEN), _word(rng).capitalize()
        rows.append(f"{given},{family},{given.lower()}.{i}@{domain},{company},")
    path = folder / f"rows-{n}.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def alike_rows(n: int, folder: Path) -> Path:
    """A CSV of n people at one mail domain whose names differ only in a number (the worst
    case for finding duplicates by similar names)."""
    rows = ["First Name,Last Name,E-mail Address"]
    rows += [f"First{i},Last{i},f{i}@alike.test" for i in range(n)]
    path = folder / f"alike-{n}.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def mailbox(n: int, folder: Path) -> Path:
    """An mbox of n messages, four with each correspondent, both ways."""
    parts = []
    for i in range(n):
        other = f"friend{i // 4}@example.net"
        sender, to = (ME, other) if i % 2 else (other, ME)
        parts.append(
            f"From {sender} Mon Jan  1 00:00:00 2024\n"
            f"From: {sender}\nTo: {to}\nSubject: note {i}\n"
            f"Date: Mon, {1 + i % 28:02d} Jan 2024 10:{i % 60:02d}:00 +0000\n"
            f"Message-ID: <m{i}@example.net>\n\nHello {i}\n\n"
        )
    path = folder / f"mail-{n}.mbox"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def whatsapp(n: int, folder: Path) -> Path:
    """A WhatsApp export of n messages between the user (Sam) and Ada, a day apart each ten."""
    lines = []
    for i in range(n):
        day, minute = 1 + (i // 10) % 28, i % 60
        month = 1 + (i // 280) % 12
        year = 2020 + i // 3360
        who = "Sam" if i % 2 else "Ada"
        lines.append(f"{day:02d}/{month:02d}/{year}, 10:{minute:02d} - {who}: message {i}")
    path = folder / f"WhatsApp Chat with Ada {n}.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# name: (make the file, the n of the first measure, the `--me` the import needs)
CASES: dict[str, tuple[Callable[[int, Path], Path], int, tuple[str, ...]]] = {
    "vCard, e-mails on one card": (card_emails, 1_000, ()),
    "iCalendar, attendees of one meeting": (meeting_attendees, 200, (ME,)),
    "CSV, rows": (csv_rows, 2_000, ()),
    "CSV, rows of names alike": (alike_rows, 1_000, ()),
    "mbox, messages": (mailbox, 1_000, (ME,)),
    "WhatsApp, messages": (whatsapp, 4_000, ("Sam",)),
}
# the absurd records of issue 17: each is refused or ignored and said, quickly
ABSURD: dict[str, tuple[Callable[[int, Path], Path], int, tuple[str, ...]]] = {
    "vCard with 100,000 e-mails": (card_emails, 100_000, ()),
    "meeting with 50,000 attendees": (meeting_attendees, 50_000, (ME,)),
}
