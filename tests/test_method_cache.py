"""The compiled code of dataclasses' methods kept like bytecode (kith.cli.method_cache): the same
methods as dataclasses compiles itself, never a stale one, compiling as before when the file is
missing or foreign, and every dataclass of the reads found in the file `make bytecode` writes."""

from __future__ import annotations

import dataclasses
import importlib
import json
import subprocess
import sys
import textwrap
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kith.cli import method_cache

SAMPLE = '''
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Pick:
    """A sample record."""

    person_id: int
    name: str
    score: float = 0.5
    tags: tuple[str, ...] = field(default_factory=tuple)


@dataclass
class Open:
    count: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Slotted:
    x: int
    y: int = 2
'''


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A module `cache_sample` on the path, and dataclasses and typing restored afterwards."""
    (tmp_path / "cache_sample.py").write_text(SAMPLE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(dataclasses, "exec", exec, raising=False)
    monkeypatch.setattr(typing, "compile", compile, raising=False)
    yield tmp_path
    sys.modules.pop("cache_sample", None)
    method_cache.cache.reset(method_cache.FILE)


def fresh_import() -> Any:
    sys.modules.pop("cache_sample", None)
    return importlib.import_module("cache_sample")


def methods(module: Any) -> dict[str, Any]:
    """Every generated method's code, by class and name."""
    found = {}
    for cls in (module.Pick, module.Open, module.Slotted):
        for name in ("__init__", "__repr__", "__eq__", "__lt__", "__hash__", "__setattr__"):
            function = vars(cls).get(name)
            if function is not None and hasattr(function, "__code__"):
                found[f"{cls.__name__}.{name}"] = function
    return found


def shape(function: Any) -> tuple[object, ...]:
    code = function.__code__
    return (
        code.co_code,
        code.co_consts,
        code.co_names,
        code.co_varnames,
        code.co_flags,
        code.co_filename,
        function.__defaults__,
        function.__kwdefaults__,
        function.__annotations__,
        function.__qualname__,
    )


def test_the_methods_read_from_the_file_are_the_ones_dataclasses_compiles(sample: Path) -> None:
    compiled = {name: shape(function) for name, function in methods(fresh_import()).items()}
    path = str(sample / "methods.bin")
    sys.modules.pop("cache_sample")
    assert method_cache.write(path, ["cache_sample"]) == 16  # with __le__, __delattr__…
    cache = method_cache.install(path)
    module = fresh_import()
    assert cache.compiled == 0
    assert {name: shape(function) for name, function in methods(module).items()} == compiled
    assert sorted(compiled) == [
        "Open.__eq__",
        "Open.__init__",
        "Open.__repr__",
        "Pick.__eq__",
        "Pick.__hash__",
        "Pick.__init__",
        "Pick.__lt__",
        "Pick.__repr__",
        "Pick.__setattr__",
        "Slotted.__eq__",
        "Slotted.__init__",
        "Slotted.__repr__",
    ]


def test_records_made_through_the_file_behave_as_dataclasses(sample: Path) -> None:
    path = str(sample / "methods.bin")
    method_cache.write(path, ["cache_sample"])
    method_cache.install(path)
    module = fresh_import()
    pick = module.Pick(7, "Ada", tags=("python",))
    assert repr(pick) == "Pick(person_id=7, name='Ada', score=0.5, tags=('python',))"
    assert pick == module.Pick(7, "Ada", 0.5, ("python",))
    assert hash(pick) == hash((7, "Ada", 0.5, ("python",)))
    assert module.Pick(1, "Z") < module.Pick(2, "A")
    with pytest.raises(dataclasses.FrozenInstanceError):
        pick.name = "Bea"
    assert dataclasses.replace(pick, name="Bea").name == "Bea"
    assert dataclasses.asdict(module.Open(3)) == {"count": 3, "notes": []}
    assert [field.name for field in dataclasses.fields(module.Slotted)] == ["x", "y"]
    assert module.Slotted.__slots__ == ("x", "y")
    assert module.Open().notes is not module.Open().notes


def test_a_changed_class_is_compiled_never_read_stale(sample: Path) -> None:
    path = str(sample / "methods.bin")
    method_cache.write(path, ["cache_sample"])
    changed = SAMPLE.replace("    count: int = 0\n", "    count: int = 0\n    extra: str = 'x'\n")
    (sample / "cache_sample.py").write_text(changed, encoding="utf-8")
    cache = method_cache.install(path)
    module = fresh_import()
    assert repr(module.Open()) == "Open(count=0, extra='x', notes=[])"
    assert cache.compiled == 3  # Open's __init__, __repr__ and __eq__; the others were found


@pytest.mark.parametrize(
    "content",
    [b"", b"not a cache at all", b"\x00\x00\r\n" + bytes(40), None],
    ids=["empty", "garbage", "another interpreter's magic number", "missing"],
)
def test_a_missing_or_foreign_file_means_compiling_as_before(
    sample: Path, content: bytes | None
) -> None:
    path = sample / "methods.bin"
    if content is not None:
        path.write_bytes(content)
    cache = method_cache.install(str(path))
    module = fresh_import()
    assert repr(module.Pick(1, "Ada")) == "Pick(person_id=1, name='Ada', score=0.5, tags=())"
    assert cache.compiled == 16


def test_a_string_annotation_typing_reads_is_compiled_as_typing_would(sample: Path) -> None:
    before = typing.ForwardRef("list[int] | None").__forward_code__
    path = str(sample / "methods.bin")
    cache = method_cache.install(path)
    assert typing.ForwardRef("list[int] | None").__forward_code__ == before
    assert cache.compiled == 1
    with pytest.raises(SyntaxError):
        typing.ForwardRef("not valid (")


