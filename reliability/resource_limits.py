"""Resource limits: zip bombs, a full disk and a read-only database, each tried through Kith.

`run(scale, seed)` returns three rows (what was tried, how many times, what was lost):

- zip bombs: a zip of a 1,000-fold member, a LinkedIn export and a WhatsApp chat zip holding
  one, a zip whose member states a small size and holds a large stream, and a zip in a zip;
  lost: one unpacked past its limit or not refused in a sentence;
- a full disk during an import of each kind: SQLite's `max_page_count` set where the file
  stands (the disk full at once, or after some pages), and a 3 MB tmpfs when mounting is
  allowed; lost: the data changed, a message that does not say the disk is full, a -wal left;
- a read-only database (the file, or only its folder): `list`, `show`, `search`, `export` and
  `backup` must work, a write must say read-only; lost: a read refused, a write unclear, the
  file changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reliability.inputs import ME, csv_rows, mailbox, whatsapp

TITLE = "Resource limits: zips, a full disk, a read-only file"
ORDER = 50

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
KITH = Path(sys.executable).parent / "kith"
NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
BOMB_BYTES = 30_000_000
FULL_DISK = "is full; nothing of this command was written"
READ_ONLY = "is read-only here: Kith can list, show, search, export and back it up"


# ---- zip bombs --------------------------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def bomb(name: str = "cards.vcf") -> bytes:
    """A zip whose one member unpacks a thousandfold: 30 MB from about 30 KB."""
    return _zip({name: b"BEGIN:VCARD\r\n" + b" " * BOMB_BYTES})


def lying_bomb() -> bytes:
    """A zip whose member says it is 100 bytes, stored and compressed as 30 MB of spaces: the
    sizes a bomb check reads are small, so only the reader's hold on the stated size stops it."""
    data = bytearray(_zip({"cards.vcf": b" " * BOMB_BYTES}))
    struct.pack_into("<I", data, 22, 100)  # the local header's uncompressed size
    central = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 100)  # the central directory's
    return bytes(data)


def bombs() -> dict[str, bytes]:
    """name → a zip Kith must refuse or read no further than its limits."""
    linkedin = {p.name: p.read_bytes() for p in (FIXTURES / "linkedin" / "export").iterdir()}
    return {
        "contacts.zip": bomb(),
        "Basic_LinkedInDataExport.zip": _zip(
            {**linkedin, "Connections.csv": linkedin["Connections.csv"] + b"\n" * BOMB_BYTES}
        ),
        "WhatsApp Chat with Ada.zip": _zip(
            {"_chat.txt": b"01/02/2024, 10:00 - Ada: hi\n" + b"\n" * BOMB_BYTES}
        ),
        "lying.zip": lying_bomb(),
        "nested.zip": _zip({"inner.zip": bomb(), "note.vcf": b"BEGIN:VCARD\r\nEND:VCARD\r\n"}),
    }


def try_bomb(name: str, data: bytes, folder: Path) -> tuple[bool, str]:
    """(refused in a sentence, what Kith said) for importing the zip into a new database."""
    from kith.errors import KithError
    from kith.services.importing.paths import import_path
    from kith.store import open_store

    path = folder / name
    path.write_bytes(data)
    store = open_store(folder / f"{name}.db")
    try:
        reports = import_path(store, path, kind=None, now=NOW, me=["me@example.org", "Sam"])
    except KithError as error:
        return str(path) in str(error), str(error)
    finally:
        store.close()
    passed = [s.where for r in reports for s in r.skipped if s.where.endswith(".zip")]
    return bool(passed), f"the zip inside passed over unread: {', '.join(passed)}"


# ---- a full disk ------------------------------------------------------------------------------


