"""IMAP auto-logging: each chosen folder's new headers, by UIDVALIDITY and UID, through the mail
importer's rules.

A folder is read in batches of `BATCH` UIDs; each batch is fetched (headers only, never a body,
never marking anything read), then planned and written in one short transaction together with
the folder's new last UID, so a connection dropped between or during batches leaves everything
before it applied and recorded, and the next run starts after it. A folder whose UIDVALIDITY
changed is read again from its first UID: interactions are keyed by Message-ID (`mail.ORIGIN`,
the id space every mail source shares), so nothing is counted twice, neither here nor against
an mbox or Maildir import of the same mail. One sync run is one import run (`kith undo` takes
it back), finished again after every batch.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kith.clock import to_utc_text
from kith.errors import UserError
from kith.records import Record
from kith.services import sync
from kith.services.importing.mail_plan import MailPlanner
from kith.services.imports import ImportReport, my_identities
from kith.services.sync import secrets
from kith.services.sync.imap_batch import Batches
from kith.services.sync.imap_client import (
    SECURITIES,
    TIMEOUT,
    Mailbox,
    Server,
    connected,
    loopback,
)
from kith.services.sync.imap_names import decoded, encoded
from kith.sources import mail
from kith.store import Store
from kith.store.sync.sources import SyncSource

KIND = "imap"
NAME = "imap"
BATCH = 1_000  # UIDs fetched and applied together
PORTS = {"ssl": 993, "starttls": 143, "plain-on-loopback": 143}
INBOX = "INBOX"
SENT_FLAG = "\\sent"


@dataclass
class Tally:
    """What one run did, for `kith sync status` (its summary) and the progress lines."""

    report: ImportReport
    read: int = 0
    folders_reread: int = 0
    notes: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        report = self.report
        return {
            "messages_read": self.read,
            "people_created": report.created["person"],
            "interactions_created": report.created["interaction"],
            "interactions_joined": report.updated["interaction"],
            "already_logged": report.unchanged["interaction"],
            "one_way": report.accounted["one_way"],
            "ignored": sum(report.ignored.values()),
            "skipped": len(report.skipped),
            "folders_read_again": self.folders_reread,
        }


def prepare(
    store: Store,
    *,
    host: str | None,
    user: str | None,
    port: int | None,
    security: str | None,
    folders: Sequence[str],
    me: Sequence[str],
    now: datetime,
) -> SyncSource:
    """The IMAP source: configured anew when a host is given, else the saved one (with the
    folders and addresses given, if any, replacing its own)."""
    saved = store.sync.source(NAME)
    if host is None and saved is None:
        raise UserError(
            "No IMAP mailbox configured yet: give --host HOST --user NAME "
            "(and --ssl, --starttls or --plain-on-loopback)."
        )
    if host is None and saved is not None:
        if not folders and not me:
            return saved
        config = saved.config
        host, user, port = config["host"], config["user"], config["port"]
        security = config["security"]
        folders = folders or [decoded(f) for f in config.get("folders", [])]
        me = me or config.get("me", [])
    if not user:
        raise UserError("Give --user NAME: the IMAP login (often your e-mail address).")
    assert host is not None
    return configure(
        store,
        host=host,
        user=user,
        port=port,
        security=security or "ssl",
        folders=folders,
        me=me,
        now=now,
    )


def configure(
    store: Store,
    *,
    host: str,
    user: str,
    port: int | None,
    security: str,
    folders: Sequence[str],
    me: Sequence[str],
    now: datetime,
) -> SyncSource:
    """Save the IMAP source's configuration (never its password)."""
    if security not in SECURITIES:
        raise UserError(f"Choose one of --ssl, --starttls or --plain-on-loopback, not {security}.")
    if security == "plain-on-loopback" and not loopback(host):
        raise UserError(
            f"{host} is not this machine: a password may cross the network only encrypted. "
            "Use --ssl (port 993) or --starttls (port 143)."
        )
    config = {
        "host": host,
        "port": port or PORTS[security],
        "user": user,
        "security": security,
        "folders": [encoded(f) for f in folders],
        "me": list(me),
    }
    saved = store.sync.source(NAME)
    if saved is not None and _mailbox(saved.config) != _mailbox(config):
        with store.transaction():  # another mailbox: where the old one stood means nothing
            store.mail_sync.forget(NAME)
    return sync.configure(store, NAME, KIND, config, now)


def _mailbox(config: dict[str, Any]) -> tuple[str, str]:
    """Which mailbox a configuration names (another port or security is the same one)."""
    return (str(config["host"]).lower(), str(config["user"]))


def run(store: Store, source: SyncSource, context: sync.RunContext) -> dict[str, Any]:
    """The runner for `kith sync` (sync.RUNNERS["imap"])."""
    config = source.config
    server = Server(config["host"], int(config["port"]), config["user"], config["security"])
    me_given = config.get("me") or ([server.user] if "@" in server.user else [])
    me = my_identities(store, me_given)
    if not me:
        raise UserError(
            "Kith needs to know which side of the mail is you: give --me ADDRESS to "
            "`kith sync imap`, or `kith config set me.emails you@example.org`."
        )
    password = secrets.password(KIND, server.user)
    assert password is not None
    tally = Tally(ImportReport(KIND, f"imap://{server.label}", context.dry_run))
    batches = Batches(store, source.name, tally.report, me, context.now)
    now = to_utc_text(context.now)
    planner = MailPlanner(store, me, KIND, tally.report.path, now)  # a dry run's, across batches
    timeout = float(context.options.get("timeout") or TIMEOUT)
    with connected(server, password, timeout) as box:
        for folder in chosen_folders(box, config.get("folders") or []):
            _folder(box, folder, batches, planner, tally, context)
    if context.dry_run:
        batches.report_dry(planner.plan)
    return tally.summary()


def chosen_folders(box: Mailbox, named: Sequence[str]) -> list[str]:
    """The folders given, else the inbox and the folder flagged \\Sent (RFC 6154)."""
    if named:
        return list(named)
    sent = [f.name for f in box.folders() if SENT_FLAG in f.flags and "\\noselect" not in f.flags]
    return [INBOX, *sent[:1]]


def _folder(
    box: Mailbox,
    folder: str,
    batches: Batches,
    planner: MailPlanner,
    tally: Tally,
    context: sync.RunContext,
) -> None:
    examined = box.examine(folder)
    state = batches.state(folder)
    last = 0
    if state is not None and state.uidvalidity == examined.uidvalidity:
        last = state.last_uid
    elif state is not None:
        tally.folders_reread += 1
    if examined.exists == 0 or (examined.uidnext is not None and examined.uidnext <= last + 1):
        _say(context, f"{decoded(folder)}: no new mail")
        return
    uids = box.uids_after(last)
    size = int(context.options.get("batch") or BATCH)
    for start in range(0, len(uids), size):
        chunk = uids[start : start + size]
        records = list(_records(box, folder, chunk))
        tally.read += len(records)
        if context.dry_run:
            planner.run(records)
        else:
            batches.apply(folder, examined.uidvalidity, chunk[-1], records)
        _say(context, f"{decoded(folder)}: {start + len(chunk)} of {len(uids)} new messages")


def _records(box: Mailbox, folder: str, uids: list[int]) -> Iterator[Record]:
    name = decoded(folder)
    for uid, block in box.headers(uids[0], uids[-1]):
        lines = mail.header_lines(block.splitlines(keepends=True))
        yield mail.exchange(lines, f"{name} UID {uid}", 1)


def _say(context: sync.RunContext, line: str) -> None:
    if context.progress is not None:
        context.progress(line)
