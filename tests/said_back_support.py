"""What the trials' tests of what a draft says back share: Tom, a contact with an address,
and his check-in as a text message, whose middle each test fills."""

from __future__ import annotations

import pytest

from tests.conftest import Kith

CHECK_IN = (
    "Hi Tom,\nYou came to mind today, so a quick hello. {middle}No need to reply at length; "
    "I hope all is well.\n"
)


@pytest.fixture
def tom(kith: Kith) -> Kith:
    kith("add", "Tom Becker", "--email", "tom@example.org")
    return kith


def check_in(kith: Kith) -> str:
    drafted = kith("draft", "Tom", "--kind", "checkin", "--channel", "message")
    assert drafted.exit_code == 0
    return drafted.stdout


def claim_met_where(kith: Kith, where: str) -> str:
    """Tom's claim note once you say you met him at `where`."""
    assert kith("edit", "Tom", "--met-where", where).exit_code == 0
    claim = kith("draft", "Tom", "--kind", "claim")
    assert claim.exit_code == 0
    return claim.output


def check_in_with_event(kith: Kith, name: str, find: str, day: str = "2026-11-26") -> str:
    """Tom's check-in once he will be at event `name` (found by `find`) on `day`."""
    kith("event", "add", name, "--date", day)
    kith("event", "attend", find, "Tom")
    return check_in(kith)


def log_topic(kith: Kith, said: str) -> str:
    """Log a call with Tom about `said`; what `kith log` said on stderr (why a draft will not
    quote it, or nothing)."""
    logged = kith(
        "log", "Tom", "call", "--channel", "call", "--topic", said, "--when", "2026-11-21"
    )
    assert logged.exit_code == 0
    return logged.stderr


def path_ask(kith: Kith, prospect: str, channel: str = "message") -> str:
    """The ask `kith path` drafts to Grace, who knows `prospect` (someone you want to meet)."""
    kith("add", "Grace Hopper", "--phone", "+447700900003")
    first = prospect.split(maxsplit=1)[0]
    kith("want", prospect)
    kith("knows", "Grace", first)
    asked = kith("path", first, "--channel", channel)
    assert asked.exit_code == 0
    return asked.output.partition("Ask Grace Hopper first")[2]
