"""Raw HTTP to a real `kith serve` (reliability/web.py): http.client, so that a path is sent as
written (`..`, `%2e%2e`, `%00` reach the server untouched), any header can be forged, and a
request can come from any loopback address (127.0.0.0/8: the failed-token limit is per client
address); the server itself as a subprocess with its own environment."""

from __future__ import annotations

import http.client
import os
import re
import secrets
import subprocess
import sys
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from reliability._kith import NOW, free_port, kill

CSRF = re.compile(r'name="csrf" value="([0-9a-f]{64})"')
FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]  # lower-cased names; Set-Cookie's values joined by "\n"
    body: str

    @property
    def html(self) -> bool:
        return self.headers.get("content-type", "").startswith("text/html")


def send(
    port: int,
    method: str,
    path: str,
    headers: Mapping[str, str] | None = None,
    body: bytes = b"",
    source: str = "127.0.0.1",
    to: str = "127.0.0.1",
    host: str | None = None,
) -> Answer:
    """One request on a connection of its own, from `source`, to `to`; Host is `to:port`
    unless `host` forges another."""
    connection = http.client.HTTPConnection(to, port, timeout=60, source_address=(source, 0))
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host if host is not None else f"{to}:{port}")
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        if body or method not in ("GET", "HEAD", "OPTIONS"):
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body or None)
        answer = connection.getresponse()
        data = answer.read()
        said: dict[str, str] = {}
        for name, value in answer.getheaders():
            key = name.lower()
            said[key] = f"{said[key]}\n{value}" if key in said else value
        return Answer(answer.status, said, data.decode("utf-8", errors="replace"))
    finally:
        connection.close()


def multipart(fields: Mapping[str, str], filename: str, content: bytes) -> tuple[str, bytes]:
    """A form with one file, built by hand: the file's name goes out byte for byte (a NUL, a
    backslash, `../`), as a hostile client would send it."""
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    )
    parts.append(head.encode("utf-8", errors="surrogateescape") + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", b"".join(parts)


@dataclass
class Session:
    """A browser's session with the loopback server: its cookie and its form token."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    csrf: str = ""

    def open(self) -> Session:
        page = self.request("GET", "/log")
        found = CSRF.search(page.body)
        if found is None:
            raise RuntimeError(f"no form token on /log ({page.status})")
        self.csrf = found.group(1)
        return self

    def cookie(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}

    def request(
        self,
        method: str,
        path: str,
        headers: Mapping[str, str] | None = None,
        body: bytes = b"",
    ) -> Answer:
        sent = {**(self.cookie() if self.cookies else {}), **(headers or {})}
        answer = send(self.port, method, path, sent, body)
        for line in answer.headers.get("set-cookie", "").split("\n"):
            name, _, rest = line.partition("=")
            if name.strip() and rest:
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return answer


class Serve:
    """`python -m kith --db DB serve --host HOST --port PORT` in a process of its own, with its
    temporary files and data directory (the user's draft templates) where the proof says."""

    def __init__(self, db: Path, host: str, env: Mapping[str, str], now: str = NOW) -> None:
        self.port = free_port()
        self.host = host
        command = [sys.executable, "-m", "kith", "--db", str(db), "--now", now, "serve"]
        command += ["--host", host, "--port", str(self.port)]
        self.log = db.parent / f"serve-{self.port}.log"
        with self.log.open("wb") as out:
            self.child = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                env={**os.environ, **env},
            )

    def ready(self, timeout: float = 90.0) -> Serve:
        deadline = time.monotonic() + timeout
        while True:
            try:
                send(self.port, "GET", "/static/app.js")
                return self
            except OSError:
                if self.child.poll() is not None or time.monotonic() > deadline:
                    said = self.log.read_text(errors="replace")[-600:]
                    raise RuntimeError(f"kith serve did not start: {said}") from None
                time.sleep(0.1)

    def stop(self) -> None:
        """SIGTERM, so the app closes (its upload folder removed), as Ctrl-C would."""
        if self.child.poll() is None:
            self.child.terminate()
            try:
                self.child.wait(timeout=20)
            except subprocess.TimeoutExpired:
                kill(self.child)

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def wrong_token() -> str:
    return secrets.token_urlsafe(32)
