"""Kith beside the peers it must beat (issue 15): `make bench-peers`.

Wraps ../shared/tools/peer_bench.py without changing it: its virtual environments live under
bench/.peers/ (made once, by its own `setup`), and its `kith-venv` holds a copy of this checkout
installed afresh at every run (not editable, bytecode compiled, so later edits to the tree do
not change a run that is going on). The script is then run for Kith, jsoncrm, rolodex-cli and
narad at 10,000 and 30,000 people (N contacts × 10 interactions, each operation a fresh
process, median of 5, a bare `python -c pass` before every run). Kith is timed on a few more
operations here, so that each peer operation has the same work in Kith beside it: `kith export
csv` for rolodex's CSV export, and `kith list NAME` (names only) for jsoncrm's search, which
looks at names only.

The table printed is Kith ÷ peer per like-for-like operation, from one run's JSON; below 1 Kith
is faster: in milliseconds, and "by Python", each tool's median first divided by the bare
Python start timed between its own runs (the tools run one after another, so on a shared
machine whose load drifts this is the steadier of the two). `--report FILE` prints the table
again from a saved run.

Each tool's loaded data set is built once and kept under bench/.data/peers/ (see `cache_key`:
the tool, the size, the day the data set is dated from, the tool's version — for Kith a hash of
the source that writes the database, for a peer its installed version — and the loader used).
A later run restores those files into the tool's fresh home instead of loading again, so it only
times the operations; the load time printed is the one measured when the cache was made.
Peers are loaded the fastest way their own software offers, in one process (`LOADERS`).
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ROOT = ROOT / "bench" / ".peers"
PEERS = DEFAULT_ROOT
SCRIPT = ROOT.parent / "shared" / "tools" / "peer_bench.py"
TOOLS = ["kith", "jsoncrm", "rolodex-cli", "narad"]
SIZES = "10000,30000"
CACHE = ROOT / "bench" / ".data" / "peers"

# (peer, the peer's operation, Kith's operation that does the same work, what differs)
PAIRS: list[tuple[str, str, str, str]] = [
    ("jsoncrm", "help", "help", ""),
    ("jsoncrm", "list (list leads: all rows)", "list (all contacts)", ""),
    ("jsoncrm", "list (list leads -n 50)", "list (--limit 50)", ""),
    (
        "jsoncrm",
        "search by name",
        "search names only (list Quixote)",
        "jsoncrm looks at names only: Kith's names-only search",
    ),
    (
        "jsoncrm",
        "search by name",
        "search by name (search Quixote)",
        "Kith also searches companies, notes and 300k interactions",
    ),
    (
        "jsoncrm",
        "show one contact (find by linkedin_url)",
        'show one contact (show "Zebulon Quixote")',
        "jsoncrm: one record by exact key; Kith: the card, tie and newest interactions",
    ),
    ("jsoncrm", "add one contact", "add one contact", ""),
    ("rolodex-cli", "help", "help", ""),
    ("rolodex-cli", "list (all, with notes column)", "list (all contacts)", ""),
    ("rolodex-cli", "search by name", "search by name (search Quixote)", ""),
    (
        "rolodex-cli",
        "show one contact (notes --id)",
        'show one contact (show "Zebulon Quixote")',
        "rolodex by id; Kith by name",
    ),
    ("rolodex-cli", "add one contact", "add one contact", ""),
    (
        "rolodex-cli",
        "export (export --format csv -> ./db-output.csv)",
        "export (export csv FILE)",
        "CSV both",
    ),
    ("narad", "help", "help", ""),
    ("narad", "list (default: 50 rows)", "list (--limit 50)", ""),
    ("narad", "list (all rows, -n 1000000)", "list (all contacts)", ""),
    ("narad", "search by name", "search by name (search Quixote)", "full text both"),
    (
        "narad",
        "who is due (today: overdue tasks)",
        "who is due (today)",
        "Kith's today also lists the week's picks and people met",
    ),
    ("narad", "show one contact", 'show one contact (show "Zebulon Quixote")', ""),
    ("narad", "add one contact", "add one contact", ""),
    (
        "narad",
        "log an interaction (add note --contact ID --channel call)",
        "log an interaction (log NAME SUMMARY --channel call)",
        "Kith also updates the tie rows",
    ),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=SIZES)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--report", type=Path, help="print the table of a saved run and stop")
    parser.add_argument(
        "--root", type=Path, default=DEFAULT_ROOT, help="where the venvs and data sets live"
    )
    parser.add_argument(
        "--installed",
        action="store_true",
        help="keep the Kith already in kith-venv (two sizes run side by side share it)",
    )
    parser.add_argument(
        "--fresh-data",
        action="store_true",
        help="load every tool again (and replace its cached data set) instead of restoring it",
    )
    args = parser.parse_args()
    if args.report:
        report(json.loads(args.report.read_text()))
        return
    global PEERS  # noqa: PLW0603 - one root per run; two runs side by side need two
    PEERS = args.root.resolve()
    bench = load_script()
    tools = args.tools.split(",")
    set_up(bench, [t for t in tools if t != "kith"])
    if "kith" in tools and not args.installed:
        install_kith(bench.PY312)
    elif "kith" in tools:
        stale = installed_differs(PEERS / "kith-venv")
        if stale:
            print(
                f"NOTE: --installed times the Kith in kith-venv, which differs from this "
                f"checkout in {len(stale)} files ({', '.join(stale[:5])}...)",
                flush=True,
            )
    bench.BENCHES["kith"] = with_more_kith(bench, bench.BENCHES["kith"])
    bench._timed_generic = once_when_slow(bench, bench._timed_generic)
    bench.run_once = with_cpu(bench)
    loads = CachedLoads(bench, PEERS, args.fresh_data)
    for tool in tools:
        bench.BENCHES[tool] = loads.wrap(tool, bench.BENCHES[tool])
    sizes = args.sizes.replace(",", "-")
    out = PEERS / f"results-{time.strftime('%Y%m%dT%H%M%S')}-{sizes}.json"
    bench.cmd_run(
        argparse.Namespace(
            root=str(PEERS),
            out=str(out),
            sizes=args.sizes,
            runs=args.runs,
            tools=args.tools,
            resume=False,
        )
    )
    print(f"\nResults: {out.relative_to(ROOT)}")
    report(json.loads(out.read_text()))


def load_script() -> ModuleType:
    if not SCRIPT.exists():
        sys.exit(
            f"{SCRIPT} is missing: bench-peers needs the shared peer benchmark beside the repo"
        )
    spec = importlib.util.spec_from_file_location("peer_bench", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def set_up(bench: ModuleType, tools: list[str]) -> None:
    """The peers' virtual environments, made by the script's own `setup` once each."""
    missing = [t for t in tools if not usable(bench.venv_of(PEERS, t))]
    for tool in missing:  # a venv made in another checkout: its scripts name that one's python
        shutil.rmtree(bench.venv_of(PEERS, tool), ignore_errors=True)
    if missing:
        PEERS.mkdir(parents=True, exist_ok=True)
        bench.cmd_setup(argparse.Namespace(root=str(PEERS), tools=",".join(missing)))


def usable(venv: Path) -> bool:
    """Whether `venv` has its python and was made where it is: a venv moved or copied from
    another checkout keeps that path in its scripts' first lines, which then cannot run."""
    config = venv / "pyvenv.cfg"
    if not (venv / "bin" / "python").exists() or not config.exists():
        return False
    made = [line for line in config.read_text().splitlines() if line.startswith("command =")]
    return not made or made[0].split()[-1] == str(venv)


