"""The settings page in-process: its sections, changing them as `kith config set` and `kith
cadence` would (and refusing what they refuse, nothing saved), and the phone's access token
made, shown once and revoked from the page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from kith.services.web_access import TOKEN_FACT
from kith.store import open_store
from tests.conftest import Kith
from tests.web_support import csrf_of, web_client

LINK = re.compile(r'class="token-link" href="(http://[^"]+/\?token=([A-Za-z0-9_-]{43}))"')


def post(client: TestClient, path: str, **fields: str) -> str:
    answer = client.post(path, data={"csrf": csrf_of(client, "/settings"), **fields})
    assert answer.status_code == 200, answer.text
    return answer.text


def field(twin: dict[str, object], key: str) -> dict[str, object]:
    sections = twin["sections"]
    assert isinstance(sections, list)
    found: dict[str, object] = next(f for s in sections for f in s["fields"] if f["key"] == key)
    return found


def test_the_settings_page_is_in_sections_a_person_can_read(client: TestClient) -> None:
    page = client.get("/settings")
    assert page.status_code == 200
    for title in (
        "The weekly plan",
        "Energy of a touch",
        "How often, by closeness",
        "My identities",
        "Time zone and region",
        "Cadences you set",
        "The phone",
    ):
        assert f">{title}</h2>" in page.text
    assert '<label for="f-plan-budget">People per week</label>' in page.text
    assert "<option>Europe/London</option>" in page.text
    assert "<option>GB</option>" in page.text


def test_the_json_twin_has_each_fields_value_and_default_and_never_the_token(
    client: TestClient, db_path: Path
) -> None:
    post(client, "/settings/token")
    twin = client.get("/settings?format=json").json()
    assert field(twin, "plan.budget") | {"hint": ""} == {
        "key": "plan.budget",
        "label": "People per week",
        "hint": "",
        "kind": "number",
        "value": None,
        "default": "5",
        "problem": None,
    }
    assert field(twin, "energy.in_person")["default"] == "4"
    assert field(twin, "cadence.L3")["default"] == "30d"
    assert twin["has_token"] is True
    assert twin["new_token"] is None
    store = open_store(db_path)
    try:
        digest = store.meta.fact(TOKEN_FACT)
    finally:
        store.close()
    assert digest
    assert digest not in json.dumps(twin)
    assert "token=" not in json.dumps(twin)


SAVED = [
    ("plan", {"plan.budget": "7", "plan.energy_budget": "12.5"}, {}),
    ("place", {"timezone": "Asia/Tokyo", "phone.default_region": "jp"}, {"jp": "JP"}),
    (
        "me",
        {"me.name": "Ada Demo", "me.emails": "ADA@example.org, ada@work.example"},
        {"ADA@example.org, ada@work.example": "ada@example.org,ada@work.example"},
    ),
]


@pytest.mark.parametrize(("section", "typed", "stored_as"), SAVED, ids=[s[0] for s in SAVED])
def test_a_section_saved_on_the_page_is_what_kith_config_reads(
    client: TestClient, demo: Kith, section: str, typed: dict[str, str], stored_as: dict[str, str]
) -> None:
    text = post(client, "/settings", section=section, **typed)
    assert '<p class="logged" role="status">Saved.</p>' in text
    for key, value in typed.items():
        assert demo("config", "get", key).output == stored_as.get(value, value) + "\n"


def test_the_time_zone_is_chosen_from_a_list(client: TestClient) -> None:
    text = post(client, "/settings", section="place", timezone="Asia/Tokyo")
    assert "<option selected>Asia/Tokyo</option>" in text


def test_an_emptied_field_goes_back_to_its_default(client: TestClient, demo: Kith) -> None:
    demo("config", "set", "energy.call", "3")
    post(client, "/settings", section="energy", **{"energy.call": ""})
    assert demo("config", "list", "--json").output.count('"energy.call"') == 0


def test_invalid_values_are_said_beside_their_fields_and_nothing_is_saved(
    client: TestClient, demo: Kith
) -> None:
    form = {
        "csrf": csrf_of(client, "/settings"),
        "section": "plan",
        "plan.budget": "99",
        "plan.energy_budget": "3",
    }
    answer = client.post("/settings", data=form)
    assert answer.status_code == 400
    assert "Nothing was saved: see the reason beside the field." in answer.text
    assert (
        '<p class="problem" id="f-plan-budget-problem">'
        "Expected a whole number from 1 to 10, not &#39;99&#39;.</p>"
    ) in answer.text
    assert 'id="f-plan-budget" name="plan.budget" value="99"' in answer.text
    assert demo("config", "get", "plan.budget").output == "5\n"
    assert demo("config", "get", "plan.energy_budget").output == ""


def test_an_unknown_time_zone_is_refused_with_the_clis_reason(client: TestClient) -> None:
    form = {"csrf": csrf_of(client, "/settings"), "section": "place", "timezone": "Mars/Base"}
    twin = client.post("/settings?format=json", data=form)
    assert twin.status_code == 400
    assert field(twin.json(), "timezone")["problem"] == (
        "Unknown time zone 'Mars/Base'; set an IANA name, "
        "e.g. `kith config set timezone Europe/Berlin`."
    )


def test_a_section_that_does_not_exist_is_refused(client: TestClient) -> None:
    form = {"csrf": csrf_of(client, "/settings"), "section": "nope"}
    answer = client.post("/settings", data=form)
    assert answer.status_code == 400
    assert "No settings section &#39;nope&#39;." in answer.text


def test_a_persons_cadence_set_on_the_page_is_kith_cadences(client: TestClient, demo: Kith) -> None:
    text = post(client, "/settings/cadence", target="Monty Monthly", ideal="3w", max="6w")
    assert '<a href="/people/2">Monty Monthly</a></th>' in text
    assert "<td>21 days</td>" in text
    assert json.loads(demo("cadence", "Monty Monthly", "--json").output) == {
        "target": "Monty Monthly",
        "ideal_days": 21.0,
        "max_days": 42.0,
    }


def test_a_tags_cadence_is_set_and_cleared_on_the_page(client: TestClient, demo: Kith) -> None:
    post(client, "/settings/cadence", target="tag:Mentor", ideal="3m")
    assert demo("cadence").output == "tag:mentor: every 90 days.\n"
    post(client, "/settings/cadence", target="tag:mentor", clear="yes")
    assert demo("cadence").output == "No cadence set: everyone follows their layer's.\n"


def test_a_cadence_the_service_refuses_is_said_and_not_saved(
    client: TestClient, demo: Kith
) -> None:
    form = {"csrf": csrf_of(client, "/settings"), "target": "Monty Monthly", "ideal": "soon"}
    answer = client.post("/settings/cadence", data=form)
    assert answer.status_code == 400
    assert (
        "A gap is a number with d, w, m or y, such as 30d or 6w, not &#39;soon&#39;." in answer.text
    )
    assert demo("cadence").output == "No cadence set: everyone follows their layer's.\n"


def test_a_cadence_for_nobody_known_says_so(client: TestClient) -> None:
    form = {"csrf": csrf_of(client, "/settings"), "target": "Zebedee Nobody", "ideal": "30d"}
    answer = client.post("/settings/cadence?format=json", data=form)
    assert answer.status_code == 400
    assert answer.json()["cadence_problem"] == "Nobody called 'Zebedee Nobody'."


def test_a_token_made_on_the_page_is_shown_once_as_a_link_and_a_qr_code(
    client: TestClient,
) -> None:
    assert "No access token: no other device can get in." in client.get("/settings").text
    made = post(client, "/settings/token")
    found = LINK.search(made)
    assert found is not None
    assert found.group(1).endswith(":8765/?token=" + found.group(2))
    assert '<img class="qr" src="data:image/svg+xml' in made
    again = client.get("/settings").text
    assert found.group(2) not in again
    assert "An access token exists." in again


def test_the_token_made_on_the_page_is_the_one_a_server_off_loopback_requires(
    client: TestClient, db_path: Path
) -> None:
    token = post(client, "/settings/token")
    found = LINK.search(token)
    assert found is not None
    with web_client(db_path, host="127.0.0.2") as lan:
        assert lan.get("/").status_code == 401
        welcomed = lan.get(f"/?token={found.group(2)}")
        assert welcomed.status_code == 303
        assert lan.get("/settings").status_code == 200
    post(client, "/settings/token/revoke")
    assert "No access token: no other device can get in." in client.get("/settings").text
    with web_client(db_path, host="127.0.0.2") as lan:
        refused = lan.get("/", headers={"authorization": f"Bearer {found.group(2)}"})
        assert refused.status_code == 401
        assert refused.text == "Wrong token."


def test_a_new_token_made_off_loopback_keeps_this_browser_in(
    client: TestClient, db_path: Path
) -> None:
    first = LINK.search(post(client, "/settings/token"))
    assert first is not None
    with web_client(db_path, host="127.0.0.2") as lan:
        lan.get(f"/?token={first.group(2)}")
        token = csrf_of(lan, "/settings")
        made = lan.post("/settings/token", data={"csrf": token})
        second = LINK.search(made.text)
        assert second is not None
        assert second.group(1) == f"http://127.0.0.2:8765/?token={second.group(2)}"
        assert lan.get("/settings").status_code == 200
    with web_client(db_path, host="127.0.0.2") as other:
        assert other.get(f"/?token={first.group(2)}").status_code == 401


def test_kith_serve_revokes_the_token_the_page_made(client: TestClient, kith: Kith) -> None:
    post(client, "/settings/token")
    said = kith("serve", "--revoke-token", "--host", "192.0.2.10")
    assert said.exit_code == 1
    assert said.output.startswith(
        "The access token is revoked: no other device gets in until a new one.\n"
    )
    assert "No access token" in client.get("/settings").text


def test_kith_serve_refuses_to_make_and_revoke_a_token_at_once(kith: Kith) -> None:
    said = kith("serve", "--new-token", "--revoke-token")
    assert said.exit_code == 2
    assert "Give --new-token or --revoke-token, not both." in said.output
