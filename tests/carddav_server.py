"""A real Radicale CardDAV server on loopback for the sync tests and the bench: a free port, a
throw-away storage folder, htpasswd basic auth (so the password really travels), stopped after."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

USER, PASSWORD = "ada", "s3cret-Pa55word-9f1c"
STARTUP_SECONDS = 20.0


class Radicale:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "users").write_text(f"{USER}:{PASSWORD}\n")
        (folder / "config").write_text(
            "[server]\n"
            f"hosts = 127.0.0.1:{self.port}\n"
            "[auth]\n"
            "type = htpasswd\n"
            f"htpasswd_filename = {folder / 'users'}\n"
            "htpasswd_encryption = plain\n"
            "[rights]\n"
            "type = owner_only\n"
            "[storage]\n"
            f"filesystem_folder = {folder / 'collections'}\n"
            "[logging]\n"
            "level = warning\n"
        )

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def book(self) -> str:
        return f"{self.root}{USER}/contacts/"

    def start(self) -> None:
        with (self.folder / "radicale.log").open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "radicale", "--config", str(self.folder / "config")],
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("Radicale did not start")

    def stop(self) -> None:
        """Kill the server at once (as a crash would), and wait for it to be gone."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None

    def make_book(self, name: str = "contacts") -> str:
        """The user's address book (an MKCOL as a phone's first sync would make it), or another
        of theirs by that name; its URL."""
        import httpx

        body = (
            '<?xml version="1.0"?><D:mkcol xmlns:D="DAV:" '
            'xmlns:C="urn:ietf:params:xml:ns:carddav"><D:set><D:prop><D:resourcetype>'
            "<D:collection/><C:addressbook/></D:resourcetype><D:displayname>Contacts"
            "</D:displayname></D:prop></D:set></D:mkcol>"
        )
        with httpx.Client(auth=(USER, PASSWORD)) as client:
            url = f"{self.root}{USER}/{name}/"
            answer = client.request("MKCOL", url, content=body)
            assert answer.status_code == 201, answer.text
        return url


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
