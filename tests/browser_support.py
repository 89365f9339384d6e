"""A real `kith serve` in a subprocess and Debian's chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import NOW_TEXT

START_TIMEOUT = 20.0  # seconds; a cold start imports uvicorn and opens the database
PHONE = {"width": 390, "height": 844}
# sigma.js v4 draws with WebGL 2. Headless chromium without a GPU falls back to SwiftShader
# through its GL path, ~20 s for the demo's 147 nodes here; ANGLE's SwiftShader backend draws
# them in ~1 s. Newer chromium gives software WebGL only when told it is safe to.
WEBGL = ["--use-angle=swiftshader", "--enable-unsafe-swiftshader"]
DESKTOP = {"width": 1280, "height": 900}


@dataclass(frozen=True)
class Server:
    url: str
    said: list[str]  # what `kith serve` printed before it listened


def chromium() -> str:
    found = shutil.which("chromium")
    assert found, "Debian's chromium is missing: make browser installs it"
    return found


def free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(db_path: Path, *extra: str, host: str = "127.0.0.1") -> Iterator[Server]:
    port = free_port(host)
    command = [sys.executable, "-m", "kith", "--db", str(db_path), "--now", NOW_TEXT, "serve"]
    command += ["--host", host, "--port", str(port), *extra]
    env = os.environ | {"PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    try:
        said = _said(process)
        _wait_for(host, port, process)
        yield Server(f"http://{host}:{port}", said)
    finally:
        process.terminate()
        process.wait(10)
        if process.stdout:
            process.stdout.close()


def _said(process: subprocess.Popen[str]) -> list[str]:
    assert process.stdout is not None
    lines: list[str] = []
    while not lines or not lines[-1].startswith("Kith is at "):
        line = process.stdout.readline()
        assert line, f"kith serve stopped: {lines}"
        lines.append(line.rstrip("\n"))
    return lines


def _wait_for(host: str, port: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        assert process.poll() is None, "kith serve stopped"
        try:
            socket.create_connection((host, port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"kith serve did not listen on {host}:{port}")
