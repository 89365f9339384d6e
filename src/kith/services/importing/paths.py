"""Importing what the user points at: a file, a folder or a zip, each file all-or-nothing."""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from kith.errors import KithError, UserError
from kith.records import Skipped
from kith.services.importing.exchange import NotInChat
from kith.services.importing.staging import STAGED_KINDS, import_staged
from kith.services.imports import ImportReport, Progress, import_file
from kith.sources import registry, zips
from kith.store import Store

ImportOne = Callable[[Path, str | None], ImportReport]


def import_path(
    store: Store,
    path: Path,
    *,
    kind: str | None,
    now: datetime,
    dry_run: bool = False,
    strict: bool = False,
    me: Sequence[str] = (),
    progress: Progress | None = None,
    date_order: str | None = None,
    keep_text: bool = False,
) -> list[ImportReport]:
    """One report per file imported. A folder or zip that a reader takes whole (a LinkedIn
    export, a Maildir) is one import; otherwise every file in it is recognised on its own,
    and files Kith does not read are listed as skipped."""

    def one(target: Path, chosen: str | None) -> ImportReport:
        kind_of = chosen or registry.detect(target)
        if kind_of in STAGED_KINDS and not dry_run:  # large mailboxes: staged, then planned
            return import_staged(
                store,
                target,
                kind=kind_of,
                now=now,
                strict=strict,
                me=me,
                progress=progress,
                date_order=date_order,
            )
        return import_file(
            store,
            target,
            kind=kind_of,
            now=now,
            dry_run=dry_run,
            strict=strict,
            me=me,
            progress=progress,
            date_order=date_order,
            keep_text=keep_text,
        )

    if not path.exists():
        raise UserError(f"{path}: no such file or folder{_dangling(path)}.")
    if not (path.is_file() or path.is_dir()):  # /dev/null was read as "the zip is damaged"
        raise UserError(
            f"{path}: not a file or a folder ({_special(path)}); Kith imports files, folders "
            "and zips. Nothing was imported."
        )
    if path.is_file() and not zipfile.is_zipfile(path):
        zips.refuse_a_torn_zip(path)
        if kind is not None:
            registry.refuse_another_kind(kind, path)
        return [one(path, kind)]
    whole = (
        registry.claim(path) if kind is None else (kind if registry.claims(kind, path) else None)
    )
    if whole is not None:
        return [one(path, whole)]
    with unpacked(path) as folder:
        return each_file(folder, path, one, forced=kind, dry_run=dry_run)


def each_file(
    folder: Path, shown_as: Path, one: ImportOne, forced: str | None = None, dry_run: bool = False
) -> list[ImportReport]:
    """Every file in the folder, recognised by content (or read as `forced`), one by one; a
    chat file that does not name the user is listed as skipped, with why, in a last report of
    kind "unknown": the files left out."""
    files = _files_in(folder)
    if not files:
        raise UserError(f"{shown_as}: nothing to import (no files in it).")
    reports: list[ImportReport] = []
    unknown = ImportReport("unknown", str(shown_as), dry_run=dry_run)
    for target in files:
        unreadable = _unreadable(target)
        chosen = (forced or registry.claim(target)) if unreadable is None else None
        if chosen is None:
            where = str(shown_as / target.relative_to(folder))
            why = unreadable or "not a kind of file Kith reads"
            unknown.skipped.append(Skipped(where, why))
            unknown.found += 1  # a file found and not read: accounted as skipped
            unknown.account("skipped")
        else:
            try:  # each file is all or nothing; a chat without the user does not stop the rest
                reports.append(one(target, chosen))
            except NotInChat as error:
                unknown.skipped.append(
                    Skipped(str(shown_as / target.relative_to(folder)), error.reason)
                )
                unknown.found += 1
                unknown.account("skipped")
            except KithError as error:  # named by where it is in the zip, not the scratch folder
                error.args = (str(error).replace(str(folder), str(shown_as)), *error.args[1:])
                raise
    return [*reports, unknown] if unknown.skipped else reports


def _files_in(folder: Path) -> list[Path]:
    """Every entry under `folder` that is not a folder to go into, hidden ones left out: files,
    and also what `each_file` skips with a reason (a link to nothing, a pipe, a link to a folder
    already walked, which would otherwise be walked again and again). What vanishes while the
    folder is walked is passed over: `kith import ~/Downloads` while a browser renames a
    finished download, or /tmp, crashed on it (trial 5)."""
    found: list[Path] = []
    walked = {os.path.realpath(folder)}
    for top, folders, names in os.walk(folder, followlinks=True):
        inside = [f for f in folders if not f.startswith(".")]
        folders[:] = []  # walked as named, a link after the real folder beside it
        for name in sorted(inside, key=lambda f: os.path.islink(os.path.join(top, f))):
            real = os.path.realpath(os.path.join(top, name))
            if real in walked:
                found.append(Path(top, name))
            else:
                walked.add(real)
                folders.append(name)
        found += (Path(top, name) for name in names if not name.startswith("."))
    return sorted(found)


def _unreadable(target: Path) -> str | None:
    """Why an entry `_files_in` listed cannot be read as a file, or None when it can."""
    if target.is_dir():
        return "a folder this import reads already under another name (a link leads to it)"
    if not target.exists():
        return _dangling(target).removeprefix(": ") or "it was gone before it was read"
    if not target.is_file():
        return f"not a file ({_special(target)})"
    return None


def _dangling(path: Path) -> str:
    """What to add when `path` is a link to nothing ("", else ": a link to …")."""
    try:
        return f": a link to {os.readlink(path)}, which is not there"
    except OSError:  # not a link, or gone
        return ""


def _special(path: Path) -> str:
    """What kind of entry a path that is neither a file nor a folder is, in words."""
    if path.is_char_device() or path.is_block_device():
        return "a device"
    if path.is_fifo():
        return "a pipe"
    return "a socket" if path.is_socket() else "not a regular file"


@contextmanager
def unpacked(path: Path) -> Iterator[Path]:
    """A folder as it is, or a zip unpacked into a temporary folder while the block runs."""
    if path.is_dir():
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="kith-import-") as scratch:
        try:
            with zipfile.ZipFile(path) as archive:
                zips.refuse_a_bomb(path, archive)
                archive.extractall(scratch)  # member names are kept inside `scratch`
        except zips.DAMAGE as error:
            raise zips.refused(path, error) from error
        yield Path(scratch)
