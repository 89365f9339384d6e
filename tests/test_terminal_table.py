"""A table on a terminal of more than FIRST_ROWS rows (`kith list` of everyone, issue 15): the
header and the first rows through rich, the rest formatted as rich formats them; the text is
byte for byte rich's own rendering of the whole table, whatever the cells hold."""

from __future__ import annotations

import io

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.table import Column, Table

from kith.cli import render

HEADERS = ("id", "name", "company", "tags", "last contact")


def console(width: int = 120) -> Console:
    return Console(file=io.StringIO(), force_terminal=True, width=width, color_system="standard")


def rows(count: int, odd: dict[int, list[str]] | None = None) -> list[list[str]]:
    made = [
        [
            str(i),
            f"Person {i:05d}",
            f"Company {i % 7}" if i % 3 else "",
            "a, b" if i % 5 else "",
            f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}" if i % 4 else "",
        ]
        for i in range(count)
    ]
    for i, row in (odd or {}).items():
        made[i] = row
    return made


def as_rich(table_rows: list[list[str]], width: int = 120) -> str:
    shown = console(width)
    render._rich_table(HEADERS, table_rows, None, shown)
    return shown.file.getvalue()  # type: ignore[attr-defined]


def as_columns(table_rows: list[list[str]], width: int = 120) -> str:
    shown = console(width)
    render.terminal_columns(HEADERS, list(zip(*table_rows, strict=True)), shown)
    return shown.file.getvalue()  # type: ignore[attr-defined]


def test_a_long_plain_table_is_rich_s_own_text_without_rich_rendering_its_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    table_rows = rows(3_000)
    expected = as_rich(table_rows)

    def whole(*args: object) -> None:
        raise AssertionError("the whole table went through rich")

    monkeypatch.setattr(render, "_rich_table", whole)
    assert as_columns(table_rows) == expected
    assert expected.count("\n") == 3_002  # the header, its rule, every row


@pytest.mark.parametrize(
    "cell",
    [
        "José Álvarez",  # accents: one cell each
        "山田 太郎",  # wide characters: two cells each
        "e\u0301mile",  # a combining accent: no cell of its own
        "[bold]Bo[/bold]",  # markup
        "Smile :smile: Co",  # an emoji code
        " Edge ",  # spaces at the edges
        "Tab\there",  # not printable
        "",
    ],
)
def test_any_cell_gives_rich_s_own_text(cell: str) -> None:
    table_rows = rows(120, {3: ["3", cell, cell, "x", "2026-01-02"], 90: ["90", "Z", cell, "", ""]})
    assert as_columns(table_rows) == as_rich(table_rows)


def test_a_short_table_wider_than_the_terminal_is_wrapped_by_rich() -> None:
    table_rows = rows(render.FIRST_ROWS, {5: ["5", "A" * 70, "B" * 40, "t", "2026-01-02"]})
    assert as_columns(table_rows, width=100) == as_rich(table_rows, width=100)
    assert as_columns(table_rows, width=60) == as_rich(table_rows, width=60)


def test_a_long_table_wider_than_the_terminal_is_cut_to_it_without_rich_rendering_its_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    table_rows = rows(3_000, {5: ["5", "A" * 70, " ".join(["山田"] * 20), "t", "2026-01-02"]})

    def whole(*args: object) -> None:
        raise AssertionError("the whole table went through rich")

    monkeypatch.setattr(render, "_rich_table", whole)
    text = as_columns(table_rows, width=80)
    lines = text.splitlines()
    assert len(lines) == 3_002  # one line a row: nothing wrapped
    assert max(cell_len(line) for line in lines[1:]) == 80  # the header holds escape codes
    assert lines[7].split("│") == [
        " 5    ",
        " AAAAAAAAAAAAAAAAAAAAAA… ",
        " 山田 山田 山田 山田 山… ",
        " t    ",
        " 2026-01-02   ",
    ]
    assert lines[-1].split("│") == [
        " 2999 ",
        " Person 02999            ",
        " Company 3               ",
        " a, b ",
        " 2026-12-04   ",
    ]


def test_a_long_table_cut_to_the_terminal_is_what_rich_prints_at_those_widths() -> None:
    table_rows = rows(200, {60: ["60", "Ö" * 90, "x", "t", ""]})
    shown = console(72)
    render.terminal_columns(HEADERS, list(zip(*table_rows, strict=True)), shown)
    text = shown.file.getvalue()  # type: ignore[attr-defined]
    widths = [len(cell) - 2 for cell in text.splitlines()[2].split("│")]
    assert sum(widths) + 3 * len(widths) - 1 == 72
    titles = [
        Column(h, width=w, no_wrap=True, overflow="ellipsis")
        for h, w in zip(HEADERS, widths, strict=True)
    ]
    grid = Table(*titles, show_edge=False)
    for row in table_rows:
        grid.add_row(*row)
    expected = console(72)
    expected.print(grid)
    assert text == expected.file.getvalue()  # type: ignore[attr-defined]


def test_a_short_table_and_an_empty_one_are_rich_s() -> None:
    for table_rows in (rows(render.FIRST_ROWS), rows(render.FIRST_ROWS + 1), []):
        columns = list(zip(*table_rows, strict=True)) or [()] * len(HEADERS)
        shown = console()
        render.terminal_columns(HEADERS, columns, shown)
        assert shown.file.getvalue() == as_rich(table_rows)  # type: ignore[attr-defined]
