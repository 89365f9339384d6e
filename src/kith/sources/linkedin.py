"""The LinkedIn data export reader: a zip, its folder or one CSV in, people and exchanges out.

Files are recognised by their header, not their name: Connections.csv (every form, preamble or
not, Excel re-saves), messages.csv (every header generation), Invitations.csv and Profile.csv.
People come first, then invitations and messages. The export's owner (from `me_linkedin`, from
Profile.csv, or the one party in every conversation) is never yielded as a person, and stands
in for their own side where older files give names without profile URLs.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path, PurePosixPath
from typing import IO

from kith import identities
from kith.errors import UserError
from kith.records import Record
from kith.sources import zips
from kith.sources.linkedin_csv import Opener, Table, layout
from kith.sources.linkedin_messages import Parties, Survey, invitations, messages, survey
from kith.sources.linkedin_people import Directory, Owner, connections, profile_owner

__all__ = ["Owner", "find_owner", "read", "sniff"]

HEAD_BYTES = 16 * 1024
ZIP_MAGIC = b"PK\x03\x04"
FILE_NAMES = {
    "connections": "connections.csv",
    "invitations": "invitations.csv",
    "messages": "messages.csv",
    "profile": "profile.csv",
}


def sniff(head: bytes, path: Path) -> bool:
    """A LinkedIn CSV by its header, or a folder or zip holding one (`head` may then be b"")."""
    if path.is_dir() or head.startswith(ZIP_MAGIC) or (not head and zipfile.is_zipfile(path)):
        try:
            with _export(path) as tables:
                return bool(tables)
        except UserError:
            return False
    return layout(head) is not None


def read(path: Path, me_linkedin: str | None = None) -> Iterator[Record]:
    """Connections as people, then invitations and messages as exchanges."""
    with _export(path) as tables:
        if not tables:
            raise UserError(
                f"{path} is not a LinkedIn data export: it holds none of Connections.csv, "
                "messages.csv, Invitations.csv or Profile.csv. Import the zip LinkedIn sends "
                "(Settings, Data privacy, Get a copy of your data), or say what it is with --as."
            )
        yield from _records(tables, me_linkedin)


def _records(tables: dict[str, Table], me_linkedin: str | None) -> Iterator[Record]:
    found = survey(tables["messages"]) if "messages" in tables else Survey()
    owner = _owner(tables, found, me_linkedin)
    directory = Directory() if {"invitations", "messages"} & tables.keys() else None
    if "connections" in tables:
        yield from connections(tables["connections"], owner, directory)
    if directory is None:
        return
    for url, name in found.names.items():
        directory.add(name, url)
    parties = Parties(owner, directory)
    if "invitations" in tables:
        yield from invitations(tables["invitations"], parties)
    if "messages" in tables:
        yield from messages(tables["messages"], parties)


def find_owner(path: Path, me_linkedin: str | None = None) -> Owner:
    """Whose export this is: `me_linkedin` if given, else Profile.csv, else messages.csv."""
    with _export(path) as tables:
        found = survey(tables["messages"]) if "messages" in tables and not me_linkedin else None
        return _owner(tables, found or Survey(), me_linkedin)


def _owner(tables: dict[str, Table], found: Survey, me_linkedin: str | None) -> Owner:
    profile = profile_owner(tables["profile"]) if "profile" in tables else Owner()
    if me_linkedin:
        return Owner(profile.name, identities.linkedin(me_linkedin))
    return profile if profile.url else found.owner(profile)


@contextmanager
def _export(path: Path) -> Iterator[dict[str, Table]]:
    """The LinkedIn tables in a folder (and its subfolders), a zip, or a single file."""
    if path.is_dir():
        files = (*path.glob("*"), *path.glob("*/*"))
        csvs = sorted(p for p in files if p.suffix.casefold() == ".csv" and p.is_file())
        yield _choose(_table(p.name, _file(p)) for p in csvs)
    elif not path.is_file():
        raise UserError(f"{path}: no such file or folder.")
    elif zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                zips.refuse_a_bomb(path, archive)
                members = [m for m in archive.infolist() if m.filename.casefold().endswith(".csv")]
                tables = (
                    _table(PurePosixPath(m.filename).name, partial(archive.open, m))
                    for m in members
                )
                yield _choose(tables)
        except zips.DAMAGE as error:
            raise zips.refused(path, error) from error
    else:
        yield _choose([_table(path.name, _file(path))])


def _file(path: Path) -> Opener:
    def open_binary() -> IO[bytes]:
        return path.open("rb")

    return open_binary


def _table(name: str, opener: Opener) -> Table | None:
    with opener() as raw:
        found = layout(raw.read(HEAD_BYTES))
    return Table(name, found[0], found[1], opener) if found else None


def _choose(tables: Iterable[Table | None]) -> dict[str, Table]:
    """One table per kind: the one with LinkedIn's own file name, else the first found."""
    chosen: dict[str, Table] = {}
    for table in tables:
        if table is None:
            continue
        current = chosen.get(table.kind)
        if current is None or (_is_named(table) and not _is_named(current)):
            chosen[table.kind] = table
    return chosen


def _is_named(table: Table) -> bool:
    return table.name.casefold() == FILE_NAMES[table.kind]
