"""Files uploaded for import, kept between the dry run and the confirmation in a private
temporary folder (0700), under a random name (the name the user gave is kept beside it, for
messages); deleted once imported or when the app stops."""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

# bytes: a mailbox of tens of thousands of messages (the upload is spooled to disk, not memory)
UPLOAD_LIMIT = 512 * 1024 * 1024
NAME_LIMIT = 200  # characters of the uploaded file's own name kept for messages
SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}$")


class Uploads:
    def __init__(self) -> None:
        self._folder: Path | None = None
        self._names: dict[str, str] = {}
        self._me: dict[str, tuple[str, ...]] = {}  # `me` given with the upload, for its import

    def keep(self, source: BinaryIO, filename: str, me: Sequence[str] = ()) -> str:
        """The staged file's id; its suffix kept (a .zip is read as one), its name not; `me`
        (which side is the user, as `kith import --me`) kept for the import that follows."""
        found = SUFFIX.search(filename or "")
        staged = secrets.token_urlsafe(16) + (found.group(0).lower() if found else "")
        with (self.folder() / staged).open("xb") as target:
            shutil.copyfileobj(source, target)
        (self.folder() / staged).chmod(0o600)
        self._names[staged] = Path(filename or "").name[:NAME_LIMIT] or "the uploaded file"
        if me:
            self._me[staged] = tuple(me)
        return staged

    def me(self, staged: str) -> tuple[str, ...]:
        """The `me` the upload came with (none: Kith's own me.emails setting)."""
        return self._me.get(staged, ())

    def name(self, staged: str) -> str:
        """The file's name as the user's computer had it, for messages."""
        return self._names.get(staged, "the uploaded file")

    def path(self, staged: str) -> Path | None:
        if not re.fullmatch(r"[A-Za-z0-9_-]{22}(\.[a-z0-9]{1,8})?", staged):
            return None
        found = self.folder() / staged
        return found if found.is_file() else None

    def drop(self, staged: str) -> None:
        found = self.path(staged)
        if found is not None:
            found.unlink()
        self._names.pop(staged, None)
        self._me.pop(staged, None)

    def folder(self) -> Path:
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="kith-uploads-"))  # mode 0700
        return self._folder

    def close(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
