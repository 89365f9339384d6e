"""`kith path` asks for an introduction only to someone you have never been in touch with (a new
user's trial: the demo's path to Fiona Formerly, a colleague of five years, drafted "I am hoping
to meet Fiona Formerly" to Santiago)."""

from __future__ import annotations

import json

from tests.conftest import Kith


def test_a_path_to_someone_you_have_been_in_touch_with_drafts_no_introduction(
    kith: Kith,
) -> None:
    kith("add", "Ada Lovelace")
    kith("add", "Grace Hopper")
    kith("log", "Ada", "coffee", "--channel", "coffee", "--when", "2026-11-20")
    kith("log", "Grace", "lunch", "--channel", "coffee", "--when", "2024-11-20")
    kith("knows", "Ada", "Grace", "--well")
    output = kith("path", "Grace").output
    assert "I am hoping to meet" not in output
    assert output.endswith(
        "\nYou have been in touch with Grace Hopper yourself: write to them directly "
        '(`kith draft "Grace Hopper"`) rather than ask for an introduction.\n'
    )
    assert json.loads(kith("path", "Grace", "--json").output)["ask"] is None


def test_a_path_to_a_contact_never_in_touch_still_asks_the_one_who_knows_them(
    kith: Kith,
) -> None:
    kith("add", "Ada Lovelace")
    kith("add", "Grace Hopper")
    kith("log", "Ada", "coffee", "--channel", "coffee", "--when", "2026-11-20")
    kith("knows", "Ada", "Grace", "--well")
    output = kith("path", "Grace").output
    assert "Ask Ada Lovelace first (email):\nSubject: An introduction to Grace Hopper?\n" in output
    assert "I am hoping to meet Grace Hopper, and I believe you know them" in output
