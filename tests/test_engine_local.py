"""Pass one on several processes gives exactly what it gives on one."""

from __future__ import annotations

import os

import pandas as pd
import pytest

import analyzer
from analyzer import pipeline
from analyzer.aside import Aside, ChildFailed
from analyzer.engine.local import Memo, Stage
from analyzer.errors import InputError
from analyzer.ingest import Inputs, ReadOptions
from analyzer.matches import shipped
from analyzer.records import Author, Kind, Record, Source
from analyzer.sentiment import ScoringOptions
from analyzer.synthetic import write_stream

from .conftest import SAMPLES

FILES = (
    "records.csv",
    "records.jsonl",
    "records.parquet",
    "moments.csv",
    "series.csv",
    "series_wall.csv",
    "summary.json",
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("jobs")
    match = shipped().find("BEL-JPN")
    write_stream(folder / "a.jsonl", match, tweets=7000, fmt="v1", seed=21)
    write_stream(folder / "b.jsonl", match, tweets=5000, fmt="snscrape", seed=22)
    (folder / "articles").mkdir()
    for article in SAMPLES.iterdir():
        (folder / "articles" / article.name).write_bytes(article.read_bytes())
    return folder


def outputs(folder, out, *, jobs: int) -> dict[str, bytes]:
    with analyzer.analyze(folder, match="BEL-JPN", authors="all", jobs=jobs) as result:
        written = result.write(out)
    return {name: (written / name).read_bytes() for name in FILES}


def test_two_processes_give_the_same_files_as_one(folder, tmp_path, monkeypatch) -> None:
    # So this small input really uses a worker, and a second process to write.
    monkeypatch.setattr(pipeline, "SMALL_INPUT_BYTES", 0)
    monkeypatch.setattr(pipeline, "FORK_WRITER_ROWS", 0)
    monkeypatch.setattr("analyzer.ingest.folder.BLOCK_LINES", 1500)  # several blocks per file
    one = outputs(folder, tmp_path / "one", jobs=1)
    two = outputs(folder, tmp_path / "two", jobs=2)
    assert one == two
    assert b"a.jsonl" in one["records.csv"] and one["records.csv"].count(b"\n") > 12_000


def test_small_inputs_stay_in_one_process() -> None:
    inputs = Inputs(SAMPLES)
    assert inputs.size < pipeline.SMALL_INPUT_BYTES
    assert pipeline.effective_jobs(4, inputs) == 1
    assert pipeline.effective_jobs(None, inputs) == 1


def test_a_memo_forgets_its_oldest_entries_first() -> None:
    memo: Memo[str, int] = Memo(2)
    memo.put("a", 1)
    memo.put("b", 2)
    assert (memo.get("a"), memo.get("b")) == (1, 2)
    memo.put("c", 3)
    assert (memo.get("a"), memo.get("b"), memo.get("c"), len(memo)) == (None, 2, 3, 2)


def test_repeated_texts_are_scored_and_attributed_once(monkeypatch) -> None:
    # Retweets of one tweet, far apart in a stream: same score, same teams, one scoring.
    stage = Stage(shipped().find("BEL-JPN"), ScoringOptions.football(), ReadOptions())
    calls: list[str] = []
    score = stage.scorer.score

    def counted(text: str, **kwargs):
        calls.append(text)
        return score(text, **kwargs)

    monkeypatch.setattr(stage.scorer, "score", counted)
    text = "What a comeback by Belgium!!! Japan were so unlucky 😭"
    records = [
        Record(
            kind=Kind.TWEET, text=text, source=Source("f", n, 0, n - 1), author=Author(f"fan{n}")
        )
        for n in range(1, 4)
    ]
    first = stage.chunk(records[:2], format="twitter-v1", document=False)
    second = stage.chunk(records[2:], format="twitter-v1", document=False)
    rows = pd.concat([first, second], ignore_index=True)
    assert rows["compound"].nunique() == 1 and rows["compound"].iloc[0] > 0.5
    assert rows["teams"].tolist() == ["both"] * 3
    assert rows["home_compound"].nunique() == 1
    # The record once, then each of its two sentences once for the team moods.
    assert calls.count(text) == 1 and len(calls) == 3


def test_a_writer_aside_returns_its_result_or_raises_its_error(tmp_path) -> None:
    target = tmp_path / "x.txt"

    def write() -> int:
        target.write_text("written in a child")
        return os.getpid()

    child = Aside(write, fork=True).result()
    assert child != os.getpid() and target.read_text() == "written in a child"

    def fail() -> None:
        raise InputError(f"cannot write {target}: disk full")

    with pytest.raises(InputError, match="disk full"):
        Aside(fail, fork=True).result()
    with pytest.raises(ChildFailed, match="exit code 3"):
        Aside(lambda: os._exit(3), fork=True).result()
    assert Aside(os.getpid, fork=False).result() == os.getpid()
