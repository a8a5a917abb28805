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


# Seeded synthetic streams' data files, as SHA-256 digests: any change to what the tool
# writes for a stream (reading, scoring, placing, totals, the files' format) shows here.
# The three retweet shares of the speed goals, each reader of JSON Lines, and streams of
# several blocks (5,000 lines each). A deliberate change regenerates them:
# UPDATE_DIGESTS=1 pytest tests/test_example.py -m slow -n 0
EXPECTED = REPO / "tests" / "data" / "expected"
STREAM_FILES = ("records.csv", "records.jsonl", "moments.csv", "series.csv", "series_wall.csv")
# (format, share of retweets, tweets)
STREAMS = [
    ("v1", 0.3, 3_000),
    ("v1", 0.0, 12_000),
    ("v1", 0.6, 12_000),
    ("v2", 0.3, 3_000),
    ("snscrape", 0.3, 3_000),
]


@pytest.mark.slow
@pytest.mark.parametrize(("fmt", "retweets", "tweets"), STREAMS)
def test_a_synthetic_stream_gives_the_pinned_data_files(
    tmp_path, fmt: str, retweets: float, tweets: int
) -> None:
    import hashlib
    import os

    from analyzer.matches import shipped
    from analyzer.synthetic import write_stream

    (tmp_path / "in").mkdir()
    write_stream(tmp_path / "in" / "s.jsonl", shipped().find("BEL-JPN"), tweets=tweets, fmt=fmt,
                 retweets=retweets, seed=7, lag=2.0)  # fmt: skip
    result = CliRunner().invoke(
        main,
        [str(tmp_path / "in"), "--match", "BEL-JPN", "--authors", "all", "--out",
         str(tmp_path / "out"), "--quiet"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    digests = "".join(
        f"{hashlib.sha256((tmp_path / 'out' / 'BEL-JPN' / name).read_bytes()).hexdigest()}  {name}\n"
        for name in STREAM_FILES
    )
    pinned = EXPECTED / f"synthetic_{fmt}_{round(retweets * 100)}_{tweets}.sha256"
    if os.environ.get("UPDATE_DIGESTS"):
        pinned.parent.mkdir(exist_ok=True)
        pinned.write_text(digests, encoding="utf-8")
    assert digests == pinned.read_text(encoding="utf-8")
