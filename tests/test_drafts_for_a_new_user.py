"""What drafts say to people with names that are not "Given Family", and what they keep back
from topics in another language or about their family (a new user's trial)."""

from __future__ import annotations

from pathlib import Path

from kith.drafts.greeting import first_name, full_name
from kith.names import split_name
from kith.store import open_store
from tests.conftest import Kith


def test_a_name_opening_with_an_emoji_is_greeted_by_its_first_word() -> None:
    assert first_name("🌻 Sunny Day", "🌻 Sunny") == "Sunny"
    assert first_name("Sunny🌻 Day") == "Sunny"
    assert first_name("👩🏽‍💻 Priya") == "Priya"


def test_a_name_that_is_only_a_family_name_with_its_particle_is_said_whole() -> None:
    assert first_name("van der Berg", "van der") == "van der Berg"
    assert first_name("de la Cruz") == "de la Cruz"
    assert first_name("Van Morrison", "Van") == "Van"


def test_a_name_in_chinese_japanese_or_korean_script_is_said_whole_not_by_its_family_name() -> None:
    assert first_name("山田 太郎", "山田") == "山田 太郎"
    assert first_name("王 伟", "王") == "王 伟"
    assert first_name("김 민준") == "김 민준"
    assert first_name("Taro Yamada (山田太郎)", "Taro") == "Taro"


def test_an_email_address_for_a_name_is_greeted_by_the_name_it_spells_out_or_not_at_all() -> None:
    assert first_name("jane.doe@company.com") == "Jane"
    assert first_name("bob+kith@example.com") == "Bob"
    assert first_name("jdoe@example.org") == ""
    assert first_name("j.doe@example.org") == ""


def test_a_phone_number_for_a_name_is_not_said_as_a_greeting() -> None:
    assert first_name("+15550000009") == ""
    assert first_name("+44 7700 900123") == ""
    assert first_name("(0151) 234-5678") == ""
    assert first_name("R2-D2") == "R2-D2"


def test_a_check_in_to_someone_an_sms_import_named_by_their_number_has_no_greeting(
    kith: Kith,
) -> None:
    kith("add", "+15550000009")
    assert kith("draft", "+15550000009", "--channel", "message").output == (
        "You came to mind today, so a quick hello. No need to reply at length; "
        "I hope all is well.\n"
    )


def test_a_claim_note_without_a_name_to_greet_opens_with_a_capital(kith: Kith) -> None:
    kith("add", "jdoe@example.org")
    assert kith("draft", "jdoe@example.org", "--kind", "claim").output == (
        "Good to meet you. I'd like to stay in touch.\n"
    )


def test_the_name_quoted_inside_a_name_is_the_one_they_go_by() -> None:
    assert first_name('Robert "Bob" Smith', "Robert") == "Bob"
    assert first_name("Margaret ‘Peggy’ Lee") == "Peggy"
    assert first_name("Patrick O’Brien") == "Patrick"


def test_titles_nicknames_and_family_first_with_a_comma_keep_their_greeting() -> None:
    assert first_name("Dr. Ana María de la Cruz", "Dr. Ana María de la") == "Ana"
    assert first_name("Castro, Ana") == "Ana"
    assert first_name("John Smith, Jr.", "John Smith,") == "John"
    assert first_name("Mary Somerville", "Mary", "Molly") == "Molly"
    assert first_name("Prince") == "Prince"


def test_a_name_said_to_someone_else_drops_emoji_reads_given_name_first_or_is_nothing() -> None:
    assert full_name("🌻 Sunny Day") == "Sunny Day"
    assert full_name("O'Brien, Patrick") == "Patrick O'Brien"
    assert full_name("King, Jr.") == "King, Jr."
    assert full_name("+41 79 123 45 67") == "+41 79 123 45 67"
    assert full_name("🌻") == ""


def test_a_claim_note_to_someone_whose_name_opens_with_an_emoji_still_greets_them(
    kith: Kith,
) -> None:
    kith("add", "🌻 Sunny Day")
    kith("event", "add", "Local-first night", "--date", "2026-11-20")
    kith("met", "Sunny", "--at", "Local-first night")
    assert kith("draft", "Sunny", "--kind", "claim").output == (
        "Hi Sunny, good to meet you at Local-first night. I'd like to stay in touch.\n"
    )


def test_an_introduction_names_the_other_side_as_a_person_would_say_it(kith: Kith) -> None:
    kith("config", "set", "me.name", "Sam")
    kith("add", "O'Brien, Patrick")
    kith("add", "🌻 Sunny Day")
    kith("intro", "Patrick", "Sunny")
    asked_b = kith("intro", "Patrick", "Sunny", "--agreed").output
    assert "To 🌻 Sunny Day:\nSubject: An introduction?\nHi Sunny,\n" in asked_b
    assert "introduce you to Patrick O'Brien? Patrick would be glad to meet you" in asked_b
    kith("intro", "Patrick", "Sunny")
    introduced = kith("intro", "Patrick", "Sunny", "--agreed").output
    assert "Subject: Introducing Patrick and Sunny\nHi Patrick and Sunny,\n" in introduced
    follow_up = kith("intro", "Patrick", "Sunny", "--introduced").output
    assert "Hi Patrick,\n\nHow did it go with Sunny? No need to reply" in follow_up
    assert "Hi Sunny,\n\nHow did it go with Patrick? No need to reply" in follow_up


