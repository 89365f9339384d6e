"""Where an export, a feed or a backup is written: a file in a folder that exists, said plainly
when it is not (the trial of session 13: `out` a file was answered "the folder out does not
exist")."""

from __future__ import annotations

from pathlib import Path

from kith.errors import UserError


def check_target(path: Path, if_folder: str) -> None:
    """Refuse `path` when it is a folder (`if_folder` says what to give instead) or when its
    folder is missing or is a file."""
    if path.is_dir():
        raise UserError(f"{path} is a folder; {if_folder}")
    check_folder(path.parent)


def check_folder(folder: Path) -> None:
    """Refuse a folder to write into that does not exist, naming a file on its way."""
    if folder.is_dir():
        return
    blocking = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if blocking is not None and not blocking.is_dir():
        raise UserError(
            f"{blocking} is a file, not a folder; write into a folder, or move {blocking} away."
        )
    raise UserError(f"The folder {folder} does not exist; create it or choose another.")
