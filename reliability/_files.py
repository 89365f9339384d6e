"""Files to import, written from a seed: every kind the crash proof kills an import of."""

from __future__ import annotations

import csv
import io
import json
import random
import zipfile
from pathlib import Path

from bench.chats import ME as CHAT_ME
from bench.chats import backup as sms_backup
from bench.chats import chat as whatsapp_chat
from bench.imports import connections_csv, vcards
from bench.mail import ME as MAIL_ME
from bench.mail import Generator

LINKEDIN = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "linkedin" / "export"
GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Nickname,Organization Name,Organization Title,Birthday,"
    "Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value"
)

__all__ = ["CHAT_ME", "MAIL_ME", "write_all"]


def mbox(path: Path, messages: int, seed: int) -> Path:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for text in Generator(seed).messages(messages):
            out.write(text)
    return path


def google_csv(path: Path, rows: int, seed: int) -> Path:
    rng = random.Random(seed)
    out = io.StringIO()
    out.write(GOOGLE_HEADER + "\n")
    writer = csv.writer(out, lineterminator="\n")
    for n in range(rows):
        given = rng.choice(["Ada", "Mary", "Carl", "Émilie", "Kofi", "Wen"])
        writer.writerow(
            [
                given,
                "",
                f"Csv{n}",
                "",
                f"Firm {n % 300}",
                "Analyst",
                "1980-05-1" + str(n % 10),
                f"note {n}",
                "Friends ::: * myContacts",
                "Work",
                f"{given.lower()}.csv{n}@example.net",
                "Mobile",
                f"+44 7700 9{n % 100_000:05d}",
            ]
        )
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def linkedin_zip(path: Path, rows: int, scratch: Path) -> Path:
    connections = connections_csv(rows, scratch / "Connections.csv")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in sorted(LINKEDIN.iterdir()):
            if member.name != "Connections.csv":
                archive.write(member, member.name)
        archive.write(connections, "Connections.csv")
    return path


def kith_json(path: Path, people: int) -> Path:
    rows = [
        {
            "id": 10_000 + n,
            "uid": f"00000000-0000-4000-8000-{n:012d}",
            "name": f"Json Person {n}",
            "identities": [
                {
                    "kind": "email",
                    "value": f"json{n}@example.org",
                    "raw": f"json{n}@example.org",
                    "label": None,
                    "shared": False,
                    "verified": True,
                }
            ],
            "tags": [f"t{n % 50}"],
            "notes": [{"kind": "note", "text": f"note {n}", "created_at": "2026-01-01T00:00:00Z"}],
        }
        for n in range(people)
    ]
    document = {
        "format": "kith",
        "version": 1,
        "schema": 1,
        "exported_at": "2026-11-22T10:00:00Z",
        "people": rows,
    }
    path.write_text(json.dumps(document))
    return path


def whatsapp(path: Path, lines: int, seed: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        whatsapp_chat(out, random.Random(seed), lines)
    return path


def sms(path: Path, messages: int, seed: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        sms_backup(out, random.Random(seed), messages)
    return path


def telegram(path: Path, messages: int, seed: int) -> Path:
    """A whole Telegram account export: personal chats and a group, the user writing in each."""
    rng = random.Random(seed)
    people = [(f"user{100 + n}", f"Tele Friend {n}") for n in range(40)]
    chats = []
    for n in range(12):
        members = rng.sample(people, 1 if n else 6)
        rows = []
        for m in range(messages // 12):
            key, name = ("user1", CHAT_ME) if m % 3 == 0 else rng.choice(members)
            when = f"2025-{1 + m % 12:02d}-{1 + m % 28:02d}T{m % 24:02d}:{m % 60:02d}:00"
            rows.append(
                {
                    "id": m,
                    "type": "message",
                    "date": when,
                    "from": name,
                    "from_id": key,
                    "text": f"tele message {n}.{m}",
                }
            )
        kind = "personal_chat" if n else "private_group"
        chats.append(
            {
                "name": members[0][1] if n else "Tele Group",
                "type": kind,
                "id": 5000 + n,
                "messages": rows,
            }
        )
    document = {
        "personal_information": {"user_id": 1, "first_name": "Sam", "last_name": "Rivera"},
        "chats": {"list": chats},
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def messenger(path: Path, messages: int, seed: int) -> Path:
    """A Messenger group thread (message_1.json) with the user among its participants."""
    rng = random.Random(seed)
    names = [CHAT_ME, *(f"Messenger Friend {n}" for n in range(8))]
    start = 1_700_000_000_000
    rows = [
        {
            "sender_name": rng.choice(names),
            "timestamp_ms": start - n * 600_000,
            "content": f"messenger message {n}",
            "type": "Generic",
        }
        for n in range(messages)
    ]
    document = {
        "participants": [{"name": name} for name in names],
        "messages": rows,
        "title": "Messenger Group",
        "thread_type": "RegularGroup",
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def calendar(path: Path, events: int, seed: int) -> Path:
    """An iCalendar file of past meetings the user organised, three to six attendees each."""
    rng = random.Random(seed)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Kith//reliability//EN"]
    for n in range(events):
        day = f"2025{1 + n % 12:02d}{1 + n % 28:02d}T{8 + n % 9:02d}0000Z"
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{n}@example.org",
            f"DTSTAMP:{day}",
            f"DTSTART:{day}",
            f"SUMMARY:Meeting {n}",
            f"ORGANIZER;CN=Me:mailto:{MAIL_ME}",
        ]
        lines += [
            f"ATTENDEE;CN=Guest {g};PARTSTAT=ACCEPTED:mailto:guest{g}@example.net"
            for g in rng.sample(range(300), rng.randint(3, 6))
        ]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def write_all(folder: Path, seed: int, size: float = 1.0) -> dict[str, Path]:
    """One file of each kind in `folder`, sized so that an import takes a second or two."""
    folder.mkdir(parents=True, exist_ok=True)

    def n(count: int) -> int:
        return max(50, round(count * size))

    return {
        "mbox": mbox(folder / "archive.mbox", n(2_000), seed),
        "vcard": vcards(n(700), folder / "contacts.vcf"),
        "csv": google_csv(folder / "google.csv", n(700), seed),
        "linkedin": linkedin_zip(folder / "Basic_LinkedInDataExport.zip", n(1_000), folder),
        "kith-json": kith_json(folder / "export.json", n(800)),
        "whatsapp": whatsapp(folder / "WhatsApp Chat with Friends.txt", n(5_000), seed),
        "sms": sms(folder / "sms-20261122.xml", n(5_000), seed),
        "ics": calendar(folder / "meetings.ics", n(600), seed),
        "telegram": telegram(folder / "result.json", n(4_000), seed),
        "messenger": messenger(folder / "message_1.json", n(4_000), seed),
    }
