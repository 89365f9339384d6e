"""What a draft says back to someone, from what a new user typed about them (session 16's
trial): what they are working on follows the rule a topic follows ("How is your divorce
going?" was drafted), a phrase in a script Kith has no word lists for is not said back ("他的新
工作" is "his new job"), and personal matters the word lists missed are kept back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kith.drafts.phrases import topic, topic_withheld, withheld
from tests.conftest import Kith
from tests.said_back_support import CHECK_IN, check_in, check_in_with_event, claim_met_where, tom
from tests.web_support import web_client

__all__ = ["tom"]  # fixtures


@pytest.mark.parametrize(
    "working_on",
    ["his divorce", "his bankruptcy filing", "recovering from surgery", "maybe hire him?"],
)
def test_a_draft_does_not_ask_after_work_that_is_personal_or_a_note_to_yourself(
    tom: Kith, working_on: str
) -> None:
    edited = tom("edit", "Tom", "--working-on", working_on)
    assert edited.exit_code == 0
    assert edited.stderr.startswith(f"Drafts will not ask about {working_on!r}: ")
    assert edited.stderr.endswith(". It is kept.\n")
    assert check_in(tom) == CHECK_IN.format(middle="")


def test_a_draft_still_asks_after_ordinary_work_and_says_nothing_when_it_is_given(
    tom: Kith,
) -> None:
    edited = tom("edit", "Tom", "--working-on", "his robot arm firmware")
    assert edited.stderr == ""
    assert check_in(tom) == CHECK_IN.format(middle="How is your robot arm firmware going? ")


def test_adding_someone_with_personal_work_says_drafts_will_not_ask_about_it(kith: Kith) -> None:
    added = kith("add", "Wen Li", "--working-on", "her job hunt")
    assert added.exit_code == 0
    assert added.stderr == (
        "Drafts will not ask about 'her job hunt': it touches on something personal, which is "
        "theirs to share. It is kept.\n"
    )


@pytest.mark.parametrize(
    "phrase", ["他的新工作", "его новая работа", "彼女の結婚式", "그녀의 새 직장", "مشروعها الجديد"]
)
def test_a_phrase_in_a_script_kith_cannot_read_is_not_said_back(phrase: str) -> None:
    assert topic(phrase) is None
    assert topic_withheld(phrase) == "Kith reshapes English phrases only"
    assert withheld(phrase) == "Kith reshapes English phrases only"


def test_a_chinese_topic_is_not_quoted_in_a_check_in_and_logging_it_says_so(tom: Kith) -> None:
    logged = tom("log", "Tom", "video call", "-c", "video", "-t", "他的新工作", "-w", "2026-11-20")
    assert logged.stderr == (
        "Drafts will not quote the topic '他的新工作': Kith reshapes English phrases only. "
        "It is kept.\n"
    )
    assert check_in(tom) == CHECK_IN.format(middle="")


@pytest.mark.parametrize(
    "phrase",
    [
        "his bankruptcy",
        "his arrest",
        "her eating disorder",
        "his debts",
        "her mortgage",
        "his gambling",
        "his redundancy",
        "his panic attacks",
        "her mastectomy",
        "his stroke",
        "her heart attack",
        "his dementia",
        "her bereavement",
        "his sobriety",
        "her AA meetings",
        "his probation",
        "her deportation",
        "her resignation",
        "his notice period",
        "job hunting",
        "his interview at Google",
        "his broken leg",
        "his medical leave",
        "maternity leave",
        "her church",
        "his mosque",
        "her Bible study",
        "brexit",
        "his partner",
        "her fiancé",
        "his coming out",
    ],
)
def test_a_personal_matter_a_new_user_logged_is_not_said_back(phrase: str) -> None:
    assert topic(phrase) is None
    assert topic_withheld(phrase) == "it touches on something personal, which is theirs to share"


@pytest.mark.parametrize(
    ("phrase", "said"),
    [
        ("her new lab", "your new lab"),
        ("the Postgres migration", "the Postgres migration"),
        ("the café in Montréal", "the café in Montréal"),
        ("the Rust meetup 🦀", "the Rust meetup"),  # an emoji at the end is the user's (lows5)
        ("his wedding", "your wedding"),
    ],
)
def test_ordinary_topics_in_latin_script_are_still_said_back(phrase: str, said: str) -> None:
    assert topic(phrase) == said


def test_a_prospect_never_in_touch_gets_no_check_in_unless_one_is_asked_for(
    kith: Kith, db_path: Path
) -> None:
    kith("want", "Linus Torvalds")
    refused = kith("draft", "Linus")
    assert refused.exit_code == 1
    assert refused.output == (
        "Error: Linus Torvalds is someone you want to meet, and you have not been in touch yet: "
        "a check-in would greet them as someone you know. Ask whoever can introduce you: kith "
        'path "Linus Torvalds" drafts that ask (or --kind checkin writes one anyway).\n'
    )
    asked = kith("draft", "Linus", "--kind", "checkin", "--channel", "message")
    assert asked.output.startswith("Hi Linus,\nYou came to mind today")
    with web_client(db_path) as client:
        panel = client.get("/people/1", headers={"accept": "application/json"}).json()["draft"]
    assert panel["draft"] is None
    assert panel["problem"].startswith("Linus Torvalds is someone you want to meet")


def test_the_json_api_says_when_drafts_will_not_quote_a_logged_topic(
    tom: Kith, db_path: Path
) -> None:
    with web_client(db_path) as client:
        private = {"people": ["Tom"], "summary": "call", "channel": "call", "topic": "his debts"}
        answer = client.post("/api/interactions", json=private)
        assert answer.status_code == 201
        assert answer.json()["warnings"] == [
            "Drafts will not quote the topic 'his debts': it touches on something personal, "
            "which is theirs to share. It is kept."
        ]
        plain = private | {"topic": "the robot arm"}
        assert client.post("/api/interactions", json=plain).json()["warnings"] == []


@pytest.mark.parametrize(
    ("where", "said"),
    [
        ("the AA meeting on Tuesday", "Hi Tom, good to meet you. "),
        ("the oncology ward", "Hi Tom, good to meet you. "),
        ("the divorce support group", "Hi Tom, good to meet you. "),
        ("Bristol", "Hi Tom, good to meet you in Bristol. "),
        ("東京", "Hi Tom, good to meet you in 東京. "),
    ],
)
def test_where_you_met_is_not_said_when_it_is_personal(tom: Kith, where: str, said: str) -> None:
    assert claim_met_where(tom, where) == said + "I'd like to stay in touch.\n"


def test_a_personal_event_ahead_is_not_named_in_a_check_in(tom: Kith) -> None:
    """Trial 5: "Will you be at Dad's funeral? It would be good to catch up there." """
    assert check_in_with_event(tom, "Dad's funeral", "Dad's funeral") == CHECK_IN.format(middle="")
    night = check_in_with_event(tom, "Local-first night", "Local-first", "2026-11-27")
    assert night == CHECK_IN.format(
        middle="Will you be at Local-first night? It would be good to catch up there. "
    )


def test_a_personal_event_where_you_met_is_not_named_in_the_claim_note(kith: Kith) -> None:
    kith("event", "add", "the divorce support group", "--date", "2026-11-20")
    kith("met", "Hana Kim", "--at", "divorce support")
    claim = kith("draft", "Hana", "--kind", "claim")
    assert claim.output == "Hi Hana, good to meet you. I'd like to stay in touch.\n"


def test_an_introduction_ask_to_someone_with_only_a_phone_is_a_text_message(kith: Kith) -> None:
    kith("add", "Ada Lovelace", "--email", "ada@example.org")
    kith("add", "Pat Quinn", "--phone", "+447700900777")
    (to_ada,) = json.loads(kith("intro", "Ada", "Pat", "--json").output)["drafts"]
    assert (to_ada["channel"], to_ada["subject"]) == ("email", "An introduction?")
    asked = kith("intro", "Ada", "Pat", "--agreed", "--json")
    (to_pat,) = json.loads(asked.output)["drafts"]
    assert (to_pat["channel"], to_pat["subject"]) == ("message", None)
    assert to_pat["draft"].startswith("Hi Pat,\nI hope you are well. Would you like me to ")
    assert to_pat["draft"].endswith("I will put you in touch only if you say yes.")