def test_a_topic_about_their_illness_in_german_is_kept_out_of_the_draft(kith: Kith) -> None:
    kith("add", "Zoë Ålund-Ng", "--email", "zoe@example.se")
    logged = kith("log", "Zoë", "call", "--topic", "Krebsdiagnose")
    assert logged.output.startswith(
        "Drafts will not quote the topic 'Krebsdiagnose': it touches on something personal"
    )
    assert "Krebs" not in kith("draft", "Zoë").output


def test_a_topic_saying_her_in_spanish_is_not_said_back_to_her_unchanged(kith: Kith) -> None:
    kith("add", "Ana Cruz", "--email", "ana@example.es")
    logged = kith("log", "Ana", "coffee", "--topic", "la boda de su hermana")
    assert logged.output.startswith(
        "Drafts will not quote the topic 'la boda de su hermana': "
        "Kith reshapes English phrases only"
    )
    assert "hermana" not in kith("draft", "Ana").output


def test_a_topic_about_their_husbands_job_or_their_kids_school_is_not_said_back(
    kith: Kith,
) -> None:
    kith("add", "Joon-young Wu", "--email", "joon@example.org")
    for topic in ("her husband's new job", "the kids' school", "his wife’s company"):
        logged = kith("log", "Joon", "coffee", "--topic", topic)
        assert "it touches on something personal, which is theirs to share" in logged.output
    assert kith("draft", "Joon").output == (
        "Subject: Checking in\n\nHi Joon-young,\n\n"
        "You came to mind today, so a quick hello. "
        "No need to reply at length; I hope all is well.\n"
    )


def test_a_name_is_split_family_last_or_first_as_its_script_writes_it() -> None:
    assert split_name("Ada King Lovelace") == ("Ada King", "Lovelace")
    assert split_name("山田 太郎") == ("太郎", "山田")
    assert split_name("王 伟") == ("伟", "王")
    assert split_name("김 민준") == ("민준", "김")
    assert split_name("やまだ たろう") == ("たろう", "やまだ")
    assert split_name("李小龍") == ("李小龍", None)


def test_a_name_written_family_first_with_a_comma_or_with_a_suffix_is_split_as_meant() -> None:
    assert split_name("Castro, Ana") == ("Ana", "Castro")
    assert split_name("John Smith, Jr.") == ("John", "Smith")
    assert split_name("King, Jr.") == ("King", None)


def test_a_name_with_no_letter_in_it_is_not_split() -> None:
    assert split_name("+41 79 123 45 67") == ("+41 79 123 45 67", None)
    assert split_name("🌻") == ("🌻", None)
    assert split_name("   ") == (None, None)


def test_adding_someone_with_a_name_in_japanese_script_stores_the_family_name_first(
    kith: Kith, db_path: Path
) -> None:
    kith("add", "山田 太郎")
    store = open_store(db_path)
    try:
        person = store.people.get(1)
    finally:
        store.close()
    assert person is not None
    assert (person.given_name, person.family_name) == ("太郎", "山田")


def test_an_introduction_to_someone_whose_name_is_an_emoji_asks_you_to_fill_their_name_in(
    kith: Kith,
) -> None:
    kith("config", "set", "me.name", "Sam")
    kith("add", "Ana Cruz")
    kith("add", "🌻")
    asked_a = kith("intro", "Ana", "#2").output
    assert (
        "Hi Ana,\n\nI hope you are well. Would you like me to introduce you to [their name]? "
        in asked_a
    )
    assert "If you say yes, I will ask [their name] too, and put you" in asked_a
    asked_b = kith("intro", "Ana", "#2", "--agreed").output
    assert (
        "To 🌻:\nSubject: An introduction?\nI hope you are well. Would you like me to "
        "introduce you to Ana Cruz? Ana would be glad to meet you" in asked_b
    )
    kith("intro", "Ana", "#2")
    introduced = kith("intro", "Ana", "#2", "--agreed").output
    assert "Subject: Introducing Ana and [their name]\nHi Ana and [their name],\n" in introduced


def test_an_introduction_names_someone_called_by_their_number_by_it(kith: Kith) -> None:
    kith("add", "Ana Cruz")
    kith("add", "+41 79 123 45 67")
    asked_a = kith("intro", "Ana", "#2").output
    assert "Would you like me to introduce you to +41 79 123 45 67? " in asked_a
    assert "If you say yes, I will ask +41 79 123 45 67 too" in asked_a