def install_kith(interpreter: str) -> None:
    """kith-venv: this checkout as it stands, installed (not editable) with bytecode, on the
    peers' own interpreter (Python 3.12), so that start-up compares programs, not Pythons."""
    venv = PEERS / "kith-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([interpreter, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", str(ROOT)], check=True)
    build = PEERS / "kith-build"
    shutil.rmtree(build, ignore_errors=True)
    build.mkdir(parents=True)
    shutil.copytree(ROOT / "src", build / "src", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, build / name)
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(build)],
        check=True,
    )
    subprocess.run([str(python), "-m", "compileall", "-q", str(venv / "lib")], check=False)
    # what `make install` does besides (`make bytecode`): without the compiled dataclass
    # methods every Kith command compiles them at start-up, which no install made by
    # `make install` does (`kith list` of everyone 8% more CPU time at 30,000 people)
    subprocess.run([str(python), "-m", "kith.cli.method_cache"], check=True)


def installed_differs(venv: Path) -> list[str]:
    """The files of this checkout's `src/kith` that the Kith in `venv` does not have as they
    are (`--installed` times that Kith, not this checkout: say so when they differ)."""
    site = next((venv / "lib").glob("python*/site-packages"))
    src = ROOT / "src" / "kith"
    differ = []
    for path in sorted(src.rglob("*.py")) + sorted(src.rglob("*.sql")):
        rel = path.relative_to(src)
        there = site / "kith" / rel
        if not there.exists() or there.read_bytes() != path.read_bytes():
            differ.append(str(rel))
    return differ


