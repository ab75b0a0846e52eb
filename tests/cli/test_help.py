"""Every command has help with an example, and the README names every command."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from bilingual.cli import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        if isinstance(command, click.Group):
            yield from _commands(command, path)
        else:
            yield path


COMMANDS = list(_commands(main))


def test_the_commands_are_registered() -> None:
    names = {" ".join(path) for path in COMMANDS}
    expected = {"align", "check", "corpus list", "export", "publish", "po import", "score", "segment"}
    assert expected <= names
    assert {"glossary validate", "glossary convert", "glossary show"} <= names


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"bilingual {' '.join(path)} --help shows no example"


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_readme_documents_every_command(path: tuple[str, ...]) -> None:
    assert f"bilingual {' '.join(path)}" in README.read_text(encoding="utf-8")


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("bilingual, version ")


def test_unknown_option_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["segment", "--no-such-option"])
    assert result.exit_code == 2 and "No such option" in result.output
