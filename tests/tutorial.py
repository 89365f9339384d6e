"""Keep docs/tutorial.md true: run its ```console blocks on one fresh demo and compare outputs.

Every ```console block holds `$ kith ...` lines, each followed by the output the user sees
(stdout and stderr as a terminal interleaves them). The blocks run in order, in-process, on ONE
demo built with the clock fixed at NOW_TEXT, so state carries from block to block: a follow-up
made in one block is listed in the next. `--demo` means what it means for a user: the demo.db
in Kith's data folder, here a temporary one; a command without `--demo` uses the default
kith.db beside it. `~` is a temporary home, shown as /home/you; `| head -N` and `| tail -N`
are the only shell pipes understood.

    python -m tests.tutorial            # exit 1 with a diff when an output is stale
    python -m tests.tutorial --write    # rewrite every output in docs/tutorial.md in place

tests/test_tutorial.py runs the same check as part of the suite.
"""

from __future__ import annotations

import difflib
import os
import shlex
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from kith.cli.main import cli
from tests.tutorial_sync_mail import Served, calendar_server, imap_server

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "tutorial.md"
NOW_TEXT = "2026-11-22T10:00:00+00:00"
OPEN = "```console"
CLOSE = "```"
PROMPT = "$ "
SHOWN_HOME = "/home/you"
HOME_FILES = ROOT / "tests" / "fixtures" / "tutorial"  # what the user's ~ holds at the start
# Servers a section's commands talk to, each started (on loopback) before the first command
# that begins with its key, and stopped when the run ends; each sync kind adds its own line.
SERVERS: dict[str, Callable[[Path], AbstractContextManager[Served]]] = {
    "kith --demo sync imap": imap_server,
    "kith --demo sync calendar": calendar_server,
}


@dataclass(frozen=True)
class Step:
    """One `$ kith ...` line and the output written under it."""

    command: str
    output: tuple[str, ...]


@dataclass(frozen=True)
class Block:
    """A ```console block: its steps, and where its body sits in the page's lines."""

    first: int  # index of the first line after the opening fence
    end: int  # index of the closing fence
    steps: tuple[Step, ...]


def console_blocks(lines: list[str]) -> list[Block]:
    """Every ```console block of the page, in order."""
    found = []
    index = 0
    while index < len(lines):
        if lines[index].strip() == OPEN:
            end = lines.index(CLOSE, index + 1)
            found.append(Block(index + 1, end, _steps(lines[index + 1 : end], index + 2)))
            index = end
        index += 1
    return found


def _steps(body: list[str], line_number: int) -> tuple[Step, ...]:
    if body and not body[0].startswith(PROMPT):
        raise ValueError(f"tutorial line {line_number}: a console block starts with `$ kith`")
    steps: list[Step] = []
    for line in body:
        if line.startswith(PROMPT):
            steps.append(Step(line[len(PROMPT) :], ()))
        else:
            steps[-1] = Step(steps[-1].command, (*steps[-1].output, line))
    return tuple(steps)


class Session:
    """One fresh data folder and home, a demo built in it, and the commands run on it."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.home = workdir / "home"
        shutil.copytree(HOME_FILES, self.home)  # the files the page imports from ~
        self.env: dict[str, str | None] = {
            "XDG_DATA_HOME": str(workdir / "data"),
            "HOME": str(self.home),
            "KITH_DB": None,
            "KITH_NOW": None,
        }
        self.servers = ExitStack()
        self.started: set[str] = set()
        self.shown: dict[str, str] = {}  # as the page says it → as it is on this run

    def close(self) -> None:
        self.servers.close()

    def _serve(self, command: str) -> None:
        for prefix, server in SERVERS.items():
            if command.startswith(prefix) and prefix not in self.started:
                self.started.add(prefix)
                served = self.servers.enter_context(server(self.workdir))
                self.env.update(served.env)
                self.shown.update(served.shown)

    def build_demo(self) -> None:
        self.run("kith --demo demo")

    def run(self, command: str) -> str:
        """The output of one command line, as the tutorial shows it."""
        kith, *pipes = _pipeline(command)
        if kith[:1] != ["kith"]:
            raise ValueError(f"not a kith command: {command}")
        self._serve(command)
        args = ["--now", NOW_TEXT, *(self._expand(arg) for arg in kith[1:])]
        result = CliRunner().invoke(cli, args, env=self.env, catch_exceptions=False)
        output = result.output.replace(str(self.home), SHOWN_HOME)
        for shown, real in self.shown.items():
            output = output.replace(real, shown)
        lines = output.splitlines()
        for pipe in pipes:
            lines = _filter(pipe)(lines)
        return "\n".join(lines)

    def _expand(self, arg: str) -> str:
        for shown, real in self.shown.items():
            arg = real if arg == shown else arg
        return str(self.home) + arg[1:] if arg == "~" or arg.startswith("~/") else arg


def _pipeline(command: str) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    lexer = shlex.shlex(command, posix=True, punctuation_chars="|")
    lexer.whitespace_split = True
    for token in lexer:
        if token == "|":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _filter(pipe: list[str]) -> Callable[[list[str]], list[str]]:
    """`head -N` or `tail -N` (or with `-n N`)."""
    name, *count = pipe
    text = "".join(count).removeprefix("-").removeprefix("n")
    if name not in ("head", "tail") or not text.isdigit():
        raise ValueError(f"only `| head -N` and `| tail -N` are understood, not `{' '.join(pipe)}`")
    n = int(text)
    if name == "head":
        return lambda lines: lines[:n]
    return lambda lines: lines[-n:] if n else []


def outputs(session: Session, blocks: list[Block]) -> list[tuple[Step, ...]]:
    """Each block's steps with the output they print now, block after block on one session."""
    return [
        tuple(
            Step(step.command, tuple(session.run(step.command).splitlines()))
            for step in block.steps
        )
        for block in blocks
    ]


def rewritten(lines: list[str], blocks: list[Block], actual: list[tuple[Step, ...]]) -> str:
    """The page with each console block's body replaced by the steps and outputs given."""
    out: list[str] = []
    done = 0
    for block, steps in zip(blocks, actual, strict=True):
        out += lines[done : block.first]
        for step in steps:
            out += [PROMPT + step.command, *step.output]
        done = block.end
    out += lines[done:]
    return "\n".join(out) + "\n"


def regenerate(workdir: Path, page: str) -> tuple[list[Block], list[tuple[Step, ...]], str]:
    """The page's blocks, what they print on a fresh demo, and the page rewritten with that."""
    lines = page.splitlines()
    blocks = console_blocks(lines)
    session = Session(workdir)
    try:
        session.build_demo()
        actual = outputs(session, blocks)
    finally:
        session.close()
    return blocks, actual, rewritten(lines, blocks, actual)


def main(argv: list[str]) -> int:
    os.environ["TZ"] = "UTC"  # the demo's dates are read in the system zone: fix it
    time.tzset()
    page = DOC.read_text("utf-8")
    with tempfile.TemporaryDirectory() as workdir:
        _, _, new = regenerate(Path(workdir), page)
    if "--write" in argv:
        DOC.write_text(new, "utf-8")
        print(f"Rewrote {DOC.relative_to(ROOT)}." if new != page else "Already up to date.")
        return 0
    diff = difflib.unified_diff(page.splitlines(), new.splitlines(), "written", "now", lineterm="")
    shown = "\n".join(diff)
    print(shown or "docs/tutorial.md is up to date.")
    return 1 if shown else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
