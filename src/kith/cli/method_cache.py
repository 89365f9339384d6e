"""The compiled code of the methods `dataclasses` writes, kept like bytecode.

Python 3.11's `dataclasses` writes each class's `__init__`, `__repr__`, `__eq__`, `__hash__`,
`__setattr__`… as source text and compiles it, at every start: a quarter of a `kith list
--limit 50` and more than a third of a `kith plan` (docs/benchmarks.md). `typing` does the same
with each annotation written as a string that it reads at import (click has 26). `make
bytecode` (part of `make install`) runs this module, which imports every Kith module while
recording each text compiled there, and writes the code compiled from it beside this file
(`__pycache__/dataclass_methods.<cache tag>.bin`): the interpreter's bytecode magic number, then
an index, then one table per defining module of text → code, so that a command unmarshals only
the tables of the modules it imports.

`install` puts `dataclasses`' own call of `exec`, and `typing`'s of `compile`, through `run` and
`compile_forward`, which take the code of a text found in its module's table and compile any
other text exactly as the library would have. The methods are the same ones: same text, same
compiler flags (none inherited: neither library has a future import), the same functions made
from the code. A method cannot be stale — a changed class writes a different text, which is
compiled — and a missing, unreadable or foreign file (another Python, a read-only install that
never ran `make bytecode`) only means compiling, as before.

`install` also imports `dataclasses` without importing `inspect` (a ninth of a read's start on
profile L, the size of a bare Python start in instructions; `dataclasses` reads it only for a
class without a docstring, which Kith does not write): `inspect` is imported at the first use
of it there, and by anyone else as usual. In the same way, on every command's way (Python
3.11, instructions): `dataclasses` without `copy` (and the `weakref` it imports; 3.6 M),
which it reads only in `asdict` and `astuple`; `urllib.parse`, which `pathlib` imports and
every command opens its database by a Path, without `ipaddress` (6 M), which it reads only
to check a bracketed host in a URL; `pathlib` without `ntpath` and `fnmatch` (2.5 M), which
it reads only for a Windows path and a pattern."""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Mapping
from types import ModuleType
from typing import Any

FILE = os.path.join(
    os.path.dirname(__file__),
    "__pycache__",
    f"dataclass_methods.{sys.implementation.cache_tag}.bin",
)
SOURCE_NAME = "<string>"  # the name `exec` and `typing` give a text they compile
FORWARD = "<forward references>"  # the table of annotations `typing` compiles ("eval")
_LENGTH = 4  # bytes of the index's length, after the magic number


class _Cache:
    """Where the file is, what was read of it, and what was compiled since `install`."""

    def __init__(self, path: str) -> None:
        self.reset(path)

    def reset(self, path: str) -> None:
        """Nothing read yet, nothing compiled, of the file at `path`."""
        self.path = path
        self.index: dict[str, tuple[int, int]] | None = None  # module → (offset, length)
        self.start = 0  # where the tables begin, after the index
        self.tables: dict[str, dict[str, Any]] = {}  # module → text → code, when first used
        self.compiled = 0  # texts compiled: none of a module the file has
        self.recorded: dict[str, dict[str, Any]] | None = None  # module → text → code

    def code(self, module: str, source: str, mode: str) -> Any:
        """The code of `source` from `module`'s table, or compiled (recorded while writing)."""
        table = self.tables.get(module)
        if table is None:
            table = self.tables[module] = self.table(module)
        code = table.get(source)
        if code is None:
            self.compiled += 1
            code = compile(source, SOURCE_NAME, mode, dont_inherit=True)
            if self.recorded is not None:
                self.recorded.setdefault(module, {})[source] = code
        return code

    def table(self, module: str) -> dict[str, Any]:
        """`module`'s texts and code from the file; empty when it has none, or the file is
        missing, unreadable or written by another interpreter."""
        try:
            with open(self.path, "rb") as file:
                if self.index is None:
                    self.index = _read_index(file.read(len(_magic()) + _LENGTH), file)
                    self.start = file.tell()
                where = self.index.get(module)
                if where is None:
                    return {}
                file.seek(self.start + where[0])
                table = marshal.loads(file.read(where[1]))
        except (OSError, EOFError, ValueError, TypeError):
            self.index = {}
            return {}
        return table if isinstance(table, dict) else {}


cache = _Cache(FILE)


