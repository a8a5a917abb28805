"""Pass one on several processes gives exactly what it gives on one."""

from __future__ import annotations

import pytest

import analyzer
from analyzer import pipeline
from analyzer.ingest import Inputs
from analyzer.matches import shipped
from analyzer.synthetic import write_stream

from .conftest import SAMPLES

FILES = (
    "records.csv",
    "records.jsonl",
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
    monkeypatch.setattr(
        pipeline, "SMALL_INPUT_BYTES", 0
    )  # so this small input really uses a worker
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