def table_rows(path: Path) -> str:
    """A digest of every row of every table, to hold a database to what it was. Read as
    immutable (a read-only connection would leave an empty -wal and -shm behind): call it on
    a closed database, after checking that no -wal was left."""
    digest = hashlib.sha256()
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        tables = [
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        for table in tables:
            rows = sorted(repr(row) for row in connection.execute(f'SELECT * FROM "{table}"'))
            digest.update(f"{table}:{len(rows)}:{''.join(rows)}".encode())
    finally:
        connection.close()
    return digest.hexdigest()


def _cards(folder: Path) -> Path:
    path = folder / "cards.vcf"
    path.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n}\r\nEMAIL:p{n}@example.org\r\n"
            f"NOTE:{'x' * 200}\r\nEND:VCARD\r\n"
            for n in range(400)
        )
    )
    return path


def _meetings(folder: Path) -> Path:
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:m{n}@example.org\r\nDTSTART:2025{1 + n % 12:02d}{1 + n % 28:02d}"
        f"T{8 + n % 9:02d}0000Z\r\nDURATION:PT1H\r\nSUMMARY:Meeting {n}\r\n"
        f"ORGANIZER:mailto:{ME}\r\nATTENDEE;CN=Guest {n}:mailto:g{n}@example.net\r\n"
        "END:VEVENT\r\n"
        for n in range(300)
    )
    path = folder / "meetings.ics"
    path.write_text(
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//k//r//EN\r\n{events}END:VCALENDAR\r\n"
    )
    return path


def _linkedin(folder: Path) -> Path:
    export = folder / "linkedin"
    shutil.copytree(FIXTURES / "linkedin" / "export", export)
    with (export / "Connections.csv").open("a", encoding="utf-8") as more:
        for n in range(400):
            more.write(
                f"Given{n},Family{n},https://www.linkedin.com/in/person-{n},,Company {n % 40},"
                "Engineer,09 Oct 2024\n"
            )
    return export


# kind → (write the file to import into a folder, --me): each writes hundreds of rows
FULL_DISK_IMPORTS: dict[str, tuple[Callable[[Path], Path], tuple[str, ...]]] = {
    "vCard": (_cards, ()),
    "CSV": (lambda folder: csv_rows(400, folder), ()),
    "mbox": (lambda folder: mailbox(400, folder), (ME,)),
    "iCalendar": (_meetings, (ME,)),
    "WhatsApp": (lambda folder: whatsapp(3_000, folder), ("Sam",)),
    "LinkedIn": (_linkedin, ()),
}


def seeded_database(path: Path) -> None:
    """A database with a few people in it, closed."""
    from kith.services.importing.paths import import_path
    from kith.store import open_store

    store = open_store(path)
    import_path(store, FIXTURES / "vcard" / "John_Doe_IPHONE.vcf", kind=None, now=NOW)
    # the migrations' and the import's pages out of the WAL first: 46 migrations leave ~2.4 MB
    # of it, which with the VACUUM's copy no longer fitted the 3 MB disk (the close could not
    # checkpoint, and the file read as immutable then was a torn one)
    store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.connection.execute("VACUUM")  # no free pages: a full disk then means no growth at all
    store.close()


def full_disk_import(
    folder: Path, make: Callable[[Path], Path], me: tuple[str, ...], spare: int
) -> tuple[bool, list[str]]:
    """Import `source` into a seeded database that may grow `spare` pages: (whether the disk
    filled, what went wrong: nothing when the import fitted, or said the disk is full and left
    everything as it was)."""
    from kith.errors import KithError
    from kith.services.importing.paths import import_path
    from kith.store import SQLiteError, explain, open_store

    database = folder / "kith.db"
    source = make(folder)
    seeded_database(database)
    before = table_rows(database)
    store = open_store(database)
    pages = store.connection.execute("PRAGMA page_count").fetchone()[0]
    store.connection.execute(f"PRAGMA max_page_count = {pages + spare}")
    wrong: list[str] = []
    try:
        import_path(store, source, kind=None, now=NOW, me=me)
        full = False
    except SQLiteError as error:
        said = str(explain(error, database))
        full = True
        if FULL_DISK not in said:
            wrong.append(f"said {said!r}")
    except KithError as error:
        full = True
        if "full" not in str(error):
            wrong.append(f"said {error}")
    if store.connection.in_transaction:
        wrong.append("a transaction left open")
    store.close()
    if database.with_name("kith.db-wal").exists():
        wrong.append("a -wal left after closing")
    elif full and table_rows(database) != before:
        wrong.append("the data changed")
    check = sqlite3.connect(database).execute("PRAGMA integrity_check").fetchone()[0]
    if check != "ok":
        wrong.append(f"integrity_check: {check}")
    return full, wrong


