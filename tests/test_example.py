"""The example report committed in reports/BEL-JPN/ is what the README's first command writes today."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from analyzer.cli import main

from .conftest import REPO

EXAMPLE = REPO / "reports" / "BEL-JPN"
# The data files: text, deterministic, and what a reader of the repo joins on. The PNG and
# the HTML (which inlines it) depend on the installed FreeType build, so they are left out.
COMPARED = ("records.csv", "records.jsonl", "moments.csv", "summary.json", "mood.svg")


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    out = tmp_path_factory.mktemp("example")
    result = CliRunner().invoke(
        main, [str(REPO / "tweets"), "--match", "BEL-JPN", "--out", str(out), "--quiet"]
    )
    assert result.exit_code == 0, result.output
    return out / "BEL-JPN"


@pytest.mark.parametrize("name", COMPARED)
def test_the_committed_example_is_up_to_date(fresh, name: str) -> None:
    assert (fresh / name).read_bytes() == (EXAMPLE / name).read_bytes(), (
        f"reports/BEL-JPN/{name} is stale: run `analyze tweets/ --match BEL-JPN` and commit it"
    )
