"""A match's worth of synthetic tweets through the whole pipeline: the lag, spikes and shifts come out where put."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

import analyzer
from analyzer.matches import shipped
from analyzer.synthetic import write_stream

from .conftest import DATA, SAMPLES

LAG = 2.0


@pytest.fixture(scope="module")
def stream_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stream")
    match = shipped().find("BEL-JPN")
    write_stream(
        folder / "bel-jpn.jsonl", match, tweets=15_000, fmt="v1", retweets=0.3, lag=LAG, seed=11
    )
    shutil.copytree(SAMPLES, folder / "articles")  # articles and exports mix in one folder
    return folder


@pytest.fixture(scope="module")
def small_stream_folder(tmp_path_factory):
    """A shorter stream, for the tests that analyse it again with other settings."""
    folder = tmp_path_factory.mktemp("small")
    write_stream(folder / "bel-jpn.jsonl", shipped().find("BEL-JPN"), tweets=3000, lag=LAG, seed=12)
    return folder


@pytest.fixture(scope="module")
def stream(stream_folder):
    with analyzer.analyze(stream_folder, match="BEL-JPN", authors="all") as result:
        yield result


def test_the_lag_is_estimated_where_it_was_put(stream) -> None:
    assert (stream.lag.minutes, stream.lag.source) == (LAG, "estimated")
    assert stream.lag.estimate is not None and stream.lag.estimate.confidence >= 0.8


def test_every_goal_shows_as_a_spike_as_late_as_the_lag(stream) -> None:
    assert [d.detected for d in stream.goals_detected] == [True] * 5
    assert [d.delay for d in stream.goals_detected] == [LAG] * 5
    near_48 = [
        s.moment.distance for s in stream.spikes if s.moment and s.moment.label.startswith("48'")
    ]
    assert LAG in near_48  # (the other one is the restart after half-time, just before the goal)


def test_a_goal_spike_names_its_scorer(stream) -> None:
    spike = next(
        s for s in stream.spikes if s.moment and s.moment.label.startswith("69' Vertonghen")
    )
    assert "vertonghen" in [term for term, _ in spike.terms]


def test_the_mood_moves_with_the_goals(stream) -> None:
    # Most fans in the stream are Belgium's: Japan's goals sour it, Belgium's lift it.
    shifts = stream.shifts()
    assert len(shifts) == 5
    haraguchi, _, vertonghen, _, chadli = shifts
    assert haraguchi.significant and haraguchi.difference < 0
    assert vertonghen.significant and vertonghen.difference > 0
    assert chadli.difference > 0


def test_stream_tweets_are_placed_by_time_and_articles_by_content(stream) -> None:
    records = stream.records
    assert len(records) == 15_000 + 26
    methods = records.groupby("format")["method"].agg(lambda m: sorted(set(m)))
    assert methods["twitter-v1"] == ["time"]
    assert set(methods["article"]) <= {"content", "position", "after-match"}
    goal_minute = records[(records["format"] == "twitter-v1") & (records["moment"] == "goal-1")][
        "minute"
    ]
    assert set(goal_minute) <= {"48'", "49'", "50'", "51'", "52'"}


def test_series_files_are_written_with_every_minute(stream, tmp_path) -> None:
    written = analyzer.write_outputs(stream, tmp_path)
    folder = written.folder
    assert "series.csv" in written.files and "series_wall.csv" in written.files
    series = pd.read_csv(folder / "series.csv")
    play = series[series["phase"] != "half-time"]
    assert (play["clock_minute"].diff().dropna() == 1).all()  # every minute, none missing
    assert series["volume"].sum() == 15_000
    [half_time] = series[series["phase"] == "half-time"].itertuples()
    assert (half_time.minute, half_time.clock_minute) == ("HT", 47)
    # The break's sentences naming each team have their mood too, as every minute of play does.
    assert half_time.home_scored > 0 and half_time.away_scored > 0
    assert -1 <= half_time.home_mean <= 1 and -1 <= half_time.away_mean <= 1
    assert (
        half_time.volume > 5 * play.set_index("clock_minute").loc[47, "volume"]
    )  # 15 minutes of it
    by_minute = play.set_index("clock_minute")["volume"]
    assert by_minute.loc[50:52].max() > 3 * by_minute.loc[44]  # the 48' goal, reacted to 2 min late
    wall = pd.read_csv(folder / "series_wall.csv")
    assert wall["volume"].sum() == 15_000


@pytest.mark.slow
def test_a_given_lag_is_used_as_given(small_stream_folder) -> None:
    with analyzer.analyze(small_stream_folder, match="BEL-JPN", lag=0.0) as result:
        assert (result.lag.minutes, result.lag.source) == (0.0, "given")


def test_a_few_tweets_are_too_few_to_estimate_a_lag(tmp_path) -> None:
    shutil.copy(DATA / "streams" / "v1_stream.jsonl", tmp_path)
    with analyzer.analyze(tmp_path, match="BEL-JPN") as result:
        assert (result.lag.minutes, result.lag.source) == (0.0, "assumed")
        assert result.lag.detail == "could not estimate: too few records"


@pytest.mark.slow
def test_without_posting_times_no_lag_applies_and_no_series_is_written(tmp_path) -> None:
    with analyzer.analyze(SAMPLES, match="BEL-JPN") as result:
        assert result.lag.source == "none"
        written = analyzer.write_outputs(result, tmp_path)
        assert "series.csv" not in written.files
        assert not (tmp_path / "BEL-JPN" / "series.csv").exists()


@pytest.mark.slow
def test_records_after_the_post_match_window_are_kept_as_later(small_stream_folder) -> None:
    folder = small_stream_folder
    with analyzer.analyze(folder, match="BEL-JPN", authors="all", post_match=5.0) as result:
        records = result.records
        end = result.match.final_whistle_position
        later = records[records["moment"] == "later"]
        timed = records[records["method"] == "time"]
        assert len(later) == result.tally.later > 200  # the stream runs ~20 min past full time
        assert later.index.equals(timed[timed["clock"] > end + 5].index)
        moments = result.moments
        placed = moments[moments["kind"] != "comeback"]["records"].sum()
        assert placed == len(records) - len(later) - result.tally.unaligned
        assert result.series.volume == len(timed) - len(later)  # not on the chart either
        assert "later" not in set(result.view_tally.sample()["moment"])


class Recorder:
    def __init__(self) -> None:
        self.reads: list[tuple[int, int]] = []
        self.stages: list[str] = []

    def read(self, done: int, total: int) -> None:
        self.reads.append((done, total))

    def stage(self, name: str) -> None:
        self.stages.append(name)


@pytest.mark.slow
def test_progress_counts_bytes_within_a_file_then_names_each_stage(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("analyzer.ingest.folder.BLOCK_LINES", 500)  # several blocks in the file
    (tmp_path / "in").mkdir()
    write_stream(tmp_path / "in" / "one.jsonl", shipped().find("BEL-JPN"), tweets=3000, seed=2)
    size = (tmp_path / "in" / "one.jsonl").stat().st_size
    progress = Recorder()
    with analyzer.analyze(tmp_path / "in", match="BEL-JPN", progress=progress) as result:
        analyzer.write_outputs(result, tmp_path / "out", progress=progress)
    done = [d for d, _ in progress.reads]
    assert {t for _, t in progress.reads} == {size}
    assert len(done) >= 4 and done == sorted(done) and done[-1] == size
    assert 0 < done[0] < size  # within the one file, not only when it ends
    assert progress.stages == [
        "placing on the match clock",
        "writing the data files",
        "writing the moments and series",
        "drawing the chart and the report",
    ]


@pytest.mark.slow
def test_tweets_from_another_year_stay_off_the_clock_and_the_series(tmp_path) -> None:
    # A folder that mixes a match's stream with tweets posted four years before it.
    (tmp_path / "in").mkdir()
    stream = tmp_path / "in" / "bel-jpn.jsonl"
    write_stream(stream, shipped().find("BEL-JPN"), tweets=2000, seed=4)
    lines = stream.read_text().splitlines()
    old = [line.replace(" 2018", " 2014") for line in lines[:50]]
    (tmp_path / "in" / "old.jsonl").write_text("\n".join(old) + "\n")
    with analyzer.analyze(tmp_path / "in", match="BEL-JPN", authors="all") as result:
        written = analyzer.write_outputs(result, tmp_path / "out")
        records = result.records
        assert (records["moment"] == "off-day").sum() == 50 == result.tally.off_day
        assert result.wall_series.volume == 2000  # the old ones are not followed
        series = pd.read_csv(written.folder / "series.csv")
        assert len(series) < 400 and series["volume"].sum() <= 2000
        assert len(pd.read_csv(written.folder / "series_wall.csv")) < 400