@contextmanager
def small_disk(megabytes: int) -> Iterator[Path | None]:
    """A tmpfs of that size when this process may mount one (root, no container rule against
    it), else None."""
    point = Path(tempfile.mkdtemp(prefix="kith-small-disk-"))
    mounted = False
    try:
        if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount"):
            done = subprocess.run(
                ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(point)],
                capture_output=True,
                check=False,
            )
            mounted = done.returncode == 0
        yield point if mounted else None
    finally:
        if mounted:
            subprocess.run(["umount", str(point)], capture_output=True, check=False)
        shutil.rmtree(point, ignore_errors=True)


@contextmanager
def seeded_small_disk() -> Iterator[tuple[Path, str] | None]:
    """A seeded database on a 3 MB tmpfs and its rows (None when none could be mounted)."""
    with small_disk(3) as disk:
        if disk is None:
            yield None
            return
        database = disk / "kith.db"
        seeded_database(database)
        yield database, table_rows(database)


def full_tmpfs_import(filled: int = 0) -> list[str] | None:
    """`kith import` of 6,000 cards onto a 3 MB disk with `filled` KB of it taken by another
    file: None when no tmpfs could be mounted. The import runs in slices (the database holds
    people), so the disk fills after some slices have committed: they must be taken back at
    once, in the room the run reserved, leaving no -wal and the rows as they were."""
    with seeded_small_disk() as seeded:
        if seeded is None:
            return None
        database, before = seeded
        disk = database.parent
        (disk / "filler").write_bytes(b"\0" * filled * 1024)
        cards = disk.parent / f"{disk.name}-cards.vcf"
        cards.write_text(
            "".join(
                f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n}\r\nEMAIL:p{n}@example.org\r\n"
                f"NOTE:{'x' * 300}\r\nEND:VCARD\r\n"
                for n in range(6_000)
            )
        )
        try:
            done = subprocess.run(
                [str(KITH), "--db", str(database), "import", str(cards), "-y"],
                capture_output=True,
                text=True,
                check=False,
            )
        finally:
            cards.unlink()
        wrong = [] if FULL_DISK in done.stderr else [f"said {done.stderr.strip()!r}"]
        left = sorted(p.name for p in disk.iterdir() if p.name not in ("kith.db", "filler"))
        if left:
            wrong.append(f"left {', '.join(left)}")
        elif table_rows(database) != before:
            wrong.append("the data changed")
        return wrong


STILL_FULL = (("list",), ("show", "John"), ("add", "Cy Young"), ("check",))


def open_on_full_disk() -> list[str] | None:
    """Each command of STILL_FULL on a database whose disk (a 3 MB tmpfs) is already full to
    the last byte: each must say the disk is full (not busy, not damaged) and leave every row as
    it was, and the next command after space is freed must work; what went wrong (None when
    no tmpfs could be mounted). SQLite fails there to make the shared-memory file an open needs,
    as an I/O error, not as a full disk."""
    with seeded_small_disk() as seeded:
        if seeded is None:
            return None
        database, before = seeded
        filler = database.parent / "filler"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
        with contextlib.suppress(OSError):  # to the last byte: ENOSPC ends it
            while os.write(fd, b"\0" * 512):
                pass
        os.close(fd)
        wrong = []
        for args in STILL_FULL:
            done = _kith(database, *args)
            if FULL_DISK not in done.stderr or done.returncode == 0:
                wrong.append(f"{' '.join(args)} said {done.stderr.strip()!r} ({done.returncode})")
        filler.unlink()
        if table_rows(database) != before:
            wrong.append("the data changed")
        done = _kith(database, "list")
        if done.returncode != 0 or "John" not in done.stdout:
            wrong.append(f"list once space was freed said {done.stderr.strip()!r}")
        return wrong


