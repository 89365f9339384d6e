"""What a damaged zip raises while it is read, and the one sentence Kith says about it."""

from __future__ import annotations

import errno
import zipfile
import zlib
from pathlib import Path

from kith.errors import UserError

# a bad CRC or header (BadZipFile), a torn deflate stream (zlib.error, EOFError), a method Python
# cannot unpack (NotImplementedError), an offset past the file's ends (OSError: invalid argument)
DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError)


def refused(path: Path, error: BaseException) -> UserError:
    """The error to raise for what reading the zip at `path` raised: a full disk said as one
    (unpacking writes), anything else as a damaged zip."""
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return UserError(f"{path}: the disk is full; free some space and import it again.")
    return UserError(f"{path}: the zip is damaged ({error}); download it again.")
