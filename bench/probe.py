"""One child process timed with what explains its time: wall and CPU (user, system), context
switches, blocks read and written, the CPU it ended on and how long it waited for one (its
schedstat run delay), and the machine's steal and other work while it ran (/proc/stat).

The child is waited for without being reaped first (waitid WNOWAIT), so that its /proc entry
is still there to read; then reaped with wait4 for its rusage. Linux only; on another system the
/proc fields are None and the rest still holds.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")  # /proc/stat counts in these (10 ms)


@dataclass(frozen=True)
class Machine:
    """/proc/stat's CPU counters (ms, all CPUs summed) and the dirty and writeback pages."""

    busy_ms: float  # user, nice, system, irq, softirq
    steal_ms: float
    iowait_ms: float
    dirty_kb: int
    writeback_kb: int
    load: float  # the one-minute load average

    @staticmethod
    def now() -> Machine:
        try:
            fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
            memory = {
                line.split(":")[0]: int(line.split()[1])
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith(("Dirty:", "Writeback:"))
            }
            load = float(Path("/proc/loadavg").read_text().split()[0])
        except OSError:
            return Machine(0.0, 0.0, 0.0, 0, 0, 0.0)
        user, nice, system, _idle, iowait, irq, softirq, steal = fields[:8]
        busy = (user + nice + system + irq + softirq) * TICK_MS
        return Machine(
            busy, steal * TICK_MS, iowait * TICK_MS, memory["Dirty"], memory["Writeback"], load
        )


@dataclass(frozen=True)
class Probe:
    wall_ms: float
    user_ms: float
    system_ms: float
    rss_mb: float
    voluntary: int  # context switches: waits (I/O, a lock, a sleep)
    involuntary: int  # preempted: another process took the CPU
    blocks_in: int  # 512-byte blocks read from the disk (not the page cache)
    blocks_out: int  # written (dirty pages this process caused to be written, fsyncs)
    faults: int  # minor page faults (pages mapped from the page cache or zeroed)
    cpu: int | None  # the CPU the child last ran on
    run_delay_ms: float | None  # the main thread's time runnable but waiting for a CPU
    parent_delay_ms: float | None  # this process's, while it started the child and waited
    steal_ms: float  # the hypervisor's steal on all CPUs while it ran
    others_ms: float  # CPU time of everything else on the machine while it ran
    iowait_ms: float
    dirty_kb: int  # dirty pages before it started
    writeback_kb: int
    load: float

    @property
    def cpu_ms(self) -> float:
        """user + system: what a shared machine's load moves least."""
        return self.user_ms + self.system_ms


def run_probed(argv: list[str], env: dict[str, str]) -> Probe:
    """Run `argv` with `env`, its output discarded (read to the end), and probe it; exit with
    its error if it fails."""
    with tempfile.TemporaryFile() as errors:
        before = Machine.now()
        waited = _run_delay("self")
        started = time.perf_counter()
        child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=errors, env=env)
        assert child.stdout is not None
        child.stdout.read()
        os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)
        elapsed = (time.perf_counter() - started) * 1000
        parent = _run_delay("self")
        after = Machine.now()
        cpu, delay = _scheduled(child.pid)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        child.stdout.close()
        if child.returncode != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(argv)} failed ({child.returncode}): {errors.read().decode()}")
    user, system = usage.ru_utime * 1000, usage.ru_stime * 1000
    return Probe(
        wall_ms=elapsed,
        user_ms=user,
        system_ms=system,
        rss_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
        voluntary=usage.ru_nvcsw,
        involuntary=usage.ru_nivcsw,
        blocks_in=usage.ru_inblock,
        blocks_out=usage.ru_oublock,
        faults=usage.ru_minflt,
        cpu=cpu,
        run_delay_ms=delay,
        parent_delay_ms=None if parent is None or waited is None else parent - waited,
        steal_ms=after.steal_ms - before.steal_ms,
        others_ms=max(0.0, after.busy_ms - before.busy_ms - user - system),
        iowait_ms=after.iowait_ms - before.iowait_ms,
        dirty_kb=before.dirty_kb,
        writeback_kb=before.writeback_kb,
        load=before.load,
    )


def _scheduled(pid: int) -> tuple[int | None, float | None]:
    """The CPU an exited, unreaped child last ran on and its main thread's run delay (ms)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None, None
    processor = int(stat.rsplit(")", 1)[1].split()[36])  # field 39; 37th after the name
    return processor, _run_delay(str(pid))


def _run_delay(pid: str) -> float | None:
    """A process's main thread's time spent runnable, waiting for a CPU (ms; schedstat)."""
    try:
        fields = Path(f"/proc/{pid}/schedstat").read_text().split()
    except OSError:
        return None
    return int(fields[1]) / 1e6 if len(fields) > 1 else None


def settle(seconds: float) -> None:
    """The dirty pages written to the disk (sync), then `seconds` of quiet: the state before
    each timed child, bare start and command alike."""
    os.sync()
    time.sleep(seconds)


SETTLE_S = 0.5  # after `sync`, before a timed child (bare start and command alike)


@dataclass(frozen=True)
class Beside:
    """A command's run and the bare starts (`python -c pass`) right before and after it."""

    command: Probe
    bare: tuple[Probe, Probe]


def beside(argv: list[str], env: dict[str, str], watched: Path) -> Beside:
    """`argv` timed between two bare starts of this interpreter, all three with `env`, each
    after every process naming `watched` has ended (a preparation left in the background) and a
    settle: the bare start meets what the command meets."""
    bare = [sys.executable, "-c", "pass"]
    detached_ended(watched)
    settle(SETTLE_S)
    before = run_probed(bare, env)
    command = run_probed(argv, env)
    detached_ended(watched)
    settle(SETTLE_S)
    after = run_probed(bare, env)
    return Beside(command, (before, after))


def detached_ended(copy: Path, patience: float = 600.0) -> None:
    """Until no process but this one names `copy` on its command line (the preparation a
    command left in the background keeps the command's)."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        running = False
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit() or int(proc.name) == os.getpid():
                continue
            try:
                line = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            running = running or str(copy).encode() in line
        if not running:
            return
        time.sleep(0.05)
    raise RuntimeError("the preparation in the background did not end")
