"""Pass one on several processes gives exactly what it gives on one."""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading

import pandas as pd
import pytest
from click.testing import CliRunner

import analyzer
from analyzer import pipeline
from analyzer.cli import main
from analyzer.engine import local
from analyzer.engine.collector import MIDDLE_EVERY, OLD_EVERY, YOUNG_THRESHOLD
from analyzer.engine.local import LocalEngine
from analyzer.engine.work import BlockResult, Memo, PassOne, work_on
from analyzer.errors import EngineError
from analyzer.ingest import Inputs, ReadOptions
from analyzer.ingest.folder import LineBlock
from analyzer.matches import shipped
from analyzer.records import Author, Kind, Record, Source
from analyzer.sentiment import ScoringOptions
from analyzer.settings import Settings
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
        written = analyzer.write_outputs(result, out).folder
    return {name: (written / name).read_bytes() for name in FILES}


@pytest.mark.slow
def test_two_processes_give_the_same_files_as_one(folder, tmp_path, monkeypatch) -> None:
    # So this small input really uses a worker, and a second process to write.
    monkeypatch.setattr(pipeline, "SMALL_INPUT_BYTES", 0)
    monkeypatch.setattr("analyzer.ingest.folder.BLOCK_LINES", 1500)  # several blocks per file
    one = outputs(folder, tmp_path / "one", jobs=1)
    two = outputs(folder, tmp_path / "two", jobs=2)
    assert one == two
    assert b"a.jsonl" in one["records.csv"] and one["records.csv"].count(b"\n") > 12_000


def test_small_inputs_stay_in_one_process() -> None:
    inputs = Inputs(SAMPLES)
    assert inputs.size < pipeline.SMALL_INPUT_BYTES
    assert pipeline.effective_jobs(Settings(match="BEL-JPN", jobs=4), inputs) == 1
    assert pipeline.effective_jobs(Settings(match="BEL-JPN"), inputs) == 1


def test_a_memo_forgets_its_oldest_entries_first() -> None:
    memo: Memo[str, int] = Memo(2)
    memo.put("a", 1)
    memo.put("b", 2)
    assert (memo.get("a"), memo.get("b")) == (1, 2)
    memo.put("c", 3)
    assert (memo.get("a"), memo.get("b"), memo.get("c"), len(memo)) == (None, 2, 3, 2)


def test_repeated_texts_are_scored_and_attributed_once(monkeypatch) -> None:
    # Retweets of one tweet, far apart in a stream: same score, same teams, one scoring.
    stage = PassOne(shipped().find("BEL-JPN"), ScoringOptions.football(), ReadOptions())
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
    assert rows["home_mood"].nunique() == 1
    # The record once, then each of its two sentences once for the team moods.
    assert calls.count(text) == 1 and len(calls) == 3


def test_team_moods_do_not_depend_on_what_the_process_saw_before() -> None:
    # Which blocks a worker reads before this one is up to the scheduler (--jobs 2, Dask):
    # a text's team moods must come from its own record alone. The same words declared
    # Spanish are not scored, declared English they are, in either order.
    text = "Vamos Japan, que golazo increíble"

    def record(n: int, lang: str) -> Record:
        source = Source("f", n, 0, n - 1)
        return Record(
            kind=Kind.TWEET, text=text, source=source, author=Author(f"fan{n}"), lang=lang
        )

    def moods(*records: Record) -> dict[str, tuple[float, float]]:
        stage = PassOne(shipped().find("BEL-JPN"), ScoringOptions.football(), ReadOptions())
        chunks = [stage.chunk([r], format="twitter-v1", document=False) for r in records]
        rows = pd.concat(chunks, ignore_index=True)
        return {r.lang: (r.mood, r.away_mood) for r in rows.itertuples()}

    spanish, english = record(1, "es"), record(2, "en")
    first_spanish, first_english = moods(spanish, english), moods(english, spanish)
    mood, japan = first_english["en"]
    assert mood > 0.7 and japan == mood
    assert all(pd.isna(x) for x in first_english["es"])
    assert str(sorted(first_spanish.items())) == str(sorted(first_english.items()))  # NaN too


