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
UNPACKED_LIMIT = 4 * 2**30  # bytes: a mailbox export of many years fits; a zip bomb does not
UNPACKED_RATIO = 200  # text compresses about 10-fold; a bomb's ratio is in the thousands


def refuse_a_bomb(path: Path, archive: zipfile.ZipFile) -> None:
    """Nothing is read past UNPACKED_LIMIT bytes or a UNPACKED_RATIO-fold expansion. The sizes
    are the zip's own, and Python's reader holds each member to its stated size (a stream that
    runs on is cut there and fails its CRC), so what passes here is all that can come out."""
    members = archive.infolist()
    unpacked = sum(member.file_size for member in members)
    packed = max(1, sum(member.compress_size for member in members))
    if unpacked > UNPACKED_LIMIT or (unpacked > UNPACKED_RATIO * packed and unpacked > 2**20):
        raise UserError(
            f"{path}: the zip would unpack to {unpacked:,} bytes from {packed:,}; Kith unpacks "
            f"at most {UNPACKED_LIMIT // 2**30} GiB and a {UNPACKED_RATIO}-fold expansion. "
            "Unpack it yourself and import the folder if it is genuine."
        )


def refused(path: Path, error: BaseException) -> UserError:
    """The error to raise for what reading the zip at `path` raised: a full disk said as one
    (unpacking writes), anything else as a damaged zip."""
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return UserError(f"{path}: the disk is full; free some space and import it again.")
    return UserError(f"{path}: the zip is damaged ({error}); download it again.")


def refuse_a_torn_zip(path: Path) -> None:
    """A file that starts as a zip does (a member's header) but that Python cannot open as one:
    its table of contents at the end is missing, as when a download stopped. No reader takes
    such a file as text, so it is said to be torn whatever kind it was given as."""
    with path.open("rb") as handle:
        starts_as_a_zip = handle.read(4) == b"PK\x03\x04"
    if starts_as_a_zip and not zipfile.is_zipfile(path):
        raise UserError(
            f"{path}: the zip is cut short or damaged (the list of its files at its end is "
            "missing); download or export it again. Nothing was imported."
        )
