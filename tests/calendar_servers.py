"""Calendars on loopback for the subscription tests and bench: Radicale (CalDAV, a login) in a
process of its own, and a plain HTTP server in a thread for .ics URLs."""

from __future__ import annotations

import base64
import functools
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.dovecot_server import free_port

CAL_USER = "ada"
CAL_PASSWORD = "cal-pw-91d0e4b7-never-shown"  # a test greps every output and the file for it

_CONFIG = """\
[server]
hosts = 127.0.0.1:{port}
[auth]
type = htpasswd
htpasswd_filename = {dir}/users
htpasswd_encryption = plain
delay = 0
[storage]
filesystem_folder = {dir}/collections
[rights]
type = owner_only
[logging]
level = warning
"""


class Radicale:
    """One CalDAV server with the user ada; `calendar(name, events)` makes a collection."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="kith-radicale-"))
        self.port = free_port()
        (self.dir / "config").write_text(_CONFIG.format(port=self.port, dir=self.dir))
        (self.dir / "users").write_text(f"{CAL_USER}:{CAL_PASSWORD}\n")
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(self.dir / "config")],
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"radicale did not answer on port {self.port}")

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(10)
        shutil.rmtree(self.dir, ignore_errors=True)

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def calendar(self, name: str, events: dict[str, str]) -> str:
        """A calendar collection holding `events` (resource name → VCALENDAR text); its URL."""
        url = f"{self.root}{CAL_USER}/{name}/"
        self._send(url, "MKCALENDAR", None)
        for resource, text in events.items():
            self._send(url + resource, "PUT", text)
        return url

    def _send(self, url: str, method: str, text: str | None) -> None:
        request = urllib.request.Request(
            url, method=method, data=text.encode() if text is not None else None
        )
        token = base64.b64encode(f"{CAL_USER}:{CAL_PASSWORD}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
        if text is not None:
            request.add_header("Content-Type", "text/calendar; charset=utf-8")
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert answer.status in (200, 201, 204), answer.status


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # a test's output is the command's alone


@contextmanager
def serving(directory: Path) -> Iterator[str]:
    """`directory` over plain HTTP on loopback, in a thread; its base URL."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def event(uid: str, start: str, summary: str, attendees: list[tuple[str, str]]) -> str:
    """One meeting organised by ada@example.org, an hour from `start` (UTC, 20261110T100000Z)."""
    end = start[:9] + f"{int(start[9:11]) + 1:02d}" + start[11:]
    people = "".join(
        f"ATTENDEE;CN={name};PARTSTAT=ACCEPTED:mailto:{address}\r\n" for name, address in attendees
    )
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kith tests//sync//EN\r\n"
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T120000Z\r\nDTSTART:{start}\r\n"
        f"DTEND:{end}\r\nSUMMARY:{summary}\r\n"
        "ORGANIZER;CN=Ada:mailto:ada@example.org\r\n"
        f"{people}END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def together(*texts: str) -> str:
    """Several one-event calendars as one .ics file."""
    inner = "".join(t.split("PRODID:-//Kith tests//sync//EN\r\n", 1)[1] for t in texts)
    inner = inner.replace("END:VCALENDAR\r\n", "")
    head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kith tests//sync//EN\r\n"
    return f"{head}{inner}END:VCALENDAR\r\n"
