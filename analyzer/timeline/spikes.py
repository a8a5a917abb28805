"""Spikes in tweet volume: sudden rises, found where a window's second half outweighs its first.

Written here rather than taken from a change-point library: the rule is Zhao et al.'s
(2011) for sports streams, a few lines of numpy over per-minute counts, and no
maintained package implements it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
import pandas as pd

from analyzer.timeline.coverage import covered_minutes
from analyzer.timeline.series import MinuteSeries

# The detector follows Zhao, Zhong, Wickramasuriya & Vasudevan (2011), "Human as Real-Time
# Sensors of Social and Physical Events: A Case Study of Twitter and Sports Games"
# (arXiv:1106.4300): a window slides over the tweet rate and an event starts where the
# window's second half holds clearly more tweets than its first; when the shortest window
# sees nothing, longer ones are tried (their adaptive window). Their windows were seconds
# long on a live stream; these defaults are for per-minute counts.
#
# Window lengths in minutes, each split into two equal halves. 2 (one minute against the
# one before) catches the sharp burst after a goal as soon as per-minute data can; 4, 6
# and 10 catch reactions that build over a few minutes, or that a single noisy minute
# would hide. Longer windows would mostly find the slow swell before kick-off.
WINDOWS = (2, 4, 6, 10)
# The second half must hold at least this many times the first half's tweets. A goal
# multiplies a match stream's per-minute volume several times over (Zhao et al. saw the
# same for touchdowns), while the build-up to kick-off or the drift after the whistle
# changes it by a few per cent a minute: 1.7 lies between the two, and a volume rising
# 10% a minute still stays under it in a 10-minute window (1.1^5 = 1.61).
RATIO = 1.7
# ...and the rise must be unlikely as Poisson noise: (second - first) / sqrt(second + first)
# at least this. With few tweets a ratio means little (1 then 3 tweets is a ratio of 3);
# 4 standard deviations keep chance detections to about one in 30,000 windows, under one
# per match over every window length, while a goal among 20 tweets a minute passes.
MIN_Z = 4.0
# A spike ends at the last minute whose volume is still above this fraction of the way
# from the baseline to the peak (0.5: the full width at half maximum).
END_FRACTION = 0.5
# A goal counts as detected by a spike starting from this many minutes before it (the
# minute holding the goal) to this many after (a stream rarely lags more).
EARLY_MINUTES = 1
MAX_DELAY_MINUTES = 5
# Terms listed per spike.
TOP_TERMS = 10


@dataclass(frozen=True, slots=True)
class NearestMoment:
    """The known moment closest to a spike's start, and how far after it the spike starts."""

    minute: float
    label: str
    distance: float  # spike start minus the moment's minute: positive when the spike is later


@dataclass(frozen=True, slots=True)
class Spike:
    """A sudden rise in volume. Minutes are keys of the volume series; ``end`` is inclusive.

    ``start`` is the first minute of the rise, ``peak`` the top of the climb from there,
    ``end`` the last minute above half-way between ``baseline`` and the peak, or the
    minute before the next spike starts (a step up, like play resuming after half-time,
    lasts until something else happens). ``baseline`` is the
    mean volume per minute in the first half of the window that found the spike,
    ``ratio`` that window's second half over its first (inf after a silent first half).
    ``window`` is the shortest window length that found it, ``windows`` every one.
    """

    start: int
    peak: int
    end: int
    peak_volume: int
    baseline: float
    ratio: float
    window: int
    windows: tuple[int, ...]
    terms: tuple[tuple[str, int], ...] = ()
    moment: NearestMoment | None = None


@dataclass(frozen=True, slots=True)
class GoalDetection:
    """Whether a known goal shows as a spike, which one, and how late it starts."""

    goal: float  # the goal's minute, on the series' clock
    spike: Spike | None
    delay: float | None  # spike start minus the goal's minute; None when not detected

    @property
    def detected(self) -> bool:
        return self.spike is not None