def test_every_dataclass_a_read_imports_is_found_in_the_written_file(tmp_path: Path) -> None:
    path = tmp_path / "methods.bin"
    script = textwrap.dedent(
        f"""
        import importlib, sys
        from kith.cli import method_cache
        if sys.argv[1] == "write":
            print(method_cache.write({str(path)!r}))
        else:
            cache = method_cache.install({str(path)!r})
            for name in ("kith.cli.main", "kith.cli.people", "kith.cli.week.plan",
            "kith.cli.week.ties",
                         "kith.cli.mesh.ledger", "kith.cli.logging", "kith.cli.find"):
                importlib.import_module(name)
            print(cache.compiled, len(cache.tables))
        """
    )
    written = subprocess.run(
        [sys.executable, "-c", script, "write"], capture_output=True, text=True, check=True
    )
    assert int(written.stdout) > 1000
    read = subprocess.run(
        [sys.executable, "-c", script, "read"], capture_output=True, text=True, check=True
    )
    compiled, tables = read.stdout.split()
    assert compiled == "0"
    assert int(tables) > 20


WITHOUT_INSPECT = """
import json, sys
from kith.cli import method_cache
method_cache.install()
before = "inspect" in sys.modules
import dataclasses
import json
@dataclasses.dataclass(frozen=True)
class Documented:
    '''A class with its own docstring.'''
    a: int
still = "inspect" in sys.modules
@dataclasses.dataclass
class Bare:
    a: int
    b: str = "x"
import inspect
default = inspect.signature(Bare).parameters["b"].default
print(json.dumps([before, still, Documented.__doc__, Bare.__doc__,
                  type(sys.modules["inspect"]).__name__, default]))
"""


def test_dataclasses_is_imported_without_inspect_which_a_class_without_a_docstring_imports() -> (
    None
):
    ran = subprocess.run(
        [sys.executable, "-c", WITHOUT_INSPECT], capture_output=True, text=True, check=True
    )
    before, still, documented, bare, module_type, default = json.loads(ran.stdout)
    assert (before, still) == (False, False)
    assert documented == "A class with its own docstring."
    assert bare == "Bare(a: int, b: str = 'x')"  # as dataclasses writes it with inspect at hand
    assert module_type == "module"  # the real one in sys.modules, not the stand-in
    assert default == "x"


WITHOUT_IPADDRESS = """
import json, sys
from kith.cli import method_cache
method_cache.install()
import pathlib
from urllib.parse import urlsplit
loaded = ["ipaddress" in sys.modules, "pathlib" in sys.modules]
plain = urlsplit("https://example.org/a").hostname
still = "ipaddress" in sys.modules
host = urlsplit("http://[::1]:8080/").hostname
try:
    urlsplit("http://[not-an-address]/")
    refused = None
except ValueError as error:
    refused = str(error)
print(json.dumps([*loaded, plain, still, host, "ipaddress" in sys.modules,
                  type(sys.modules["ipaddress"]).__name__, refused]))
"""


def test_urllib_parse_is_imported_without_ipaddress_which_a_bracketed_host_imports() -> None:
    ran = subprocess.run(
        [sys.executable, "-c", WITHOUT_IPADDRESS], capture_output=True, text=True, check=True
    )
    before, pathlib_loaded, plain, still, host, after, module_type, refused = json.loads(ran.stdout)
    assert (before, pathlib_loaded) == (False, True)
    assert (plain, still) == ("example.org", False)
    assert (host, after, module_type) == ("::1", True, "module")  # checked by the real one
    assert refused == "'not-an-address' does not appear to be an IPv4 or IPv6 address"


WITHOUT_COPY_NTPATH_FNMATCH = """
import json, sys
from kith.cli import method_cache
method_cache.install()
import dataclasses, pathlib
deferred = ("copy", "weakref", "ntpath", "fnmatch")
before = [m for m in deferred if m in sys.modules]
@dataclasses.dataclass
class Held:
    '''A class with a list, copied deeply by asdict.'''
    items: list
held = Held([[1, 2]])
copied = dataclasses.asdict(held)
copied["items"][0].append(3)
windows = str(pathlib.PureWindowsPath("C:/Users/kith") / "kith.db")
matched = pathlib.PurePosixPath("a/b.sql").match("*.sql")
after = [m for m in deferred if type(sys.modules.get(m)).__name__ == "module"]
print(json.dumps([before, held.items, windows, matched, after]))
"""


def test_dataclasses_and_pathlib_import_copy_ntpath_and_fnmatch_at_their_first_use() -> None:
    ran = subprocess.run(
        [sys.executable, "-c", WITHOUT_COPY_NTPATH_FNMATCH],
        capture_output=True,
        text=True,
        check=True,
    )
    before, held, windows, matched, after = json.loads(ran.stdout)
    assert before == []
    assert held == [[1, 2]]  # asdict copied it deeply, with the real copy
    assert (windows, matched) == ("C:\\Users\\kith\\kith.db", True)
    assert after == ["copy", "weakref", "fnmatch"]  # pathlib's own Windows paths: no ntpath


def test_a_module_that_reads_a_deferred_one_while_it_is_imported_gets_the_real_one(
    tmp_path: Path,
) -> None:
    (tmp_path / "reads_copy_at_import.py").write_text("import copy\nDEEP = copy.deepcopy\n")
    script = (
        "import json, sys\n"
        f"sys.path.insert(0, {str(tmp_path)!r})\n"
        "from kith.cli import method_cache\n"
        "method_cache._import_deferring('reads_copy_at_import', 'copy')\n"
        "import reads_copy_at_import as module\n"
        "real = sys.modules['copy']\n"
        "print(json.dumps([type(real).__name__, module.DEEP is real.deepcopy]))\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )  # a stand-in read while importing would recurse without end
    assert json.loads(ran.stdout) == ["module", True]