def test_each_unit_gives_the_same_slice_in_any_order(tmp_path) -> None:
    # A worker keeps memos across the units it happens to get; they may save work, never
    # change a result. Units in order and in reverse, each on a fresh PassOne.
    match = shipped().find("BEL-JPN")
    write_stream(tmp_path / "a.jsonl", match, tweets=2000, fmt="v1", retweets=0.4, seed=23)
    # Real streams tag the same words with different languages ("en", "und", "es"...).
    lines = (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    tags = ('"lang":"en"', '"lang":"und"', '"lang":"es"')
    lines = [line.replace('"lang":"en"', tags[n % 3]) for n, line in enumerate(lines)]
    (tmp_path / "a.jsonl").write_text("".join(lines), encoding="utf-8")
    (tmp_path / "article.txt").write_bytes((SAMPLES / "001_f94c4db15e66a882.txt").read_bytes())
    units = list(Inputs(tmp_path).work(block_lines=250))
    assert len(units) == 9

    def slices(order: list[int]) -> dict[int, pd.DataFrame]:
        work = PassOne(match, ScoringOptions.for_scorer("learned"), ReadOptions())
        return {i: work_on(units[i], work).chunk for i in order}

    forward = slices(list(range(len(units))))
    backward = slices(list(reversed(range(len(units)))))
    for i, chunk in forward.items():
        pd.testing.assert_frame_equal(chunk, backward[i])


class DyingWork(PassOne):
    """Pass one whose every block kills the process that reads it (as the OOM killer would)."""

    def block(self, block: LineBlock) -> BlockResult:
        os._exit(3)

    def __reduce__(self):  # rebuilt as itself in the worker, not as a plain PassOne
        return DyingWork, (self.timeline.match, self.scorer.options, self.read_options)


@pytest.mark.slow
def test_a_worker_that_dies_is_named_with_the_block_it_held() -> None:
    work = DyingWork(shipped().find("BEL-JPN"), ScoringOptions.football(), ReadOptions())
    engine = LocalEngine(work, jobs=2)
    block = LineBlock("streams/big.jsonl", "twitter-v1", '{"id": 1}\n', line=5001, offset=0)
    try:
        with pytest.raises(EngineError) as raised:
            list(engine.run([block]))
    finally:
        engine.close()
    assert str(raised.value) == (
        "a worker process died while reading streams/big.jsonl (the block from line 5001) "
        "(killed, or out of memory); run again with --jobs 1 to read it in this process"
    )
    assert multiprocessing.active_children() == []


@pytest.mark.slow
def test_analyze_leaves_the_process_as_it_found_it(folder, monkeypatch) -> None:
    # Three runs in one process, as in a notebook: nothing frozen, forked or left running.
    monkeypatch.setattr(pipeline, "SMALL_INPUT_BYTES", 0)  # so the runs start workers
    frozen, threads = gc.get_freeze_count(), threading.active_count()
    pace = gc.get_threshold()
    for _ in range(3):
        with analyzer.analyze(folder, match="BEL-JPN", jobs=2) as result:
            assert result.jobs == 2
    assert gc.get_freeze_count() == frozen
    assert gc.get_threshold() == pace  # the collector's pace is the command line's to set
    assert threading.active_count() <= threads  # earlier tests' threads may end meanwhile
    assert multiprocessing.active_children() == []


def test_the_command_line_and_the_workers_collect_less_often(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(local, "_WORK", None)  # restored after the test
    pace = gc.get_threshold()
    ours = (YOUNG_THRESHOLD, MIDDLE_EVERY, OLD_EVERY)
    try:
        gc.set_threshold(700, 10, 10)  # CPython's defaults (an earlier CLI test may have run here)
        result = CliRunner().invoke(
            main, [str(SAMPLES), "--match", "BEL-JPN", "--out", str(tmp_path), "--quiet"]
        )
        assert result.exit_code == 0, result.output
        assert gc.get_threshold() == ours
        gc.set_threshold(700, 10, 10)
        work = PassOne(shipped().find("BEL-JPN"), ScoringOptions.football(), ReadOptions())
        local._start_worker(work)  # what a worker process runs first
        assert gc.get_threshold() == ours
    finally:
        gc.set_threshold(*pace)
