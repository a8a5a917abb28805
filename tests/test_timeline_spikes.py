"""Spike detection: bursts found where they were put, nothing found in noise or a slow rise."""

from __future__ import annotations

import inspect
import math

import numpy as np
import pandas as pd
import pytest

from analyzer.timeline import spikes as spikes_module
from analyzer.timeline.series import MinuteSeries
from analyzer.timeline.spikes import (
    END_FRACTION,
    MIN_Z,
    RATIO,
    WINDOWS,
    NearestMoment,
    Spike,
    attach_moments,
    detect_goals,
    detect_spikes,
    find_spikes,
    nearest_moment,
)


def noisy_volume(levels: np.ndarray, *, seed: int, first: int = 0) -> pd.Series:
    """Poisson counts around ``levels``, indexed by minute from ``first``."""
    counts = np.random.default_rng(seed).poisson(levels)
    return pd.Series(counts, index=pd.RangeIndex(first, first + len(levels), name="minute"))


def with_bursts(base: np.ndarray, starts: list[int], *, peak: float = 4.0, decay: float = 2.0):
    """A goal-like reaction at each start: ``peak`` times the level, decaying exponentially."""
    levels = base.astype(float).copy()
    minutes = np.arange(len(base))
    for start in starts:
        after = minutes >= start
        levels[after] += peak * base[start] * np.exp(-(minutes[after] - start) / decay)
    return levels


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_bursts_are_found_where_they_were_put(seed):
    # 4 minutes apart like Haraguchi's and Inui's goals, the second burst starts while
    # the first is still fading.
    starts = [30, 75, 79, 120]
    volume = noisy_volume(with_bursts(np.full(180, 100.0), starts), seed=seed, first=-45)
    found = detect_spikes(volume)
    assert [s.start for s in found] == [start - 45 for start in starts]
    for spike in found:
        assert spike.start <= spike.peak <= spike.end
        assert spike.peak_volume == volume.loc[spike.peak]
        assert spike.window == 2 and spike.windows[0] == 2
        assert spike.ratio >= RATIO
    ends = [s.end for s in found]
    assert all(end < following.start for end, following in zip(ends, found[1:], strict=False))


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_a_rise_over_several_minutes_is_found_by_a_longer_window_only(seed):
    # No minute is 1.7 times the one before, nor two minutes the two before: three are.
    levels = np.full(120, 200.0)
    levels[60:75] = [260, 330, 400, 450, 450, 450, 450, 450, 400, 350, 300, 250, 220, 200, 200]
    [found] = detect_spikes(noisy_volume(levels, seed=seed))
    assert 60 <= found.start <= 63
    assert found.window > 2 and 2 not in found.windows


@pytest.mark.parametrize("seed", range(10))
def test_flat_noise_has_no_spikes(seed):
    assert detect_spikes(noisy_volume(np.full(200, 120.0), seed=seed)) == []


@pytest.mark.parametrize("seed", range(5))
def test_a_slowly_rising_volume_has_no_spikes(seed):
    linear = np.linspace(50, 500, 180)  # ten times over three hours
    exponential = 40 * 1.02 ** np.arange(180)  # 2% a minute
    assert detect_spikes(noisy_volume(linear, seed=seed)) == []
    assert detect_spikes(noisy_volume(exponential, seed=seed)) == []


def test_a_few_tweets_more_is_not_a_spike():
    # 1 then 3 tweets is a ratio of 3, but no more than chance among so few.
    volume = pd.Series([1, 1, 1, 3, 3, 1, 1, 0, 4, 1])
    assert detect_spikes(volume) == []
    assert [s.start for s in detect_spikes(pd.Series([1, 1, 1, 40, 20, 2, 1]))] == [3]


def test_a_step_up_is_a_spike_that_lasts_until_the_next_one():
    levels = np.r_[np.full(30, 50.0), np.full(40, 100.0)]  # play resumes after half-time
    levels = with_bursts(levels, [50])
    found = detect_spikes(noisy_volume(levels, seed=4))
    assert [(s.start, s.end) for s in found][:1] == [(30, 49)]
    assert found[1].start == 50


def test_the_index_must_be_regular_minutes():
    with pytest.raises(ValueError, match="consecutive integer minutes"):
        detect_spikes(pd.Series([1, 2, 3], index=[0, 1, 3]))
    with pytest.raises(ValueError, match="even"):
        detect_spikes(pd.Series([1, 2, 3]), windows=(3,))
    with pytest.raises(ValueError, match="counts"):
        detect_spikes(pd.Series([1.0, math.nan]))
    assert detect_spikes(pd.Series([], dtype=np.int64)) == []


def test_the_defaults_are_the_named_constants():
    # The constants' comments justify the defaults; the functions must use them.
    for function in (detect_spikes, find_spikes):
        defaults = {name: p.default for name, p in inspect.signature(function).parameters.items()}
        assert defaults["windows"] == WINDOWS
        assert defaults["ratio"] == RATIO
        assert defaults["min_z"] == MIN_Z
        assert defaults["end_fraction"] == END_FRACTION
    assert all(w >= 2 and w % 2 == 0 for w in WINDOWS)
    assert spikes_module.__doc__ and "Zhao" in inspect.getsource(spikes_module)


def test_find_spikes_lists_each_spikes_top_terms():
    rng = np.random.default_rng(5)
    levels = with_bursts(np.full(60, 40.0), [30], peak=6.0)
    counts = rng.poisson(levels)
    minutes = np.repeat(np.arange(60), counts)
    texts = [
        "GOOOAL Inui #JPN" if 30 <= m <= 32 and i % 4 else "watching the game"
        for i, m in enumerate(minutes)
    ]
    series = MinuteSeries()
    series.add(minutes, np.zeros(len(minutes)), texts=texts)
    [spike] = find_spikes(series, terms=3)
    assert spike.start == 30
    assert [term for term, _ in spike.terms] == ["#jpn", "gooal", "inui"]
    assert find_spikes(series, terms=0)[0].terms == ()


def spike(start: int, end: int | None = None) -> Spike:
    return Spike(start, start, end or start, 100, 20.0, 5.0, 2, (2,))


def test_nearest_moment_and_its_signed_distance():
    moments = [(71.0, "goal-2"), (50.0, "goal-1"), (54.0, "goal-1b")]
    assert nearest_moment(52.0, moments) == NearestMoment(50.0, "goal-1", 2.0)  # tie: earlier
    assert nearest_moment(70.0, moments) == NearestMoment(71.0, "goal-2", -1.0)
    assert nearest_moment(70.0, []) is None
    [labelled] = attach_moments([spike(57)], moments)
    assert labelled.moment == NearestMoment(54.0, "goal-1b", 3.0)


def test_goals_are_matched_to_spikes_and_their_delays():
    found = [spike(40), spike(52), spike(56), spike(90)]
    detections = detect_goals([50.0, 54.0, 70.0, 88.5], found)
    assert [(d.detected, d.delay) for d in detections] == [
        (True, 2.0),
        (True, 2.0),
        (False, None),  # nothing within 5 minutes
        (True, 1.5),
    ]
    assert detections[1].spike == found[2]  # each spike shows one goal only
    # A spike starting in the goal's own minute (or the one before) still counts.
    assert detect_goals([52.5], [spike(52)])[0].delay == -0.5
    assert not detect_goals([54.0], [spike(52)])[0].detected
