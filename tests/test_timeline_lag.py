"""Stream lag, end to end: synthetic BEL-JPN streams with a known lag, aggregated, estimated, checked.

The streams come from analyzer.synthetic; the goals' wall-clock times are worked out here
on their own (kick-off + position + the 15-minute half-time for second-half goals), so
that a mistake in the generator's clock shows up as a wrong lag. The same streams check
the spike detector (every goal found, as late as the lag) and the mood shifts.
"""

from __future__ import annotations

import io
import json
import math
from datetime import datetime
from functools import cache

import numpy as np
import pandas as pd
import pytest

from analyzer.matches import shipped
from analyzer.sentiment.scorer import default_scorer
from analyzer.synthetic import write_stream
from analyzer.timeline.lag import MAX_LAG_MINUTES, MIN_RISE, LagStatus, estimate_lag
from analyzer.timeline.series import MinuteSeries, minute_keys
from analyzer.timeline.shifts import mood_shifts
from analyzer.timeline.spikes import detect_goals, find_spikes

TWEETS = 24_000
HALF_TIME_BREAK = 15


def goal_minutes(*, unit: float = 1.0) -> list[float]:
    """BEL-JPN's goals on the wall clock, in minutes since the epoch (lag 0)."""
    match = shipped().find("BEL-JPN")
    kickoff = match.kickoff.timestamp() / 60
    return [
        (
            kickoff
            + match.position(goal.minute)
            + (HALF_TIME_BREAK if goal.minute.period >= 2 else 0)
        )
        / unit
        for goal in match.goals
    ]


