"""want, wants, refer and referrals: people to meet, who suggested them, follow-ups and thanks."""

from __future__ import annotations

import json

import pytest

from kith.services.referrals import pending_thanks, referral_reminders
from kith.store import Store
from tests.conftest import NOW, Kith


@pytest.fixture
def ada(kith: Kith) -> Kith:
    kith("add", "Ada Lovelace", "--company", "Analytical Engines")
    return kith


def test_wanting_an_unknown_name_creates_a_prospect_on_the_list(ada: Kith) -> None:
    result = ada("want", "Hedy Lamarr", "--why", "frequency hopping", "--company", "MGM")
    assert result.output == "Added Hedy Lamarr (#2) as a prospect, on your want-to-meet list.\n"
    assert ada("list", "kind:prospect").output == (
        "id  name         company  tags  last contact\n2   Hedy Lamarr  MGM\n"
    )
    assert ada("wants").output == (
        "id  name         why                suggested by  since       met      best path\n"
        "2   Hedy Lamarr  frequency hopping                2026-11-22  not yet  none yet\n"
    )


def test_wanting_someone_known_marks_them_and_again_updates_only_the_reason(ada: Kith) -> None:
    assert ada("want", "Ada").output == "Added Ada Lovelace (#1) to your want-to-meet list.\n"
    assert ada("want", "Ada").output == (
        "Ada Lovelace (#1) is already on your want-to-meet list (since 2026-11-22).\n"
    )
    assert ada("want", "Ada", "--why", "engines").output == (
        "Ada Lovelace (#1) is already on your want-to-meet list (since 2026-11-22); "
        "reason updated.\n"
    )
    payload = json.loads(ada("wants", "--json").output)
    assert payload["total"] == 1
    [wish] = payload["wants"]
    assert wish["person"]["kind"] == "contact"
    del wish["person"]
    assert [p["name"] for p in wish.pop("path")["people"]] == ["Ada Lovelace"]  # a contact
    assert wish == {"why": "engines", "since": "2026-11-22T10:00:00Z", "met_at": None,
                    "referred_by": []}  # fmt: skip


def test_a_new_name_close_to_someone_known_is_created_with_a_warning(ada: Kith) -> None:
    assert ada("want", "Ada Lovelance").output == (
        "Added Ada Lovelance (#2) as a prospect, on your want-to-meet list.\n"
        "Close to: Ada Lovelace; if you meant one of them, `kith forget #2` takes the new "
        "person back.\n"
    )


def test_want_refuses_a_company_that_is_not_the_known_persons(ada: Kith) -> None:
    result = ada("want", "Ada", "--company", "Babbage & Co")
    assert result.exit_code == 1
    assert result.output == (
        "Error: 'Ada' is Ada Lovelace (#1), of Analytical Engines, not Babbage & Co; for someone "
        'new, `kith add "Full Name" --prospect --company "Babbage & Co"`, then `kith want #ID`.\n'
    )
    assert ada("want", "Ada", "--company", "analytical engines").exit_code == 0


@pytest.mark.parametrize("name", ["#9", "nobody@example.org"])
def test_want_does_not_invent_a_person_from_an_id_or_an_address(ada: Kith, name: str) -> None:
    assert ada("want", name).exit_code == 3
    assert json.loads(ada("wants", "--json").output) == {"wants": [], "total": 0}


def test_a_wish_is_met_by_the_first_interaction_on_or_after_the_day_it_was_made(
    ada: Kith,
) -> None:
    ada("log", "Ada", "coffee last month", "--when", "2026-10-20")
    ada("want", "Ada", "--why", "engines")
    assert ada("wants").output.splitlines()[1].endswith("2026-11-22  not yet  directly (P 0.32)")
    ada("log", "Ada", "lunch", "--when", "today")
    assert ada("wants").output == (
        "id  name          why      suggested by  since       met         best path\n"
        "1   Ada Lovelace  engines                2026-11-22  2026-11-22\n"
    )


def test_wants_with_nobody_says_how_to_add_someone(kith: Kith) -> None:
    assert kith("wants").output == (
        'Nobody on your want-to-meet list; `kith want NAME --why "..."` adds someone.\n'
    )


def test_a_referral_goes_from_not_contacted_to_met_to_thanked(ada: Kith) -> None:
    referred = ada("refer", "Ada", "Hedy Lamarr", "--note", "she knows radio")
    assert referred.output == (
        "Recorded: Ada Lovelace suggested you meet Hedy Lamarr (#2); added as a prospect to "
        "your want-to-meet list.\n"
    )
    assert ada("wants").output == (
        "id  name         why                        suggested by  since       met      best path\n"
        "2   Hedy Lamarr  suggested by Ada Lovelace  Ada Lovelace  2026-11-22  not yet  "
        "Ada Lovelace (P 0.01, weak)\n"
    )
    header = "id  suggested by  to meet      on          state\n"
    assert ada("referrals").output == (
        header + "1   Ada Lovelace  Hedy Lamarr  2026-11-22  not yet contacted\n"
    )
    ada("log", "Hedy", "coffee", "--when", "today")
    assert ada("referrals", "--pending").output == (
        header
        + "1   Ada Lovelace  Hedy Lamarr  2026-11-22  met on 2026-11-22 — thank Ada Lovelace\n"
    )
    ada("log", "Ada", "thanks for Hedy", "-c", "email", "-k", "thanks")
    assert (
        ada("referrals").output == header + "1   Ada Lovelace  Hedy Lamarr  2026-11-22  thanked\n"
    )
    assert ada("referrals", "--pending").output == "No referrals pending.\n"


