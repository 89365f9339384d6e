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