@cache
def stream(lag: float) -> tuple[np.ndarray, tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """A synthetic v1 stream: each tweet's time (epoch seconds), scored text and hashtags."""
    out = io.StringIO()
    write_stream(out, shipped().find("BEL-JPN"), tweets=TWEETS, fmt="v1", lag=lag, seed=2)
    seconds, texts, tags = [], [], []
    parsed: dict[str, float] = {}  # a few tweets a second: parse each second once
    for line in out.getvalue().splitlines():
        tweet = json.loads(line)
        created = tweet["created_at"]
        if created not in parsed:
            parsed[created] = datetime.strptime(created, "%a %b %d %H:%M:%S %z %Y").timestamp()
        seconds.append(parsed[created])
        texts.append(tweet.get("retweeted_status", tweet)["full_text"])
        tags.append(tuple(tag["text"] for tag in tweet["entities"]["hashtags"]))
    return np.array(seconds), tuple(texts), tuple(tags)


def wall_series(
    lag: float, *, unit: float = 60.0, scored: bool = False, terms: bool = False
) -> MinuteSeries:
    """The stream per wall-clock bin; scores and terms only where a test needs them."""
    seconds, texts, tags = stream(lag)
    if scored:
        compounds = np.array([s.compound for s in default_scorer().score_all(texts)])
    else:
        compounds = np.full(len(texts), math.nan)  # volume only: leave VADER out
    series = MinuteSeries()
    keys = minute_keys(seconds, unit=unit)
    if terms:
        series.add(keys, compounds, hashtags=tags, texts=texts)
    else:
        series.add(keys, compounds)
    return series


@pytest.mark.slow
@pytest.mark.parametrize("lag", [0.0, 2.0, 3.0])
def test_the_lag_of_a_synthetic_stream_is_found(lag):
    estimate = estimate_lag(wall_series(lag).table()["volume"], goal_minutes())
    assert estimate.status is LagStatus.OK
    assert estimate.minutes == lag
    assert estimate.confidence == 1.0
    assert [g.minutes for g in estimate.per_goal] == [lag] * 5
    assert estimate.rise > 2
    assert len(estimate.profile) == MAX_LAG_MINUTES + 1
    assert "1-minute" in estimate.method


@pytest.mark.slow
def test_fifteen_second_bins_resolve_a_lag_between_minutes():
    # Reactions start 90 seconds after each goal: 1-minute bins can only say 1 or 2.
    by_minute = estimate_lag(wall_series(1.5).table()["volume"], goal_minutes())
    assert by_minute.minutes in (1.0, 2.0)
    series = wall_series(1.5, unit=15.0)
    fine = estimate_lag(series.table()["volume"], goal_minutes(), bin_minutes=0.25)
    assert fine.status is LagStatus.OK
    assert fine.minutes == 1.5
    assert fine.confidence >= 0.8
    assert "15-second" in fine.method
    assert len(fine.profile) == 41  # 0 to 10 minutes in quarter minutes


@pytest.mark.parametrize("lag", [0.0, 2.0, 3.0])
def test_every_goal_is_a_spike_as_late_as_the_lag(lag):
    series = wall_series(lag, terms=True)
    spikes = find_spikes(series)
    detections = detect_goals(goal_minutes(), spikes)
    assert all(d.detected for d in detections)
    assert [d.delay for d in detections] == [lag] * 5
    scorers = ["haraguchi", "inui", "vertonghen", "fellaini", "chadli"]
    for detection, scorer in zip(detections, scorers, strict=True):
        assert detection.spike is not None
        assert scorer in [term for term, _ in detection.spike.terms]


@pytest.mark.slow
def test_the_mood_moves_towards_the_side_with_more_fans_after_each_goal():
    # The generator's fans are 70% Belgian and 20% Japanese: Japan's goals (1, 2) bring
    # the mean down, Belgium's (3, 4, 5) up.
    series = wall_series(2.0, scored=True)
    lag = estimate_lag(series.table()["volume"], goal_minutes()).minutes
    directions = [-1, -1, 1, 1, 1]
    # Goals 2 and 4 come 4 and 5 minutes after the goal before them, whose reaction fills
    # a 5-minute "before" window: two minutes on each side keep the goals apart.
    close = mood_shifts(series, goal_minutes(), lag=lag, window=2)
    assert [int(np.sign(s.difference)) for s in close] == directions
    isolated = mood_shifts(series, goal_minutes(), lag=lag)
    for index in (0, 2, 4):
        shift = isolated[index]
        assert shift.significant
        assert np.sign(shift.difference) == directions[index]
        assert shift.before_n > 300 and shift.after_n > 1000


def goal_volume(
    goals_at: list[int], *, delay: int, length: int = 200, seed: int = 0, trend: float = 0.0
) -> pd.Series:
    rng = np.random.default_rng(seed)
    levels = 80.0 * (1 + trend) ** np.arange(length)
    for goal in goals_at:
        levels[goal + delay : goal + delay + 3] *= (5.0, 3.0, 2.0)
    return pd.Series(rng.poisson(levels), index=pd.RangeIndex(1000, 1000 + length))


def test_a_rising_volume_does_not_pull_the_estimate():
    # 3% more tweets every minute, and reactions 4 minutes after the goals.
    goals_at = [40, 70, 100, 130]
    volume = goal_volume(goals_at, delay=4, trend=0.03)
    estimate = estimate_lag(volume, [1000 + g + 0.6 for g in goals_at])
    assert (estimate.status, estimate.minutes, estimate.confidence) == (LagStatus.OK, 4.0, 1.0)
    assert estimate.rise == pytest.approx(5.0, rel=0.25)


def test_no_goals_no_estimate():
    volume = goal_volume([50], delay=2)
    for goals in ([], [900.0], [1195.0], [1000.0]):  # none, before, too late, no baseline
        estimate = estimate_lag(volume, goals)
        assert (estimate.status, estimate.minutes, estimate.confidence) == (
            LagStatus.NO_GOALS,
            0.0,
            0.0,
        )
        assert all(g.minutes is None for g in estimate.per_goal)


def test_too_few_records():
    volume = pd.Series([0, 1, 0, 0, 0, 0, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0])
    estimate = estimate_lag(volume, [6.0])
    assert (estimate.status, estimate.minutes) == (LagStatus.TOO_FEW_RECORDS, 0.0)
    assert not estimate.ok


def test_no_reaction_no_clear_peak():
    volume = goal_volume([], delay=0, seed=3)  # plenty of tweets, nothing happens at the goals
    estimate = estimate_lag(volume, [1040.0, 1090.0, 1150.0])
    assert (estimate.status, estimate.minutes) == (LagStatus.NO_CLEAR_PEAK, 0.0)
    assert estimate.rise < MIN_RISE
    assert len(estimate.per_goal) == 3


def test_the_volume_needs_a_regular_index():
    with pytest.raises(ValueError, match="consecutive integer keys"):
        estimate_lag(pd.Series([1, 2], index=[0, 2]), [1.0])
    with pytest.raises(ValueError, match="longer than 0"):
        estimate_lag(pd.Series([1, 2]), [1.0], bin_minutes=0)