def install(path: str = FILE) -> _Cache:
    """Route the methods `dataclasses` writes and the annotations `typing` reads from strings
    through the file at `path` (read at the first text); returns the cache, for its figures."""
    _import_deferring("dataclasses", "inspect", "copy")
    _import_deferring("urllib.parse", "ipaddress")
    _import_deferring("pathlib", "ntpath", "fnmatch")
    import dataclasses
    import typing

    cache.reset(path)
    # module globals are found before the builtins
    vars(dataclasses)["exec"] = run
    vars(typing)["compile"] = compile_forward
    return cache


class _Deferred(ModuleType):
    """A stand-in for a module not imported yet: reading any of its names imports it (as usual,
    once, into sys.modules) and reads the name there — while the stand-in is still in
    sys.modules too (a module read at import after all: another Python's library), it leaves."""

    def __getattr__(self, name: str) -> Any:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(__import__(self.__name__), name)


def _import_deferring(name: str, *deferred: str) -> None:
    """Import module `name` with a stand-in for each top-level module of `deferred`, which it
    imports but uses only in calls that may never come (never while it is imported); nothing
    when any of them is imported already. The stand-ins are out of sys.modules again as soon as
    `name` is imported: any other import of one of them is the real one."""
    if name in sys.modules or any(module in sys.modules for module in deferred):
        return
    for module in deferred:
        sys.modules[module] = _Deferred(module)
    try:
        __import__(name)
    finally:
        for module in deferred:
            if isinstance(sys.modules.get(module), _Deferred):
                del sys.modules[module]


def run(
    source: Any,
    globals: dict[str, Any] | None = None,
    locals: Mapping[str, object] | None = None,
    /,
) -> None:
    """`exec(source, globals, locals)`, with the code of a known text read from the file."""
    if isinstance(source, str):
        module = str((globals or {}).get("__name__", ""))
        source = cache.code(module, source, "exec")
    exec(source, globals, locals)


def compile_forward(source: Any, filename: str, mode: str, *args: Any, **kwargs: Any) -> Any:
    """`compile(...)` as `typing.ForwardRef` calls it, with the code of a known text read from
    the file; any other call compiles as usual."""
    if isinstance(source, str) and (filename, mode, args, kwargs) == (SOURCE_NAME, "eval", (), {}):
        return cache.code(FORWARD, source, mode)
    return compile(source, filename, mode, *args, **kwargs)


def _read_index(head: bytes, file: Any) -> dict[str, tuple[int, int]]:
    """The index after `head` (the magic number and the index's length), or empty when the
    file was written by another interpreter."""
    magic = _magic()
    if head[: len(magic)] != magic or len(head) != len(magic) + _LENGTH:
        return {}
    index = marshal.loads(file.read(int.from_bytes(head[len(magic) :], "little")))
    return index if isinstance(index, dict) else {}


def write(path: str = FILE, modules: list[str] | None = None) -> int:
    """Import `modules` (by default every Kith module; one may fail: an optional dependency
    missing), recording each text compiled where `install` looks, and write the tables to `path`
    at once (a temporary file renamed). Returns how many texts were written."""
    import importlib

    recorded: dict[str, dict[str, Any]] = {}
    install(os.devnull).recorded = recorded  # nothing found: every text compiled
    # the walk itself imports the packages: after `install`
    for name in kith_modules() if modules is None else modules:
        try:
            importlib.import_module(name)
        except Exception:  # a module this machine cannot import is left out
            continue
    cache.recorded = None
    blobs = {module: marshal.dumps(table) for module, table in sorted(recorded.items())}
    index: dict[str, tuple[int, int]] = {}
    offset = 0  # from the end of the index
    for module, blob in blobs.items():
        index[module] = (offset, len(blob))
        offset += len(blob)
    head = marshal.dumps(index)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "wb") as file:
        file.write(_magic() + len(head).to_bytes(_LENGTH, "little") + head)
        file.writelines(blobs.values())
    os.replace(temporary, path)
    return sum(len(table) for table in recorded.values())


def kith_modules() -> list[str]:
    """Every module of the kith package, by name, but `kith.__main__` (which runs the program)."""
    import pkgutil

    import kith

    found = pkgutil.walk_packages(kith.__path__, "kith.")
    return sorted(module.name for module in found if not module.name.endswith(".__main__"))


def _magic() -> bytes:
    """The interpreter's bytecode magic number: code marshalled by another is not read."""
    import _frozen_importlib_external  # loaded with the interpreter, unlike importlib.util

    return _frozen_importlib_external.MAGIC_NUMBER


if __name__ == "__main__":
    print(f"{write()} compiled texts written to {FILE}")
