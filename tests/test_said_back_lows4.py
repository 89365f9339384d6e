"""What Kith writes to people, session 18 (lows4): session 17's leftovers from trial 6 and
lows3."""

from __future__ import annotations

from tests.conftest import Run

NOW = "2026-11-22T18:00:00+00:00"


def test_a_first_name_of_three_hundred_letters_leaves_a_text_message_its_body(run: Run) -> None:
    run(NOW, "config", "set", "me.name", "Sam Rivera")
    run(NOW, "add", "Maximilian" + "a" * 300 + " Smith", "--phone", "+447700900002")
    run(NOW, "log", "Max", "call", "--channel", "call", "--when", "2026-09-01")
    assert run(NOW, "draft", "Max", "--channel", "message").output == (
        "You came to mind today, so a quick hello. No need to reply at length; I hope all is "
        "well.\nSam Rivera\n"
    )
    run(NOW, "add", "Konstantinopolitanos Papadopoulos", "--phone", "+447700900003")
    run(NOW, "log", "Konstantinopolitanos", "call", "--channel", "call", "--when", "2026-09-01")
    assert run(NOW, "draft", "Konstantinopolitanos", "--channel", "message").output.startswith(
        "Hi Konstantinopolitanos,\nYou came to mind today"
    )