def detect_spikes(
    volume: pd.Series,
    *,
    windows: Sequence[int] = WINDOWS,
    ratio: float = RATIO,
    min_z: float = MIN_Z,
    end_fraction: float = END_FRACTION,
    covered: npt.NDArray[np.bool_] | None = None,
) -> list[Spike]:
    """Spikes in a per-minute volume series, in time order.

    ``covered`` marks the minutes that hold a whole minute of data (see
    ``coverage.covered_minutes``): a window fires only when the minutes it compares
    against are covered, so the edge of the data or a gap in it is never taken for calm.

    ``volume`` is indexed by consecutive integer minutes (``MinuteSeries.table()`` gives
    such an index). Each window length slides over the series; where the second half
    holds at least ``ratio`` times the tweets of the first, and more than Poisson noise
    would give (``min_z``), a spike starts at the first minute of that second half whose
    volume rises over the minute before and reaches ``ratio`` times the first half's
    mean. Consecutive firing windows see one rise. Its peak is the top of the climb from
    the start; it ends where the volume falls back below ``end_fraction`` of the way from
    baseline to peak. Detections by several window lengths that start by the same peak are
    one spike, described by the shortest window; a rise that starts after a peak is a
    spike of its own and ends the one before, so spikes never overlap and two goals four
    minutes apart stay two spikes.
    """
    counts = _regular(volume)
    if any(w < 2 or w % 2 for w in windows):
        raise ValueError(f"window lengths must be even and at least 2, not {tuple(windows)}")
    if ratio <= 1:
        raise ValueError(f"the ratio must be above 1, not {ratio}")
    first_key = int(volume.index[0]) if len(volume) else 0
    if covered is None:
        covered = np.ones(len(counts), dtype=bool)
    found = [
        spike
        for window in sorted(set(windows))
        for spike in _detect(
            counts, covered, window, ratio=ratio, min_z=min_z, end_fraction=end_fraction
        )
    ]
    merged = _merge(found)
    return [
        replace(s, start=s.start + first_key, peak=s.peak + first_key, end=s.end + first_key)
        for s in merged
    ]


def find_spikes(
    series: MinuteSeries,
    *,
    terms: int = TOP_TERMS,
    windows: Sequence[int] = WINDOWS,
    ratio: float = RATIO,
    min_z: float = MIN_Z,
    end_fraction: float = END_FRACTION,
) -> list[Spike]:
    """:func:`detect_spikes` on a series' volume, each spike with its ``terms`` top terms.

    Minutes at the edges of the data and beside its gaps are not compared against.
    """
    volume = series.table()["volume"]
    spikes = detect_spikes(
        volume,
        covered=covered_minutes(volume.to_numpy(dtype=np.float64)),
        windows=windows,
        ratio=ratio,
        min_z=min_z,
        end_fraction=end_fraction,
    )
    return [
        replace(s, terms=tuple(series.top_terms(s.start, s.end, terms))) if terms else s
        for s in spikes
    ]


def nearest_moment(
    minute: float,
    moments: Sequence[tuple[float, str]],
    *,
    near: tuple[float, float] = (-math.inf, math.inf),
) -> NearestMoment | None:
    """The moment (minute, label) closest to ``minute``; the earlier one on a tie.

    None when there is none, or when the closest is not ``near``: ``minute`` minus the
    moment's minute must lie within those bounds.
    """
    best: NearestMoment | None = None
    for at, label in sorted(moments, key=lambda m: m[0]):
        distance = minute - at
        if best is None or abs(distance) < abs(best.distance):
            best = NearestMoment(at, label, distance)
    if best is None or not near[0] <= best.distance <= near[1]:
        return None
    return best


def attach_moments(
    spikes: Sequence[Spike],
    moments: Sequence[tuple[float, str]],
    *,
    lag: float = 0.0,
    early: float = EARLY_MINUTES,
    max_delay: float = MAX_DELAY_MINUTES,
) -> list[Spike]:
    """Each spike with the known moment it follows, if any (minutes on the spikes' clock).

    A spike belongs to a moment when it starts from ``early`` minutes before the moment
    (plus the stream's ``lag``) to ``max_delay`` minutes after: a burst minutes away from
    every moment is something the match data does not list (a disallowed goal, a red
    card, news), and is left without one rather than tied to the nearest.
    """
    near = (lag - early, lag + max_delay)
    return [replace(s, moment=nearest_moment(s.start, moments, near=near)) for s in spikes]


