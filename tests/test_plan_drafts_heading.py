"""`kith plan --drafts` heads each draft with the channel as the table's "how" column says it
("coffee", "video call"), not the stored name ("in_person")."""

from __future__ import annotations

from tests.conftest import Kith


def test_each_draft_is_headed_with_the_channel_as_the_table_says_it(demo: Kith) -> None:
    headed = []
    for week in ("2026-11-30T10:00", "2026-12-07T10:00", "2026-12-14T10:00", "2026-12-21T10:00"):
        out = demo("--now", week, "plan", "--drafts").output
        headed += [line for line in out.splitlines() if line.endswith(("coffee):", "call):"))]
        assert "in_person):" not in out
        assert "video):" not in out
    assert any(line.endswith(", coffee):") for line in headed)
