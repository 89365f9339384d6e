"""Events and who attended them."""

from __future__ import annotations

import json

from tests.conftest import Kith


def test_an_event_is_added_attended_and_listed(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    kith("add", "Grace Hopper")
    assert (
        kith("event", "add", "PyCon 2026", "--date", "2026-05-14", "--place", "Pittsburgh").output
        == "Added event PyCon 2026 on 2026-05-14 (#1).\n"
    )
    assert kith("event", "attend", "pycon", "Ada", "Grace").output == (
        "PyCon 2026: Ada Lovelace, Grace Hopper\n"
    )
    assert kith("event", "list").output == (
        "id  date        name        place       attendees\n"
        "1   2026-05-14  PyCon 2026  Pittsburgh  2\n"
    )
    assert "  event: PyCon 2026 (2026-05-14)\n" in kith("show", "Ada").output


def test_an_event_without_a_date_is_today(kith: Kith) -> None:
    event = json.loads(kith("event", "add", "Dinner", "--json").output)["event"]
    assert (event["name"], event["date"], event["attendees"]) == ("Dinner", "2026-11-22", [])


def test_attending_an_unknown_event_exits_3(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    result = kith("event", "attend", "Nowhere Conf", "Ada")
    assert (result.exit_code, result.stderr) == (
        3,
        "Error: No event called 'Nowhere Conf'; `kith event list` shows them, "
        "`kith event add` creates one.\n",
    )


def test_an_ambiguous_event_name_exits_4_with_the_candidates(kith: Kith) -> None:
    kith("add", "Ada Lovelace")
    kith("event", "add", "PyCon 2025", "--date", "2025-05-14")
    kith("event", "add", "PyCon 2026", "--date", "2026-05-14")
    result = kith("event", "attend", "PyCon", "Ada")
    assert (result.exit_code, result.stderr) == (
        4,
        "Error: 'PyCon' matches 2 events; say which with #ID.\n"
        "  #2  PyCon 2026 (2026-05-14)\n  #1  PyCon 2025 (2025-05-14)\n",
    )