def detect_goals(
    goals: Sequence[float],
    spikes: Sequence[Spike],
    *,
    early: float = EARLY_MINUTES,
    max_delay: float = MAX_DELAY_MINUTES,
) -> list[GoalDetection]:
    """For each goal (its minute on the spikes' clock), the spike that shows it, and how late.

    A goal is detected by the earliest spike not already taken by an earlier goal that
    starts from ``early`` minutes before the goal to ``max_delay`` minutes after it. The
    delay is the spike's start minus the goal's minute, so at 1-minute resolution it is
    good to a minute.
    """
    taken: set[int] = set()
    ordered = sorted(spikes, key=lambda s: s.start)
    results = []
    for goal in goals:
        match = next(
            (
                (i, s)
                for i, s in enumerate(ordered)
                if i not in taken and goal - early <= s.start <= goal + max_delay
            ),
            None,
        )
        if match is None:
            results.append(GoalDetection(goal, None, None))
            continue
        taken.add(match[0])
        results.append(GoalDetection(goal, match[1], match[1].start - goal))
    return results


def _regular(volume: pd.Series) -> npt.NDArray[np.float64]:
    if len(volume) == 0:
        return np.zeros(0)
    index = np.asarray(volume.index)
    if index.dtype.kind not in "iu" or np.any(np.diff(index) != 1):
        raise ValueError(
            "the volume must be indexed by consecutive integer minutes; "
            "MinuteSeries.table() fills the gaps"
        )
    values = np.asarray(volume, dtype=np.float64)
    if np.any(np.isnan(values)) or np.any(values < 0):
        raise ValueError("volumes must be counts: no NaN, nothing below 0")
    return values


def _detect(
    v: npt.NDArray[np.float64],
    covered: npt.NDArray[np.bool_],
    window: int,
    *,
    ratio: float,
    min_z: float,
    end_fraction: float,
) -> list[Spike]:
    """One window length's spikes, minutes counted from the series' first.

    Consecutive firing windows see the same rise: each run of them gives at most one
    spike, described from the run's first window.
    """
    half = window // 2
    n = len(v)
    if n < window:
        return []
    cumulative = np.concatenate(([0.0], np.cumsum(v)))
    ends = np.arange(window, n + 1)  # the window covers v[end - window : end]
    first = cumulative[ends - half] - cumulative[ends - window]
    second = cumulative[ends] - cumulative[ends - half]
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (second - first) / np.sqrt(second + first)
    uncovered = np.concatenate(([0], np.cumsum(~covered)))
    first_covered = (uncovered[ends - half] - uncovered[ends - window]) == 0
    fires = (second >= ratio * first) & (second > first) & (z >= min_z) & first_covered
    spikes: list[Spike] = []
    previous = -2
    for i in np.flatnonzero(fires).tolist():
        run_continues = i == previous + 1
        previous = i
        if run_continues:
            continue
        end = i + window
        baseline = float(first[i]) / half
        start = next(
            (
                m
                for m in range(end - half, end)
                if v[m] >= ratio * baseline and v[m] > baseline and (m == 0 or v[m] > v[m - 1])
            ),
            None,
        )
        if start is None or (spikes and start <= spikes[-1].peak):
            continue
        peak = start
        while peak + 1 < n and v[peak + 1] >= v[peak]:
            peak += 1
        threshold = baseline + end_fraction * (v[peak] - baseline)
        stop = peak
        while stop + 1 < n and v[stop + 1] > threshold:
            stop += 1
        spikes.append(
            Spike(
                start=start,
                peak=peak,
                end=stop,
                peak_volume=int(v[peak]),
                baseline=baseline,
                ratio=float(second[i] / first[i]) if first[i] else math.inf,
                window=window,
                windows=(window,),
            )
        )
    return spikes


def _merge(spikes: list[Spike]) -> list[Spike]:
    """Detections of one rise by several window lengths as one spike; distinct rises apart.

    A detection starting by the peak of the one before sees the same rise: they merge,
    described by the shorter window, with the higher peak and the later end. A rise that
    starts later ends the spike before it, so spikes never overlap.
    """
    merged: list[Spike] = []
    for spike in sorted(spikes, key=lambda s: (s.start, s.window)):
        if not merged:
            merged.append(spike)
            continue
        current = merged[-1]
        if spike.start <= current.peak:
            finest = current if current.window <= spike.window else spike
            highest = current if current.peak_volume >= spike.peak_volume else spike
            merged[-1] = replace(
                finest,
                start=current.start,
                peak=highest.peak,
                end=max(current.end, spike.end),
                peak_volume=highest.peak_volume,
                ratio=max(current.ratio, spike.ratio),
                windows=tuple(sorted(set(current.windows) | set(spike.windows))),
            )
        else:
            if spike.start <= current.end:
                merged[-1] = replace(current, end=spike.start - 1)
            merged.append(spike)
    return merged
