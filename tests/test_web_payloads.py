"""Hostile text, put in through the importers and the services, rendered on every page: it
shows as text, never as markup, a script, a style or a link that runs something."""

from __future__ import annotations

import time
from datetime import UTC
from html.parser import HTMLParser
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from kith.model import PersonDraft
from kith.services import browse, settings
from kith.services.imports import import_file
from kith.services.interactions import LogEntry, log_interaction
from kith.services.mesh import introduce, stored
from kith.services.people import PersonEdit, add_note, add_person, edit_person
from kith.services.week import outreach, plan
from kith.store import open_store
from tests.conftest import NOW, Kith
from tests.web_support import csrf_of, web_client

SCRIPT = '<script>alert("s")</script>'
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
QUOTE = "' onmouseover='alert(2)"
URL = "javascript:alert(3)"
CSS = "<style>body{background:url(//evil.example/c)}</style>"
TEXTAREA = "</textarea><script>alert(4)</script>"
TEMPLATE = "{{ 7*7 }}{% raw %}"
CORPUS = (SCRIPT, ATTRIBUTE, QUOTE, URL, CSS, TEXTAREA, TEMPLATE)
PAGE_SCRIPTS = ["/static/vendor/uPlot.min.js", "/static/person.js"]  # the person page's chart
VCARD = f"""BEGIN:VCARD
VERSION:3.0
FN:Vera {SCRIPT}
N:{SCRIPT};Vera;;;
ORG:{ATTRIBUTE}
TITLE:{CSS}
URL:{URL}
NOTE:{TEXTAREA} {QUOTE}
EMAIL:vera@example.org
END:VCARD
"""


