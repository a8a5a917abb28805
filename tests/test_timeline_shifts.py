"""Mood shifts: means on both sides of a goal and Welch's interval, exact from the per-minute sums."""

from __future__ import annotations

import math

import numpy as np
import pytest

from analyzer.timeline.series import MinuteSeries
from analyzer.timeline.shifts import mood_shifts, welch_interval
from analyzer.timeline.stats import SampleStats, t_quantile


def series_of(pairs: list[tuple[int, float]]) -> MinuteSeries:
    series = MinuteSeries()
    minutes, compounds = zip(*pairs, strict=True)
    series.add(np.array(minutes), np.array(compounds))
    return series


def test_a_shift_by_hand():
    # Before 0.1, 0.2, 0.3 (mean 0.2, variance 0.01); after 0.4, 0.6, 0.8, 0.6 (mean 0.6,
    # variance 0.08 / 3). The standard error is sqrt(0.01 / 3 + 0.08 / 12) = 0.1, and
    # Welch's degrees of freedom 1e-4 / ((1/300)**2 / 2 + (1/150)**2 / 3) = 54 / 11.
    inside = [(46, 0.1), (48, 0.2), (49, 0.3), (50, 0.4), (51, 0.6), (54, 0.8), (54, 0.6)]
    series = series_of([*inside, (44, -1.0), (55, -1.0)])  # two just outside the windows
    [shift] = mood_shifts(series, [50.0])
    assert (shift.before_first, shift.before_last, shift.after_first, shift.after_last) == (
        45,
        49,
        50,
        54,
    )
    assert (shift.before_n, shift.after_n) == (3, 4)
    assert shift.before_mean == pytest.approx(0.2)
    assert shift.after_mean == pytest.approx(0.6)
    assert shift.difference == pytest.approx(0.4)
    t = t_quantile(0.975, 54 / 11)
    assert 2.5706 < t < 2.7765  # between the table's t(5) and t(4)
    assert shift.ci_low == pytest.approx(0.4 - t * 0.1, rel=1e-9)
    assert shift.ci_high == pytest.approx(0.4 + t * 0.1, rel=1e-9)
    assert shift.significant


def test_the_lag_moves_the_split():
    series = series_of([(m, 0.0 if m < 52 else 0.5) for m in range(40, 60) for _ in range(3)])
    [at_goal] = mood_shifts(series, [50.0])
    [lagged] = mood_shifts(series, [50.0], lag=2.0)
    assert (lagged.after_first, lagged.before_last) == (52, 51)
    assert lagged.before_mean == 0.0 and lagged.after_mean == 0.5
    assert at_goal.difference == pytest.approx(0.5 * 3 / 5)
    [short] = mood_shifts(series, [51.7], window=2)  # a goal inside a minute: its minute's key
    assert (short.before_first, short.before_last, short.after_first, short.after_last) == (
        49,
        50,
        51,
        52,
    )


def test_matches_numpy_on_random_scores_fed_in_chunks():
    rng = np.random.default_rng(4)
    minutes = rng.integers(0, 120, 40_000)
    compounds = np.tanh(rng.normal(0.1 * (minutes >= 60), 0.6))
    compounds[rng.random(minutes.size) < 0.05] = math.nan  # unscored: counted nowhere
    series = MinuteSeries()
    for start in range(0, minutes.size, 7_000):
        series.add(minutes[start : start + 7_000], compounds[start : start + 7_000])
    goals = [20.0, 60.0, 60.5, 118.0]
    for goal, shift in zip(goals, mood_shifts(series, goals, window=4), strict=True):
        split = math.floor(goal)
        before = compounds[(minutes >= split - 4) & (minutes < split) & ~np.isnan(compounds)]
        after = compounds[(minutes >= split) & (minutes < split + 4) & ~np.isnan(compounds)]
        assert (shift.before_n, shift.after_n) == (before.size, after.size)
        assert shift.before_mean == pytest.approx(before.mean(), rel=1e-12)
        assert shift.after_mean == pytest.approx(after.mean(), rel=1e-12)
        se = math.sqrt(before.var(ddof=1) / before.size + after.var(ddof=1) / after.size)
        assert shift.ci_high - shift.difference == pytest.approx(
            (shift.difference - shift.ci_low), rel=1e-9
        )
        assert 1.96 * se < shift.ci_high - shift.difference < 1.98 * se  # thousands of values
    assert mood_shifts(series, [60.0])[0].significant  # the mean moves by 0.1 there
    assert not mood_shifts(series, [20.0])[0].significant


def test_sides_with_too_few_scores_have_no_interval():
    series = series_of([(48, 0.5), (50, -0.5), (51, -0.2)])
    [shift] = mood_shifts(series, [50.0])
    assert (shift.before_n, shift.after_n) == (1, 2)
    assert shift.difference == pytest.approx(-0.85)
    assert math.isnan(shift.ci_low) and math.isnan(shift.ci_high)
    assert not shift.significant
    [empty] = mood_shifts(series, [10.0])
    assert (empty.before_n, empty.after_n) == (0, 0)
    assert math.isnan(empty.difference)


def test_constant_sides_give_a_zero_width_interval():
    low, high = welch_interval(SampleStats(3, 0.2, 0.0), SampleStats(2, 0.7, 0.0))
    assert low == high == pytest.approx(0.5)


def test_windows_must_hold_a_minute():
    with pytest.raises(ValueError, match="at least 1 minute"):
        mood_shifts(MinuteSeries(), [50.0], window=0)
