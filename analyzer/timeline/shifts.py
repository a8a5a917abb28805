"""Mood shifts: the mean mood just before and just after each goal, and their difference."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from analyzer.timeline.series import MinuteSeries
from analyzer.timeline.stats import CONFIDENCE, SampleStats, t_quantile

# Minutes on each side of a goal. Five holds the burst of reactions (most of it within two
# or three minutes of the goal plus the stream's lag) and enough calmer minutes before it
# to compare with, while rarely reaching back past the previous goal.
WINDOW_MINUTES = 5


@dataclass(frozen=True, slots=True)
class MoodShift:
    """The mood on both sides of one goal: counts, means, and the difference after - before.

    Windows are minute keys, inclusive: ``before`` covers ``before_first`` to
    ``before_last``, ``after`` the minutes from ``after_first`` to ``after_last``.
    ``ci_low``/``ci_high`` bound the difference at the 95% level (Welch); they are NaN
    when a side has fewer than two scored records.
    """

    goal: float
    before_first: int
    before_last: int
    after_first: int
    after_last: int
    before_n: int
    before_mean: float
    after_n: int
    after_mean: float
    difference: float
    ci_low: float
    ci_high: float

    @property
    def significant(self) -> bool:
        """Whether the interval leaves out 0: the mood moved, beyond chance."""
        return self.ci_low > 0 or self.ci_high < 0


def mood_shifts(
    series: MinuteSeries,
    goals: Sequence[float],
    *,
    window: int = WINDOW_MINUTES,
    lag: float = 0.0,
    confidence: float = CONFIDENCE,
) -> list[MoodShift]:
    """Mean mood before and after each goal, from the per-minute sums (exact, not resampled).

    ``series`` and ``goals`` share a clock: match-clock positions (``Match.position``)
    for a series keyed by match minute, wall-clock minutes for one keyed by epoch
    minute. A goal at ``g`` (plus ``lag``, the stream's delay, see ``analyzer.timeline.lag``)
    splits the minutes at key ``floor(g + lag)``: the ``window`` minutes before it are
    "before", that minute and the ``window - 1`` after it are "after". ``Match.position``
    gives the end of the goal's minute, so with lag 0 the goal's own minute counts as
    before. Windows are not cut at neighbouring goals: with goals closer than
    ``window`` minutes, a side holds the other goal's reaction too.

    The difference's interval is Welch's: (after - before) ± t(ν) · √(s₁²/n₁ + s₂²/n₂),
    ν from the Welch-Satterthwaite equation.
    """
    if window < 1:
        raise ValueError(f"the window must be at least 1 minute, not {window}")
    shifts = []
    for goal in goals:
        split = math.floor(goal + lag)
        before = series.stats(split - window, split - 1)
        after = series.stats(split, split + window - 1)
        low, high = welch_interval(before, after, confidence=confidence)
        shifts.append(
            MoodShift(
                goal=goal,
                before_first=split - window,
                before_last=split - 1,
                after_first=split,
                after_last=split + window - 1,
                before_n=before.count,
                before_mean=before.mean,
                after_n=after.count,
                after_mean=after.mean,
                difference=after.mean - before.mean,
                ci_low=low,
                ci_high=high,
            )
        )
    return shifts


def welch_interval(
    before: SampleStats, after: SampleStats, *, confidence: float = CONFIDENCE
) -> tuple[float, float]:
    """Confidence interval of after.mean - before.mean without assuming equal variances.

    NaNs when either side has fewer than two values; a zero-width interval when both
    sides are constant.
    """
    if before.count < 2 or after.count < 2:
        return (math.nan, math.nan)
    difference = after.mean - before.mean
    a = before.variance / before.count
    b = after.variance / after.count
    if a + b == 0:
        return (difference, difference)
    df = (a + b) ** 2 / (a * a / (before.count - 1) + b * b / (after.count - 1))
    half = t_quantile(0.5 + confidence / 2, df) * math.sqrt(a + b)
    return (difference - half, difference + half)
