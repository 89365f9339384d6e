"""A throw-away Dovecot IMAP server on a loopback port, for the IMAP sync tests and bench.

Debian's dovecot-imapd (scripts/dovecot.sh installs it) started as `dovecot -F -c CONF` with a
configuration, a passwd-file user and Maildir storage all in one temporary directory, in a
session of its own, so that `kill` takes the master and every imap process with it (a dropped
connection). As root the mail processes run as `nobody`, which owns the directory; otherwise
everything runs as the current user.
"""

from __future__ import annotations

import contextlib
import grp
import imaplib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from kith.services.sync import imap
from kith.store import Store
from kith.store.sync.sources import SyncSource

USER = "ada@example.org"
PASSWORD = "imap-pw-7f3c2a9e-never-shown"  # a test greps every output and the file for it
DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"

_CONFIG = """\
base_dir = {dir}/run
state_dir = {dir}/state
log_path = {dir}/dovecot.log
info_log_path = {dir}/dovecot.log
listen = 127.0.0.1
protocols = imap
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{dir}/mail/%n
first_valid_uid = {uid}
last_valid_uid = 0
first_valid_gid = {gid}
default_internal_user = {internal}
default_internal_group = {internal_group}
default_login_user = {login}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {dir}/passwd
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {dir}/passwd
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
  mailbox Drafts {{
    special_use = \\Drafts
    auto = subscribe
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Dovecot:
    """One server: `start`, `stop` (a kill, as a crash would), `start` again on the same mail."""

    def __init__(self, tls: bool = False) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="kith-dovecot-"))
        self.port = free_port()
        self.tls_port = free_port() if tls else 0
        self.certificate = self.dir / "cert.pem"  # a self-signed one, made when tls is asked
        self.process: subprocess.Popen[bytes] | None = None
        root = os.getuid() == 0
        mail_user = pwd.getpwnam("nobody") if root else pwd.getpwuid(os.getuid())
        self.uid, self.gid = mail_user.pw_uid, mail_user.pw_gid
        me = pwd.getpwuid(os.getuid()).pw_name
        values = {
            "dir": self.dir,
            "port": self.port,
            "uid": self.uid,
            "gid": self.gid,
            "internal": "dovecot" if root else me,
            "internal_group": "dovecot" if root else grp.getgrgid(os.getgid()).gr_name,
            "login": "dovenull" if root else me,
            "tls_port": self.tls_port,
            "ssl": f"ssl = yes\nssl_cert = <{self.certificate}\nssl_key = <{self.dir}/key.pem"
            if tls
            else "ssl = no",
        }
        if tls:
            self._make_certificate()
        (self.dir / "dovecot.conf").write_text(_CONFIG.format(**values))
        home = self.dir / "home"
        (self.dir / "passwd").write_text(
            f"{USER}:{{PLAIN}}{PASSWORD}:{self.uid}:{self.gid}::{home}::\n"
        )
        for sub in ("mail", "home", "state", "run"):
            (self.dir / sub).mkdir()
        if root:
            self.dir.chmod(0o755)
            for sub in ("mail", "home"):
                os.chown(self.dir / sub, self.uid, self.gid)

    def _make_certificate(self) -> None:
        subprocess.run(
            [
                *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
                *("-keyout", str(self.dir / "key.pem"), "-out", str(self.certificate)),
                *("-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"),
            ],
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.dir / "dovecot.conf")],
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"dovecot stopped at start: {self.log()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as probe:
                    if probe.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"dovecot did not answer on port {self.port}: {self.log()}")

    def kill(self) -> None:
        """Every process of the server, at once: open connections drop."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        self.process = None
        for stale in (self.dir / "run").iterdir():  # the master's pid file and sockets
            if stale.is_file() or stale.is_socket():
                stale.unlink()

    def pause(self, paused: bool = True) -> None:
        """Stop (or continue) every process of the server: connections stay open, unanswered."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGSTOP if paused else signal.SIGCONT)

    def close(self) -> None:
        self.kill()
        shutil.rmtree(self.dir, ignore_errors=True)

    def log(self) -> str:
        path = self.dir / "dovecot.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def configured(self, store: Store, now: datetime) -> SyncSource:
        """The source `imap` of `store`, configured for this server (plain, on loopback)."""
        return imap.configure(
            store,
            host="127.0.0.1",
            user=USER,
            port=self.port,
            security="plain-on-loopback",
            folders=[],
            me=[],
            now=now,
        )

    def client(self) -> imaplib.IMAP4:
        client = imaplib.IMAP4("127.0.0.1", self.port, timeout=30)
        client.login(USER, PASSWORD)
        return client

    def append(self, folder: str, messages: Iterable[bytes]) -> int:
        """APPEND each message to `folder` (made if missing); how many."""
        client = self.client()
        try:
            client.create(folder)  # refused when it exists: fine
            count = 0
            for message in messages:
                status, data = client.append(folder, None, None, message)
                assert status == "OK", data
                count += 1
            return count
        finally:
            client.logout()

    def recreate(self, folder: str, messages: Iterable[bytes]) -> None:
        """Delete `folder` and make it again with `messages`: a new UIDVALIDITY."""
        client = self.client()
        try:
            client.delete(folder)
        finally:
            client.logout()
        self.append(folder, messages)


def message(
    sender: str, to: str, subject: str, at: str, msgid: str, cc: str = "", extra: str = ""
) -> bytes:
    """One plain message, as a mail client would APPEND it."""
    lines = [
        f"From: {sender}",
        f"To: {to}",
        *([f"Cc: {cc}"] if cc else []),
        f"Subject: {subject}",
        f"Date: {at}",
        f"Message-ID: <{msgid}>",
        *([extra] if extra else []),
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "",
        f"About {subject}.",
        "",
    ]
    return "\r\n".join(lines).encode()


def conversations(count: int, contacts: int, *, seed: str = "m") -> dict[str, list[bytes]]:
    """`count` messages between ada@example.org and `contacts` people, by folder: of each
    contact's, every third written by Ada (Sent), the rest to her (INBOX); some with a
    co-recipient on Cc, every tenth from a mailing list."""
    inbox: list[bytes] = []
    sent: list[bytes] = []
    for i in range(count):
        k = i % contacts
        person = f"Contact {k} <c{k}@people.example>"
        other = f"c{(k + 1) % contacts}@people.example"
        day, hour = 1 + (i // 24) % 28, i % 24
        month = 1 + (i // (24 * 28)) % 12
        at = f"{day} {_MONTHS[month - 1]} 2026 {hour:02d}:{i % 60:02d}:00 +0000"
        subject, msgid = f"Note {i}", f"{seed}{i}@mail.example"
        cc = other if i % 7 == 0 else ""
        if i % 10 == 9:
            inbox.append(
                message(
                    "Lists <news@lists.example>",
                    USER,
                    subject,
                    at,
                    msgid,
                    extra="List-Id: <news.lists.example>",
                )
            )
        elif (i // contacts) % 3 == 0:
            sent.append(message(f"Ada <{USER}>", person, subject, at, msgid, cc))
        else:
            inbox.append(message(person, f"Ada <{USER}>", subject, at, msgid, cc))
    return {"INBOX": inbox, "Sent": sent}


def as_mbox(messages: Iterable[bytes]) -> bytes:
    """The messages as one mbox file (mboxrd: body `From ` lines quoted)."""
    out = []
    for raw in messages:
        body = raw.replace(b"\r\n", b"\n").replace(b"\nFrom ", b"\n>From ")
        out.append(b"From sender@example.org Mon Jan  5 10:00:00 2026\n" + body + b"\n")
    return b"".join(out)


_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