def _kith(database: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KITH), "--db", str(database), *args], capture_output=True, text=True, check=False
    )


# ---- a read-only database ---------------------------------------------------------------------

READS = (
    ("list", "--json"),
    ("show", "John"),
    ("search", "John"),
    ("export", "json", "{out}/export.json"),
    ("export", "vcard", "{out}/export.vcf"),
    ("backup", "{out}/backup.db"),
)
WRITES = (("add", "Cy Young"), ("tag", "John", "friend"))


def _mount(*args: str) -> bool:
    done = subprocess.run(["mount", *args], capture_output=True, check=False)
    return done.returncode == 0


@contextmanager
def read_only_database(folder_only: bool) -> Iterator[tuple[Path, Path, Callable[..., Any]] | None]:
    """(the database, a writable folder for what the commands write, run(*args)) with the
    database read-only for the commands `run` starts: the file and its folder, or only its
    folder (the file itself writable, but no -wal or -shm can be made beside it). Permissions
    do it for a user; root, whom they do not stop, gets a read-only bind mount of the folder
    (and, for the folder only, the file mounted writable over it). None when neither can be
    made (root where mounting is not allowed)."""
    place = Path(tempfile.mkdtemp(prefix="kith-read-only-"))
    out = Path(tempfile.mkdtemp(prefix="kith-read-only-out-"))
    view = Path(tempfile.mkdtemp(prefix="kith-read-only-view-"))
    seeded_database(place / "kith.db")
    mounts: list[Path] = []
    as_root = os.geteuid() == 0
    try:
        if as_root:
            if not (_mount("--bind", str(place), str(view)) and mounts.append(view) is None):
                yield None
                return
            if not _mount("-o", "remount,bind,ro", str(view)):
                yield None
                return
            if folder_only:
                if not _mount("--bind", str(place / "kith.db"), str(view / "kith.db")):
                    yield None
                    return
                mounts.append(view / "kith.db")
            database = view / "kith.db"
        else:
            database = place / "kith.db"
            if not folder_only:
                database.chmod(0o444)
            place.chmod(0o555)
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(out),
            "XDG_DATA_HOME": str(out / "data"),
            "TZ": "UTC",
            "KITH_NOW": "2026-06-01T12:00:00Z",
            "KITH_PREPARE_AHEAD": "off",  # (reliability/__init__.py)
        }

        def run(*args: str) -> subprocess.CompletedProcess[str]:
            command = [str(KITH), "--db", str(database), *(a.format(out=out) for a in args)]
            return subprocess.run(command, capture_output=True, text=True, env=env, check=False)

        yield database, out, run
    finally:
        for point in reversed(mounts):
            subprocess.run(["umount", str(point)], capture_output=True, check=False)
        place.chmod(0o755)
        for folder in (place, out, view):
            shutil.rmtree(folder, ignore_errors=True)


def read_only_round(folder_only: bool) -> tuple[int, list[str]]:
    """Every read and write against a read-only database: (commands run, what went wrong)."""
    wrong: list[str] = []
    with read_only_database(folder_only) as made:
        if made is None:
            return 0, []
        database, _, run = made
        before = database.read_bytes()
        for args in READS:
            done = run(*args)
            if done.returncode != 0:
                wrong.append(f"{args[0]}: exit {done.returncode}: {done.stderr.strip()[:200]}")
        for args in WRITES:
            done = run(*args)
            if done.returncode != 1 or READ_ONLY not in done.stderr:
                wrong.append(f"{args[0]}: exit {done.returncode}: {done.stderr.strip()[:200]}")
        if database.read_bytes() != before:
            wrong.append("the file changed")
        if any(database.with_name(database.name + end).exists() for end in ("-wal", "-shm")):
            wrong.append("a -wal or -shm appeared")
    return len(READS) + len(WRITES), wrong


