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
        raise UserError(f"{path}: no such file or folder.")
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
        present = target.exists()  # else gone since the folder was listed
        chosen = (forced or registry.claim(target)) if present else None
        if chosen is None:
            where = str(shown_as / target.relative_to(folder))
            why = "not a kind of file Kith reads" if present else "it was gone before it was read"
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
    """Every file under `folder`, hidden ones left out. What vanishes while the folder is
    walked is passed over: `kith import ~/Downloads` while a browser renames a finished
    download, or /tmp, crashed on it (trial 5)."""
    found: list[Path] = []
    for top, folders, names in os.walk(folder, followlinks=True):
        folders[:] = [f for f in folders if not f.startswith(".")]
        found += (Path(top, name) for name in names if not name.startswith("."))
    return sorted(p for p in found if p.is_file())


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
