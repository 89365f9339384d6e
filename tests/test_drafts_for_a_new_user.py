"""What drafts say to people with names that are not "Given Family", and what they keep back
from topics in another language or about their family (a new user's trial)."""

from __future__ import annotations

import json
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, seed, settings
from hypothesis import strategies as st

from kith.cli.main import cli
from kith.drafts import phrases
from kith.drafts.greeting import called, first_name, full_name
from kith.drafts.render import INTRO_KINDS, KINDS
from kith.names import split_name
from kith.services.week import drafts
from kith.services.week.drafts import EMAIL_MAX_CHARS
from kith.store import open_store
from tests.conftest import Kith
from tests.test_drafts_reconnect import BAD, NOW, SECRET
from tests.test_names_as_meant import exchanged, write_eml, write_mbox


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
    assert full_name("🌻, Jr.") == ""
    assert full_name("Ana 🌻, Jr.") == "Ana, Jr."
    assert full_name("Dr. Kim") == "Dr. Kim"


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
        "Good to see you today. "
        "No need to reply at length; I hope all is well.\n"
    )


def test_a_parent_a_sibling_or_a_recovery_is_personal_and_not_said_back(kith: Kith) -> None:
    kith("add", "Grace Hopper", "--phone", "+447700900002")
    done = kith("log", "Grace", "long call", "-c", "call", "-t", "her dad's recovery")
    assert done.stderr == (
        'Drafts will not quote the topic "her dad\'s recovery": it touches on something '
        "personal, which is theirs to share. It is kept.\n"
    )
    assert kith("draft", "Grace", "--channel", "message").output == (
        "Hi Grace,\nGood to talk today. No need to reply at length; I hope all is well.\n"
    )
    assert phrases.topic("his sister's wedding") is None
    assert phrases.topic("her mum") is None
    assert phrases.topic("the injury at training") is None
    assert phrases.topic("her garden") == "your garden"


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


# Names of many shapes and scripts, as people are stored: the words a name is made of, and
# whole names that are something else (an address, a number, a handle, an emoji).
WORDS = (
    "Ana", "José", "O'Brien", "Mary-Jane", "X", "ZOË", "Ngũgĩ", "Nguyễn", "Łukasz", "Søren",
    "山田", "太郎", "王", "김", "민준", "やまだ", "محمد", "דוד", "Жанна", "प्रिया", "Zoe\u0308",
    "van", "de", "la", "🌻", "👩🏽‍💻", "Wolfeschlegelsteinhausenbergerdorff",
    "Van", "De", "bin", "von", "der", "y", "Nguyen",
)  # fmt: skip
WHOLE = (
    "🌻", "🌻🌻", "+41 79 123 45 67", "(0151) 234-5678", "jane.doe@example.org",
    "jdoe@example.org", "@sunny", "Dr. Ana María de la Cruz", "Castro, Ana", "John Smith, Jr.",
    'Robert "Bob" Smith', "R2-D2", "山田 太郎", "JOHN SMITH", "Contact A",
    "Ludwig van Beethoven", "Ursula von der Leyen", "Dick Van Dyke", "Thanh Van Nguyen",
    "Juan Carlos de la Torre y Mier", "van der Berg", "de Gaulle, Charles", "ana@x.org",
    "Ana Castro <ana@x.org>",
)  # fmt: skip
ANY_NAME = st.one_of(
    st.sampled_from(WHOLE),
    st.tuples(
        st.sampled_from(("", "Dr. ", "Prof ", "Mr ")),
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join),
        st.sampled_from(("", ", Jr.", "-Smith")),
    ).map("".join),
)
SECRET_WHY = "she needs a divorce lawyer"
NOW_TEXT = NOW.isoformat()


Said = tuple[str, str, str | None, str, int]


# How the first person comes to be known: added by hand, or by a mail import that reads their
# name from the headers (an mbox goes through the planned path, .eml files record by record).
ADDED_BY = ("add", "mbox", "eml")


def mailed(folder: Path, name: str, added_by: str) -> Path:
    """A message from the user to `name` and their reply, as an mbox or as .eml files."""
    if added_by == "mbox":
        return write_mbox(folder / "box.mbox", exchanged(1, name))
    return write_eml(folder / "mail", exchanged(1, name))


