"""The week page is remembered between requests and made again as soon as anything is written,
by the web app or by the CLI beside it; the app keeps only the latest results it made."""

from __future__ import annotations

from pathlib import Path

from kith.web.config import REMEMBERED_MOST, Context, WebSettings
from tests.conftest import Kith
from tests.web_support import csrf_of, web_client


def first_pick(page: dict[str, object]) -> dict[str, object]:
    picks = page["picks"]
    assert isinstance(picks, list)
    assert picks
    found: dict[str, object] = picks[0]
    return found


def test_a_pick_done_with_the_cli_shows_as_done_on_the_next_look(demo: Kith, db_path: Path) -> None:
    with web_client(db_path) as client:
        pick = first_pick(client.get("/?format=json").json())
        assert pick["state"] == "open"
        assert demo("done", f"#{pick['id']}").exit_code == 0
        again = client.get("/?format=json").json()
    assert next(p for p in again["picks"] if p["id"] == pick["id"])["state"] == "done"


def test_a_name_changed_with_the_cli_is_in_the_next_draft(demo: Kith, db_path: Path) -> None:
    with web_client(db_path) as client:
        pick = first_pick(client.get("/?format=json").json())
        assert (
            demo("edit", f"#{pick['id']}", "--name", "Zebedee Quill", "--nickname", "Zeb").exit_code
            == 0
        )
        again = first_pick(client.get("/?format=json").json())
    assert again["name"] == "Zebedee Quill"
    assert str(again["draft"]).startswith("Hi Zeb,")


def test_a_pick_skipped_on_the_page_is_skipped_on_the_next_look(demo: Kith, db_path: Path) -> None:
    with web_client(db_path) as client:
        pick = first_pick(client.get("/?format=json").json())
        token = csrf_of(client)
        client.post(f"/picks/{pick['id']}/skip", data={"csrf": token})
        again = client.get("/?format=json").json()
    assert next(p for p in again["picks"] if p["id"] == pick["id"])["state"] == "skipped"


def test_a_reload_with_nothing_written_returns_the_same_page(demo: Kith, db_path: Path) -> None:
    with web_client(db_path) as client:
        first = client.get("/?format=json").json()
        second = client.get("/?format=json").json()
    assert first == second


def test_the_app_keeps_only_the_latest_results_it_made(demo: Kith, db_path: Path) -> None:
    context = Context(db_path, WebSettings())
    try:
        made = [context.remembered(f"person/{k}", lambda k=k: [k]) for k in range(300)]
        assert made[299] == [299]
        kept = [context.remembered(f"person/{k}", lambda: ["made again"]) for k in (0, 299)]
    finally:
        context.close()
    assert kept == [["made again"], [299]]  # the oldest went, the newest stayed
    assert REMEMBERED_MOST == 256
