"""Names split as people mean them: a family name with its particles ("van Beethoven"), and the
people a mail or chat import adds split as `kith add` splits them."""

from __future__ import annotations

from email.utils import formataddr
from pathlib import Path

from kith.names import name_columns, split_name
from kith.store import open_store
from tests.conftest import Kith


def test_a_family_name_keeps_the_particles_before_it() -> None:
    assert split_name("Ludwig van Beethoven") == ("Ludwig", "van Beethoven")
    assert split_name("Ursula von der Leyen") == ("Ursula", "von der Leyen")
    assert split_name("Charles de Gaulle") == ("Charles", "de Gaulle")
    assert split_name("Leonardo da Vinci") == ("Leonardo", "da Vinci")
    assert split_name("Mohammed bin Salman") == ("Mohammed", "bin Salman")
    assert split_name("Vincent van Gogh") == ("Vincent", "van Gogh")
    assert split_name("Diego de la Vega") == ("Diego", "de la Vega")
    assert split_name("Ana María de la Cruz") == ("Ana María", "de la Cruz")
    assert split_name("Maria do Carmo") == ("Maria", "do Carmo")


def test_a_capitalised_particle_opens_a_family_name_as_in_america_and_belgium() -> None:
    assert split_name("Dick Van Dyke") == ("Dick", "Van Dyke")
    assert split_name("Jean-Claude Van Damme") == ("Jean-Claude", "Van Damme")
    assert split_name("Robert De Niro") == ("Robert", "De Niro")
    assert split_name("Lana Del Rey") == ("Lana", "Del Rey")
    assert split_name("LUDWIG VAN BEETHOVEN") == ("LUDWIG", "VAN BEETHOVEN")


def test_a_capitalised_first_word_is_a_given_name_even_when_it_could_be_a_particle() -> None:
    assert split_name("Van Morrison") == ("Van", "Morrison")
    assert split_name("Van der Berg") == ("Van", "der Berg")
    assert split_name("Anh Le") == ("Anh", "Le")


def test_a_name_that_is_only_a_family_name_with_its_particles_has_no_given_name() -> None:
    assert split_name("van der Berg") == (None, "van der Berg")
    assert split_name("de Gaulle") == (None, "de Gaulle")
    assert split_name("de Gaulle, Charles") == ("Charles", "de Gaulle")


def test_a_vietnamese_names_van_or_le_is_a_middle_name_not_a_particle() -> None:
    assert split_name("Thanh Van Nguyen") == ("Thanh Van", "Nguyen")
    assert split_name("Minh Le Tran") == ("Minh Le", "Tran")
    assert split_name("Nguyen Van Anh") == ("Nguyen Van", "Anh")
    assert split_name("Thanh van Nguyen") == ("Thanh", "van Nguyen")  # lower case: a particle


def test_family_names_joined_by_y_e_or_i_are_one_family_name() -> None:
    assert split_name("Juan Carlos de la Torre y Mier") == ("Juan Carlos", "de la Torre y Mier")
    assert split_name("Maria Silva e Sousa") == ("Maria", "Silva e Sousa")
    assert split_name("Josep Puig i Cadafalch") == ("Josep", "Puig i Cadafalch")
    assert split_name("Ana y Mier") == ("Ana y", "Mier")  # no family name before "y"


def test_an_email_address_is_no_part_of_a_split() -> None:
    assert split_name("ana@x.org") == (None, None)
    assert split_name("Ana Castro <ana@x.org>") == ("Ana", "Castro")
    assert split_name("Ana (ana@x.org)") == ("Ana", None)
    assert name_columns("ana@x.org") == {"given_name": None, "family_name": None}


MAIL_NAMES = (
    "Castro, Ana",
    "Ana Castro",
    "ana@x.org",
    "Ludwig van Beethoven",
    "van der Berg",
    "Thanh Van Nguyen",
)


