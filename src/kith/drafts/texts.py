"""Where draft templates come from: the user's copy in Kith's data folder, made from the shipped
default the first time a kind is used, so the user can edit it."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from kith.drafts.render import KINDS
from kith.errors import UserError

DIR_MODE = 0o700
FILE_MODE = 0o600


def shipped(kind: str) -> str:
    """The default template for `kind`, as packaged with Kith."""
    if kind not in KINDS:
        raise UserError(f"Unknown draft kind {kind!r}; choose one of {', '.join(KINDS)}.")
    return (resources.files("kith.drafts") / "templates" / f"{kind}.txt").read_text("utf-8")


def template_path(folder: Path, kind: str) -> Path:
    return folder / f"{kind}.txt"


def user_template(folder: Path, kind: str) -> str:
    """The user's template in `folder`, copied from the default first if it is not there yet."""
    path = template_path(folder, kind)
    if not path.exists():
        default = shipped(kind)
        try:
            _write_default(path, default)
        except FileExistsError:
            pass  # another Kith wrote it a moment ago: read theirs
        except OSError:
            return default  # a read-only data folder: the draft still works, uncopied
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(
            f"Could not read the draft template {path} ({exc}); fix or delete it."
        ) from exc


def _write_default(path: Path, text: str) -> None:
    """Create the folder (0700) and the file (0600) like every file Kith writes."""
    if not path.parent.exists():
        path.parent.mkdir(mode=DIR_MODE, parents=True)
    descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
