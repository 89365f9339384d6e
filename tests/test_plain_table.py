"""A table printed to a pipe or a file lines up as a terminal shows it: a name with an emoji or
East Asian characters (two cells each) or a combining accent (none) is padded by its cells,
not its characters (trial 5, #14: such rows were one column off)."""

from __future__ import annotations

from kith.cli.plain import plain_text
from tests.conftest import Kith


def test_a_piped_list_lines_up_names_with_an_emoji_east_asian_characters_or_a_combining_accent(
    kith: Kith,
) -> None:
    for name in ("José Ñúñez 🎸", "李 小龙", "Zoe\u0308 Bauer", "Ada Lovelace"):
        kith("add", name, "--company", "Acme")
    assert kith("list").output.splitlines() == [
        "id  name           company  tags  last contact",
        "4   Ada Lovelace   Acme",
        "1   José Ñúñez 🎸  Acme",
        "3   Zoe\u0308 Bauer      Acme",
        "2   李 小龙        Acme",
    ]


def test_a_column_of_latin_names_is_padded_by_characters_and_a_wide_one_by_cells() -> None:
    table = plain_text(
        ("name", "company", "city"),
        [["Søren", "Małgorzata"], ["Ünal GmbH", "東京 Lab"], ["Oslo", "Tokyo"]],
    )
    assert table.splitlines() == [
        "name        company    city",
        "Søren       Ünal GmbH  Oslo",
        "Małgorzata  東京 Lab   Tokyo",
    ]