# ---- the rows ---------------------------------------------------------------------------------


def bomb_note(said: str, path: Path) -> str:
    """What Kith said of a bomb, for the table: its first clause, whole (not cut mid-word), the
    scratch folder's path left out."""
    said = said.removeprefix(f"{path}: ").replace(f"{path.parent}/", "")
    return said.split("; ")[0].removesuffix(".")


def run(scale: str, seed: int) -> list[dict[str, object]]:
    """The three rows; `scale` "full" repeats the full-disk imports at more page limits."""
    spares = (0, 1, 2, 4, 8, 16, 32, 64, 128) if scale == "full" else (0, 16)
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="kith-limits-") as scratch:
        lost, notes = 0, []
        for name, data in bombs().items():
            refused, said = try_bomb(name, data, Path(scratch))
            lost += not refused
            shown = bomb_note(said, Path(scratch) / name)
            notes.append(f"{name}: {shown}" if refused else f"{name}: NOT refused: {shown}")
        rows.append(
            {
                "tried": "zip bombs through `kith import` (a 1,000-fold member; in a LinkedIn "
                "export, a WhatsApp chat zip, a zip in a zip; sizes that lie)",
                "count": len(bombs()),
                "lost": lost,
                "notes": "; ".join(notes),
            }
        )
    tried = lost = fulls = 0
    problems: list[str] = []
    for kind, (make, me) in FULL_DISK_IMPORTS.items():
        for spare in spares:
            with tempfile.TemporaryDirectory(prefix="kith-full-") as scratch:
                full, wrong = full_disk_import(Path(scratch), make, me, spare)
            tried += 1
            fulls += full
            lost += bool(wrong)
            problems += [f"{kind} +{spare} pages: {w}" for w in wrong]
    mounted = False
    for filled in (0, 400, 800, 1200, 1600, 2000, 2200, 2400) if scale == "full" else (0, 1600):
        on_tmpfs = full_tmpfs_import(filled)
        if on_tmpfs is None:
            break
        mounted = True
        tried += 1
        fulls += 1
        lost += bool(on_tmpfs)
        problems += [f"3 MB tmpfs, {filled} KB taken: {w}" for w in on_tmpfs]
    still_full = open_on_full_disk()
    if still_full is not None:
        tried += len(STILL_FULL)
        fulls += len(STILL_FULL)
        lost += len(still_full)
        problems += [f"on a disk already full: {w}" for w in still_full]
    rows.append(
        {
            "tried": "an import on a full disk (SQLite max_page_count at 0 to 64 spare pages, "
            "each kind of file; a 3 MB tmpfs, partly filled, where mounting is allowed; "
            "list, show, add and check on a tmpfs already full)",
            "count": tried,
            "lost": lost,
            "notes": "; ".join(problems[:5])
            or f"{fulls} filled the disk: each said so, left every row as it was and no -wal; "
            f"the other {tried - fulls} fitted"
            + ("" if mounted else " (no tmpfs: mounting not allowed here)"),
        }
    )
    count, wrong = 0, []
    for folder_only in (False, True):
        n, found = read_only_round(folder_only)
        count += n
        wrong += found
    rows.append(
        {
            "tried": "a read-only database file, and a file in a read-only folder: list, show, "
            "search, export json and vcard, backup; add and tag",
            "count": count,
            "lost": len(wrong),
            "notes": "; ".join(wrong[:5])
            or "every read worked; every write said read-only; "
            "the file unchanged, no -wal or -shm made",
        }
    )
    return rows


if __name__ == "__main__":
    for found in run(sys.argv[1] if len(sys.argv) > 1 else "reduced", 17):
        print(found)
