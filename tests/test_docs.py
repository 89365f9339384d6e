"""Tests that police the docs: every command has help with an example and a page in docs/cli.md,
and the README opens with the two commands a new user needs."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import click
import pytest

import kith.cli
from kith.cli.commands import TABLE, load
from kith.cli.reference import END, START, every_command, reference, top_help

ROOT = Path(__file__).resolve().parent.parent
ALL = [(name, command, ctx) for name, command, ctx in every_command()]


def test_the_command_table_names_every_command_the_modules_define() -> None:
    defined = set()
    for module_info in pkgutil.walk_packages(kith.cli.__path__, "kith.cli."):
        if module_info.name.rpartition(".")[2].startswith("export_"):
            continue  # subcommands of `kith export`, added to that group by kith.cli.exports.data
        module = import_module(module_info.name)
        defined |= {c.name for c in getattr(module, "COMMANDS", [])}
    assert defined == set(TABLE)


@pytest.mark.parametrize("name", sorted(TABLE))
def test_the_short_help_in_the_table_is_the_commands_own(name: str) -> None:
    command = load(name)
    assert command is not None
    assert command.get_short_help_str(limit=60) == TABLE[name][1]


@pytest.mark.parametrize(("name", "command", "ctx"), ALL, ids=[n for n, _, _ in ALL])
def test_every_command_has_help_with_an_example(
    name: str, command: click.Command, ctx: click.Context
) -> None:
    text = command.get_help(ctx)
    assert "Example:\n" in text
    assert f"    {name}" in text.split("Example:\n", 1)[1]


def test_the_reference_in_docs_cli_md_is_up_to_date() -> None:
    page = (ROOT / "docs" / "cli.md").read_text("utf-8")
    generated = page[page.index(START) : page.index(END) + len(END)]
    assert generated == reference(), "run `make docs` to regenerate docs/cli.md"


def test_the_help_kith_prints_without_click_is_clicks_own() -> None:
    from kith.cli.help_text import TEXT

    assert top_help() == TEXT, "run `make docs` to regenerate src/kith/cli/help_text.py"


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_kith_help_imports_neither_click_nor_the_store(flag: str) -> None:
    script = (
        "import sys\n"
        f"sys.argv = ['kith', {flag!r}]\n"
        "from kith.cli.entry import main\n"
        "main()\n"
        "print([m for m in ('click', 'kith.cli.main', 'sqlite3') if m in sys.modules])\n"
    )
    env = {**os.environ, "COLUMNS": "120"}
    ran = subprocess.run(
        [sys.executable, "-c", script], check=False, capture_output=True, text=True, env=env
    )
    *text, loaded = ran.stdout.split("\n")[:-1]
    assert loaded == "[]"
    assert "\n".join(text) + "\n" == top_help()


def test_a_terminal_narrower_than_80_columns_gets_clicks_own_wrapping() -> None:
    env = {**os.environ, "COLUMNS": "60"}
    script = "from kith.cli.entry import main\nmain()\n"
    ran = subprocess.run(
        [sys.executable, "-c", script, "--help"],
        check=False,
        capture_output=True,
        text=True,
        env=env,
    )
    assert ran.returncode == 0
    assert ran.stdout != top_help()
    assert ran.stdout.replace("Usage: -c", "Usage: kith") == top_help(60)


def test_the_readme_opens_with_make_run_and_make_test() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    first_block = readme.split("```", 2)[1]
    assert "make run" in first_block
    assert "make test" in first_block


@pytest.mark.parametrize("page", ["tutorial.md", "architecture.md", "threat-model.md", "cli.md"])
def test_the_docs_a_newcomer_needs_exist(page: str) -> None:
    assert (ROOT / "docs" / page).stat().st_size > 1000
