"""Stream lag: how many minutes the tweets run behind the pitch, estimated from the goals."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt
import pandas as pd

# Lags tried, from 0 to this many minutes. Broadcast delay plus typing time put goals 1-3
# minutes late in tweets; 10 leaves room for streams delayed further (a web stream, a
# clock set wrong) while staying short of the gap between most goals, so that one goal's
# burst is rarely taken for the lag of the one before.
MAX_LAG_MINUTES = 10.0
# The rise at a bin is its volume over the mean volume of this many minutes before it. One
# minute marks the onset of a reaction, where the volume jumps, and a steady trend hardly
# moves it; a longer baseline would reach back into the reaction to an earlier goal (BEL-JPN:
# 48' and 52') and make the fading of that one look like a rise after the next.
BASELINE_MINUTES = 1.0
# Fewer records than this between the baselines' starts and the last lag tried, over all
# goals, and there is nothing to estimate from.
MIN_RECORDS = 100
# The estimate is clear when, at the lag found, the volume is on average at least this
# many times its baseline...
MIN_RISE = 1.5
# ...and at least this share of the goals put their own best lag within one bin of it.
MIN_AGREEMENT = 0.5


class LagStatus(StrEnum):
    OK = "ok"
    NO_GOALS = "no goal inside the stream's times"  # or none with room for its window
    TOO_FEW_RECORDS = "too few records"
    NO_CLEAR_PEAK = "no clear peak"


@dataclass(frozen=True, slots=True)
class GoalLag:
    """One goal's own best lag, and the volume's rise there (volume / baseline)."""

    goal: float  # minutes, on the volume's clock
    minutes: float | None  # None when the goal's window is not inside the series
    rise: float | None


@dataclass(frozen=True, slots=True)
class LagEstimate:
    """How far the stream runs behind the pitch, how it was found and how sure that is.

    ``minutes`` is 0 whenever ``status`` is not OK. ``confidence`` is the share of the
    goals whose own best lag lies within one bin of ``minutes`` and whose volume rises at
    least MIN_RISE times there. ``rise`` is the rise at the lag found, averaged over the
    goals (geometric mean; 2.0: the volume doubled over its baseline), and ``profile``
    the mean log rise at each lag tried, 0, 1, 2 ... bins.
    """

    minutes: float
    method: str
    confidence: float
    per_goal: tuple[GoalLag, ...]
    status: LagStatus
    rise: float = math.nan
    profile: tuple[float, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status is LagStatus.OK


def estimate_lag(
    volume: pd.Series,
    goals: Sequence[float],
    *,
    bin_minutes: float = 1.0,
    max_lag: float = MAX_LAG_MINUTES,
    baseline: float = BASELINE_MINUTES,
    min_records: int = MIN_RECORDS,
) -> LagEstimate:
    """Estimate the lag from the volume's rise after each known goal.

    ``volume`` counts records per bin, indexed by consecutive integer keys: the floor of
    the time in minutes divided by ``bin_minutes`` (``MinuteSeries.table()["volume"]``
    with keys from ``minute_keys``: epoch seconds with ``unit=60`` for 1-minute bins,
    ``unit=15`` with ``bin_minutes=0.25`` for 15-second bins). ``goals`` are the goals'
    times in minutes on the same clock, lag 0 (wall-clock minutes since the epoch, or
    match-clock positions when the records were placed with lag 0).

    The volume's rise at each bin is log((v + 1) / (b + 1)), ``b`` the mean volume of the
    ``baseline`` minutes before it (the bin before, by default at 1-minute bins), so a
    volume that grows all evening does not pull the estimate. The goals act as an impulse
    train: the profile is the rise ``lag`` bins after each goal's bin, averaged over the
    goals (their cross-correlation), for lags 0 ... ``max_lag``, and the estimate is the
    lag with the largest mean rise. Each goal's
    own best lag (``per_goal``) is looked for only up to where the next goal's reaction
    could start, so close goals do not take each other's bursts. The result is good to
    one bin; finer bins give a finer answer where the data holds enough tweets per bin
    (15-second bins find a 90-second lag that 1-minute bins call 1 minute).
    """
    if bin_minutes <= 0:
        raise ValueError(f"the bin must be longer than 0 minutes, not {bin_minutes}")
    method = f"rise of the volume after each goal, {_bin_name(bin_minutes)} bins"
    lags = round(max_lag / bin_minutes)
    before = max(1, round(baseline / bin_minutes))
    counts = _regular(volume)
    first_key = int(volume.index[0]) if len(volume) else 0
    rise = _log_rise(counts, before)
    usable: list[tuple[float, int]] = []  # a goal and its bin, from the series' start
    per_goal: list[GoalLag] = []
    for goal in goals:
        at = math.floor(goal / bin_minutes + 1e-9) - first_key
        if at - before < 0 or at + lags >= len(counts):
            per_goal.append(GoalLag(goal, None, None))
        else:
            usable.append((goal, at))
    if not usable:
        return LagEstimate(0.0, method, 0.0, tuple(per_goal), LagStatus.NO_GOALS)
    records = sum(counts[at - before : at + lags + 1].sum() for _, at in usable)
    windows = np.array([rise[at : at + lags + 1] for _, at in usable])
    profile = windows.mean(axis=0)
    best = int(np.argmax(profile))
    agreeing = 0
    starts = sorted({at for _, at in usable})
    for (goal, at), own in zip(usable, windows, strict=True):
        # A goal's own lag is looked for before the next goal's reaction can start (at
        # the lag found): with goals minutes apart, the next burst is not this one's.
        later = [other for other in starts if other > at]
        own = own[: later[0] - at + best] if later else own
        own_best = int(np.argmax(own))
        per_goal.append(GoalLag(goal, own_best * bin_minutes, math.exp(own[own_best])))
        if abs(own_best - best) <= 1 and math.exp(own[best]) >= MIN_RISE:
            agreeing += 1
    per_goal.sort(key=lambda g: g.goal)
    confidence = agreeing / len(usable)
    mean_rise = math.exp(profile[best])
    if records < min_records:
        status, minutes, confidence = LagStatus.TOO_FEW_RECORDS, 0.0, 0.0
    elif mean_rise < MIN_RISE or confidence < MIN_AGREEMENT:
        status, minutes = LagStatus.NO_CLEAR_PEAK, 0.0
    else:
        status, minutes = LagStatus.OK, best * bin_minutes
    return LagEstimate(
        minutes,
        method,
        confidence,
        tuple(per_goal),
        status,
        rise=mean_rise,
        profile=tuple(float(p) for p in profile),
    )


def _log_rise(counts: npt.NDArray[np.float64], before: int) -> npt.NDArray[np.float64]:
    """log((v + 1) / (mean of the ``before`` bins before + 1)); NaN where there are none."""
    cumulative = np.concatenate(([0.0], np.cumsum(counts)))
    rise = np.full(len(counts), np.nan)
    if len(counts) > before:
        at = np.arange(before, len(counts))
        baseline = (cumulative[at] - cumulative[at - before]) / before
        rise[before:] = np.log((counts[before:] + 1) / (baseline + 1))
    return rise


def _regular(volume: pd.Series) -> npt.NDArray[np.float64]:
    index = np.asarray(volume.index)
    if len(index) and (index.dtype.kind not in "iu" or np.any(np.diff(index) != 1)):
        raise ValueError(
            "the volume must be indexed by consecutive integer keys; MinuteSeries.table() "
            "fills the gaps"
        )
    return np.asarray(volume, dtype=np.float64)


def _bin_name(bin_minutes: float) -> str:
    if bin_minutes >= 1 and float(bin_minutes).is_integer():
        return f"{int(bin_minutes)}-minute"
    return f"{bin_minutes * 60:g}-second"