def said_by_kith(db: Path, name: str, other: str, added_by: str = "add") -> list[Said]:
    """Every message Kith writes to `name` (each kind of draft on each channel, the path ask)
    and to both sides of an introduction: (kind, to whom, subject, body, the channel's limit).
    Also checks that the first person's name is stored split as `split_name` splits it,
    however they were added."""

    def kith(*args: str) -> Any:
        result = CliRunner().invoke(cli, ["--db", str(db), "--now", NOW_TEXT, *args])
        assert result.exit_code == 0, (args, result.output)
        return json.loads(result.output) if "--json" in args else result.output

    kith("config", "set", "me.name", "Sam")
    if added_by == "add":
        kith("add", name, "--email", "one@example.org", "--birthday", "--11-25",
             "--interest", "community gardens", "--working-on", "a community garden")  # fmt: skip
    else:
        kith("import", str(mailed(db.parent, name, added_by)), "--me", "me@example.org")
        kith("edit", "#1", "--birthday", "--11-25", "--working-on", "a community garden")
        kith("interest", "#1", "community gardens")
    kith("add", other, "--email", "two@example.org", "--new")
    kith("note", "#1", f"PRIVATE {SECRET}")
    kith("log", "#1", f"PRIVATE {SECRET}", "-d", "in", "--when", "2026-11-20",
         "--topic", "the allotment", "-n", SECRET)  # fmt: skip
    kith("event", "add", "Local-first night", "--date", "2026-11-20")
    kith("met", "#1", "--at", "Local-first night", "--about", "her talk on sync engines")
    kith("save", "https://example.org/gardens", "--topics", "community gardens",
         "--title", "Gardens that last")  # fmt: skip
    store = open_store(db)
    try:
        first, second = store.people.load([1, 2])
        assert (first.given_name, first.family_name) == split_name(first.name), added_by
        written = [
            drafts.draft(store, 1, kind, None, NOW, channel)
            for kind in KINDS
            for channel in ("email", "message", "social", "in_person")
        ]
        written.append(drafts.path_ask(store, 1, other, other, None, NOW))
    finally:
        store.close()
    said = [(w.kind, 1, w.draft.subject, w.draft.body, w.limit or EMAIL_MAX_CHARS) for w in written]
    steps = (("--why", SECRET_WHY), ("--agreed",), (), ("--agreed",), ("--introduced",))
    for step in steps:
        for shown in kith("intro", "#1", "#2", *step, "--json")["drafts"]:
            to = shown["person"]["id"]
            said.append((shown["kind"], to, shown["subject"], shown["draft"], shown["max_chars"]))
    names = {1: first.name, 2: second.name}  # a mail header's name as the import read it
    return [(kind, names[to], *rest) for kind, to, *rest in said]


def greeting_for(kind: str, to: str, other: str) -> str:
    """The greeting a message should open with ("" for none), by the greeting's own rules."""
    if kind == "introduce":
        return f"Hi {called(to, split_name(to)[0])} and {called(other, split_name(other)[0])},"
    greeted = first_name(to, split_name(to)[0])
    return f"Hi {greeted}," if greeted else ""


# What each introduction's message must keep for any name: whom it is about.
NAMING = {
    "intro_ask_a": "Would you like me to introduce you to ",
    "intro_ask_b": "Would you like me to introduce you to ",
    "introduce": "As promised, here you are in one thread.",
    "intro_follow_up": "How did it go with ",
}


@seed(20261207)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=ANY_NAME, other=ANY_NAME, added_by=st.sampled_from(ADDED_BY))
@example("Ludwig van Beethoven", "Dick Van Dyke", "mbox")  # particles; the planned mail path
@example("ana@x.org", "van der Berg", "eml")  # an address for a name; mail record by record
@example("Castro, Ana", "Juan Carlos de la Torre y Mier", "mbox")
@example("Ana Castro <ana@x.org>", "Thanh Van Nguyen", "add")
@example("dr. amy o'neil-smith", "P. Natarajan", "add")  # lower case; an initial
@example("X Æ A-12", "ilkay gündoğan", "mbox")
def test_every_message_kith_writes_reads_well_for_any_name(
    name: str, other: str, added_by: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        said = said_by_kith(Path(folder) / "k.db", name, other, added_by)
    assert {kind for kind, *_ in said} == {*KINDS, *INTRO_KINDS}
    names = {to for _, to, *_ in said}
    for kind, to, subject, body, limit in said:
        text = f"{subject or ''}\n{body}"
        assert body.strip() == body, (kind, body)
        assert not any(bad.search(text) for bad in BAD), (kind, text)
        assert not any(unicodedata.category(ch) == "So" for ch in text), (kind, text)
        assert not any(private in text for private in (SECRET, "PRIVATE", SECRET_WHY)), text
        assert len(body) <= limit
        assert NAMING.get(kind, "") in body
        (partner,) = names - {to} or {to}
        opening = greeting_for(kind, to, partner)
        assert body.startswith(opening) if opening else not body.startswith("Hi"), (kind, body)
        greeted = first_name(to, split_name(to)[0])
        assert "@" not in greeted  # an address, a number or an emoji is not greeted
        assert greeted == "" or any(ch.isalpha() for ch in greeted)


def test_someone_is_called_by_their_first_name_else_their_name_as_said_else_a_prompt() -> None:
    assert called("Dr. Ana María de la Cruz") == "Ana"
    assert called("+41 79 123 45 67") == "+41 79 123 45 67"
    assert called("jdoe@example.org") == "jdoe@example.org"
    assert called("🌻 🌻") == "[their name]"


def test_someone_added_by_their_number_and_renamed_is_greeted_by_their_new_name(
    kith: Kith,
) -> None:
    kith("add", "+15550000009")
    kith("edit", "+15550000009", "--name", "Jane Doe")
    assert kith("draft", "Jane", "--channel", "message").output.startswith("Hi Jane,\n")


def test_a_rename_splits_the_new_name_unless_the_parts_were_not_kiths_split(
    kith: Kith, db_path: Path
) -> None:
    kith("add", "Bob Jones")
    kith("add", "Ana Cruz")
    kith("add", "Dee Smith")
    store = open_store(db_path)
    with store.transaction():  # as an import's N gives them
        store.connection.execute("UPDATE person SET given_name = 'Deedee' WHERE id = 3")
        store.connection.execute(
            "UPDATE person SET given_name = NULL, family_name = NULL WHERE id = 2"
        )
    store.close()
    kith("edit", "Bob", "--name", "Robert Smith")
    kith("edit", "Ana", "--name", "山田 花子")
    kith("edit", "Dee", "--name", "Dee Smith-Jones")
    store = open_store(db_path)
    try:
        people = store.people.load([1, 2, 3])
    finally:
        store.close()
    assert [(p.given_name, p.family_name) for p in people] == [
        ("Robert", "Smith"),
        ("花子", "山田"),
        ("Deedee", "Smith"),
    ]