class Markup(HTMLParser):
    """What a page would make a browser do: scripts, styles, handlers and links."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str | None] = []
        self.styles = 0
        self.handlers: list[str] = []
        self.links: list[str] = []
        self.images = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "script":
            self.scripts.append(named.get("src"))
        self.styles += tag == "style" or "style" in named
        self.images += tag == "img"
        self.handlers += [name for name in named if name.startswith("on")]
        if tag == "a" and named.get("href"):
            self.links.append(named["href"] or "")


@pytest.fixture
def hostile(demo: Kith, db_path: Path, tmp_path: Path) -> dict[str, int]:
    """A picked person renamed, noted and logged with the corpus; another added with it; a
    vCard of it imported. Their ids, by what they are."""
    card = tmp_path / "hostile.vcf"
    card.write_text(VCARD, encoding="utf-8")
    store = open_store(db_path)
    try:
        picked = plan.this_week(store, NOW).picks[0].person.id
        edit_person(store, picked, PersonEdit(name=f"Eve {SCRIPT}", company=ATTRIBUTE), NOW)
        add_note(store, picked, " ".join(CORPUS), "note", NOW)
        entry = LogEntry(summary=" ".join(CORPUS), channel="call", topic=QUOTE)
        log_interaction(store, [picked], entry, NOW)
        draft = PersonDraft(name=f"Mallory {ATTRIBUTE}", how_met=" ".join(CORPUS))
        added = add_person(store, draft, NOW).id
        import_file(store, card, kind=None, now=NOW)
        vera = browse.list_people(store, "Vera", NOW).people[0].id
        introduce.step(store, picked, added, "ask", NOW, None, why=" ".join(CORPUS))
        stored.refresh(store, NOW, UTC)  # the report and the board's suggestions, as kept
    finally:
        store.close()
    return {"picked": picked, "added": added, "imported": vera}


@pytest.fixture
def client(hostile: dict[str, int], db_path: Path) -> TestClient:
    with web_client(db_path) as opened:
        return opened


def pages(ids: dict[str, int]) -> list[str]:
    people = [f"/people/{person_id}" for person_id in ids.values()]
    listed = ["/", "/people", "/people?q=Eve", "/people?q=Mallory", "/names?q=Vera", "/claim"]
    sorted_ = ["/people?q=Eve&sort=strength", "/people?sort=due"]
    drafts = [f"/people/{ids['picked']}?kind=reconnect&channel=message"]
    drafts += [f"/people/{ids['picked']}/chart"]
    pages = [*listed, "/settings", "/import", "/import/progress", "/report", "/introductions"]
    pages += ["/network", "/api/docs"]
    return [*pages, *people, *sorted_, *drafts]


def assert_inert(html: str) -> None:
    found = Markup()
    found.feed(html)
    own = ["/static/vendor/htmx.min.js", "/static/app.js"]
    charts = ["/static/vendor/uPlot.min.js", "/static/report.js"]
    drawn = [
        "/static/vendor/graphology.min.js",
        "/static/vendor/sigma.min.js",
        "/static/network.js",
    ]
    assert found.scripts in ([], own, own + charts, own + drawn, own + PAGE_SCRIPTS)
    assert (found.styles, found.images, found.handlers) == (0, 0, [])
    for link in found.links:
        assert link.startswith(("/", "#", "mailto:", "https://", "http://")), link


def test_the_corpus_is_on_the_pages_as_text(client: TestClient, hostile: dict[str, int]) -> None:
    person = client.get(f"/people/{hostile['picked']}").text
    assert "<h1>Eve &lt;script&gt;alert(&#34;s&#34;)&lt;/script&gt;</h1>" in person
    assert "&lt;/textarea&gt;&lt;script&gt;alert(4)&lt;/script&gt;" in person
    assert "{{ 7*7 }}{% raw %}" in person
    week = client.get("/").text
    assert "Eve &lt;script&gt;alert(&#34;s&#34;)&lt;/script&gt;" in week


@pytest.mark.parametrize("index", range(len(pages({"picked": 1, "added": 2, "imported": 3}))))
def test_every_page_renders_the_corpus_inert(
    client: TestClient, hostile: dict[str, int], index: int
) -> None:
    path = pages(hostile)[index]
    answer = client.get(path)
    assert answer.status_code == 200, path
    assert_inert(answer.text)


def test_the_quick_logs_answer_renders_the_corpus_inert(
    client: TestClient, hostile: dict[str, int]
) -> None:
    form = {"csrf": csrf_of(client), "who": f"#{hostile['added']}", "what": " ".join(CORPUS)}
    answer = client.post("/log", data=form)
    assert answer.status_code == 200
    assert "Logged: &lt;script&gt;alert(&#34;s&#34;)&lt;/script&gt;" in answer.text
    assert_inert(answer.text)


def test_the_json_twins_return_the_corpus_unchanged(
    client: TestClient, hostile: dict[str, int]
) -> None:
    twin = client.get(f"/people/{hostile['added']}?format=json").json()
    assert twin["person"]["name"] == f"Mallory {ATTRIBUTE}"
    assert twin["person"]["how_met"] == " ".join(CORPUS)


def test_the_edit_form_takes_the_corpus_and_shows_it_as_text(
    client: TestClient, hostile: dict[str, int]
) -> None:
    added = hostile["added"]
    form = {
        "csrf": csrf_of(client),
        "name": f"Mallory {SCRIPT}",
        "company": ATTRIBUTE,
        "title": QUOTE,
        "tags": f"{CSS}, {TEMPLATE}",
        "how_met": " ".join(CORPUS),
        "emails": "",
        "phones": "",
        "birthday": "",
    }
    assert client.post(f"/people/{added}/edit", data=form).status_code == 303
    page = client.get(f"/people/{added}").text
    assert_inert(page)
    assert 'value="&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"' in page
    assert 'value="&#39; onmouseover=&#39;alert(2)"' in page
    assert (
        "&lt;/textarea&gt;&lt;script&gt;alert(4)&lt;/script&gt; {{ 7*7 }}{% raw %}</textarea>"
        in page
    )
    twin = client.get(f"/people/{added}?format=json").json()
    assert (twin["person"]["company"], twin["person"]["title"]) == (ATTRIBUTE, QUOTE)


def test_a_refused_edit_echoes_the_corpus_inert(
    client: TestClient, hostile: dict[str, int]
) -> None:
    picked = hostile["picked"]
    form = {"csrf": csrf_of(client), "name": SCRIPT, "birthday": TEXTAREA, "how_met": URL}
    answer = client.post(f"/people/{picked}/edit", data=form)
    assert answer.status_code == 400
    assert_inert(answer.text)
    assert "Could not read the birthday &#39;&lt;/textarea&gt;&lt;script&gt;" in answer.text


def test_a_note_from_the_person_page_shows_the_corpus_as_text(
    client: TestClient, hostile: dict[str, int]
) -> None:
    imported = hostile["imported"]
    form = {"csrf": csrf_of(client), "text": " ".join(CORPUS)}
    assert client.post(f"/people/{imported}/notes", data=form).status_code == 303
    page = client.get(f"/people/{imported}").text
    assert_inert(page)
    assert "<p>&lt;script&gt;alert(&#34;s&#34;)&lt;/script&gt; &#34;&gt;&lt;img" in page


def test_the_settings_page_renders_hostile_names_tags_and_values_inert(
    client: TestClient, hostile: dict[str, int], db_path: Path
) -> None:
    store = open_store(db_path)
    try:
        settings.set_value(store, "me.name", SCRIPT)
        outreach.set_person_cadence(store, hostile["picked"], "30d", None, clear=False)
        outreach.set_tag_cadence(store, QUOTE, "3m", None, clear=False)
    finally:
        store.close()
    page = client.get("/settings").text
    assert_inert(page)
    assert 'value="&lt;script&gt;alert(&#34;s&#34;)&lt;/script&gt;"' in page
    assert "Eve &lt;script&gt;alert(&#34;s&#34;)&lt;/script&gt;</a></th>" in page
    assert "tag:&#39; onmouseover=&#39;alert(2)</th>" in page
    form = {"csrf": csrf_of(client, "/settings"), "section": "plan", "plan.budget": ATTRIBUTE}
    refused = client.post("/settings", data=form)
    assert refused.status_code == 400
    assert_inert(refused.text)
    assert 'value="&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"' in refused.text


def test_the_import_pages_render_a_hostile_file_and_its_name_inert(
    client: TestClient, hostile: dict[str, int]
) -> None:
    name = "<img src=x onerror=alert(1)>.vcf"
    files = {"file": (name, VCARD.replace("Vera", "Vida").encode(), "text/vcard")}
    planned = client.post("/import", data={"csrf": csrf_of(client, "/import")}, files=files)
    assert planned.status_code == 200
    assert_inert(planned.text)
    staged = planned.text.split('action="/import/', 1)[1].split("/confirm", 1)[0]
    done = client.post(f"/import/{staged}/confirm", data={"csrf": csrf_of(client, "/import")})
    assert done.status_code == 303
    status = client.get("/import/progress?format=json").json()
    while status["state"] == "running":
        time.sleep(0.05)
        status = client.get("/import/progress?format=json").json()
    assert status["file"] == name
    progress = client.get("/import/progress").text
    assert_inert(progress)
    assert "Imported &lt;img src=x onerror=alert(1)&gt;.vcf</h2>" in progress


def test_the_introductions_board_shows_the_corpus_as_text(
    client: TestClient, hostile: dict[str, int]
) -> None:
    board = client.get("/introductions").text
    assert "Eve &lt;script&gt;alert(&#34;s&#34;)&lt;/script&gt; and" in board
    assert "Mallory &#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in board


def test_the_network_returns_the_corpus_unchanged_and_its_filter_echoes_it_inert(
    client: TestClient, hostile: dict[str, int]
) -> None:
    twin = client.get("/network?format=json").json()
    names = {node["id"]: node["name"] for node in twin["nodes"]}
    assert names[hostile["picked"]] == f"Eve {SCRIPT}"
    assert names[hostile["added"]] == f"Mallory {ATTRIBUTE}"
    answer = client.get("/network", params={"tag": ATTRIBUTE})
    assert answer.status_code == 200
    assert 'value="&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"' in answer.text
    assert_inert(answer.text)


def test_the_api_returns_the_corpus_unchanged_as_json(
    client: TestClient, hostile: dict[str, int]
) -> None:
    paths = ["/api/plan", "/api/today", "/api/people?q=Mallory", f"/api/people/{hostile['added']}"]
    answers = [client.get(path) for path in paths]
    assert {a.headers["content-type"] for a in answers} == {"application/json"}
    assert answers[0].json()["picks"][0]["name"] == f"Eve {SCRIPT}"
    assert answers[2].json()["people"][0]["name"] == f"Mallory {ATTRIBUTE}"
    assert answers[3].json()["person"]["how_met"] == " ".join(CORPUS)
