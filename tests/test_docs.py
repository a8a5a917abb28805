"""The README stays true: its set-up commands, and the column tables the writers produce."""

from __future__ import annotations

import os
import re

import pytest
from click.testing import CliRunner

from analyzer.cli import main
from analyzer.schema import (
    MOMENT_COLUMNS,
    RECORD_COLUMNS,
    SERIES_COLUMNS,
    WALL_SERIES_COLUMNS,
    Column,
)

from .conftest import REPO

README_PATH = REPO / "README.md"
README = README_PATH.read_text(encoding="utf-8")
# UPDATE_DOCS=1 pytest tests/test_docs.py rewrites the generated README blocks in place.
UPDATE = os.environ.get("UPDATE_DOCS") == "1"


def check_block(marker: str, expected: str) -> None:
    """The README's text between <!-- marker --> and <!-- /marker --> is ``expected``.

    With UPDATE_DOCS=1 the block is rewritten instead.
    """
    block = re.compile(rf"(<!-- {marker} -->\n)(.*?)(\n<!-- /{marker} -->)", re.S)
    text = README_PATH.read_text(encoding="utf-8")
    m = block.search(text)
    assert m, f"README has no {marker} block"
    if UPDATE and m.group(2) != expected:
        README_PATH.write_text(block.sub(lambda x: x[1] + expected + x[3], text), encoding="utf-8")
        return
    assert m.group(2) == expected, "run: UPDATE_DOCS=1 pytest tests/test_docs.py"


def schema_table(columns: tuple[Column, ...]) -> str:
    rows = ["| column | type | meaning |", "|---|---|---|"]
    rows += [f"| `{c.name}` | {c.type_name} | {c.description} |" for c in columns]
    return "\n".join(rows)


@pytest.mark.parametrize(
    ("marker", "columns"),
    [
        ("records-schema", RECORD_COLUMNS),
        ("moments-schema", MOMENT_COLUMNS),
        ("series-schema", SERIES_COLUMNS),
        ("wall-series-schema", WALL_SERIES_COLUMNS),
    ],
)
def test_the_readme_documents_every_column_as_written(
    marker: str, columns: tuple[Column, ...]
) -> None:
    check_block(marker, schema_table(columns))


def console(*args: str) -> str:
    """A command's output as the README shows it: the prompt line, then what it printed."""
    result = CliRunner().invoke(main, list(args), prog_name="analyze", terminal_width=88)
    assert result.exit_code == 0, result.output
    return "```console\n$ analyze " + " ".join(args) + "\n" + result.output.rstrip() + "\n```"


@pytest.mark.parametrize(
    ("marker", "args"),
    [
        ("help", ("--help",)),
        ("run-help", ("run", "--help")),
        ("score-help", ("score", "--help")),
        ("matches-example", ("matches", "--team", "JPN", "--year", "2018")),
    ],
)
def test_the_readme_shows_the_commands_as_they_are(marker: str, args: tuple[str, ...]) -> None:
    check_block(marker, console(*args))


def test_the_readme_opens_with_exactly_two_set_up_commands() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert first_block
    commands = first_block.group(1).strip().splitlines()
    assert len(commands) == 2
    assert commands[0].endswith("analyze tweets/ --match BEL-JPN")
    assert commands[1].endswith("pytest") and "'.[test]'" in commands[1]


def test_ci_runs_the_readmes_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    pattern = re.search(r'grep -m1 -E "(.+?)" README.md', ci)
    assert pattern
    [line] = [line for line in README.splitlines() if re.search(pattern.group(1), line)][:1]
    assert line.endswith("pytest")
