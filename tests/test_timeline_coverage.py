"""A stream's coverage: late starts, early ends and gaps are found, and bursts are never measured against them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analyzer.matches import shipped
from analyzer.matches.clock import MatchClock
from analyzer.timeline.coverage import Gap, covered_minutes, describe, stream_coverage
from analyzer.timeline.series import MinuteSeries
from analyzer.timeline.spikes import attach_moments, detect_spikes, find_spikes

KICKOFF = pd.Timestamp("2018-07-02T18:00:00Z").timestamp() / 60  # BEL-JPN, epoch minutes


def series_of(volumes: dict[int, int]) -> MinuteSeries:
    series = MinuteSeries()
    minutes = np.repeat(np.array(list(volumes), dtype=np.int64), list(volumes.values()))
    series.add(minutes, np.zeros(len(minutes)))
    return series


@pytest.mark.parametrize(
    ("volume", "gaps"),
    [
        ([5] * 30 + [0] * 10 + [5] * 30, [(30, 10)]),
        ([5] * 30 + [0] * 2 + [5] * 30, []),  # two empty minutes: shorter than any gap
        ([1, 0] * 40, []),  # a sparse stream: single empty minutes are chance
        ([1] + [0] * 5 + [1] + [0] * 6 + [1] * 20, []),  # rate 0.66/min: 6 empty is chance-ish
        ([20] * 20 + [0] * 3 + [20] * 20, [(20, 3)]),  # a busy stream: 3 empty minutes is a gap
    ],
)
def test_gaps_are_runs_of_empty_minutes_too_long_for_the_rate(volume, gaps) -> None:
    covered = covered_minutes(np.array(volume, dtype=float))
    assert not covered[0] and not covered[-1]  # partial minutes at the edges
    expected = np.ones(len(volume), dtype=bool)
    expected[0] = expected[-1] = False
    for start, length in gaps:
        expected[start - 1 : start + length + 1] = False
    assert covered.tolist() == expected.tolist()


def test_a_stream_that_starts_late_and_drops_out_says_so() -> None:
    match = shipped().find("BEL-JPN")
    clock = MatchClock.for_match(match, lag=2.0)
    start = int(KICKOFF) + 2 + 7  # seven minutes after the kick-off shows in the stream
    volumes = {m: 30 for m in range(start, start + 130) if not start + 40 <= m < start + 52}
    coverage = stream_coverage(series_of(volumes), match, clock)
    assert coverage is not None
    assert coverage.starts_late == pytest.approx(7.0)
    assert coverage.gaps == (Gap(start + 40, 12),)
    assert coverage.ends_early is None  # 130 minutes run past the final whistle (about 112)
    assert describe(coverage) == [
        "The data starts 7 min after kick-off (18:09 UTC).",
        "No tweets for 12 min from 18:49 UTC: a gap in the collection, not a lull.",
    ]


def test_a_burst_at_the_start_of_the_data_or_after_a_gap_is_not_a_spike() -> None:
    # The collection starts mid-minute (a partial first minute), and resumes after a gap.
    volume = pd.Series([3] + [40] * 30 + [0] * 10 + [40] * 30, dtype=float)
    assert [s.start for s in detect_spikes(volume)] == [1, 41]  # against missing minutes
    covered = covered_minutes(volume.to_numpy())
    assert detect_spikes(volume, covered=covered) == []
    series = series_of({1000 + i: int(v) for i, v in enumerate(volume) if v})
    assert find_spikes(series) == []


def test_a_burst_far_from_every_moment_is_tied_to_none() -> None:
    volume = pd.Series([10] * 20 + [60] * 5 + [10] * 20 + [60] * 5 + [10] * 10, dtype=float)
    found = detect_spikes(volume)
    assert [s.start for s in found] == [20, 45]
    moments = [(18.0, "48' Haraguchi"), (70.0, "Full time")]
    tied = attach_moments(found, moments, lag=0.0)
    assert tied[0].moment is not None and tied[0].moment.label == "48' Haraguchi"
    assert tied[1].moment is None  # 27 minutes after one moment, 25 before the next
    lagged = attach_moments(found, [(14.0, "48' Haraguchi")], lag=3.0)  # 6 min later, lag 3
    assert lagged[0].moment is not None and lagged[0].moment.distance == 6.0
