"""Maildir folders: the messages in cur/ and new/, and in Maildir++ subfolders such as .Sent."""

# tmp/ holds deliveries still being written and is left alone. A message that vanishes while the
# folder is read (a mail client moved it) becomes a `Skipped`.

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from kith.records import Record
from kith.sources import mail

SUBDIRECTORIES = ("cur", "new")

__all__ = ["folders", "is_maildir", "read", "sniff"]


def sniff(head: bytes, path: Path) -> bool:
    """A directory with cur/ and new/ (tmp/ is often lost when a Maildir is copied)."""
    return is_maildir(path)


def is_maildir(path: Path) -> bool:
    return path.is_dir() and all((path / sub).is_dir() for sub in SUBDIRECTORIES)


def read(path: Path) -> Iterator[Record]:
    """Each message's ExchangeRecord (or Skipped), folder by folder, cur/ then new/, by name."""
    for folder in folders(path):
        for sub in SUBDIRECTORIES:
            for name in _message_names(folder / sub):
                where = (folder / sub / name).relative_to(path.parent).as_posix()
                yield mail.read_message(folder / sub / name, where)


def folders(path: Path) -> list[Path]:
    """The Maildir itself, then its Maildir++ subfolders (`.Sent`, `.Archive.2024`) by name."""
    subfolders = sorted(
        entry.path
        for entry in os.scandir(path)
        if entry.name.startswith(".") and entry.is_dir() and is_maildir(Path(entry.path))
    )
    return [path, *(Path(sub) for sub in subfolders)]


def _message_names(directory: Path) -> list[str]:
    return sorted(
        entry.name
        for entry in os.scandir(directory)
        if not entry.name.startswith(".") and entry.is_file()
    )