def test_only_contact_after_the_referral_and_thanks_after_meeting_count(ada: Kith) -> None:
    ada("--now", "2026-11-10T10:00Z", "refer", "Ada", "Hedy Lamarr")
    ada("log", "Hedy", "an old e-mail", "-c", "email", "--when", "2026-11-01")
    ada("log", "Ada", "thanks for the book", "-c", "email", "-k", "thanks", "--when", "2026-11-12")
    assert _state(ada) == ("not_contacted", None, None)
    ada("log", "Hedy", "coffee", "--when", "2026-11-15")
    assert _state(ada) == ("to_thank", "2026-11-15T12:00:00Z", None)
    ada("log", "Ada", "thanks for Hedy", "-c", "email", "-k", "thanks", "--when", "2026-11-16")
    assert _state(ada) == ("thanked", "2026-11-15T12:00:00Z", "2026-11-16T12:00:00Z")


def _state(kith: Kith) -> tuple[str, str | None, str | None]:
    [referral] = json.loads(kith("referrals", "--json").output)["referrals"]
    return referral["state"], referral["met_at"], referral["thanked_at"]


def test_refer_thanked_marks_the_referral_thanked_by_hand(ada: Kith) -> None:
    ada("refer", "Ada", "Hedy Lamarr")
    ada("log", "Hedy", "coffee")
    assert ada("refer", "--thanked", "Ada", "Hedy").output == (
        "Thanked Ada Lovelace for suggesting Hedy Lamarr.\n"
    )
    payload = json.loads(ada("referrals", "--json").output)
    [referral] = payload["referrals"]
    assert {k: referral[k] for k in ("note", "created_at", "met_at", "thanked_at", "state")} == {
        "note": None,
        "created_at": "2026-11-22T10:00:00Z",
        "met_at": "2026-11-22T10:00:00Z",
        "thanked_at": "2026-11-22T10:00:00Z",
        "state": "thanked",
    }
    assert (referral["referrer"]["name"], referral["referred"]["kind"]) == (
        "Ada Lovelace",
        "prospect",
    )
    assert payload["total"] == 1


def test_refer_thanked_without_a_referral_says_how_to_record_one(ada: Kith) -> None:
    ada("add", "Grace Hopper")
    result = ada("refer", "--thanked", "Ada", "Grace")
    assert result.exit_code == 1
    assert result.output == (
        "Error: No referral of Grace Hopper by Ada Lovelace is recorded; "
        "`kith refer` records one.\n"
    )


def test_referring_again_changes_only_the_note_and_nobody_refers_themselves(ada: Kith) -> None:
    ada("refer", "Ada", "Hedy Lamarr")
    ada("add", "Grace Hopper")
    assert ada("refer", "Ada", "Grace").output == (
        "Recorded: Ada Lovelace suggested you meet Grace Hopper (#3); added to your "
        "want-to-meet list.\n"
    )
    ada("add", "Linus Torvalds")
    ada("want", "Linus")
    assert ada("refer", "Ada", "Linus").output == (
        "Recorded: Ada Lovelace suggested you meet Linus Torvalds (#4); already on your "
        "want-to-meet list.\n"
    )
    again = ada("refer", "Ada", "Hedy", "--note", "radio", "--json")
    payload = json.loads(again.output)
    assert (payload["added"], payload["created"], payload["referral"]["note"]) == (
        False,
        False,
        "radio",
    )
    assert ada("refer", "Ada", "Hedy").output == (
        "Already recorded on 2026-11-22: Ada Lovelace suggested you meet Hedy Lamarr (#2).\n"
    )
    itself = ada("refer", "Ada", "Ada")
    assert (itself.exit_code, itself.output) == (
        1,
        "Error: Someone cannot suggest that you meet themselves.\n",
    )
    assert ada("refer", "Nobody Atall", "Hedy").exit_code == 3


def test_the_reminders_for_the_digest_say_whom_to_reach_and_whom_to_thank(
    ada: Kith, store: Store
) -> None:
    ada("refer", "Ada", "Hedy Lamarr")
    ada("refer", "Ada", "Grace Hopper")
    ada("log", "Grace", "call", "-c", "call")
    reminders = referral_reminders(store, NOW)
    assert [(r.action, r.text) for r in reminders] == [
        ("follow_up", "Reach out to Hedy Lamarr: Ada Lovelace suggested you meet."),
        ("thank", "Thank Ada Lovelace: you met Grace Hopper on 2026-11-22 through them."),
    ]
    assert [r.referred.name for r in pending_thanks(store, NOW)] == ["Grace Hopper"]


def test_on_the_demo_network_referrals_show_each_state(kith: Kith, store: Store) -> None:
    kith("demo")
    assert kith("referrals").output == (
        "id  suggested by    to meet         on          state\n"
        "1   Liv Chen        Dalia Nasser    2024-12-23  thanked\n"
        "2   Yui Tanaka      Folake Adeyemi  2025-01-16  thanked\n"
        "3   Noémie Garnier  Edward Ellis    2025-06-16  "
        "met on 2025-06-22 — thank Noémie Garnier\n"
        "5   Søren Dahl      Bilal Ogawa     2026-10-04  not yet contacted\n"
        "4   Joon-young Han  Zhi Gao         2026-10-20  not yet contacted\n"
    )
    assert [r.action for r in referral_reminders(store, NOW)] == ["thank", "follow_up", "follow_up"]
    assert kith("want", "Bilal Ogawa", "--why", "local-first sync").output == (
        "Added Bilal Ogawa (#76) to your want-to-meet list.\n"
    )
    assert kith("wants").output == (
        "id  name         why               suggested by  since       met      best path\n"
        "76  Bilal Ogawa  local-first sync  Søren Dahl    2026-11-22  not yet  "
        "Søren Dahl (P 0.13)\n"
    )