def with_more_kith(bench: ModuleType, original: Callable[..., Any]) -> Callable[..., Any]:
    """The script's Kith bench, then the same work as two peer operations it has no twin for,
    timed the same way on the same database before the next tool runs."""

    def bench_kith(root: Path, n: int, runs: int, ds: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = original(root, n, runs, ds)
        home = root / f"bench/kith-{n}"
        env = bench.base_env(root, home, root / "kith-venv", {"KITH_DB": str(home / "kith.db")})
        result["cli"]["export (export csv FILE)"] = bench.timed(
            ["kith", "export", "csv", str(home / "out.csv")], env, runs=runs
        )
        result["cli"]["search names only (list Quixote)"] = bench.timed(
            ["kith", "list", "Quixote"], env, runs=runs
        )
        return result

    return bench_kith


# The loaders that replace the script's own for two peers: the same API calls, in one process,
# without the per-record cost their own code adds and that changes nothing in the result.
NARAD_LOADER = r"""
import json, sys
from narad import db, store
ds = json.load(open(sys.argv[1]))
# narad re-indexes an existing organization each time a contact names it: a DELETE on its FTS5
# table by two UNINDEXED columns (a full scan) and the same row inserted again. The script's
# loader skips the DELETE for rows never indexed; this one also skips rewriting a row whose
# text is unchanged, which leaves the same index (the same text for the same entity).
_orig, _seen = store._replace_index, {}
def _replace_index(conn, entity_type, entity_id, title, body, tags=""):
    key = (entity_type, str(entity_id))
    if _seen.get(key) == (title, body, tags):
        return None
    if key in _seen:
        _seen[key] = (title, body, tags)
        return _orig(conn, entity_type, entity_id, title, body, tags)
    _seen[key] = (title, body, tags)
    conn.execute("INSERT INTO search_index (entity_type, entity_id, title, body, tags) "
                 "VALUES (?, ?, ?, ?, ?)", (entity_type, str(entity_id), title, body, tags))
store._replace_index = _replace_index
ids = {}
with db.session() as conn:
    for c in ds["contacts"]:
        cid = store.create_contact(conn, c["name"], organization=c["company"], title=c["title"],
                                   email=c["email"], phone=c["phone"], source="bench").id
        ids[c["i"]] = cid
        for it in c["interactions"]:
            store.create_interaction(conn, it["body"], contact=cid, kind="note",
                                     channel=it["channel"],
                                     occurred_at=f'{it["date"]} {it["time"]}:00')
        if c["task_due"]:
            store.create_task(conn, f'Follow up with {c["first"]}', due=c["task_due"], contact=cid)
print(json.dumps({"sentinel_id": ids[ds["sentinel"]]}))
"""

# rolodex's add_person commits each person: on its own connection from init_db, with SQLite's
# synchronous=OFF (no fsync per commit; the rows written are the same).
ROLODEX_LOADER = r"""
import json, sys, io, contextlib
from rolodex import init_db, add_person
ds = json.load(open(sys.argv[1]))
conn = init_db("database.db")
conn.execute("PRAGMA synchronous=OFF")
with contextlib.redirect_stdout(io.StringIO()):
    for c in ds["contacts"]:
        notes = "\n".join(f'- {it["date"]} {it["channel"]}: {it["body"]}'
                          for it in c["interactions"])
        add_person(conn, c["name"], c["birthday"], c["title"], c["company"], notes, "bench")
conn.close()
"""

LOADERS = {"narad": NARAD_LOADER, "rolodex-cli": ROLODEX_LOADER}
DISTRIBUTIONS = {"jsoncrm": "jsoncrm", "rolodex-cli": "rolodex_cli", "narad": "narad"}
# the parts of Kith whose code decides what `kith import` writes (the faces only print)
KITH_FACES = ("cli", "web", "mcp")


def is_load(tool: str, cmd: Any) -> bool:
    """Whether a subprocess.run call of the script's bench for `tool` is its load step."""
    if not isinstance(cmd, list):
        return False
    words = [str(c) for c in cmd]
    if tool == "kith":
        return words[:2] == ["kith", "import"]
    if tool == "jsoncrm":
        return words[:2] == ["jsoncrm", "merge"]
    return len(words) > 1 and words[1].endswith("load.py")


def kith_version(venv: Path) -> str:
    """A hash of the Kith installed in `venv` that writes the database (everything in the
    package but its faces) and of its metadata (the libraries it needs): a change there loads
    Kith again. Read from the install, which is what the run times (`--installed` keeps one
    made earlier)."""
    site = next((venv / "lib").glob("python*/site-packages"))
    digest = hashlib.sha256()
    for meta in sorted(site.glob("kith-*.dist-info/METADATA")):
        digest.update(meta.read_bytes())
    src = site / "kith"
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if not path.is_file() or "__pycache__" in rel.parts or rel.parts[0] in KITH_FACES:
            continue
        digest.update(str(rel).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def peer_version(bench: ModuleType, root: Path, tool: str) -> str:
    site = next((bench.venv_of(root, tool) / "lib").glob("python*/site-packages"))
    found = sorted(site.glob(f"{DISTRIBUTIONS[tool]}-*.dist-info"))
    return found[0].name.removesuffix(".dist-info") if found else "unknown"


CPU_RUNS: list[tuple[list[str], float]] = []  # each run's command and CPU seconds (with_cpu)


def with_cpu(bench: ModuleType) -> Callable[..., Any]:
    """The script's `run_once` (the same Popen, output file, wait and result), recording each
    run's CPU time (user + system, from the child's rusage) in CPU_RUNS: a machine shared with
    other work stretches wall times many times over, CPU time much less."""

    def run_once(
        cmd: Any,
        env: dict[str, str],
        cwd: Any = None,
        stdin_data: bytes | None = None,
        timeout: float = 600,
    ) -> tuple[float, float, int, int, str]:
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as inp:
            if stdin_data is not None:
                inp.write(stdin_data)
                inp.seek(0)
            started = time.perf_counter()
            child = subprocess.Popen(
                cmd,
                env=env,
                cwd=cwd,
                stdin=inp,
                stdout=out,
                stderr=subprocess.STDOUT,
                shell=isinstance(cmd, str),
            )
            try:
                _, status, usage = os.wait4(child.pid, 0)
            except BaseException:
                child.kill()
                raise
            wall = time.perf_counter() - started
            out.seek(0)
            data = out.read()
        CPU_RUNS.append(
            (list(cmd) if isinstance(cmd, list) else [cmd], usage.ru_utime + usage.ru_stime)
        )
        code = os.waitstatus_to_exitcode(status)
        return (
            wall,
            usage.ru_maxrss / 1024.0,
            code,
            len(data),
            data[:300].decode("utf-8", "replace"),
        )

    return run_once


def cpu_of(cmd: list[str], since: int) -> float | None:
    """The median CPU seconds of the runs of `cmd` recorded from CPU_RUNS[since] on (not the
    GNU time run, whose own rusage leaves out the command's)."""
    found = [cpu for ran, cpu in CPU_RUNS[since:] if ran == cmd]
    return statistics.median(found) if found else None


VERY_SLOW_S = 30.0  # an operation whose warm-up run took longer is timed by that run alone


def once_when_slow(bench: ModuleType, original: Callable[..., Any]) -> Callable[..., Any]:
    """The script's timing, after a first run of our own: an operation that took more than
    VERY_SLOW_S (rolodex-cli's and narad's lists of everyone at 30,000 take minutes) keeps that
    one run, beside one bare Python start, instead of three or more; the others are timed by
    the script as before (their warm-up is then one run more)."""

    def timed(
        cmd_for: Callable[[int], Any],
        stdin_for: Callable[[int], Any],
        env: dict[str, str],
        cwd: Any,
        runs: int,
        warmup: bool = True,
    ) -> dict[str, Any]:
        if warmup:
            wall, _, rc, nbytes, head = bench.run_once(cmd_for(-1), env, cwd, stdin_for(-1))
            if wall > VERY_SLOW_S:
                base = bench.run_once(bench.bare_cmd(env), env, cwd)[0]
                return {
                    "median_s": wall,
                    "min_s": wall,
                    "max_s": wall,
                    "runs": 1,
                    "samples": [wall],
                    "base_median_s": base,
                    "base_samples": [base],
                    "ratio_to_python": wall / base,
                    "warmup_s": wall,
                    "rerun": None,
                    "rss_mib": None,
                    "rc": rc,
                    "out_bytes": nbytes,
                    "out_head": head,
                    "timed_once": True,
                }
        since = len(CPU_RUNS)
        result: dict[str, Any] = original(cmd_for, stdin_for, env, cwd, runs, warmup)
        command = cmd_for(0)
        if isinstance(command, list) and command == cmd_for(1):
            result["cpu_median_s"] = cpu_of(list(command), since)
        else:  # a command that changes each run (add, log): every run that is not python's
            bare = bench.bare_cmd(env)
            spent = [c for ran, c in CPU_RUNS[since:] if ran != bare and ran[0] != bench.TIME_BIN]
            result["cpu_median_s"] = statistics.median(spent[1:]) if len(spent) > 1 else None
        result["base_cpu_median_s"] = cpu_of(bench.bare_cmd(env), since)
        return result

    return timed


class CachedLoads:
    """Each tool's load step, made once per key and restored afterwards.

    The script's bench functions load and then time; their load is a `subprocess.run` call.
    This hands each function a `subprocess` whose `run` recognises that call (`is_load`): with
    a cache it copies the cached files into the fresh home and answers with the cached output;
    without one it runs the load (with `LOADERS`' script for narad and rolodex-cli) and keeps
    every file the load made or changed under the home."""

    def __init__(self, bench: ModuleType, root: Path, fresh_data: bool) -> None:
        self.bench, self.root, self.fresh_data = bench, root, fresh_data
        self.restored: dict[str, float] = {}
        self._kith: str | None = None

    def cache_key(self, tool: str, n: int) -> str:
        if tool == "kith":
            self._kith = self._kith or kith_version(self.root / "kith-venv")
            version = self._kith
        else:
            version = peer_version(self.bench, self.root, tool)
        loader = hashlib.sha256(LOADERS.get(tool, "").encode()).hexdigest()[:8]
        # the data set's dates count back from the day it is made: a new day, a new data set
        return f"{tool}-{n}-{self.bench.TODAY.isoformat()}-{version}-{loader}"

    def wrap(self, tool: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def bench_cached(root: Path, n: int, runs: int, ds: dict[str, Any]) -> dict[str, Any]:
            place = CACHE / self.cache_key(tool, n)
            real = subprocess.run

            def run(cmd: Any, *args: Any, **kwargs: Any) -> Any:
                if not is_load(tool, cmd):
                    return real(cmd, *args, **kwargs)
                return self.load(tool, place, cmd, real, *args, **kwargs)

            self.bench.subprocess = SimpleNamespace(**{**vars(subprocess), "run": run})
            try:
                result: dict[str, Any] = original(root, n, runs, ds)
            finally:
                self.bench.subprocess = subprocess
            load = result.get("load")
            meta = place / "meta.json"
            if isinstance(load, dict) and meta.exists():
                made = json.loads(meta.read_text())
                load["seconds"] = made["seconds"]
                load["cached"] = {"key": place.name, "restored": tool in self.restored}
                load["how"] = (load.get("how") or "") + made.get("how_more", "")
            return result

        return bench_cached

    def load(self, tool: str, place: Path, cmd: Any, real: Any, *args: Any, **kwargs: Any) -> Any:
        """Restore or make the cache, holding its lock: two runs side by side (`--root`) load
        a data set once between them."""
        place.parent.mkdir(parents=True, exist_ok=True)
        with open(place.parent / f"{place.name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            return self._load(tool, place, cmd, real, *args, **kwargs)

    def _load(self, tool: str, place: Path, cmd: Any, real: Any, *args: Any, **kwargs: Any) -> Any:
        home = Path(kwargs["env"]["HOME"])
        meta = place / "meta.json"
        if meta.exists() and not self.fresh_data:
            made = json.loads(meta.read_text())
            started = time.perf_counter()
            for rel in made["files"]:
                target = home / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(place / "files" / rel, target)
            self.restored[tool] = time.perf_counter() - started
            print(f"  {tool}: data set restored from {place.relative_to(ROOT)}", flush=True)
            out, err = made["stdout"], made["stderr"]
            if made.get("bytes"):  # the load was run without text=True: give bytes back
                out, err = (None if t is None else t.encode() for t in (out, err))
            return subprocess.CompletedProcess(cmd, 0, out, err)
        if tool in LOADERS:
            Path(cmd[1]).write_text(LOADERS[tool])
        before = {p: p.stat().st_mtime_ns for p in home.rglob("*") if p.is_file()}
        started = time.perf_counter()
        done = real(cmd, *args, **kwargs)
        seconds = time.perf_counter() - started
        shutil.rmtree(place, ignore_errors=True)
        files = []
        for path in sorted(home.rglob("*")):
            if path.is_file() and before.get(path) != path.stat().st_mtime_ns:
                rel = path.relative_to(home)
                (place / "files" / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, place / "files" / rel)
                files.append(str(rel))
        how_more = (
            "; loaded by bench/peers.py's own loader (LOADERS there)" if tool in LOADERS else ""
        )
        meta.write_text(
            json.dumps(
                {
                    "seconds": seconds,
                    "files": files,
                    "stdout": _text(done.stdout),
                    "stderr": _text(done.stderr),
                    "bytes": isinstance(done.stdout, bytes),
                    "rc": done.returncode,
                    "how_more": how_more,
                }
            )
        )
        return done


def _text(output: str | bytes | None) -> str | None:
    return output.decode("utf-8", "replace") if isinstance(output, bytes) else output


def report(results: dict[str, Any]) -> None:
    sizes = sorted({int(k.split("@")[1]) for k in results if "@" in k})
    base = results.get("baseline", {})
    print(
        "\nBare python -c pass (median): "
        + "; ".join(f"{k.split(' (')[0]} {v['median_s'] * 1000:.0f} ms" for k, v in base.items())
    )
    head = ["peer", "peer operation", "Kith operation"]
    for n in sizes:
        head += [f"Kith ms {n:,}", f"peer ms {n:,}", f"Kith ÷ peer {n:,}", f"by Python {n:,}"]
        head += [f"Kith CPU ms {n:,}", f"peer CPU ms {n:,}", f"Kith ÷ peer CPU {n:,}"]
    rows = []
    for peer, theirs, ours, note in PAIRS:
        row = [peer, theirs, ours + (f" ({note})" if note else "")]
        for n in sizes:
            k = op(results, f"kith@{n}", ours)
            p = op(results, f"{peer}@{n}", theirs)
            if k is None or p is None:
                row += ["-"] * 7
                continue
            once = " (one run)"
            row += [f"{k[0] * 1000:.0f}" + once * k[2], f"{p[0] * 1000:.0f}" + once * p[2]]
            row.append(f"{k[0] / p[0]:.2f}")
            row.append(f"{k[1] / p[1]:.2f}")
            if k[3] is None or p[3] is None:  # a run saved before CPU time was recorded
                row += ["-"] * 3
                continue
            row += [f"{k[3] * 1000:.0f}", f"{p[3] * 1000:.0f}", f"{k[3] / p[3]:.2f}"]
        rows.append(row)
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * 3 + "---:|" * (len(head) - 3))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    for n in sizes:
        kith = results.get(f"kith@{n}", {})
        first, python = kith.get("first_today_s"), kith_python(results)
        if first is not None and python:
            print(
                f"\nKith at {n:,}: import {kith['load']['seconds']:.1f} s; the first `today` after "
                f"it {first * 1000:.0f} ms ({first / python:.1f}x a bare python start)."
            )


def op(
    results: dict[str, Any], key: str, label: str
) -> tuple[float, float, bool, float | None] | None:
    """An operation's median in seconds, and that median over the bare `python -c pass`
    measured between its runs: tools are timed one after another, so on a busy machine the
    second ratio, of two such multiples, is the steadier comparison. Whether it was timed by
    one run (`once_when_slow`), and its median CPU seconds (`with_cpu`; None in older runs)."""
    found = (results.get(key) or {}).get("cli", {}).get(label)
    if not found or found.get("rc") not in (0, None):
        return None
    once = bool(found.get("timed_once"))
    cpu = found.get("cpu_median_s")
    ratio = float(found["ratio_to_python"])
    return float(found["median_s"]), ratio, once, None if cpu is None else float(cpu)


def kith_python(results: dict[str, Any]) -> float | None:
    for label, figure in results.get("baseline", {}).items():
        if "kith" in label:
            return float(figure["median_s"])
    return None


if __name__ == "__main__":
    main()