def exchanged(number: int, name: str) -> list[str]:
    """A message from the user to `name` and their reply: two-way, so they become a person."""
    them = formataddr((name, f"p{number}@example.org"), charset="utf-8")
    return [
        f"From: Sam <me@example.org>\nTo: {them}\nSubject: hello {number}\n"
        f"Date: Mon, 16 Nov 2026 10:0{number}:00 +0000\nMessage-ID: <a{number}@example.org>\n\n"
        "hello\n",
        f"From: {them}\nTo: me@example.org\nSubject: Re: hello {number}\n"
        f"Date: Tue, 17 Nov 2026 10:0{number}:00 +0000\nMessage-ID: <b{number}@example.org>\n\n"
        "hi back\n",
    ]


def write_mbox(path: Path, messages: list[str]) -> Path:
    postmark = "From me@example.org Mon Nov 16 10:00:00 2026\n"
    path.write_text("".join(f"{postmark}{message}\n" for message in messages), encoding="utf-8")
    return path


def write_eml(folder: Path, messages: list[str]) -> Path:
    folder.mkdir()
    for number, message in enumerate(messages):
        (folder / f"{number}.eml").write_text(message, encoding="utf-8")
    return folder


def split_as_stored(db_path: Path) -> dict[str, tuple[str | None, str | None]]:
    store = open_store(db_path)
    try:
        rows = store.connection.execute(
            "SELECT display_name, given_name, family_name FROM person ORDER BY id"
        ).fetchall()
    finally:
        store.close()
    return {name: (given, family) for name, given, family in rows}


def test_people_an_mbox_import_adds_are_split_as_kith_add_splits_them(
    kith: Kith, tmp_path: Path, db_path: Path
) -> None:
    messages = [m for number, name in enumerate(MAIL_NAMES) for m in exchanged(number, name)]
    box = write_mbox(tmp_path / "box.mbox", messages)
    assert kith("import", str(box), "--me", "me@example.org").exit_code == 0
    assert split_as_stored(db_path) == {
        "Castro, Ana": ("Ana", "Castro"),
        "Ana Castro": ("Ana", "Castro"),
        "ana@x.org": (None, None),
        "Ludwig van Beethoven": ("Ludwig", "van Beethoven"),
        "van der Berg": (None, "van der Berg"),
        "Thanh Van Nguyen": ("Thanh Van", "Nguyen"),
    }
    assert kith("draft", "Castro, Ana", "--channel", "message").output.startswith("Hi Ana,\n")
    assert kith("draft", "Ludwig", "--channel", "message").output.startswith("Hi Ludwig,\n")
    assert kith("draft", "ana@x.org", "--channel", "message").output.startswith("Thank you")


def test_people_an_eml_import_adds_are_split_as_kith_add_splits_them(
    kith: Kith, tmp_path: Path, db_path: Path
) -> None:
    messages = [m for number, name in enumerate(MAIL_NAMES[:3]) for m in exchanged(number, name)]
    folder = write_eml(tmp_path / "mail", messages)
    assert kith("import", str(folder), "--me", "me@example.org").exit_code == 0
    assert split_as_stored(db_path) == {
        "Castro, Ana": ("Ana", "Castro"),
        "Ana Castro": ("Ana", "Castro"),
        "ana@x.org": (None, None),
    }


CHAT = """\
14/03/2024, 09:00 - Sam Rivera: Are you free on Friday?
14/03/2024, 09:05 - Ludwig van Beethoven: Yes, after the rehearsal
"""


def test_someone_a_chat_import_adds_is_split_as_kith_add_splits_them(
    kith: Kith, tmp_path: Path, db_path: Path
) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(CHAT, encoding="utf-8")
    assert kith("import", str(chat), "--me", "Sam Rivera").exit_code == 0
    assert split_as_stored(db_path) == {"Ludwig van Beethoven": ("Ludwig", "van Beethoven")}
    kith("add", "Vincent van Gogh")
    assert split_as_stored(db_path)["Vincent van Gogh"] == ("Vincent", "van Gogh")
