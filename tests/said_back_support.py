"""What the trials' tests of what a draft says back share: Tom, a contact with an address,
and his check-in as a text message, whose middle each test fills."""

from __future__ import annotations

from pathlib import Path

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
        "log", "Tom", "call", "--channel", "call", "--topic", said, "--when", "2026-11-20"
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


# The shipped check-in's comment on $in_touch (session 18), which tests of earlier defaults
# replace with the comment those had.
IN_TOUCH_COMMENT = (
    '# $in_touch: "talk today", "see you today", "be in touch today" when your latest exchange '
    'was\n# today; "talk yesterday", "see you yesterday" after a call or a meeting yesterday.\n'
    '# ($in_touch_today: the same for today only, without the day: "talk", "see you".)\n'
)


def templates_holding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checkin: str) -> Path:
    """The user's templates folder (XDG_DATA_HOME under `tmp_path`) with `checkin` as their
    check-in; its path."""
    folder = tmp_path / "xdg" / "kith" / "templates"
    folder.mkdir(parents=True)
    (folder / "checkin.txt").write_text(checkin)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return folder
