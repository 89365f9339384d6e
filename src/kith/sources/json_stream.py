"""Reading a large JSON file one value at a time with the standard library, in bounded memory.

`json.load` needs the whole file in memory; an export with a million interactions should not.
`JsonStream` walks the top-level object and arrays itself and hands each element to
`json.JSONDecoder.raw_decode`, keeping only the text of the element being read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from kith.errors import UserError

CHUNK = 1 << 16  # characters read at a time
MAX_VALUE = 1 << 26  # characters: a single value this large is not what a reader expects
_SPACE = re.compile(r"[ \t\r\n]*")
_NUMBER_TAIL = frozenset("0123456789.eE+-")


class JsonStream:
    """JSON values read one at a time from a text file, holding little more than one value."""

    def __init__(self, handle: TextIO, path: Path, advice: str) -> None:
        self.handle, self.path, self.advice = handle, path, advice
        self.text, self.at, self.eof, self.line = "", 0, False, 1
        self.decoder = json.JSONDecoder()

    def peek(self) -> str:
        """The next character that is not white space ("" at the end of the file)."""
        while True:
            match = _SPACE.match(self.text, self.at)
            self.at = match.end() if match else self.at
            if self.at < len(self.text) or self.eof:
                return self.text[self.at : self.at + 1]
            self._more()

    def take(self, wanted: str) -> str:
        """Step over the next character, which must be one of `wanted`."""
        found = self.peek()
        if not found or found not in wanted:
            expected = " or ".join(repr(c) for c in wanted)
            raise self.broken(f"expected {expected}, found {found or 'the end'!r}")
        self.at += 1
        return found

    def value(self) -> Any:
        """The whole value that starts here."""
        self.peek()
        while True:
            try:
                found, end = self.decoder.raw_decode(self.text, self.at)
            except json.JSONDecodeError as exc:
                if self.eof:
                    raise self.broken(exc.msg, exc.pos) from exc
                self._more()
                continue
            except (ValueError, RecursionError) as exc:  # a number of 4,300 digits, deep nesting
                raise self.broken(str(exc) or type(exc).__name__) from exc
            cut = end == len(self.text) or self.text[end] in _NUMBER_TAIL
            if isinstance(found, int | float) and cut and not self.eof:
                self._more()  # the number may go on in the next chunk
                continue
            self.at = end
            return found

    def items(self) -> Iterator[Any]:
        """The elements of the array that starts here, one at a time."""
        self.take("[")
        if self.peek() == "]":
            self.at += 1
            return
        while True:
            yield self.value()
            if self.take(",]") == "]":
                return

    def members(self) -> Iterator[str]:
        """The keys of the object that starts here; the caller reads each value before the next."""
        self.take("{")
        if self.peek() == "}":
            self.at += 1
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise self.broken("expected a key in double quotes")
            self.take(":")
            yield key
            if self.take(",}") == "}":
                return

    def broken(self, problem: str, position: int | None = None) -> UserError:
        """The error for text that is not valid JSON, with its line number."""
        line = self.line + self.text.count("\n", 0, self.at if position is None else position)
        return UserError(f"{self.path} is not valid JSON (line {line}: {problem}). {self.advice}")

    def _more(self) -> None:
        pending = len(self.text) - self.at
        if pending > MAX_VALUE:
            raise self.broken(f"one value is longer than {MAX_VALUE} characters")
        self.line += self.text.count("\n", 0, self.at)
        chunk = self.handle.read(max(CHUNK, pending))
        self.text, self.at, self.eof = self.text[self.at :] + chunk, 0, not chunk
